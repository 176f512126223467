import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACTIVATION_NAMES, type Activation, activationOp } from '../../../src/nn/activations.ts';
import { makeDataset, type Dataset } from '../../../src/nn/data/dataset.ts';
import { randomShift } from '../../../src/nn/data/mnist.ts';
import { loadModel, mlp, saveModel, type Sequential } from '../../../src/nn/layers.ts';
import { recordLoss, recordMean, lossAndGrad, type LossName } from '../../../src/nn/losses.ts';
import { Adam, Momentum, type Optimizer, RMSProp, SGD } from '../../../src/nn/optim.ts';
import { regularize, type Regularizer } from '../../../src/nn/regularize.ts';
import { Rng } from '../../../src/nn/rng.ts';
import { fit } from '../../../src/nn/train.ts';
import { wasmAvailable, wasmKernels } from '../../../src/nn/wasm/kernels.ts';
import { WasmTrainer } from '../../../src/nn/wasm/trainer.ts';
import { opDef } from '../../../src/ops/index.ts';
import { Tape } from '../../../src/reverse/tape.ts';

const clone = (net: Sequential): Sequential => loadModel(JSON.parse(JSON.stringify(saveModel(net))));
const flat = (net: Sequential): number[] => net.parameters().flatMap((p) => Array.from(p.data));
const grads = (net: Sequential): number[] => net.parameters().flatMap((p) => Array.from(p.grad));

function close(a: readonly number[], b: readonly number[], tol: number): void {
  expect(a.length).toBe(b.length);
  for (let k = 0; k < a.length; k++) {
    const d = Math.abs(a[k]! - b[k]!);
    if (!(d <= tol * Math.max(1, Math.abs(b[k]!)))) expect.fail(`entry ${k}: ${a[k]} against ${b[k]} (tolerance ${tol})`);
  }
}

/** A data set of `N` rows of `n` features, about 60 % of them zero when sparse, labels in 0 … classes − 1. */
function dataset(rng: Rng, N: number, n: number, classes: number, sparse: boolean): Dataset {
  const x = Array.from({ length: N }, () => Float64Array.from({ length: n }, () => (sparse && rng.next() < 0.6 ? 0 : rng.normal())));
  const y = x.map(() => rng.int(classes));
  return makeDataset('test', x, y, Array.from({ length: classes }, (_, k) => String(k)));
}

/** Loss and gradient of the mean loss over samples idx on the scalar tape (the reference). */
function scalarStep(net: Sequential, loss: LossName, data: Dataset, idx: readonly number[]): number {
  const t = new Tape();
  net.zeroGrad();
  return net.lossAndGrad(t, () => recordMean(t, idx.map((i) => recordLoss(t, loss, net.forwardData(t, data.x[i]!), data.y[i]!))));
}

const LOSSES: readonly { loss: LossName; classes: number; outputs: number }[] = [
  { loss: 'softmax-ce', classes: 3, outputs: 3 },
  { loss: 'hinge', classes: 2, outputs: 1 },
  { loss: 'bce', classes: 2, outputs: 1 },
  { loss: 'mse', classes: 2, outputs: 1 },
  { loss: 'hinge', classes: 5, outputs: 5 },
];

describe('WebAssembly kernels', () => {
  it('run here (Node 20 has 128-bit SIMD)', () => {
    expect(wasmAvailable()).toBe(true);
  });

  it('the module in kernels.generated.ts is the one kernels.wat assembles to', () => {
    // exits 1 with a message when the file is out of date
    execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { stdio: 'pipe' });
  });

  it("piecewise-linear activations: linearPieces agrees with the registry's value and partial", () => {
    const points = [-1e300, -1e10, -3, -0.5, -1e-300, 0, 1e-300, 0.25, 2, 1e10, 1e300, Infinity, -Infinity, NaN];
    for (const a of [{ name: 'relu' }, { name: 'leaky-relu' }, { name: 'leaky-relu', param: 0.2 }, { name: 'leaky-relu', param: 3 }] as Activation[]) {
      const def = opDef(activationOp(a)!);
      const params = a.param === undefined ? [] : [a.param];
      const { below, above } = def.linearPieces!(params);
      for (const x of points) {
        const args = [x, ...params];
        const d = [0, 0];
        def.partials(args, def.eval(args), d);
        if (!Number.isNaN(x)) expect(x > 0 ? above : below).toBe(d[0]);
      }
      // the kernel applies them so: the registry's values (a zero's sign aside) and slopes
      const mem = wasmKernels(1 << 16)!;
      const count = points.length + (points.length & 1);
      mem.f.set(points, 0);
      mem.k.activate(0, count * 8, count, below, above);
      points.forEach((x, i) => {
        const args = [x, ...params];
        const y = def.eval(args);
        const d = [0, 0];
        def.partials(args, y, d);
        const got = mem.f[i]!;
        if (Number.isNaN(y)) expect(got).toBeNaN();
        else expect(got).toBe(y === 0 ? 0 : y);
        if (!Number.isNaN(x)) expect(mem.f[count + i]).toBe(d[0]);
      });
    }
    // the others are not piecewise linear through 0
    for (const name of ACTIVATION_NAMES) {
      if (name === 'relu' || name === 'leaky-relu' || name === 'linear') continue;
      expect(opDef(activationOp({ name })!).linearPieces).toBeUndefined();
    }
  });
});

