import { describe, expect, it } from 'vitest';
import { compareExprs, parse } from '../../src/index.ts';

describe('compareExprs: is an answer equal to the derivative?', () => {
  it('decides symbolically when the difference simplifies to a number', () => {
    const r = compareExprs(parse('1/x + 2xy - y cos(xy)'), parse('2xy + 1/x - y cos(yx)'));
    expect(r).toMatchObject({ equal: true, method: 'symbolic' });
    const w = compareExprs(parse('2x + 1'), parse('2x'));
    expect(w).toMatchObject({ equal: false, method: 'symbolic' });
  });
  it('falls back to points for identities the simplifier does not know', () => {
    // sin²x + cos²x = 1 and 2 sin x cos x = sin 2x (trigonometric identities)
    const r = compareExprs(parse('sin(2x)'), parse('2 sin x cos x'));
    expect(r.equal).toBe(true);
    if (r.method === 'numeric') expect(r.compared).toBeGreaterThanOrEqual(20);
  });
  it('names a point where a wrong answer differs', () => {
    const r = compareExprs(parse('cos x'), parse('sin x'));
    expect(r.equal).toBe(false);
    expect(r.method).toBe('numeric');
    const at = r.counterexample!.at.x!;
    expect(r.counterexample!.a).toBeCloseTo(Math.cos(at), 12);
    expect(r.counterexample!.b).toBeCloseTo(Math.sin(at), 12);
  });
  it('uses only points where both sides are defined', () => {
    // ln(x²) = 2 ln x for x > 0 only; the comparison uses points with x > 0
    const r = compareExprs(parse('ln(x^2)'), parse('2 ln x'));
    expect(r.equal).toBe(true);
  });
  it('says when it cannot decide', () => {
    const r = compareExprs(parse('sqrt(-1 - x^2)'), parse('sqrt(-2 - x^2)'));
    expect(r.method).toBe('undecided');
    expect(r.equal).toBe(false);
  });
});
