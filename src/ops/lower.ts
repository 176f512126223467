// Shared pieces of the ops' export lowerings (OpDef.export): how a registry
// op is written in PyTorch and built in ONNX. ONNX has no expm1 or log1p,
// and ONNX Runtime's CPU provider has no double kernel for several unary
// functions; the helpers below build double-precision forms from the ops it
// does run in double (Exp, Log, Sin, Cos, Div, Where…).

import type { OnnxBuilder, OpExport } from './types.ts';

/** An op that is one torch function and one ONNX node of its arguments. */
export function direct(torchFn: string, onnxOp: string): OpExport {
  return { torch: (x) => `${torchFn}(${x.join(', ')})`, onnx: (g, x) => g.node(onnxOp, x) };
}

/**
 * eˣ − 1 without cancellation near 0 (Kahan): with u = eˣ rounded,
 * expm1 x = (u − 1)·x / ln u, and x itself where u = 1; −1 where u = 0 and ∞ where u = ∞.
 */
export function onnxExpm1(g: OnnxBuilder, x: string): string {
  const u = g.node('Exp', [x]);
  const one = g.num(1);
  let r = g.node('Div', [g.node('Mul', [g.node('Sub', [u, one]), x]), g.node('Log', [u])]);
  r = g.node('Where', [g.node('Equal', [u, one]), x, r]);
  r = g.node('Where', [g.node('Equal', [u, g.num(0)]), g.num(-1), r]);
  return g.node('Where', [g.node('IsInf', [u]), u, r]);
}

/** ln(1 + t) for t > −1 without losing small t (Goldberg): with u = 1 + t rounded, ln u · t/(u − 1), and t where u = 1. */
export function onnxLog1p(g: OnnxBuilder, t: string): string {
  const one = g.num(1);
  const u = g.node('Add', [one, t]);
  const r = g.node('Div', [g.node('Mul', [g.node('Log', [u]), t]), g.node('Sub', [u, one])]);
  return g.node('Where', [g.node('Equal', [u, one]), t, r]);
}

/** softplus x = max(x, 0) + ln(1 + e^(−|x|)), the registry's stable form. */
export function onnxSoftplus(g: OnnxBuilder, x: string): string {
  const e = g.node('Exp', [g.node('Neg', [g.node('Abs', [x])])]);
  return g.node('Add', [g.node('Max', [x, g.num(0)]), onnxLog1p(g, e)]);
}

/**
 * An inverse function in double: a float32 first guess y₀ (ONNX Runtime has
 * only float kernels for Asin, Acos, Atan), then two Newton steps on the
 * double equation, each squaring the relative error (1e-7 → 1e-14 → below
 * rounding).
 */
export function onnxNewton(g: OnnxBuilder, floatOp: string, x: string, step: (y: string) => string): string {
  let y = g.floatSeed(floatOp, [x]);
  for (let i = 0; i < 2; i++) y = step(y);
  return y;
}

/** H(x): 1 for x > 0, 0 for x ≤ 0, NaN for NaN. */
export function onnxHeaviside(g: OnnxBuilder, x: string): string {
  const h = g.node('Cast', [g.node('Greater', [x, g.num(0)])], { to: { int: 11 } });
  return g.node('Where', [g.node('IsNaN', [x]), x, h]);
}

/** Where(x > 0, x, neg) */
export function onnxPositiveElse(g: OnnxBuilder, x: string, neg: string): string {
  return g.node('Where', [g.node('Greater', [x, g.num(0)]), x, neg]);
}

/**
 * σ(x) as the registry computes it: 1/(1 + e^(−x)) for x ≥ 0, eˣ/(1 + eˣ)
 * below. (Not ONNX's Sigmoid node: ONNX Runtime fuses x·Sigmoid(x) into a
 * float-only kernel and then refuses double inputs.)
 */
export function onnxSigmoid(g: OnnxBuilder, x: string): string {
  const one = g.num(1);
  const pos = g.node('Div', [one, g.node('Add', [one, g.node('Exp', [g.node('Neg', [x])])])]);
  const t = g.node('Exp', [x]);
  const neg = g.node('Div', [t, g.node('Add', [one, t])]);
  return g.node('Where', [g.node('Less', [x, g.num(0)]), neg, pos]);
}

// π/2 in three pieces of 33 bits (fdlibm's pio2_1, pio2_2, pio2_3): k·pieceᵢ
// is exact for |k| < 2²⁰, so x − k·π/2 keeps its relative accuracy near the
// zeros of sin and cos for |x| up to about 1.6e6.
const PIO2_1 = 1.5707963267341256;
const PIO2_2 = 6.077100506303966e-11;
const PIO2_3 = 2.0222662487111665e-21;

