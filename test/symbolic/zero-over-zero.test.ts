// 0·u → 0 holds where u is defined; a division by an expression that is
// identically 0 is defined nowhere, so 0/0 must never simplify to 0. Found by
// the soundness campaign (rational.test.ts, seed 20261126): the derivative of
// 2x²·G/((2x²√z + 3eʸ − 1)·G) with G = 2z − 2(√z)², which is 0 for every z ≥ 0,
// simplified to 0.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/expr/eval.ts';
import { printAscii } from '../../src/expr/print.ts';
import { parse } from '../../src/parse/index.ts';
import { diffReport, expand, simplify, simplifyReport } from '../../src/symbolic/index.ts';

const at = (s: string, p: Record<string, number>): number => evaluate(simplify(parse(s)), p, { strict: false });

describe('0/0 does not simplify to 0', () => {
  const undefinedEverywhere = ['0/0', 'x·0/0', '(z − z)/(z − z)', 'x(z − z)/(z − z)', '(z − z)/(x(z − z))', '0·(z − z)^(−2)', '(z − (√z)²)/(z − (√z)²)', '2x²(2z − 2(√z)²)/((2x²√z + 3eʸ − 1)(2z − 2(√z)²))', 'x + (z − z)/(z − z)'];
  it.each(undefinedEverywhere)('%s keeps its division by zero, with a note, and has no value', (s) => {
    const r = simplifyReport(parse(s));
    expect(printAscii(r.expr)).not.toBe('0');
    expect(r.notes.join(' ')).toMatch(/division by 0/);
    // by hand: a quotient whose denominator is 0 at every point has no value at any point
    // (z = 4 and 1/4, where √z is exact and z − (√z)² is 0 in doubles too)
    for (const p of [{ x: 0.7, y: 0.3, z: 4 }, { x: -2, y: 1, z: 0.25 }]) expect(at(s, p)).toBeNaN();
    expect(printAscii(expand(parse(s)))).not.toBe('0');
  });

  it('d/dx of 2x²G/((2x²√z + 3eʸ − 1)G), G = 2z − 2(√z)², is not 0: it is left unsimplified, with the note', () => {
    const r = diffReport(parse('2x²(2z − 2(√z)²)/((2x²√z + 3eʸ − 1)(2z − 2(√z)²))'), 'x');
    expect(printAscii(r.expr)).not.toBe('0');
    expect(r.notes.join(' ')).toMatch(/division by 0/);
    expect(evaluate(r.expr, { x: 0.5, y: 0.25, z: 4 }, { strict: false })).toBeNaN();
  });
});

describe('0·u → 0 still holds where u is defined', () => {
  it.each([
    ['0·x', '0'],
    ['(z − (√z)²)/x', '0'],
    ['x − x', '0'],
    ['x/(z − z)', 'x / 0'],
    ['0^(−1)', '1 / 0'],
  ])('%s → %s', (s, want) => {
    expect(printAscii(simplify(parse(s)))).toBe(want);
  });
});
