// Numerical differentiation: finite differences and Richardson extrapolation.
//
// Step rule. A difference quotient has two errors that pull the step h in
// opposite directions:
//   truncation  — central: f‴(x)h²/6,   forward: f″(x)h/2   (grows with h)
//   rounding    — ≈ ε|f(x)|/h                               (grows as h shrinks)
// where ε = 2⁻⁵² is the double-precision unit roundoff. Balancing them for a
// function whose value and derivatives are of order one gives
//   central:  h = ε^(1/3) · max(|x|, 1)  ≈ 6.1e-6 · max(|x|, 1)
//   forward:  h = ε^(1/2) · max(|x|, 1)  ≈ 1.5e-8 · max(|x|, 1)
// Scaling by max(|x|, 1) keeps h a relative step for large |x| (x + h must
// differ from x) and an absolute one near 0, so x = 0 works. The step is then
// rounded to a representable difference, h ← (x + h) − x, so the quotient
// divides by the step actually taken.
//
// Richardson extrapolation (Ridders' tableau, as in numdifftools and
// FiniteDifferences.jl) takes central differences at h₀, h₀/c, h₀/c², …
// and eliminates the h², h⁴, … error terms; the change between successive
// extrapolations is the error estimate, and the tableau stops when it grows.

import { DiffError } from '../expr/errors.ts';

const EPS = Number.EPSILON;

/** One-variable function. */
export type Fn1 = (x: number) => number;

export type Scheme = 'central' | 'forward';

export interface Estimate {
  /** The derivative estimate. */
  readonly derivative: number;
  /** The step used (the smallest, for Richardson). */
  readonly h: number;
  /** An estimate of the absolute error of `derivative`. */
  readonly errorEstimate: number;
  /** Number of evaluations of f. */
  readonly evaluations: number;
}

/** The documented step for a scheme at x (before rounding to a representable difference). */
export function stepSize(x: number, scheme: Scheme): number {
  const scale = Math.max(Math.abs(x), 1);
  return (scheme === 'central' ? Math.cbrt(EPS) : Math.sqrt(EPS)) * scale;
}

/** h rounded so that x + h and x − h are exactly x ± h in floating point. */
function representable(x: number, h: number): number {
  const r = x + h - x;
  return r > 0 ? r : h;
}

function checkPoint(x: number): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new DiffError(`the point must be a finite number, got ${String(x)}`);
}

function checkStep(h: number): void {
  if (!(h > 0) || !Number.isFinite(h)) throw new DiffError(`the step must be a positive finite number, got ${String(h)}`);
}

/**
 * Central difference (f(x + h) − f(x − h)) / 2h, error O(h²). With
 * `estimateError`, two more evaluations at 2h give the truncation error,
 * |D(h) − D(2h)|/3, plus the rounding error ε(|f(x+h)| + |f(x−h)|)/2h.
 */
export function centralDiff(f: Fn1, x: number, options: { h?: number; estimateError?: boolean } = {}): Estimate {
  checkPoint(x);
  const h0 = options.h ?? stepSize(x, 'central');
  checkStep(h0);
  const h = representable(x, h0);
  const fp = f(x + h);
  const fm = f(x - h);
  const d = (fp - fm) / (2 * h);
  const rounding = (EPS * (Math.abs(fp) + Math.abs(fm))) / (2 * h);
  if (!options.estimateError) return { derivative: d, h, errorEstimate: rounding, evaluations: 2 };
  const d2 = (f(x + 2 * h) - f(x - 2 * h)) / (4 * h);
  return { derivative: d, h, errorEstimate: Math.abs(d - d2) / 3 + rounding, evaluations: 4 };
}

/** Forward difference (f(x + h) − f(x)) / h, error O(h): for comparison. */
export function forwardDiff(f: Fn1, x: number, options: { h?: number; fx?: number; estimateError?: boolean } = {}): Estimate {
  checkPoint(x);
  const h0 = options.h ?? stepSize(x, 'forward');
  checkStep(h0);
  const h = representable(x, h0);
  const fx = options.fx ?? f(x);
  const fp = f(x + h);
  const d = (fp - fx) / h;
  const rounding = (EPS * (Math.abs(fp) + Math.abs(fx))) / h;
  const evals = options.fx === undefined ? 2 : 1;
  if (!options.estimateError) return { derivative: d, h, errorEstimate: rounding, evaluations: evals };
  const d2 = (f(x + 2 * h) - fx) / (2 * h);
  return { derivative: d, h, errorEstimate: Math.abs(d - d2) + rounding, evaluations: evals + 1 };
}

export interface RichardsonOptions {
  /** The first (largest) step; default 0.1 · max(|x|, 1), shrunk until f is finite at x ± h₀. */
  readonly h0?: number;
  /** Step contraction between rows (default 1.4, Ridders' choice). */
  readonly contraction?: number;
  /** Maximum number of rows of the tableau (default 12). */
  readonly maxSteps?: number;
}

/**
 * Richardson extrapolation of central differences (Ridders' method):
 * typically 12 to 14 correct digits on smooth functions, with an error
 * estimate from the tableau. When the tableau converges poorly (the first
 * step reached past a nearby pole or kink: csc x at x = 0.001 with h₀ = 0.1),
 * it starts again from a ten times smaller step, up to five times, and keeps
 * the result with the smallest error estimate. A second tableau from a
 * seven times smaller step checks the result; their difference bounds the
 * error estimate from below.
 */
