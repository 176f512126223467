// The canonical form the simplifier works in, like SymPy's Add/Mul/Pow:
//
//   sum      add(c?, t₁, …, tₖ): flat, like terms collected, the number c
//            first, the other terms in canonical order;
//   product  mul(c?, f₁, …, fₖ): flat, equal bases collected into one power,
//            the numeric coefficient c first, factors in canonical order;
//   power    pow(b, k) with k ≠ 0, 1 and b not a product (for integer k);
//   number   num(n), or the exact fraction div(num p, num q).
//
// Subtraction, division, negation and roots are sugar over these (a − b =
// a + (−1)·b, a/b = a·b⁻¹, √a = a^(1/2)); `present` turns them back into
// textbook form. Nodes are still hash-consed Exprs, so equal canonical forms
// are the same object and like terms are found by identity.
//
// Canonicalization is one bottom-up pass over the DAG, memoized per node. Runs
// of sums inside sums (and products inside products) that are not shared
// are gathered by their outermost node with an explicit stack, so a 10⁵-term
// chain is flattened once, in linear time, without recursion.

import { DiffError } from '../expr/errors.ts';
import { assertNever, call, constant, type Call, type Expr } from '../expr/expr.ts';
import type { OpName } from '../ops/index.ts';
import * as Qn from './numbers.ts';
import * as Poly from './poly.ts';
import { compareExpr } from './order.ts';
import { postOrder } from './walk.ts';
import { callRulesFor, isNonZero, isPositive, negatedIfNegative, PYTHAGOREAN, type RuleContext } from './rules.ts';

export interface CanonOptions {
  /** Pull common non-polynomial factors out of sums (off for `expand`). */
  readonly factor: boolean;
  /** Cancel common factors of simple quotients. */
  readonly cancel: boolean;
  /** Multiply out products of sums and positive integer powers of sums. */
  readonly expand: boolean;
  /** Work units (terms and factors handled) before giving up. */
  readonly budget: number;
  /** Largest number of terms `expand` may produce. */
  readonly maxTerms: number;
}

/** Work allowed per input node, on top of the fixed budget: linear in the input, never a hang. */
const WORK_PER_NODE = 40;

export const DEFAULT_CANON: CanonOptions = { factor: true, cancel: true, expand: false, budget: 3_000_000, maxTerms: 20_000 };

/** C(n, k), or any value above `cap` once it is known to exceed it. */
export function binomial(n: bigint, k: bigint, cap?: bigint): bigint {
  if (k < 0n || k > n) return 0n;
  if (k > n - k) k = n - k;
  let r = 1n;
  for (let i = 1n; i <= k; i++) {
    r = (r * (n - k + i)) / i;
    if (cap !== undefined && r > cap) return r;
  }
  return r;
}

/** Thrown when multiplying out would give more terms than allowed (an error from `expand`, a note from `expandReport`). */
export class TermLimit extends DiffError {}

/** Thrown (and caught by `simplify`) when the work budget runs out. */
export class BudgetExceeded extends Error {
  constructor(readonly work: number) {
    super(`simplification budget of ${work} steps exhausted`);
  }
}

/** A condition under which an on-domain rewrite holds. */
export interface Assumption {
  readonly expr: Expr;
  readonly relation: '≠ 0' | '> 0';
}

const ONE = Qn.toExpr(Qn.Q1);
const ZERO = Qn.toExpr(Qn.Q0);
/** Every negative power of 0 is written 0⁻¹ (it prints as 1/0), so that division by zero has one form. */
const ZERO_POLE = call('pow', [ZERO, Qn.toExpr(Qn.QM1)]);
/** True if 0ᵉ is a division by zero: e is a negative number, or −e is provably positive. */
function isPole(k: Canonicalizer, e: Expr): boolean {
  const q = Qn.asQ(e);
  if (q !== undefined) return Qn.sign(q) < 0;
  const m = negatedIfNegative(e, k);
  return m !== undefined && isPositive(m);
}
const isOp = <O extends OpName>(e: Expr, op: O): e is Call & { readonly op: O } => e.kind === 'call' && e.op === op;

/** The numeric coefficient and the rest of a canonical term: 3xy → (3, xy). */
export function splitCoefficient(t: Expr): [Qn.Q, Expr] {
  if (isOp(t, 'mul')) {
    const c = Qn.asQ(t.args[0]!);
    if (c !== undefined) return [c, t.args.length === 2 ? t.args[1]! : call('mul', t.args.slice(1))];
  }
  return [Qn.Q1, t];
}

/** A term of a canonical sum as (coefficient, rest); a number c is (c, 1). */
export function termParts(t: Expr): [Qn.Q, Expr] {
  const q = Qn.asQ(t);
  return q !== undefined ? [q, ONE] : splitCoefficient(t);
}

/** The factors of a canonical product (or the single factor). */
export const factorsOf = (t: Expr): readonly Expr[] => (isOp(t, 'mul') ? t.args : [t]);

/** Base and exponent of a canonical factor: x³ → (x, 3), sin x → (sin x, 1). */
export function baseExp(f: Expr): [Expr, Expr] {
  return isOp(f, 'pow') ? [f.args[0]!, f.args[1]!] : [f, ONE];
}

/**
 * The core of the canonical form, and the sugar over it (identities): how
 * each structural op is built. Every other op is a function call, rewritten
 * only by the rules of rules.ts.
 */