/**
 * sin x and cos x in double, accurate relative to the result near their
 * zeros too. ONNX Runtime's double Sin and Cos are accurate on [−π/4, π/4]
 * but lose relative accuracy near kπ/2 (cos(π/2 + 6e-7) was 1e-10 off), so
 * the argument is reduced first (Cody–Waite): k = round(x·2/π),
 * r = x − k·π/2 ∈ [−π/4, π/4], and by k mod 4 the result is ±sin r or ±cos r.
 */
export function onnxSinCos(g: OnnxBuilder, x: string): [sin: string, cos: string] {
  const k = g.node('Round', [g.node('Mul', [x, g.num(2 / Math.PI)])]);
  let r = g.node('Sub', [x, g.node('Mul', [k, g.num(PIO2_1)])]);
  r = g.node('Sub', [r, g.node('Mul', [k, g.num(PIO2_2)])]);
  r = g.node('Sub', [r, g.node('Mul', [k, g.num(PIO2_3)])]);
  // q = k mod 4 ∈ {0, 1, 2, 3}
  const q = g.node('Sub', [k, g.node('Mul', [g.num(4), g.node('Floor', [g.node('Mul', [k, g.num(0.25)])])])]);
  const s = g.node('Sin', [r]);
  const c = g.node('Cos', [r]);
  const ns = g.node('Neg', [s]);
  const nc = g.node('Neg', [c]);
  const is = (v: number): string => g.node('Equal', [q, g.num(v)]);
  const [q0, q1, q2] = [is(0), is(1), is(2)];
  const pick = (a: string, b: string, c2: string, d: string): string => g.node('Where', [q0, a, g.node('Where', [q1, b, g.node('Where', [q2, c2, d])])]);
  return [pick(s, c, ns, nc), pick(c, ns, nc, s)];
}

// erf and erfc in double. ONNX has no Erfc and ONNX Runtime has Erf only in
// float32, so they are built from double ops the way the registry computes
// them (math.ts): a power series below |x| = 2, the continued fraction of
// erfc above.

/** cₙ = (−1)ⁿ / (n! (2n + 1)): erf x = (2/√π) x Σ cₙ x²ⁿ; 37 terms reach 1e-19 at |x| = 2. */
const ERF_SERIES: readonly number[] = (() => {
  const c: number[] = [];
  let factorial = 1;
  for (let n = 0; n <= 36; n++) {
    if (n > 0) factorial *= n;
    c.push((n % 2 === 0 ? 1 : -1) / (factorial * (2 * n + 1)));
  }
  return c;
})();

/** erf x for |x| < 2 by the series, in Horner form in x². */
function onnxErfSeries(g: OnnxBuilder, x: string): string {
  const t = g.node('Mul', [x, x]);
  let p = g.num(ERF_SERIES[ERF_SERIES.length - 1]!);
  for (let n = ERF_SERIES.length - 2; n >= 0; n--) p = g.node('Add', [g.node('Mul', [p, t]), g.num(ERF_SERIES[n]!)]);
  return g.node('Mul', [g.num(2 / Math.sqrt(Math.PI)), g.node('Mul', [x, p])]);
}

/** e^(−a²) with a² split exactly (Dekker: a = hi + lo, hi² exact), so large a keeps its digits. */
function onnxExpNegSquare(g: OnnxBuilder, a: string): string {
  const c = g.node('Mul', [a, g.num(134217729)]);
  const hi = g.node('Sub', [c, g.node('Sub', [c, a])]);
  const lo = g.node('Sub', [a, hi]);
  const rest = g.node('Add', [g.node('Mul', [g.num(2), g.node('Mul', [hi, lo])]), g.node('Mul', [lo, lo])]);
  return g.node('Mul', [g.node('Exp', [g.node('Neg', [g.node('Mul', [hi, hi])])]), g.node('Exp', [g.node('Neg', [rest])])]);
}

/**
 * erfc a for 2 ≤ a ≤ 27: e^(−a²)/(√π K), K = a + (1/2)/(a + 1/(a + (3/2)/(a + …))),
 * 40 levels evaluated from the bottom up (converged to rounding from a = 2 on).
 */
function onnxErfcTail(g: OnnxBuilder, a: string): string {
  let t = a;
  for (let k = 40; k >= 1; k--) t = g.node('Add', [a, g.node('Div', [g.num(k / 2), t])]);
  return g.node('Div', [onnxExpNegSquare(g, a), g.node('Mul', [g.num(Math.sqrt(Math.PI)), t])]);
}

