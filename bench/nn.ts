// Training, measured beside PyTorch eager (Debian's python3-torch, run by
// bench/nn_torch.py when /usr/bin/python3 has torch) in the same run, from
// the same data and the same initial weights:
//
//   1. micrograd's moons demo: make_moons(100, noise 0.1), MLP 2-16-16-1
//      (ReLU), loss mean(relu(1 − y·score)) + 1e-4·Σp², 100 full-batch SGD
//      steps with lr = 1 − 0.9k/100, timed as a whole (warm-up included: the
//      first run is the first use of the kernels in this process); it must
//      reach 100 % training accuracy. PyTorch in float64.
//   2. MNIST 784-64-10 (ReLU), softmax cross-entropy, Adam, minibatches of
//      32, random ±1 pixel shifts, on the fixed 8,000/2,000 split: ms per
//      step and held-out accuracy. PyTorch in float32, default threads.
//   3. The same with 784-256-256-10.
//
// difflab trains on the block tape (block.ts: one node per layer over the
// minibatch, float64); the scalar tape's moons time is shown beside it.
// `npm run bench -- nn`; MNIST epochs: DIFFLAB_BENCH_MNIST_EPOCHS (default
// 10), wide net: DIFFLAB_BENCH_WIDE_EPOCHS (default 2); DIFFLAB_BENCH_TFJS=1
// adds TensorFlow.js (cpu and wasm backends); DIFFLAB_PYTHON picks the
// Python with torch.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mnistSplit, randomShift, shiftDigit } from '../src/node/index.ts';
import { moons } from '../src/nn/data/toy.ts';
import { type Dense, mlp, type Sequential } from '../src/nn/layers.ts';
import { recordLoss, recordMean } from '../src/nn/losses.ts';
import { Adam, SGD } from '../src/nn/optim.ts';
import { regularize } from '../src/nn/regularize.ts';
import { Rng } from '../src/nn/rng.ts';
import { evaluateModel, fit } from '../src/nn/train.ts';
import type { Dataset } from '../src/nn/data/dataset.ts';
import { Tape } from '../src/reverse/tape.ts';

type TF = typeof import('@tensorflow/tfjs');

const log = (s: string): void => void process.stderr.write(s + '\n');
/** CPU time of this process so far, in ms (every thread). */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[a.length >> 1]!;
const f3 = (v: number): string => v.toFixed(3);

// ---------------------------------------------------------------------------
// 1. micrograd's moons demo

const MOONS_STEPS = 100;

function moonsNet(seed: number): Sequential {
  // micrograd's Neuron: weights uniform(−1, 1), bias 0
  return mlp([2, 16, 16, 1], { activation: 'relu', init: 'uniform:1', rng: seed });
}

interface RunResult {
  msPerStep: number;
  /** CPU time of the whole process (every thread: the compiler's and the collector's too), per step. */
  cpuMsPerStep?: number;
  loss: number;
  accuracy: number;
}

/** The demo on the block tape, through `fit`, timed as a whole (from the first step to the final accuracy). */
function moonsBlocks(data: Dataset, seed: number): RunResult {
  const net = moonsNet(seed);
  const c0 = cpuMs();
  const t0 = performance.now();
  const r = fit(net, data, {
    loss: 'hinge',
    optimizer: new SGD(net.parameters(), { lr: 1 }),
    epochs: MOONS_STEPS,
    regularizer: { kind: 'l2', lambda: 1e-4 }, // + 1e-4·Σp², gradient 2·1e-4·p
    lrSchedule: (k, n) => 1 - (0.9 * k) / n,
  });
  const ms = (performance.now() - t0) / MOONS_STEPS;
  return { msPerStep: ms, cpuMsPerStep: (cpuMs() - c0) / MOONS_STEPS, loss: r.history[MOONS_STEPS - 1]!.loss, accuracy: r.accuracy };
}

