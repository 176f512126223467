// Collapsing a large graph: operations deeper than a given distance from the
// output are folded into stand-in inputs u₁, u₂, … whose values the library
// evaluates at the point. The graph of the folded expression then shows the
// top of the real graph, with the same values, adjoints and local partials
// there (an adjoint depends only on the part of the graph above its node).

import { call, evaluate, freeVariables, printUnicode, topoOrder, variable, type Expr } from 'difflab';

export interface Collapsed {
  readonly expr: Expr;
  readonly at: Record<string, number>;
  /** The stand-ins and what each one folds. */
  readonly folded: readonly { readonly name: string; readonly text: string }[];
}

/** Folds every operation deeper than `maxDepth` below the output; undefined if nothing is deep enough to fold. */
export function collapse(e: Expr, at: Readonly<Record<string, number>>, maxDepth: number): Collapsed | undefined {
  // shortest distance from the output to each node, breadth first (iterative)
  const dist = new Map<Expr, number>([[e, 0]]);
  const queue: Expr[] = [e];
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!;
    if (n.kind !== 'call') continue;
    for (const a of n.args) {
      if (!dist.has(a)) {
        dist.set(a, dist.get(n)! + 1);
        queue.push(a);
      }
    }
  }
  const used = new Set(freeVariables(e));
  let letter = 'u';
  for (const l of ['u', 'g', 'h', 'q']) {
    if (![...used].some((v) => v.startsWith(l))) {
      letter = l;
      break;
    }
  }
  const out = new Map<Expr, Expr>();
  const point: Record<string, number> = { ...at };
  const folded: { name: string; text: string }[] = [];
  // a node deeper than maxDepth hangs only below nodes at maxDepth or deeper, so folding those at maxDepth hides it
  for (const n of topoOrder(e)) {
    const d = dist.get(n)!;
    if (d > maxDepth) continue;
    if (n.kind !== 'call') {
      out.set(n, n);
    } else if (d === maxDepth) {
      const name = `${letter}${folded.length + 1}`;
      point[name] = evaluate(n, at);
      folded.push({ name, text: printUnicode(n) });
      out.set(n, variable(name));
    } else {
      out.set(n, call(n.op, n.args.map((a) => out.get(a)!)));
    }
  }
  if (folded.length === 0) return undefined;
  // the point keeps only the variables that remain
  const expr = out.get(e)!;
  const keep = new Set(freeVariables(expr));
  return { expr, at: Object.fromEntries(Object.entries(point).filter(([k]) => keep.has(k))), folded };
}
