// simplify and expand: canonical form, rewrite rules, textbook presentation.
//
// Work is bounded: inputs above MAX_DAG nodes are returned unchanged with a
// note, and a run that exceeds its step budget gives up the same way, so a
// huge or adversarial input costs a bounded amount of time, never a hang.

import { printUnicode } from '../expr/print.ts';
import { topoOrder, treeSize } from '../expr/traverse.ts';
import type { Expr } from '../expr/expr.ts';
import { smallerRational } from './ratfun.ts';
import { BudgetExceeded, Canonicalizer, DEFAULT_CANON, TermLimit, type Assumption, type CanonOptions } from './canon.ts';
import { present, presentAll } from './present.ts';
import { asQ, neg, NumberRange, toExpr } from './numbers.ts';

/** Inputs with more DAG nodes than this are not rewritten. */
export const MAX_DAG = 1_000_000;

export interface SimplifyOptions {
  /** Multiply out products and integer powers of sums, and collect (default false). */
  readonly expand?: boolean;
  /** Pull common non-polynomial factors out of sums (default true; off when expanding). */
  readonly factor?: boolean;
  /** Cancel common factors of simple quotients (default true). */
  readonly cancel?: boolean;
  /** Step budget (default 3·10⁶ terms and factors handled). */
  readonly budget?: number;
  /** Largest DAG to rewrite (default MAX_DAG). */
  readonly maxDag?: number;
  /** With expand: the most terms a product may multiply out to (default 20 000). */
  readonly maxTerms?: number;
}

export interface Simplified {
  /** Textbook form, for the printers. */
  readonly expr: Expr;
  /** Conditions the result relies on, printed (`x ≠ 0`): it equals the input wherever the input is defined, and may be defined at more points. */
  readonly assumptions: readonly string[];
  /** Named rules that fired, with counts. */
  readonly rules: Readonly<Record<string, number>>;
  /** Why nothing (or less) was done, when that happened. */
  readonly notes: readonly string[];
}

export function canonOptions(o: SimplifyOptions = {}): CanonOptions {
  const expand = o.expand ?? false;
  return {
    ...DEFAULT_CANON,
    expand,
    factor: expand ? false : (o.factor ?? true),
    cancel: o.cancel ?? true,
    budget: o.budget ?? DEFAULT_CANON.budget,
    maxTerms: o.maxTerms ?? DEFAULT_CANON.maxTerms,
  };
}

/** Prints an assumption for people, or names its size when it is too big to read. */
export function describeAssumption(a: Assumption): string {
  // x + c ≠ 0 reads better as x ≠ −c
  if (a.relation === '≠ 0' && a.expr.kind === 'call' && a.expr.op === 'add' && a.expr.args.length === 2) {
    const [c, v] = a.expr.args as [Expr, Expr];
    const q = asQ(c);
    if (q !== undefined && v.kind === 'var') return `${printUnicode(v)} ≠ ${printUnicode(present(toExpr(neg(q))))}`;
  }
  const p = present(a.expr);
  const what = treeSize(p) <= 40 ? printUnicode(p) : `a factor of ${treeSize(p)} nodes`;
  return `${what} ${a.relation}`;
}

/** Simplifies e and reports what it relied on. */
export function simplifyReport(e: Expr, options: SimplifyOptions = {}): Simplified {
  const r = simplifyAll([e], options);
  return { expr: r.exprs[0]!, assumptions: r.assumptions, rules: r.rules, notes: r.notes };
}

export interface SimplifiedAll extends Omit<Simplified, 'expr'> {
  readonly exprs: readonly Expr[];
  /** Work units the run spent (its budget is `budget` plus a multiple of the input's DAG). */
  readonly work?: number;
}

/**
 * Simplifies several expressions together (a gradient's partials): shared
 * subexpressions are rewritten once.
 */
export function simplifyAll(es: readonly Expr[], options: SimplifyOptions = {}): SimplifiedAll {
  const limit = options.maxDag ?? MAX_DAG;
  const size = es.length === 0 ? 0 : topoOrder(...es).length;
  if (size > limit) {
    return { exprs: es, assumptions: [], rules: {}, notes: [`not simplified: the expression has ${size} DAG nodes (limit ${limit})`] };
  }
  const k = new Canonicalizer(canonOptions(options));
  try {
    const cs = es.map((e) => k.run(e));
    if (overflows(cs, es)) return { exprs: es, assumptions: [], rules: {}, notes: [OVERFLOW_NOTE] };
    return {
      exprs: presentAll(cs).map((p, i) => smallerRational(k, cs[i]!, p)),
      assumptions: k.assumptions.map(describeAssumption),
      rules: Object.fromEntries(k.applied),
      notes: [],
      work: k.spent,
    };
  } catch (err) {
    if (err instanceof NumberRange) return { exprs: es, assumptions: [], rules: {}, notes: [`not simplified: ${err.message}`], work: k.spent };
    if (!(err instanceof BudgetExceeded)) throw err;
    return { exprs: es, assumptions: [], rules: {}, work: k.spent, notes: [`not simplified: gave up after ${err.work} steps (the expression is too large to rewrite)`] };
  }
}

export const OVERFLOW_NOTE = 'not simplified: folding its numbers would overflow or underflow a double';

/** True if the outputs hold a non-finite number that the inputs do not: folding overflowed (1e308·10). */
export function overflows(outputs: readonly Expr[], inputs: readonly Expr[]): boolean {
  const bad = (es: readonly Expr[]): boolean => topoOrder(...es).some((n) => n.kind === 'num' && !Number.isFinite(n.value));
  return bad(outputs) && !bad(inputs);
}

/**
 * Simplifies to textbook form: numbers folded, sums and products flattened
 * and collected, quotients cancelled, function identities applied
 * (ln eˣ = x), and printed with minus signs and fraction bars.
 */
export function simplify(e: Expr, options: SimplifyOptions = {}): Expr {
  return simplifyReport(e, options).expr;
}

/** Multiplies out and collects: the expanded polynomial of 16x(1 − x)(1 − 2x)² is 16x − 80x² + 128x³ − 64x⁴. */
export function expand(e: Expr, options: SimplifyOptions = {}): Expr {
  return simplifyReport(e, { ...options, expand: true }).expr;
}

/**
 * Multiplies out and collects, and reports what stopped it: a product that
 * would multiply out to more than `maxTerms` terms ((x + 1)^1000000000), or a
 * run past its step budget, returns the input unexpanded with a note, at once.
 */
export function expandReport(e: Expr, options: SimplifyOptions = {}): Simplified {
  try {
    return simplifyReport(e, { ...options, expand: true });
  } catch (err) {
    if (!(err instanceof TermLimit)) throw err;
    return { expr: e, assumptions: [], rules: {}, notes: [`not expanded: ${err.message.replace(/^expand: /, '')}`] };
  }
}
