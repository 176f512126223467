import { renderDot } from 'difflab';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ViewProps } from '../app.tsx';
import { pointFor } from '../compute.ts';
import { fileName } from '../format.ts';
import { buildSweep, type SweepFrame } from '../sweep.ts';
import { DownloadButton } from '../ui.tsx';
import { PointFields } from './compare.tsx';

/** Graphs with more operations than this are drawn on request only. */
const COLLAPSE_AT = 60;

export function GraphView({ state, set, read }: ViewProps) {
  const vars = read.vars;
  const at = pointFor(vars, state.at);
  const key = JSON.stringify(at);
  const pathsWrt = state.pathsWrt !== '' && vars.includes(state.pathsWrt) ? state.pathsWrt : (vars[0] ?? '');
  const sweep = useMemo(() => buildSweep(read.expr, at, state.traceMode, pathsWrt), [read.expr, key, state.traceMode, pathsWrt]);
  const [frame, setFrame] = useState(0);
  const [expanded, setExpanded] = useState(false);
  useEffect(() => setFrame(0), [sweep]);
  if (!sweep.ok) {
    return (
      <div class="graph-view">
        <PointFields vars={vars} state={state} set={set} />
        <p class="error" role="alert">
          {sweep.message}
        </p>
      </div>
    );
  }
  const s = sweep.sweep;
  const f = s.frames[Math.min(frame, s.frames.length - 1)]!;
  const last = s.frames.length - 1;
  const collapsed = s.graph.nodes.length > COLLAPSE_AT && !expanded;
  return (
    <div class="graph-view">
      <PointFields vars={vars} state={state} set={set} />
      <div class="controls" role="group" aria-label="sweep">
        <label>
          mode{' '}
          <select value={state.traceMode} onChange={(e) => set({ traceMode: (e.target as HTMLSelectElement).value as 'forward' | 'reverse' })}>
            <option value="reverse">reverse (adjoints)</option>
            <option value="forward">forward (tangents)</option>
          </select>
        </label>
        {vars.length > 0 && (
          <label>
            {state.traceMode === 'forward' ? 'seed ẋ = 1 for' : 'paths to'}{' '}
            <select value={pathsWrt} onChange={(e) => set({ pathsWrt: (e.target as HTMLSelectElement).value })}>
              {vars.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={() => setFrame(0)} disabled={frame === 0}>
          « start
        </button>
        <button type="button" onClick={() => setFrame(Math.max(0, frame - 1))} disabled={frame === 0} aria-label="step back">
          ◀ back
        </button>
        <button type="button" id="step" onClick={() => setFrame(Math.min(last, frame + 1))} disabled={frame >= last} aria-label="step forward">
          step ▶
        </button>
        <button type="button" onClick={() => setFrame(last)} disabled={frame >= last}>
          end »
        </button>
        <span class="muted" aria-live="polite" id="frame-label">
          {f.label} ({frame}/{last})
        </span>
      </div>
      <div class="graph-and-table">
        <div class="graph-box">
          {collapsed ? (
            <p class="muted">
              The graph has {s.graph.nodes.length} nodes; it is collapsed.{' '}
              <button type="button" onClick={() => setExpanded(true)}>
                draw it anyway
              </button>
            </p>
          ) : (
            <GraphSvg dot={s.graph.dot} frame={f} />
          )}
          <div class="export">
            export <DownloadButton label="DOT" name={fileName(state.expr, 'dot')} type="text/vnd.graphviz" text={() => s.graph.dot} />
            <DownloadButton label="SVG" name={fileName(state.expr, 'svg')} type="image/svg+xml" text={() => document.querySelector('#graph-svg svg')?.outerHTML ?? ''} />
          </div>
        </div>
        <TraceTable frame={f} sweep={s} />
      </div>
      <Gradient frame={f} sweep={s} />
      {s.paths && (
        <section class="paths" aria-label="sum over paths">
          <h2>
            Sum over paths: ∂f/∂{s.paths.input} = {s.paths.totalText}
          </h2>
          <ol>
            {s.paths.rows.map((p, i) => (
              <li key={i}>
                <span class="path">{p.via}</span>: <span class="num">{p.factors}</span> = <strong>{p.product}</strong>
              </li>
            ))}
          </ol>
          {s.paths.truncated && <p class="muted">more paths than listed; the total counts them all</p>}
        </section>
      )}
    </div>
  );
}

/** The Graphviz drawing, with the current node and the nodes already done marked. */
function GraphSvg({ dot, frame }: { dot: string; frame: SweepFrame }) {
  const box = useRef<HTMLDivElement>(null);
  const [svg, setSvg] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    setError(undefined);
    renderDot(dot)
      .then((s) => live && setSvg(s))
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)));
    return () => {
      live = false;
    };
  }, [dot]);
  useEffect(() => {
    const root = box.current;
    if (!root) return;
    for (const g of root.querySelectorAll<SVGGElement>('g.node, g.edge')) {
      const title = g.querySelector('title')?.textContent ?? '';
      g.classList.toggle('current', frame.current.includes(title));
      g.classList.toggle('done', frame.done.includes(title));
    }
  }, [svg, frame]);
  if (error !== undefined) return <p class="error">{error}</p>;
  if (svg === undefined) return <p class="muted">drawing the graph…</p>;
  return <div id="graph-svg" ref={box} class="graph-svg" role="img" aria-label="computational graph with values, adjoints and local partials" dangerouslySetInnerHTML={{ __html: svg }} />;
}

function TraceTable({ frame, sweep }: { frame: SweepFrame; sweep: ReturnType<typeof buildSweep> extends infer R ? (R extends { ok: true; sweep: infer S } ? S : never) : never }) {
  return (
    <div class="table-wrap trace">
      <table id="trace-table">
        <caption>evaluation trace{sweep.mode === 'forward' ? ' with tangents' : ' and adjoint trace'}</caption>
        <thead>
          <tr>
            <th scope="col">node</th>
            <th scope="col">operation</th>
            <th scope="col">value</th>
            <th scope="col">{sweep.mode === 'forward' ? 'tangent' : 'adjoint'}</th>
          </tr>
        </thead>
        <tbody>
          {sweep.rows.map((r) => (
            <tr key={r.v} class={frame.rows.current === r.v ? 'current' : ''}>
              <th scope="row">{r.v}</th>
              <td>{r.text}</td>
              <td class="num">{frame.rows.values[r.v] ?? ''}</td>
              <td class="num">{frame.rows.second[r.v] ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {frame.equation && (
        <p class="equation" aria-live="polite">
          {frame.equation}
        </p>
      )}
    </div>
  );
}

function Gradient({ frame, sweep }: { frame: SweepFrame; sweep: { mode: string; inputs: readonly { v: string; name: string; label: string }[]; output: string } }) {
  return (
    <p id="gradient-so-far" class="gradient">
      {sweep.mode === 'forward'
        ? frame.result ?? 'the derivative appears at the end of the forward sweep'
        : sweep.inputs.map((x) => (
            <span key={x.v} class="grad-item">
              ∂f/∂{x.label} = {frame.gradient[x.name] ?? '…'}
            </span>
          ))}
    </p>
  );
}
