// From the canonical form back to textbook form: the tree a person would
// write, for the printers. Sums get their minus signs (a − b, not a + (−1)·b),
// products their fraction bar (1/x, 3x/2, not x⁻¹ or (3/2)·x), powers of ½
// their root sign, e^u its exp. Terms are ordered as textbooks do: a
// polynomial with mixed signs in ascending powers with the constant first
// (1 − 10x + 24x², 4 − 8x), one with positive terms in descending powers with
// the constant last (x² + 2x + 1, ln x + 1); a sum never opens with a minus
// sign when it has a positive term (x − 1, not −1 + x).

import { assertNever, call, num, type Call, type Expr } from '../expr/expr.ts';
import { compareNames } from '../expr/traverse.ts';
import { baseExp, splitCoefficient } from './canon.ts';
import { postOrder } from './walk.ts';
import * as Qn from './numbers.ts';

const isOp = (e: Expr, op: string): e is Call => e.kind === 'call' && e.op === op;

/** Builds a left-nested product, as the parser reads 2xy: (2·x)·y. */
function product(fs: readonly Expr[]): Expr {
  let p = fs[0] ?? num(1);
  for (let i = 1; i < fs.length; i++) p = call('mul', [p, fs[i]!]);
  return p;
}

/** A non-negative number as a literal: 3, or the fraction 3/2. */
function magnitude(q: Qn.Q): Expr {
  const a = Qn.abs(q);
  return a.q > 1n ? call('div', [Qn.intExpr(a.p), Qn.intExpr(a.q)]) : Qn.toExpr(a);
}

/** The textbook form of a canonical expression. */
export function present(e: Expr): Expr {
  return new Presenter().present(e);
}

/** Presents several expressions sharing one memo table (a gradient's partials share most nodes). */
export function presentAll(es: readonly Expr[]): Expr[] {
  const p = new Presenter();
  return es.map((e) => p.present(e));
}

class Presenter {
  private readonly out = new Map<Expr, Expr>();

  present(e: Expr): Expr {
    const hit = this.out.get(e);
    if (hit !== undefined) return hit;
    for (const n of postOrder(e, (x) => this.out.has(x))) this.out.set(n, this.node(n));
    return this.out.get(e)!;
  }

  /** A node whose children are presented already (or a small off-DAG node, presented on demand). */
  private get(x: Expr): Expr {
    return this.out.get(x) ?? this.present(x);
  }

  private node(n: Expr): Expr {
    switch (n.kind) {
      case 'num':
      case 'var':
      case 'const':
        return n;
      case 'call':
        break;
      default:
        return assertNever(n);
    }
    const q = Qn.asQ(n);
    if (q !== undefined) return Qn.sign(q) < 0 ? call('neg', [magnitude(q)]) : magnitude(q);
    switch (n.op) {
      case 'add':
        return this.sum(n.args);
      case 'mul': {
        const [c, rest] = splitCoefficient(n);
        const [m, neg] = this.productOf(c, isOp(rest, 'mul') ? rest.args : [rest]);
        return neg ? call('neg', [m]) : m;
      }
      case 'pow': {
        const [b, k] = n.args as [Expr, Expr];
        const kq = Qn.asQ(k);
        if (kq !== undefined) return this.power(b, kq);
        // x^(−y) = 1/xʸ
        if (isNegative(k)) return call('div', [num(1), call('pow', [this.get(b), this.get(negate(k))])]);
        return call('pow', [this.get(b), this.get(k)]);
      }
      case 'exp':
        return call('exp', [this.get(n.args[0]!)]);
      default:
        return call(n.op, n.args.map((a) => this.get(a)));
    }
  }

  /** bᵏ for a number k: 1/b⁻ᵏ for negative k, √b for ½. */
  private power(b: Expr, k: Qn.Q): Expr {
    const base = this.get(b);
    if (Qn.isOne(k)) return base;
    if (Qn.sign(k) < 0) return call('div', [num(1), this.power(b, Qn.neg(k))]);
    if (Qn.eq(k, Qn.QHALF)) return call('sqrt', [base]);
    return call('pow', [base, magnitude(k)]);
  }

