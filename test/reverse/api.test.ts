import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { add, fn, mul, num, pow, sub, variable, type Expr } from '../../src/expr/expr.ts';
import {
  grad, gradient, hessian, hessianOf, hvp, hvpOf, jacobian, jacrev, record, valueAndGrad, vjp, vjpOf, type ScalarFn,
} from '../../src/reverse/index.ts';

const x = variable('x');
const y = variable('y');
const sin = (e: Expr): Expr => fn('sin', e);

describe('gradient of an expression', () => {
  it("Baydin et al.: ∇(ln x₁ + x₁x₂ − sin x₂) at (2, 5) = (5.5, 2 − cos 5)", () => {
    const x1 = variable('x1');
    const x2 = variable('x2');
    const e = sub(add(fn('ln', x1), mul(x1, x2)), sin(x2));
    const r = gradient(e, { x1: 2, x2: 5 });
    expect(r.vars).toEqual(['x1', 'x2']);
    expect(r.gradient.x1).toBe(5.5);
    expect(r.gradient.x2).toBeCloseTo(2 - Math.cos(5), 15);
  });

  it('(xˣ)′(2) = 6.7725887222397812', () => {
    expect(gradient(pow(x, x), { x: 2 }).gradient.x).toBeCloseTo(6.7725887222397812, 14);
  });

  it('a variable the expression does not use has gradient 0', () => {
    expect(gradient(mul(x, x), { x: 3 }, ['x', 'y']).gradient).toEqual({ x: 6, y: 0 });
  });

  it('x² at a negative x is 2x (the NaN of ∂xⁿ/∂n = xⁿ ln x stays on the constant)', () => {
    expect(gradient(pow(x, 2), { x: -3 }).gradient.x).toBe(-6);
  });
});

describe('Jacobian and vector-Jacobian product', () => {
  // F(x, y) = (xy, x + sin y): J = [[y, x], [1, cos y]]
  const F = [mul(x, y), add(x, sin(y))];
  it('one sweep per row', () => {
    const r = jacobian(F, { x: 2, y: 3 });
    expect(r.values).toEqual([6, 2 + Math.sin(3)]);
    expect(r.jacobian).toEqual([[3, 2], [1, Math.cos(3)]]);
  });
  it('uᵀJ in one sweep', () => {
    const r = vjp(F, { x: 2, y: 3 }, [2, -1]);
    expect(r.vjp.x).toBe(6 - 1);
    expect(r.vjp.y).toBeCloseTo(4 - Math.cos(3), 15);
    expect(() => vjp(F, { x: 2, y: 3 }, [1])).toThrow(/2 outputs but a cotangent of length 1/);
  });
});

describe('Hessians by forward-over-reverse', () => {
  // f = x²y + sin(xy); hand derivation:
  // fxx = 2y − y² sin xy, fxy = 2x + cos xy − xy sin xy, fyy = −x² sin xy
  const f = add(mul(pow(x, 2), y), sin(mul(x, y)));
  const at = { x: 0.7, y: -1.3 };
  const s = Math.sin(0.7 * -1.3);
  const c = Math.cos(0.7 * -1.3);
  const H = [
    [2 * -1.3 - 1.3 * 1.3 * s, 2 * 0.7 + c - 0.7 * -1.3 * s],
    [2 * 0.7 + c - 0.7 * -1.3 * s, -0.49 * s],
  ];
  it('the full Hessian', () => {
    const r = hessian(f, at);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expect(r.hessian[i]![j]).toBeCloseTo(H[i]![j]!, 13);
    expect(r.gradient.x).toBeCloseTo(2 * 0.7 * -1.3 + -1.3 * c, 14);
  });
  it('a Hessian-vector product', () => {
    const r = hvp(f, at, { x: 2, y: -1 });
    expect(r.hvp.x).toBeCloseTo(2 * H[0]![0]! - H[0]![1]!, 13);
    expect(r.hvp.y).toBeCloseTo(2 * H[1]![0]! - H[1]![1]!, 13);
    expect(() => hvp(f, at, { z: 1 })).toThrow(/z, which is not a variable/);
  });
  it('through every kind of op: exp, ln, division, powers, σ', () => {
    // g = e^x / y + ln(y) x³ ; gxx = e^x/y + 6x ln y, gxy = −e^x/y² + 3x²/y, gyy = 2e^x/y³ − x³/y²
    const g = add(fn('exp', x), mul(num(1), num(1)));
    const e = add(fn('div', g, y), mul(fn('ln', y), pow(x, 3)));
    const p = { x: 0.3, y: 1.7 };
    const ex = Math.exp(0.3) + 1;
    const r = hessian(e, p);
    expect(r.hessian[0]![0]).toBeCloseTo(Math.exp(0.3) / 1.7 + 6 * 0.3 * Math.log(1.7), 13);
    expect(r.hessian[0]![1]).toBeCloseTo(-Math.exp(0.3) / 1.7 ** 2 + (3 * 0.09) / 1.7, 13);
    expect(r.hessian[1]![1]).toBeCloseTo((2 * ex) / 1.7 ** 3 - 0.027 / 1.7 ** 2, 13);
  });
  it('σ″(x) = σ(1 − σ)(1 − 2σ)', () => {
    const sg = 1 / (1 + Math.exp(-0.4));
    expect(hessian(fn('sigmoid', x), { x: 0.4 }).hessian[0]![0]).toBeCloseTo(sg * (1 - sg) * (1 - 2 * sg), 15);
  });
});

