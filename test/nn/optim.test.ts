import { describe, expect, it } from 'vitest';
import refs from '../fixtures/nn.json' with { type: 'json' };
import { AdaGrad, Adam, makeOptimizer, Momentum, Nesterov, OPTIMIZER_NAMES, parseOptimizer, RMSProp, SGD, type OptimizerName } from '../../src/nn/optim.ts';
import { DiffError } from '../../src/expr/errors.ts';

// A single parameter buffer and its gradient.
const param = (x: number[]): { data: Float64Array; grad: Float64Array } => ({ data: Float64Array.from(x), grad: new Float64Array(x.length) });

describe('one step of each optimizer, computed by hand from the seed formulas', () => {
  // x = (1, −2), dx = (0.5, −0.1), α = 0.1
  const setup = (): { data: Float64Array; grad: Float64Array } => {
    const p = param([1, -2]);
    p.grad.set([0.5, -0.1]);
    return p;
  };
  it('SGD: x − α dx = (0.95, −1.99)', () => {
    const p = setup();
    new SGD([p], { lr: 0.1 }).step();
    expect(p.data[0]).toBeCloseTo(0.95, 15);
    expect(p.data[1]).toBeCloseTo(-1.99, 15);
  });
  it('momentum, first step (xₖ₋₁ = xₖ): y = x, x − α dx', () => {
    const p = setup();
    new Momentum([p], { lr: 0.1, beta: 0.9 }).step();
    expect(p.data[0]).toBeCloseTo(0.95, 15);
  });
  it('momentum, second step: x₂ = x₁ + β(x₁ − x₀) − α∇f(x₁)', () => {
    const p = setup();
    const o = new Momentum([p], { lr: 0.1, beta: 0.9 });
    o.step(); // x₁ = 0.95
    p.grad[0] = 0.2;
    o.step(); // 0.95 + 0.9·(0.95 − 1) − 0.1·0.2 = 0.95 − 0.045 − 0.02 = 0.885
    expect(p.data[0]).toBeCloseTo(0.885, 15);
  });
  it('Nesterov: the buffers hold y; y₁ = x₁ + β(x₁ − x₀)', () => {
    const p = setup();
    const o = new Nesterov([p], { lr: 0.1, beta: 0.9 });
    o.step(); // x₁ = 1 − 0.05 = 0.95; y₁ = 0.95 + 0.9·(−0.05) = 0.905
    expect(p.data[0]).toBeCloseTo(0.905, 15);
    expect(o.iterate(0)[0]).toBeCloseTo(0.95, 15);
  });
  it('AdaGrad: s² = dx², x − α dx/√(dx² + 10⁻⁷)', () => {
    const p = setup();
    new AdaGrad([p], { lr: 0.1 }).step();
    // 1 − 0.1·0.5/√(0.25 + 1e-7)
    expect(p.data[0]).toBeCloseTo(1 - 0.05 / Math.sqrt(0.2500001), 15);
    expect(p.data[1]).toBeCloseTo(-2 + 0.01 / Math.sqrt(0.0100001), 15);
  });
  it('RMSProp (β = 0.9): s² = 0.1·dx², x − α dx/√(s² + 10⁻⁷)', () => {
    const p = setup();
    new RMSProp([p], { lr: 0.1, beta: 0.9 }).step();
    expect(p.data[0]).toBeCloseTo(1 - 0.05 / Math.sqrt(0.025 + 1e-7), 15);
  });
  it('Adam, first step: v̂ = dx, ŝ = dx², x − α dx/√(dx² + 10⁻⁷)', () => {
    const p = setup();
    new Adam([p], { lr: 0.1 }).step();
    expect(p.data[0]).toBeCloseTo(1 - 0.05 / Math.sqrt(0.2500001), 15);
    expect(p.data[1]).toBeCloseTo(-2 + 0.01 / Math.sqrt(0.0100001), 15);
  });
  it('the 10⁻⁷ sits inside the square root: a tiny gradient moves by α·g/√(g² + 10⁻⁷), not α·g/(|g| + 10⁻⁷)', () => {
    const p = param([0]);
    p.grad[0] = 1e-4;
    new Adam([p], { lr: 1 }).step();
    expect(p.data[0]).toBeCloseTo(-1e-4 / Math.sqrt(1e-8 + 1e-7), 14); // ≈ −0.3015
    expect(p.data[0]).not.toBeCloseTo(-1e-4 / (1e-4 + 1e-7), 3); // PyTorch's placement would give ≈ −0.999
  });
});

// Reference: three steps on f(x) = ½(x₁² + 10x₂²) from (1, −0.5), each optimizer
// written out literally in the seed's form (Nesterov with yₖ = xₖ + β(xₖ − xₖ₋₁)),
// in mpmath (scripts/nn_refs.py).
describe('three steps on an ill-conditioned quadratic match the literal seed recursions', () => {
  const { c, x0, alpha, beta, steps } = refs.optim;
  it.each(OPTIMIZER_NAMES.map((n) => [n]))('%s', (name) => {
    const p = param(x0);
    const opts = name === 'rmsprop' ? { lr: alpha, beta: 0.99 } : { lr: alpha, beta };
    const o = makeOptimizer(name as OptimizerName, [p], opts);
    const want = (steps as Record<string, number[][]>)[name]!;
    for (let k = 0; k < want.length; k++) {
      for (let i = 0; i < 2; i++) p.grad[i] = c[i]! * p.data[i]!; // ∇f at the point the buffers hold
      o.step();
      // Nesterov's buffers hold yₖ₊₁; the seed's sequence is xₖ₊₁
      const x = name === 'nesterov' ? (o as Nesterov).iterate(0) : p.data;
      for (let i = 0; i < 2; i++) expect(x[i]).toBeCloseTo(want[k]![i]!, 14);
    }
  });
});

describe('optimizers read names and refuse bad settings', () => {
  it('aliases', () => {
    expect(parseOptimizer('heavy-ball')).toBe('momentum');
    expect(parseOptimizer('Adam')).toBe('adam');
  });
  it('unknown names, bad rates and betas are DiffErrors', () => {
    expect(() => parseOptimizer('lbfgs')).toThrow(/unknown optimizer/);
    expect(() => new SGD([param([1])], { lr: -1 })).toThrow(DiffError);
    expect(() => new Momentum([param([1])], { beta: 1 })).toThrow(/beta/);
    expect(() => new Adam([])).toThrow(/no parameters/);
  });
  it('zeroGrad clears every gradient', () => {
    const p = param([1, 2]);
    p.grad.set([3, 4]);
    new SGD([p]).zeroGrad();
    expect(Array.from(p.grad)).toEqual([0, 0]);
  });
});
