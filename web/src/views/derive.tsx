import { useMemo } from 'preact/hooks';
import type { ViewProps } from '../app.tsx';
import { upperIndex, asciiOf, checkAnswer, exportsOf, derivatives, errorMessage, latexOf, pointFor, stepsOf, unicodeOf, valueAt, verdictText, type Derived } from '../compute.ts';
import { fileName, fullNumber, sizeNumber } from '../format.ts';
import { MODES, type Mode } from '../state.ts';
import { CopyButton, DownloadButton, Tex } from '../ui.tsx';

const MODE_NAMES: Record<Mode, string> = { d: 'derivative', grad: 'gradient ∇f', hessian: 'Hessian', laplacian: 'Laplacian ∇²f' };

export function DeriveView({ state, set, read }: ViewProps) {
  const vars = read.vars;
  const wrt = state.wrt !== '' && vars.includes(state.wrt) ? state.wrt : (vars[0] ?? 'x');
  const result = useMemo(() => {
    try {
      return { ok: true as const, list: derivatives(read.expr, state.mode, wrt, state.order) };
    } catch (err) {
      return { ok: false as const, message: errorMessage(err) };
    }
  }, [read.expr, state.mode, wrt, state.order]);
  const showSteps = state.mode === 'd' && state.order === 1;
  const steps = useMemo(() => (showSteps ? stepsOf(read.expr, wrt) : undefined), [read.expr, wrt, showSteps]);
  return (
    <div class="derive">
      <div class="controls" role="group" aria-label="what to compute">
        <label>
          compute{' '}
          <select value={state.mode} onChange={(e) => set({ mode: (e.target as HTMLSelectElement).value as Mode })}>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_NAMES[m]}
              </option>
            ))}
          </select>
        </label>
        {state.mode === 'd' && (
          <>
            <label>
              with respect to{' '}
              <select id="wrt" value={wrt} onChange={(e) => set({ wrt: (e.target as HTMLSelectElement).value })}>
                {(vars.length > 0 ? vars : ['x']).map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
            <label>
              order{' '}
              <input type="number" min={1} max={8} value={state.order} onChange={(e) => set({ order: Math.min(8, Math.max(1, Math.round(Number((e.target as HTMLInputElement).value)) || 1)) })} />
            </label>
          </>
        )}
      </div>
      {!result.ok ? (
        <p class="error" role="alert">
          {result.message}
        </p>
      ) : (
        <>
          {state.mode === 'hessian' && vars.length > 1 && <HessianMatrix vars={vars} list={result.list} />}
          <div class="results" aria-live="polite">
            {result.list.map((d, i) => (
              <ResultCard key={i} d={d} at={pointFor(vars, state.at)} />
            ))}
          </div>
          <div class="export">
            export{' '}
            <DownloadButton label="PyTorch" name={fileName(state.expr, 'py')} type="text/x-python" text={() => exportsOf(read.expr).pytorch} />
            <DownloadButton label="ONNX" name={fileName(state.expr, 'onnx')} type="application/octet-stream" text={() => exportsOf(read.expr).onnx} />
            <DownloadButton label="LaTeX" name="derivatives.tex" type="text/x-tex" text={() => result.list.map((d) => `${d.label} f = ${latexOf(d.simplified)}`).join('\n')} />
            <DownloadButton
              label="JSON"
              name="derivatives.json"
              type="application/json"
              text={() =>
                JSON.stringify(
                  {
                    expr: state.expr,
                    readAs: read.ascii,
                    results: result.list.map((d) => ({ derivative: d.name, simplified: asciiOf(d.simplified), raw: asciiOf(d.raw), sizes: { raw: d.rawSizes, simplified: d.simplifiedSizes }, assumptions: d.assumptions, notes: d.notes })),
                  },
                  null,
                  2,
                )
              }
            />
          </div>
          {steps && (
            <section class="steps" aria-label="steps">
              <h2>Steps</h2>
              {steps.ok ? (
                <ol>
                  {steps.steps.map((s, i) => (
                    <li key={i} style={{ marginLeft: `${s.depth * 1.2}em` }}>
                      <Tex src={s.latex} label={s.unicode} /> <span class="rule">[{s.rule}]</span>
                    </li>
                  ))}
                </ol>
              ) : (
                <p class="muted">{steps.message}</p>
              )}
            </section>
          )}
          {state.mode === 'd' && result.list[0] && <AnswerCheck derivative={result.list[0]} state={state} set={set} />}
        </>
      )}
    </div>
  );
}

