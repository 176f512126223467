// The training tasks behind `difflab train`: a data set, a network, a loss
// and an optimizer with defaults that work, every one overridable.

import { DiffError } from '../expr/errors.ts';
import { assertNever } from '../expr/expr.ts';
import { type Dataset, featureStats, inputSize, plotBounds, standardize } from './data/dataset.ts';
import { moons, spirals, xor } from './data/toy.ts';
import { describe, mlp, saveModel, type ModelJson, type Sequential } from './layers.ts';
import { parseLoss, predictClass, type LossName } from './losses.ts';
import { explainGraph, NEURON_SEED_GRAPH, trainNeuron, type ExplainResult, type NeuronResult, type Table } from './neuron.ts';
import { parseDefinition, readDefinitionHead } from '../parse/index.ts';
import { printAscii } from '../expr/print.ts';
import { makeOptimizer, type OptimizerName } from './optim.ts';
import { parseRegularizer, type Regularizer } from './regularize.ts';
import { Rng } from './rng.ts';
import { fit, type EpochReport } from './train.ts';

export const TASKS = ['neuron', 'xor', 'moons', 'spirals', 'iris', 'mnist'] as const;
export type TaskName = (typeof TASKS)[number];

export const SCHEDULES = ['constant', 'linear', 'cosine'] as const;
export type Schedule = (typeof SCHEDULES)[number];

export interface TrainTaskOptions {
  readonly task: TaskName;
  readonly hidden?: readonly number[];
  readonly act?: string;
  /** A loss name; for the neuron, `mse`, `ce` or an expression in y and t. */
  readonly loss?: string;
  readonly opt?: OptimizerName;
  readonly lr?: number;
  readonly epochs?: number;
  /** Samples per step (0 = full batch). */
  readonly batch?: number;
  readonly seed?: number;
  readonly init?: string;
  /** `l2:λ`, `l1:λ`, `elastic:λ:β`. */
  readonly reg?: string;
  /** Keep probability of dropout after each hidden layer. */
  readonly dropout?: number;
  readonly schedule?: Schedule;
  /** MNIST: train on an evenly spaced subset of this many training digits. */
  readonly limit?: number;
  /** MNIST: random shifts of up to this many pixels (data augmentation, default 1). */
  readonly shift?: number;
  /** The neuron: its model in textbook notation. */
  readonly model?: string;
  /** The neuron: and, or, nand, nor, xor, xnor or threshold. */
  readonly data?: string;
  /** The neuron: a table with named columns (a CSV file), for a model given as a definition f(x; w, b) = …. */
  readonly table?: Table;
  /** The neuron: the graph's local derivatives at x = 1, w = 0, b = 0. */
  readonly explain?: boolean;
  readonly onEpoch?: (r: EpochReport) => void;
  /** The WebAssembly kernels' precision (default float64). */
  readonly precision?: 'float64' | 'float32';
  /** Called after each step with the step count alone (progress bars). */
  readonly onStep?: (step: number, total: number) => void;
}

export interface TrainTaskResult extends Record<string, unknown> {
  readonly task: TaskName;
  readonly model: string;
  readonly data: string;
  readonly loss: number;
  readonly accuracy: number;
  readonly testAccuracy?: number;
  readonly testLoss?: number;
  readonly steps: number;
  readonly epochs: number;
  readonly msPerStep: number;
  readonly ms: number;
  readonly settings: Record<string, unknown>;
  readonly history: { epoch: number; loss: number; accuracy?: number; testLoss?: number; testAccuracy?: number }[];
  /** The learned parameters of the neuron. */
  readonly params?: Record<string, number>;
  readonly predictions?: NeuronResult['predictions'];
  readonly explain?: ExplainResult;
  readonly lossExpr?: string;
  /** The trained network (not for the neuron). */
  readonly network?: ModelJson;
  /** For 2-D data: the points and a grid of predicted classes, for plots. */
  readonly boundary?: { points: { x1: number; x2: number; label: string }[]; grid: { x1: number; x2: number; cls: string }[] };
}

interface Defaults {
  hidden: number[];
  act: string;
  loss: LossName;
  opt: OptimizerName;
  lr: number;
  epochs: number;
  batch: number;
  init?: string;
  reg?: string;
  schedule: Schedule;
}

/** Defaults per task. moons is micrograd's demo: 2-16-16-1, hinge loss + 1e-4·Σp², SGD with lr 1 − 0.9k/n. */
export const TASK_DEFAULTS: Readonly<Record<Exclude<TaskName, 'neuron'>, Defaults>> = {
  xor: { hidden: [4], act: 'tanh', loss: 'bce', opt: 'adam', lr: 0.05, epochs: 300, batch: 0, schedule: 'constant' },
  moons: { hidden: [16, 16], act: 'relu', loss: 'hinge', opt: 'sgd', lr: 1, epochs: 100, batch: 0, init: 'uniform:1', reg: 'l2:1e-4', schedule: 'linear' },
  spirals: { hidden: [32, 32], act: 'relu', loss: 'softmax-ce', opt: 'adam', lr: 0.01, epochs: 100, batch: 32, schedule: 'constant' },
  iris: { hidden: [16], act: 'relu', loss: 'softmax-ce', opt: 'adam', lr: 0.01, epochs: 100, batch: 16, schedule: 'constant' },
  mnist: { hidden: [64], act: 'relu', loss: 'softmax-ce', opt: 'adam', lr: 2e-3, epochs: 10, batch: 32, schedule: 'cosine' },
};

