// The simplifier's rewrite rules, as data. Each rule states its math and how
// far it can be trusted:
//
//   identity   true wherever both sides are defined, e.g. ln(eᵘ) → u;
//   on-domain  true wherever the input is defined; the result may also be
//              defined where the input was not (x/x → 1 at x = 0). The
//              simplifier reports the condition (x ≠ 0) with the result;
//   guarded    true only under a condition (u > 0) that the simplifier must
//              prove from the expression before applying the rule.
//
// The canonical form itself (flattening, collecting like terms and powers,
// folding numbers, the identities for 0 and 1) is built by the constructors
// in canon.ts; its rewrites are listed in CORE_RULES so that every rewrite
// the simplifier performs is documented in one place and tested.

import { opDef, type OpName } from '../ops/index.ts';
import { constant, type Call, type Expr } from '../expr/expr.ts';
import * as Qn from './numbers.ts';
import { EXACT_VALUE_RULES } from './exact-values.ts';

export type Trust = 'identity' | 'on-domain' | 'guarded';

/** What a rule may build with: the canonical constructors. */
export interface RuleContext {
  add(terms: readonly Expr[]): Expr;
  mul(factors: readonly Expr[]): Expr;
  pow(base: Expr, exponent: Expr): Expr;
  call(op: OpName, args: readonly Expr[]): Expr;
  /** Records a condition under which an on-domain rule was applied. */
  assume(e: Expr, relation: '≠ 0' | '> 0'): void;
}

export interface RuleDoc {
  readonly name: string;
  /** The rewrite, in textbook notation. */
  readonly math: string;
  readonly trust: Trust;
  /** The condition, for on-domain and guarded rules. */
  readonly condition?: string;
}

/** A rule on function calls: returns the rewritten node, or undefined if it does not apply. */
export interface CallRule extends RuleDoc {
  /** The ops it looks at; '*' for any. */
  readonly ops: readonly OpName[] | '*';
  readonly apply: (node: Call, k: RuleContext) => Expr | undefined;
}

/** The rewrites performed by the canonical constructors (documentation; tested like the others). */
export const CORE_RULES: readonly RuleDoc[] = [
  { name: 'fold-numbers', math: '2 + 3 → 5, 2·(1/3) → 2/3 (exact rationals)', trust: 'identity' },
  { name: 'zero-one', math: 'u + 0 → u, 1·u → u, u¹ → u, u⁰ → 1, 1ᵘ → 1, 0ᵏ → 0 (k > 0)', trust: 'identity' },
  { name: 'zero-product', math: '0·u → 0', trust: 'on-domain', condition: 'u defined' },
  { name: 'sugar', math: 'a − b → a + (−1)·b, a/b → a·b⁻¹, −a → (−1)·a, √a → a^(1/2), e^u → exp(u)', trust: 'identity' },
  { name: 'flatten', math: '(a + b) + c → a + b + c, (ab)c → abc', trust: 'identity' },
  { name: 'collect-terms', math: '2x + 3x → 5x, u − u → 0', trust: 'on-domain', condition: 'u defined' },
  { name: 'collect-powers', math: 'x·x² → x³, xᵃxᵇ → x^(a+b), eᵃeᵇ → e^(a+b)', trust: 'on-domain', condition: 'x ≠ 0 when a negative power cancels' },
  { name: 'power-of-product', math: '(uv)ⁿ → uⁿvⁿ (n an integer)', trust: 'identity' },
  { name: 'power-of-power', math: '(uᵃ)ⁿ → u^(an) (n an integer); (eᵃ)ᵇ → e^(ab); (uᵃ)ᵇ → u^(ab) for u > 0 or a = p/(2q) (√(√x) = x^(1/4))', trust: 'identity' },
  { name: 'distribute-number', math: 'c·(a + b) → ca + cb (c a number)', trust: 'identity' },
  { name: 'exp-ln', math: 'e^(ln u) → u', trust: 'on-domain', condition: 'u > 0' },
  { name: 'zero-power', math: '0ᵘ → 0', trust: 'guarded', condition: 'u > 0 (proved from the expression)' },
];

