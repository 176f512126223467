// Multivariate polynomials over the rationals (exact BigInt coefficients, the
// simplifier's `Q`), with exact division and a greatest common divisor.
//
// A polynomial is a map from exponent vectors (one entry per generator, all of
// the same length) to non-zero coefficients. The gcd is the classical
// recursive one: in the first generator that occurs, the gcd of the contents
// (the gcd of the coefficients, polynomials in the other generators) times the
// gcd of the primitive parts by a primitive pseudo-remainder sequence. Every
// operation is charged to a work budget; running out throws `PolyBudget`, and
// callers keep their input.

import * as Qn from './numbers.ts';

export interface Term {
  readonly e: readonly number[];
  readonly c: Qn.Q;
}

/** Non-zero terms keyed by their exponents. */
export type Poly = ReadonlyMap<string, Term>;

export class PolyBudget extends Error {
  constructor() {
    super('polynomial work budget exhausted');
  }
}

/** Work units allowed to one conversion (terms handled), and the largest polynomial kept. */
export class PolyWork {
  private spent = 0;
  constructor(
    readonly budget = 200_000,
    readonly maxTerms = 400,
  ) {}
  tick(n: number): void {
    this.spent += n;
    if (this.spent > this.budget) throw new PolyBudget();
  }
  checked(p: Poly): Poly {
    if (p.size > this.maxTerms) throw new PolyBudget();
    return p;
  }
}

const key = (e: readonly number[]): string => e.join(',');

export const zero = (): Poly => new Map();
export function constant(n: number, c: Qn.Q): Poly {
  if (Qn.isZero(c)) return new Map();
  const e = new Array<number>(n).fill(0);
  return new Map([[key(e), { e, c }]]);
}
export function monomial(e: readonly number[], c: Qn.Q = Qn.Q1): Poly {
  return Qn.isZero(c) ? new Map() : new Map([[key(e), { e, c }]]);
}
export function generator(n: number, i: number): Poly {
  const e = new Array<number>(n).fill(0);
  e[i] = 1;
  return monomial(e);
}

export const isZero = (p: Poly): boolean => p.size === 0;
/** The constant value of p, if it has no generator. */
export function constantOf(p: Poly): Qn.Q | undefined {
  if (p.size === 0) return Qn.Q0;
  if (p.size > 1) return undefined;
  const t = p.values().next().value!;
  return t.e.every((k) => k === 0) ? t.c : undefined;
}

function addInto(m: Map<string, Term>, e: readonly number[], c: Qn.Q): void {
  const k = key(e);
  const t = m.get(k);
  const s = t === undefined ? c : Qn.add(t.c, c);
  if (!Qn.isExact(s)) throw new PolyBudget(); // past the exact range: give up rather than round
  if (Qn.isZero(s)) m.delete(k);
  else m.set(k, { e, c: s });
}

export function add(w: PolyWork, a: Poly, b: Poly): Poly {
  w.tick(a.size + b.size);
  const m = new Map(a);
  for (const t of b.values()) addInto(m, t.e, t.c);
  return w.checked(m);
}
export function scale(w: PolyWork, a: Poly, c: Qn.Q): Poly {
  w.tick(a.size);
  if (Qn.isZero(c)) return new Map();
  const m = new Map<string, Term>();
  for (const [k, t] of a) {
    const s = Qn.mul(t.c, c);
    if (!Qn.isExact(s)) throw new PolyBudget();
    m.set(k, { e: t.e, c: s });
  }
  return m;
}
export const neg = (w: PolyWork, a: Poly): Poly => scale(w, a, Qn.QM1);
export const sub = (w: PolyWork, a: Poly, b: Poly): Poly => add(w, a, neg(w, b));

export function mul(w: PolyWork, a: Poly, b: Poly): Poly {
  w.tick(a.size * b.size);
  const m = new Map<string, Term>();
  for (const s of a.values()) {
    for (const t of b.values()) addInto(m, s.e.map((k, i) => k + t.e[i]!), Qn.mul(s.c, t.c));
  }
  return w.checked(m);
}

export function pow(w: PolyWork, a: Poly, k: number): Poly {
  let r = constant(nvars(a), Qn.Q1);
  for (let i = 0; i < k; i++) r = mul(w, r, a);
  return r;
}

/** The number of generators (0 for the zero polynomial, which fits any). */
function nvars(p: Poly): number {
  for (const t of p.values()) return t.e.length;
  return 0;
}