describe('WasmTrainer: the gradients of the scalar tape', () => {
  it('random MLPs, losses, ReLU / leaky ReLU / linear, batches 1 and 7 and others, widths off every block size (to 1e-12)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 0, maxLength: 3 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(1, 7, 2, 16, 33),
        fc.constantFrom(...LOSSES),
        fc.constantFrom<Activation>({ name: 'relu' }, { name: 'leaky-relu', param: 0.1 }, { name: 'linear' }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.boolean(),
        (hidden, inputs, batch, { loss, classes, outputs }, activation, seed, sparse) => {
          const rng = new Rng(seed);
          const net = mlp([inputs, ...hidden, outputs], { activation, rng });
          const data = dataset(rng, batch + 3, inputs, classes, sparse);
          const idx = Array.from({ length: batch }, (_, k) => (k * 5 + 2) % data.x.length);
          const ref = scalarStep(net, loss, data, idx);
          const want = grads(net);
          const opt = new SGD(net.parameters(), { lr: 0.1 });
          const tr = WasmTrainer.of(net, { loss, optimizer: opt, batch })!;
          expect(tr).toBeDefined();
          // rows copied each step, then rows gathered from the trainer's copy of the data
          for (const stored of [false, true]) {
            if (stored) expect(tr.snapshot(data)).toBe(true);
            const got = tr.step(data, idx);
            expect(Math.abs(got - ref)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ref)));
            tr.syncOut();
            close(grads(net), want, 1e-12);
          }
        },
      ),
      { numRuns: 200, seed: 1414 },
    );
  });

  it("float32: the scalar tape's gradients at the float32-rounded parameters and data, to float32 accuracy", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 0, maxLength: 2 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(1, 7, 16, 33),
        fc.constantFrom(...LOSSES),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (hidden, inputs, batch, { loss, classes, outputs }, seed) => {
          const rng = new Rng(seed);
          const net = mlp([inputs, ...hidden, outputs], { activation: 'relu', rng });
          for (const p of net.parameters()) p.data.set(Float32Array.from(p.data)); // what the trainer holds
          const raw = dataset(rng, batch + 3, inputs, classes, true);
          const data = makeDataset('f32', raw.x.map((x) => Float64Array.from(Float32Array.from(x))), raw.y, raw.classes);
          const idx = Array.from({ length: batch }, (_, k) => (k * 5 + 2) % data.x.length);
          const ref = scalarStep(net, loss, data, idx);
          const want = grads(net);
          const tr = WasmTrainer.of(net, { loss, optimizer: new SGD(net.parameters()), batch, precision: 'float32' })!;
          expect(tr.precision).toBe('float32');
          tr.snapshot(data);
          const got = tr.step(data, idx);
          expect(Math.abs(got - ref)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(ref)));
          tr.syncOut();
          close(grads(net), want, 1e-4);
        },
      ),
      { numRuns: 100, seed: 3232 },
    );
  });

  it('float32 training follows float64 training closely (Adam, 4 epochs)', () => {
    const a = mlp([12, 9, 7, 3], { activation: 'relu', rng: 3 });
    const b = clone(a);
    const r32 = fit(a, trainData, { loss: 'softmax-ce', optimizer: new Adam(a.parameters(), { lr: 3e-3 }), epochs: 4, batchSize: 16, rng: 9, precision: 'float32' });
    const r64 = fit(b, trainData, { loss: 'softmax-ce', optimizer: new Adam(b.parameters(), { lr: 3e-3 }), epochs: 4, batchSize: 16, rng: 9 });
    close(r32.history.map((h) => h.loss), r64.history.map((h) => h.loss), 1e-4);
    close(flat(a), flat(b), 1e-3);
    // the parameters handed back are float32 values
    for (const x of flat(a)) expect(Math.fround(x)).toBe(x);
  });

  it('the gradient against central differences of the mean loss (every layer, weights and biases)', () => {
    const rng = new Rng(5);
    const net = mlp([19, 21, 17, 4], { activation: 'relu', rng });
    const data = dataset(rng, 7, 19, 4, true);
    const idx = [0, 1, 2, 3, 4, 5, 6];
    const tr = WasmTrainer.of(net, { loss: 'softmax-ce', optimizer: new Adam(net.parameters()), batch: 7 })!;
    tr.step(data, idx);
    tr.syncOut();
    const meanLoss = (): number => {
      const g = new Float64Array(4);
      return idx.reduce((s, i) => s + lossAndGrad('softmax-ce', net.predict(data.x[i]!), data.y[i]!, g), 0) / idx.length;
    };
    const h = 1e-6;
    for (const p of net.parameters()) {
      const g = Float64Array.from(p.grad);
      for (let t = 0; t < 6; t++) {
        const k = rng.int(p.data.length);
        const x = p.data[k]!;
        p.data[k] = x + h;
        const up = meanLoss();
        p.data[k] = x - h;
        const down = meanLoss();
        p.data[k] = x;
        expect(Math.abs((up - down) / (2 * h) - g[k]!)).toBeLessThan(1e-7);
      }
    }
  });
});