/** Values that unary ops take exactly at 0 (sin 0 = 0, cos 0 = 1, σ(0) = ½ …). */
const EXACT_AT_ZERO: ReadonlySet<number> = new Set([0, 1, -1, 0.5, -0.5]);

/** Ops that are piecewise linear with integer breakpoints: exact on exact numbers. */
const PIECEWISE_LINEAR: readonly OpName[] = ['abs', 'sign', 'heaviside', 'relu', 'max', 'min', 'hardtanh'];

/** f(−u) = −f(u). */
const ODD: readonly OpName[] = ['sin', 'tan', 'csc', 'cot', 'sinh', 'tanh', 'asin', 'atan', 'erf', 'sign'];
/** f(−u) = f(u). */
const EVEN: readonly OpName[] = ['cos', 'sec', 'cosh', 'abs'];

/** The number a literal stands for, if it is one. */
const numberOf = (e: Expr): Qn.Q | undefined => Qn.asQ(e);

/** If e = c·u with a negative number c, returns −e (= |c|·u); else undefined. */
export function negatedIfNegative(e: Expr, k: RuleContext): Expr | undefined {
  if (e.kind === 'call' && e.op === 'mul') {
    const c = numberOf(e.args[0]!);
    if (c !== undefined && Qn.sign(c) < 0) return k.mul([Qn.toExpr(Qn.QM1), e]);
  }
  const c = numberOf(e);
  if (c !== undefined && Qn.sign(c) < 0) return Qn.toExpr(Qn.neg(c));
  return undefined;
}

const isCall = <O extends OpName>(e: Expr, op: O): e is Call & { readonly op: O } => e.kind === 'call' && e.op === op;

