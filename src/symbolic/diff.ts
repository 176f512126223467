// The public differentiation API: derivatives of any order, mixed partials,
// gradients and Hessians, simplified to textbook form by default.

import { DiffError } from '../expr/errors.ts';
import type { Expr } from '../expr/expr.ts';
import { dagSize, freeVariables, treeSize } from '../expr/traverse.ts';
import { BudgetExceeded, Canonicalizer } from './canon.ts';
import { derive, DerivativeCache, varName, type VarLike } from './derive.ts';
import { present } from './present.ts';
import { NumberRange } from './numbers.ts';
import { smallerRational } from './ratfun.ts';
import { canonOptions, describeAssumption, MAX_DAG, OVERFLOW_NOTE, overflows, type SimplifyOptions } from './simplify.ts';

export interface DiffOptions extends SimplifyOptions {
  /**
   * false: the naive derivative, the chain rule with no simplification at all
   * (`x³` → `3·x²·1`), as measured by `difflab swell`. Default true.
   */
  readonly simplify?: boolean;
}

export interface DiffReport {
  readonly expr: Expr;
  readonly assumptions: readonly string[];
  readonly notes: readonly string[];
}

/** The variables to differentiate by, in order: ∂/∂x then ∂/∂y for ['x', 'y']; x n times for ('x', n). */
function sequence(wrt: VarLike | readonly VarLike[], n: number): string[] {
  if (!Number.isInteger(n) || n < 0) throw new DiffError(`the order of a derivative must be a non-negative integer, got ${n}`);
  if (n > 64) throw new DiffError(`derivatives of order ${n} are not supported (at most 64)`);
  const list = typeof wrt === 'string' || !Array.isArray(wrt) ? [wrt as VarLike] : (wrt as readonly VarLike[]);
  if (list.length === 0) throw new DiffError('differentiate with respect to at least one variable');
  const names = list.map(varName);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(...names);
  return out;
}

/**
 * Differentiates e with respect to each variable in turn (n times over):
 * diff(e, 'x') = ∂e/∂x, diff(e, 'x', 3) = ∂³e/∂x³, diff(e, ['x', 'y']) =
 * ∂/∂y (∂e/∂x). Simplified to textbook form unless `simplify: false`.
 */
export function diffReport(e: Expr, wrt: VarLike | readonly VarLike[], n = 1, options: DiffOptions = {}): DiffReport {
  const vars = sequence(wrt, n);
  if (options.simplify === false) {
    const cache = new DerivativeCache();
    let d = e;
    for (const x of vars) d = derive(d, x, cache);
    return { expr: d, assumptions: [], notes: [] };
  }
  const k = new Canonicalizer(canonOptions(options));
  const cache = new DerivativeCache();
  let d = e;
  try {
    // Differentiate the expression as written (flattening it first would turn
    // the nested products of 4l(1 − l) into one long product, and the product
    // rule over n factors gives n terms), then simplify; each higher order
    // differentiates the simplified result of the one before.
    vars.forEach((x, i) => {
      d = k.run(guard(derive(d, x, cache), options));
      // Between orders, the multiplied-out form when it is smaller: the nth derivative of e^(x²)
      // stays (polynomial)·e^(x²) instead of nesting products of sums order after order.
      if (vars.length > 1) d = smallerExpanded(k, d, options);
      if (i === 0) k.freezeBudget();
    });
    const out = vars.length === 0 ? k.run(guard(e, options)) : d;
    if (overflows([out], [e])) throw new TooLarge(OVERFLOW_NOTE.replace(/^not simplified: /, ''));
    return { expr: smallerRational(k, out, present(out)), assumptions: k.assumptions.map(describeAssumption), notes: [] };
  } catch (err) {
    if (!(err instanceof BudgetExceeded) && !(err instanceof TooLarge) && !(err instanceof NumberRange)) throw err;
    // Too large to simplify: the naive derivative, linear in the DAG at each order, within a node budget
    // proportional to the input (a high order multiplies the DAG order after order).
    const cap = Math.max(MIN_NAIVE_NODES, NAIVE_NODES_PER_INPUT * dagSize(e));
    let raw = e;
    for (const [i, x] of vars.entries()) {
      raw = derive(raw, x, new DerivativeCache());
      const size = dagSize(raw);
      if (size > cap) {
        throw new DiffError(
          `the derivative is too large to compute: at order ${i + 1} of ${vars.length} it has ${size} DAG nodes (budget ${cap}, proportional to the input) and could not be simplified (${err.message}); ask for a lower order`,
        );
      }
    }
    return { expr: raw, assumptions: [], notes: [`not simplified: ${err.message}`] };
  }
}

