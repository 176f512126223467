// Traversals over the DAG, all iterative: depth is unbounded (a 10⁵-term sum
// is a 10⁵-deep tree), so nothing here recurses.

import type { Expr } from './expr.ts';

const NO_CHILDREN: readonly Expr[] = [];
export const children = (e: Expr): readonly Expr[] => (e.kind === 'call' ? e.args : NO_CHILDREN);

/**
 * The unique nodes reachable from the roots, children before parents.
 * Ids grow with creation and a node is created after its children, so
 * sorting by id is a topological order.
 */
export function topoOrder(...roots: Expr[]): Expr[] {
  const seen = new Set<Expr>();
  const stack: Expr[] = [...roots];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (seen.has(e)) continue;
    seen.add(e);
    if (e.kind === 'call') for (const c of e.args) if (!seen.has(c)) stack.push(c);
  }
  return [...seen].sort((a, b) => a.id - b.id);
}

/** Number of unique nodes (the size of the DAG). */
export function dagSize(e: Expr): number {
  return topoOrder(e).length;
}

/**
 * Number of nodes of the fully expanded tree, counted on the DAG without
 * expanding it. A double: exact up to 2⁵³, fine far beyond 10⁹ nodes.
 */
export function treeSize(e: Expr): number {
  const size = new Map<Expr, number>();
  for (const n of topoOrder(e)) {
    let s = 1;
    if (n.kind === 'call') for (const c of n.args) s += size.get(c)!;
    size.set(n, s);
  }
  return size.get(e)!;
}

/** Depth of the tree (a leaf has depth 1). */
export function depth(e: Expr): number {
  const d = new Map<Expr, number>();
  for (const n of topoOrder(e)) {
    let m = 0;
    if (n.kind === 'call') for (const c of n.args) m = Math.max(m, d.get(c)!);
    d.set(n, m + 1);
  }
  return d.get(e)!;
}

/** The free variables of e, sorted (natural order: x2 before x10). */
export function freeVariables(e: Expr): string[] {
  const names = new Set<string>();
  for (const n of topoOrder(e)) if (n.kind === 'var') names.add(n.name);
  return [...names].sort(compareNames);
}

/** Orders names alphabetically, with numeric subscripts compared as numbers. */
export function compareNames(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * Rebuilds e bottom-up, replacing each node by f(node, rebuiltArgs).
 * Iterative and memoized on the DAG: shared nodes are visited once.
 */
export function mapBottomUp(e: Expr, f: (node: Expr, args: readonly Expr[]) => Expr): Expr {
  const out = new Map<Expr, Expr>();
  for (const n of topoOrder(e)) {
    const args = n.kind === 'call' ? n.args.map((c) => out.get(c)!) : NO_CHILDREN;
    out.set(n, f(n, args));
  }
  return out.get(e)!;
}