export const CALL_RULES: readonly CallRule[] = [
  {
    name: 'value-at-zero',
    math: 'f(0) → its exact value when it is 0, ±1 or ±½ (sin 0 = 0, cos 0 = 1, e⁰ = 1, σ(0) = ½)',
    trust: 'identity',
    ops: '*',
    apply: (n) => {
      if (n.args.length !== 1) return undefined;
      const a = numberOf(n.args[0]!);
      if (a === undefined || Qn.value(a) !== 0) return undefined;
      const v = opDef(n.op).eval([0]);
      return EXACT_AT_ZERO.has(v) ? Qn.toExpr(v === 0.5 ? Qn.QHALF : v === -0.5 ? Qn.neg(Qn.QHALF) : Qn.fromNumber(v)) : undefined;
    },
  },
  {
    name: 'piecewise-linear-at-numbers',
    math: '|−3| → 3, sign(−2) → −1, H(5) → 1, max(2, 3) → 3 …',
    trust: 'identity',
    ops: PIECEWISE_LINEAR,
    apply: (n) => {
      const qs = n.args.map(numberOf);
      // exact numbers that doubles hold exactly, so the double result is the exact one
      if (qs.some((q) => q === undefined || !Qn.isExact(q) || !(Math.abs(Qn.value(q)) < 2 ** 53))) return undefined;
      const v = opDef(n.op).eval(qs.map((q) => Qn.value(q!)));
      // The value is one of the arguments (up to sign) or an integer.
      for (const q of qs) {
        if (Qn.value(q!) === v) return Qn.toExpr(q!);
        if (Qn.value(q!) === -v) return Qn.toExpr(Qn.neg(q!));
      }
      return Number.isInteger(v) ? Qn.toExpr(Qn.fromNumber(v)) : undefined;
    },
  },
  {
    name: 'ln-constants',
    math: 'ln 1 → 0, ln e → 1',
    trust: 'identity',
    ops: ['ln'],
    apply: (n) => {
      const a = n.args[0]!;
      if (a === constant('e')) return Qn.toExpr(Qn.Q1);
      const q = numberOf(a);
      return q !== undefined && Qn.isOne(q) ? Qn.toExpr(Qn.Q0) : undefined;
    },
  },
  {
    name: 'ln-exp',
    math: 'ln(eᵘ) → u',
    trust: 'identity',
    ops: ['ln'],
    apply: (n) => (isCall(n.args[0]!, 'exp') ? n.args[0].args[0]! : undefined),
  },
  {
    name: 'ln-power',
    math: 'ln(uᵏ) → k ln u',
    trust: 'guarded',
    condition: 'u > 0 (proved from the expression)',
    ops: ['ln'],
    apply: (n, k) => {
      const a = n.args[0]!;
      if (!isCall(a, 'pow') || !isPositive(a.args[0]!)) return undefined;
      return k.mul([a.args[1]!, k.call('ln', [a.args[0]!])]);
    },
  },
  {
    name: 'odd-function',
    math: 'f(−u) → −f(u) for sin, tan, csc, cot, sinh, tanh, arcsin, arctan, erf, sign',
    trust: 'identity',
    ops: ODD,
    apply: (n, k) => {
      const m = negatedIfNegative(n.args[0]!, k);
      return m === undefined ? undefined : k.mul([Qn.toExpr(Qn.QM1), k.call(n.op, [m])]);
    },
  },
  {
    name: 'even-function',
    math: 'f(−u) → f(u) for cos, sec, cosh, |·|',
    trust: 'identity',
    ops: EVEN,
    apply: (n, k) => {
      const m = negatedIfNegative(n.args[0]!, k);
      return m === undefined ? undefined : k.call(n.op, [m]);
    },
  },
  {
    name: 'abs-nonnegative',
    math: '|u| → u',
    trust: 'guarded',
    condition: 'u ≥ 0 (proved from the expression)',
    ops: ['abs'],
    apply: (n) => (isNonNegative(n.args[0]!) ? n.args[0]! : undefined),
  },
  {
    name: 'sign-positive',
    math: 'sign u → 1, H(u) → 1',
    trust: 'guarded',
    condition: 'u > 0 (proved from the expression)',
    ops: ['sign', 'heaviside'],
    apply: (n) => (isPositive(n.args[0]!) ? Qn.toExpr(Qn.Q1) : undefined),
  },
  ...EXACT_VALUE_RULES,
];

/** Rules on sums, applied when a sum is built. */
export const SUM_RULES: readonly RuleDoc[] = [
  { name: 'pythagorean', math: 'c·sin²u·r + c·cos²u·r → c·r;  c·cosh²u·r − c·sinh²u·r → c·r', trust: 'identity' },
  {
    name: 'common-denominator',
    math: 'terms that share a sum in their denominators go over one denominator, when that is shorter: 1/(x² + 1) − 2x²/(x² + 1)² → (1 − x²)/(x² + 1)²',
    trust: 'identity',
  },
  {
    name: 'common-factor',
    math: 'F·a + F·b → F·(a + b) for a common factor F that is not a plain power of a variable (xˣ + xˣ ln x → xˣ(1 + ln x))',
    trust: 'identity',
  },
];

/** Rules on products, applied when a product is built. */
export const PRODUCT_RULES: readonly RuleDoc[] = [
  {
    name: 'cancel-quotient',
    math: 'take out each sum\'s numeric and monomial content, then cancel: (2x + 2)/(x + 1) → 2, (x² + x)/x → x + 1',
    trust: 'on-domain',
    condition: 'the cancelled factor ≠ 0',
  },
  {
    name: 'cancel-gcd',
    math: 'cancel the polynomial gcd of a numerator and a denominator in one variable: (x² − 1)/(x − 1) → x + 1, (x³ − 1)/(x² − 1) → (x² + x + 1)/(x + 1)',
    trust: 'on-domain',
    condition: 'the gcd ≠ 0 (x ≠ 1)',
  },
  { name: 'power-of-square', math: '(u²ᵏ)^(m/2k) → |u|ᵐ (√(u²) → |u|), |u|²ᵏ → u²ᵏ', trust: 'identity' },
];