/** The series (|x| < 2) and the tail erfc(|x|) (|x| ≥ 2; 0 past 27, where it underflows). */
function onnxErfParts(g: OnnxBuilder, x: string): { small: string; tail: string; isSmall: string } {
  const ax = g.node('Abs', [x]);
  const isSmall = g.node('Less', [ax, g.num(2)]);
  // each branch gets an argument inside its range, so the other branch's values stay finite
  const small = onnxErfSeries(g, g.node('Max', [g.node('Min', [x, g.num(2)]), g.num(-2)]));
  const a = g.node('Max', [g.node('Min', [ax, g.num(27)]), g.num(2)]);
  const tail = g.node('Where', [g.node('Greater', [ax, g.num(27)]), g.num(0), onnxErfcTail(g, a)]);
  return { small, tail, isSmall };
}

/** erf x in double. */
export function onnxErf(g: OnnxBuilder, x: string): string {
  const { small, tail, isSmall } = onnxErfParts(g, x);
  const big = g.node('Mul', [g.node('Sign', [x]), g.node('Sub', [g.num(1), tail])]);
  return g.node('Where', [isSmall, small, big]);
}

/** erfc x in double: 1 − erf x below |x| = 2, the continued fraction above (2 − erfc|x| for x ≤ −2). */
export function onnxErfc(g: OnnxBuilder, x: string): string {
  const { small, tail, isSmall } = onnxErfParts(g, x);
  const big = g.node('Where', [g.node('Greater', [x, g.num(0)]), tail, g.node('Sub', [g.num(2), tail])]);
  return g.node('Where', [isSmall, g.node('Sub', [g.num(1), small]), big]);
}

/** arcsin x in double: float32 guess, Newton on sin y = x; asin(±1) = ±π/2 exactly. */
export function onnxAsin(g: OnnxBuilder, x: string): string {
  const y = onnxNewton(g, 'Asin', x, (y) => g.node('Sub', [y, g.node('Div', [g.node('Sub', [g.node('Sin', [y]), x]), g.node('Cos', [y])])]));
  return g.node('Where', [g.node('Equal', [g.node('Abs', [x]), g.num(1)]), g.node('Mul', [x, g.num(Math.PI / 2)]), y]);
}

/** arccos x in double: float32 guess, Newton on cos y = x; acos 1 = 0, acos −1 = π exactly. */
export function onnxAcos(g: OnnxBuilder, x: string): string {
  const y = onnxNewton(g, 'Acos', x, (y) => g.node('Add', [y, g.node('Div', [g.node('Sub', [g.node('Cos', [y]), x]), g.node('Sin', [y])])]));
  const end = g.node('Where', [g.node('Equal', [x, g.num(1)]), g.num(0), g.num(Math.PI)]);
  return g.node('Where', [g.node('Equal', [g.node('Abs', [x]), g.num(1)]), end, y]);
}

/**
 * arctan x in double: float32 guess, Newton on tan y = x, y − cos y (sin y − x cos y), for |x| ≤ 1; above,
 * sign x · π/2 − arctan(1/x), so that Newton never works near π/2, where ONNX Runtime's double Cos loses
 * relative accuracy (arctan 1e8 was 5e-6 off); atan ±∞ = ±π/2.
 */
export function onnxAtan(g: OnnxBuilder, x: string): string {
  const outside = g.node('Greater', [g.node('Abs', [x]), g.num(1)]);
  const z = g.node('Where', [outside, g.node('Div', [g.num(1), x]), x]);
  const y = onnxNewton(g, 'Atan', z, (y) => {
    const c = g.node('Cos', [y]);
    return g.node('Sub', [y, g.node('Mul', [c, g.node('Sub', [g.node('Sin', [y]), g.node('Mul', [z, c])])])]);
  });
  return g.node('Where', [outside, g.node('Sub', [g.node('Mul', [g.node('Sign', [x]), g.num(Math.PI / 2)]), y]), y]);
}

/** sinh x = (expm1 x − expm1(−x))/2: no cancellation near 0. */
export function onnxSinh(g: OnnxBuilder, x: string): string {
  return g.node('Mul', [g.num(0.5), g.node('Sub', [onnxExpm1(g, x), onnxExpm1(g, g.node('Neg', [x]))])]);
}

/** cosh x = (eˣ + e⁻ˣ)/2. */
export function onnxCosh(g: OnnxBuilder, x: string): string {
  return g.node('Mul', [g.num(0.5), g.node('Add', [g.node('Exp', [x]), g.node('Exp', [g.node('Neg', [x])])])]);
}

/** −1 where x is negative or −0, 1 otherwise (the sign bit: 1/(−0) = −∞). */
export function onnxSignBit(g: OnnxBuilder, x: string): string {
  return g.node('Where', [onnxNegative(g, x), g.num(-1), g.num(1)]);
}

