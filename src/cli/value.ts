// Values shown to a person come from the expression as read, or from the
// derivative as derived (the chain rule applied, nothing rewritten). The
// simplified form is for reading; its value is computed too and compared,
// and a difference is reported, never hidden: a simplifier bug then shows
// as a warning next to the right number instead of as a wrong number.

import { DiffError } from '../expr/errors.ts';
import { evaluateAll, type EvalOptions, type Point } from '../expr/eval.ts';
import type { Expr } from '../expr/expr.ts';

/** The derivative as derived is not built past this many DAG nodes (its evaluation is linear in them); see ./raw.ts. */
export const MAX_RAW_DAG = 200_000;

/** A value, or why there is none (a domain error, an unbound variable). */
export type Outcome = { readonly value: number } | { readonly error: string };

/** The value of e at the point, and the largest magnitude met on the way (the scale of its rounding error). */
function evaluateWithScale(e: Expr, point: Point, options: EvalOptions): { outcome: Outcome; scale: number } {
  try {
    const all = evaluateAll([e], point, options);
    let scale = 0;
    for (const v of all.values()) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
    return { outcome: { value: all.get(e)! }, scale };
  } catch (err) {
    if (err instanceof DiffError) return { outcome: { error: err.message }, scale: 0 };
    throw err;
  }
}

export interface CheckedValue {
  /** From the expression as read (or the derivative as derived). */
  readonly outcome: Outcome;
  /** Set when the shown (simplified) form's value differs: what that form gives. */
  readonly shownDiffers?: Outcome;
  /** Set when the value could only come from the shown form (the derivative as derived was too large to build). */
  readonly unchecked?: string;
}

/** Relative agreement for two evaluations of equal expressions, allowing rounding in the larger intermediate values. */
export function sameValue(a: number, b: number, scale: number): boolean {
  if (Object.is(a, b) || a === b) return true;
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) + 1e-12 * scale;
}

/**
 * The value to show for `shown` at the point, taken from `source` (what the
 * user wrote, or the raw derivative). `source` undefined: it was too large
 * to build, and the value comes from `shown` with a note saying so.
 * `options.strict: false` evaluates with IEEE semantics (1/0 = ∞).
 */
export function checkedValue(source: Expr | undefined, shown: Expr, point: Point, options: EvalOptions = {}): CheckedValue {
  if (source === undefined) {
    return { outcome: evaluateWithScale(shown, point, options).outcome, unchecked: `value from the simplified form: the derivative as derived exceeds ${MAX_RAW_DAG} nodes, so it was not checked against it` };
  }
  const s = evaluateWithScale(source, point, options);
  if (source === shown) return { outcome: s.outcome };
  const t = evaluateWithScale(shown, point, options);
  const agree =
    'value' in s.outcome && 'value' in t.outcome
      ? sameValue(s.outcome.value, t.outcome.value, Math.max(s.scale, t.scale))
      : 'error' in s.outcome && 'error' in t.outcome;
  return agree ? { outcome: s.outcome } : { outcome: s.outcome, shownDiffers: t.outcome };
}

/** The warning line for a value whose simplified form disagrees (no prefix, no indentation). */
export function mismatchText(c: CheckedValue, format: (v: number) => string, what = 'the expression as read'): string | undefined {
  const d = c.shownDiffers;
  if (d === undefined) return undefined;
  const o = c.outcome;
  if ('error' in o && 'value' in d) {
    return `warning: ${what} has no value here (${o.error}); the simplified form gives ${format(d.value)}, which holds only where the two are equal`;
  }
  const shown = 'value' in d ? `gives ${format(d.value)}` : `has no value (${d.error})`;
  const source = 'value' in o ? format(o.value) : `undefined (${o.error})`;
  return `WARNING: the simplified form ${shown} here, but ${what} gives ${source}: the simplified form is wrong at this point, and the value shown is from ${what}`;
}