/** Pairs f, g with c·f²u + s·c·g²u = c (sin² + cos² = 1, cosh² − sinh² = 1). */
export const PYTHAGOREAN: readonly { readonly a: OpName; readonly b: OpName; readonly sign: 1 | -1 }[] = [
  { a: 'sin', b: 'cos', sign: 1 },
  { a: 'cosh', b: 'sinh', sign: -1 },
];

/** Every rule, for documentation (`difflab` help, README) and tests. */
export const ALL_RULES: readonly RuleDoc[] = [...CORE_RULES, ...CALL_RULES, ...SUM_RULES, ...PRODUCT_RULES];

/** Rules indexed by op. */
export function callRulesFor(op: OpName): readonly CallRule[] {
  let r = byOp.get(op);
  if (r === undefined) {
    r = CALL_RULES.filter((x) => x.ops === '*' || x.ops.includes(op));
    byOp.set(op, r);
  }
  return r;
}
const byOp = new Map<OpName, readonly CallRule[]>();

// ---------------------------------------------------------------------------
// Sign facts a guarded rule can rely on. Proofs look a bounded depth into the
// expression (no recursion beyond it), so they are cheap and never overflow.

const PROOF_DEPTH = 6;

/** Ops whose value is always > 0. */
const POSITIVE_OPS: readonly OpName[] = ['exp', 'sigmoid', 'softplus', 'cosh'];
/** Ops whose value is always ≥ 0. */
const NONNEGATIVE_OPS: readonly OpName[] = ['abs', 'relu', 'sqrt', 'heaviside', 'hardsigmoid'];

/** True if e > 0 for every value of its variables where it is defined (sound, incomplete). */
export function isPositive(e: Expr, depth = 0): boolean {
  if (depth > PROOF_DEPTH) return false;
  const q = numberOf(e);
  if (q !== undefined) return Qn.value(q) > 0;
  if (e.kind === 'const') return e.value > 0;
  if (e.kind !== 'call') return false;
  if (POSITIVE_OPS.includes(e.op)) return true;
  if (e.op === 'mul') return e.args.every((a) => isPositive(a, depth + 1));
  if (e.op === 'add') {
    // every term ≥ 0 and one of them > 0
    let strict = false;
    for (const a of e.args) {
      if (isPositive(a, depth + 1)) strict = true;
      else if (!isNonNegative(a, depth + 1)) return false;
    }
    return strict;
  }
  if (e.op === 'pow') return isPositive(e.args[0]!, depth + 1);
  return false;
}

/** True if e ≥ 0 wherever it is defined (sound, incomplete). */
export function isNonNegative(e: Expr, depth = 0): boolean {
  if (depth > PROOF_DEPTH) return false;
  if (isPositive(e, depth)) return true;
  const q = numberOf(e);
  if (q !== undefined) return Qn.value(q) >= 0;
  if (e.kind !== 'call') return false;
  if (NONNEGATIVE_OPS.includes(e.op)) return true;
  if (e.op === 'mul' || e.op === 'add') return e.args.every((a) => isNonNegative(a, depth + 1));
  if (e.op === 'pow') {
    const k = numberOf(e.args[1]!);
    // u^(2j) ≥ 0; u^(p/q) with q even is only defined for u ≥ 0
    if (k !== undefined && Qn.isExact(k) && (k.q === 1n ? k.p % 2n === 0n : k.q % 2n === 0n)) return true;
    return isNonNegative(e.args[0]!, depth + 1);
  }
  return false;
}

/** True if e ≠ 0 wherever it is defined (sound, incomplete). */
export function isNonZero(e: Expr): boolean {
  if (isPositive(e)) return true;
  const q = numberOf(e);
  if (q !== undefined) return Qn.value(q) !== 0;
  if (e.kind === 'call' && e.op === 'mul') return e.args.every(isNonZero);
  if (e.kind === 'call' && e.op === 'pow') return isNonZero(e.args[0]!);
  return false;
}
