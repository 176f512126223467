import { useMemo } from 'preact/hooks';
import type { SetState, ViewProps } from '../app.tsx';
import { fourWay, pointFor } from '../compute.ts';
import { fullNumber, smallNumber } from '../format.ts';
import type { State } from '../state.ts';
import { DownloadButton } from '../ui.tsx';

const METHOD_DETAIL = { symbolic: '', forward: ' (dual numbers)', reverse: ' (tape)', numeric: ' (central differences)' } as const;

/** Fields and sliders for the variables of the point. */
export function PointFields({ vars, state, set }: { vars: readonly string[]; state: State; set: SetState }) {
  const at = pointFor(vars, state.at);
  const put = (v: string, x: number): void => {
    if (Number.isFinite(x)) set({ at: { ...state.at, ...at, [v]: x } });
  };
  return (
    <fieldset class="point">
      <legend>the point</legend>
      {vars.length === 0 && <span class="muted">f has no variables</span>}
      {vars.map((v) => (
        <div class="var" key={v}>
          <label for={`at-${v}`}>{v} =</label>
          <input id={`at-${v}`} class="at" type="number" step="any" value={at[v]} onChange={(e) => put(v, Number((e.target as HTMLInputElement).value))} />
          <input
            type="range"
            aria-label={`${v} slider`}
            min={Math.min(-5, Math.floor(at[v]!))}
            max={Math.max(5, Math.ceil(at[v]!))}
            step={0.05}
            value={at[v]}
            onInput={(e) => put(v, Number((e.target as HTMLInputElement).value))}
          />
        </div>
      ))}
    </fieldset>
  );
}

export function CompareView({ state, set, read }: ViewProps) {
  const vars = read.vars;
  const at = pointFor(vars, state.at);
  const key = JSON.stringify(at);
  const r = useMemo(() => fourWay(read.expr, at), [read.expr, key]);
  return (
    <div class="compare">
      <PointFields vars={vars} state={state} set={set} />
      {!r.ok ? (
        <p class="error" role="alert">
          {r.message}
        </p>
      ) : (
        <>
          <div class="table-wrap">
            <table id="fourway" class="fourway">
              <caption>value and gradient by four methods</caption>
              <thead>
                <tr>
                  <th scope="col">method</th>
                  <th scope="col">f</th>
                  {r.report.vars.map((v) => (
                    <th scope="col" key={v}>
                      ∂f/∂{v}
                    </th>
                  ))}
                  <th scope="col">cost</th>
                </tr>
              </thead>
              <tbody>
                {(['symbolic', 'forward', 'reverse', 'numeric'] as const).map((m) => {
                  const res = r.report.methods[m];
                  return (
                    <tr key={m} data-method={m}>
                      <th scope="row">
                        {m}
                        <span class="detail">{METHOD_DETAIL[m]}</span>
                      </th>
                      <td class="num">{res.error ? '—' : fullNumber(res.value)}</td>
                      {r.report.vars.map((v) => (
                        <td class="num" key={v}>
                          {res.error ? '—' : fullNumber(res.gradient[v] ?? NaN)}
                          {m === 'numeric' && res.errorEstimate?.[v] !== undefined ? <span class="muted"> ± {smallNumber(res.errorEstimate[v]!)}</span> : null}
                        </td>
                      ))}
                      <td class="muted cost">{res.error ?? res.cost}</td>
                    </tr>
                  );
                })}
              </tbody>
              <tbody class="diffs">
                {(['symbolic', 'forward', 'numeric'] as const).map((m) => (
                  <tr key={m}>
                    <th scope="row">{m} − reverse</th>
                    <td></td>
                    {r.report.vars.map((v) => (
                      <td class="num" key={v}>
                        {smallNumber(r.report.differences[m][v] ?? NaN)}
                      </td>
                    ))}
                    <td></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p id="check-verdict" class={r.report.agree ? 'verdict good' : 'verdict bad'}>
            <strong>{r.report.agree ? '✓ all four agree' : '✗ they disagree'}</strong> (symbolic and forward within {r.report.tolerances.exactRtol} relative of reverse; numeric within {r.report.tolerances.atol} + {r.report.tolerances.rtol}·|n|)
          </p>
          {r.report.problems.map((p) => (
            <p key={p} class="note bad">
              {p}
            </p>
          ))}
          {r.report.notes.map((n) => (
            <p key={n} class="note">
              {n}
            </p>
          ))}
          <div class="export">
            export <DownloadButton label="JSON" name="four-way.json" type="application/json" text={() => JSON.stringify({ expr: state.expr, readAs: read.ascii, ...r.report }, null, 2)} />
          </div>
        </>
      )}
    </div>
  );
}
