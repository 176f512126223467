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

/** The derivative as derived (../raw.ts), loaded with the engine. */
async function raw(): Promise<typeof import('../raw.ts')['rawDerivative']> {
  return (await import('../raw.ts')).rawDerivative;
}

export interface Derived {
  readonly expr: Expr;
  /**
   * What values are taken from: the expression as read, or the derivative as
   * derived (the chain rule, unsimplified); undefined when that is too large
   * to build.
   */
  readonly source: Expr | undefined;
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
  const seq = [...wrt].reverse();
  const r = (await symbolic()).diffReport(e, seq);
  return { expr: r.expr, source: (await raw())(e, seq), assumptions: r.assumptions, notes: r.notes };
}

export interface GradientEntry {
  readonly variable: string;
  readonly partial: Expr;
  /** ∂e/∂variable as derived, for values. */
  readonly raw: Expr | undefined;
}

/** ∇e: one partial per free variable, in natural order (x2 before x10), or per variable of `wrt`. */
export async function gradientOf(e: Expr, wrt?: readonly string[]): Promise<{ entries: GradientEntry[]; assumptions: string[]; notes: string[] }> {
  const s = await symbolic();
  const rawDerivative = await raw();
  const reports = (wrt ?? freeVariables(e)).map((variable) => ({ variable, r: s.diffReport(e, variable) }));
  return {
    entries: reports.map(({ variable, r }) => ({ variable, partial: r.expr, raw: rawDerivative(e, [variable]) })),
    assumptions: unique(reports.flatMap(({ r }) => r.assumptions)),
    notes: unique(reports.flatMap(({ r }) => r.notes)),
  };
}

/** ∇²e = Σᵢ ∂²e/∂xᵢ². */
export async function laplacianOf(e: Expr): Promise<Derived> {
  const s = await symbolic();
  const { add, num } = await import('../../expr/expr.ts');
  const vars = freeVariables(e);
  const parts = vars.map((v) => s.diffReport(e, v, 2));
  const sum = parts.reduce<Expr>((acc, r) => add(acc, r.expr), num(0));
  const r = s.simplifyReport(sum);
  const rawDerivative = await raw();
  const raws = vars.map((v) => rawDerivative(e, [v, v]));
  const source = raws.every((d) => d !== undefined) ? raws.reduce<Expr>((acc, d) => add(acc, d!), num(0)) : undefined;
  return {
    expr: r.expr,
    source,
    assumptions: unique([...parts.flatMap((p) => p.assumptions), ...r.assumptions]),
    notes: unique([...parts.flatMap((p) => p.notes), ...r.notes]),
  };
}

export async function simplified(e: Expr): Promise<Derived> {
  const r = (await symbolic()).simplifyReport(e);
  return { expr: r.expr, source: e, assumptions: r.assumptions, notes: r.notes };
}

export async function expanded(e: Expr): Promise<Derived> {
  const r = (await symbolic()).expandReport(e);
  return { expr: r.expr, source: e, assumptions: r.assumptions, notes: r.notes };
}
