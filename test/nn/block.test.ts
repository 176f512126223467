import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BlockTape, BlockTrainer, denseStages } from '../../src/nn/block.ts';
import { ACTIVATION_NAMES, type ActivationName } from '../../src/nn/activations.ts';
import { ActivationLayer, Dense, Dropout, Maxout, mlp, Sequential } from '../../src/nn/layers.ts';
import { recordLoss, recordMean, type LossName } from '../../src/nn/losses.ts';
import { Adam, SGD } from '../../src/nn/optim.ts';
import { Rng } from '../../src/nn/rng.ts';
import { fit } from '../../src/nn/train.ts';
import { makeDataset } from '../../src/nn/data/dataset.ts';
import { moons } from '../../src/nn/data/toy.ts';
import { DiffError } from '../../src/expr/errors.ts';
import { Tape } from '../../src/reverse/tape.ts';

interface Grads {
  loss: number;
  g: number[];
}

/** Loss and parameter gradient through the scalar tape (one node per op, or fused units). */
function scalarGrads(net: Sequential, loss: LossName, xs: Float64Array[], ys: number[], fused: boolean): Grads {
  net.fused = fused;
  const t = new Tape();
  net.zeroGrad();
  const v = net.lossAndGrad(t, () => recordMean(t, xs.map((x, i) => recordLoss(t, loss, net.forwardData(t, x), ys[i]!))));
  return { loss: v, g: net.parameters().flatMap((p) => Array.from(p.grad)) };
}

/** The same through the block tape. */
function blockGrads(net: Sequential, loss: LossName, xs: Float64Array[], ys: number[], bt = new BlockTape()): Grads {
  const n = xs[0]!.length;
  const x = new Float64Array(xs.length * n);
  xs.forEach((r, b) => x.set(r, b * n));
  net.zeroGrad();
  bt.reset();
  let h = bt.input(x, xs.length, n);
  for (const s of denseStages(net)!) h = bt.dense(h, s.dense, s.activation);
  const l = bt.loss(h, loss, ys);
  bt.backward(l);
  return { loss: bt.value(l)[0]!, g: net.parameters().flatMap((p) => Array.from(p.grad)) };
}

function expectSame(a: Grads, b: Grads, tol = 1e-12): void {
  expect(Math.abs(a.loss - b.loss)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b.loss)));
  expect(a.g.length).toBe(b.g.length);
  a.g.forEach((g, k) => expect(Math.abs(g - b.g[k]!)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b.g[k]!))));
}

function data(rng: Rng, batch: number, n: number, classes: number, sparse: boolean): { xs: Float64Array[]; ys: number[] } {
  const xs = Array.from({ length: batch }, () => Float64Array.from({ length: n }, () => (sparse && rng.next() < 0.6 ? 0 : rng.normal())));
  return { xs, ys: xs.map(() => rng.int(classes)) };
}

