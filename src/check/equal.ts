// Are two expressions equal? "Check my answer": first symbolically (the
// simplifier reduces a − b to 0, or to a nonzero constant), and where it
// cannot decide, numerically at deterministic quasi-random points.

import { compile } from '../compile/index.ts';
import { type Expr, sub } from '../expr/expr.ts';
import { compareNames, freeVariables } from '../expr/traverse.ts';
import { simplifyReport } from '../symbolic/index.ts';

export interface EqualityOptions {
  /** Points to try when the simplifier cannot decide (default 24). */
  readonly points?: number;
  /** Relative tolerance at a point: |a − b| ≤ rtol · max(1, |a|, |b|) (default 1e-9). */
  readonly rtol?: number;
  /** The points are drawn from (−range, range) in each variable (default 3). */
  readonly range?: number;
}

export interface EqualityReport {
  readonly equal: boolean;
  /** symbolic: the simplifier decided; numeric: compared at points; undecided: too few points where both are defined. */
  readonly method: 'symbolic' | 'numeric' | 'undecided';
  /** The simplified difference a − b. */
  readonly difference: Expr;
  /** Conditions the symbolic verdict relies on (x ≠ 0). */
  readonly assumptions: readonly string[];
  /** Numeric: the points where both sides were defined and compared. */
  readonly compared: number;
  /** Numeric: a point where they differ, with both values. */
  readonly counterexample?: { readonly at: Record<string, number>; readonly a: number; readonly b: number };
}

/** The k-th element of the van der Corput sequence in the given prime base, in (0, 1). */
function radicalInverse(k: number, base: number): number {
  let f = 1;
  let r = 0;
  for (let i = k; i > 0; i = Math.floor(i / base)) {
    f /= base;
    r += f * (i % base);
  }
  return r;
}

const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97];

/** Compares a and b: symbolically where the simplifier decides, else at Halton points. */
export function compareExprs(a: Expr, b: Expr, options: EqualityOptions = {}): EqualityReport {
  const r = simplifyReport(sub(a, b));
  const d = r.expr;
  const base = { difference: d, assumptions: r.assumptions, compared: 0 };
  if (d.kind === 'num') return { ...base, equal: d.value === 0, method: 'symbolic' };
  const vars = [...new Set([...freeVariables(a), ...freeVariables(b)])].sort(compareNames);
  if (vars.length === 0 && d.kind === 'const') return { ...base, equal: false, method: 'symbolic' };
  const fa = compile(a, { vars });
  const fb = compile(b, { vars });
  const want = options.points ?? 24;
  const rtol = options.rtol ?? 1e-9;
  const range = options.range ?? 3;
  const x = new Float64Array(vars.length);
  let compared = 0;
  // up to 8 draws per wanted point, so domains like x > 0 still get enough points
  for (let k = 1; k <= 8 * want && compared < want; k++) {
    for (let j = 0; j < vars.length; j++) x[j] = range * (2 * radicalInverse(k, PRIMES[j % PRIMES.length]!) - 1);
    const va = fa.fromArray(x);
    const vb = fb.fromArray(x);
    if (!Number.isFinite(va) || !Number.isFinite(vb)) continue;
    compared++;
    if (Math.abs(va - vb) > rtol * Math.max(1, Math.abs(va), Math.abs(vb))) {
      const at = Object.fromEntries(vars.map((v, j) => [v, x[j]!]));
      return { ...base, equal: false, method: 'numeric', compared, counterexample: { at, a: va, b: vb } };
    }
  }
  if (compared < Math.min(want, 4)) return { ...base, equal: false, method: 'undecided', compared };
  return { ...base, equal: true, method: 'numeric', compared };
}
