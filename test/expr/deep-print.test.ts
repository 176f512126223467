// Printers on 10⁵ levels of unary minus, nested |…| and nested max(x, max(…)):
// each prints (no stack overflow, no quadratic copying that used to exhaust a
// 4 GB heap), to the exact length the layout implies, and the ASCII form
// reads back to the same object.

import { describe, expect, it } from 'vitest';
import { call, variable, type Expr } from '../../src/expr/expr.ts';
import { printAscii, printLatex, printUnicode } from '../../src/expr/print.ts';
import { parse } from '../../src/parse/index.ts';

const N = 100_000;
const x = variable('x');

function nest(wrap: (e: Expr) => Expr): Expr {
  let e: Expr = x;
  for (let i = 0; i < N; i++) e = wrap(e);
  return e;
}

describe('printers are linear on 10⁵ levels', () => {
  it('unary minus: − x under 10⁵ signs', () => {
    const e = nest((u) => call('neg', [u]));
    const a = printAscii(e);
    expect(a.length).toBe(2 * N); // "- " per level, "-x" innermost
    expect(parse(a)).toBe(e);
    const u = printUnicode(e);
    expect(u.length).toBe(3 * N - 1); // "−(…)" per level, "−x" innermost
    expect(u.startsWith('−(−(')).toBe(true);
    expect(printLatex(e).endsWith('\\right)')).toBe(true);
  });

  it('nested absolute values', () => {
    const e = nest((u) => call('abs', [u]));
    const a = printAscii(e);
    expect(a.length).toBe(5 * N + 1); // "abs(…)" per level
    expect(parse(a)).toBe(e);
    const u = printUnicode(e);
    expect(u.length).toBe(4 * N - 1); // "|(…)|" per level, "|x|" innermost: bars inside bars are parenthesized
    expect(printLatex(e).startsWith('\\left|\\left|')).toBe(true);
  });

  it('nested max(x, max(x, …))', () => {
    const e = nest((u) => call('max', [x, u]));
    const a = printAscii(e);
    expect(a.length).toBe(8 * N + 1);
    expect(parse(a)).toBe(e);
    expect(printUnicode(e).length).toBe(8 * N + 1);
    expect(printLatex(e).startsWith('\\max\\left(x, \\max')).toBe(true);
  });
});