describe('block tape: the same gradients as the scalar tape', () => {
  it('random MLPs, every activation, batches 1 and 7 and others, widths off any block size (to 1e-12)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 0, maxLength: 3 }),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom(1, 7, 2, 5),
        fc.constantFrom(...ACTIVATION_NAMES),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.boolean(),
        (hidden, inputs, batch, act, seed, sparse) => {
          const rng = new Rng(seed);
          const net = mlp([inputs, ...hidden, 3], { activation: act, rng });
          const { xs, ys } = data(rng, batch, inputs, 3, sparse);
          const block = blockGrads(net, 'softmax-ce', xs, ys);
          expectSame(block, scalarGrads(net, 'softmax-ce', xs, ys, false));
          expectSame(block, scalarGrads(net, 'softmax-ce', xs, ys, true));
        },
      ),
      { numRuns: 150, seed: 14 },
    );
  });

  it('layers past the small-layer size (tiled loops: four units × two rows), batches 1 and 7, widths off the tiles (to 1e-12)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 33, max: 47 }),
        fc.integer({ min: 33, max: 47 }),
        fc.constantFrom(1, 7, 4),
        fc.constantFrom<ActivationName>('relu', 'tanh', 'elu', 'linear'),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (inputs, hidden, batch, act, seed) => {
          const rng = new Rng(seed);
          const net = mlp([inputs, hidden, 35, 3], { activation: act, rng }); // every weight matrix has more than 1024 entries but the last
          const { xs, ys } = data(rng, batch, inputs, 3, true);
          expectSame(blockGrads(net, 'softmax-ce', xs, ys), scalarGrads(net, 'softmax-ce', xs, ys, false));
        },
      ),
      { numRuns: 25, seed: 15 },
    );
  });

  it.each<[LossName, number]>([
    ['mse', 3],
    ['sse', 2],
    ['bce', 1],
    ['hinge', 1],
    ['hinge', 4],
    ['softmax-ce', 10],
  ])('loss %s with %i outputs', (loss, K) => {
    const rng = new Rng(K * 31 + loss.length);
    for (const batch of [1, 7, 33]) {
      const net = mlp([13, 11, 5, K], { activation: 'tanh', rng });
      const { xs, ys } = data(rng, batch, 13, K === 1 ? 2 : K, true);
      expectSame(blockGrads(net, loss, xs, ys), scalarGrads(net, loss, xs, ys, false));
    }
  });

  it('an output activation (sigmoid after the last layer) and wide layers (70 → 37 → 19 → 2)', () => {
    const rng = new Rng(5);
    const net = mlp([70, 37, 19, 2], { activation: 'relu', output: 'logistic', rng });
    const { xs, ys } = data(rng, 7, 70, 2, true);
    expectSame(blockGrads(net, 'mse', xs, ys), scalarGrads(net, 'mse', xs, ys, false));
  });

  it('an all-zero input row, and a layer whose ReLU units are all inactive, pass exact zeros', () => {
    const net = mlp([4, 3, 2], { activation: 'relu', rng: 3 });
    const xs = [new Float64Array(4), Float64Array.of(1, 0, -2, 0)];
    const ys = [0, 1];
    expectSame(blockGrads(net, 'softmax-ce', xs, ys), scalarGrads(net, 'softmax-ce', xs, ys, false));
    const dead = mlp([4, 3, 2], { activation: 'relu', rng: 3 });
    dead.parameters()[1]!.data.fill(-100); // every hidden bias far below zero: relu′ = 0 everywhere
    const g = blockGrads(dead, 'softmax-ce', xs, ys);
    expect(g.g.slice(0, 15).every((v) => v === 0)).toBe(true); // first layer W (12) and b (3)
    expectSame(g, scalarGrads(dead, 'softmax-ce', xs, ys, false));
  });
});

describe('block tape: against central differences', () => {
  // smooth activations, so that (L(θ + h) − L(θ − h))/2h is accurate to O(h²)
  const smooth: ActivationName[] = ['tanh', 'logistic', 'softplus', 'gelu', 'swish'];
  it.each(smooth)('%s network, every parameter and every input', (act) => {
    const rng = new Rng(act.length);
    const net = mlp([5, 7, 3], { activation: act, rng });
    const { xs, ys } = data(rng, 7, 5, 3, false);
    const x = new Float64Array(35);
    xs.forEach((r, b) => x.set(r, b * 5));
    const bt = new BlockTape();
    const lossAt = (): number => {
      bt.reset();
      let h = bt.input(x, 7, 5, true);
      for (const s of denseStages(net)!) h = bt.dense(h, s.dense, s.activation);
      return bt.value(bt.loss(h, 'softmax-ce', ys))[0]!;
    };
    net.zeroGrad();
    bt.reset();
    let h = bt.input(x, 7, 5, true);
    const inputNode = h;
    for (const s of denseStages(net)!) h = bt.dense(h, s.dense, s.activation);
    bt.backward(bt.loss(h, 'softmax-ce', ys));
    const gx = Array.from(bt.grad(inputNode));
    const hstep = 1e-5;
    const central = (buf: Float64Array, i: number): number => {
      const v = buf[i]!;
      buf[i] = v + hstep;
      const up = lossAt();
      buf[i] = v - hstep;
      const down = lossAt();
      buf[i] = v;
      return (up - down) / (2 * hstep);
    };
    for (const p of net.parameters()) {
      const g = Array.from(p.grad);
      for (let i = 0; i < p.size; i++) expect(Math.abs(g[i]! - central(p.data, i))).toBeLessThan(1e-8);
    }
    for (let i = 0; i < x.length; i++) expect(Math.abs(gx[i]! - central(x, i))).toBeLessThan(1e-8);
  });
});