export function parseTask(name: string): TaskName {
  const t = name.trim().toLowerCase();
  if ((TASKS as readonly string[]).includes(t)) return t as TaskName;
  throw new DiffError(`unknown task ${JSON.stringify(name)}: use one of ${TASKS.join(', ')}`);
}

export function parseSchedule(name: string): Schedule {
  const t = name.trim().toLowerCase();
  if ((SCHEDULES as readonly string[]).includes(t)) return t as Schedule;
  throw new DiffError(`unknown schedule ${JSON.stringify(name)}: use one of ${SCHEDULES.join(', ')}`);
}

/** The learning rate at step k of n: constant, linear (α(1 − 0.9k/n), micrograd's) or cosine (α·½(1 + cos πk/n)). */
export function scheduleFn(s: Schedule, lr: number): (k: number, n: number) => number {
  switch (s) {
    case 'constant':
      return () => lr;
    case 'linear':
      return (k, n) => lr * (1 - (0.9 * k) / n);
    case 'cosine':
      return (k, n) => lr * 0.5 * (1 + Math.cos((Math.PI * k) / n));
    default:
      return assertNever(s);
  }
}

async function loadTask(task: Exclude<TaskName, 'neuron'>, seed: number, opts: TrainTaskOptions): Promise<{ train: Dataset; test?: Dataset; note: string }> {
  switch (task) {
    case 'xor':
      return { train: xor(), note: 'the 4 rows of the XOR truth table' };
    case 'moons':
      return { train: moons(100, 0.1, seed), note: 'make_moons(100 points, noise 0.1), seeded' };
    case 'spirals':
      return { train: spirals(100, 3, 0.2, seed), note: '3 spirals of 100 points, noise 0.2, seeded' };
    case 'iris': {
      const { irisSplit } = await import('./data/iris.ts');
      const s = await irisSplit();
      const st = featureStats(s.train); // standardized with the training set's statistics
      return { train: standardize(s.train, st), test: standardize(s.test, st), note: s.note + '; features standardized' };
    }
    case 'mnist': {
      const { mnistSplit } = await import('./data/mnist.ts');
      const s = await mnistSplit(opts.limit !== undefined ? { train: opts.limit } : undefined);
      return { train: s.train, test: s.test, note: s.note + (opts.limit !== undefined ? ` (training on ${s.train.x.length} of them)` : '') };
    }
    default:
      return assertNever(task);
  }
}

