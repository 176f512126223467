// The symbolic differentiation engine: an interpreter of the Expr DAG over the
// op registry's symbolic rules.
//
// For a node y = f(a₁, …, aₖ) the chain rule gives
//   dy/dx = Σᵢ ∂f/∂aᵢ · daᵢ/dx,
// where ∂f/∂aᵢ is the registry's `derivative` rule. Arguments with daᵢ/dx = 0
// (constant in x) are skipped. Nodes are visited once, children first
// (`topoOrder`, iterative), so a shared subexpression is differentiated once
// and deep inputs cannot overflow the stack.

import { DiffError } from '../expr/errors.ts';
import { assertNever, variable, type Expr, type Var } from '../expr/expr.ts';
import { rawKit } from '../expr/kit.ts';
import { topoOrder } from '../expr/traverse.ts';
import { opDef, type SymbolicKit } from '../ops/index.ts';

/** A variable, by name or as its node. */
export type VarLike = string | Var;

/** The variable's canonical name, with a clear error for anything that is not one. */
export function varName(v: VarLike): string {
  if (typeof v !== 'string') return v.name;
  try {
    return variable(v).name;
  } catch {
    throw new DiffError(`cannot differentiate with respect to ${JSON.stringify(v)}: not a variable name (use a letter followed by letters, digits or _)`);
  }
}

/**
 * Derivatives already computed, per variable and node. Passing the same cache
 * to several calls (a gradient, a Hessian) reuses every shared derivative.
 */
export class DerivativeCache {
  private readonly byVar = new Map<string, Map<Expr, Expr>>();
  constructor(readonly kit: SymbolicKit = rawKit) {}
  /** The memo table for one variable. */
  table(x: string): Map<Expr, Expr> {
    let t = this.byVar.get(x);
    if (t === undefined) this.byVar.set(x, (t = new Map()));
    return t;
  }
}

/**
 * d(root)/dx by the chain rule, with no simplification beyond what `kit`
 * performs (the raw kit performs none: `x³` gives `3·x²·1`). Memoized per
 * (node, x) in `cache`.
 */
export function derive(root: Expr, x: string, cache: DerivativeCache = new DerivativeCache()): Expr {
  const k = cache.kit;
  const memo = cache.table(x);
  const hit = memo.get(root);
  if (hit !== undefined) return hit;
  const zero = k.num(0);
  const one = k.num(1);
  for (const n of topoOrder(root)) {
    if (memo.has(n)) continue;
    let d: Expr;
    switch (n.kind) {
      case 'num':
      case 'const':
        d = zero;
        break;
      case 'var':
        d = n.name === x ? one : zero;
        break;
      case 'call': {
        // chain rule: dy/dx = Σᵢ ∂y/∂aᵢ · daᵢ/dx over the arguments that depend on x
        const def = opDef(n.op);
        let sum: Expr | undefined;
        for (let i = 0; i < n.args.length; i++) {
          const da = memo.get(n.args[i]!)!;
          if (da === zero) continue;
          const term = k.mul(def.derivative(n.args, n, i, k), da);
          sum = sum === undefined ? term : k.add(sum, term);
        }
        d = sum ?? zero;
        break;
      }
      default:
        assertNever(n);
    }
    memo.set(n, d);
  }
  return memo.get(root)!;
}