/** The Hessian as a symmetric matrix, from its upper triangle (row by row). */
function HessianMatrix({ vars, list }: { vars: readonly string[]; list: readonly Derived[] }) {
  const n = vars.length;
  const at = (i: number, j: number): Derived => list[upperIndex(n, i, j)]!;
  const rows = vars.map((_, i) => vars.map((_, j) => latexOf(at(i, j).simplified)).join(' & ')).join(' \\\\ ');
  const text = vars.map((_, i) => vars.map((_, j) => unicodeOf(at(i, j).simplified)).join(', ')).join('; ');
  return (
    <div class="math-line" id="hessian-matrix">
      <Tex src={`H f = \\begin{pmatrix} ${rows} \\end{pmatrix}`} block label={`Hessian, rows ${vars.join(', ')}: ${text}`} />
    </div>
  );
}

function ResultCard({ d, at }: { d: Derived; at: Record<string, number> }) {
  const simple = latexOf(d.simplified);
  const v = valueAt(d.simplified, at);
  const where = Object.entries(at)
    .map(([k, x]) => `${k} = ${fullNumber(x)}`)
    .join(', ');
  return (
    <article class="result">
      <div class="math-line">
        <Tex src={`${d.label} f = ${simple}`} block label={`${d.name} f = ${unicodeOf(d.simplified)}`} />
      </div>
      <div class="result-text">
        <code class="unicode">{unicodeOf(d.simplified)}</code>
        <CopyButton text={simple} what="LaTeX" />
        <CopyButton text={asciiOf(d.simplified)} what="ASCII" />
      </div>
      <p class="value-at">{v.ok ? `= ${fullNumber(v.value)} at ${where || 'any point'}` : `at ${where}: ${v.message}`}</p>
      {d.assumptions.length > 0 && <p class="note">where {d.assumptions.join(', ')} (it equals the derivative wherever that is defined)</p>}
      {d.notes.map((n) => (
        <p key={n} class="note">
          {n}
        </p>
      ))}
      <details>
        <summary>raw chain-rule form and swell</summary>
        <div class="raw">
          <Tex src={latexOf(d.raw)} block label={unicodeOf(d.raw)} />
          <CopyButton text={latexOf(d.raw)} what="LaTeX" />
          <CopyButton text={asciiOf(d.raw)} what="ASCII" />
        </div>
      </details>
      <table class="sizes">
        <caption>expression swell</caption>
        <thead>
          <tr>
            <th scope="col"></th>
            <th scope="col">tree nodes</th>
            <th scope="col">DAG nodes</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">raw</th>
            <td>{sizeNumber(d.rawSizes.tree)}</td>
            <td>{sizeNumber(d.rawSizes.dag)}</td>
          </tr>
          <tr>
            <th scope="row">simplified</th>
            <td>{sizeNumber(d.simplifiedSizes.tree)}</td>
            <td>{sizeNumber(d.simplifiedSizes.dag)}</td>
          </tr>
        </tbody>
      </table>
    </article>
  );
}

function AnswerCheck({ derivative, state, set }: { derivative: Derived; state: ViewProps['state']; set: ViewProps['set'] }) {
  const check = useMemo(() => (state.answer.trim() === '' ? undefined : checkAnswer(derivative.simplified, state.answer, state.vars)), [derivative, state.answer, state.vars]);
  return (
    <section class="answer" aria-label="check my answer">
      <h2>Check my answer</h2>
      <label for="answer">
        your <Tex src={`${derivative.label} f`} label={`${derivative.name} f`} /> ={' '}
      </label>
      <input id="answer" type="text" spellcheck={false} autocomplete="off" value={state.answer} placeholder="type your derivative" onInput={(e) => set({ answer: (e.target as HTMLInputElement).value })} />
      <div id="verdict" aria-live="polite">
        {check === undefined ? null : !check.ok ? (
          <p class="error">{check.message}</p>
        ) : (
          <p class={check.report.equal ? 'verdict good' : 'verdict bad'}>
            <strong>{check.report.equal ? '✓ ' : '✗ '}</strong>
            {verdictText(check.report)}
          </p>
        )}
      </div>
    </section>
  );
}