/** Runs a task; `onEpoch`/`onStep` report progress. */
export async function runTrainTask(opts: TrainTaskOptions): Promise<TrainTaskResult> {
  if (opts.task === 'neuron') return runNeuronTask(opts);
  const task = opts.task;
  const d = TASK_DEFAULTS[task];
  const seed = opts.seed ?? 0;
  const { train, test, note } = await loadTask(task, seed, opts);
  const classes = train.classes.length;
  const loss = opts.loss !== undefined ? parseLoss(opts.loss) : d.loss;
  const outputs = classes === 2 && (loss === 'bce' || loss === 'hinge' || loss === 'mse' || loss === 'sse') ? 1 : classes;
  if (classes > 2 && loss === 'bce') throw new DiffError(`the ${task} data has ${classes} classes: bce is for two, use softmax-ce`);
  const hidden = opts.hidden ?? d.hidden;
  const sizes = [inputSize(train), ...hidden, outputs];
  const rng = new Rng(seed);
  const initText = opts.init ?? d.init;
  const net: Sequential = mlp(sizes, { activation: opts.act ?? d.act, rng: rng.fork(), ...(initText ? { init: initText } : {}), ...(opts.dropout !== undefined ? { dropout: opts.dropout } : {}) });
  const optName = opts.opt ?? d.opt;
  const lr = opts.lr ?? (opts.opt === undefined ? d.lr : undefined);
  const optimizer = makeOptimizer(optName, net.parameters(), lr !== undefined ? { lr } : {});
  const regText = opts.reg ?? d.reg;
  const regularizer: Regularizer | undefined = regText !== undefined && regText !== 'none' ? parseRegularizer(regText) : undefined;
  const baseLr = optimizer.lr;
  const schedule = opts.schedule ?? d.schedule;
  const epochs = opts.epochs ?? d.epochs;
  const batch = opts.batch ?? d.batch;
  let augment: ((x: Float64Array, r: Rng) => Float64Array) | undefined;
  if (task === 'mnist' && (opts.shift ?? 1) > 0) {
    const { randomShift } = await import('./data/mnist.ts');
    augment = randomShift(opts.shift ?? 1);
  }
  const r = fit(net, train, {
    loss,
    optimizer,
    epochs,
    batchSize: batch,
    rng: rng.fork(),
    ...(regularizer ? { regularizer } : {}),
    ...(test ? { test } : {}),
    ...(augment ? { augment } : {}),
    lrSchedule: scheduleFn(schedule, baseLr),
    ...(opts.onEpoch ? { onEpoch: opts.onEpoch } : {}),
    ...(opts.onStep ? { onProgress: opts.onStep } : {}),
    ...(opts.precision ? { precision: opts.precision } : {}),
  });
  return {
    task,
    model: describe(net, sizes[0]!),
    data: note,
    loss: r.loss,
    accuracy: r.accuracy,
    ...(r.testAccuracy !== undefined ? { testAccuracy: r.testAccuracy, testLoss: r.testLoss! } : {}),
    steps: r.steps,
    epochs,
    msPerStep: r.msPerStep,
    ms: r.ms,
    settings: {
      sizes,
      activation: opts.act ?? d.act,
      loss,
      optimizer: optName,
      lr: baseLr,
      schedule,
      batch: batch === 0 ? 'full' : batch,
      seed,
      ...(initText ? { init: initText } : {}),
      ...(regText ? { regularizer: regText } : {}),
      ...(opts.dropout !== undefined ? { dropout: opts.dropout } : {}),
      ...(augment ? { shift: opts.shift ?? 1 } : {}),
      engine: r.engine,
    },
    history: r.history.map((h) => ({ epoch: h.epoch, loss: h.loss, accuracy: h.accuracy, ...(h.testAccuracy !== undefined ? { testLoss: h.testLoss!, testAccuracy: h.testAccuracy } : {}) })),
    network: saveModel(net),
    ...(inputSize(train) === 2 ? { boundary: boundary(net, train, loss) } : {}),
  };
}

function runNeuronTask(opts: TrainTaskOptions): TrainTaskResult {
  const epochs = opts.epochs ?? 1000;
  const r = trainNeuron({
    ...(opts.model !== undefined ? { model: opts.model } : {}),
    ...(opts.loss !== undefined ? { loss: opts.loss } : {}),
    data: opts.data ?? 'and',
    ...(opts.table !== undefined ? { table: opts.table } : {}),
    optimizer: opts.opt ?? 'sgd',
    lr: opts.lr ?? 2,
    epochs,
    ...(opts.onEpoch ? { onEpoch: (epoch: number, loss: number) => opts.onEpoch!({ epoch, loss, accuracy: NaN, steps: epoch, ms: 0 }) } : {}),
  });
  return {
    task: 'neuron',
    model: r.model,
    lossExpr: r.loss,
    data: r.data,
    loss: r.finalLoss,
    accuracy: r.accuracy,
    steps: r.steps,
    epochs,
    msPerStep: r.msPerStep,
    ms: r.msPerStep * r.steps,
    settings: { optimizer: opts.opt ?? 'sgd', lr: opts.lr ?? 2, tapeLength: r.tapeLength },
    history: r.history,
    params: r.params,
    predictions: r.predictions,
    ...(opts.explain ? { explain: explainNeuron(opts.model) } : {}),
  };
}

/**
 * --explain: the seed's graph at x = 1, w = 0, b = 0, or a definition
 * f(x; w, b) = …'s own graph with its inputs at 1 and its parameters at 0.
 */
function explainNeuron(model: string | undefined): ExplainResult {
  if (model === undefined || readDefinitionHead(model) === undefined) return explainGraph(NEURON_SEED_GRAPH, { x: 1, w: 0, b: 0 });
  const def = parseDefinition(model);
  const at: Record<string, number> = {};
  for (const v of def.inputs) at[v] = 1;
  for (const v of def.parameters) at[v] = 0;
  return explainGraph(printAscii(def.body), at);
}

/** Predicted classes on a 60 × 60 grid around 2-D data. */
function boundary(net: Sequential, d: Dataset, loss: LossName): TrainTaskResult['boundary'] {
  const { x0, x1, y0, y1 } = plotBounds(d);
  const n = 60;
  const grid: { x1: number; x2: number; cls: string }[] = [];
  net.eval();
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = x0 + ((x1 - x0) * (i + 0.5)) / n;
      const b = y0 + ((y1 - y0) * (j + 0.5)) / n;
      grid.push({ x1: a, x2: b, cls: d.classes[predictClass(loss, net.predict([a, b]))]! });
    }
  }
  return { points: d.x.map((p, i) => ({ x1: p[0]!, x2: p[1]!, label: d.classes[d.y[i]!]! })), grid };
}
