import { describe, expect, it } from 'vitest';
import { add, fn, mul, num, pow, sub, variable, type Expr } from '../../src/expr/expr.ts';
import { Dual, derivative, evaluateDual, gradient, hessian, jacobian, jvp, ops, type Scalar } from '../../src/forward/index.ts';

const x1 = variable('x1');
const x2 = variable('x2');
const x = variable('x');
const y = variable('y');
// Baydin et al. (2018), Table 2: f = ln x₁ + x₁x₂ − sin x₂
const baydin = sub(add(fn('ln', x1), mul(x1, x2)), fn('sin', x2));

describe('jvp of an expression', () => {
  it('Baydin et al. Table 2: ẏ = 5.5 for ẋ₁ = 1, ẋ₂ = 0', () => {
    const r = jvp(baydin, { x1: 2, x2: 5 }, { x1: 1 });
    expect(r.value).toBeCloseTo(11.652, 3);
    expect(r.tangent).toBe(5.5);
  });
  it('directional derivative along (1, 1)', () => {
    expect(jvp(baydin, { x1: 2, x2: 5 }, { x1: 1, x2: 1 }).tangent).toBeCloseTo(5.5 + 2 - Math.cos(5), 14);
  });
  it('names unbound variables and domain problems', () => {
    expect(() => jvp(baydin, { x1: 2 }, { x1: 1 })).toThrow(/unbound variable x2/);
    expect(() => jvp(baydin, { x1: -2, x2: 5 }, { x1: 1 })).toThrow(/ln is defined for x > 0/);
    expect(jvp(baydin, { x1: -2, x2: 5 }, { x1: 1 }, { strict: false }).value).toBeNaN();
  });
});

describe('gradient by n forward passes', () => {
  it('Baydin et al.: ∇f(2, 5) = (5.5, 1.716)', () => {
    const r = gradient(baydin, { x1: 2, x2: 5 });
    expect(r.passes).toBe(2);
    expect(r.gradient.x1).toBe(5.5);
    expect(r.gradient.x2).toBeCloseTo(1.716, 3);
  });
  it('a shared subexpression is computed once per pass', () => {
    const u = fn('sin', mul(x, y));
    const e = add(mul(u, u), fn('exp', u));
    const du = 2 * Math.sin(6) + Math.exp(Math.sin(6));
    const r = gradient(e, { x: 2, y: 3 });
    expect(r.gradient.x).toBeCloseTo(du * Math.cos(6) * 3, 13);
  });
  it('10⁵-deep expressions do not overflow the stack', () => {
    let e: Expr = x;
    for (let i = 0; i < 100_000; i++) e = add(mul(e, num(1)), num(0));
    expect(gradient(e, { x: 3 }).gradient.x).toBe(1);
  });
  it('a constant expression has an empty gradient', () => {
    expect(gradient(num(3), {})).toEqual({ value: 3, gradient: {}, vars: [], passes: 0 });
  });
});

describe('Jacobian by n forward passes', () => {
  const F = [mul(x, y), add(x, fn('sin', y)), pow(x, 2)];
  it('F(x, y) = (xy, x + sin y, x²)', () => {
    const r = jacobian(F, { x: 2, y: 3 });
    expect(r.jacobian).toEqual([[3, 2], [1, Math.cos(3)], [4, 0]]);
  });
  it('linearized: one primal pass, then tangent sweeps only', () => {
    const r = jacobian(F, { x: 2, y: 3 }, undefined, { linearize: true });
    expect(r.values).toEqual([6, 2 + Math.sin(3), 4]);
    expect(r.jacobian).toEqual([[3, 2], [1, Math.cos(3)], [4, 0]]);
  });
});

describe('expressions on duals and forward-over-forward Hessians', () => {
  it('evaluateDual nests inside derivative(f)', () => {
    // d/dt of (x·sin y) at x = t, y = t²: sin t² + 2t² cos t²
    const e = mul(x, fn('sin', y));
    const f = (t: Scalar): Scalar => evaluateDual(e, { x: t, y: ops.mul(t, t) });
    expect(derivative(f)(1.1)).toBeCloseTo(Math.sin(1.21) + 2 * 1.21 * Math.cos(1.21), 14);
    expect(evaluateDual(e, { x: new Dual(999, 2, 1), y: 0.5 })).toBeInstanceOf(Dual);
  });
  it('Hessian of x²y + sin(xy)', () => {
    const e = add(mul(pow(x, 2), y), fn('sin', mul(x, y)));
    const [a, b] = [0.7, -1.3];
    const s = Math.sin(a * b);
    const c = Math.cos(a * b);
    const r = hessian(e, { x: a, y: b });
    expect(r.hessian[0]![0]).toBeCloseTo(2 * b - b * b * s, 14);
    expect(r.hessian[0]![1]).toBeCloseTo(2 * a + c - a * b * s, 14);
    expect(r.hessian[1]![1]).toBeCloseTo(-a * a * s, 14);
  });
});