const CORE: Partial<Record<OpName, (k: Canonicalizer, a: readonly Expr[]) => Expr>> = {
  add: (k, a) => k.add(a),
  sub: (k, [a, b]) => k.add([a!, k.mulQ(Qn.QM1, b!)]), // a − b = a + (−1)·b
  mul: (k, a) => k.mul(a),
  div: (k, [a, b]) => k.mul([a!, k.pow(b!, Qn.toExpr(Qn.QM1))]), // a/b = a·b⁻¹
  neg: (k, [u]) => k.mulQ(Qn.QM1, u!), // −u = (−1)·u
  pow: (k, [b, e]) => k.pow(b!, e!),
  sqrt: (k, [u]) => k.pow(u!, Qn.toExpr(Qn.QHALF)), // √u = u^(1/2)
  exp: (k, [u]) => k.exp(u!),
};

/** "Family" of a raw node for flattening: sums gather sums, products gather products. */
function family(e: Expr): 'sum' | 'prod' | undefined {
  if (e.kind !== 'call') return undefined;
  if (e.op === 'add' || e.op === 'sub') return 'sum';
  if (e.op === 'mul' || e.op === 'div') return 'prod';
  return undefined;
}

export class Canonicalizer implements RuleContext {
  private readonly memo = new Map<Expr, Expr>();
  private readonly assumed = new Map<string, Assumption>();
  /** How often each named rule fired. */
  readonly applied = new Map<string, number>();
  private work = 0;
  /** The budget grows with the input: a fixed allowance plus a multiple of every DAG node handed in. */
  private limit: number;
  /** Set during the final pass, when sums may be factored and put over common denominators. */
  private refining = false;
  private readonly refined = new Map<Expr, Expr>();

  constructor(readonly opts: CanonOptions = DEFAULT_CANON) {
    this.limit = opts.budget;
  }

  private frozen = false;

  /** Work units spent so far. */
  get spent(): number {
    return this.work;
  }

  /**
   * Stops the budget from growing with later inputs: a derivative of high
   * order is built from the simplifier's own output, so its allowance is set
   * by the user's expression (and the first derivative), not by the swell.
   */
  freezeBudget(): void {
    this.frozen = true;
  }

  /** Whether sums being built now may be factored (the final pass of a run). */
  get factoring(): boolean {
    return this.refining;
  }

  /** Conditions recorded by on-domain rewrites. */
  get assumptions(): readonly Assumption[] {
    return [...this.assumed.values()];
  }

  fired(rule: string): void {
    this.applied.set(rule, (this.applied.get(rule) ?? 0) + 1);
  }

  assume(e: Expr, relation: '≠ 0' | '> 0'): void {
    if (relation === '≠ 0' ? isNonZero(e) : isPositive(e)) return;
    this.assumed.set(`${e.id}${relation}`, { expr: e, relation });
  }

  /** A point to roll recorded assumptions back to, when a tentative rewrite is abandoned. */
  mark(): number {
    return this.assumed.size;
  }

  rollback(mark: number): void {
    let i = 0;
    for (const key of [...this.assumed.keys()]) if (i++ >= mark) this.assumed.delete(key);
  }

  private tick(n = 1): void {
    this.work += n;
    if (this.work > this.limit) throw new BudgetExceeded(this.limit);
  }

  /**
   * The canonical form of e: first fully collected (like SymPy's automatic
   * evaluation), then, if `factor` is on, refined bottom-up by the rules that
   * regroup whole sums (common factors, common denominators), so that their
   * result does not depend on the order in which subexpressions were built.
   */
  run(root: Expr): Expr {
    return this.finish(this.collect(root));
  }

  /** The final pass of `run` on an already collected expression. */
  finish(collected: Expr): Expr {
    return this.opts.factor ? this.refine(collected) : collected;
  }

  private refine(root: Expr): Expr {
    const hit = this.refined.get(root);
    if (hit !== undefined) return hit;
    const order = postOrder(root, (n) => this.refined.has(n));
    this.tick(order.length);
    this.refining = true;
    try {
      for (const n of order) {
        let r: Expr = n;
        if (n.kind === 'call' && Qn.asQ(n) === undefined) {
          const a = n.args.map((x) => this.refined.get(x)!);
          r = this.call(n.op, a);
        }
        this.refined.set(n, r);
        if (!this.refined.has(r)) this.refined.set(r, r);
      }
    } finally {
      this.refining = false;
    }
    return this.refined.get(root)!;
  }

  /** The first pass of `run`: flattened and collected, with no regrouping of sums. */
  collect(root: Expr): Expr {
    const hit = this.memo.get(root);
    if (hit !== undefined) return hit;
    // Only the part of the DAG not canonicalized before, children first.
    const order = postOrder(root, (n) => this.memo.has(n));
    if (!this.frozen) this.limit += WORK_PER_NODE * order.length;
    this.tick(order.length);
    // A node is built on its own unless it has a single parent that flattens
    // through it; shared nodes are built once (gathering through them would
    // walk the tree instead of the DAG).
    const own = new Set<Expr>([root]);
    const parents = new Map<Expr, number>();
    for (const n of order) {
      if (n.kind !== 'call') continue;
      const f = family(n);
      for (const c of n.args) {
        const k = (parents.get(c) ?? 0) + 1;
        parents.set(c, k);
        if (f === undefined || family(c) !== f || k > 1) own.add(c);
      }
    }
    for (const n of order) {
      if (!own.has(n) || this.memo.has(n)) continue;
      const c = this.node(n);
      this.memo.set(n, c);
      if (!this.memo.has(c)) this.memo.set(c, c);
    }
    return this.memo.get(root)!;
  }

  private canonOf(e: Expr): Expr {
    const c = this.memo.get(e);
    if (c === undefined) throw new Error('canonical form of a child missing');
    return c;
  }

  private node(n: Expr): Expr {
    switch (n.kind) {
      case 'num':
        // an exact integer beyond 2⁵³ keeps its digits (asQ reads them), not the nearest double
        return Qn.toExpr(Qn.asQ(n)!);
      case 'var':
      case 'const':
        return n;
      case 'call':
        return this.callNode(n);
      default:
        return assertNever(n);
    }
  }

