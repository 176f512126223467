import { describe, expect, it } from 'vitest';
import { crossCheck } from '../../src/check/index.ts';
import { parse } from '../../src/parse/index.ts';
import refs from '../fixtures/engines.json' with { type: 'json' };

describe('crossCheck: all four methods agree on smooth functions', () => {
  it('Baydin et al.', () => {
    const r = crossCheck(parse('ln x₁ + x₁x₂ − sin x₂'), { x1: 2, x2: 5 });
    expect(r.agree).toBe(true);
    expect(r.value).toBeCloseTo(refs.baydin.f, 14);
    for (const m of ['symbolic', 'forward', 'reverse', 'numeric'] as const) {
      expect(r.methods[m].gradient.x1).toBeCloseTo(refs.baydin.df_dx1, 10);
      expect(r.methods[m].gradient.x2).toBeCloseTo(refs.baydin.df_dx2, 10);
    }
    expect(r.methods.numeric.errorEstimate!.x1).toBeGreaterThan(0);
  });
  it('the two-variable reference function (mpmath)', () => {
    const h = refs.hessian2;
    const r = crossCheck(parse('exp(x*y)/(1 + x^2) + sin(x)*y^3'), h.at);
    expect(r.agree).toBe(true);
    expect(r.methods.reverse.gradient.x).toBeCloseTo(h.grad[0]!, 14);
    expect(r.methods.symbolic.gradient.y).toBeCloseTo(h.grad[1]!, 14);
  });
  it('the sigmoid neuron and micrograd-style compositions', () => {
    expect(crossCheck(parse('σ(wx + b)'), { x: 1.5, w: 0.8, b: -0.3 }).agree).toBe(true);
    expect(crossCheck(parse('logsumexp(a, b, c) + softplus(a·b) − tanh(c)²'), { a: 0.3, b: -1.2, c: 2 }).agree).toBe(true);
  });
});

describe('crossCheck: disagreement is reported', () => {
  it('at a kink finite differences see the average slope: relu at 0', () => {
    const r = crossCheck(parse('relu(x)'), { x: 0 });
    expect(r.agree).toBe(false);
    expect(r.methods.reverse.gradient.x).toBe(0);
    expect(r.methods.numeric.gradient.x).toBe(0.5);
    expect(r.problems[0]).toMatch(/numeric ∂\/∂x = 0\.5 differs from reverse mode \(0\)/);
    expect(r.notes[0]).toMatch(/kink along x here: slope 0 from the left, 1 from the right/);
  });
  it('tolerances can be loosened', () => {
    expect(crossCheck(parse('relu(x)'), { x: 0 }, { atol: 0.6 }).agree).toBe(true);
    expect(() => crossCheck(parse('x'), { x: 0 }, { atol: -1 })).toThrow(/atol must be a non-negative/);
  });
  it('a point outside the domain is an error, not a verdict', () => {
    expect(() => crossCheck(parse('ln x'), { x: -1 })).toThrow(/ln is defined for x > 0/);
    expect(() => crossCheck(parse('x y'), { x: 1 })).toThrow(/unbound variable y/);
  });
});

describe('crossCheck: the corpus', () => {
  // every registry op appears at least once, piecewise ops away from their kinks
  const corpus: [string, Record<string, number>][] = [
    ['ln x + x²y − sin xy', { x: 2, y: 5 }],
    ['1/(exp(−(wx+b))+1)', { x: 1, w: 0, b: 0 }],
    ['x^x', { x: 2 }],
    ['softplus(x)', { x: 0 }],
    ['logsumexp(x, y)', { x: 1000, y: 1000 }],
    ['4x(1 − x)', { x: 0.3 }],
    ['sqrt(x² + y²)', { x: 3, y: 4 }],
    ['|x − y| + sign(x) + heaviside(y)', { x: 0.7, y: -0.2 }],
    ['tan x + sec x + csc x + cot x', { x: 0.8 }],
    ['arcsin x + arccos(x/2) + arctan(3x)', { x: 0.4 }],
    ['sinh x · cosh y − tanh(xy)', { x: 0.5, y: -0.6 }],
    ['erf(x) + gelu(y)', { x: 0.3, y: -1.1 }],
    ['max(x, y) + min(x, 2y)', { x: 0.5, y: 1.5 }],
    ['relu(x) + leakyrelu(y) + elu(y, 0.5) + swish(x, 2)', { x: 0.9, y: -0.7 }],
    ['hardsigmoid(x) + hardtanh(y) + logsigmoid(x − y)', { x: 0.3, y: 0.2 }],
    ['x / (1 + e^(−x)) − σ(x)²', { x: -2.5 }],
    ['(x + y)^3 / (x − y)', { x: 3, y: 1 }],
    ['exp(sin(x²)) cos(y)^2', { x: 0.9, y: -1.7 }],
    ['x₁x₂x₃ + x₁² − x₃/x₂', { x1: 1.1, x2: -0.7, x3: 2 }],
  ];
  it.each(corpus)('%s', (src, at) => {
    const r = crossCheck(parse(src), at);
    expect(r.problems).toEqual([]);
    expect(r.agree).toBe(true);
  });
});
