import { describe, expect, it } from 'vitest';
import refs from '../fixtures/engines.json' with { type: 'json' };
import { add, fn, mul, num, pow, variable } from '../../src/expr/expr.ts';
import { DiffError } from '../../src/expr/errors.ts';
import { centralDiff, forwardDiff, gradient, partial, richardson, stepSize, sweep } from '../../src/numeric/index.ts';

const F: Record<string, (x: number) => number> = {
  sin: Math.sin,
  exp: Math.exp,
  ln: Math.log,
  'x^x': (x) => x ** x,
  atan: Math.atan,
  sqrt: Math.sqrt,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  'x^3': (x) => x * x * x,
  tan: Math.tan,
  'sin(x)/x': (x) => Math.sin(x) / x,
  'exp(sin(x^2))': (x) => Math.exp(Math.sin(x * x)),
  erf: (x) => {
    // erf by its Maclaurin series (enough terms for |x| ≤ 1.1 to full precision)
    let s = 0;
    let t = x;
    for (let n = 0; n < 40; n++) {
      s += t / (2 * n + 1);
      t *= (-x * x) / (n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * s;
  },
};
const cases = Object.entries(refs.derivatives).flatMap(([name, pts]) => pts.map((p) => ({ name, ...p })));
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('the step rule', () => {
  it('h = ε^(1/3)·max(|x|, 1) for central, ε^(1/2)·max(|x|, 1) for forward; x = 0 works', () => {
    expect(stepSize(0, 'central')).toBe(Math.cbrt(Number.EPSILON));
    expect(stepSize(-1000, 'central')).toBe(1000 * Math.cbrt(Number.EPSILON));
    expect(stepSize(0.5, 'forward')).toBe(Math.sqrt(Number.EPSILON));
    expect(centralDiff(Math.cos, 0).derivative).toBe(0);
    expect(centralDiff(Math.exp, 0).derivative).toBeCloseTo(1, 10);
  });
  it('the step taken is exactly representable: (x + h) − x = h', () => {
    for (const x of [0.1, 1 / 3, 1234.5678, -7.77]) {
      const h = centralDiff(Math.sin, x).h;
      expect(x + h - x).toBe(h);
    }
  });
});

describe('accuracy on smooth functions (mpmath references)', () => {
  it.each(cases.filter((c) => c.name !== 'sqrt' || c.x > 0.01))('central differences: $name at $x within 1e-8 relative', (c) => {
    expect(rel(centralDiff(F[c.name]!, c.x).derivative, c.d)).toBeLessThanOrEqual(1e-8);
  });
  it.each(cases)('Richardson: $name at $x within 1e-11 relative, inside its error estimate', (c) => {
    const r = richardson(F[c.name]!, c.x);
    expect(rel(r.derivative, c.d)).toBeLessThanOrEqual(1e-11);
    expect(Math.abs(r.derivative - c.d)).toBeLessThanOrEqual(4 * r.errorEstimate + 1e-300);
  });
  it('forward differences are first order: worse than central', () => {
    let worse = 0;
    for (const c of cases) if (rel(forwardDiff(F[c.name]!, c.x).derivative, c.d) > rel(centralDiff(F[c.name]!, c.x).derivative, c.d)) worse++;
    expect(worse).toBeGreaterThan(cases.length * 0.7);
  });
  it('the central error estimate bounds the true error', () => {
    for (const c of cases) {
      const r = centralDiff(F[c.name]!, c.x, { estimateError: true });
      expect(r.evaluations).toBe(4);
      expect(Math.abs(r.derivative - c.d)).toBeLessThanOrEqual(r.errorEstimate * 2 + 1e-300);
    }
  });
});

describe('Richardson near the edge of the domain', () => {
  it('shrinks the first step until f is finite on both sides', () => {
    // ln x at 0.01: a first step of 0.1 would reach ln(−0.09)
    const r = richardson(Math.log, 0.01);
    expect(rel(r.derivative, 100)).toBeLessThanOrEqual(1e-10);
  });
});

describe('step-size sweep', () => {
  it('too large an h brings truncation error, too small an h rounding error', () => {
    const rows = sweep(Math.exp, 1, Math.E);
    const at = (h: number) => rows.find((r) => Math.abs(Math.log10(r.h) - Math.log10(h)) < 1e-9)!;
    // truncation: central ~ h²/6, forward ~ h/2
    expect(at(1e-1).central).toBeCloseTo(1e-2 / 6, 3);
    expect(at(1e-1).forward).toBeCloseTo(0.05, 1);
    // the best step sits in the middle
    expect(at(1e-5).central).toBeLessThan(1e-9);
    expect(at(1e-8).forward).toBeLessThan(1e-7);
    // rounding: at h = 1e-13 both have lost many digits
    expect(at(1e-13).central).toBeGreaterThan(1e-5);
    expect(at(1e-16).forward).toBeGreaterThan(0.1);
  });
});

describe('numeric gradient of an expression', () => {
  const x = variable('x');
  const y = variable('y');
  const e = add(mul(fn('exp', mul(x, y)), pow(add(num(1), pow(x, 2)), num(-1))), mul(fn('sin', x), pow(y, 3)));
  const h = refs.hessian2;
  it.each(['central', 'forward', 'richardson'] as const)('%s', (method) => {
    const r = gradient(e, h.at, { method });
    const tol = method === 'forward' ? 1e-6 : method === 'central' ? 1e-8 : 1e-11;
    expect(r.value).toBeCloseTo(h.f, 14);
    expect(rel(r.gradient.x!, h.grad[0]!)).toBeLessThanOrEqual(tol);
    expect(rel(r.gradient.y!, h.grad[1]!)).toBeLessThanOrEqual(tol);
    expect(Math.abs(r.gradient.x! - h.grad[0]!)).toBeLessThanOrEqual(2 * r.errorEstimate.x!);
  });
  it('counts evaluations: 2n central, 4n with truncation-error estimates', () => {
    expect(gradient(e, h.at, { estimateError: false }).evaluations).toBe(2 * 2);
    expect(gradient(e, h.at).evaluations).toBe(4 * 2);
    expect(gradient(e, h.at, { method: 'forward', estimateError: false }).evaluations).toBe(2 + 1);
  });
  it('names bad input', () => {
    expect(() => gradient(fn('ln', x), { x: -1 })).toThrow(/ln is defined for x > 0/);
    expect(() => gradient(mul(x, y), { x: 1 })).toThrow(/unbound variable y/);
    expect(() => gradient(x, { x: 1 }, { method: 'nope' as 'central' })).toThrow(DiffError);
    expect(() => partial(() => 0, [1, 2], 2)).toThrow(/no input 2/);
    expect(() => centralDiff(Math.sin, NaN)).toThrow(/finite number/);
    expect(() => centralDiff(Math.sin, 1, { h: 0 })).toThrow(/positive finite/);
  });
});