  /** Runs of sums and products are gathered whole; anything else is rebuilt from its canonical arguments. */
  private callNode(n: Call): Expr {
    const f = family(n);
    if (f === 'sum') return this.gatherSum(n);
    if (f === 'prod') return Qn.asQ(n) !== undefined ? n : this.gatherProduct(n);
    return this.call(n.op, n.args.map((x) => this.canonOf(x)));
  }

  private gatherSum(n: Call): Expr {
    const acc = new SumAcc(this);
    const stack: [Expr, Qn.Q][] = [[n, Qn.Q1]];
    while (stack.length > 0) {
      const [e, c] = stack.pop()!;
      const known = e === n ? undefined : this.memo.get(e);
      if (known !== undefined) acc.addTerm(known, c);
      else if (isOp(e, 'add')) for (const a of e.args) stack.push([a, c]);
      else if (isOp(e, 'sub')) stack.push([e.args[0]!, c], [e.args[1]!, Qn.neg(c)]);
      else acc.addTerm(this.canonOf(e), c);
    }
    return acc.finish();
  }

  private gatherProduct(n: Call): Expr {
    const acc = new MulAcc(this);
    const stack: [Expr, Qn.Q][] = [[n, Qn.Q1]];
    while (stack.length > 0) {
      const [e, k] = stack.pop()!;
      const known = e === n ? undefined : this.memo.get(e);
      if (known !== undefined) acc.addFactor(known, k);
      else if (isOp(e, 'mul')) for (const a of e.args) stack.push([a, k]);
      else if (isOp(e, 'div')) stack.push([e.args[0]!, k], [e.args[1]!, Qn.neg(k)]);
      else acc.addFactor(this.canonOf(e), k);
    }
    return acc.finish();
  }

  // -------------------------------------------------------------------------
  // Canonical constructors (arguments must be canonical)

  add(terms: readonly Expr[]): Expr {
    const acc = new SumAcc(this);
    for (const t of terms) acc.addTerm(t, Qn.Q1);
    return acc.finish();
  }

  mul(factors: readonly Expr[]): Expr {
    const acc = new MulAcc(this);
    for (const f of factors) acc.addFactor(f, Qn.Q1);
    return acc.finish();
  }

  /** c·u */
  mulQ(c: Qn.Q, u: Expr): Expr {
    const acc = new MulAcc(this);
    acc.addFactor(Qn.toExpr(c), Qn.Q1);
    acc.addFactor(u, Qn.Q1);
    return acc.finish();
  }

  pow(b: Expr, k: Expr): Expr {
    this.tick();
    const kq = Qn.asQ(k);
    const bq = Qn.asQ(b);
    if (kq !== undefined && Qn.isZero(kq)) return ONE; // u⁰ = 1
    if (kq !== undefined && Qn.isOne(kq)) return b; // u¹ = u
    if (bq !== undefined && Qn.isOne(bq)) return ONE; // 1ᵘ = 1
    if (bq !== undefined && kq !== undefined) {
      if (Qn.isZero(bq)) return Qn.sign(kq) > 0 ? ZERO : ZERO_POLE; // 0ᵏ = 0 for k > 0; a pole stays, as 1/0
      const exact = Qn.powRational(bq, kq);
      // Exact numbers give an exact result or stay a power (2¹¹⁰⁰ is beyond the exact range); floats give floats.
      if (exact !== undefined && (Qn.isExact(exact) || !Qn.isExact(bq) || !Qn.isExact(kq))) return Qn.toExpr(exact);
      if (!Qn.isExact(bq) || !Qn.isExact(kq)) {
        const v = Math.pow(Qn.value(bq), Qn.value(kq));
        // a float power that overflows or underflows is not folded ((1e300)^(−2.5) is not 0): the input is kept
        if (Number.isFinite(v) && v !== 0) return Qn.toExpr(Qn.float(v));
        if (Qn.value(bq) !== 0) throw new Qn.NumberRange();
      }
      return call('pow', [b, k]);
    }
    if (b === constant('e')) return this.exp(k); // e^u = exp(u)
    if (bq !== undefined && Qn.isZero(bq)) {
      if (isPositive(k)) {
        this.fired('zero-power'); // 0ᵘ = 0 for u > 0
        return ZERO;
      }
      const m = negatedIfNegative(k, this);
      if (m !== undefined && isPositive(m)) return ZERO_POLE; // 0⁻ᵘ for u > 0 is a division by zero
    }
    if (isOp(b, 'exp')) return this.exp(this.mul([b.args[0]!, k])); // (eᵃ)ᵇ = e^(ab)
    if (kq !== undefined && Qn.isInteger(kq)) {
      if (isOp(b, 'mul') || isOp(b, 'pow')) {
        // (uv)ⁿ = uⁿvⁿ and (uᵃ)ⁿ = u^(an) for an integer n
        const acc = new MulAcc(this);
        acc.addFactor(b, kq);
        return acc.finish();
      }
      if (isOp(b, 'abs') && Qn.isEven(kq)) {
        this.fired('power-of-square'); // |u|²ᵏ = u²ᵏ
        return this.pow(b.args[0]!, k);
      }
      if (this.opts.expand && isOp(b, 'add') && kq.p > 1n) return this.expandPower(b, kq.p);
    }
    if (isOp(b, 'pow') && kq !== undefined) {
      const [u, a] = b.args as [Expr, Expr];
      const aq = Qn.asQ(a);
      if (aq !== undefined && Qn.isEven(aq)) {
        const m = Qn.mul(aq, kq);
        if (Qn.isInteger(m)) {
          // (u²ʲ)^k with 2jk = m an integer: |u|ᵐ (√(u²) = |u|)
          this.fired('power-of-square');
          return Qn.isEven(m) ? this.pow(u, Qn.toExpr(m)) : this.pow(this.call('abs', [u]), Qn.toExpr(m));
        }
      }
      // (uᵃ)ᵏ = u^(ak) for u > 0, and wherever uᵃ is defined when a has an even
      // denominator (that already requires u ≥ 0): √(√x) = x^(1/4)
      if (isPositive(u) || (aq !== undefined && Qn.isExact(aq) && aq.q % 2n === 0n)) {
        this.fired('power-of-power');
        return this.pow(u, this.mul([a, k]));
      }
    }
    return call('pow', [b, k]);
  }

