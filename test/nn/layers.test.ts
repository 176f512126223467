import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ActivationLayer, Dense, Dropout, loadModel, Maxout, mlp, saveModel, Sequential } from '../../src/nn/layers.ts';
import { backpropBatch, bpLayersOf } from '../../src/nn/backprop.ts';
import { recordLoss, recordMean, type LossName } from '../../src/nn/losses.ts';
import { ACTIVATION_NAMES, activationOp } from '../../src/nn/activations.ts';
import { Rng } from '../../src/nn/rng.ts';
import { Tape } from '../../src/reverse/tape.ts';
import { DiffError } from '../../src/expr/errors.ts';

/** Mean loss over a batch, its gradient through the tape into param.grad. */
function tapeGrad(net: Sequential, xs: Float64Array[], ys: number[], loss: LossName): number {
  const t = new Tape();
  net.zeroGrad();
  return net.lossAndGrad(t, () => recordMean(t, xs.map((x, i) => recordLoss(t, loss, net.forwardData(t, x), ys[i]!))));
}

const acts = ACTIVATION_NAMES.filter((a) => a !== 'linear');

describe('tape gradients agree with the layer-wise backprop on random MLPs', () => {
  it('random sizes, activations, losses and data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(...acts),
        fc.constantFrom<LossName>('mse', 'sse', 'bce', 'softmax-ce', 'hinge'),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (hidden, nIn, act, loss, seed) => {
          const nOut = loss === 'bce' ? 1 : loss === 'softmax-ce' ? 3 : loss === 'hinge' ? 1 : 2;
          const rng = new Rng(seed);
          const net = mlp([nIn, ...hidden, nOut], { activation: act, rng, init: 'normal:0.8' });
          for (const p of net.parameters()) for (let i = 0; i < p.size; i++) p.data[i] = rng.normal(0, 0.8);
          const xs = Array.from({ length: 4 }, () => Float64Array.from({ length: nIn }, () => rng.normal()));
          const ys = xs.map(() => (loss === 'softmax-ce' ? rng.int(3) : loss === 'mse' || loss === 'sse' ? rng.int(2) : rng.int(2)));
          const lt = tapeGrad(net, xs, ys, loss);
          const bp = backpropBatch(bpLayersOf(net), xs, ys, loss);
          expect(lt).toBeCloseTo(bp.loss, 12);
          const dense = net.layers.filter((l): l is Dense => l instanceof Dense);
          dense.forEach((d, l) => {
            for (let k = 0; k < d.W.size; k++) expect(Math.abs(d.W.grad[k]! - bp.dW[l]![k]!)).toBeLessThan(1e-12 * Math.max(1, Math.abs(bp.dW[l]![k]!)));
            for (let k = 0; k < d.b.size; k++) expect(Math.abs(d.b.grad[k]! - bp.db[l]![k]!)).toBeLessThan(1e-12 * Math.max(1, Math.abs(bp.db[l]![k]!)));
          });
        },
      ),
      { numRuns: 150, seed: 11 },
    );
  });
});

describe('fused dense nodes give the same gradient as the same network built from primitive ops', () => {
  it('Σ w·x + b from mul/add nodes, activations by the registry op', () => {
    const rng = new Rng(5);
    const net = mlp([3, 4, 2], { activation: 'tanh', rng });
    const x = Float64Array.from([0.3, -1.2, 0.8]);
    const t = new Tape();
    net.zeroGrad();
    net.lossAndGrad(t, () => {
      const out = net.forwardData(t, x);
      return t.apply('add', out); // z₁ + z₂
    });
    // by hand on the tape: leaves for everything, one mul per weight
    const t2 = new Tape();
    const leaves = net.parameters().map((p) => Array.from(p.data, (v) => t2.leaf(v)));
    const xin = Array.from(x, (v) => t2.leaf(v));
    const layer = (W: number[], b: number[], inp: number[], nOut: number): number[] =>
      Array.from({ length: nOut }, (_, j) => t2.apply('add', [...inp.map((xi, i) => t2.apply('mul', [W[j * inp.length + i]!, xi])), b[j]!]));
    const h = layer(leaves[0]!, leaves[1]!, xin, 4).map((z) => t2.apply('tanh', [z]));
    const out = layer(leaves[2]!, leaves[3]!, h, 2);
    t2.backward(t2.apply('add', out));
    net.parameters().forEach((p, j) => p.grad.forEach((g, k) => expect(g).toBeCloseTo(t2.grad(leaves[j]![k]!), 14)));
  });
});

describe('every activation layer records its registry op and agrees with central differences', () => {
  it.each(acts.map((a) => [a]))('%s', (name) => {
    const layer = new ActivationLayer(name);
    for (const z of [-2.3, -0.4, 0.6, 1.7]) {
      const t = new Tape();
      const x = t.leaf(z);
      const [y] = layer.forward(t, [x]);
      expect(t.op(y!)).toBe(activationOp(layer.activation));
      t.backward(y!);
      const h = 1e-6;
      const fd = (layer.predict([z + h])[0]! - layer.predict([z - h])[0]!) / (2 * h);
      expect(Math.abs(t.grad(x) - fd)).toBeLessThan(1e-7);
    }
  });
  it('parametric activations keep their parameter (leaky ReLU γ = 0.2)', () => {
    const t = new Tape();
    const x = t.leaf(-2);
    const [y] = new ActivationLayer('leaky-relu:0.2').forward(t, [x]);
    t.backward(y!);
    expect(t.value(y!)).toBeCloseTo(-0.4, 15);
    expect(t.grad(x)).toBeCloseTo(0.2, 15);
  });
});

