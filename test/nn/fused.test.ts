import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ActivationLayer, Dense, Dropout, mlp, Sequential } from '../../src/nn/layers.ts';
import { recordLoss, recordMean } from '../../src/nn/losses.ts';
import { ACTIVATION_NAMES } from '../../src/nn/activations.ts';
import { Rng } from '../../src/nn/rng.ts';
import { Tape } from '../../src/reverse/tape.ts';

/** Gradients of a sum of output·weights through the tape, fused or not. */
function grads(net: Sequential, fused: boolean, xs: Float64Array[], ys: number[]): { loss: number; g: number[]; length: number; edges: number } {
  net.fused = fused;
  const t = new Tape();
  net.zeroGrad();
  const loss = net.lossAndGrad(t, () => recordMean(t, xs.map((x, i) => recordLoss(t, 'softmax-ce', net.forwardData(t, x), ys[i]!))));
  return { loss, g: net.parameters().flatMap((p) => Array.from(p.grad)), length: t.length, edges: t.edgeCount };
}

describe('fused dense+activation nodes give the same gradient as one node per operation', () => {
  it('random MLPs, every activation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...ACTIVATION_NAMES),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.boolean(),
        (hidden, act, seed, sparse) => {
          const rng = new Rng(seed);
          const net = mlp([4, ...hidden, 3], { activation: act, rng });
          const xs = Array.from({ length: 3 }, () => Float64Array.from({ length: 4 }, () => (sparse && rng.next() < 0.5 ? 0 : rng.normal())));
          const ys = xs.map(() => rng.int(3));
          const a = grads(net, true, xs, ys);
          const b = grads(net, false, xs, ys);
          expect(a.loss).toBeCloseTo(b.loss, 12);
          a.g.forEach((g, k) => expect(Math.abs(g - b.g[k]!)).toBeLessThan(1e-12 * Math.max(1, Math.abs(b.g[k]!))));
          expect(a.edges).toBeLessThanOrEqual(b.edges);
        },
      ),
      { numRuns: 120, seed: 3 },
    );
  });

  it('with tape inputs, the inputs receive their adjoints too', () => {
    const net = mlp([3, 5, 2], { activation: 'relu', rng: 2 });
    const run = (fused: boolean): number[] => {
      net.fused = fused;
      const t = new Tape();
      net.bind(t);
      const xs = [t.leaf(0.5), t.leaf(0), t.leaf(-1.5)]; // a zero input still gets its gradient
      const out = net.forward(t, xs);
      t.backward(t.apply('add', out));
      return xs.map((x) => t.grad(x));
    };
    const a = run(true);
    const b = run(false);
    a.forEach((g, i) => expect(g).toBeCloseTo(b[i]!, 14));
    expect(b.some((g) => g !== 0)).toBe(true);
  });

  it('inactive ReLU units become constant leaves and zero inputs get no weight edges, so the tape is shorter', () => {
    const net = mlp([2, 16, 16, 1], { activation: 'relu', rng: 1, init: 'uniform:1' });
    const xs = [Float64Array.of(0.3, -0.8), Float64Array.of(0, 1.2)];
    const edges = (fused: boolean): number => {
      net.fused = fused;
      const t = new Tape();
      net.lossAndGrad(t, () => recordMean(t, xs.map((x) => net.forwardData(t, x)[0]!)));
      return t.edgeCount;
    };
    expect(edges(true)).toBeLessThan(edges(false) / 2);
  });

  it('networks with other layers (dropout, maxout) take the per-layer path', () => {
    const net = new Sequential([new Dense(2, 3, { rng: 1 }), new ActivationLayer('relu'), new Dropout(0.5, 1), new Dense(3, 1, { rng: 2 })]);
    const t = new Tape();
    net.bind(t);
    const before = t.length;
    net.forwardData(t, [1, 2]);
    expect(t.length - before).toBeGreaterThan(3 + 3 + 1); // dense, relu and dropout nodes
  });
});
