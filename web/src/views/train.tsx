import { nn } from 'difflab';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SetState } from '../app.tsx';
import { errorMessage } from '../compute.ts';
import { fullNumber, percent } from '../format.ts';
import type { FromWorker, NeuronSummary, ToWorker } from '../messages.ts';
import { ACTIVATIONS, LOSSES, NEURON_SETS, OPTIMIZERS, parseHidden, type State, taskDefaults, TRAIN_TASKS, type TrainTask } from '../state.ts';
import type { DataView2D, Progress, Regions, TrainConfig } from '../trainer.ts';
import { DownloadButton, LinePlot } from '../ui.tsx';

const CLASS_COLORS = ['#2563eb', '#f97316', '#16a34a'];
const REGION_COLORS = [
  [191, 219, 254],
  [254, 215, 170],
  [187, 247, 208],
];

function useWorker(onMessage: (m: FromWorker) => void): (m: ToWorker) => void {
  const ref = useRef<Worker | undefined>(undefined);
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => {
    const w = new Worker(new URL('../train-worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (ev: MessageEvent<FromWorker>) => handler.current(ev.data);
    ref.current = w;
    return () => w.terminate();
  }, []);
  return (m) => ref.current?.postMessage(m);
}

export function TrainView({ state, set }: { state: State; set: SetState }) {
  const [data, setData] = useState<DataView2D | undefined>();
  const [progress, setProgress] = useState<Progress | undefined>();
  const [regions, setRegions] = useState<Regions | undefined>();
  const [running, setRunning] = useState(false);
  const [history, setHistory] = useState<{ epoch: number; loss: number }[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [neuron, setNeuron] = useState<NeuronSummary | undefined>();
  const send = useWorker((m) => {
    switch (m.type) {
      case 'data':
        setData(m.data);
        setHistory([]);
        setError(undefined);
        break;
      case 'progress':
        setProgress(m.progress);
        setRegions(m.regions);
        setRunning(m.running);
        if (Number.isFinite(m.progress.loss)) setHistory((h) => (h.length > 0 && h[h.length - 1]!.epoch >= m.progress.epoch ? h : [...h, { epoch: m.progress.epoch, loss: m.progress.loss }]));
        break;
      case 'neuron':
        setNeuron(m.result);
        break;
      case 'error':
        setError(m.message);
        setRunning(false);
        break;
    }
  });
  const config: TrainConfig = { task: state.task, hidden: state.hidden, act: state.act, loss: state.loss, opt: state.opt, lr: state.lr, seed: state.seed, points: state.points };
  const configKey = JSON.stringify(config);
  // a new configuration: a fresh network, not yet trained
  useEffect(() => {
    setProgress(undefined);
    send({ type: 'reset', config });
  }, [configKey]);
  const diverged = progress?.diverged;
  return (
    <div class="train">
      <NeuronSection state={state} set={set} result={neuron} train={(d) => send({ type: 'neuron', data: d, epochs: 1000 })} />
      <section class="network" aria-label="train a network">
        <h2>Train a small network</h2>
        <div class="controls" role="group" aria-label="network settings">
          <label>
            data{' '}
            <select id="task" value={state.task} onChange={(e) => set({ task: (e.target as HTMLSelectElement).value as TrainTask, ...taskDefaults((e.target as HTMLSelectElement).value as TrainTask) })}>
              {TRAIN_TASKS.map((t) => (
                <option key={t} value={t}>
                  {t === 'custom' ? 'your points' : t}
                </option>
              ))}
            </select>
          </label>
          <label>
            hidden layers{' '}
            <input
              id="hidden"
              type="text"
              size={6}
              value={state.hidden.join('-')}
              onChange={(e) => {
                const h = parseHidden((e.target as HTMLInputElement).value);
                if (h !== null) set({ hidden: h });
              }}
            />
          </label>
          <Select label="activation" value={state.act} options={ACTIVATIONS} put={(act) => set({ act })} />
          <Select label="loss" value={state.loss} options={LOSSES} put={(loss) => set({ loss })} />
          <Select label="optimizer" value={state.opt} options={OPTIMIZERS} put={(opt) => set({ opt })} />
          <label>
            learning rate{' '}
            <input
              id="lr"
              type="number"
              step="any"
              min="0"
              value={state.lr}
              onChange={(e) => {
                const v = Number((e.target as HTMLInputElement).value);
                if (v > 0 && v <= 100) set({ lr: v });
              }}
            />
          </label>
          <label>
            seed{' '}
            <input type="number" min={0} step={1} value={state.seed} onChange={(e) => set({ seed: Math.max(0, Math.round(Number((e.target as HTMLInputElement).value)) || 0) })} />
          </label>
        </div>
        <div class="controls" role="group" aria-label="training">
          {running ? (
            <button type="button" id="pause" onClick={() => send({ type: 'pause' })}>
              ⏸ pause
            </button>
          ) : (
            <button type="button" id="train" class="primary" onClick={() => send(progress && progress.epoch > 0 && !diverged ? { type: 'resume' } : { type: 'start', config })}>
              ▶ {progress && progress.epoch > 0 && !diverged ? 'resume' : 'train'}
            </button>
          )}
          <button type="button" id="train-step" onClick={() => send({ type: 'step', config })}>
            step one epoch
          </button>
          <button type="button" id="train-reset" onClick={() => send({ type: 'reset', config })}>
            reset
          </button>
          <span id="train-status" aria-live="polite" class="status">
            {progress ? `epoch ${progress.epoch}` : ''}
            {progress && Number.isFinite(progress.loss) ? ` · loss ${progress.loss.toPrecision(4)} · accuracy ${percent(progress.accuracy)}` : ''}
            {running ? ' · training…' : ''}
            {progress?.engine ? <span class="engine"> · {progress.engine}</span> : ''}
          </span>
        </div>
        {diverged !== undefined && (
          <p class="alarm" role="alert" id="nan-alarm">
            ⚠ Training diverged: {diverged}
          </p>
        )}
        {error !== undefined && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="plot-grid">
          <Regions2D data={data} regions={regions} custom={state.task === 'custom'} points={state.points} set={set} />
          <div>
            {history.length > 1 ? (
              <LinePlot id="plot-loss" title="training loss" xLabel="epoch" yLabel="loss" logY series={[{ name: 'loss', color: '#dc2626', points: history.map((h) => [h.epoch, h.loss] as const) }]} />
            ) : (
              <p class="muted">The loss curve appears while the network trains.</p>
            )}
            <div class="export">
              export <DownloadButton label="JSON" name={`train-${state.task}.json`} type="application/json" text={() => JSON.stringify({ config, progress, history }, null, 2)} />
              <DownloadButton label="SVG" name={`regions-${state.task}.svg`} type="image/svg+xml" text={() => regionsSvg(data, regions)} />
            </div>
          </div>
        </div>
      </section>
    </div>
  );
}

function Select<T extends string>({ label, value, options, put }: { label: string; value: T; options: readonly T[]; put: (v: T) => void }) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => put((e.target as HTMLSelectElement).value as T)}>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </label>
  );
}

