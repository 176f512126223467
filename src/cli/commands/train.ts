// difflab train <neuron|xor|moons|spirals|iris|mnist>: train through the tape,
// with a progress bar on a terminal (plain lines otherwise), per-epoch loss
// and accuracy, and a final report.

import type { Command } from 'commander';
import { DiffError } from '../../expr/errors.ts';
import { unicodeName } from '../../expr/names.ts';
import { defineCommand, optBool, optInt, optString, type Request } from '../command.ts';
import { outputPath, type RunContext } from '../files.ts';
import { toNumber } from '../io.ts';

const TASK_LIST = 'neuron, xor, moons, spirals, iris, mnist';

interface HistoryRow {
  epoch: number;
  loss: number;
  accuracy?: number;
  testLoss?: number;
  testAccuracy?: number;
}

export interface TrainCliResult extends Record<string, unknown> {
  task: string;
  model: string;
  data: string;
  steps: number;
  msPerStep: number;
  loss: number;
  accuracy: number;
  testAccuracy?: number;
  epochs: number;
  history: HistoryRow[];
  params?: Record<string, number>;
  settings?: { engine?: string };
  svg?: string;
  saved?: string;
}

function optNumber(req: Request, key: string, check: (v: number) => boolean, what: string): number | undefined {
  const v = req[key];
  if (v === undefined || v === null) return undefined;
  const n = toNumber(v, `"${key}"`);
  if (!check(n)) throw new DiffError(`"${key}" must be ${what}, got ${JSON.stringify(v)}`);
  return n;
}

function optSizes(req: Request, key: string): number[] | undefined {
  const v = req[key];
  if (v === undefined || v === null) return undefined;
  const parts = Array.isArray(v) ? v : String(v).split(/[,\s]+/).filter((s) => s !== '');
  const sizes = parts.map((p) => Number(p));
  if (!sizes.every((n) => Number.isInteger(n) && n >= 1 && n <= 100000)) throw new DiffError(`"${key}" must be layer sizes such as 16,16, got ${JSON.stringify(v)}`);
  return sizes;
}

