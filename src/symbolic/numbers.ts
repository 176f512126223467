// Numeric coefficients for the simplifier: exact rationals p/q with BigInt
// numerator and denominator, floats otherwise (a float operand makes the
// result a float, as in every CAS).
//
// Exactness is kept while p and q stay inside a double's range (below 2¹⁰²⁴),
// so every exact number still evaluates to a finite double and no single
// power can take unbounded time or memory; beyond it the result is a float.
//
// In expressions an integer up to 2⁵³ is a plain num node; a larger exact
// integer is a num node carrying its decimal digits (`bigInteger`; its value
// is the nearest double, round-to-nearest-even); an exact non-integer
// rational is the literal p/q, the node div(num p, num q).

import { bigInteger, call, num, type Expr } from '../expr/expr.ts';

/** p/q in lowest terms with q > 0n; or, with q = 0n, the float f. */
export interface Q {
  readonly p: bigint;
  readonly q: bigint;
  readonly f: number;
}

const exact = (p: bigint, q: bigint): Q => ({ p, q, f: NaN });
export const Q0: Q = exact(0n, 1n);
export const Q1: Q = exact(1n, 1n);
export const QM1: Q = exact(-1n, 1n);
export const QHALF: Q = exact(1n, 2n);
/** An exact integer. */
export const int = (n: number | bigint): Q => exact(BigInt(n), 1n);

/** Exact numbers stay below this in magnitude (numerator and denominator), so they evaluate to finite doubles. */
const LIMIT = 1n << 1024n;
const absB = (a: bigint): bigint => (a < 0n ? -a : a);

