import { graph } from 'difflab';
import { renderDot } from 'difflab/render';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ViewProps } from '../app.tsx';
import { collapse } from '../collapse.ts';
import { pointFor } from '../compute.ts';
import { fileName } from '../format.ts';
import { buildSweep, type Sweep, type SweepFrame } from '../sweep.ts';
import { DownloadButton } from '../ui.tsx';
import { PointFields } from './compare.tsx';

/** Graphs with more operations than this are drawn on request only. */
const COLLAPSE_AT = 30;
const NO_HIGHLIGHT: SweepFrame = { label: '', current: [], done: [], rows: { values: {}, second: {} }, gradient: {} };

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
  const big = s.graph.nodes.length > COLLAPSE_AT;
  const folded = useMemo(() => {
    if (!big) return undefined;
    // the deepest cut that leaves at most COLLAPSE_AT nodes to draw
    let best: (NonNullable<ReturnType<typeof collapse>> & { dot: string; nodes: number }) | undefined;
    try {
      for (let depth = 1; depth <= 64; depth++) {
        const c = collapse(read.expr, at, depth);
        if (!c) break;
        const g = graph(c.expr, c.at);
        if (g.nodes.length > COLLAPSE_AT) break;
        best = { ...c, dot: g.dot, nodes: g.nodes.length };
      }
    } catch {
      // a stand-in outside its domain: no folded drawing
    }
    return best;
  }, [read.expr, key, big]);
  const collapsed = big && !expanded;
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
            <>
              <p class="muted" id="collapsed-note">
                The graph has {s.graph.nodes.length} nodes. {folded ? `Its top ${folded.nodes} are drawn; deeper operations are folded into ${folded.folded.length} stand-ins with their values at the point (values, adjoints and partials above them are those of the whole graph). The sweep is highlighted in the table only.` : 'It is collapsed.'}{' '}
                <button type="button" onClick={() => setExpanded(true)}>
                  draw the whole graph
                </button>
              </p>
              {folded && <GraphSvg dot={folded.dot} frame={NO_HIGHLIGHT} />}
              {folded && (
                <ul class="folded">
                  {folded.folded.map((f) => (
                    <li key={f.name}>
                      <code>{f.name}</code> = {f.text.length > 160 ? `${f.text.slice(0, 160)}…` : f.text}
                    </li>
                  ))}
                </ul>
              )}
            </>
          ) : (
            <>
              {big && (
                <button type="button" class="small" onClick={() => setExpanded(false)}>
                  collapse
                </button>
              )}
              <GraphSvg dot={s.graph.dot} frame={f} />
            </>
          )}
          <div class="export">
            export <DownloadButton label="DOT" name={fileName(state.expr, 'dot')} type="text/vnd.graphviz" text={() => (collapsed && folded ? folded.dot : s.graph.dot)} />
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
  const [fit, setFit] = useState(true);
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
  return (
    <>
      <button type="button" class="small" aria-pressed={!fit} onClick={() => setFit(!fit)}>
        {fit ? 'actual size' : 'fit to width'}
      </button>
      <div id="graph-svg" ref={box} class={fit ? 'graph-svg fit' : 'graph-svg'} role="img" aria-label="computational graph with values, adjoints and local partials" dangerouslySetInnerHTML={{ __html: svg }} />
    </>
  );
}

function TraceTable({ frame, sweep }: { frame: SweepFrame; sweep: Sweep }) {
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

function Gradient({ frame, sweep }: { frame: SweepFrame; sweep: Sweep }) {
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
