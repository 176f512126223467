// Regression: the simplifier once keyed a symbolic power yˣ as one opaque
// factor when finding a common factor, but as the power (y, x) when dividing
// it out, so √(yˣ) and yˣ were merged as like terms. Reference values from
// 30-digit mpmath (2^(π/2) − 2^π; d/dx √(1.2ˣ)·x at x = 0.8).

import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/expr/eval.ts';
import { printUnicode } from '../../src/expr/print.ts';
import { parse } from '../../src/parse/index.ts';
import { diff, expand, simplify } from '../../src/symbolic/index.ts';

const at = (input: string, point: Record<string, number>, how: 'simplify' | 'expand' = 'simplify'): number =>
  evaluate((how === 'simplify' ? simplify : expand)(parse(input)), point);

describe('√(aᵇ) is not a like term of aᵇ when b is symbolic', () => {
  it('√(yˣ) + yˣ keeps both terms (not 2√(yˣ))', () => {
    const r = simplify(parse('√(y^x) + y^x'));
    expect(printUnicode(r)).not.toBe('2√(yˣ)');
    // √(2^0.7) + 2^0.7 = 2.89906542003173318892…
    expect(evaluate(r, { x: 0.7, y: 2 })).toBeCloseTo(2.899065420031733, 14);
  });

  it('yˣ − √(yˣ) is not 0', () => {
    expect(printUnicode(simplify(parse('y^x − √(y^x)')))).not.toBe('0');
    expect(at('y^x − √(y^x)', { x: 0.7, y: 2 })).toBeCloseTo(1.6245048 - 1.2745606, 6);
  });

  it('√(y^π) − y^π at y = 2 is −5.854291403524268', () => {
    expect(at('√(y^π) − y^π', { y: 2 })).toBeCloseTo(-5.854291403524268, 13);
    expect(at('√(y^π) − y^π', { y: 2 }, 'expand')).toBeCloseTo(-5.854291403524268, 13);
  });

  it('d/dx √(yˣ)·x at x = 0.8, y = 1.2 is 1.154099703946655', () => {
    const d = diff(parse('√(y^x)·x'), 'x');
    expect(evaluate(d, { x: 0.8, y: 1.2 })).toBeCloseTo(1.154099703946655, 13);
  });

  it('siblings: a factor list holding both √(yˣ) and yˣ, roots of other symbolic powers, cancelling', () => {
    const p = { x: 0.7, y: 2.3, z: 1.9 };
    for (const input of [
      '√(y^x)·y^x + y^x', // (yˣ)^(3/2) + yˣ: a common factor counts both
      '√(y^x)·y^x·z + y^x',
      '(y^x)^(1/3) + y^x',
      '√(e^x + y^x) + (e^x + y^x)',
      '√(x^x) − x^x + 2',
      '(√(y^x) + y^x)/(y^x)',
      '(y^x + √(y^x)·z)/(y^x − √(y^x))',
      '√(y^x)·z − y^x·z',
      '(y^x)^(3/2) − y^x·√(y^x)',
    ]) {
      const e = parse(input);
      const want = evaluate(e, p);
      expect(evaluate(simplify(e), p), `simplify ${input}`).toBeCloseTo(want, 10);
      expect(evaluate(expand(e), p), `expand ${input}`).toBeCloseTo(want, 10);
    }
  });
});