/** The demo on the scalar tape (one fused node per unit, or one node per operation). */
function moonsTape(data: Dataset, seed: number, fused = true): RunResult {
  const net = moonsNet(seed);
  net.fused = fused;
  const params = net.parameters();
  const opt = new SGD(params, { lr: 1 });
  const t = new Tape(1 << 16);
  const losses: number[] = [];
  let loss = NaN;
  const t0 = performance.now();
  for (let k = 0; k < MOONS_STEPS; k++) {
    net.zeroGrad();
    const dataLoss = net.lossAndGrad(t, () => {
      losses.length = 0;
      for (let i = 0; i < data.x.length; i++) losses.push(recordLoss(t, 'hinge', net.forwardData(t, data.x[i]!), data.y[i]!));
      return recordMean(t, losses);
    });
    loss = dataLoss + regularize(params, { kind: 'l2', lambda: 1e-4 });
    opt.lr = 1 - (0.9 * k) / MOONS_STEPS;
    opt.step();
  }
  const accuracy = evaluateModel(net, data, 'hinge').accuracy;
  const ms = (performance.now() - t0) / MOONS_STEPS;
  return { msPerStep: ms, loss, accuracy };
}

async function loadTf(): Promise<TF> {
  const quiet = console.log;
  console.log = () => {}; // the "install tfjs-node" banner
  try {
    const tf = await import('@tensorflow/tfjs');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    wasm.setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist/');
    return tf;
  } finally {
    console.log = quiet;
  }
}

/** A tf.js model with the same weights as a Sequential of Dense/ReLU layers. */
function tfModel(tf: TF, net: Sequential): { predict: (x: import('@tensorflow/tfjs').Tensor) => import('@tensorflow/tfjs').Tensor; vars: import('@tensorflow/tfjs').Variable[] } {
  const dense = net.layers.filter((l): l is Dense => l.type === 'dense');
  const vars: import('@tensorflow/tfjs').Variable[] = [];
  const layers = dense.map((d) => {
    // our W is [out, in]; x·K with K = Wᵀ of shape [in, out]
    const K = tf.variable(tf.tensor2d(Array.from(d.W.data), [d.outFeatures, d.inFeatures], 'float32').transpose());
    const b = tf.variable(tf.tensor1d(Array.from(d.b.data), 'float32'));
    vars.push(K, b);
    return { K, b };
  });
  const predict = (x: import('@tensorflow/tfjs').Tensor): import('@tensorflow/tfjs').Tensor => {
    let h = x as import('@tensorflow/tfjs').Tensor2D;
    layers.forEach((l, i) => {
      h = tf.add(tf.matMul(h, l.K), l.b);
      if (i < layers.length - 1) h = tf.relu(h);
    });
    return h;
  };
  return { predict, vars };
}

/** Switches the tf.js backend. */
async function useBackend(tf: TF, backend: string): Promise<void> {
  if (!(await tf.setBackend(backend))) throw new Error(`tf.js backend ${backend} is not available`);
  await tf.ready();
}

/** Runs f with console.warn silenced (tf.js's "install tfjs-node" banner on first use of the cpu backend). */
async function quietly<T>(f: () => Promise<T>): Promise<T> {
  const warn0 = console.warn;
  console.warn = () => {};
  try {
    return await f();
  } finally {
    console.warn = warn0;
  }
}