  exp(a: Expr): Expr {
    const aq = Qn.asQ(a);
    if (aq !== undefined && Qn.isZero(aq)) return ONE; // e⁰ = 1
    if (aq !== undefined && Qn.isOne(aq)) return constant('e'); // e¹ = e
    if (isOp(a, 'ln')) {
      // e^(ln u) = u, where ln u is defined (u > 0)
      this.fired('exp-ln');
      this.assume(a.args[0]!, '> 0');
      return a.args[0]!;
    }
    return call('exp', [a]);
  }

  /** op(args) in canonical form: the core ops by their constructors, function calls through the rules of rules.ts. */
  call(op: OpName, args: readonly Expr[]): Expr {
    const core = CORE[op];
    if (core !== undefined) return core(this, args);
    const node = call(op, args);
    for (const r of callRulesFor(op)) {
      const out = r.apply(node, this);
      if (out !== undefined) {
        this.fired(r.name);
        return out;
      }
    }
    return node;
  }

  /**
   * (t₁ + … + tₘ)ⁿ multiplied out by the multinomial theorem: Σ n!/(k₁!…kₘ!)·t₁^k₁…tₘ^kₘ
   * over k₁ + … + kₘ = n. The number of terms, C(n + m − 1, m − 1), is known
   * before any work is done, so a power too large to expand is refused at once.
   */
  private expandPower(b: Call, n: bigint): Expr {
    const parts = b.args.map(termParts);
    const m = parts.length;
    const count = binomial(n + BigInt(m - 1), BigInt(m - 1), BigInt(this.opts.maxTerms) + 1n);
    if (count > BigInt(this.opts.maxTerms)) {
      throw new TermLimit(`expand: multiplying out a ${m}-term sum to the power ${n} would give more than ${this.opts.maxTerms} terms`);
    }
    this.tick(Number(count) * m);
    const terms: Expr[] = [];
    const ks: number[] = [];
    const N = Number(n);
    // Every composition k₁ + … + kₘ = n, with the coefficient built as Π C(rest, kᵢ)·cᵢ^kᵢ.
    const walk = (i: number, left: number, coeff: Qn.Q): void => {
      if (i === m - 1) {
        ks[i] = left;
        const c = Qn.mul(coeff, Qn.powInt(parts[i]![0], left));
        const fs = ks.map((k, j) => this.pow(parts[j]![1], Qn.toExpr(Qn.int(k))));
        terms.push(this.mul([Qn.toExpr(c), ...fs]));
        return;
      }
      for (let k = left; k >= 0; k--) {
        ks[i] = k;
        const c = Qn.mul(Qn.mul(coeff, Qn.int(binomial(BigInt(left), BigInt(k)))), Qn.powInt(parts[i]![0], k));
        walk(i + 1, left - k, c);
      }
    };
    walk(0, N, Qn.Q1);
    return this.add(terms);
  }

  /** Used by MulAcc and SumAcc. */
  tickBy(n: number): void {
    this.tick(n);
  }
}

// ---------------------------------------------------------------------------
// Accumulators

/** A sum being built: constant + Σ coefficient·rest. */
class SumAcc {
  private constant: Qn.Q = Qn.Q0;
  /** Float constants, summed exactly at the end so that the order of terms does not matter. */
  private floats: number[] = [];
  private readonly terms = new Map<Expr, Qn.Q>();
  constructor(private readonly k: Canonicalizer) {}

  /** Adds c·t for a canonical t. */
  addTerm(t: Expr, c: Qn.Q): void {
    this.k.tickBy(1);
    const q = Qn.asQ(t);
    if (q !== undefined) {
      const v = Qn.mul(c, q);
      if (Qn.isExact(v)) this.constant = Qn.add(this.constant, v);
      else this.floats.push(Qn.value(v));
      return;
    }
    if (isOp(t, 'add')) {
      this.k.tickBy(t.args.length);
      for (const a of t.args) this.addTerm(a, c);
      return;
    }
    const [tc, rest] = splitCoefficient(t);
    const prev = this.terms.get(rest);
    this.terms.set(rest, prev === undefined ? Qn.mul(c, tc) : Qn.add(prev, Qn.mul(c, tc)));
  }

  /** The collected (coefficient, rest) pairs, zeros dropped. */
  private pairs(): [Qn.Q, Expr][] {
    const out: [Qn.Q, Expr][] = [];
    for (const [rest, c] of this.terms) if (!Qn.isZero(c)) out.push([c, rest]);
    return out;
  }

