import { compile, diff, numeric, reverse, type SwellTable } from 'difflab';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ViewProps } from '../app.tsx';
import { errorMessage, pointFor } from '../compute.ts';
import { fileName, fullNumber, sizeNumber, smallNumber } from '../format.ts';
import { FAMILIES, type State } from '../state.ts';
import { DownloadButton, LinePlot, type Series } from '../ui.tsx';
import type { SwellReply, SwellRequest } from '../swell-worker.ts';
import { PointFields } from './compare.tsx';

const SAMPLES = 241;

export function PlotsView({ state, set, read }: ViewProps) {
  const vars = read.vars;
  const x = state.wrt !== '' && vars.includes(state.wrt) ? state.wrt : vars[0];
  const at = pointFor(vars, state.at);
  const key = JSON.stringify(at);
  const curves = useMemo(() => {
    if (x === undefined) return { ok: false as const, message: 'f has no variables to plot against' };
    try {
      const d = diff(read.expr, x);
      const names = [...vars];
      const f = compile(read.expr, { vars: names });
      const df = compile(d, { vars: names });
      const k = names.indexOf(x);
      const args = Float64Array.from(names, (n) => at[n]!);
      const along = (g: typeof f) => (t: number): number => {
        const a = Float64Array.from(args);
        a[k] = t;
        return g.fromArray(a);
      };
      const f1 = along(f);
      const df1 = along(df);
      const lo = Math.min(state.lo, state.hi);
      const hi = Math.max(state.lo, state.hi);
      const xs = Array.from({ length: SAMPLES }, (_, i) => lo + ((hi - lo) * i) / (SAMPLES - 1));
      const x0 = at[x]!;
      const y0 = f1(x0);
      const s0 = df1(x0);
      const series: Series[] = [
        { name: 'f', color: '#1d4ed8', points: xs.map((t) => [t, f1(t)] as const) },
        // f′ only where f itself is defined (a simplified derivative can be defined on more points)
        { name: `∂f/∂${x}`, color: '#dc2626', points: xs.map((t) => [t, Number.isFinite(f1(t)) ? df1(t) : NaN] as const) },
        { name: `tangent at ${x} = ${x0}`, color: '#059669', dash: '5 4', points: xs.map((t) => [t, y0 + s0 * (t - x0)] as const) },
      ];
      let sweepRows: readonly numeric.SweepRow[] = [];
      let sweepNote = '';
      try {
        const exact = reverse.gradient(read.expr, at, names).gradient[x]!;
        sweepRows = numeric.sweep(f1, x0, exact);
        sweepNote = `against reverse mode's ∂f/∂${x} = ${fullNumber(exact)}`;
      } catch (err) {
        sweepNote = errorMessage(err);
      }
      return { ok: true as const, series, x0, y0, s0, sweepRows, sweepNote };
    } catch (err) {
      return { ok: false as const, message: errorMessage(err) };
    }
  }, [read.expr, key, x, state.lo, state.hi]);
  return (
    <div class="plots">
      <PointFields vars={vars} state={state} set={set} />
      <div class="controls" role="group" aria-label="interval">
        {vars.length > 1 && (
          <label>
            along{' '}
            <select value={x} onChange={(e) => set({ wrt: (e.target as HTMLSelectElement).value })}>
              {vars.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          from <input type="number" step="any" value={state.lo} onChange={(e) => num(e, (lo) => set({ lo }))} />
        </label>
        <label>
          to <input type="number" step="any" value={state.hi} onChange={(e) => num(e, (hi) => set({ hi }))} />
        </label>
      </div>
      {!curves.ok ? (
        <p class="error">{curves.message}</p>
      ) : (
        <div class="plot-grid">
          <section>
            <h2>
              f and ∂f/∂{x} with the tangent at {x} = {curves.x0}
            </h2>
            <LinePlot id="plot-f" title={`f and its derivative along ${x}`} xLabel={x!} yLabel="" series={curves.series} marks={[{ x: curves.x0, y: curves.y0, color: '#059669' }]} />
            <div class="export">
              export <DownloadButton label="SVG" name={fileName(`${state.expr} plot`, 'svg')} type="image/svg+xml" text={() => document.getElementById('plot-f')?.outerHTML ?? ''} />
            </div>
          </section>
          <section>
            <h2>Central-difference step size</h2>
            <p class="muted">relative error of the difference quotient {curves.sweepNote}</p>
            {curves.sweepRows.length > 0 && (
              <>
                <LinePlot
                  id="plot-sweep"
                  title="error against step size h"
                  xLabel="h"
                  yLabel="relative error"
                  logX
                  logY
                  series={[
                    { name: 'central (f(x+h) − f(x−h))/2h', color: '#7c3aed', points: curves.sweepRows.map((r) => [r.h, r.central] as const) },
                    { name: 'forward (f(x+h) − f(x))/h', color: '#ea580c', dash: '5 4', points: curves.sweepRows.map((r) => [r.h, r.forward] as const) },
                  ]}
                />
                <p class="muted">
                  best central step h = {smallNumber(best(curves.sweepRows).h)} (error {smallNumber(best(curves.sweepRows).central)}): truncation error falls as h², rounding error grows as 1/h. Exact zeros are not drawn on the log scale.
                </p>
                <div class="export">
                  export <DownloadButton label="SVG" name="step-size-sweep.svg" type="image/svg+xml" text={() => document.getElementById('plot-sweep')?.outerHTML ?? ''} />
                  <DownloadButton label="JSON" name="step-size-sweep.json" type="application/json" text={() => JSON.stringify(curves.sweepRows, null, 2)} />
                </div>
              </>
            )}
          </section>
        </div>
      )}
      <SwellSection state={state} set={set} />
    </div>
  );
}

const best = (rows: readonly numeric.SweepRow[]): numeric.SweepRow => rows.reduce((a, b) => (b.central < a.central ? b : a));

function num(e: Event, put: (v: number) => void): void {
  const v = Number((e.target as HTMLInputElement).value);
  if (Number.isFinite(v)) put(v);
}

function SwellSection({ state, set }: { state: State; set: ViewProps['set'] }) {
  const [table, setTable] = useState<{ ok: true; t: SwellTable } | { ok: false; message: string } | undefined>();
  const worker = useRef<Worker | undefined>(undefined);
  const asked = useRef(0);
  useEffect(() => {
    const w = new Worker(new URL('../swell-worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (ev: MessageEvent<SwellReply>) => {
      if (ev.data.id !== asked.current) return; // an answer to an older question
      setTable(ev.data.ok ? { ok: true, t: ev.data.table } : { ok: false, message: ev.data.message });
    };
    worker.current = w;
    return () => w.terminate();
  }, []);
  useEffect(() => {
    asked.current++;
    setTable(undefined);
    worker.current?.postMessage({ id: asked.current, family: state.family, n: state.familyN } satisfies SwellRequest);
  }, [state.family, state.familyN]);
  return (
    <section class="swell">
      <h2>Expression swell of a family</h2>
      <div class="controls">
        <label>
          family{' '}
          <select value={state.family} onChange={(e) => set({ family: (e.target as HTMLSelectElement).value as State['family'] })}>
            {FAMILIES.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
        </label>
        <label>
          up to n ={' '}
          <input type="number" min={1} max={40} value={state.familyN} onChange={(e) => num(e, (n) => set({ familyN: Math.max(1, Math.min(40, Math.round(n))) }))} />
        </label>
      </div>
      {table === undefined ? (
        <p class="muted" id="swell-pending">measuring…</p>
      ) : !table.ok ? (
        <p class="error">{table.message}</p>
      ) : (
        <>
          <p class="muted">{table.t.formula}: sizes of the gradient, on a log scale</p>
          <LinePlot
            id="plot-swell"
            title={`swell of the ${table.t.family} family`}
            xLabel="n"
            yLabel="nodes"
            logY
            series={[
              { name: 'naive derivative, tree', color: '#dc2626', points: table.t.rows.map((r) => [r.n, r.derivative.tree] as const) },
              { name: 'naive derivative, DAG', color: '#dc2626', dash: '5 4', points: table.t.rows.map((r) => [r.n, r.derivative.dag] as const) },
              { name: 'simplified, tree', color: '#1d4ed8', points: table.t.rows.map((r) => [r.n, r.simplified.tree] as const) },
              { name: 'simplified, DAG', color: '#1d4ed8', dash: '5 4', points: table.t.rows.map((r) => [r.n, r.simplified.dag] as const) },
              { name: 'reverse-mode tape', color: '#059669', points: table.t.rows.map((r) => [r.n, r.tape ?? NaN] as const) },
            ]}
          />
          <div class="table-wrap">
            <table class="swell-table">
              <thead>
                <tr>
                  <th scope="col">n</th>
                  <th scope="col">f tree</th>
                  <th scope="col">f DAG</th>
                  <th scope="col">naive tree</th>
                  <th scope="col">naive DAG</th>
                  <th scope="col">simplified tree</th>
                  <th scope="col">simplified DAG</th>
                  <th scope="col">tape</th>
                </tr>
              </thead>
              <tbody>
                {table.t.rows.map((r) => (
                  <tr key={r.n} title={r.note}>
                    <th scope="row">{r.n}</th>
                    <td>{sizeNumber(r.f.tree)}</td>
                    <td>{sizeNumber(r.f.dag)}</td>
                    <td>{sizeNumber(r.derivative.tree)}</td>
                    <td>{sizeNumber(r.derivative.dag)}</td>
                    <td>{sizeNumber(r.simplified.tree)}</td>
                    <td>{sizeNumber(r.simplified.dag)}</td>
                    <td>{r.tape === null ? '—' : sizeNumber(r.tape)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="export">
            export <DownloadButton label="JSON" name={`swell-${table.t.family}.json`} type="application/json" text={() => JSON.stringify(table.t, null, 2)} />
          </div>
        </>
      )}
    </section>
  );
}