describe('block tape: the tiled loops against central differences', () => {
  it('40 → 36 → 3 tanh network, batch 7: every 13th parameter and every 5th input', () => {
    const rng = new Rng(40);
    const net = mlp([40, 36, 3], { activation: 'tanh', rng });
    const { xs, ys } = data(rng, 7, 40, 3, true);
    const x = new Float64Array(7 * 40);
    xs.forEach((r, b) => x.set(r, b * 40));
    const bt = new BlockTape();
    const record = (): number => {
      bt.reset();
      let h = bt.input(x, 7, 40, true);
      for (const s of denseStages(net)!) h = bt.dense(h, s.dense, s.activation);
      return bt.loss(h, 'softmax-ce', ys);
    };
    net.zeroGrad();
    bt.backward(record());
    const gx = Array.from(bt.grad(0));
    const central = (buf: Float64Array, i: number): number => {
      const v = buf[i]!;
      buf[i] = v + 1e-5;
      const up = bt.value(record())[0]!;
      buf[i] = v - 1e-5;
      const down = bt.value(record())[0]!;
      buf[i] = v;
      return (up - down) / 2e-5;
    };
    for (const p of net.parameters()) {
      const g = Array.from(p.grad);
      for (let i = 0; i < p.size; i += 13) expect(Math.abs(g[i]! - central(p.data, i))).toBeLessThan(1e-8);
    }
    for (let i = 0; i < x.length; i += 5) expect(Math.abs(gx[i]! - central(x, i))).toBeLessThan(1e-8);
  });
});

describe('block tape: inputs that take gradients agree with the scalar tape', () => {
  it('∂L/∂x for each row, zero entries included', () => {
    const rng = new Rng(9);
    const net = mlp([6, 5, 3], { activation: 'elu', rng });
    const { xs, ys } = data(rng, 7, 6, 3, true);
    // scalar tape, with leaves for the inputs
    net.fused = false;
    const t = new Tape();
    net.zeroGrad();
    net.bind(t);
    const leaves = xs.map((r) => Array.from(r, (v) => t.leaf(v)));
    const l = recordMean(t, leaves.map((ls, i) => recordLoss(t, 'softmax-ce', net.forward(t, ls), ys[i]!)));
    t.backward(l);
    const x = new Float64Array(42);
    xs.forEach((r, b) => x.set(r, b * 6));
    const bt = new BlockTape();
    let h = bt.input(x, 7, 6, true);
    const inputNode = h;
    for (const s of denseStages(net)!) h = bt.dense(h, s.dense, s.activation);
    bt.backward(bt.loss(h, 'softmax-ce', ys));
    const gx = bt.grad(inputNode);
    leaves.flat().forEach((leaf, k) => expect(Math.abs(gx[k]! - t.grad(leaf))).toBeLessThan(1e-12));
  });
});

describe('block tape: buffers are reused without changing results', () => {
  it('batches 7, 1, 7 on one tape give what fresh tapes give', () => {
    const rng = new Rng(4);
    const net = mlp([9, 6, 4], { activation: 'relu', rng });
    const a = data(rng, 7, 9, 4, true);
    const b = data(rng, 1, 9, 4, true);
    const bt = new BlockTape();
    const first = blockGrads(net, 'softmax-ce', a.xs, a.ys, bt);
    const one = blockGrads(net, 'softmax-ce', b.xs, b.ys, bt);
    const again = blockGrads(net, 'softmax-ce', a.xs, a.ys, bt);
    expect(again).toEqual(first);
    expect(one).toEqual(blockGrads(net, 'softmax-ce', b.xs, b.ys));
  });
  it('backward twice gives the same gradient (adjoints are reset, parameter gradients accumulate)', () => {
    const net = mlp([3, 4, 2], { rng: 1 });
    const bt = new BlockTape();
    let h = bt.input([1, 0, 2, -1, 0.5, 0], 2, 3);
    for (const s of denseStages(net)!) h = bt.dense(h, s.dense, s.activation);
    const l = bt.loss(h, 'softmax-ce', [0, 1]);
    net.zeroGrad();
    bt.backward(l);
    const once = Array.from(net.parameters()[0]!.grad);
    bt.backward(l);
    net.parameters()[0]!.grad.forEach((g, i) => expect(g).toBeCloseTo(2 * once[i]!, 14));
  });
});

describe('block tape: rows one at a time', () => {
  it('inputRows reads each row at once (a reused buffer is fine) and gives what input gives', () => {
    const net = mlp([5, 4, 3], { activation: 'relu', rng: 8 });
    const rng = new Rng(8);
    const { xs, ys } = data(rng, 7, 5, 3, true);
    const buf = new Float64Array(5);
    const bt = new BlockTape();
    net.zeroGrad();
    let h = bt.inputRows(7, 5, (b) => buf.set(xs[b]!) ?? buf);
    for (const s of denseStages(net)!) h = bt.dense(h, s.dense, s.activation);
    bt.backward(bt.loss(h, 'softmax-ce', ys));
    const g = net.parameters().flatMap((p) => Array.from(p.grad));
    expect(g).toEqual(blockGrads(net, 'softmax-ce', xs, ys).g);
    expect(() => bt.inputRows(2, 5, () => [1, 2])).toThrow(/row 0 has 2 values, expected 5/);
  });
});