export const trainCommand = defineCommand<TrainCliResult>({
  name: 'train',
  summary: `train a network through the reverse-mode tape (${TASK_LIST})`,
  configure: (cmd: Command) =>
    cmd
      .argument('<task>', TASK_LIST)
      .option('--hidden <sizes>', 'hidden layer sizes, e.g. 16,16')
      .option('--act <name>', 'hidden activation: relu, tanh, logistic, leaky-relu[:γ], elu[:α], softplus, swish[:β], gelu, hard-logistic, hard-tanh, maxout:k')
      .option('--loss <loss>', 'mse, sse, bce, softmax-ce, hinge; neuron: mse, ce or an expression in y (the model) and t')
      .option('--opt <name>', 'sgd, momentum, nesterov, adagrad, rmsprop, adam')
      .option('--lr <rate>', 'learning rate α')
      .option('--epochs <n>', 'passes over the training data')
      .option('--batch <n>', 'samples per step (0: the full batch)')
      .option('--seed <n>', 'random seed (data, initialization, shuffling, dropout)')
      .option('--init <init>', 'he, xavier, xavier-uniform, lecun, he-uniform, normal:σ, uniform:a')
      .option('--reg <reg>', 'regularization: l2:λ, l1:λ, elastic:λ:β or none')
      .option('--dropout <p>', 'inverted dropout with keep probability p after each hidden layer')
      .option('--schedule <s>', 'learning rate schedule: constant, linear (α(1 − 0.9k/n)) or cosine')
      .option('--limit <n>', 'mnist: train on an evenly spaced subset of n training digits')
      .option('--shift <n>', 'mnist: random shifts of up to n pixels while training (default 1, 0 to turn off)')
      .option('--precision <p>', 'float64 (default) or float32: the precision of the WebAssembly training kernels')
      .option('--model <expr>', 'neuron: the model in textbook notation (default σ(wx + b), or σ(w1 x1 + w2 x2 + b) for gates), or your own definition "f(x; w, b) = σ(wx + b)" (inputs before the semicolon, parameters after)')
      .option('--data <name>', 'neuron: and, or, nand, nor, xor, xnor, threshold (default and), or a CSV file with named columns (the inputs of --model "f(x; …) = …" and a target t)')
      .option('--explain', "neuron: the graph's local derivatives at x = 1, w = 0, b = 0")
      .option('--svg <file>', 'write loss and accuracy curves (and the decision regions of 2-D data) as SVG')
      .option('--save <file>', 'save the trained network as JSON'),
  toRequest: (args, opts) => ({
    cmd: 'train',
    task: args[0],
    hidden: opts.hidden,
    act: opts.act,
    loss: opts.loss,
    opt: opts.opt,
    lr: opts.lr,
    epochs: opts.epochs,
    batch: opts.batch,
    seed: opts.seed,
    init: opts.init,
    reg: opts.reg,
    dropout: opts.dropout,
    schedule: opts.schedule,
    limit: opts.limit,
    shift: opts.shift,
    precision: opts.precision,
    model: opts.model,
    data: opts.data,
    explain: opts.explain,
    svg: opts.svg,
    save: opts.save,
    progress: opts.json !== true,
  }),
  run: async (req: Request, ctx?: RunContext) => {
    // Paths are checked before training, not after it.
    const savePath = optString(req, 'save');
    const svgPath = optString(req, 'svg');
    const saveTo = savePath === undefined ? undefined : outputPath(savePath, ctx, '--save');
    const svgTo = svgPath === undefined ? undefined : outputPath(svgPath, ctx, '--svg');
    const nn = await import('../../nn/tasks.ts');
    if (optString(req, 'task') === 'mnist') await import('../../node/index.ts'); // installs the MNIST reader
    const { parseOptimizer } = await import('../../nn/optim.ts');
    const task = nn.parseTask(optString(req, 'task') ?? '');
    const optName = optString(req, 'opt');
    const schedule = optString(req, 'schedule');
    const epochs = optInt(req, 'epochs', 1, 1_000_000);
    const progress = optBool(req, 'progress') ? await makeProgress(task, epochs ?? (task === 'neuron' ? 1000 : nn.TASK_DEFAULTS[task].epochs)) : undefined;
    const hidden = optSizes(req, 'hidden');
    const lr = optNumber(req, 'lr', (v) => v > 0 && Number.isFinite(v), 'a positive number');
    const batch = optInt(req, 'batch', 0, 1_000_000);
    const seed = optInt(req, 'seed', 0, 0xffffffff);
    const dropout = optNumber(req, 'dropout', (v) => v > 0 && v <= 1, 'a keep probability in (0, 1]');
    const limit = optInt(req, 'limit', 1, 8000);
    const shift = optInt(req, 'shift', 0, 27);
    const precision = optString(req, 'precision');
    if (precision !== undefined && precision !== 'float64' && precision !== 'float32') throw new DiffError(`--precision must be float64 or float32, got ${JSON.stringify(precision)}`);
    const str = (k: string): string | undefined => optString(req, k);
    let r;
    try {
      r = await nn.runTrainTask({
        task,
        ...(hidden ? { hidden } : {}),
        ...(str('act') !== undefined ? { act: str('act')! } : {}),
        ...(str('loss') !== undefined ? { loss: str('loss')! } : {}),
        ...(optName !== undefined ? { opt: parseOptimizer(optName) } : {}),
        ...(lr !== undefined ? { lr } : {}),
        ...(epochs !== undefined ? { epochs } : {}),
        ...(batch !== undefined ? { batch } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(str('init') !== undefined ? { init: str('init')! } : {}),
        ...(str('reg') !== undefined ? { reg: str('reg')! } : {}),
        ...(dropout !== undefined ? { dropout } : {}),
        ...(schedule !== undefined ? { schedule: nn.parseSchedule(schedule) } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(shift !== undefined ? { shift } : {}),
        ...(precision !== undefined ? { precision } : {}),
        ...(str('model') !== undefined ? { model: str('model')! } : {}),
        ...(str('data') !== undefined ? await neuronData(str('data')!) : {}),
        explain: optBool(req, 'explain'),
        ...(progress ? { onEpoch: progress.epoch, onStep: progress.step } : {}),
      });
    } finally {
      progress?.stop();
    }
    const { network, boundary, ...result } = r;
    let saved: string | undefined;
    if (savePath !== undefined && saveTo !== undefined) {
      if (network === undefined) throw new DiffError('--save: the neuron has no network to save (its parameters are in the report)');
      const { writeFile } = await import('node:fs/promises');
      await writeFile(saveTo, JSON.stringify(network) + '\n', 'utf8');
      saved = savePath;
    }
    let svg: string | undefined;
    if (svgPath !== undefined && svgTo !== undefined) {
      const { writeSvg } = await import('../../node/files.ts');
      await writeSvg(svgTo, trainingPlot(result as TrainCliResult, boundary));
      svg = svgPath;
    }
    return { ...(result as TrainCliResult), ...(svg ? { svg } : {}), ...(saved ? { saved } : {}) };
  },
  text: (r) => trainText(r),
});

/** --data: a built-in data set's name, or a CSV file (a path ending in .csv, or any existing file). */
async function neuronData(data: string): Promise<{ data: string } | { table: import('../../nn/data/csv.ts').Table }> {
  const { existsSync } = await import('node:fs');
  if (!/\.csv$/i.test(data) && !(/[/\\.]/.test(data) && existsSync(data))) return { data };
  const { readFile } = await import('node:fs/promises');
  const { parseCsv } = await import('../../nn/data/csv.ts');
  let text: string;
  try {
    text = await readFile(data, 'utf8');
  } catch (err) {
    throw new DiffError(`--data ${data}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return { table: parseCsv(text, data) };
}

// ---------------------------------------------------------------------------

const pct = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '' : `${(100 * v).toFixed(1)} %`);
const num = (v: number): string => (Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(3) : v.toFixed(4));

function trainText(r: TrainCliResult): string {
  const out: string[] = [];
  out.push(`task: ${r.task}   model: ${r.model}`, `data: ${r.data}`);
  if (typeof r.lossExpr === 'string') out.push(`loss: ${r.lossExpr}`);
  out.push('');
  // at most 20 epochs: every k-th and the last
  const h = r.history;
  const k = Math.max(1, Math.ceil(h.length / 20));
  const rows = h.filter((e, i) => i % k === 0 || i === h.length - 1);
  const hasAcc = rows.some((e) => e.accuracy !== undefined && !Number.isNaN(e.accuracy));
  const hasTest = rows.some((e) => e.testAccuracy !== undefined);
  out.push(['epoch'.padStart(7), 'loss'.padStart(10), ...(hasAcc ? ['accuracy'.padStart(9)] : []), ...(hasTest ? ['test loss'.padStart(10), 'test acc'.padStart(9)] : [])].join('  '));
  for (const e of rows) {
    out.push(
      [
        String(e.epoch).padStart(7),
        num(e.loss).padStart(10),
        ...(hasAcc ? [pct(e.accuracy).padStart(9)] : []),
        ...(hasTest ? [(e.testLoss === undefined ? '' : num(e.testLoss)).padStart(10), pct(e.testAccuracy).padStart(9)] : []),
      ].join('  '),
    );
  }
  out.push('');
  if (r.params) out.push(`learned: ${Object.entries(r.params).map(([n, v]) => `${unicodeName(n)} = ${v.toFixed(4)}`).join(', ')}`);
  const preds = r.predictions as { input: number[]; target: number; output: number }[] | undefined;
  if (preds) for (const p of preds) out.push(`  f(${p.input.join(', ')}) = ${p.output.toFixed(4)}   target ${p.target}`);
  out.push(
    `final: loss ${num(r.loss)}, training accuracy ${pct(r.accuracy)}` + (r.testAccuracy !== undefined ? `, test accuracy ${pct(r.testAccuracy)}` : ''),
    `${r.steps} steps, ${r.msPerStep.toFixed(3)} ms per step` + (r.settings?.engine !== undefined ? ` (${r.settings.engine})` : ''),
  );
  const ex = r.explain as
    | {
        expr: string;
        at: Record<string, number>;
        rows: { node: string; def: string; value: number; local: { wrt: string; value: number }[]; adjoint: number }[];
        gradient: Record<string, number>;
        paths: Record<string, { factors: { name: string; value: number }[] }[]>;
      }
    | undefined;
  if (ex) {
    out.push('', `The graph of f = ${ex.expr} at ${Object.entries(ex.at).map(([k2, v]) => `${k2} = ${v}`).join(', ')}:`, '');
    const w = Math.max(...ex.rows.map((row) => [...row.def].length));
    out.push(`${'node'.padEnd(w)}  ${'value'.padStart(7)}  ${'local derivatives'.padEnd(28)}  ∂f/∂node`);
    for (const row of ex.rows) {
      const local = row.local.map((l) => `∂${row.node}/∂${l.wrt} = ${fmtSmall(l.value)}`).join(', ');
      out.push(`${row.def + ' '.repeat(w - [...row.def].length)}  ${fmtSmall(row.value).padStart(7)}  ${local.padEnd(28)}  ${fmtSmall(row.adjoint)}`);
    }
    out.push('', 'Along the graph (the product of the local derivatives on each path, summed over paths):');
    const order = Object.keys(ex.paths).sort((a, b) => (a === 'x' ? -1 : b === 'x' ? 1 : a === 'w' ? -1 : b === 'w' ? 1 : a < b ? -1 : 1));
    for (const v of order) {
      const paths = ex.paths[v]!;
      if (paths.length === 0) continue;
      const terms = paths.map((p) => p.factors.map((f) => `(${fmtSmall(f.value)})`).join(''));
      const chain = paths.map((p) => p.factors.map((f) => f.name).join(' · ')).join(' + ');
      out.push(`  ∂f/∂${v} = ${chain}`, `       = ${terms.join(' + ')} = ${fmtSmall(ex.gradient[v] ?? NaN)}`);
    }
    const gw = ex.gradient.w;
    const gb = ex.gradient.b;
    if (gw !== undefined && gb !== undefined) out.push('', gw === gb ? `∂f/∂w = ∂f/∂b = ${fmtSmall(gw)}` : `∂f/∂w = ${fmtSmall(gw)}, ∂f/∂b = ${fmtSmall(gb)}`);
  }
  if (r.saved) out.push(`network saved to ${r.saved}`);
  if (r.svg) out.push(`plot: ${r.svg}`);
  return out.join('\n');
}

const fmtSmall = (v: number): string => String(+v.toPrecision(6));

function trainingPlot(r: TrainCliResult, boundary?: { points: { x1: number; x2: number; label: string }[]; grid: { x1: number; x2: number; cls: string }[] }): Record<string, unknown> {
  const rows = r.history.flatMap((e) => [
    { epoch: e.epoch, value: e.loss, series: 'training loss', panel: 'loss' },
    ...(e.testLoss !== undefined ? [{ epoch: e.epoch, value: e.testLoss, series: 'test loss', panel: 'loss' }] : []),
    ...(e.accuracy !== undefined && !Number.isNaN(e.accuracy) ? [{ epoch: e.epoch, value: e.accuracy, series: 'training accuracy', panel: 'accuracy' }] : []),
    ...(e.testAccuracy !== undefined ? [{ epoch: e.epoch, value: e.testAccuracy, series: 'test accuracy', panel: 'accuracy' }] : []),
  ]);
  const curve = (panel: string, title: string, log: boolean): Record<string, unknown> => ({
    width: 360,
    height: 220,
    title,
    transform: [{ filter: `datum.panel === '${panel}'` }],
    mark: 'line',
    encoding: {
      x: { field: 'epoch', type: 'quantitative' },
      y: { field: 'value', type: 'quantitative', title, ...(log ? { scale: { type: 'log' } } : {}) },
      color: { field: 'series', type: 'nominal', title: null },
    },
  });
  const curves = {
    data: { values: rows.filter((x) => x.panel !== 'loss' || x.value > 0) },
    hconcat: [curve('loss', 'loss', true), ...(rows.some((x) => x.panel === 'accuracy') ? [curve('accuracy', 'accuracy', false)] : [])],
  };
  if (!boundary) return { title: `difflab train ${r.task}: ${r.model}`, ...curves };
  const regions = {
    width: 360,
    height: 300,
    title: 'decision regions',
    layer: [
      { data: { values: boundary.grid }, mark: { type: 'square', size: 40, opacity: 0.25 }, encoding: { x: { field: 'x1', type: 'quantitative', title: 'x₁' }, y: { field: 'x2', type: 'quantitative', title: 'x₂' }, color: { field: 'cls', type: 'nominal', title: 'class' } } },
      { data: { values: boundary.points }, mark: { type: 'point', filled: true, size: 30, stroke: 'black', strokeWidth: 0.5 }, encoding: { x: { field: 'x1', type: 'quantitative' }, y: { field: 'x2', type: 'quantitative' }, color: { field: 'label', type: 'nominal', title: 'class' } } },
    ],
  };
  return { title: `difflab train ${r.task}: ${r.model}`, vconcat: [curves, regions] };
}

/** A progress bar on a terminal (stderr), plain lines otherwise (at most one a second). */
async function makeProgress(task: string, epochs: number): Promise<{ step: (s: number, total: number) => void; epoch: (e: { epoch: number; loss: number; accuracy: number; testAccuracy?: number }) => void; stop: () => void }> {
  const stream = process.stderr;
  if (stream.isTTY) {
    const { SingleBar, Presets } = await import('cli-progress');
    const bar = new SingleBar(
      {
        stream,
        format: `train ${task} |{bar}| {percentage}% | epoch {epoch}/${epochs} | loss {loss} | acc {acc} | ETA {eta_formatted}`,
        hideCursor: true,
        clearOnComplete: true,
      },
      Presets.shades_classic,
    );
    let started = false;
    let byEpoch = false; // the neuron reports epochs only
    const start = (total: number): void => {
      bar.start(total, 0, { epoch: 0, loss: '…', acc: '…' });
      started = true;
    };
    return {
      step: (s, total) => {
        if (!started) start(total);
        bar.update(s);
      },
      epoch: (e) => {
        if (!started) {
          start(epochs);
          byEpoch = true;
        }
        const payload = { epoch: e.epoch, loss: num(e.loss), acc: Number.isNaN(e.accuracy) ? '–' : e.testAccuracy !== undefined ? `${pct(e.testAccuracy)} (test)` : pct(e.accuracy) };
        if (byEpoch) bar.update(e.epoch, payload);
        else bar.update(payload);
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  const t0 = Date.now();
  let last = t0;
  return {
    step: () => {},
    epoch: (e) => {
      const now = Date.now();
      if (now - last < 1000 && e.epoch < epochs) return;
      if (e.epoch === epochs && now - t0 < 1000) return; // a short run: the report says it all
      last = now;
      stream.write(`epoch ${e.epoch}/${epochs}  loss ${num(e.loss)}` + (Number.isNaN(e.accuracy) ? '' : `  accuracy ${pct(e.accuracy)}`) + (e.testAccuracy !== undefined ? `  test ${pct(e.testAccuracy)}` : '') + '\n');
    },
    stop: () => {},
  };
}