/** Lexicographic order on exponent vectors (the first generator most significant). */
function lexCmp(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** The leading term in lexicographic order. */
export function leading(p: Poly): Term | undefined {
  let best: Term | undefined;
  for (const t of p.values()) if (best === undefined || lexCmp(t.e, best.e) > 0) best = t;
  return best;
}

/** a / b if b divides a exactly, else undefined (division by the leading term, lexicographic). */
export function divExact(w: PolyWork, a: Poly, b: Poly): Poly | undefined {
  const lb = leading(b);
  if (lb === undefined) return undefined;
  let r = a;
  const q = new Map<string, Term>();
  while (r.size > 0) {
    const lr = leading(r)!;
    if (lr.e.some((k, i) => k < lb.e[i]!)) return undefined;
    const e = lr.e.map((k, i) => k - lb.e[i]!);
    const c = Qn.mul(lr.c, Qn.inv(lb.c));
    addInto(q, e, c);
    r = sub(w, r, mul(w, monomial(e, c), b));
  }
  return q;
}

/** Degree of p in generator v. */
export function degree(p: Poly, v: number): number {
  let d = 0;
  for (const t of p.values()) d = Math.max(d, t.e[v]!);
  return d;
}

/** p as a polynomial in generator v: its coefficients by degree (polynomials without v). */
function coefficients(p: Poly, v: number): Map<number, Map<string, Term>> {
  const out = new Map<number, Map<string, Term>>();
  for (const t of p.values()) {
    const d = t.e[v]!;
    let m = out.get(d);
    if (m === undefined) out.set(d, (m = new Map()));
    const e = [...t.e];
    e[v] = 0;
    m.set(key(e), { e, c: t.c });
  }
  return out;
}

/** p divided by its leading coefficient: the monic associate, so gcds are unique. */
export function monic(w: PolyWork, p: Poly): Poly {
  const l = leading(p);
  return l === undefined ? p : scale(w, p, Qn.inv(l.c));
}

/** The content of p in generator v: the gcd of its coefficients. */
function content(w: PolyWork, p: Poly, v: number): Poly {
  let g: Poly | undefined;
  for (const c of coefficients(p, v).values()) {
    g = g === undefined ? c : gcd(w, g, c);
    if (constantOf(g) !== undefined) return constant(nvars(p), Qn.Q1);
  }
  return g === undefined ? zero() : monic(w, g);
}

/** The pseudo-remainder of a by b in generator v (a scaled by powers of b's leading coefficient, then reduced). */
function prem(w: PolyWork, a: Poly, b: Poly, v: number): Poly {
  const db = degree(b, v);
  const lb = coefficients(b, v).get(db)!;
  let r = a;
  while (r.size > 0 && degree(r, v) >= db) {
    const dr = degree(r, v);
    const lr = coefficients(r, v).get(dr)!;
    const e = new Array<number>(nvars(b)).fill(0);
    e[v] = dr - db;
    r = sub(w, mul(w, lb, r), mul(w, mul(w, lr, monomial(e)), b));
  }
  return r;
}

function primitive(w: PolyWork, p: Poly, v: number): Poly {
  return divExact(w, p, content(w, p, v)) ?? p;
}

/** The monic greatest common divisor of a and b (gcd(0, 0) = 0). */
export function gcd(w: PolyWork, a: Poly, b: Poly): Poly {
  if (isZero(a)) return monic(w, b);
  if (isZero(b)) return monic(w, a);
  const n = Math.max(nvars(a), nvars(b));
  if (constantOf(a) !== undefined || constantOf(b) !== undefined) return constant(n, Qn.Q1);
  let v = 0;
  while (v < n && degree(a, v) === 0 && degree(b, v) === 0) v++;
  if (degree(a, v) === 0) return gcd(w, a, content(w, b, v));
  if (degree(b, v) === 0) return gcd(w, content(w, a, v), b);
  const c = gcd(w, content(w, a, v), content(w, b, v));
  let p = primitive(w, a, v);
  let q = primitive(w, b, v);
  if (degree(p, v) < degree(q, v)) [p, q] = [q, p];
  while (q.size > 0) {
    if (degree(q, v) === 0) return monic(w, c);
    const r = prem(w, p, q, v);
    p = q;
    q = r.size === 0 ? r : primitive(w, r, v);
  }
  return monic(w, mul(w, c, primitive(w, p, v)));
}