/** x < 0 or x = −0 (1/(−0) = −∞). */
function onnxNegative(g: OnnxBuilder, x: string): string {
  return g.node('Or', [g.node('Less', [x, g.num(0)]), g.node('Less', [g.node('Div', [g.num(1), x]), g.num(0)])]);
}

/** Where(x < 0, a, b) */
function whereNeg(g: OnnxBuilder, x: string, a: string, b: string): string {
  return g.node('Where', [g.node('Less', [x, g.num(0)]), a, b]);
}

/**
 * arsinh x = sign x · ln(1 + a + a²/(1 + √(1 + a²))), a = |x| (fdlibm's
 * form, no cancellation near 0); ln 2a past a = 1e150, where a² would overflow.
 */
export function onnxAsinh(g: OnnxBuilder, x: string): string {
  const a = g.node('Abs', [x]);
  const s = g.node('Min', [a, g.num(1e150)]);
  const s2 = g.node('Mul', [s, s]);
  const t = g.node('Add', [s, g.node('Div', [s2, g.node('Add', [g.num(1), g.node('Sqrt', [g.node('Add', [g.num(1), s2])])])])]);
  const big = g.node('Add', [g.node('Log', [a]), g.num(Math.LN2)]);
  const r = g.node('Where', [g.node('Greater', [a, g.num(1e150)]), big, onnxLog1p(g, t)]);
  // sign x · r, keeping −0 and NaN
  return whereNeg(g, x, g.node('Neg', [r]), g.node('Where', [g.node('Equal', [x, g.num(0)]), x, r]));
}

/**
 * arcosh x = ln(1 + (x − 1) + √((x − 1)(x + 1))) for 1 ≤ x ≤ 1e150 (x − 1
 * is exact near 1), ln 2x above.
 */
export function onnxAcosh(g: OnnxBuilder, x: string): string {
  const s = g.node('Min', [x, g.num(1e150)]);
  const m = g.node('Sub', [s, g.num(1)]);
  const t = g.node('Add', [m, g.node('Sqrt', [g.node('Mul', [m, g.node('Add', [s, g.num(1)])])])]);
  const big = g.node('Add', [g.node('Log', [x]), g.num(Math.LN2)]);
  return g.node('Where', [g.node('Greater', [x, g.num(1e150)]), big, onnxLog1p(g, t)]);
}

/** artanh x = sign x · ½ ln(1 + 2a/(1 − a)), a = |x| (1 − a is exact where it matters). */
export function onnxAtanh(g: OnnxBuilder, x: string): string {
  const a = g.node('Abs', [x]);
  const r = g.node('Mul', [g.num(0.5), onnxLog1p(g, g.node('Div', [g.node('Mul', [g.num(2), a]), g.node('Sub', [g.num(1), a])]))]);
  return whereNeg(g, x, g.node('Neg', [r]), g.node('Where', [g.node('Equal', [x, g.num(0)]), x, r]));
}

/** trunc x (ONNX has no Trunc): ⌈x⌉ below 0, ⌊x⌋ otherwise (a zero result's sign is not kept). */
export function onnxTrunc(g: OnnxBuilder, x: string): string {
  return whereNeg(g, x, g.node('Ceil', [x]), g.node('Floor', [x]));
}

/**
 * atan2(y, x) in double: arctan(y/x), plus π (y ≥ +0) or −π (y ≤ −0) where
 * x is negative or −0; y = ±0 gives ±0 or ±π, both infinite ±π/4 or ±3π/4, as IEEE.
 */
export function onnxAtan2(g: OnnxBuilder, y: string, x: string): string {
  const xneg = onnxNegative(g, x);
  const yneg = onnxNegative(g, y);
  const pi = g.node('Where', [yneg, g.num(-Math.PI), g.num(Math.PI)]);
  let r = g.node('Add', [onnxAtan(g, g.node('Div', [y, x])), g.node('Where', [xneg, pi, g.num(0)])]);
  r = g.node('Where', [g.node('Equal', [y, g.num(0)]), g.node('Where', [xneg, g.num(Math.PI), g.num(0)]), r]);
  const corner = g.node('Where', [xneg, g.num((3 * Math.PI) / 4), g.num(Math.PI / 4)]);
  const bothInf = g.node('And', [g.node('IsInf', [x]), g.node('IsInf', [y])]);
  r = g.node('Where', [bothInf, corner, r]);
  // the result has the sign of y (ONNX Runtime's Where turns −0 into +0, so the sign goes on last)
  return g.node('Mul', [g.node('Abs', [r]), g.node('Where', [yneg, g.num(-1), g.num(1)])]);
}