class TooLarge extends Error {}

/** The unsimplified fallback may build this many DAG nodes per input node (at least MIN_NAIVE_NODES). */
const NAIVE_NODES_PER_INPUT = 2000;
const MIN_NAIVE_NODES = 200_000;

/**
 * d, or its multiplied-out form (collected again, so common factors come back
 * out) if that has a smaller tree. Expansion runs with its own small budget,
 * proportional to d, and is simply skipped when it runs out.
 */
function smallerExpanded(k: Canonicalizer, d: Expr, o: DiffOptions): Expr {
  const before = treeSize(d);
  if (!(before > 8)) return d;
  const size = dagSize(d);
  const ke = new Canonicalizer({ ...canonOptions({ ...o, expand: true }), budget: 20 * size + 20_000, maxTerms: 4 * size + 200 });
  try {
    const ex = k.run(ke.run(d));
    if (!(treeSize(ex) < before)) return d;
    for (const a of ke.assumptions) k.assume(a.expr, a.relation);
    return ex;
  } catch (err) {
    if (err instanceof BudgetExceeded || err instanceof DiffError || err instanceof NumberRange) return d;
    throw err;
  }
}

/** e, if it is small enough to rewrite. */
function guard(e: Expr, o: DiffOptions): Expr {
  const limit = o.maxDag ?? MAX_DAG;
  const size = dagSize(e);
  if (size > limit) throw new TooLarge(`the expression has ${size} DAG nodes (limit ${limit})`);
  return e;
}

/** ∂ⁿe/∂xⁿ, or the mixed partial for a list of variables (see diffReport). */
export function diff(e: Expr, wrt: VarLike | readonly VarLike[], n = 1, options: DiffOptions = {}): Expr {
  return diffReport(e, wrt, n, options).expr;
}

/** The partials in the order of `vars` (also readable as `exprs`). */
export type Gradient = readonly Expr[] & { readonly vars: readonly string[]; readonly exprs: readonly Expr[] };

/** Rows of second partials, Hᵢⱼ = ∂²e/∂xᵢ∂xⱼ, in the order of `vars`. */
export type Hessian = readonly (readonly Expr[])[] & { readonly vars: readonly string[]; readonly exprs: readonly (readonly Expr[])[] };

function variablesOf(e: Expr, vars?: readonly VarLike[]): string[] {
  return vars === undefined ? freeVariables(e) : vars.map(varName);
}

/** ∇e: one partial per variable, by default every free variable in natural order (x2 before x10). */
export function gradient(e: Expr, vars?: readonly VarLike[], options: DiffOptions = {}): Gradient {
  const names = variablesOf(e, vars);
  const exprs = names.map((x) => diff(e, x, 1, options));
  return Object.assign([...exprs], { vars: names, exprs });
}

/**
 * The Hessian. Each first partial is simplified once and differentiated
 * again; the matrix is symmetric (Schwarz), so the upper triangle is computed
 * and mirrored.
 */
export function hessian(e: Expr, vars?: readonly VarLike[], options: DiffOptions = {}): Hessian {
  const names = variablesOf(e, vars);
  const first = names.map((x) => diff(e, x, 1, options));
  const rows: Expr[][] = names.map(() => []);
  for (let i = 0; i < names.length; i++) {
    for (let j = i; j < names.length; j++) {
      const h = diff(first[i]!, names[j]!, 1, options);
      rows[i]![j] = h;
      rows[j]![i] = h;
    }
  }
  return Object.assign(rows.map((r) => [...r]), { vars: names, exprs: rows });
}