  finish(): Expr {
    if (this.floats.length > 0) {
      this.constant = Qn.sumWithFloats(this.constant, this.floats);
      this.floats = [];
    }
    let pairs = this.pairs();
    if (pairs.length >= 2) pairs = pythagorean(this.k, pairs, (c) => (this.constant = Qn.add(this.constant, c)));
    if (pairs.length >= 2 && this.k.factoring) {
      const t = together(this.k, pairs, this.constant);
      if (t !== undefined) return t;
    }
    if (pairs.length >= 2 && this.k.factoring && Qn.isZero(this.constant)) {
      const f = commonFactor(this.k, pairs);
      if (f !== undefined) return f;
    }
    const terms = pairs.map(([c, rest]) => withCoefficient(c, rest));
    terms.sort(compareExpr);
    if (!Qn.isZero(this.constant)) terms.unshift(Qn.toExpr(this.constant));
    if (terms.length === 0) return Qn.toExpr(this.constant);
    if (terms.length === 1) return terms[0]!;
    return call('add', terms);
  }
}

/** c·rest as a canonical term (rest has no coefficient). */
export function withCoefficient(c: Qn.Q, rest: Expr): Expr {
  if (Qn.isOne(c)) return rest;
  if (isOp(rest, 'mul')) return call('mul', [Qn.toExpr(c), ...rest.args]);
  return call('mul', [Qn.toExpr(c), rest]);
}

/** A product being built: coefficient · Π baseᵉˣᵖ · e^(Σ exponents). */
class MulAcc {
  private coeff: Qn.Q = Qn.Q1;
  private readonly bases = new Map<Expr, { acc: SumAcc; parts: number; risky: boolean }>();
  private exps: SumAcc | undefined;
  constructor(
    private readonly k: Canonicalizer,
    private readonly cancelling = false,
  ) {}

  private addPower(base: Expr, ex: Expr): void {
    let b = this.bases.get(base);
    if (b === undefined) this.bases.set(base, (b = { acc: new SumAcc(this.k), parts: 0, risky: false }));
    const q = Qn.asQ(ex);
    b.parts++;
    if (q === undefined || Qn.sign(q) < 0) b.risky = true;
    b.acc.addTerm(ex, Qn.Q1);
  }

  /** Multiplies by tᵏ for a canonical t and a number k. */
  addFactor(t: Expr, k: Qn.Q): void {
    this.k.tickBy(1);
    const q = Qn.asQ(t);
    const intK = Qn.isInteger(k);
    if (q !== undefined) {
      const qk = intK && !(Qn.isZero(q) && Qn.sign(k) < 0) ? Qn.powInt(q, k.p) : undefined;
      // an exact number whose power leaves the exact range stays a power
      if (qk !== undefined && (Qn.isExact(qk) || !Qn.isExact(q))) this.coeff = Qn.mul(this.coeff, qk);
      else if (qk !== undefined) this.addPower(t, Qn.toExpr(k));
      else if (Qn.isOne(k)) this.coeff = Qn.mul(this.coeff, q);
      else this.addPower(t, Qn.toExpr(k));
      return;
    }
    if (isOp(t, 'mul') && intK) {
      // (uv)ᵏ = uᵏvᵏ for an integer k
      this.k.tickBy(t.args.length);
      for (const a of t.args) this.addFactor(a, k);
      return;
    }
    if (isOp(t, 'pow') && intK) {
      // (uᵃ)ᵏ = u^(ak) for an integer k
      const [u, a] = t.args as [Expr, Expr];
      const aq = Qn.asQ(a);
      this.addPower(u, aq !== undefined ? Qn.toExpr(Qn.mul(aq, k)) : this.k.mulQ(k, a));
      return;
    }
    if (isOp(t, 'exp') || t === constant('e')) {
      // (eᵃ)ᵏ = e^(ak), e = e¹
      (this.exps ??= new SumAcc(this.k)).addTerm(isOp(t, 'exp') ? t.args[0]! : ONE, k);
      return;
    }
    if (intK) this.addPower(t, Qn.toExpr(k));
    else {
      // a non-integer power of a compound: let pow decide ((u²)^(1/2) = |u|)
      const p = this.k.pow(t, Qn.toExpr(k));
      if (isOp(p, 'pow') && p.args[0] === t) this.addPower(t, Qn.toExpr(k));
      else this.addFactor(p, Qn.Q1);
    }
  }

  finish(): Expr {
    if (this.exps !== undefined) {
      const e = this.k.exp(this.exps.finish());
      this.exps = undefined;
      if (!isOp(e, 'exp') && e !== constant('e')) {
        // e^(ln u) gave u: multiply it in like any other factor
        this.addFactor(e, Qn.Q1);
        return this.finish();
      }
      this.addPower(e, ONE);
    }
    if (Qn.isZero(this.coeff)) {
      // 0·u = 0 where u is defined; 0·0⁻ᵏ (k > 0) is 0/0, defined nowhere
      const zero = this.bases.get(ZERO);
      if (zero !== undefined && isPole(this.k, zero.acc.finish())) throw new Qn.ZeroOverZero();
      return ZERO;
    }
    const factors: Expr[] = [];
    for (const [base, b] of this.bases) {
      const e = b.acc.finish();
      const eq = Qn.asQ(e);
      // A negative power cancelled against a positive one (x²·x⁻¹ = x): holds where x ≠ 0.
      if (b.parts > 1 && b.risky && (eq === undefined || Qn.sign(eq) >= 0)) this.k.assume(base, '≠ 0');
      const p = this.k.pow(base, e);
      const pq = Qn.asQ(p);
      if (pq !== undefined) this.coeff = Qn.mul(this.coeff, pq);
      else if (isOp(p, 'mul')) {
        const [c, rest] = splitCoefficient(p);
        this.coeff = Qn.mul(this.coeff, c);
        factors.push(...factorsOf(rest));
      } else factors.push(p);
    }
    if (Qn.isZero(this.coeff)) {
      if (factors.includes(ZERO_POLE)) throw new Qn.ZeroOverZero(); // 0·(1/0)
      return ZERO;
    }
    factors.sort(compareExpr);
    const opts = this.k.opts;
    if (opts.expand && factors.some((f) => isOp(f, 'add'))) return this.distribute(factors);
    if (factors.length === 1 && isOp(factors[0]!, 'add') && !Qn.isOne(this.coeff)) {
      // c·(a + b) = ca + cb
      const s = new SumAcc(this.k);
      s.addTerm(factors[0]!, this.coeff);
      return s.finish();
    }
    const built = build(this.coeff, factors);
    if (opts.cancel && !this.cancelling && isQuotient(factors)) return cancelQuotient(this.k, built, factors);
    return built;
  }

