// Rational-function normal form, the last step of simplify and diff: a
// canonical expression is read as one quotient N/D of polynomials over the
// rationals, whose generators are its variables and its non-polynomial parts
// (sin x, eˣ, √x, ln x… as opaque symbols); the polynomial gcd of N and D is
// cancelled, common monomial factors and rational content are pulled out
// (x²y + 2x² → x²(y + 2)), signs are normalised (−1/(−z − y) → 1/(y + z)),
// and the result is kept only when it has fewer operators than the
// simplifier's own textbook form.
//
//   (x² − 1)/(x − 1)     → x + 1            where x − 1 ≠ 0
//   (x² − y²)/(x − y)    → x + y            where x − y ≠ 0
//   (xz² + yz)/z⁴        → (xz + y)/z³      where z ≠ 0
//
// Every step is an identity of rational functions in the generators, so the
// result equals the input wherever the input is defined; cancelling can make
// it defined at more points, and each cancelled denominator factor is
// reported as an assumption (≠ 0), like the other on-domain rules. Work is
// bounded (PolyWork); past it, or on a float coefficient, the input is kept.

import type { Expr } from '../expr/expr.ts';
import { call } from '../expr/expr.ts';
import { BudgetExceeded, baseExp, factorsOf, termParts, type Canonicalizer } from './canon.ts';
import * as P from './mpoly.ts';
import type { Poly } from './mpoly.ts';
import * as Qn from './numbers.ts';
import { present } from './present.ts';
import { operatorCount } from './size.ts';

/** Largest integer power of a sum that is multiplied out. */
const MAX_POWER = 12;
/** Deepest nesting of sums and products read (the canonical form is flat, so this is generous). */
const MAX_DEPTH = 64;
/** Most generators, and most terms or factors in one sum or product, that are read. */
const MAX_GENERATORS = 32;
const MAX_ARGS = 400;
/** Operators a regrouping that factors a sum must save to be kept. */
const MIN_SAVING = 2;

class NotRational extends Error {}

interface Frac {
  readonly n: Poly;
  readonly d: Poly;
}

const isCall = (e: Expr, op: string): boolean => e.kind === 'call' && e.op === op;

/** An integer exponent of a canonical power, if it is a small one. */
function intExponent(e: Expr): number | undefined {
  if (!isCall(e, 'pow') || e.kind !== 'call') return undefined;
  const k = Qn.asQ(e.args[1]!);
  const n = k === undefined ? undefined : Qn.smallInt(k);
  return n !== undefined && Math.abs(n) <= MAX_POWER ? n : undefined;
}

class Reader {
  readonly gens: Expr[] = [];
  private readonly index = new Map<Expr, number>();
  /** The numerators of every base raised to a negative power: where the input is undefined. */
  readonly poles: { poly: Poly; expr: Expr }[] = [];
  private readonly memo = new Map<Expr, Frac>();

  constructor(readonly w: P.PolyWork) {}

  private readonly seen = new Set<Expr>();

  collect(e: Expr, depth = 0): void {
    if (depth > MAX_DEPTH) throw new NotRational();
    if (this.seen.has(e)) return;
    this.seen.add(e);
    this.w.tick(1);
    if (Qn.asQ(e) !== undefined) return;
    if (e.kind === 'call' && (e.op === 'add' || e.op === 'mul')) {
      if (e.args.length > MAX_ARGS) throw new NotRational();
      for (const a of e.args) this.collect(a, depth + 1);
      return;
    }
    if (e.kind === 'call' && intExponent(e) !== undefined) return this.collect(e.args[0]!, depth + 1);
    if (!this.index.has(e)) {
      if (this.gens.length >= MAX_GENERATORS) throw new NotRational();
      this.index.set(e, this.gens.length);
      this.gens.push(e);
    }
  }

  read(e: Expr): Frac {
    const hit = this.memo.get(e);
    if (hit !== undefined) return hit;
    const r = this.readNode(e);
    this.memo.set(e, r);
    return r;
  }