describe('plain functions with Value handles', () => {
  const f: ScalarFn = ([a, b]) => a!.mul(b!).add(a!.sin()); // ab + sin a
  it('grad and valueAndGrad', () => {
    expect(grad(f)([2, 3])).toEqual([3 + Math.cos(2), 2]);
    const r = valueAndGrad(f)([2, 3]);
    expect(r.value).toBe(6 + Math.sin(2));
    // the tape is reused between calls
    const g = grad(f);
    expect(g([1, 1])).toEqual([1 + Math.cos(1), 1]);
    expect(g([2, 3])).toEqual([3 + Math.cos(2), 2]);
  });
  it('a constant function has zero gradient', () => {
    expect(grad(() => 5)([1, 2])).toEqual([0, 0]);
  });
  it('jacrev, vjpOf', () => {
    const F = ([a, b]: import('../../src/reverse/index.ts').Value[]) => [a!.mul(b!), a!.add(b!.sin())];
    expect(jacrev(F)([2, 3])).toEqual([[3, 2], [1, Math.cos(3)]]);
    const { values, pullback } = vjpOf(F, [2, 3]);
    expect(values).toEqual([6, 2 + Math.sin(3)]);
    expect(pullback([1, 0])).toEqual([3, 2]);
    expect(pullback([0, 1])).toEqual([1, Math.cos(3)]);
  });
  it('hvpOf and hessianOf', () => {
    // ab + sin a: H = [[−sin a, 1], [1, 0]]
    expect(hessianOf(f)([2, 3])).toEqual([[-Math.sin(2), 1], [1, 0]]);
    expect(hvpOf(f, [2, 3], [1, 2])).toEqual([-Math.sin(2) + 2, 1]);
  });
});

describe('static graph (replay) against dynamic graph (re-record)', () => {
  // control flow: x² for x > 0, x³ otherwise
  const f: ScalarFn = ([a]) => (a!.value > 0 ? a!.mul(a!) : a!.mul(a!).mul(a!));
  it('replay keeps the branch taken while recording; re-recording follows the data', () => {
    const r = record(f, [3]);
    expect(r.value).toBe(9);
    expect(r.replay([-2])).toBe(4); // still x²: the branch is frozen in the tape
    expect(r.gradient()).toEqual([-4]);
    expect(valueAndGrad(f)([-2])).toEqual({ value: -8, grad: [12] });
  });
  it('without control flow, replay equals re-recording', () => {
    const g: ScalarFn = ([a, b]) => a!.exp().mul(b!).tanh();
    const r = record(g, [0.1, 0.2]);
    fc.assert(
      fc.property(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), (p, q) => {
        const v = r.replay([p, q]);
        const d = valueAndGrad(g)([p, q]);
        return v === d.value && r.gradient().every((gi, i) => gi === d.grad[i]);
      }),
      { numRuns: 50 },
    );
  });
});