  /** |c|·Π factors over a fraction bar (negative powers below it), and whether c < 0. */
  private productOf(c: Qn.Q, factors: readonly Expr[]): [Expr, boolean] {
    const top: Expr[] = [];
    const bottom: Expr[] = [];
    const a = Qn.abs(c);
    if (Qn.isExact(a)) {
      if (a.p !== 1n) top.push(Qn.intExpr(a.p));
      if (a.q !== 1n) bottom.push(Qn.intExpr(a.q));
    } else if (Qn.value(a) !== 1) top.push(num(Qn.value(a)));
    for (const f of factors) {
      const [b, k] = baseExp(f);
      const kq = Qn.asQ(k);
      if (kq !== undefined && Qn.sign(kq) < 0) bottom.push(this.power(b, Qn.neg(kq)));
      else if (kq === undefined && isNegative(k)) bottom.push(call('pow', [this.get(b), this.get(negate(k))]));
      else top.push(this.get(f));
    }
    const n = product(top);
    return [bottom.length === 0 ? n : call('div', [n, product(bottom)]), Qn.sign(c) < 0];
  }

  /** A term of a sum: its magnitude and whether it is subtracted. */
  private termOf(t: Expr): [Expr, boolean] {
    const q = Qn.asQ(t);
    if (q !== undefined) return [magnitude(q), Qn.sign(q) < 0];
    const [c, rest] = splitCoefficient(t);
    if (Qn.isOne(c)) return [this.get(t), false];
    return this.productOf(c, isOp(rest, 'mul') ? rest.args : [rest]);
  }

  private sum(terms: readonly Expr[]): Expr {
    const info = terms.map((t) => ({ t, mono: monomial(t), parts: this.termOf(t) }));
    const mixed = info.some((i) => i.parts[1]);
    const constant = info.filter((i) => Qn.asQ(i.t) !== undefined);
    const monomials = info.filter((i) => i.mono !== undefined && Qn.asQ(i.t) === undefined);
    const others = info.filter((i) => i.mono === undefined);
    // Mixed signs: ascending powers (1 − 10x + 24x²); all positive: descending (x² + 2x + 1).
    monomials.sort((a, b) => (mixed ? compareMonomials(b.mono!, a.mono!) : compareMonomials(a.mono!, b.mono!)));
    const ordered = mixed ? [...constant, ...monomials, ...others] : [...monomials, ...others, ...constant];
    if (ordered[0]!.parts[1]) {
      // x − 1, not −1 + x
      const j = ordered.findIndex((i) => !i.parts[1]);
      if (j > 0) ordered.unshift(...ordered.splice(j, 1));
    }
    let acc: Expr | undefined;
    for (const { parts } of ordered) {
      const [m, neg] = parts;
      if (acc === undefined) acc = neg ? call('neg', [m]) : m;
      else acc = call(neg ? 'sub' : 'add', [acc, m]);
    }
    return acc!;
  }
}

/** A monomial's exponents by variable, and its total degree. */
interface Monomial {
  readonly degree: number;
  readonly powers: ReadonlyMap<string, number>;
}

/**
 * Graded order, leading monomial first: higher total degree, then higher
 * powers of the alphabetically earlier variables (x³ + 3x²y + 3xy² + y³).
 */
function compareMonomials(a: Monomial, b: Monomial): number {
  if (a.degree !== b.degree) return b.degree - a.degree;
  const names = [...new Set([...a.powers.keys(), ...b.powers.keys()])].sort(compareNames);
  for (const v of names) {
    const d = (b.powers.get(v) ?? 0) - (a.powers.get(v) ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** A canonical term with a negative coefficient (−2x, −y). */
function isNegative(e: Expr): boolean {
  const q = Qn.asQ(e);
  if (q !== undefined) return Qn.sign(q) < 0;
  return Qn.sign(splitCoefficient(e)[0]) < 0;
}

/** −e for a canonical product with a negative coefficient. */
function negate(e: Expr): Expr {
  const [c, rest] = splitCoefficient(e);
  const m = Qn.neg(c);
  if (Qn.isOne(m)) return rest;
  return isOp(rest, 'mul') ? call('mul', [Qn.toExpr(m), ...rest.args]) : call('mul', [Qn.toExpr(m), rest]);
}

/**
 * The exponents of a monomial term (2xy², π x⁻¹, 5), or undefined for a term
 * with a function, a sum or a symbolic power in it.
 */
function monomial(t: Expr): Monomial | undefined {
  const powers = new Map<string, number>();
  if (Qn.asQ(t) !== undefined) return { degree: 0, powers };
  const [, rest] = splitCoefficient(t);
  let degree = 0;
  for (const f of isOp(rest, 'mul') ? rest.args : [rest]) {
    const [b, k] = baseExp(f);
    const kq = Qn.asQ(k);
    if (kq === undefined || (b.kind !== 'var' && b.kind !== 'const')) return undefined;
    if (b.kind === 'var') {
      degree += Qn.value(kq);
      powers.set(b.name, Qn.value(kq));
    }
  }
  return { degree, powers };
}
