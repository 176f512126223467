// The training loop: minibatch SGD-style training of a network on a data
// set through the tape. Each step records the minibatch's mean loss on a
// reused tape, runs one reverse sweep, adds the regularizer's gradient and
// lets the optimizer update the buffers.

import { DiffError } from '../expr/errors.ts';
import { Tape } from '../reverse/tape.ts';
import { WasmTrainer } from './wasm/trainer.ts';
import { BlockTrainer } from './block.ts';
import { batches, type Dataset } from './data/dataset.ts';
import type { Sequential } from './layers.ts';
import type { Param } from './param.ts';
import { lossAndGrad, predictClass, recordLoss, recordMean, type LossName } from './losses.ts';
import type { Optimizer } from './optim.ts';
import { regularize, type Regularizer } from './regularize.ts';
import { type Rng, toRng } from './rng.ts';

export interface EpochReport {
  readonly epoch: number;
  /** Mean training loss over the epoch's steps (data term plus penalty, before each update). */
  readonly loss: number;
  /** Training accuracy over the epoch's steps (before each update). */
  readonly accuracy: number;
  readonly testLoss?: number;
  readonly testAccuracy?: number;
  /** Steps taken so far. */
  readonly steps: number;
  /** Milliseconds spent training in this epoch (evaluation excluded). */
  readonly ms: number;
}

export interface FitOptions {
  readonly loss: LossName;
  readonly optimizer: Optimizer;
  readonly epochs: number;
  /** Samples per step; omitted or 0: the full batch. */
  readonly batchSize?: number;
  /** Shuffles the minibatches each epoch (seeded). */
  readonly rng?: Rng | number;
  readonly regularizer?: Regularizer;
  /** Parameters the regularizer applies to (default: all). */
  readonly regularized?: readonly Param[];
  /** Evaluated after every epoch when given. */
  readonly test?: Dataset;
  /** Learning rate for step k of n (0-based), set before the step. */
  readonly lrSchedule?: (step: number, totalSteps: number) => number;
  /** Called after every epoch. */
  readonly onEpoch?: (r: EpochReport) => void;
  /**
   * Called after every step, with the network's parameters up to date (on
   * the WebAssembly kernels that means copying them out and back in at each
   * step; a progress bar that only counts steps should use `onProgress`).
   */
  readonly onStep?: (step: number, totalSteps: number) => void;
  /** Called after every step with the count alone (progress bars): the parameters are not copied out for it. */
  readonly onProgress?: (step: number, totalSteps: number) => void;
  /** A random transformation of each training sample each time it is drawn (data augmentation). */
  readonly augment?: (x: Float64Array, rng: Rng) => ArrayLike<number>;
  /** A tape to reuse (one is made otherwise). */
  readonly tape?: Tape;
  /**
   * Record each minibatch on the block tape (one node per layer, see
   * block.ts) when the network is made of dense layers and activations
   * (default true); false, or a tape given: the scalar tape.
   */
  readonly blocks?: boolean;
  /**
   * Run the block tape on the WebAssembly kernels (src/nn/wasm) when they
   * can run here and cover the network, loss, optimizer and regularizer
   * (default true); false: the JavaScript kernels. Both compute the same
   * gradients (to rounding) and the same updates.
   */
  readonly wasm?: boolean;
  /**
   * The WebAssembly kernels' precision: float64 (the default), or float32,
   * as PyTorch trains by default (about twice as fast; the parameters are
   * rounded to float32 when the run starts and stay float32 values). Other
   * paths compute in float64 whatever this says.
   */
  readonly precision?: 'float64' | 'float32';
}

/** The code a run trained on: the block tape's kernels (WebAssembly or JavaScript) or the scalar tape. */
export type FitEngine = 'WebAssembly SIMD, float64' | 'WebAssembly SIMD, float32' | 'block tape, JavaScript' | 'scalar tape';

export interface FitReport {
  readonly history: EpochReport[];
  /** What trained: see FitEngine. */
  readonly engine: FitEngine;
  readonly steps: number;
  readonly msPerStep: number;
  /** Training time in milliseconds (evaluation excluded). */
  readonly ms: number;
  /** Final loss and accuracy on the training set, in evaluation mode. */
  readonly loss: number;
  readonly accuracy: number;
  readonly testLoss?: number;
  readonly testAccuracy?: number;
}

/** Mean loss and accuracy of the network on a data set (evaluation mode, no tape). */
export function evaluateModel(net: Sequential, data: Dataset, loss: LossName): { loss: number; accuracy: number } {
  const wasTraining = net.training;
  net.eval();
  let total = 0;
  let correct = 0;
  const g = new Float64Array(64);
  for (let i = 0; i < data.x.length; i++) {
    const z = net.predict(data.x[i]!);
    total += lossAndGrad(loss, z, data.y[i]!, z.length > g.length ? new Float64Array(z.length) : g);
    if (predictClass(loss, z) === data.y[i]) correct++;
  }
  net.train(wasTraining);
  const n = Math.max(1, data.x.length);
  return { loss: total / n, accuracy: correct / n };
}

