// Exact arithmetic: coefficients are BigInt rationals, printed digit for digit.
// References: C(60, 30) = 118264581564861424 and 3⁴⁰ + 1 = 12157665459056928802
// (issue 9); whole rows of binomial coefficients from Pascal's triangle built
// here with BigInt additions, independently of the simplifier's multinomials.

import { describe, expect, it } from 'vitest';
import { DiffError } from '../../src/expr/errors.ts';
import { evaluate } from '../../src/expr/eval.ts';
import { printAscii, printUnicode } from '../../src/expr/print.ts';
import { parse } from '../../src/parse/index.ts';
import { expand, expandReport, simplify } from '../../src/symbolic/index.ts';

function pascalRow(n: number): bigint[] {
  let row = [1n];
  for (let i = 0; i < n; i++) row = [1n, ...row.slice(1).map((v, j) => v + row[j]!), 1n];
  return row;
}

/** Coefficient of each power of x in an expanded ASCII polynomial: "c * x^k" terms. */
function coefficients(ascii: string): Map<number, bigint> {
  const m = new Map<number, bigint>();
  for (const t of ascii.split(' + ')) {
    const r = /^(?:(\d+)(?: \* )?)?(x(?:\^(\d+))?)?$/.exec(t.trim());
    if (r === null) throw new Error(`unexpected term ${t}`);
    const k = r[2] === undefined ? 0 : r[3] === undefined ? 1 : Number(r[3]);
    m.set(k, BigInt(r[1] ?? '1'));
  }
  return m;
}

describe('exact coefficients', () => {
  it('(x + 1)^60 expands with all 61 binomial coefficients exact, C(60, 30) = 118264581564861424', () => {
    const e = expand(parse('(x + 1)^60'));
    expect(printUnicode(e)).toContain('118264581564861424x³⁰');
    const c = coefficients(printAscii(e));
    const row = pascalRow(60);
    expect(c.size).toBe(61);
    for (let k = 0; k <= 60; k++) expect(c.get(k), `x^${k}`).toBe(row[k]);
  });

  it('an expanded result simplified or expanded again keeps its exact coefficients (the REPL\'s ans)', () => {
    const e = expand(parse('(x + 1)^60'));
    const row = pascalRow(60);
    for (const again of [simplify(e), expand(e), simplify(expand(e))]) {
      const c = coefficients(printAscii(again));
      for (let k = 0; k <= 60; k++) expect(c.get(k), `x^${k}`).toBe(row[k]);
    }
  });

  it('(x + 1)^1000 expands to its 1001 exact coefficients', () => {
    const r = expandReport(parse('(x + 1)^1000'));
    expect(r.notes).toEqual([]);
    const c = coefficients(printAscii(r.expr));
    const row = pascalRow(1000);
    expect(c.size).toBe(1001);
    for (const k of [0, 1, 2, 333, 500, 999, 1000]) expect(c.get(k)).toBe(row[k]);
  });

  it('3^40 + 1 prints 12157665459056928802', () => {
    expect(printUnicode(simplify(parse('3^40 + 1')))).toBe('12157665459056928802');
    expect(printAscii(simplify(parse('3^40 + 1')))).toBe('12157665459056928802');
    expect(printUnicode(simplify(parse('−3^41')))).toBe('−36472996377170786403');
  });

  it('exact fractions past 2⁵³: (3^40 + 1)/2^70 and sums of them', () => {
    expect(printUnicode(simplify(parse('3^40/2^70 + 1/2^70')))).toBe('6078832729528464401/590295810358705651712') // 3⁴⁰ + 1 is even;
    expect(printUnicode(simplify(parse('(3^40 + 1)/3^40 − 1')))).toBe('1/12157665459056928801');
  });

  it('a huge exact integer evaluates to the nearest double', () => {
    const e = simplify(parse('3^40 + 1'));
    expect(evaluate(e, {})).toBe(Number(12157665459056928802n));
    expect(evaluate(simplify(parse('(3^40 + 1)/2^70')), {})).toBe(Number(12157665459056928802n) / 2 ** 70);
  });

  it('beyond a double\'s range an exact power stays a power (2^1100), and floats stay floats', () => {
    expect(printUnicode(simplify(parse('2^1100')))).toBe('2¹¹⁰⁰');
    expect(printUnicode(simplify(parse('2^1100·2^1100')))).toBe('2²²⁰⁰');
    expect(printUnicode(simplify(parse('0.5·3^40')))).toBe(String(0.5 * 3 ** 40));
  });
});

describe('float constants are summed exactly, then rounded once (found by the soundness campaign)', () => {
  it('1e300 − 1e300 + 50031545098999710 is 50031545098999710 in any order, never 0', () => {
    for (const text of ['1e300 + -1e300 + 50031545098999710 + x', '1e300 + 50031545098999710 - 1e300 + x', '50031545098999710 + 1e300 - 1e300 + x']) {
      expect(evaluate(simplify(parse(text)), { x: 0 })).toBe(50031545098999710);
    }
  });
  it('an exact fraction next to a huge float keeps the float: 1e300 + (−1/3)³ is 1e300', () => {
    expect(evaluate(expand(parse('x + 1e300 + (1/-3)^3')), { x: 0 })).toBe(1e300);
  });
});

describe('expansion is bounded by its output, refused at once when too large', () => {
  it('(x + 1)^1000000000 is refused before any work, with a note from expandReport and an error from expand', () => {
    const r = expandReport(parse('(x + 1)^1000000000'));
    expect(r.expr).toBe(parse('(x + 1)^1000000000'));
    expect(r.notes[0]).toMatch(/not expanded: .*more than 20000 terms/);
    expect(() => expand(parse('(x + y + z)^1000'))).toThrow(DiffError);
  });
});
