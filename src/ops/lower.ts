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

/** ln(1 + t) for t ≥ 0 without losing small t (Goldberg): with u = 1 + t rounded, ln u · t/(u − 1), and t where u = 1. */
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