export function richardson(f: Fn1, x: number, options: RichardsonOptions = {}): Estimate {
  checkPoint(x);
  const con = options.contraction ?? 1.4;
  const ntab = options.maxSteps ?? 12;
  if (!(con > 1)) throw new DiffError(`the contraction must be greater than 1, got ${con}`);
  if (!(Number.isInteger(ntab) && ntab >= 2)) throw new DiffError(`maxSteps must be a whole number ≥ 2, got ${ntab}`);
  const h0 = options.h0 ?? 0.1 * Math.max(Math.abs(x), 1);
  checkStep(h0);
  let best = ridders(f, x, h0, con, ntab);
  let evaluations = best.evaluations;
  let start = best.h0;
  for (let k = 1; k <= 5 && !(best.errorEstimate <= 1e-10 * Math.abs(best.derivative)); k++) {
    start /= 10;
    const r = ridders(f, x, start, con, ntab);
    start = r.h0;
    evaluations += r.evaluations;
    if (r.errorEstimate < best.errorEstimate || !Number.isFinite(best.derivative)) best = r;
  }
  // an independent second tableau from a smaller first step: where the two
  // disagree by more than the tableau's own estimate (near a singularity,
  // where higher derivatives explode), the disagreement is the estimate
  const check = ridders(f, x, best.h0 / 7, con, ntab);
  evaluations += check.evaluations;
  const spread = Math.abs(check.derivative - best.derivative);
  const errorEstimate = Number.isFinite(spread) ? Math.max(best.errorEstimate, spread) : best.errorEstimate;
  return { derivative: best.derivative, h: best.h, errorEstimate, evaluations };
}

/** One Ridders tableau from the first step h. */
function ridders(f: Fn1, x: number, h: number, con: number, ntab: number): Estimate & { h0: number } {
  let evaluations = 0;
  let fmax = 0;
  const cd = (step: number): number => {
    evaluations += 2;
    const fp = f(x + step);
    const fm = f(x - step);
    if (Number.isFinite(fp) && Number.isFinite(fm)) fmax = Math.max(fmax, Math.abs(fp), Math.abs(fm));
    return (fp - fm) / (2 * step);
  };
  // stay inside the domain: shrink the first step until both sides are finite
  let first = cd(h);
  for (let k = 0; !Number.isFinite(first) && k < 30; k++) {
    h /= 4;
    first = cd(h);
  }
  const h0 = h;
  const con2 = con * con;
  let prev: number[] = [first];
  let best = first;
  let err = Infinity;
  let hBest = h;
  for (let i = 1; i < ntab; i++) {
    h /= con;
    const row: number[] = [cd(h)];
    let fac = con2;
    for (let j = 1; j <= i; j++) {
      // eliminate the h^(2j) term: (c^(2j)·A(h) − A(c·h)) / (c^(2j) − 1)
      row[j] = (row[j - 1]! * fac - prev[j - 1]!) / (fac - 1);
      fac *= con2;
      const e = Math.max(Math.abs(row[j]! - row[j - 1]!), Math.abs(row[j]! - prev[j - 1]!));
      if (e <= err) {
        err = e;
        best = row[j]!;
        hBest = h;
      }
    }
    // higher order got worse by a safety factor: rounding has taken over
    if (Math.abs(row[i]! - prev[i - 1]!) >= 2 * err) break;
    prev = row;
  }
  // the error estimate: the last change of the tableau with a safety factor
  // of 2, plus the rounding error the tableau cannot see below its own noise
  // (a few ε·max|f|/h at the best step), and never less than a few units in
  // the last place of the result
  const rounding = (4 * EPS * fmax) / hBest;
  return { derivative: best, h: hBest, h0, errorEstimate: Math.max(2 * err + rounding, 4 * EPS * Math.abs(best)), evaluations };
}

/** How a partial derivative is estimated. */
export type Method = 'central' | 'forward' | 'richardson';

/** ∂f/∂xᵢ at x by the chosen method, perturbing a copy of x. */
export function partial(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  i: number,
  method: Method = 'central',
  fx?: number,
  estimateError = true,
): Estimate {
  if (!(Number.isInteger(i) && i >= 0 && i < x.length)) throw new DiffError(`no input ${i}: the point has ${x.length}`);
  const xs = Float64Array.from(x);
  const xi = xs[i]!;
  const g = (t: number): number => {
    xs[i] = t;
    const v = f(xs);
    xs[i] = xi;
    return v;
  };
  switch (method) {
    case 'central':
      return centralDiff(g, xi, { estimateError });
    case 'forward':
      return forwardDiff(g, xi, fx === undefined ? { estimateError } : { fx, estimateError });
    case 'richardson':
      return richardson(g, xi);
  }
}

export interface SweepRow {
  readonly h: number;
  /** |D(h) − exact| / max(|exact|, tiny): relative error, absolute where exact = 0. */
  readonly central: number;
  readonly forward: number;
}

/**
 * Error of central and forward differences against a known derivative, for
 * steps from 1 down to 1e-16 (two per decade): too large an h shows the
 * truncation error, too small an h the rounding error.
 */
export function sweep(f: Fn1, x: number, exact: number, hs?: readonly number[]): SweepRow[] {
  checkPoint(x);
  const steps = hs ?? Array.from({ length: 33 }, (_, k) => 10 ** (-k / 2));
  const fx = f(x);
  const denom = Math.abs(exact) > 0 ? Math.abs(exact) : 1;
  return steps.map((h) => {
    checkStep(h);
    const c = centralDiff(f, x, { h }).derivative;
    const fw = forwardDiff(f, x, { h, fx }).derivative;
    return { h, central: Math.abs(c - exact) / denom, forward: Math.abs(fw - exact) / denom };
  });
}