async function moonsTfjs(tf: TF, backend: string, data: Dataset, seed: number): Promise<RunResult> {
  await useBackend(tf, backend);
  const net = moonsNet(seed);
  const { predict, vars } = tfModel(tf, net);
  const X = tf.tensor2d(data.x.flatMap((v) => Array.from(v)), [data.x.length, 2]);
  const Y = tf.tensor2d(Array.from(data.y, (c) => (c === 1 ? 1 : -1)), [data.x.length, 1]);
  const opt = tf.train.sgd(1);
  let loss = NaN;
  const t0 = performance.now();
  for (let k = 0; k < MOONS_STEPS; k++) {
    opt.setLearningRate(1 - (0.9 * k) / MOONS_STEPS);
    const l = opt.minimize(
      () => {
        const margins = tf.relu(tf.sub(1, tf.mul(Y, predict(X))));
        const reg = tf.addN(vars.map((v) => tf.sum(tf.square(v))));
        return tf.add(tf.mean(margins), tf.mul(1e-4, reg)) as import('@tensorflow/tfjs').Scalar;
      },
      true,
      vars,
    )!;
    loss = l.dataSync()[0]!;
    l.dispose();
  }
  const ms = (performance.now() - t0) / MOONS_STEPS;
  const scores = tf.tidy(() => predict(X).dataSync());
  let correct = 0;
  for (let i = 0; i < data.x.length; i++) if ((scores[i]! > 0 ? 1 : 0) === data.y[i]) correct++;
  tf.dispose([X, Y, ...vars]);
  return { msPerStep: ms, loss, accuracy: correct / data.x.length };
}

// ---------------------------------------------------------------------------
// 2. MNIST 784-64-10

interface MnistResult {
  /** CPU ms per step, from each epoch's first to its last step (the held-out evaluation between epochs left out). */
  cpuMsPerStep?: number;
  epochMs: number[];
  testAccuracy: number[];
  /** Mean training loss of the last epoch. */
  loss: number;
  msPerStep: number;
}

const MNIST_LR = 2e-3;
const cosine = (k: number, n: number): number => MNIST_LR * 0.5 * (1 + Math.cos((Math.PI * k) / n));

function mnistNet(sizes: readonly number[]): Sequential {
  return mlp(sizes, { activation: 'relu', rng: 7 });
}

function mnistTape(sizes: readonly number[], train: Dataset, test: Dataset, epochs: number, wasm = true, precision: 'float64' | 'float32' = 'float64'): MnistResult {
  const net = mnistNet(sizes);
  const c0 = cpuMs();
  let cpu = NaN;
  const r = fit(net, train, {
    loss: 'softmax-ce',
    optimizer: new Adam(net.parameters(), { lr: MNIST_LR }),
    epochs,
    batchSize: 32,
    rng: 11,
    test,
    augment: randomShift(1),
    lrSchedule: cosine,
    wasm,
    precision,
    onEpoch: (e) => {
      cpu = cpuMs() - c0; // up to the end of this epoch's held-out evaluation
      log(`  difflab${wasm ? ` ${precision}` : ' (JavaScript kernels)'} ${sizes.join('-')} epoch ${e.epoch}: ${(e.ms / 1000).toFixed(2)} s, loss ${e.loss.toFixed(4)}, test accuracy ${(100 * e.testAccuracy!).toFixed(2)} %`);
    },
  });
  return { cpuMsPerStep: cpu / r.steps, epochMs: r.history.map((h) => h.ms), testAccuracy: r.history.map((h) => h.testAccuracy!), loss: r.history[r.history.length - 1]!.loss, msPerStep: r.msPerStep };
}