  private readNode(e: Expr): Frac {
    const n = this.gens.length;
    const w = this.w;
    const one = P.constant(n, Qn.Q1);
    const q = Qn.asQ(e);
    if (q !== undefined) {
      if (!Qn.isExact(q)) throw new NotRational();
      return { n: P.constant(n, q), d: one };
    }
    if (e.kind === 'call' && e.op === 'add') {
      let acc: Frac = { n: P.zero(), d: one };
      for (const a of e.args) {
        const t = this.read(a);
        // a/b + c/d = (a·(d/g) + c·(b/g)) / (b·(d/g)), g = gcd(b, d)
        const g = P.gcd(w, acc.d, t.d);
        const bg = P.divExact(w, acc.d, g)!;
        const dg = P.divExact(w, t.d, g)!;
        acc = { n: P.add(w, P.mul(w, acc.n, dg), P.mul(w, t.n, bg)), d: P.mul(w, acc.d, dg) };
      }
      return acc;
    }
    if (e.kind === 'call' && e.op === 'mul') {
      let acc: Frac = { n: one, d: one };
      for (const a of e.args) {
        const t = this.read(a);
        acc = { n: P.mul(w, acc.n, t.n), d: P.mul(w, acc.d, t.d) };
      }
      return acc;
    }
    const k = intExponent(e);
    if (k !== undefined && e.kind === 'call') {
      const b = this.read(e.args[0]!);
      if (k < 0) {
        if (P.isZero(b.n)) throw new NotRational(); // 1/0 stays as written
        this.poles.push({ poly: b.n, expr: e.args[0]! });
      }
      const m = Math.abs(k);
      const nn = P.pow(w, b.n, m);
      const dd = P.pow(w, b.d, m);
      return k < 0 ? { n: dd, d: nn } : { n: nn, d: dd };
    }
    return { n: P.generator(n, this.index.get(e)!), d: one };
  }
}

/** p's rational content and monomial content, and what is left: p = c·m·rest, rest with integer coefficients of gcd 1. */
function contents(w: P.PolyWork, p: Poly): { c: Qn.Q; m: readonly number[]; rest: Poly } {
  let num = 0n;
  let den = 1n;
  let m: number[] | undefined;
  for (const t of p.values()) {
    num = gcdB(num, t.c.p);
    den = lcmB(den, t.c.q);
    m = m === undefined ? [...t.e] : m.map((k, i) => Math.min(k, t.e[i]!));
  }
  let c = Qn.rat(num, den);
  // the sign goes to c: what is left leads with a positive coefficient
  if (Qn.sign(P.leading(p)!.c) < 0) c = Qn.neg(c);
  const mono = m ?? [];
  const rest = P.divExact(w, P.scale(w, p, Qn.inv(c)), P.monomial(mono))!;
  return { c, m: mono, rest };
}