  /** Multiplies out the sums among the factors. */
  private distribute(factors: readonly Expr[]): Expr {
    const sums: Call[] = [];
    const plain: Expr[] = [Qn.toExpr(this.coeff)];
    for (const f of factors) {
      if (isOp(f, 'add')) sums.push(f);
      else plain.push(f);
    }
    return multiplyOut(this.k, plain, sums);
  }
}

/**
 * Π plain · Π sums, multiplied out one sum at a time and collected after
 * each, like long multiplication of polynomials.
 */
function multiplyOut(k: Canonicalizer, plain: readonly Expr[], sums: readonly Call[]): Expr {
  let terms: readonly Expr[] = [k.mul(plain)];
  for (const s of sums) {
    if (terms.length * s.args.length > k.opts.maxTerms) {
      throw new TermLimit(`expand: multiplying out would give more than ${k.opts.maxTerms} terms`);
    }
    k.tickBy(terms.length * s.args.length);
    const acc = new SumAcc(k);
    for (const p of terms) for (const t of s.args) acc.addTerm(k.mul([p, t]), Qn.Q1);
    const r = acc.finish();
    terms = isOp(r, 'add') ? r.args : [r];
  }
  return k.add(terms);
}

function build(c: Qn.Q, factors: readonly Expr[]): Expr {
  if (factors.length === 0) return Qn.toExpr(c);
  if (Qn.isOne(c)) return factors.length === 1 ? factors[0]! : call('mul', factors);
  return call('mul', [Qn.toExpr(c), ...factors]);
}

/** A quotient with a sum in it: some factor has a negative power, some base is a sum. */
function isQuotient(factors: readonly Expr[]): boolean {
  let neg = false;
  let sum = false;
  for (const f of factors) {
    const [b, e] = baseExp(f);
    const q = Qn.asQ(e);
    if (q !== undefined && Qn.sign(q) < 0) neg = true;
    if (isOp(b, 'add')) sum = true;
  }
  return neg && sum;
}

/**
 * Cancels common factors of a simple quotient: each sum with an integer power
 * gives up its numeric content, its common monomial and its sign (2x + 2 =
 * 2(x + 1), 1 − x = −(x − 1) when that makes the first term positive), then
 * equal bases collect. Kept only if fewer factors remain.
 */
function cancelQuotient(k: Canonicalizer, built: Expr, given: readonly Expr[]): Expr {
  const mark = k.mark();
  const acc = new MulAcc(k, true);
  const [c] = splitCoefficient(built);
  acc.addFactor(Qn.toExpr(c), Qn.Q1);
  const factors = polynomialGcds(k, given);
  for (const f of factors) {
    const [b, e] = baseExp(f);
    const q = Qn.asQ(e);
    if (isOp(b, 'add') && q !== undefined && Qn.isInteger(q)) {
      const [content, primitive] = contentOf(k, b);
      acc.addFactor(content, q);
      acc.addFactor(primitive, q);
    } else acc.addFactor(f, Qn.Q1);
  }
  const out = acc.finish();
  // Kept if fewer factors remain, or the same form is smaller: (xz² + yz)/z⁴ → (xz + y)/z³, −1/(−z − y) → 1/(y + z)
  const SMALL = 2000;
  const smaller = (): boolean => {
    const a = sizeUpTo(out, SMALL);
    return a <= SMALL && a < sizeUpTo(built, SMALL);
  };
  if (factorsOf(splitCoefficient(out)[1]).length < given.length || Qn.asQ(out) !== undefined || smaller()) {
    k.fired('cancel-quotient');
    return out;
  }
  k.rollback(mark);
  return built;
}

/**
 * Cancels the polynomial gcd of a numerator sum and a denominator sum in one
 * variable: (x² − 1)/(x − 1) → x + 1, reporting x − 1 ≠ 0 (the quotient was
 * undefined there; the result is not). Each pair with a common factor g
 * becomes P/g, Q/g and g to the difference of their powers.
 */
function polynomialGcds(k: Canonicalizer, factors: readonly Expr[]): Expr[] {
  const out = [...factors];
  const polys = out.map((f) => {
    const [b, e] = baseExp(f);
    const n = Qn.asQ(e);
    const m = n === undefined ? undefined : Qn.smallInt(n);
    if (!isOp(b, 'add') || m === undefined) return undefined;
    const p = Poly.toPoly(b, termParts, baseExp);
    return p === undefined ? undefined : { ...p, m };
  });
  for (let i = 0; i < out.length; i++) {
    for (let j = 0; j < out.length; j++) {
      const a = polys[i];
      const d = polys[j];
      if (a === undefined || d === undefined || a.m <= 0 || d.m >= 0 || a.v !== d.v) continue;
      const g = Poly.gcd(a.p, d.p);
      if (Poly.degree(g) < 1) continue;
      k.tickBy(a.p.length * d.p.length);
      const v = a.v;
      const expr = (p: Poly.Poly): Expr => k.add(p.map((c, deg) => k.mul([Qn.toExpr(c), k.pow(v, Qn.toExpr(Qn.int(deg)))])));
      const pa = Poly.divmod(a.p, g)[0];
      const pd = Poly.divmod(d.p, g)[0];
      const ge = expr(g);
      // g's zeros leave the denominator: the result holds where g ≠ 0
      k.assume(ge, '≠ 0');
      k.fired('cancel-gcd');
      polys[i] = { v, p: pa, m: a.m };
      polys[j] = { v, p: pd, m: d.m };
      out[i] = k.pow(expr(pa), Qn.toExpr(Qn.int(a.m)));
      out[j] = k.pow(expr(pd), Qn.toExpr(Qn.int(d.m)));
      out.push(k.pow(ge, Qn.toExpr(Qn.int(a.m + d.m))));
      polys.push(undefined);
    }
  }
  return out;
}