describe('maxout', () => {
  it('the gradient flows through the maximal piece (central differences)', () => {
    const m = new Maxout(3, 2, 3, { rng: 4 });
    const x = [0.5, -1, 2];
    const t = new Tape();
    m.zeroGrad();
    const net = new Sequential([m]);
    net.lossAndGrad(t, () => t.apply('add', net.forwardData(t, x)));
    const W = m.parameters()[0]!;
    const f = (): number => m.predict(x).reduce((a, b) => a + b, 0);
    for (let k = 0; k < W.size; k++) {
      const v = W.data[k]!;
      W.data[k] = v + 1e-6;
      const up = f();
      W.data[k] = v - 1e-6;
      const dn = f();
      W.data[k] = v;
      expect(Math.abs(W.grad[k]! - (up - dn) / 2e-6)).toBeLessThan(1e-6);
    }
  });
});

describe('inverted dropout', () => {
  it('training: each unit is kept with probability p and scaled by 1/p; the gradient carries the mask', () => {
    const d = new Dropout(0.25, 1);
    const t = new Tape();
    const xs = Array.from({ length: 4000 }, () => t.leaf(2));
    const ys = d.forward(t, xs);
    const vals = ys.map((y) => t.value(y));
    expect(new Set(vals)).toEqual(new Set([0, 8]));
    const kept = vals.filter((v) => v > 0).length / vals.length;
    expect(Math.abs(kept - 0.25)).toBeLessThan(0.03);
    const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
    expect(Math.abs(mean - 2)).toBeLessThan(0.25); // E[mask · x] = x
    t.backward(ys[0]!);
    expect(t.grad(xs[0]!)).toBe(vals[0]! / 2);
  });
  it('inference (eval): the identity', () => {
    const d = new Dropout(0.5, 1).eval();
    const t = new Tape();
    const xs = [t.leaf(1), t.leaf(2)];
    expect(d.forward(t, xs)).toEqual(xs);
    expect(Array.from(d.predict([1, 2]))).toEqual([1, 2]);
  });
  it('the same seed drops the same units', () => {
    const run = (): number[] => {
      const t = new Tape();
      const d = new Dropout(0.5, 9);
      return d.forward(t, Array.from({ length: 20 }, () => t.leaf(1))).map((y) => t.value(y));
    };
    expect(run()).toEqual(run());
  });
  it('keep probability outside (0, 1] is refused', () => expect(() => new Dropout(0)).toThrow(DiffError));
});

describe('save and load', () => {
  it('a saved network, reloaded from JSON text, predicts the same', () => {
    const net = mlp([2, 5, 3], { activation: 'leaky-relu:0.1', dropout: 0.8, rng: 3 });
    const text = JSON.stringify(saveModel(net));
    const back = loadModel(text);
    expect(Array.from(back.predict([0.2, -0.7]))).toEqual(Array.from(net.predict([0.2, -0.7])));
    expect(saveModel(back)).toEqual(JSON.parse(text));
  });
  it('maxout networks too', () => {
    const net = mlp([2, 4, 1], { activation: 'maxout:3', rng: 3 });
    expect(Array.from(loadModel(saveModel(net)).predict([1, 2]))).toEqual(Array.from(net.predict([1, 2])));
  });
  it('state dicts by dotted name', () => {
    const a = mlp([2, 3, 1], { rng: 1 });
    const b = mlp([2, 3, 1], { rng: 2 });
    expect(Object.keys(a.stateDict())).toEqual(['0.W', '0.b', '2.W', '2.b']);
    b.loadStateDict(a.stateDict());
    expect(Array.from(b.predict([1, 1]))).toEqual(Array.from(a.predict([1, 1])));
    expect(() => b.loadStateDict({ ...a.stateDict(), '9.W': [1] })).toThrow(/does not: 9.W/);
  });
  it('broken files give clear errors', () => {
    expect(() => loadModel('{')).toThrow(/not a saved model/);
    expect(() => loadModel({ format: 'difflab.nn', version: 1, layers: [{ type: 'dense', in: 2, out: 1, W: [1], b: [0] }] })).toThrow(/layer 0 W must be 2 numbers/);
  });
});

describe('parameters, zeroGrad and binding', () => {
  it('parameters() lists W and b of every dense layer; gradients accumulate until zeroGrad', () => {
    const net = mlp([2, 3, 1], { rng: 1 });
    expect(net.parameters().map((p) => p.shape)).toEqual([[3, 2], [3], [1, 3], [1]]);
    const t = new Tape();
    const x = [1, -1];
    net.zeroGrad();
    const step = (): number => net.lossAndGrad(t, () => net.forwardData(t, x)[0]!);
    step();
    const g1 = Array.from(net.parameters()[0]!.grad);
    step();
    expect(Array.from(net.parameters()[0]!.grad)).toEqual(g1.map((g) => 2 * g));
    net.zeroGrad();
    expect(net.parameters().every((p) => p.grad.every((g) => g === 0))).toBe(true);
  });
  it('forgetting bind after a reset is an error, not a silent wrong gradient', () => {
    const net = new Sequential([new Dense(2, 2, { rng: 1 })]);
    const t = new Tape();
    expect(() => net.forwardData(t, [1, 2])).toThrow(/bind/);
  });
  it('wrong input sizes are reported', () => {
    const net = mlp([2, 3, 1], { rng: 1 });
    const t = new Tape();
    net.bind(t);
    expect(() => net.forwardData(t, [1, 2, 3])).toThrow(/expects 2 inputs/);
  });
});
