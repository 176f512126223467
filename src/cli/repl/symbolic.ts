// The symbolic engine as the REPL uses it: derivatives in the order they are
// written, gradients, the Laplacian, simplify and expand, each with what the
// result relies on (x ≠ 0) and why it was left unsimplified, if it was.
// Loaded on first use.

import type { Expr } from '../../expr/expr.ts';
import { freeVariables } from '../../expr/traverse.ts';

type SymbolicModule = typeof import('../../symbolic/index.ts');
let loaded: Promise<SymbolicModule> | undefined;

function symbolic(): Promise<SymbolicModule> {
  loaded ??= import('../../symbolic/index.ts');
  return loaded;
}

export interface Derived {
  readonly expr: Expr;
  /** Conditions the result relies on, printed (`x ≠ 0`). */
  readonly assumptions: readonly string[];
  /** Why the result was left as it is (too large to simplify). */
  readonly notes: readonly string[];
}

const unique = (xs: Iterable<string>): string[] => [...new Set(xs)];

/**
 * ∂ⁿe/∂v₁…∂vₙ with the variables as written, left to right: the rightmost
 * is applied first, ∂²/∂x∂y e = ∂/∂x (∂e/∂y).
 */
export async function derivative(e: Expr, wrt: readonly string[]): Promise<Derived> {
  const r = (await symbolic()).diffReport(e, [...wrt].reverse());
  return { expr: r.expr, assumptions: r.assumptions, notes: r.notes };
}

export interface GradientEntry {
  readonly variable: string;
  readonly partial: Expr;
}

/** ∇e: one partial per free variable, in natural order (x2 before x10), or per variable of `wrt`. */
export async function gradientOf(e: Expr, wrt?: readonly string[]): Promise<{ entries: GradientEntry[]; assumptions: string[]; notes: string[] }> {
  const s = await symbolic();
  const reports = (wrt ?? freeVariables(e)).map((variable) => ({ variable, r: s.diffReport(e, variable) }));
  return {
    entries: reports.map(({ variable, r }) => ({ variable, partial: r.expr })),
    assumptions: unique(reports.flatMap(({ r }) => r.assumptions)),
    notes: unique(reports.flatMap(({ r }) => r.notes)),
  };
}

/** ∇²e = Σᵢ ∂²e/∂xᵢ². */
export async function laplacianOf(e: Expr): Promise<Derived> {
  const s = await symbolic();
  const { add, num } = await import('../../expr/expr.ts');
  const parts = freeVariables(e).map((v) => s.diffReport(e, v, 2));
  const sum = parts.reduce<Expr>((acc, r) => add(acc, r.expr), num(0));
  const r = s.simplifyReport(sum);
  return {
    expr: r.expr,
    assumptions: unique([...parts.flatMap((p) => p.assumptions), ...r.assumptions]),
    notes: unique([...parts.flatMap((p) => p.notes), ...r.notes]),
  };
}

export async function simplified(e: Expr): Promise<Derived> {
  const r = (await symbolic()).simplifyReport(e);
  return { expr: r.expr, assumptions: r.assumptions, notes: r.notes };
}

export async function expanded(e: Expr): Promise<Derived> {
  const r = (await symbolic()).expandReport(e);
  return { expr: r.expr, assumptions: r.assumptions, notes: r.notes };
}