describe('block tape: bad input is a DiffError', () => {
  const net = mlp([3, 2], { rng: 1 });
  const d = net.layers[0] as Dense;
  it('wrong sizes', () => {
    const bt = new BlockTape();
    expect(() => bt.input([1, 2], 1, 3)).toThrow(/need 3 values, got 2/);
    expect(() => bt.input([], 0, 3)).toThrow(DiffError);
    const x = bt.input([1, 2, 3, 4], 1, 4);
    expect(() => bt.dense(x, d)).toThrow(/expects 3 inputs, got 4/);
    const y = bt.dense(bt.input([1, 2, 3], 1, 3), d);
    expect(() => bt.loss(y, 'softmax-ce', [0, 1])).toThrow(/1 rows but 2 targets/);
    expect(() => bt.loss(y, 'softmax-ce', [5])).toThrow(/class label 5/);
  });
  it('backward from a node that is not a loss; unknown nodes; constants have no adjoint', () => {
    const bt = new BlockTape();
    const x = bt.input([1, 2, 3], 1, 3);
    const y = bt.dense(x, d);
    expect(() => bt.backward(y)).toThrow(/not a loss/);
    expect(() => bt.value(7)).toThrow(/no block node 7/);
    bt.backward(bt.loss(y, 'softmax-ce', [1]));
    expect(() => bt.grad(x)).toThrow(/constant/);
  });
});

describe('fit trains on the block tape when the network is dense layers and activations', () => {
  it('networks with maxout or active dropout take the scalar tape', () => {
    expect(denseStages(mlp([2, 3, 1], { rng: 1 }))).toHaveLength(2);
    expect(denseStages(mlp([2, 3, 1], { rng: 1, dropout: 0.5 }))).toBeUndefined();
    expect(denseStages(mlp([2, 3, 1], { rng: 1, activation: 'maxout:2' }))).toBeUndefined();
    expect(denseStages(new Sequential([new Dense(2, 2, { rng: 1 }), new Dropout(1), new ActivationLayer('tanh'), new Dense(2, 1, { rng: 2 })]))).toBeUndefined();
    expect(BlockTrainer.of(new Sequential([new Maxout(2, 2, 2, { rng: 1 })]), 'mse')).toBeUndefined();
  });

  it("micrograd's moons demo: the same losses, step by step, on both tapes", () => {
    const run = (blocks: boolean): number[] => {
      const net = mlp([2, 16, 16, 1], { activation: 'relu', init: 'uniform:1', rng: 1 });
      const r = fit(net, moons(100, 0.1, 1), {
        loss: 'hinge',
        optimizer: new SGD(net.parameters(), { lr: 1 }),
        epochs: 100,
        regularizer: { kind: 'l2', lambda: 1e-4 },
        lrSchedule: (k, n) => 1 - (0.9 * k) / n,
        blocks,
      });
      expect(r.accuracy).toBe(1);
      return r.history.map((h) => h.loss);
    };
    const a = run(true);
    const b = run(false);
    a.forEach((v, k) => expect(Math.abs(v - b[k]!)).toBeLessThan(1e-10));
  });

  it('minibatches with a last batch of 7, augmentation and Adam: the same losses and accuracies', () => {
    const rng = new Rng(2);
    const xs = Array.from({ length: 39 }, () => Array.from({ length: 10 }, () => (rng.next() < 0.5 ? 0 : rng.next())));
    const set = makeDataset('toy', xs, xs.map((x) => (x[0]! > 0.3 ? 1 : 0) + (x[1]! > 0.3 ? 1 : 0)), ['a', 'b', 'c']);
    const run = (blocks: boolean): { loss: number; accuracy: number }[] => {
      const net = mlp([10, 8, 3], { activation: 'relu', rng: 3 });
      const r = fit(net, set, {
        loss: 'softmax-ce',
        optimizer: new Adam(net.parameters(), { lr: 0.01 }),
        epochs: 4,
        batchSize: 8,
        rng: 5,
        augment: (x, g) => x.map((v) => (g.next() < 0.1 ? 0 : v)),
        blocks,
      });
      return r.history.map((h) => ({ loss: h.loss, accuracy: h.accuracy }));
    };
    const a = run(true);
    const b = run(false);
    a.forEach((h, k) => {
      expect(Math.abs(h.loss - b[k]!.loss)).toBeLessThan(1e-10);
      expect(h.accuracy).toBe(b[k]!.accuracy);
    });
  });
});
