// What an op declares. One record per primitive holds everything every
// engine needs to know about it; engines never switch on op names.

import type { ConstName, Expr } from '../expr/expr.ts';

/** A fixed number of arguments, or a range (max may be Infinity). */
export type Arity = number | { readonly min: number; readonly max: number };

/**
 * Builders handed to symbolic rules. The registry does not import the
 * expression module at run time (imports flow ops → expr), so rules build
 * their results through this kit. The symbolic engine decides how much
 * simplification the kit performs.
 */
export interface SymbolicKit {
  num(v: number): Expr;
  add(a: Expr, b: Expr): Expr;
  sub(a: Expr, b: Expr): Expr;
  mul(a: Expr, b: Expr): Expr;
  div(a: Expr, b: Expr): Expr;
  pow(a: Expr, b: Expr): Expr;
  neg(a: Expr): Expr;
  constant(name: ConstName): Expr;
  /** Applies a registry op by name (checked at run time: the registry's own type depends on this interface). */
  call(op: string, ...args: Expr[]): Expr;
}

/** How printers render the op. */
export type Notation =
  /** A binary or n-ary infix operator; printers handle layout. */
  | { readonly type: 'infix'; readonly prec: number; readonly ascii: string; readonly unicode: string; readonly latex: string }
  /** Structural forms the printers lay out themselves (−x, xⁿ, |x|, √x, eˣ). */
  | { readonly type: 'special' }
  /** f(x, …); with `bare`, textbook form drops the parentheses around a single simple argument (`sin x`). */
  | { readonly type: 'function'; readonly unicode: string; readonly latex: string; readonly bare?: boolean };

export interface OpDef {
  /** Number of arguments. */
  readonly arity: Arity;
  /** Spellings the parser accepts besides the op's own name (`arcsin`, `σ`). */
  readonly aliases?: readonly string[];
  /** The math, for documentation and `:help`. */
  readonly doc: string;
  /** Numeric value. */
  readonly eval: (x: readonly number[]) => number;
  /**
   * Numeric local partials: writes ∂y/∂xᵢ into d[i], given the inputs x and
   * the output y = eval(x). Shared by the forward (ẏ = Σ dᵢ ẋᵢ) and reverse
   * (x̄ᵢ += dᵢ ȳ) engines. Kinks follow PyTorch/JAX conventions (see README).
   */
  readonly partials: (x: readonly number[], y: number, d: number[]) => void;
  /**
   * Symbolic partial ∂y/∂xᵢ as an expression. `y` is the call node itself, so
   * rules may reuse the output (exp′ = y, σ′ = y(1 − y)). Written separately
   * from `partials` on purpose: the cross-check is only meaningful if the two
   * can disagree.
   */
  readonly derivative: (x: readonly Expr[], y: Expr, i: number, k: SymbolicKit) => Expr;
  /** Name of the differentiation rule, for step-by-step derivations. */
  readonly rule: string;
  /**
   * The rule's name for each argument's partial, where they differ (pow: the
   * power rule for the base, the exponential rule for the exponent).
   */
  readonly argRules?: readonly string[];
  /** Returns a description of the domain problem, if x is outside the domain. */
  readonly domain?: (x: readonly number[]) => string | undefined;
  readonly notation: Notation;
  /**
   * Optional JavaScript for code generation: the op as an expression over its
   * operands, which arrive as identifiers or parenthesized literals. It must
   * compute exactly what `eval` computes. Without it, generated code calls
   * `eval`.
   */
  readonly js?: (x: readonly string[]) => string;
  /**
   * Optional lowering for the exporters (PyTorch source, ONNX graphs). An op
   * without it, or without the target's half, is refused by that exporter
   * with an error naming the op.
   */
  readonly export?: OpExport;
  /**
   * Optional, for ops that are linear on each side of 0 in their first
   * argument: y = above·x for x > 0 and below·x for x ≤ 0, with the slopes
   * given the other arguments (ReLU, leaky ReLU); ∂y/∂x is the slope of the
   * side, `below` at 0. Training kernels use it to apply the op to a whole
   * batch at once; a test holds it to `eval` and `partials`.
   */
  readonly linearPieces?: (params: readonly number[]) => { readonly below: number; readonly above: number };
}

/** An ONNX attribute value: an integer, a float, or a list of integers. */
export type OnnxAttr = { readonly int: number } | { readonly float: number } | { readonly ints: readonly number[] };

/** Builds ONNX nodes for a lowering; tensors are double unless a node says otherwise. */
export interface OnnxBuilder {
  /** Adds the node `opType(inputs)` and returns the name of its output. */
  node(opType: string, inputs: readonly string[], attrs?: Readonly<Record<string, OnnxAttr>>): string;
  /**
   * Adds the node computed in float32: the inputs are cast down and the
   * output back up, for ops that ONNX Runtime's CPU provider implements in
   * float only. The exporter records the op so the loss of precision is
   * reported.
   */
  floatNode(opType: string, inputs: readonly string[], attrs?: Readonly<Record<string, OnnxAttr>>): string;
  /**
   * Same as floatNode, for a first guess that the lowering refines to double
   * precision (Newton steps in double): not reported as a float op.
   */
  floatSeed(opType: string, inputs: readonly string[]): string;
  /** A double constant (a scalar, broadcast against tensors). */
  num(v: number): string;
}

/** How an op is written in the export targets. */
export interface OpExport {
  /**
   * PyTorch: the op as a Python expression over its operands (tensor names or
   * float literals; the first operand is a tensor). It must compute what
   * `eval` computes, and its autograd derivative must be the op's partials.
   */
  readonly torch?: (x: readonly string[]) => string;
  /** ONNX (opset 17): adds the nodes computing the op and returns the result's name. */
  readonly onnx?: (g: OnnxBuilder, x: readonly string[]) => string;
}