async function mnistTfjs(tf: TF, backend: string, train: Dataset, test: Dataset, epochs: number): Promise<MnistResult> {
  await useBackend(tf, backend);
  const net = mnistNet([784, 64, 10]); // the same initial weights as the tape's run
  const { predict, vars } = tfModel(tf, net);
  const opt = tf.train.adam(MNIST_LR, 0.9, 0.999, 1e-7);
  const n = train.x.length;
  const steps = Math.ceil(n / 32) * epochs;
  const rng = new Rng(11);
  const testX = tf.tensor2d(flat(test.x), [test.x.length, 784]);
  const epochMs: number[] = [];
  const testAccuracy: number[] = [];
  let loss = NaN;
  const xs = new Float32Array(n * 784);
  const ys = new Int32Array(n);
  const shifted = new Float64Array(784);
  let step = 0;
  for (let e = 1; e <= epochs; e++) {
    // this epoch's order and shifts (drawn outside the timing)
    const perm = rng.permutation(n);
    for (let k = 0; k < n; k++) {
      const i = perm[k]!;
      xs.set(shiftDigit(train.x[i]!, rng.int(3) - 1, rng.int(3) - 1, shifted), k * 784);
      ys[k] = train.y[i]!;
    }
    const t0 = performance.now();
    for (let s = 0; s < n; s += 32) {
      const m = Math.min(32, n - s);
      (opt as unknown as { learningRate: number }).learningRate = cosine(step++, steps);
      tf.tidy(() => {
        const xb = tf.tensor2d(xs.subarray(s * 784, (s + m) * 784), [m, 784]);
        const yb = tf.oneHot(tf.tensor1d(ys.subarray(s, s + m), 'int32'), 10);
        const l = opt.minimize(() => tf.losses.softmaxCrossEntropy(yb, predict(xb)) as import('@tensorflow/tfjs').Scalar, true, vars)!;
        loss = l.dataSync()[0]!;
      });
    }
    epochMs.push(performance.now() - t0);
    const pred = tf.tidy(() => predict(testX).argMax(1).dataSync());
    let correct = 0;
    for (let i = 0; i < test.x.length; i++) if (pred[i] === test.y[i]) correct++;
    testAccuracy.push(correct / test.x.length);
    log(`  tfjs-${backend} epoch ${e}: ${(epochMs[e - 1]! / 1000).toFixed(2)} s, test accuracy ${(100 * testAccuracy[e - 1]!).toFixed(2)} %`);
  }
  tf.dispose([testX, ...vars]);
  opt.dispose();
  return { epochMs, testAccuracy, loss, msPerStep: epochMs.reduce((a, b) => a + b, 0) / steps };
}

function flat(xs: readonly Float64Array[]): Float32Array {
  const out = new Float32Array(xs.length * 784);
  xs.forEach((x, i) => out.set(x, i * 784));
  return out;
}

// ---------------------------------------------------------------------------
// PyTorch eager, through bench/nn_torch.py

interface TorchRun {
  ms: number;
  cpuMs: number;
  loss: number;
  accuracy: number;
}
interface TorchMnist {
  steps: number;
  ms: number;
  cpuMs: number;
  history: { ms: number; loss: number; testAccuracy: number }[];
}
interface TorchOut {
  torch: string;
  threads: number;
  moons?: TorchRun[];
  mnist?: TorchMnist[];
}

const PYTHON = process.env.DIFFLAB_PYTHON ?? '/usr/bin/python3';

/** The Python that has torch, or undefined (the bench then shows difflab alone). */
function torchPython(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' });
  return r.status === 0 ? PYTHON : undefined;
}

