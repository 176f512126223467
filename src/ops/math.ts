// Stable scalar numerics used by the op registry (and by nn/ for losses).
// Every function here is finite and correct for |z| up to the float range
// where the true value is representable.

/** σ(z) = 1 / (1 + e^(−z)), evaluated without overflow for either sign. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const t = Math.exp(z);
  return t / (1 + t);
}

/** softplus(z) = ln(1 + e^z) = max(z, 0) + ln(1 + e^(−|z|)). */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** ln σ(z) = −softplus(−z); finite for z = −1000 (≈ −1000). */
export function logSigmoid(z: number): number {
  return -softplus(-z);
}

/** ln Σ e^(xᵢ), shifted by the maximum so that nothing overflows. */
export function logSumExp(xs: readonly number[]): number {
  let m = -Infinity;
  for (const x of xs) if (x > m) m = x;
  if (m === -Infinity || !Number.isFinite(m)) return m; // all −∞, or +∞/NaN dominate
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}

/** softmax of xs, shifted by the maximum. */
export function softmax(xs: readonly number[]): number[] {
  let m = -Infinity;
  for (const x of xs) if (x > m) m = x;
  const e = xs.map((x) => Math.exp(x - m));
  let s = 0;
  for (const v of e) s += v;
  return e.map((v) => v / s);
}

const SQRT_PI = Math.sqrt(Math.PI);

/**
 * The error function, to about 1e-15 relative.
 * |x| < 2: Maclaurin series erf x = (2/√π) Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)).
 * |x| ≥ 2: erfc x = e^(−x²)/√π · K(x) with the continued fraction
 *          K = 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated by Lentz's method.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 2) {
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / SQRT_PI) * sum;
  }
  const r = 1 - erfcLarge(ax);
  return x < 0 ? -r : r;
}

/** erfc(x) = 1 − erf(x), accurate in the tail (no cancellation for large x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= ERFC_CF) return erfcLarge(x);
  if (x <= -2) return 2 - erfcLarge(-x);
  return 1 - erf(x); // erfc ≥ 0.15 here: no cancellation to speak of
}

/** Above this, erfc x comes from the continued fraction (1 − erf x would cancel). */
const ERFC_CF = 1;

function erfcLarge(x: number): number {
  if (x > 27.3) return 0; // below the smallest subnormal
  return (expNegSquare(x, 1) / SQRT_PI) * tailFraction(x, 0.5);
}

/**
 * The continued fraction 1/(x + s/(x + 2s/(x + 3s/(x + …)))) for x ≥ 2, by
 * Lentz's method: with s = ½, erfc x = e^(−x²)/√π times it; with s = 1, the
 * normal tail Φ(−x) = φ(x) times it (Mills' ratio).
 */
function tailFraction(x: number, s: number): number {
  if (x === Infinity) return 0;
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 2000; k++) {
    const a = k * s;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / f;
}

/**
 * e^(−c·x²) without the rounding error of x² (which e^(−x²) magnifies by
 * x²: 1e−13 relative at x = 30): x = h + l with h on a 2⁻¹⁶ grid, so h² is
 * exact for |x| < 1024, and e^(−c x²) = e^(−c h²) · e^(−c (2h + l) l).
 * c is 1 or ½ (exact scalings).
 */
export function expNegSquare(x: number, c: number): number {
  const ax = Math.abs(x);
  if (!(ax < 1024)) return Number.isNaN(x) ? NaN : 0;
  const h = Math.round(ax * 65536) / 65536;
  const l = ax - h;
  return Math.exp(-c * h * h) * Math.exp(-c * (2 * h + l) * l);
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Standard normal density φ(x) = e^(−x²/2)/√(2π). */
export const normalPdf = (x: number): number => expNegSquare(x, 0.5) * INV_SQRT_2PI;

/**
 * Standard normal distribution Φ(x) = ½ erfc(−x/√2). In the lower tail
 * (x ≤ −3) it is φ(x) times Mills' continued fraction in x itself, so the
 * rounding of x/√2 (magnified by x²) does not enter: Φ(−10) to 1e−16.
 */
export function normalCdf(x: number): number {
  if (x <= -3) return normalPdf(x) * tailFraction(-x, 1);
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** sign with sign(0) = 0 (and sign(NaN) = NaN). */
export const sign = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN);
/** Heaviside step with H(0) = 0, the convention that makes relu′(0) = 0. */
export const heaviside = (x: number): number => (x > 0 ? 1 : x <= 0 ? 0 : NaN);