const SIZE = 320;

/** Decision regions: a small canvas scaled up by CSS, the points as SVG on top. */
function Regions2D({ data, regions, custom, points, set }: { data: DataView2D | undefined; regions: Regions | undefined; custom: boolean; points: State['points']; set: SetState }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    if (!c || !regions) return;
    c.width = regions.n;
    c.height = regions.n;
    const g = c.getContext('2d');
    if (!g) return;
    const img = g.createImageData(regions.n, regions.n);
    for (let i = 0; i < regions.n; i++) {
      for (let j = 0; j < regions.n; j++) {
        const col = REGION_COLORS[regions.cls[i * regions.n + j]!] ?? [220, 220, 220];
        const o = ((regions.n - 1 - j) * regions.n + i) * 4;
        img.data[o] = col[0]!;
        img.data[o + 1] = col[1]!;
        img.data[o + 2] = col[2]!;
        img.data[o + 3] = 255;
      }
    }
    g.putImageData(img, 0, 0);
  }, [regions]);
  const b = regions ?? (custom ? { x0: -2, x1: 2, y0: -2, y1: 2 } : undefined);
  const onClick = (e: MouseEvent): void => {
    if (!custom || !b) return;
    const r = (e.currentTarget as SVGSVGElement).getBoundingClientRect();
    const x = b.x0 + ((e.clientX - r.left) / r.width) * (b.x1 - b.x0);
    const y = b.y1 - ((e.clientY - r.top) / r.height) * (b.y1 - b.y0);
    set({ points: [...points, [Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4, e.shiftKey ? 1 : 0]] });
  };
  const shown = data?.points ?? (custom ? points : []);
  return (
    <figure class="regions">
      <div class="regions-box" style={{ width: `${SIZE}px`, maxWidth: '100%' }}>
        <canvas ref={canvas} class="regions-canvas" aria-hidden="true" />
        {b && (
          <svg id="regions-svg" viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={custom ? 'data and decision regions; click to add a point of class 0, shift-click for class 1' : 'data and decision regions'} onClick={onClick} class={custom ? 'clickable' : ''}>
            {shown.map((p, i) => (
              <circle key={i} cx={((p[0] - b.x0) / (b.x1 - b.x0)) * SIZE} cy={((b.y1 - p[1]) / (b.y1 - b.y0)) * SIZE} r={shown.length > 50 ? 4 : 6} fill={CLASS_COLORS[p[2]] ?? '#000'} stroke="#fff" stroke-width="1.5" />
            ))}
          </svg>
        )}
      </div>
      <figcaption class="muted">
        {custom ? 'Click to add a point of class 0, shift-click for class 1. ' : ''}
        {data ? `${data.points.length} points, ${data.classes} classes` : ''}
        {custom && points.length > 0 && (
          <button type="button" class="small" onClick={() => set({ points: [] })}>
            clear points
          </button>
        )}
      </figcaption>
      {custom && <AddPoint add={(p) => set({ points: [...points, p] })} />}
    </figure>
  );
}