/** Writes the job (data files and JSON) to dir and runs the PyTorch side on it. */
function runTorch(python: string, dir: string, name: string, job: object): TorchOut {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(job));
  const script = fileURLToPath(new URL('./nn_torch.py', import.meta.url));
  const r = spawnSync(python, [script, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bench/nn_torch.py failed (exit ${r.status})`);
  return JSON.parse(r.stdout) as TorchOut;
}

/** The layers of a Sequential of Dense/ReLU as plain data (W out × in, row-major). */
function layersOf(net: Sequential): { in: number; out: number; W: number[]; b: number[] }[] {
  return net.layers.filter((l): l is Dense => l.type === 'dense').map((d) => ({ in: d.inFeatures, out: d.outFeatures, W: Array.from(d.W.data), b: Array.from(d.b.data) }));
}

function writeF32(file: string, xs: readonly Float64Array[]): string {
  writeFileSync(file, new Uint8Array(flat(xs).buffer));
  return file;
}

function writeI32(file: string, ys: Int32Array): string {
  writeFileSync(file, new Uint8Array(Int32Array.from(ys).buffer));
  return file;
}

// ---------------------------------------------------------------------------

function tapeSize(data: Dataset, seed: number, fused: boolean): string {
  const t = new Tape();
  const net = moonsNet(seed);
  net.fused = fused;
  net.lossAndGrad(t, () => recordMean(t, data.x.map((x, i) => recordLoss(t, 'hinge', net.forwardData(t, x), data.y[i]!))));
  return `${t.length} nodes / ${t.edgeCount} edges`;
}

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (r: string[]): string => r.map((c, j) => (j === 0 ? c.padEnd(w[j]!) : c.padStart(w[j]!))).join('  ');
  return [line(head), w.map((x) => '─'.repeat(x)).join('  '), ...rows.map(line)].join('\n');
}

const pct = (a: number): string => `${(100 * a).toFixed(a === 1 ? 0 : 2)} %`;
const load = (): string => loadavg().map((v) => v.toFixed(2)).join(', ');

export async function benchNn(): Promise<string> {
  const out: string[] = [];
  const seed = 1;
  const data = moons(100, 0.1, seed);
  const python = torchPython();
  const dir = mkdtempSync(join(tmpdir(), 'difflab-bench-'));
  const loads: string[] = [`start ${load()}`];
  const rows: string[][] = [];
  const cpuRows: string[][] = [];
  const cpuRow = (name: string, ours: number | undefined, theirs: number | undefined): string[] => [
    name,
    ours === undefined ? '—' : f3(ours),
    theirs === undefined ? '—' : f3(theirs),
    ours === undefined || theirs === undefined ? '—' : `${(ours / theirs).toFixed(2)}×`,
  ];
  const dash = ['—', '—', '—', '—'];
  const torchCells = (ms: number, loss: number, acc: number, ours: number): string[] => [f3(ms), loss.toExponential(3), pct(acc), `${(ours / ms).toFixed(2)}×`];
  try {
    // --- moons -----------------------------------------------------------------
    // the first run is the first use of the block kernels in this process: the headline includes its warm-up
    log('moons: difflab block tape');
    const runs = MOONS_RUNS;
    const blockRuns = Array.from({ length: runs }, () => moonsBlocks(data, seed));
    log(`  first run ${f3(blockRuns[0]!.msPerStep)} ms/step, then ${blockRuns.slice(1).map((r) => f3(r.msPerStep)).join(', ')}`);
    let torchMoons: TorchRun[] | undefined;
    if (python) {
      log('moons: PyTorch eager (float64)');
      torchMoons = runTorch(python, dir, 'moons', { moons: { x: data.x.flatMap((v) => Array.from(v)), y: Array.from(data.y), layers: layersOf(moonsNet(seed)), steps: MOONS_STEPS, lambda: 1e-4, runs } }).moons!;
    }
    log('moons: difflab scalar tape');
    const scalarRuns = Array.from({ length: 3 }, () => moonsTape(data, seed));
    const unfusedRuns = Array.from({ length: 3 }, () => moonsTape(data, seed, false));
    loads.push(`after moons ${load()}`);
    const later = (r: RunResult[]): number => median(r.slice(1).map((x) => x.msPerStep));
    const moonRow = (name: string, ours: RunResult, torchRun: TorchRun | undefined, ms = ours.msPerStep, torchMs = torchRun === undefined ? NaN : torchRun.ms / MOONS_STEPS): string[] => [
      name,
      f3(ms),
      ours.loss.toExponential(3),
      pct(ours.accuracy),
      ...(torchRun ? torchCells(torchMs, torchRun.loss, torchRun.accuracy, ms) : dash),
    ];
    rows.push(
      moonRow('moons 2-16-16-1, 100 SGD steps, first run (warm-up included)', blockRuns[0]!, torchMoons?.[0]),
      moonRow(`moons, median of runs 2–${runs}`, blockRuns[runs - 1]!, torchMoons?.[runs - 1], later(blockRuns), torchMoons ? median(torchMoons.slice(1).map((r) => r.ms)) / MOONS_STEPS : NaN),
      moonRow('moons on the scalar tape (fused units), median of 3', scalarRuns[0]!, undefined, median(scalarRuns.map((r) => r.msPerStep))),
      moonRow('moons on the scalar tape, one node per op, median of 3', unfusedRuns[0]!, undefined, median(unfusedRuns.map((r) => r.msPerStep))),
    );
    cpuRows.push(
      cpuRow('moons, first run (warm-up included)', blockRuns[0]!.cpuMsPerStep, torchMoons ? torchMoons[0]!.cpuMs / MOONS_STEPS : undefined),
      cpuRow(`moons, median of runs 2–${runs}`, median(blockRuns.slice(1).map((r) => r.cpuMsPerStep!)), torchMoons ? median(torchMoons.slice(1).map((r) => r.cpuMs)) / MOONS_STEPS : undefined),
    );
    // --- MNIST -------------------------------------------------------------------
    const epochs = Number(process.env.DIFFLAB_BENCH_MNIST_EPOCHS ?? 10);
    const wideEpochs = Number(process.env.DIFFLAB_BENCH_WIDE_EPOCHS ?? 2);
    log('mnist: loading');
    const split = await mnistSplit();
    const files = python
      ? {
          trainX: writeF32(join(dir, 'train-x.f32'), split.train.x),
          trainY: writeI32(join(dir, 'train-y.i32'), split.train.y),
          testX: writeF32(join(dir, 'test-x.f32'), split.test.x),
          testY: writeI32(join(dir, 'test-y.i32'), split.test.y),
        }
      : undefined;
    let threads = '';
    let jsRow: string[] | undefined;
    let jsCpu: string[] | undefined;
    for (const [sizes, ep] of [
      [[784, 64, 10], epochs],
      [[784, 256, 256, 10], wideEpochs],
    ] as const) {
      const name = sizes.join('-');
      log(`mnist ${name}: difflab float32, ${ep} epochs`);
      const ours = mnistTape(sizes, split.train, split.test, ep, true, 'float32');
      log(`mnist ${name}: difflab float64, ${ep} epochs`);
      const ours64 = mnistTape(sizes, split.train, split.test, ep, true, 'float64');
      let theirs: TorchMnist | undefined;
      if (python && files) {
        log(`mnist ${name}: PyTorch eager (float32), ${ep} epochs`);
        const r = runTorch(python, dir, name, { mnist: { ...files, lr: MNIST_LR, batch: 32, nets: [{ name, layers: layersOf(mnistNet(sizes)), epochs: ep }] } });
        theirs = r.mnist![0]!;
        threads = `PyTorch ${r.torch}, ${r.threads} thread${r.threads === 1 ? '' : 's'}`;
      }
      loads.push(`after ${name} ${load()}`);
      if (sizes.length === 3) {
        log(`mnist ${name}: difflab, JavaScript kernels, ${ep} epochs`);
        const js = mnistTape(sizes, split.train, split.test, ep, false);
        jsRow = [`MNIST ${name} on difflab's JavaScript kernels (float64, wasm: false)`, f3(js.msPerStep), js.loss.toExponential(3), pct(js.testAccuracy[js.testAccuracy.length - 1]!), ...dash];
        jsCpu = cpuRow(`MNIST ${name}, JavaScript kernels (float64)`, js.cpuMsPerStep, undefined);
      }
      const last = theirs?.history[theirs.history.length - 1];
      for (const [r, prec] of [
        [ours, 'float32'],
        [ours64, 'float64'],
      ] as const) {
        rows.push([
          `MNIST ${name}, batch 32, Adam, ${ep} epochs, difflab ${prec}`,
          f3(r.msPerStep),
          r.loss.toExponential(3),
          pct(r.testAccuracy[r.testAccuracy.length - 1]!),
          ...(theirs && last ? torchCells(theirs.ms / theirs.steps, last.loss, last.testAccuracy, r.msPerStep) : dash),
        ]);
        cpuRows.push(cpuRow(`MNIST ${name}, ${ep} epochs, difflab ${prec}`, r.cpuMsPerStep, theirs ? theirs.cpuMs / theirs.steps : undefined));
      }
    }
    if (jsRow && jsCpu) {
      rows.push(jsRow);
      cpuRows.push(jsCpu);
    }
    out.push(
      `difflab (the block tape on its WebAssembly SIMD kernels; moons in float64, MNIST in float32 and float64) against PyTorch eager${python ? ` (${threads || 'float64/float32'})` : ' (not found: no /usr/bin/python3 with torch)'}, run one after the other in this run`,
      `load average (1, 5, 15 min): ${loads.join('; ')}`,
      '',
      table(['task', 'difflab ms/step', 'loss', 'accuracy', 'PyTorch ms/step', 'loss', 'accuracy', 'difflab/PyTorch'], rows),
      '',
      'CPU time per step of each process (every thread: for difflab the compiler and the collector too, and on MNIST its held-out evaluations), less sensitive than wall time to a loaded machine:',
      '',
      table(['task', 'difflab CPU ms/step', 'PyTorch CPU ms/step', 'difflab/PyTorch'], cpuRows),
      '',
      "moons: micrograd's demo, make_moons(100, noise 0.1), ReLU, mean hinge + 1e-4·Σp², lr = 1 − 0.9k/100, training accuracy; PyTorch in float64.",
      '  Each run is timed as a whole, from the first step to the final accuracy; the first run of each side is its first in the process.',
      `  Scalar tape, first step: ${tapeSize(data, seed, true)} fused (one node per unit, zero-partial edges left out), ${tapeSize(data, seed, false)} unfused.`,
      `MNIST: softmax cross-entropy, Adam (α = 2e-3, cosine decay), ±1 px random shifts, the fixed split (${split.note}); held-out accuracy`,
      '  after the last epoch, loss = mean training loss of the last epoch; PyTorch in float32 at its default thread count.',
      "  difflab's time includes each epoch's shuffle and shifts, and making its trainer (a copy of the training set in the kernels' memory);",
      "  PyTorch's shuffle and shifts are drawn before its clock starts.",
      "  Adam's ε: difflab √(ŝ + 1e-7) (the seeds' form), PyTorch √ŝ + 1e-7.",
      'Same initial weights on both sides. The machine is shared: compare the ratios, from one run.',
    );
    if (process.env.DIFFLAB_BENCH_TFJS === '1') out.push('', await tfjsSection(data, seed, split, epochs));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out.join('\n');
}