function gcdB(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
const lcmB = (a: bigint, b: bigint): bigint => (a / gcdB(a, b)) * b;

/** Builds polynomials back as canonical expressions. */
class Writer {
  constructor(
    readonly k: Canonicalizer,
    readonly gens: readonly Expr[],
  ) {}

  monomial(e: readonly number[], c: Qn.Q = Qn.Q1): Expr {
    const fs: Expr[] = [Qn.toExpr(c)];
    e.forEach((p, i) => {
      if (p !== 0) fs.push(this.k.pow(this.gens[i]!, Qn.toExpr(Qn.int(p))));
    });
    return this.k.mul(fs);
  }

  poly(p: Poly): Expr {
    return this.k.add([...p.values()].map((t) => this.monomial(t.e, t.c)));
  }
}

/** Textbook form of c·m·N / (d·D) with N and D sums, built for the printers (not re-collected, so 2(x + 1) stays). */
function textbook(w: Writer, c: Qn.Q, mn: readonly number[], n: Poly, md: readonly number[], d: Poly): Expr {
  const part = (coef: Qn.Q, m: readonly number[], rest: Poly): Expr | undefined => {
    const lead = m.some((k) => k !== 0) || !Qn.isOne(coef) ? present(w.monomial(m, coef)) : undefined;
    const c = P.constantOf(rest);
    if (c !== undefined) return lead;
    const body = present(w.poly(rest));
    return lead === undefined ? body : call('mul', [lead, body]);
  };
  const sign = Qn.sign(c) < 0;
  const a = Qn.abs(c);
  const top = part(Qn.int(a.p), mn, n) ?? Qn.toExpr(Qn.Q1);
  const bottom = part(Qn.int(a.q), md, d);
  const q = bottom === undefined ? top : call('div', [top, bottom]);
  return sign ? call('neg', [q]) : q;
}

/** A positive integer exponent of a canonical factor, else undefined. */
function positiveExponent(x: Expr): number | undefined {
  const q = Qn.asQ(x);
  const n = q === undefined ? undefined : Qn.smallInt(q);
  return n !== undefined && n > 0 ? n : undefined;
}

/**
 * A sum with the factors common to all its terms pulled out, without putting
 * it over one denominator: 2eˣ(36y sin²x/x⁴ + 20y cos²x/x² …) → 2yeˣ(36 sin²x/x⁴ + …).
 * Only factors with positive integer powers in every term are pulled, so no
 * factor cancels against a denominator (nothing to assume).
 */
function pullFromSum(k: Canonicalizer, s: Expr): Expr | undefined {
  if (s.kind !== 'call' || s.op !== 'add' || s.args.length > MAX_ARGS) return undefined;
  const parts = s.args.map((t) => {
    const [c, rest] = termParts(t);
    return { c, fs: factorsOf(rest).map(baseExp) };
  });
  let common: Map<Expr, number> | undefined;
  for (const { fs } of parts) {
    const here = new Map<Expr, number>();
    for (const [b, x] of fs) {
      const n = positiveExponent(x);
      if (n !== undefined && Qn.asQ(b) === undefined) here.set(b, n);
    }
    if (common === undefined) common = here;
    else for (const [b, n] of common) here.has(b) ? common.set(b, Math.min(n, here.get(b)!)) : common.delete(b);
    if (common.size === 0) return undefined;
  }
  if (common === undefined || common.size === 0) return undefined;
  const one = Qn.toExpr(Qn.Q1);
  const terms = parts.map(({ c, fs }) =>
    k.mul([
      Qn.toExpr(c),
      ...fs.map(([b, x]) => {
        const n = common.get(b);
        if (n === undefined) return k.pow(b, x);
        const r = positiveExponent(x)! - n;
        return r === 0 ? one : k.pow(b, Qn.toExpr(Qn.int(r)));
      }),
    ]),
  );
  return k.mul([...[...common].map(([b, n]) => k.pow(b, Qn.toExpr(Qn.int(n)))), k.add(terms)]);
}

/** e with common factors pulled out of its sums (e itself, or the sums among its factors), if any were. */
function pullCommonFactors(k: Canonicalizer, e: Expr): Expr | undefined {
  if (isCall(e, 'add')) return pullFromSum(k, e);
  if (e.kind !== 'call' || e.op !== 'mul') return undefined;
  let changed = false;
  const fs = e.args.map((f) => {
    const p = pullFromSum(k, f);
    if (p === undefined) return f;
    changed = true;
    return p;
  });
  return changed ? k.mul(fs) : undefined;
}

/**
 * The textbook form of the canonical expression e: `presented` (the
 * simplifier's own), or the rational normal form of e when that has fewer
 * operators; cancelled denominator factors are recorded on k as assumptions.
 */
export function smallerRational(k: Canonicalizer, e: Expr, presented: Expr): Expr {
  if (!k.opts.cancel || !k.opts.factor || k.opts.expand) return presented;
  if (!(isCall(e, 'add') || isCall(e, 'mul') || isCall(e, 'pow'))) return presented;
  // First the common factors of sums, kept when two operators shorter; then the rational form must beat that.
  try {
    const pulled = pullCommonFactors(k, e);
    if (pulled !== undefined) {
      const p = present(pulled);
      if (operatorCount(p) <= operatorCount(presented) - MIN_SAVING) {
        presented = p;
        k.fired('common-monomial');
      }
    }
  } catch (err) {
    if (!(err instanceof BudgetExceeded || err instanceof Qn.NumberRange)) throw err;
  }
  const w = new P.PolyWork();
  try {
    const r = new Reader(w);
    r.collect(e);
    if (r.gens.length === 0) return presented;
    const f = r.read(e);
    if (P.isZero(f.n) || P.isZero(f.d)) return presented;
    const g = P.gcd(w, f.n, f.d);
    const n = P.divExact(w, f.n, g)!;
    const d = P.divExact(w, f.d, g)!;
    const cn = contents(w, n);
    const cd = contents(w, d);
    const writer = new Writer(k, r.gens);
    // Signs: the one overall sign, or absorbed by the numerator or the denominator sum, whichever is shortest.
    const c = Qn.mul(cn.c, Qn.inv(cd.c));
    const flat = new Array<number>(r.gens.length).fill(0);
    // Each candidate with the saving it needs: one operator, or two when it factors a sum
    // (pulls a monomial or a number out of it): one is not worth leaving the expanded
    // textbook form, so x² − x cos(xy) and x/6 + 2/3 stay as they are.
    const candidates: { x: Expr; need: number }[] = [];
    const push = (cc: Qn.Q, mn: readonly number[], nr: Poly, dr: Poly): void => {
      const factors = P.constantOf(nr) === undefined && (mn.some((k) => k !== 0) || !Qn.isOne(Qn.abs(cc)));
      candidates.push({ x: textbook(writer, cc, mn, nr, cd.m, dr), need: factors ? MIN_SAVING : 1 });
    };
    for (const [mn, nr] of [[cn.m, cn.rest], [flat, P.mul(w, cn.rest, P.monomial(cn.m))]] as const) {
      push(c, mn, nr, cd.rest);
      if (Qn.sign(c) < 0 && P.constantOf(nr) === undefined) push(Qn.neg(c), mn, P.neg(w, nr), cd.rest);
      if (Qn.sign(c) < 0 && P.constantOf(cd.rest) === undefined) push(Qn.neg(c), mn, nr, P.neg(w, cd.rest));
    }
    // Kept when shorter by what it needs, or when a common factor was cancelled and it is not
    // much longer ((x³ − 1)/(x² − 1) → (x² + x + 1)/(x + 1), as a person would write it).
    const was = operatorCount(presented);
    const cancelled = P.constantOf(g) === undefined;
    let best: Expr | undefined;
    let size = Infinity;
    let smallest = Infinity;
    let fallback: Expr | undefined;
    for (const { x, need } of candidates) {
      const s = operatorCount(x);
      if (s <= was - need && s < size) [best, size] = [x, s];
      if (s < smallest) [fallback, smallest] = [x, s];
    }
    if (best === undefined && cancelled && smallest <= 1.5 * was) best = fallback;
    if (best === undefined) return presented;
    // Where the input was undefined and the result may not be: the part of each pole the result no longer divides by.
    for (const { poly, expr } of r.poles) {
      const left = P.divExact(w, poly, P.gcd(w, poly, d));
      if (left === undefined || P.constantOf(left) !== undefined) continue;
      k.assume(P.constantOf(P.gcd(w, poly, d)) !== undefined ? expr : writer.poly(P.monic(w, left)), '≠ 0');
    }
    k.fired('cancel-rational');
    return best;
  } catch (err) {
    if (err instanceof NotRational || err instanceof P.PolyBudget || err instanceof BudgetExceeded || err instanceof Qn.NumberRange) return presented;
    throw err;
  }
}