/**
 * A sum as content × primitive part: 6x² + 4x → (2x)·(3x + 2). The content
 * carries the sign that makes the primitive part's first term (in canonical
 * order) positive, so u and −u reduce to the same primitive part.
 */
function contentOf(k: Canonicalizer, s: Call): [Expr, Expr] {
  const pairs = s.args.map(termParts);
  let g: Qn.Q | undefined;
  for (const [c] of pairs) g = g === undefined ? Qn.abs(c) : Qn.gcd(g, c);
  // The sign: make the first term in canonical order positive.
  if (Qn.sign(pairs[0]![0]) < 0) g = Qn.neg(g!);
  // The common monomial: bases every term has, at the smallest positive power.
  const common = commonBases(pairs.map(([, rest]) => rest), () => true);
  const content = k.mul([Qn.toExpr(g!), ...common.map(([b, e]) => k.pow(b, Qn.toExpr(e)))]);
  if (Qn.isOne(g!) && common.length === 0) return [Qn.toExpr(Qn.Q1), s];
  const inv = Qn.inv(g!);
  const terms = pairs.map(([c, rest]) => k.mul([Qn.toExpr(Qn.mul(c, inv)), dividePowers(k, rest, common)]));
  return [content, k.add(terms)];
}

/**
 * The like-factor key of a canonical factor, shared by every rule that takes
 * powers out of terms: a numeric power is (base, exponent), x³ → (x, 3) and
 * √(yˣ) → (yˣ, ½); a symbolic power is one opaque factor to the first power,
 * yˣ → (yˣ, 1). Both rules that find a common factor and rules that divide it
 * out must use this one key, or √(yˣ) and yˣ stop being told apart.
 */
export function likePower(f: Expr): [Expr, Qn.Q] {
  const [b, e] = baseExp(f);
  const q = Qn.asQ(e);
  return q === undefined ? [f, Qn.Q1] : [b, q];
}

/** The exponents of a product's factors, summed per like-factor key (a factor list may hold both √(yˣ) and yˣ). */
function powersOf(rest: Expr): Map<Expr, Qn.Q> {
  const m = new Map<Expr, Qn.Q>();
  for (const f of factorsOf(rest)) {
    const [b, q] = likePower(f);
    const prev = m.get(b);
    m.set(b, prev === undefined ? q : Qn.add(prev, q));
  }
  return m;
}

/**
 * Bases present in every term with a positive numeric power, with the
 * smallest such power; `keep` filters which bases count.
 */
function commonBases(rests: readonly Expr[], keep: (base: Expr) => boolean): [Expr, Qn.Q][] {
  let common: Map<Expr, Qn.Q> | undefined;
  for (const r of rests) {
    const here = new Map<Expr, Qn.Q>();
    for (const [b, q] of powersOf(r)) if (Qn.sign(q) > 0 && Qn.isExact(q) && Qn.asQ(b) === undefined && keep(b)) here.set(b, q);
    if (common === undefined) common = here;
    else {
      for (const [b, q] of common) {
        const h = here.get(b);
        if (h === undefined) common.delete(b);
        else if (Qn.cmp(h, q) < 0) common.set(b, h);
      }
    }
    if (common.size === 0) return [];
  }
  return [...(common ?? new Map<Expr, Qn.Q>())].sort((a, b) => compareExpr(a[0], b[0]));
}

/** rest / Π bᵉ, for like-factor keys known to divide every term (exact: exponents subtract). */
function dividePowers(k: Canonicalizer, rest: Expr, common: readonly [Expr, Qn.Q][]): Expr {
  const take = new Map(common);
  const out: Expr[] = [];
  const have = new Map<Expr, Qn.Q>();
  for (const f of factorsOf(rest)) {
    const [b, q] = likePower(f);
    if (!take.has(b)) {
      out.push(f);
      continue;
    }
    const prev = have.get(b);
    have.set(b, prev === undefined ? q : Qn.add(prev, q));
  }
  for (const [b, q] of have) {
    const left = Qn.sub(q, take.get(b)!);
    if (!Qn.isZero(left)) out.push(k.pow(b, Qn.toExpr(left)));
  }
  return k.mul(out);
}

/** Tree size of e, counted up to `cap` (enough to compare small candidates cheaply). */
function sizeUpTo(e: Expr, cap: number): number {
  let n = 0;
  const stack = [e];
  while (stack.length > 0 && n <= cap) {
    const x = stack.pop()!;
    n++;
    if (x.kind === 'call') for (const a of x.args) stack.push(a);
  }
  return n;
}

/**
 * Terms sharing a sum in their denominators go over one denominator (see
 * rules.ts, common-denominator): 1/(x² + 1) − 2x²/(x² + 1)² → (1 − x²)/(x² + 1)².
 * Kept only if the result is smaller.
 */
