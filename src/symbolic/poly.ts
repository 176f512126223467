// Polynomials in one variable with exact rational coefficients, for
// cancelling common factors of quotients: gcd(x² − 1, x − 1) = x − 1.
// Dense coefficient lists, index = degree; degrees are bounded so the
// Euclidean algorithm's work is small and predictable.

import type { Expr } from '../expr/expr.ts';
import * as Qn from './numbers.ts';

/** Coefficients by degree, the last one non-zero (the zero polynomial is []). */
export type Poly = readonly Qn.Q[];

/** Largest degree handled. */
export const MAX_DEGREE = 64;

function trim(p: Qn.Q[]): Qn.Q[] {
  while (p.length > 0 && Qn.isZero(p[p.length - 1]!)) p.pop();
  return p;
}

export const degree = (p: Poly): number => p.length - 1;

/** p = q·d + r with deg r < deg d (d ≠ 0). */
export function divmod(p: Poly, d: Poly): [Qn.Q[], Qn.Q[]] {
  const r = [...p];
  const q: Qn.Q[] = Array.from({ length: Math.max(0, p.length - d.length + 1) }, () => Qn.Q0);
  const lead = d[d.length - 1]!;
  for (let i = r.length - d.length; i >= 0; i--) {
    const c = Qn.mul(r[i + d.length - 1]!, Qn.inv(lead));
    q[i] = c;
    if (Qn.isZero(c)) continue;
    for (let j = 0; j < d.length; j++) r[i + j] = Qn.sub(r[i + j]!, Qn.mul(c, d[j]!));
  }
  return [trim(q), trim(r.slice(0, Math.max(0, d.length - 1)))];
}

/** The monic greatest common divisor (Euclid over the rationals). */
export function gcd(a: Poly, b: Poly): Qn.Q[] {
  let x = [...a];
  let y = [...b];
  while (y.length > 0) {
    const [, r] = divmod(x, y);
    x = y;
    y = r;
  }
  if (x.length === 0) return x;
  const lead = Qn.inv(x[x.length - 1]!);
  return x.map((c) => Qn.mul(c, lead));
}

/**
 * A canonical sum or power as a polynomial in its only variable: the terms
 * must be exact rationals times non-negative integer powers of one variable.
 */
export function toPoly(e: Expr, termParts: (t: Expr) => [Qn.Q, Expr], baseExp: (f: Expr) => [Expr, Expr]): { v: Expr; p: Qn.Q[] } | undefined {
  const terms = e.kind === 'call' && e.op === 'add' ? e.args : [e];
  let v: Expr | undefined;
  const p: Qn.Q[] = [];
  for (const t of terms) {
    const [c, rest] = termParts(t);
    if (!Qn.isExact(c)) return undefined;
    let k = 0;
    if (Qn.asQ(rest) === undefined) {
      const [b, ex] = baseExp(rest);
      const kq = Qn.asQ(ex);
      if (b.kind !== 'var' || kq === undefined) return undefined;
      const n = Qn.smallInt(kq);
      if (n === undefined || n < 1 || n > MAX_DEGREE) return undefined;
      if (v !== undefined && v !== b) return undefined;
      v = b;
      k = n;
    }
    while (p.length <= k) p.push(Qn.Q0);
    p[k] = Qn.add(p[k]!, c);
  }
  return v === undefined ? undefined : { v, p: trim(p) };
}