const MOONS_RUNS = 5;

/** TensorFlow.js (cpu and wasm backends) on the same two tasks. */
async function tfjsSection(data: Dataset, seed: number, split: { train: Dataset; test: Dataset }, epochs: number): Promise<string> {
  const tf = await loadTf();
  const rows: string[][] = [];
  for (const backend of ['cpu', 'wasm']) {
    log(`moons: tfjs ${backend}`);
    const runs: RunResult[] = [];
    for (let r = 0; r < 3; r++) runs.push(await quietly(() => moonsTfjs(tf, backend, data, seed)));
    rows.push([`moons, tf.js ${backend} (float32), median of 3`, f3(median(runs.map((r) => r.msPerStep))), runs[0]!.loss.toExponential(3), pct(runs[0]!.accuracy)]);
  }
  for (const backend of ['cpu', 'wasm']) {
    log(`mnist: tfjs ${backend}, ${epochs} epochs`);
    const r = await quietly(() => mnistTfjs(tf, backend, split.train, split.test, epochs));
    rows.push([`MNIST 784-64-10, tf.js ${backend} (float32), ${epochs} epochs`, f3(r.msPerStep), r.loss.toExponential(3), pct(r.testAccuracy[r.testAccuracy.length - 1]!)]);
  }
  return table(['TensorFlow.js', 'ms/step', 'loss', 'accuracy'], rows);
}