function together(k: Canonicalizer, pairs: readonly [Qn.Q, Expr][], constant: Qn.Q): Expr | undefined {
  const SMALL = 400;
  // Sum bases with negative exact powers, the deepest power, and how many terms have them. Powers of
  // one base must differ by integers (1/(1 − x²)^(3/2) and 1/√(1 − x²) go over (1 − x²)^(3/2)).
  const deepest = new Map<Expr, { k: Qn.Q; count: number; powers: Qn.Q[] }>();
  for (const [, rest] of pairs) {
    for (const f of factorsOf(rest)) {
      const [b, e] = baseExp(f);
      const q = Qn.asQ(e);
      if (!isOp(b, 'add') || q === undefined || !Qn.isExact(q) || Qn.sign(q) >= 0) continue;
      const d = deepest.get(b);
      if (d === undefined) deepest.set(b, { k: Qn.neg(q), count: 1, powers: [q] });
      else deepest.set(b, { k: Qn.cmp(Qn.neg(q), d.k) > 0 ? Qn.neg(q) : d.k, count: d.count + 1, powers: [...d.powers, q] });
    }
  }
  const shared = [...deepest].filter(([, d]) => d.count >= 2 && d.powers.every((q) => Qn.isInteger(Qn.add(q, d.k))));
  if (shared.length === 0) return undefined;
  const uses = (rest: Expr): boolean => factorsOf(rest).some((f) => shared.some(([b]) => baseExp(f)[0] === b));
  const group = pairs.filter(([, r]) => uses(r));
  if (group.length < 2 || group.length > 16) return undefined;
  const mark = k.mark();
  const lcd = shared.map(([b, d]) => k.pow(b, Qn.toExpr(d.k)));
  const numerator = k.add(group.map(([c, r]) => k.mul([withCoefficient(c, r), ...lcd])));
  const combined = k.mul([numerator, ...shared.map(([b, d]) => k.pow(b, Qn.toExpr(Qn.neg(d.k))))]);
  // The denominator stays, so the domain does not change: no new conditions.
  k.rollback(mark);
  const before = group.reduce((n, [c, r]) => n + sizeUpTo(withCoefficient(c, r), SMALL), 0);
  if (before > SMALL || sizeUpTo(combined, SMALL) >= before) return undefined;
  k.fired('common-denominator');
  const rest = pairs.filter(([, r]) => !uses(r)).map(([c, r]) => withCoefficient(c, r));
  return k.add([combined, ...rest, Qn.toExpr(constant)]);
}

/** Pulls a common non-polynomial factor out of a sum (see rules.ts, common-factor). */
function commonFactor(k: Canonicalizer, pairs: readonly [Qn.Q, Expr][]): Expr | undefined {
  // Plain variables and constants stay distributed (x² − x cos(xy) keeps its form).
  const common = commonBases(
    pairs.map(([, r]) => r),
    (b) => b.kind === 'call',
  );
  if (common.length === 0) return undefined;
  k.fired('common-factor');
  let g: Qn.Q | undefined;
  for (const [c] of pairs) g = g === undefined ? Qn.abs(c) : Qn.gcd(g, c);
  if (pairs.every(([c]) => Qn.sign(c) < 0)) g = Qn.neg(g!);
  const inv = Qn.inv(g!);
  const inner = pairs.map(([c, rest]) => k.mul([Qn.toExpr(Qn.mul(c, inv)), dividePowers(k, rest, common)]));
  return k.mul([Qn.toExpr(g!), ...common.map(([b, e]) => k.pow(b, Qn.toExpr(e))), k.add(inner)]);
}

/** sin²u + cos²u = 1 and cosh²u − sinh²u = 1, for terms that agree otherwise. */
function pythagorean(k: Canonicalizer, pairs: [Qn.Q, Expr][], addConstant: (c: Qn.Q) => void): [Qn.Q, Expr][] {
  // Quick exit: no squared trig or hyperbolic factor.
  const squareOf = (f: Expr, op: OpName): Expr | undefined => {
    if (!isOp(f, 'pow')) return undefined;
    const q = Qn.asQ(f.args[1]!);
    const b = f.args[0]!;
    return q !== undefined && Qn.eq(q, Qn.int(2)) && isOp(b, op) ? b.args[0]! : undefined;
  };
  let any = false;
  for (const [, r] of pairs) for (const f of factorsOf(r)) for (const p of PYTHAGOREAN) if (squareOf(f, p.a) !== undefined) any = true;
  if (!any) return pairs;
  const map = new Map<Expr, Qn.Q>(pairs.map(([c, r]) => [r, c]));
  for (const p of PYTHAGOREAN) {
    for (const [rest, c] of [...map]) {
      if (!map.has(rest)) continue;
      const fs = factorsOf(rest);
      const i = fs.findIndex((f) => squareOf(f, p.a) !== undefined);
      if (i < 0) continue;
      const u = squareOf(fs[i]!, p.a)!;
      const others = fs.filter((_, j) => j !== i);
      const partner = k.mul([...others, k.pow(k.call(p.b, [u]), Qn.toExpr(Qn.int(2)))]);
      const pc = map.get(partner);
      if (pc === undefined || !Qn.eq(pc, Qn.mul(c, Qn.int(p.sign)))) continue;
      // c·f²·r + sign·c·g²·r = c·r
      map.delete(rest);
      map.delete(partner);
      k.fired('pythagorean');
      const r = k.mul(others);
      const rq = Qn.asQ(r);
      if (rq !== undefined) addConstant(Qn.mul(c, rq));
      else {
        const [rc, rr] = splitCoefficient(r);
        const prev = map.get(rr);
        const add = Qn.mul(c, rc);
        map.set(rr, prev === undefined ? add : Qn.add(prev, add));
      }
    }
  }
  const out: [Qn.Q, Expr][] = [];
  for (const [r, c] of map) if (!Qn.isZero(c)) out.push([c, r]);
  return out;
}

