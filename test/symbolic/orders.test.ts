// Bounded work in the symbolic engine: high orders finish small (each order
// simplified, and multiplied out when that is smaller), or refuse with a
// note; swell tables stop at their budget and say so. Reference values from
// mpmath at 60 digits (scripts/high-order-refs.py).

import { describe, expect, it } from 'vitest';
import { DiffError } from '../../src/expr/errors.ts';
import { evaluate } from '../../src/expr/eval.ts';
import type { Expr } from '../../src/expr/expr.ts';
import { topoOrder, treeSize } from '../../src/expr/traverse.ts';
import { parse } from '../../src/parse/index.ts';
import { diffReport, swell } from '../../src/symbolic/index.ts';
import { SWELL_TABLE_NODES } from '../../src/symbolic/swell.ts';

const REFS: readonly (readonly [string, number, number, number])[] = [
  ['e^(x^2)', 20, 0.3, 2446350834105.0238],
  ['e^(x^2)', 64, 0.3, 7.623318276776794e54],
  ['x^x', 10, 1.3, 6636.2721749068045],
  ['x^x', 40, 1.3, 2.2019898805651063e40],
];

describe('derivatives of high order', () => {
  it.each(REFS)('d^n/dx^n %s, n = %d, at x = %d', (text, n, x, want) => {
    const r = diffReport(parse(text), 'x', n);
    expect(r.notes).toEqual([]);
    expect(evaluate(r.expr, { x }) / want).toBeCloseTo(1, 12);
  });

  it('the 64th derivative of e^(x²) stays (polynomial)·e^(x²): a tree of a few hundred nodes', () => {
    // H-type polynomial of degree 64: 33 terms, each c·x^k, times e^(x²)
    expect(treeSize(diffReport(parse('e^(x^2)'), 'x', 64).expr)).toBeLessThan(600);
  });

  it('the 6th derivative of 2yx·sin x·cos x·ln x·eˣ: SymPy\'s value, and no more than 1.5× the operators of SymPy\'s expanded form (199)', () => {
    const d = diffReport(parse('2y·x·sin(x)·cos(x)·ln(x)·e^x'), 'x', 6).expr;
    expect(evaluate(d, { x: 1.3, y: 0.7 }) / 1560.1669253772168).toBeCloseTo(1, 12);
    // operators as SymPy counts them: an n-ary sum or product is n − 1 operators, anything else one
    const ops = new Map<Expr, number>();
    for (const n of topoOrder(d)) {
      let c = 0;
      if (n.kind === 'call') {
        c = n.op === 'add' || n.op === 'mul' ? n.args.length - 1 : 1;
        for (const a of n.args) c += ops.get(a)!;
      }
      ops.set(n, c);
    }
    expect(ops.get(d)!).toBeLessThanOrEqual(1.5 * 199);
  });

  it('when simplification runs out of budget, the unsimplified derivative is capped in proportion to the input and refused with a reason', () => {
    let err: unknown;
    try {
      diffReport(parse('x^x'), 'x', 40, { budget: 1000 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DiffError);
    expect((err as Error).message).toMatch(/too large to compute: at order \d+ of 40 .*ask for a lower order/);
  });

  it('a low order past the budget still comes back, unsimplified, with a note', () => {
    const r = diffReport(parse('x^x'), 'x', 3, { maxDag: 4 });
    expect(r.notes[0]).toMatch(/^not simplified/);
    expect(evaluate(r.expr, { x: 1.3 })).toBeCloseTo(evaluate(diffReport(parse('x^x'), 'x', 3).expr, { x: 1.3 }), 10);
  });
});

describe('swell tables within a budget', () => {
  it('swell sigmoid 200 stops where its derivatives pass the node budget, and says so on the last row', () => {
    const t = swell('sigmoid', 200);
    expect(t.rows.length).toBeLessThan(200);
    const last = t.rows.at(-1)!;
    expect(last.note).toMatch(new RegExp(`the table stops at n = ${last.n} of 200: .*budget ${SWELL_TABLE_NODES}`));
    // rows past the simplification budget say so, and keep their exact size columns
    const skipped = t.rows.filter((r) => r.note?.startsWith('not simplified'));
    for (const r of skipped) expect(r.simplified).toEqual(r.derivative);
  });

  it('cheap tables are complete: sin to n = 200', () => {
    const t = swell('sin', 200);
    expect(t.rows).toHaveLength(200);
    expect(t.rows.every((r) => r.note === undefined)).toBe(true);
  });
});