/** Trains `net` on `data`; returns the history and the final figures. */
export function fit(net: Sequential, data: Dataset, opts: FitOptions): FitReport {
  const n = data.x.length;
  if (n === 0) throw new DiffError(`data set ${data.name} is empty`);
  if (!Number.isInteger(opts.epochs) || opts.epochs < 1) throw new DiffError(`epochs must be a positive integer, got ${opts.epochs}`);
  const size = opts.batchSize === undefined || opts.batchSize === 0 ? n : opts.batchSize;
  if (!Number.isInteger(size) || size < 1) throw new DiffError(`batch size must be a positive integer, got ${opts.batchSize}`);
  const rng = toRng(opts.rng);
  const augment = opts.augment;
  const augRng = rng.fork();
  const t = opts.tape ?? (opts.blocks === false ? new Tape(1 << 14) : new Tape(16));
  const params = net.parameters();
  const regParams = opts.regularized ?? params;
  const opt = opts.optimizer;
  const perEpoch = Math.ceil(n / Math.min(size, n));
  const total = perEpoch * opts.epochs;
  const history: EpochReport[] = [];
  let step = 0;
  let trainMs = 0;
  const losses: number[] = [];
  net.train();
  // the first epoch's time includes making the trainer (and its copy of the data)
  const setup = performance.now();
  const onBlocks = opts.blocks !== false && opts.tape === undefined;
  const fast = onBlocks && opts.wasm !== false ? WasmTrainer.of(net, { loss: opts.loss, optimizer: opt, regularizer: opts.regularizer, regularized: regParams, batch: Math.min(size, n), precision: opts.precision }) : undefined;
  const blocks = onBlocks && fast === undefined ? BlockTrainer.of(net, opts.loss) : undefined;
  if (fast !== undefined && (augment === undefined || fast.shiftOf(augment) !== undefined)) fast.snapshot(data);
  // With the WebAssembly trainer the parameters live in its memory during
  // the run: they are copied out before anything outside the loop may read
  // them (callbacks, evaluation, the end of the run) and back in after.
  let fin: { loss: number; accuracy: number } | undefined;
  const visit = (f: () => void): void => {
    if (fast === undefined) return f();
    fast.syncOut();
    f();
    fast.syncIn();
  };
  try {
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const t0 = epoch === 1 ? setup : performance.now();
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      // full batch: no need to shuffle; minibatches: a fresh partition every epoch
      for (const idx of batches(n, Math.min(size, n), size < n ? rng : undefined)) {
        if (opts.lrSchedule) opt.lr = opts.lrSchedule(step, total);
        let dataLoss: number;
        let penalty: number;
        if (fast !== undefined) {
          dataLoss = fast.step(data, idx, augment, augRng);
          penalty = fast.penalty;
          correct += fast.correct;
        } else {
          net.zeroGrad();
          dataLoss = blocks
            ? blocks.lossAndGrad(data, idx, augment, augRng)
            : net.lossAndGrad(t, () => {
                losses.length = 0;
                for (let k = 0; k < idx.length; k++) {
                  const i = idx[k]!;
                  const out = net.forwardData(t, augment ? augment(data.x[i]!, augRng) : data.x[i]!);
                  if (predictClassOf(t, opts.loss, out) === data.y[i]) correct++;
                  losses.push(recordLoss(t, opts.loss, out, data.y[i]!));
                }
                return recordMean(t, losses);
              });
          if (blocks) correct += blocks.correct;
          penalty = opts.regularizer ? regularize(regParams, opts.regularizer) : 0;
        }
        // A non-finite loss means training has diverged: stop before the update spreads it.
        if (!Number.isFinite(dataLoss + penalty)) throw diverged(dataLoss + penalty, step + 1, epoch, opt.lr);
        if (fast !== undefined) fast.update();
        else opt.step();
        lossSum += (dataLoss + penalty) * idx.length;
        seen += idx.length;
        step++;
        const onStep = opts.onStep;
        if (onStep) visit(() => onStep(step, total));
        opts.onProgress?.(step, total);
      }
      const ms = performance.now() - t0;
      trainMs += ms;
      let report: EpochReport = { epoch, loss: lossSum / seen, accuracy: correct / seen, steps: step, ms };
      if (opts.test) {
        const te = fast !== undefined ? fast.evaluate(opts.test) : evaluateModel(net, opts.test, opts.loss);
        report = { ...report, testLoss: te.loss, testAccuracy: te.accuracy };
      }
      history.push(report);
      const onEpoch = opts.onEpoch;
      if (onEpoch) visit(() => onEpoch(report));
    }
    if (fast !== undefined) fin = fast.evaluate(data);
  } finally {
    fast?.syncOut();
  }
  fin ??= evaluateModel(net, data, opts.loss);
  const penalty = opts.regularizer ? regularize(regParams, opts.regularizer, false) : 0;
  const last = history[history.length - 1]!;
  const engine: FitEngine = fast !== undefined ? (fast.precision === 'float32' ? 'WebAssembly SIMD, float32' : 'WebAssembly SIMD, float64') : blocks !== undefined ? 'block tape, JavaScript' : 'scalar tape';
  return {
    history,
    engine,
    steps: step,
    msPerStep: trainMs / step,
    ms: trainMs,
    loss: fin.loss + penalty,
    accuracy: fin.accuracy,
    ...(last.testAccuracy !== undefined ? { testLoss: last.testLoss!, testAccuracy: last.testAccuracy } : {}),
  };
}

/** The error for a loss that became NaN or ±∞ at a step (1-based). */
export function diverged(loss: number, step: number, epoch: number, lr: number): DiffError {
  const shown = Number.isNaN(loss) ? 'NaN' : loss > 0 ? '+∞' : '−∞';
  return new DiffError(`training diverged: the loss is ${shown} at step ${step} (epoch ${epoch}), with learning rate ${Number(lr.toPrecision(3))} at that step; try a smaller learning rate (--lr)`);
}

const zScratch: number[] = [];
function predictClassOf(t: Tape, loss: LossName, out: readonly number[]): number {
  zScratch.length = out.length;
  for (let k = 0; k < out.length; k++) zScratch[k] = t.value(out[k]!);
  return predictClass(loss, zScratch);
}