/** Two copies of a network, one per path, trained by fit with the same options. */
function twoRuns(make: () => Sequential, opt: (net: Sequential) => Optimizer, opts: Omit<Parameters<typeof fit>[2], 'optimizer'>): { wasm: Sequential; js: Sequential; ow: Optimizer; oj: Optimizer; rw: ReturnType<typeof fit>; rj: ReturnType<typeof fit> } {
  const a = make();
  const b = clone(a);
  const ow = opt(a);
  const oj = opt(b);
  const rw = fit(a, trainData, { ...opts, optimizer: ow });
  const rj = fit(b, trainData, { ...opts, optimizer: oj, wasm: false });
  return { wasm: a, js: b, ow, oj, rw, rj };
}

const trainData = dataset(new Rng(77), 90, 12, 3, true);
const testData = dataset(new Rng(78), 40, 12, 3, true);
const twoClass = dataset(new Rng(21), 40, 12, 2, true);

describe('fit on the WebAssembly kernels: the run of the JavaScript kernels', () => {
  const make = (): Sequential => mlp([12, 9, 7, 3], { activation: 'relu', rng: 3 });
  const optimizers: [string, (net: Sequential) => Optimizer][] = [
    ['SGD', (net) => new SGD(net.parameters(), { lr: 0.05 })],
    ['momentum', (net) => new Momentum(net.parameters(), { lr: 0.02, beta: 0.8 })],
    ['Adam', (net) => new Adam(net.parameters(), { lr: 3e-3, beta1: 0.85, beta2: 0.99, eps: 1e-8 })],
  ];
  for (const [name, opt] of optimizers) {
    it(`${name}, minibatches of 16 (a last one of 10), shuffled, L2, a schedule, a test set: same losses, parameters and state (to 1e-9)`, () => {
      const reg: Regularizer = { kind: 'l2', lambda: 1e-3 };
      const { wasm, js, ow, oj, rw, rj } = twoRuns(make, opt, { loss: 'softmax-ce', epochs: 4, batchSize: 16, rng: 9, regularizer: reg, test: testData, lrSchedule: (k, n) => 1 - (0.5 * k) / n });
      close(rw.history.map((h) => h.loss), rj.history.map((h) => h.loss), 1e-9);
      close(rw.history.map((h) => h.testLoss!), rj.history.map((h) => h.testLoss!), 1e-9);
      expect(rw.history.map((h) => h.accuracy)).toEqual(rj.history.map((h) => h.accuracy));
      expect([rw.loss, rw.accuracy, rw.steps]).toEqual([expect.closeTo(rj.loss, 9), rj.accuracy, rj.steps]);
      close(flat(wasm), flat(js), 1e-9);
      close(grads(wasm), grads(js), 1e-9);
      expect(ow.steps).toBe(oj.steps);
      const sw = ow.state();
      const sj = oj.state();
      expect(Object.keys(sw)).toEqual(Object.keys(sj));
      for (const key of Object.keys(sw)) close(sw[key]!.flatMap((b) => Array.from(b)), sj[key]!.flatMap((b) => Array.from(b)), 1e-9);
      // the reported penalty is the regularizer's, from the parameters the network holds
      expect(regularize(wasm.parameters(), reg, false)).toBeCloseTo(regularize(js.parameters(), reg, false), 12);
    });
  }

  it('with augmentation (rows drawn each step through the function), hinge loss, one output', () => {
    const mk = (): Sequential => mlp([12, 5, 1], { activation: { name: 'leaky-relu', param: 0.05 }, rng: 4 });
    const augment = (x: Float64Array, r: Rng): ArrayLike<number> => x.map((v) => (v === 0 ? 0 : v + 0.1 * r.normal()));
    const a = mk();
    const b = clone(a);
    const rw = fit(a, twoClass, { loss: 'hinge', optimizer: new SGD(a.parameters(), { lr: 0.1 }), epochs: 3, batchSize: 8, rng: 2, augment });
    const rj = fit(b, twoClass, { loss: 'hinge', optimizer: new SGD(b.parameters(), { lr: 0.1 }), epochs: 3, batchSize: 8, rng: 2, augment, wasm: false });
    close(rw.history.map((h) => h.loss), rj.history.map((h) => h.loss), 1e-9);
    close(flat(a), flat(b), 1e-9);
  });

  it('randomShift (translations applied to the stored rows in the kernels) trains as the function does, shifts 1 and 2', () => {
    const rng = new Rng(31);
    // digit-like 28 × 28 images: a blob of ink away from the border, some at the border
    const x = Array.from({ length: 24 }, (_, i) =>
      Float64Array.from({ length: 784 }, (_, p) => {
        const r = Math.floor(p / 28);
        const c = p % 28;
        const edge = i % 4 === 0 && (r === 0 || c === 27);
        return edge || (Math.abs(r - 14) < 6 && Math.abs(c - 14) < 5 && rng.next() < 0.7) ? rng.next() : 0;
      }),
    );
    const digits = makeDataset('digits', x, x.map((_, i) => i % 3), ['0', '1', '2']);
    for (const max of [1, 2]) {
      const a = mlp([784, 11, 3], { activation: 'relu', rng: 6 });
      const b = clone(a);
      const augment = randomShift(max);
      const rw = fit(a, digits, { loss: 'softmax-ce', optimizer: new Adam(a.parameters(), { lr: 0.01 }), epochs: 3, batchSize: 5, rng: 4, augment });
      const rj = fit(b, digits, { loss: 'softmax-ce', optimizer: new Adam(b.parameters(), { lr: 0.01 }), epochs: 3, batchSize: 5, rng: 4, augment, wasm: false });
      close(rw.history.map((h) => h.loss), rj.history.map((h) => h.loss), 1e-9);
      close(flat(a), flat(b), 1e-9);
    }
    // a translation of images of another size is not this network's: the function is called instead
    const small = mlp([784, 3], { rng: 1 });
    const tr = WasmTrainer.of(small, { loss: 'softmax-ce', optimizer: new SGD(small.parameters()), batch: 2 })!;
    expect(tr.shiftOf(randomShift(1))).toEqual({ width: 28, height: 28, max: 1 });
    expect(tr.shiftOf(Object.assign((v: Float64Array) => v, { shift: { width: 20, height: 20, max: 1 } }))).toBeUndefined();
    expect(tr.shiftOf((v: Float64Array) => v)).toBeUndefined();
  });

  it('callbacks see the parameters of the step just taken, and changes they make are trained on', () => {
    const seen: number[][] = [];
    const clip = (net: Sequential) => (step: number): void => {
      seen.push(flat(net));
      if (step === 3) for (const p of net.parameters()) p.data.fill(0.01); // a callback that edits the weights
    };
    const a = make();
    const b = clone(a);
    fit(a, trainData, { loss: 'softmax-ce', optimizer: new Adam(a.parameters()), epochs: 2, batchSize: 30, rng: 1, onStep: clip(a) });
    const fromWasm = seen.splice(0);
    fit(b, trainData, { loss: 'softmax-ce', optimizer: new Adam(b.parameters()), epochs: 2, batchSize: 30, rng: 1, onStep: clip(b), wasm: false });
    expect(fromWasm.length).toBe(6);
    const counts: string[] = [];
    const c = make();
    fit(c, trainData, { loss: 'softmax-ce', optimizer: new SGD(c.parameters()), epochs: 2, batchSize: 30, onProgress: (k, n) => counts.push(`${k}/${n}`) });
    fromWasm.forEach((p, k) => close(p, seen[k]!, 1e-9));
    expect(counts).toEqual(['1/6', '2/6', '3/6', '4/6', '5/6', '6/6']);
    close(flat(a), flat(b), 1e-9);
  });

  it('a diverging run stops at the same step with the same parameters', () => {
    const run = (wasm: boolean): { msg: string; p: number[] } => {
      const net = make();
      try {
        fit(net, trainData, { loss: 'mse', optimizer: new SGD(net.parameters(), { lr: 1e300 }), epochs: 5, batchSize: 30, rng: 1, wasm });
      } catch (e) {
        return { msg: (e as Error).message, p: flat(net) };
      }
      return { msg: 'no error', p: flat(net) };
    };
    const w = run(true);
    const j = run(false);
    expect(w.msg).toMatch(/training diverged/);
    expect(w.msg).toBe(j.msg);
    close(w.p, j.p, 1e-9);
  });

  it('a dense data set (the copy outgrows its first estimate) trains the same', () => {
    const dense = dataset(new Rng(8), 60, 12, 3, false);
    const a = make();
    const b = clone(a);
    fit(a, dense, { loss: 'softmax-ce', optimizer: new Adam(a.parameters()), epochs: 2, batchSize: 7, rng: 3 });
    fit(b, dense, { loss: 'softmax-ce', optimizer: new Adam(b.parameters()), epochs: 2, batchSize: 7, rng: 3, wasm: false });
    close(flat(a), flat(b), 1e-9);
  });
});


