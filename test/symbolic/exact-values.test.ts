import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/expr/eval.ts';
import { printUnicode } from '../../src/expr/print.ts';
import { parse } from '../../src/parse/index.ts';
import { simplifyReport } from '../../src/symbolic/index.ts';

// Exact values from the unit circle (by hand): sin(π/6) = 1/2, sin(π/4) = √2/2,
// sin(π/3) = √3/2; cos x = sin(x + π/2); tan = sin/cos; sin(x + π) = −sin x.
const CASES: readonly (readonly [string, string])[] = [
  ['sin π', '0'],
  ['cos π', '−1'],
  ['sin(2π)', '0'],
  ['sin(π/6)', '1/2'],
  ['cos(π/3)', '1/2'],
  ['cos(π/4)', '√2/2'],
  ['sin(−π/3)', '−√3/2'],
  ['sin(7π/6)', '−1/2'],
  ['tan(π/4)', '1'],
  ['tan(π/3)', '√3'],
  ['tan(π/6)', '√3/3'],
  ['sec(π/3)', '2'],
  ['cot(π/4)', '1'],
  ['arctan 1', 'π/4'],
  ['arctan(−1)', '−π/4'],
  ['arcsin(1/2)', 'π/6'],
  ['arccos 0', 'π/2'],
  ['arccos(−1)', 'π'],
  ['sin²(π/3) + 1', '7/4'],
];

describe('numeric function calls folded only where the value is exact', () => {
  for (const [input, want] of CASES) {
    it(`${input} → ${want}`, () => {
      const e = parse(input);
      const r = simplifyReport(e);
      expect(printUnicode(r.expr)).toBe(want);
      expect(r.assumptions).toEqual([]);
      // the same number as the double evaluation of the input
      expect(evaluate(r.expr, {})).toBeCloseTo(evaluate(e, {}), 12);
    });
  }

  it('keeps inexact values and poles symbolic: sin 4, sin 0.5, sin(π/5), tan(π/2), csc π', () => {
    for (const s of ['sin 4', 'sin 0.5', 'sin(π/5)', 'tan(π/2)', 'csc π', 'arctan 2', 'arcsin(1/3)']) {
      expect(printUnicode(simplifyReport(parse(s)).expr)).toBe(printUnicode(parse(s)));
    }
  });
});
