import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DiffError } from '../../src/expr/errors.ts';
import { Dual, derivative, grad, hessianOf, jacfwd, jvpOf, ops, valueOf, type Scalar } from '../../src/forward/index.ts';

const { add, mul, sin, exp, pow, div, sub } = ops;
const D = (f: (x: Scalar) => Scalar) => (x: Scalar): Scalar => derivative(f)(x);

describe('perturbation confusion cannot happen (tagged duals)', () => {
  it('D(x ↦ x·D(y ↦ x + y)(1))(1) = 1 (a naive implementation gives 2)', () => {
    expect(D((x) => mul(x, D((y) => add(x, y))(1)))(1)).toBe(1);
  });
  it('D(x ↦ x·D(y ↦ x·y)(3))(5) = 10', () => {
    expect(D((x) => mul(x, D((y) => mul(x, y))(3)))(5)).toBe(10);
  });
  it('D(x ↦ D(y ↦ x)(x))(1) = 0', () => {
    expect(D((x) => D(() => x)(x))(1)).toBe(0);
  });
});

describe('derivative of plain functions', () => {
  it('d/dx x sin x = sin x + x cos x', () => {
    const f = (x: Scalar): Scalar => mul(x, sin(x));
    expect(derivative(f)(2)).toBeCloseTo(Math.sin(2) + 2 * Math.cos(2), 15);
  });
  it('(xˣ)′(2) = 6.7725887222397812', () => {
    expect(derivative((x) => pow(x, x))(2)).toBeCloseTo(6.7725887222397812, 14);
  });
  it('softplus′(0) = 0.5', () => {
    expect(derivative((x) => ops.softplus(x))(0)).toBe(0.5);
  });
  it('log-sum-exp(1000, 1000) = 1000.6931471805599453, with gradient (½, ½)', () => {
    const f = ([a, b]: Scalar[]): Scalar => ops.logsumexp(a!, b!);
    expect(f([1000, 1000])).toBeCloseTo(1000.6931471805599453, 12);
    const g = grad(f)([1000, 1000]);
    expect(g[0]).toBeCloseTo(0.5, 12);
    expect(g[1]).toBeCloseTo(0.5, 12);
  });
  it('the sigmoid neuron at (x, w, b) = (1.5, 0.8, −0.3)', () => {
    const f = ([x, w, b]: Scalar[]): Scalar => ops.sigmoid(add(mul(w!, x!), b!));
    expect(f([1.5, 0.8, -0.3])).toBeCloseTo(0.71094950262500398, 15);
    const g = grad(f)([1.5, 0.8, -0.3]);
    expect(g[1]).toBeCloseTo(0.30825046101339516, 15);
    expect(g[2]).toBeCloseTo(0.20550030734226344, 15);
  });
  it('x² at a negative x: the NaN of ∂xⁿ/∂n stays out of the tangent', () => {
    expect(derivative((x) => pow(x, 2))(-3)).toBe(-6);
  });
  it('a constant function has derivative 0', () => {
    expect(derivative(() => 7)(1)).toBe(0);
  });
});

describe('higher order by nesting', () => {
  it('derivatives of sin cycle: sin⁽⁴⁾ = sin', () => {
    for (const x of [0.3, -1.2, 2.5]) {
      expect(derivative(sin, 1)(x)).toBeCloseTo(Math.cos(x), 15);
      expect(derivative(sin, 2)(x)).toBeCloseTo(-Math.sin(x), 15);
      expect(derivative(sin, 3)(x)).toBeCloseTo(-Math.cos(x), 15);
      expect(derivative(sin, 4)(x)).toBeCloseTo(Math.sin(x), 15);
    }
  });
  it('the nth derivative of eˣ is eˣ, of x⁵ is 5!/(5−n)! x^(5−n)', () => {
    expect(derivative(exp, 5)(0.7)).toBeCloseTo(Math.exp(0.7), 14);
    expect(derivative((x) => pow(x, 5), 3)(2)).toBe(60 * 4);
    expect(derivative((x) => pow(x, 5), 6)(2)).toBe(0);
  });
  it('σ″ = σ(1 − σ)(1 − 2σ), tanh″ = −2 tanh (1 − tanh²)', () => {
    const s = 1 / (1 + Math.exp(-0.4));
    expect(derivative(ops.sigmoid, 2)(0.4)).toBeCloseTo(s * (1 - s) * (1 - 2 * s), 15);
    const t = Math.tanh(0.4);
    expect(derivative(ops.tanh, 2)(0.4)).toBeCloseTo(-2 * t * (1 - t * t), 15);
  });
  it('d²/dx² (1/x) = 2/x³, d³/dx³ ln x = 2/x³', () => {
    expect(derivative((x) => div(1, x), 2)(1.5)).toBeCloseTo(2 / 1.5 ** 3, 14);
    expect(derivative(ops.ln, 3)(1.5)).toBeCloseTo(2 / 1.5 ** 3, 14);
  });
  it('Hessian by forward-over-forward: f = x²y + sin(xy)', () => {
    const f = ([x, y]: Scalar[]): Scalar => add(mul(pow(x!, 2), y!), sin(mul(x!, y!)));
    const [x, y] = [0.7, -1.3];
    const s = Math.sin(x * y);
    const c = Math.cos(x * y);
    const H = hessianOf(f)([x, y]).map((r) => r.map(valueOf));
    expect(H[0]![0]).toBeCloseTo(2 * y - y * y * s, 14);
    expect(H[0]![1]).toBeCloseTo(2 * x + c - x * y * s, 14);
    expect(H[1]![0]).toBeCloseTo(2 * x + c - x * y * s, 14);
    expect(H[1]![1]).toBeCloseTo(-x * x * s, 14);
  });
  it('mixed nesting agrees with the product rule (property)', () => {
    // d/dx [x · d/dy (x y²)|_{y=x}] = d/dx [x · 2x·x] = 6x²
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), (x0) => {
        const v = D((x) => mul(x, D((y) => mul(x, mul(y, y)))(x)))(x0) as number;
        return Math.abs(v - 6 * x0 * x0) <= 1e-12 * Math.max(1, 6 * x0 * x0);
      }),
    );
  });
});

describe('jvp, gradient by n passes, Jacobians', () => {
  const f = ([a, b]: Scalar[]): Scalar => sub(mul(a!, b!), exp(a!));
  it('jvpOf gives f(x) and ∇f·v in one pass', () => {
    const r = jvpOf(f, [1, 2], [3, -1]);
    expect(r.value).toBe(2 - Math.E);
    expect(r.tangent).toBeCloseTo(3 * (2 - Math.E) - 1, 15);
  });
  it('grad takes one pass per input', () => {
    expect(grad(f)([1, 2])).toEqual([2 - Math.E, 1]);
  });
  it('jacfwd: rows are outputs', () => {
    const F = ([a, b]: Scalar[]): Scalar[] => [mul(a!, b!), add(a!, sin(b!)), a!];
    expect(jacfwd(F)([2, 3])).toEqual([[3, 2], [1, Math.cos(3)], [1, 0]]);
  });
  it('rejects bad input with a DiffError', () => {
    expect(() => derivative(sin)('x' as unknown as number)).toThrow(DiffError);
    expect(() => jvpOf(f, [1, 2], [1])).toThrow(/2 inputs but a direction of length 1/);
    expect(() => ops.sin(1, 2)).toThrow(/sin takes 1 argument, got 2/);
    expect(() => ops.sin(new Dual(1, 1, 1), 2)).toThrow(/sin takes 1 argument, got 2/);
    expect(() => derivative(sin, -1)).toThrow(DiffError);
  });
});
