import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import refs from '../fixtures/nn.json' with { type: 'json' };
import { bceWithLogits, hinge, lossAndGrad, LOSS_NAMES, parseLoss, predictClass, recordLoss, recordMean, softmaxCrossEntropy, type LossName } from '../../src/nn/losses.ts';
import { Tape } from '../../src/reverse/tape.ts';
import { DiffError } from '../../src/expr/errors.ts';

const rel = (a: number, b: number): number => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));

// Reference: mpmath at 50 digits (scripts/nn_refs.py).
describe('binary cross-entropy from logits is stable and exact', () => {
  it.each(refs.bce)('z = %d, y = %d', (z, y, want, dwant) => {
    const v = bceWithLogits(z, y);
    expect(Number.isFinite(v)).toBe(true);
    expect(rel(v, want)).toBeLessThan(1e-14);
    const g = [0];
    lossAndGrad('bce', [z], y, g);
    expect(Math.abs(g[0]! - dwant)).toBeLessThan(1e-15);
  });
});

describe('softmax cross-entropy through log-sum-exp', () => {
  it.each(refs.softmax_ce.map((r) => [JSON.stringify(r[0]), ...r]))('%s', (_name, z, label, want, gwant) => {
    const zs = z as number[];
    const v = softmaxCrossEntropy(zs, label as number);
    expect(Number.isFinite(v)).toBe(true);
    expect(Math.abs(v - (want as number))).toBeLessThan(1e-13 * Math.max(1, Math.abs(want as number)));
    const g = new Array<number>(zs.length).fill(0);
    lossAndGrad('softmax-ce', zs, label as number, g);
    (gwant as number[]).forEach((gk, k) => expect(Math.abs(g[k]! - gk)).toBeLessThan(1e-15));
  });
  it('soft targets: one-hot gives the same loss as the label', () => {
    const g1 = [0, 0, 0];
    const g2 = [0, 0, 0];
    expect(lossAndGrad('softmax-ce', [0.1, 2, -1], [0, 1, 0], g2)).toBeCloseTo(lossAndGrad('softmax-ce', [0.1, 2, -1], 1, g1), 15);
    expect(g2).toEqual(g1);
  });
});

describe('hinge loss (SVM)', () => {
  it('max(0, 1 − y·s) with labels 0/1 read as −1/+1', () => {
    expect(hinge(0.3, 1)).toBeCloseTo(0.7, 15);
    const g = [0];
    expect(lossAndGrad('hinge', [0.3], 0, g)).toBeCloseTo(1.3, 15);
    expect(g[0]).toBe(1); // ∂/∂s max(0, 1 + s) = 1
    expect(lossAndGrad('hinge', [2], 1, g)).toBe(0);
    expect(g[0]).toBe(0);
  });
  it('multiclass: Σ_{k≠y} max(0, 1 + z_k − z_y)', () => {
    const g = [0, 0, 0];
    // z = (3, 1, 2.5), y = 0: max(0, 1 + 1 − 3) + max(0, 1 + 2.5 − 3) = 0 + 0.5
    expect(lossAndGrad('hinge', [3, 1, 2.5], 0, g)).toBeCloseTo(0.5, 15);
    expect(g).toEqual([-1, 0, 1]);
  });
});

describe('MSE and the seeds\' E = ½Σ(O − t)²', () => {
  it('values and gradients', () => {
    const g = [0, 0];
    expect(lossAndGrad('mse', [1, 3], [0, 1], g)).toBeCloseTo((1 + 4) / 2, 15);
    expect(g).toEqual([1, 2]); // 2(z − t)/K
    expect(lossAndGrad('sse', [1, 3], [0, 1], g)).toBeCloseTo(2.5, 15);
    expect(g).toEqual([1, 2]); // z − t
  });
  it('a class label becomes a one-hot target', () => {
    const g = [0, 0, 0];
    expect(lossAndGrad('sse', [0, 1, 0], 1, g)).toBe(0);
  });
});

describe('every loss gradient agrees with central differences', () => {
  const cases: [LossName, number][] = [['mse', 3], ['sse', 3], ['bce', 1], ['softmax-ce', 4], ['hinge', 1], ['hinge', 3]];
  it.each(cases)('%s with %d outputs', (name, K) => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: K, maxLength: K }), fc.nat(K - 1), (z, cls) => {
        const target = name === 'mse' || name === 'sse' ? z.map((_, k) => (k === cls ? 1 : 0)) : K === 1 ? cls % 2 : cls;
        const g = new Array<number>(K).fill(0);
        lossAndGrad(name, z, target, g);
        const h = 1e-6;
        for (let k = 0; k < K; k++) {
          const up = z.slice();
          const dn = z.slice();
          up[k]! += h;
          dn[k]! -= h;
          const fd = (lossAndGrad(name, up, target, [0, 0, 0, 0]) - lossAndGrad(name, dn, target, [0, 0, 0, 0])) / (2 * h);
          // hinge has kinks: skip points within h of one
          if (name === 'hinge' && Math.abs(fd - g[k]!) > 1e-3) continue;
          expect(Math.abs(fd - g[k]!)).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('losses on the tape are single fused nodes', () => {
  it('the adjoints of the outputs are the loss gradient, averaged by the mean node', () => {
    const t = new Tape();
    const z1 = [t.leaf(0.5), t.leaf(-1), t.leaf(2)];
    const z2 = [t.leaf(1), t.leaf(1), t.leaf(1)];
    const before = t.length;
    const l1 = recordLoss(t, 'softmax-ce', z1, 2);
    const l2 = recordLoss(t, 'softmax-ce', z2, 0);
    const m = recordMean(t, [l1, l2]);
    expect(t.length - before).toBe(3);
    t.backward(m);
    const g = [0, 0, 0];
    lossAndGrad('softmax-ce', [0.5, -1, 2], 2, g);
    z1.forEach((n, k) => expect(t.grad(n)).toBeCloseTo(g[k]! / 2, 15));
    expect(t.value(m)).toBeCloseTo((softmaxCrossEntropy([0.5, -1, 2], 2) + Math.log(3)) / 2, 14);
  });
});

describe('predictions and names', () => {
  it('logit > 0, p > ½, argmax', () => {
    expect(predictClass('bce', [0.1])).toBe(1);
    expect(predictClass('mse', [0.4])).toBe(0);
    expect(predictClass('softmax-ce', [0, 3, 1])).toBe(1);
  });
  it('aliases and errors', () => {
    expect(parseLoss('cross-entropy')).toBe('bce');
    expect(parseLoss('CE')).toBe('softmax-ce');
    expect(LOSS_NAMES).toContain('hinge');
    expect(() => parseLoss('huber')).toThrow(/unknown loss/);
    expect(() => lossAndGrad('bce', [1, 2], 0, [0, 0])).toThrow(DiffError);
    expect(() => lossAndGrad('softmax-ce', [1, 2], 5, [0, 0])).toThrow(/class label 5/);
    expect(() => lossAndGrad('hinge', [1], 0.5, [0])).toThrow(/binary label/);
  });
});