describe('WasmTrainer covers what its kernels compute, and no more', () => {
  const net = (activation: Activation): Sequential => mlp([4, 3, 2], { activation, rng: 1 });
  it('other activations, optimizers, parameter lists and regularizers take the JavaScript kernels', () => {
    const base = { loss: 'softmax-ce' as const, batch: 4 };
    const relu = net({ name: 'relu' });
    expect(WasmTrainer.of(relu, { ...base, optimizer: new Adam(relu.parameters()) })).toBeDefined();
    const sig = net({ name: 'logistic' });
    expect(WasmTrainer.of(sig, { ...base, optimizer: new Adam(sig.parameters()) })).toBeUndefined();
    expect(WasmTrainer.of(relu, { ...base, optimizer: new RMSProp(relu.parameters()) })).toBeUndefined();
    class TweakedAdam extends Adam {} // a subclass may change the rule
    expect(WasmTrainer.of(relu, { ...base, optimizer: new TweakedAdam(relu.parameters()) })).toBeUndefined();
    expect(WasmTrainer.of(relu, { ...base, optimizer: new Adam(relu.parameters().slice(1)) })).toBeUndefined();
    expect(WasmTrainer.of(relu, { ...base, optimizer: new Adam(relu.parameters()), regularizer: { kind: 'l1', lambda: 0.1 } })).toBeUndefined();
    expect(WasmTrainer.of(relu, { ...base, optimizer: new Adam(relu.parameters()), regularizer: { kind: 'l2', lambda: 0.1 }, regularized: relu.parameters().slice(0, 1) })).toBeUndefined();
    expect(WasmTrainer.of(mlp([4, 3, 2], { activation: 'relu', dropout: 0.5, rng: 1 }), { ...base, optimizer: new Adam(relu.parameters()) })).toBeUndefined();
  });

  it('fit still trains those (sigmoid units, RMSProp) and reaches the same result with wasm on or off', () => {
    const a = mlp([12, 6, 3], { activation: 'logistic', rng: 2 });
    const b = clone(a);
    fit(a, trainData, { loss: 'softmax-ce', optimizer: new RMSProp(a.parameters()), epochs: 2, batchSize: 16, rng: 1 });
    fit(b, trainData, { loss: 'softmax-ce', optimizer: new RMSProp(b.parameters()), epochs: 2, batchSize: 16, rng: 1, wasm: false });
    expect(flat(a)).toEqual(flat(b));
  });

  it('a sample of the wrong width is a clear error', () => {
    const relu = net({ name: 'relu' });
    const tr = WasmTrainer.of(relu, { loss: 'softmax-ce', optimizer: new SGD(relu.parameters()), batch: 2 })!;
    const bad = makeDataset('bad', [[1, 2, 3]], [0], ['a', 'b']);
    expect(() => tr.step(bad, [0])).toThrow(/has 3 features, the network takes 4/);
    expect(() => tr.step(trainData, [0, 1, 2])).toThrow(/at most 2/);
  });
});
