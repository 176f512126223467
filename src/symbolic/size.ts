// The size of a printed result in operators, the measure of the
// simplification-quality table (`npm run bench -- simplify`).
//
// Counted on the tree as written, like sympy.count_ops: a call with k ≥ 2
// arguments is k − 1 operators (a + b + c is two additions), a call with one
// argument is one (−x, sin x, √x); numbers, constants and variables are none,
// except that a negative number is one negation, however it is stored (−6 read
// as a literal, or neg(6) as printed), as in SymPy. The exact fraction 1/2 is
// one division, as in SymPy. Counted on the DAG
// without expanding it, iteratively.

import type { Expr } from '../expr/expr.ts';
import { topoOrder } from '../expr/traverse.ts';

/** Operators in the tree of e: Σ over its calls of max(1, arguments − 1). */
export function operatorCount(e: Expr): number {
  const ops = new Map<Expr, number>();
  for (const n of topoOrder(e)) {
    let s = n.kind === 'num' && n.value < 0 ? 1 : 0;
    if (n.kind === 'call') {
      s = Math.max(1, n.args.length - 1);
      for (const c of n.args) s += ops.get(c)!;
    }
    ops.set(n, s);
  }
  return ops.get(e)!;
}
