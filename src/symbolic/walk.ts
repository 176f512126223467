// Walking the DAG without recursion.

import type { Expr } from '../expr/expr.ts';

/**
 * The nodes reachable from root, children before parents, not descending
 * into nodes for which `stop` holds (they are left out). Iterative.
 */
export function postOrder(root: Expr, stop: (e: Expr) => boolean): Expr[] {
  const out: Expr[] = [];
  if (stop(root)) return out;
  const seen = new Set<Expr>([root]);
  const stack: [Expr, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [e, i] = top;
    if (e.kind === 'call' && i < e.args.length) {
      top[1] = i + 1;
      const c = e.args[i]!;
      if (!seen.has(c) && !stop(c)) {
        seen.add(c);
        stack.push([c, 0]);
      }
    } else {
      stack.pop();
      out.push(e);
    }
  }
  return out;
}