/** Adding a point by typing, for keyboards and screen readers. */
function AddPoint({ add }: { add: (p: readonly [number, number, number]) => void }) {
  const [x1, setX1] = useState('0');
  const [x2, setX2] = useState('0');
  const [cls, setCls] = useState('0');
  const ok = Number.isFinite(Number(x1)) && Number.isFinite(Number(x2)) && x1.trim() !== '' && x2.trim() !== '';
  return (
    <form
      class="controls add-point"
      aria-label="add a point"
      onSubmit={(e) => {
        e.preventDefault();
        if (ok) add([Number(x1), Number(x2), Number(cls)]);
      }}
    >
      <label>
        x₁ <input type="number" step="any" value={x1} onInput={(e) => setX1((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        x₂ <input type="number" step="any" value={x2} onInput={(e) => setX2((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        class{' '}
        <select value={cls} onChange={(e) => setCls((e.target as HTMLSelectElement).value)}>
          <option value="0">0</option>
          <option value="1">1</option>
        </select>
      </label>
      <button type="submit" disabled={!ok}>
        add point
      </button>
    </form>
  );
}

/** The regions and points as a standalone SVG file. */
function regionsSvg(data: DataView2D | undefined, r: Regions | undefined): string {
  if (!data || !r) return '';
  const cell = SIZE / r.n;
  const rects: string[] = [];
  for (let i = 0; i < r.n; i++) {
    for (let j = 0; j < r.n; j++) {
      const c = REGION_COLORS[r.cls[i * r.n + j]!] ?? [220, 220, 220];
      rects.push(`<rect x="${(i * cell).toFixed(2)}" y="${((r.n - 1 - j) * cell).toFixed(2)}" width="${cell.toFixed(2)}" height="${cell.toFixed(2)}" fill="rgb(${c.join(',')})"/>`);
    }
  }
  const dots = data.points.map((p) => `<circle cx="${(((p[0] - r.x0) / (r.x1 - r.x0)) * SIZE).toFixed(2)}" cy="${(((r.y1 - p[1]) / (r.y1 - r.y0)) * SIZE).toFixed(2)}" r="4" fill="${CLASS_COLORS[p[2]] ?? '#000'}" stroke="#fff"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}">${rects.join('')}${dots.join('')}</svg>`;
}

function NeuronSection({ state, set, result, train }: { state: State; set: SetState; result: NeuronSummary | undefined; train: (data: string) => void }) {
  const explain = useMemo(() => {
    try {
      return { ok: true as const, r: nn.explainGraph(nn.NEURON_SEED_GRAPH, { x: 1, w: 0, b: 0 }) };
    } catch (err) {
      return { ok: false as const, message: errorMessage(err) };
    }
  }, []);
  return (
    <section class="neuron" aria-label="the sigmoid neuron">
      <h2>The sigmoid neuron f(x; w, b) = σ(wx + b)</h2>
      <div class="neuron-grid">
        <div>
          <h3>One step: the graph's gradient at x = 1, w = 0, b = 0</h3>
          {explain.ok ? (
            <>
              <div class="table-wrap">
                <table id="neuron-explain">
                  <caption>{explain.r.expr}: values, local derivatives and adjoints</caption>
                  <thead>
                    <tr>
                      <th scope="col">node</th>
                      <th scope="col">definition</th>
                      <th scope="col">value</th>
                      <th scope="col">local derivatives</th>
                      <th scope="col">adjoint ∂f/∂node</th>
                    </tr>
                  </thead>
                  <tbody>
                    {explain.r.rows.map((row) => (
                      <tr key={row.node}>
                        <th scope="row">{row.node}</th>
                        <td>{row.def}</td>
                        <td class="num">{fullNumber(row.value)}</td>
                        <td>{row.local.map((l) => `∂/∂${l.wrt} = ${fullNumber(l.value)}`).join(', ')}</td>
                        <td class="num">{fullNumber(row.adjoint)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p class="gradient">
                {Object.entries(explain.r.gradient).map(([k, v]) => (
                  <span key={k} class="grad-item">
                    ∂f/∂{k} = {fullNumber(v)}
                  </span>
                ))}
              </p>
              <button type="button" onClick={() => set({ view: 'graph', expr: nn.NEURON_SEED_GRAPH, at: { x: 1, w: 0, b: 0 }, traceMode: 'reverse', vars: [] })}>
                step through this graph
              </button>
            </>
          ) : (
            <p class="error">{explain.message}</p>
          )}
        </div>
        <div>
          <h3>Train it</h3>
          <div class="controls">
            <label>
              data{' '}
              <select value={state.neuronData} onChange={(e) => set({ neuronData: (e.target as HTMLSelectElement).value as State['neuronData'] })}>
                {NEURON_SETS.map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </select>
            </label>
            <button type="button" id="neuron-train" onClick={() => train(state.neuronData)}>
              train 1000 epochs (SGD, lr 2)
            </button>
          </div>
          {result && (
            <div id="neuron-result">
              <p>
                {result.model} on {result.data}: loss {result.finalLoss.toPrecision(4)}, accuracy {percent(result.accuracy)};{' '}
                {Object.entries(result.params)
                  .map(([k, v]) => `${k} = ${v.toPrecision(4)}`)
                  .join(', ')}
              </p>
              <LinePlot id="plot-neuron" title="neuron training loss" xLabel="epoch" yLabel="loss" logY series={[{ name: result.loss, color: '#dc2626', points: result.history.map((h) => [h.epoch, h.loss] as const) }]} />
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
