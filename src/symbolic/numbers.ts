// Numeric coefficients for the simplifier: exact rationals p/q while the
// numerator and denominator are safe integers, floats otherwise (a float
// operand makes the result a float, as in every CAS).
//
// In expressions an exact non-integer rational is the literal p/q, the node
// div(num p, num q); integers and floats are num nodes.

import { call, num, type Expr } from '../expr/expr.ts';

/** p/q in lowest terms with q > 0, or (q = 0) the float p. */
export interface Q {
  readonly p: number;
  readonly q: number;
}

export const Q0: Q = { p: 0, q: 1 };
export const Q1: Q = { p: 1, q: 1 };
export const QM1: Q = { p: -1, q: 1 };
export const QHALF: Q = { p: 1, q: 2 };

const safe = (v: number): boolean => Number.isSafeInteger(v);

function gcdInt(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

export const float = (v: number): Q => ({ p: v, q: 0 });
export const isExact = (a: Q): boolean => a.q !== 0;

/** p/q reduced; a float if either part is not a safe integer. */
export function rat(p: number, q: number): Q {
  if (!safe(p) || !safe(q) || q === 0) return float(p / q);
  if (q < 0) {
    p = -p;
    q = -q;
  }
  const g = gcdInt(p, q) || 1;
  return { p: p / g, q: q / g };
}

/** A double as a coefficient: integers are exact, everything else a float. */
export const fromNumber = (v: number): Q => (safe(v) ? { p: v, q: 1 } : float(Object.is(v, -0) ? 0 : v));

export const value = (a: Q): number => (a.q === 0 ? a.p : a.p / a.q);
export const isZero = (a: Q): boolean => value(a) === 0;
export const isOne = (a: Q): boolean => a.q === 1 && a.p === 1;
export const isInteger = (a: Q): boolean => a.q === 1;
export const sign = (a: Q): number => Math.sign(value(a));
export const eq = (a: Q, b: Q): boolean => a.p === b.p && a.q === b.q;

export function add(a: Q, b: Q): Q {
  if (a.q === 0 || b.q === 0) return float(value(a) + value(b));
  return rat(a.p * b.q + b.p * a.q, a.q * b.q);
}
export function mul(a: Q, b: Q): Q {
  if (a.q === 0 || b.q === 0) return float(value(a) * value(b));
  return rat(a.p * b.p, a.q * b.q);
}
export const neg = (a: Q): Q => (a.q === 0 ? float(-a.p) : { p: -a.p, q: a.q });
export const sub = (a: Q, b: Q): Q => add(a, neg(b));
export function inv(a: Q): Q {
  if (a.q === 0) return float(1 / a.p);
  if (a.p === 0) return float(Infinity);
  return rat(a.q, a.p);
}
export const abs = (a: Q): Q => (sign(a) < 0 ? neg(a) : a);
export const cmp = (a: Q, b: Q): number => value(a) - value(b);

/** aⁿ for an integer n, exactly when the result stays safe. */
export function powInt(a: Q, n: number): Q {
  if (a.q === 0) return float(Math.pow(a.p, n));
  if (n < 0) return inv(powInt(a, -n));
  if (a.q === 1 && Math.abs(a.p) === 1) return { p: a.p === 1 || n % 2 === 0 ? 1 : -1, q: 1 };
  if (n > 64) return float(Math.pow(value(a), n));
  let r: Q = Q1;
  for (let i = 0; i < n; i++) {
    r = mul(r, a);
    if (r.q === 0) return float(Math.pow(value(a), n));
  }
  return r;
}

/** The exact k-th root of a non-negative integer, if it has one. */
function intRoot(v: number, k: number): number | undefined {
  if (v < 0) return undefined;
  const r = Math.round(Math.pow(v, 1 / k));
  for (const c of [r - 1, r, r + 1]) if (c >= 0 && Math.pow(c, k) === v) return c;
  return undefined;
}

/**
 * a^(m/k) exactly, if a is an exact rational with exact k-th roots
 * (4^(1/2) = 2, (8/27)^(2/3) = 4/9); undefined otherwise.
 */
export function powRational(a: Q, e: Q): Q | undefined {
  if (!isExact(a) || !isExact(e)) return undefined;
  if (e.q === 1) return powInt(a, e.p);
  if (a.p < 0 || e.q > 64) return undefined;
  const p = intRoot(a.p, e.q);
  const q = intRoot(a.q, e.q);
  if (p === undefined || q === undefined) return undefined;
  return powInt(rat(p, q), e.p);
}

/** The greatest common divisor of two exact rationals (positive), or 1 for floats. */
export function gcd(a: Q, b: Q): Q {
  if (!isExact(a) || !isExact(b)) return Q1;
  const p = gcdInt(a.p, b.p);
  const q = (a.q / gcdInt(a.q, b.q)) * b.q;
  return p === 0 ? Q1 : rat(p, q);
}

// ---------------------------------------------------------------------------
// Literals in expressions

/** The literal for a coefficient: num(n), or div(num p, num q) for an exact fraction. */
export function toExpr(a: Q): Expr {
  if (a.q === 0 || a.q === 1) return num(Object.is(a.p, -0) ? 0 : a.p);
  return call('div', [num(a.p), num(a.q)]);
}

/** The value of a numeric literal (num, or an exact fraction p/q), else undefined. */
export function asQ(e: Expr): Q | undefined {
  if (e.kind === 'num') return fromNumber(e.value);
  if (e.kind === 'call' && e.op === 'div') {
    const [a, b] = e.args as [Expr, Expr];
    if (a.kind === 'num' && b.kind === 'num' && safe(a.value) && safe(b.value) && b.value > 1) {
      const r = rat(a.value, b.value);
      if (r.p === a.value && r.q === b.value) return r;
    }
  }
  return undefined;
}

export const isNumber = (e: Expr): boolean => asQ(e) !== undefined;