function gcdB(a: bigint, b: bigint): bigint {
  a = absB(a);
  b = absB(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const bits = (a: bigint): number => absB(a).toString(2).length;

/** p/q (q > 0) as a double: a 64-bit quotient by integer division, then scaled by its power of two. */
function toDouble(p: bigint, q: bigint): number {
  if (p === 0n) return 0;
  const neg = p < 0n;
  const a = neg ? -p : p;
  const s = 64 - (bits(a) - bits(q));
  const quotient = s >= 0 ? (a << BigInt(s)) / q : a / (q << BigInt(-s));
  let r = Number(quotient);
  let e = -s;
  while (e > 1000) {
    r *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    r *= 2 ** -1000;
    e += 1000;
  }
  r *= 2 ** e;
  return neg ? -r : r;
}

export const float = (v: number): Q => ({ p: 0n, q: 0n, f: Object.is(v, -0) ? 0 : v });

/**
 * Thrown when float arithmetic on finite non-zero numbers leaves the double
 * range (1e300·1e300 = ∞, (1e300)⁻² = 0): folding would change the value, so
 * the simplifier keeps its input instead (with a note).
 */
export class NumberRange extends Error {
  constructor() {
    super('folding its numbers would overflow or underflow a double');
  }
}

/**
 * Thrown when a product is 0 times a division by 0 (0/0, x(z − z)/(z − z)):
 * 0·u → 0 holds where u is defined, and 1/0 is defined nowhere, so there is
 * no value to fold to; the simplifier keeps its input instead (with a note).
 */
export class ZeroOverZero extends NumberRange {
  constructor() {
    super();
    this.message = 'it multiplies 0 by a division by 0 (0/0 has no value)';
  }
}

/** r, the float result of an operation on a and b, checked to stay in range. */
function inRange(r: number, ...xs: number[]): number {
  if (xs.every((x) => Number.isFinite(x) && x !== 0) && (r === 0 || !Number.isFinite(r))) throw new NumberRange();
  return r;
}
export const isExact = (a: Q): boolean => a.q !== 0n;

/** p/q reduced; a float if it does not fit in the exact range. */
export function rat(p: bigint, q: bigint): Q {
  if (q === 0n) return float(p === 0n ? NaN : p > 0n ? Infinity : -Infinity);
  if (q < 0n) {
    p = -p;
    q = -q;
  }
  const g = gcdB(p, q) || 1n;
  if (g !== 1n) {
    p /= g;
    q /= g;
  }
  if (absB(p) >= LIMIT || q >= LIMIT) return float(toDouble(p, q));
  return exact(p, q);
}

/** A double as a coefficient: safe integers are exact, everything else a float. */
export const fromNumber = (v: number): Q => (Number.isSafeInteger(v) ? int(v) : float(v));

export const value = (a: Q): number => (a.q === 0n ? a.f : a.q === 1n ? Number(a.p) : toDouble(a.p, a.q));
export const isZero = (a: Q): boolean => (a.q === 0n ? a.f === 0 : a.p === 0n);
export const isOne = (a: Q): boolean => a.q === 1n && a.p === 1n;
export const isInteger = (a: Q): boolean => a.q === 1n;
export const sign = (a: Q): number => (a.q === 0n ? Math.sign(a.f) : a.p > 0n ? 1 : a.p < 0n ? -1 : 0);
export const eq = (a: Q, b: Q): boolean => (a.q === 0n || b.q === 0n ? a.q === b.q && Object.is(a.f, b.f) : a.p === b.p && a.q === b.q);
/** An exact integer's parity (false for non-integers and floats). */
export const isEven = (a: Q): boolean => a.q === 1n && a.p % 2n === 0n;
/** The value of an exact integer that fits a safe integer, else undefined. */
export function smallInt(a: Q): number | undefined {
  if (a.q !== 1n) return undefined;
  const n = Number(a.p);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function add(a: Q, b: Q): Q {
  if (a.q === 0n || b.q === 0n) {
    const r = value(a) + value(b);
    if (!Number.isFinite(r) && Number.isFinite(value(a)) && Number.isFinite(value(b))) throw new NumberRange();
    return float(r);
  }
  if (a.q === 1n && b.q === 1n) return rat(a.p + b.p, 1n);
  return rat(a.p * b.q + b.p * a.q, a.q * b.q);
}
export function mul(a: Q, b: Q): Q {
  if (a.q === 0n || b.q === 0n) return float(inRange(value(a) * value(b), value(a), value(b)));
  return rat(a.p * b.p, a.q * b.q);
}
/** A finite double as an exact multiple of 2⁻¹⁰⁷⁴ (every double is one). */
function dyadic(v: number): bigint {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, v);
  const hi = dv.getUint32(0);
  const lo = dv.getUint32(4);
  const exp = (hi >>> 20) & 0x7ff;
  const mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  const m = exp === 0 ? mant : (mant | (1n << 52n)) << BigInt(exp - 1);
  return hi >>> 31 ? -m : m;
}

/**
 * exact + Σ floats, with the floats summed exactly and rounded once: the
 * result does not depend on the order of the terms (1e300 + 5e16 − 1e300 is
 * 5e16, not 0). A float if any float is involved.
 */
export function sumWithFloats(exactPart: Q, floats: readonly number[]): Q {
  if (floats.length === 0) return exactPart;
  if (!floats.every(Number.isFinite) || !isExact(exactPart)) return float(floats.reduce((a, b) => a + b, value(exactPart)));
  let n = 0n;
  for (const f of floats) n += dyadic(f);
  const den = 1n << 1074n;
  const r = toDouble(n * exactPart.q + exactPart.p * den, exactPart.q * den);
  if (!Number.isFinite(r)) throw new NumberRange();
  return float(r);
}

export const neg = (a: Q): Q => (a.q === 0n ? float(-a.f) : exact(-a.p, a.q));
export const sub = (a: Q, b: Q): Q => add(a, neg(b));
export function inv(a: Q): Q {
  if (a.q === 0n) return float(inRange(1 / a.f, a.f));
  if (a.p === 0n) return float(Infinity);
  return rat(a.q, a.p);
}
export const abs = (a: Q): Q => (sign(a) < 0 ? neg(a) : a);
/** Negative, zero or positive as a < b, a = b, a > b (exactly when both are exact). */
export function cmp(a: Q, b: Q): number {
  if (a.q === 0n || b.q === 0n) return value(a) - value(b);
  const d = a.p * b.q - b.p * a.q;
  return d > 0n ? 1 : d < 0n ? -1 : 0;
}

/** aⁿ for an integer n, exactly while the result stays in the exact range (checked before computing it). */
export function powInt(a: Q, n: number | bigint): Q {
  const k = BigInt(n);
  if (a.q === 0n) return float(inRange(Math.pow(a.f, Number(k)), a.f));
  if (k < 0n) return inv(powInt(a, -k));
  if (k === 0n) return Q1;
  if (a.q === 1n && absB(a.p) <= 1n) return a.p === 0n ? Q0 : a.p === 1n || k % 2n === 0n ? Q1 : QM1;
  // Too large for the exact range: known from the sizes alone, without computing it.
  // (callers keep an exact number's power symbolic when the result is not exact)
  if (BigInt(Math.max(bits(a.p), bits(a.q)) - 1) * k > 1024n) return float(Math.pow(value(a), Number(k)));
  return rat(a.p ** k, a.q ** k);
}

/** The exact k-th root of a non-negative integer, if it has one (Newton's method on integers). */
function intRoot(v: bigint, k: number): bigint | undefined {
  if (v < 0n) return undefined;
  if (v < 2n) return v;
  const K = BigInt(k);
  // Start above the root, then x ← ((k − 1)x + v/x^(k−1))/k decreases to ⌊v^(1/k)⌋.
  let x = 1n << BigInt(Math.ceil(bits(v) / k) + 1);
  for (;;) {
    const y = ((K - 1n) * x + v / x ** (K - 1n)) / K;
    if (y >= x) break;
    x = y;
  }
  return x ** K === v ? x : undefined;
}

/**
 * a^(m/k) exactly, if a is an exact rational with exact k-th roots
 * (4^(1/2) = 2, (8/27)^(2/3) = 4/9); undefined otherwise.
 */
export function powRational(a: Q, e: Q): Q | undefined {
  if (!isExact(a) || !isExact(e)) return undefined;
  if (e.q === 1n) return powInt(a, e.p);
  if (a.p < 0n || e.q > 64n) return undefined;
  const k = Number(e.q);
  const p = intRoot(a.p, k);
  const q = intRoot(a.q, k);
  if (p === undefined || q === undefined) return undefined;
  return powInt(rat(p, q), e.p);
}

/** The greatest common divisor of two exact rationals (positive), or 1 for floats. */
export function gcd(a: Q, b: Q): Q {
  if (!isExact(a) || !isExact(b)) return Q1;
  const p = gcdB(a.p, b.p);
  const q = (a.q / gcdB(a.q, b.q)) * b.q;
  return p === 0n ? Q1 : rat(p, q);
}

// ---------------------------------------------------------------------------
// Literals in expressions

/** An exact integer as a literal (a plain num up to 2⁵³, digits beyond). */
export const intExpr = (n: bigint): Expr => bigInteger(n);

/** The literal for a coefficient: num(n), or div(num p, num q) for an exact fraction. */
export function toExpr(a: Q): Expr {
  if (a.q === 0n) return num(a.f);
  if (a.q === 1n) return intExpr(a.p);
  return call('div', [intExpr(a.p), intExpr(a.q)]);
}

/** The exact integer a num node stands for, if it is one (safe integers and digit-carrying nodes). */
function intOf(e: Expr): bigint | undefined {
  if (e.kind !== 'num') return undefined;
  if (e.digits !== undefined) return BigInt(e.digits);
  return Number.isSafeInteger(e.value) ? BigInt(e.value) : undefined;
}

const literals = new WeakMap<Expr, Q | null>();

/** The value of a numeric literal (num, or an exact fraction p/q), else undefined. */
export function asQ(e: Expr): Q | undefined {
  if (e.kind !== 'num' && (e.kind !== 'call' || e.op !== 'div')) return undefined;
  let q = literals.get(e);
  if (q === undefined) {
    q = literalValue(e) ?? null;
    literals.set(e, q);
  }
  return q ?? undefined;
}

function literalValue(e: Expr): Q | undefined {
  if (e.kind === 'num') return e.digits !== undefined ? int(BigInt(e.digits)) : fromNumber(e.value);
  if (e.kind === 'call' && e.op === 'div') {
    const a = intOf(e.args[0]!);
    const b = intOf(e.args[1]!);
    if (a !== undefined && b !== undefined && b > 1n) {
      const r = rat(a, b);
      if (r.p === a && r.q === b) return r;
    }
  }
  return undefined;
}

export const isNumber = (e: Expr): boolean => asQ(e) !== undefined;
