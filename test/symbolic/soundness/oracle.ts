// An evaluator written for the soundness campaign, independent of the op
// registry: plain Math over the Expr tree, one table of textbook formulas for
// each op's value and local partials. It gives the value and the derivative
// along one direction (dual numbers), and an estimate of how much rounding
// can move them (each node's value is nudged by 1e−10 of the size of what
// went into it, its tangent by a relative 1e−10, each with a pseudo-random
// sign, and the spread of the results is measured).

import type { Expr } from '../../../src/expr/expr.ts';

type Local = (a: readonly number[]) => [value: number, partials: number[]];

const sigma = (u: number): number => (u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u)));
const softplus = (u: number): number => (u > 30 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u)));

/** erf by its Taylor series below 3 and the continued fraction of erfc above. */
function erf(u: number): number {
  const a = Math.abs(u);
  if (a < 3) {
    let term = a;
    let sum = a;
    for (let n = 1; n < 80; n++) {
      term *= (-a * a) / n;
      const c = term / (2 * n + 1);
      sum += c;
      if (Math.abs(c) < 1e-17 * Math.abs(sum)) break;
    }
    return Math.sign(u) * Math.min(1, (2 / Math.sqrt(Math.PI)) * sum);
  }
  // erfc a = e^(−a²)/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + …)))), evaluated backwards
  let f = a;
  for (let n = 60; n >= 1; n--) f = a + n / 2 / f;
  const erfc = Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
  return Math.sign(u) * (1 - erfc);
}

/** erfc: 1 − erf below 3 (no cancellation there), the continued fraction above, 2 − erfc(−u) for u < 0. */
function erfc(u: number): number {
  if (u < 0) return 2 - erfc(-u);
  if (u < 3) return 1 - erf(u);
  let f = u;
  for (let n = 60; n >= 1; n--) f = u + n / 2 / f;
  return Math.exp(-u * u) / Math.sqrt(Math.PI) / f;
}

/** Kinks and jumps: where an op's argument sits on one, derivatives follow conventions, not calculus. */
export const KINKS: Readonly<Record<string, (a: readonly number[]) => number>> = {
  abs: (a) => a[0]!,
  sign: (a) => a[0]!,
  heaviside: (a) => a[0]!,
  relu: (a) => a[0]!,
  leakyrelu: (a) => a[0]!,
  elu: (a) => a[0]!,
  max: (a) => a[0]! - a[1]!,
  min: (a) => a[0]! - a[1]!,
  hardsigmoid: (a) => Math.min(Math.abs(a[0]! - 2), Math.abs(a[0]! + 2)),
  hardtanh: (a) => Math.min(Math.abs(a[0]! - 1), Math.abs(a[0]! + 1)),
};

const LOCAL: Readonly<Record<string, Local>> = {
  add: (a) => [a.reduce((s, v) => s + v, 0), a.map(() => 1)],
  sub: ([u, v]) => [u! - v!, [1, -1]],
  mul: (a) => [a.reduce((s, v) => s * v, 1), a.map((_, i) => a.reduce((s, v, j) => (i === j ? s : s * v), 1))],
  div: ([u, v]) => (v === 0 ? [NaN, [NaN, NaN]] : [u! / v!, [1 / v!, -u! / (v! * v!)]]),
  neg: ([u]) => [-u!, [-1]],
  pow: ([b, k]) => {
    if ((b! < 0 && !Number.isInteger(k)) || (b === 0 && k! < 0)) return [NaN, [NaN, NaN]];
    const v = Math.pow(b!, k!);
    const dk = b! > 0 ? v * Math.log(b!) : b === 0 && k! > 0 ? 0 : NaN;
    return [v, [k === 0 ? 0 : k! * Math.pow(b!, k! - 1), dk]];
  },
  exp: ([u]) => [Math.exp(u!), [Math.exp(u!)]],
  ln: ([u]) => (u! > 0 ? [Math.log(u!), [1 / u!]] : [NaN, [NaN]]),
  sqrt: ([u]) => (u! >= 0 ? [Math.sqrt(u!), [0.5 / Math.sqrt(u!)]] : [NaN, [NaN]]),
  abs: ([u]) => [Math.abs(u!), [Math.sign(u!)]],
  sign: ([u]) => [Math.sign(u!), [0]],
  heaviside: ([u]) => [u! > 0 ? 1 : 0, [0]],
  sin: ([u]) => [Math.sin(u!), [Math.cos(u!)]],
  cos: ([u]) => [Math.cos(u!), [-Math.sin(u!)]],
  tan: ([u]) => [Math.tan(u!), [1 / Math.cos(u!) ** 2]],
  sec: ([u]) => [1 / Math.cos(u!), [Math.sin(u!) / Math.cos(u!) ** 2]],
  csc: ([u]) => (Math.sin(u!) === 0 ? [NaN, [NaN]] : [1 / Math.sin(u!), [-Math.cos(u!) / Math.sin(u!) ** 2]]),
  cot: ([u]) => (Math.sin(u!) === 0 ? [NaN, [NaN]] : [Math.cos(u!) / Math.sin(u!), [-1 / Math.sin(u!) ** 2]]),
  asin: ([u]) => (Math.abs(u!) <= 1 ? [Math.asin(u!), [1 / Math.sqrt(1 - u! * u!)]] : [NaN, [NaN]]),
  acos: ([u]) => (Math.abs(u!) <= 1 ? [Math.acos(u!), [-1 / Math.sqrt(1 - u! * u!)]] : [NaN, [NaN]]),
  atan: ([u]) => [Math.atan(u!), [1 / (1 + u! * u!)]],
  sinh: ([u]) => [Math.sinh(u!), [Math.cosh(u!)]],
  cosh: ([u]) => [Math.cosh(u!), [Math.sinh(u!)]],
  tanh: ([u]) => [Math.tanh(u!), [1 / Math.cosh(u!) ** 2]], // 1 − tanh² cancels in the tails (1 % off at u = 17)
  erf: ([u]) => [erf(u!), [(2 / Math.sqrt(Math.PI)) * Math.exp(-u! * u!)]],
  erfc: ([u]) => [erfc(u!), [(-2 / Math.sqrt(Math.PI)) * Math.exp(-u! * u!)]],
  max: ([u, v]) => [Math.max(u!, v!), u! > v! ? [1, 0] : [0, 1]],
  min: ([u, v]) => [Math.min(u!, v!), u! < v! ? [1, 0] : [0, 1]],
  logsumexp: (a) => {
    const m = Math.max(...a);
    if (!Number.isFinite(m)) return [m, a.map(() => NaN)];
    // the partials are the softmax, normalized as a softmax is (shifted by the max):
    // exp(v − y) with y = m + ln s rounds y to m near 1e300 (ln 2 is below its ulp), and gives 1 for ½
    const s = a.reduce((s, v) => s + Math.exp(v - m), 0);
    return [m + Math.log(s), a.map((v) => Math.exp(v - m) / s)];
  },
  sigmoid: ([u]) => [sigma(u!), [sigma(u!) * sigma(-u!)]],
  logsigmoid: ([u]) => [-softplus(-u!), [sigma(-u!)]],
  relu: ([u]) => [Math.max(0, u!), [u! > 0 ? 1 : 0]],
  softplus: ([u]) => [softplus(u!), [sigma(u!)]],
  gelu: ([u]) => {
    // Φ(u) = erfc(−u/√2)/2: no cancellation in the lower tail (1 + erf loses it below u ≈ −5)
    const phi = 0.5 * erfc(-u! / Math.SQRT2);
    return [u! * phi, [phi + (u! * Math.exp((-u! * u!) / 2)) / Math.sqrt(2 * Math.PI)]];
  },
  hardsigmoid: ([u]) => [Math.max(Math.min(u! / 4 + 0.5, 1), 0), [Math.abs(u!) < 2 ? 0.25 : 0]],
  hardtanh: ([u]) => [Math.max(Math.min(u!, 1), -1), [Math.abs(u!) < 1 ? 1 : 0]],
  leakyrelu: ([u, g = 0.01]) => (u! > 0 ? [u!, [1, 0]] : [g * u!, [g, u!]]),
  elu: ([u, al = 1]) => (u! > 0 ? [u!, [1, 0]] : [al * Math.expm1(u!), [al * Math.exp(u!), Math.expm1(u!)]]),
  swish: ([u, b = 1]) => {
    // σ′(t) = σ(t)σ(−t): s(1 − s) would cancel once σ rounds near 1
    const s = sigma(b * u!);
    const ds = s * sigma(-b * u!);
    return [u! * s, [s + b * u! * ds, u! * u! * ds]];
  },
};

export const ORACLE_OPS: readonly string[] = Object.keys(LOCAL);

export interface OracleResult {
  /** f(p); NaN where f or one of its parts is undefined. */
  readonly value: number;
  /** ∂f/∂(direction) at p. */
  readonly tangent: number;
  /** Some kink or jump of an op lies within a relative 1e−7 of its argument here. */
  readonly nearKink: boolean;
  /** The largest |intermediate value|. */
  readonly largest: number;
  /** Some part overflowed to ±∞ from finite arguments ((1e300)^1.8): doubles cannot give a reference value there. */
  readonly overflow: boolean;
  /**
   * Some part underflowed to 0 or a subnormal from finite nonzero arguments
   * ((1/3)^1e10 is 0 in doubles, and 0⁰ = 1 downstream where the exact 0^(tiny) is 0;
   * a subnormal keeps few digits): doubles cannot give a reference value there either.
   */
  readonly underflow: boolean;
  /**
   * A periodic op (sin, cos, tan, sec, csc, cot) has an argument that carries
   * rounding and is beyond 1e9 in size (sec(π·2⁶⁰·z²·softplus x) near 1e19,
   * where one ulp of the argument is 2048 rad): the relative 1e−10 nudge moves
   * it by more than 0.1 rad, so the spread no longer measures rounding, and
   * past 1e13 the rounding of the argument alone spans whole periods. Each
   * evaluation order gives another value; doubles give no reference there.
   */
  readonly phaseLost: boolean;
  /**
   * Some local partial is infinite or beyond 1e150 at a defined value (√ at 0,
   * 0^(2/3)): derivatives there depend on how an engine treats ∞·0 and on the
   * order it multiplies partials in, not on the algebra.
   */
  readonly singular: boolean;
  /** Σ over the paths of |products of local partials|: what rounding in any evaluation order is relative to, for the tangent. */
  readonly tangentScale: number;
  /** The same bound for the value: |f| where f is well conditioned, the size of what cancels where it is not. */
  readonly valueScale: number;
}

/**
 * Ops whose zero (or subnormal) result from nonzero arguments is exact, not an
 * underflow: cancellation in a sum (x − x), a clamp or a step (relu, max),
 * ln 1, arccos 1. Every other op gives 0 from nonzero arguments only by underflow.
 */
const EXACT_ZERO: ReadonlySet<string> = new Set(['add', 'sub', 'neg', 'abs', 'sign', 'heaviside', 'relu', 'hardsigmoid', 'hardtanh', 'max', 'min', 'ln', 'acos']);

/** Periodic ops: their value is noise once the argument's rounding error nears a period. */
const PERIODIC: ReadonlySet<string> = new Set(['sin', 'cos', 'tan', 'sec', 'csc', 'cot']);

/** The smallest positive normal double, 2⁻¹⁰²². */
const MIN_NORMAL = 2.2250738585072014e-308;

/** Children before parents: ids grow with creation, and a node is created after its children. */
function nodesOf(e: Expr): Expr[] {
  const seen = new Set<Expr>();
  const stack: Expr[] = [e];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.kind === 'call') for (const c of n.args) stack.push(c);
  }
  return [...seen].sort((a, b) => a.id - b.id);
}

/**
 * Value and directional derivative of e at the point, along `dir` (a tangent
 * per variable, 0 if absent). `nudge` ≠ 0 perturbs every node's value by
 * ±nudge times its value scale (what rounding is relative to: more than |value|
 * where a sum cancels) and its tangent by a relative ±nudge, the sign drawn from
 * the node id and `salt`.
 */
export function oracle(e: Expr, point: Readonly<Record<string, number>>, dir: Readonly<Record<string, number>>, nudge = 0, salt = 0): OracleResult {
  const val = new Map<Expr, number>();
  const tan = new Map<Expr, number>();
  const vabs = new Map<Expr, number>();
  const tabs = new Map<Expr, number>();
  /** Nodes with a variable below them; only they are nudged (a nudged constant exponent 2 would no longer be an integer). */
  const varying = new Set<Expr>();
  let nearKink = false;
  let largest = 0;
  let singular = false;
  let overflow = false;
  let underflow = false;
  let phaseLost = false;
  /** Nodes whose value is nudged: those with a variable below them, and rounded results. */
  const nudged = new Set<Expr>();
  const wiggle = (id: number): number => {
    if (nudge === 0) return 1;
    let h = Math.imul(id + 0x632be5ab, 0x9e3779b1) ^ salt;
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
    h ^= h >>> 13;
    return 1 + (h & 1 ? nudge : -nudge);
  };
  for (const n of nodesOf(e)) {
    let v: number;
    let t: number;
    let va = 0;
    let ta = 0;
    switch (n.kind) {
      case 'num':
      case 'const':
        v = n.value;
        t = 0;
        va = Math.abs(v);
        break;
      case 'var':
        v = point[n.name] ?? NaN;
        varying.add(n);
        t = dir[n.name] ?? 0;
        va = Math.abs(v);
        ta = Math.abs(t);
        break;
      case 'call': {
        const args = n.args.map((a) => val.get(a)!);
        const f = LOCAL[n.op];
        if (f === undefined) throw new Error(`the oracle has no formula for ${n.op}`);
        // An undefined argument makes the call undefined, even where the op would ignore it.
        const [y, d] = args.some(Number.isNaN) ? [NaN, []] : f(args);
        v = y;
        if ((y === Infinity || y === -Infinity) && args.every(Number.isFinite)) overflow = true;
        if (Math.abs(y) < MIN_NORMAL && !EXACT_ZERO.has(n.op) && args.every((u) => Number.isFinite(u) && u !== 0)) underflow = true;
        if (PERIODIC.has(n.op) && nudged.has(n.args[0]!) && vabs.get(n.args[0]!)! > 1e9) phaseLost = true;
        // Partials with respect to constant arguments do not matter (the exponent of (−2)ˣ's partial is NaN).
        if (Number.isFinite(y) && d.some((di, i) => varying.has(n.args[i]!) && !(Math.abs(di) <= 1e150))) singular = true;
        // an infinite intermediate (cosh 1e300) makes derivatives a matter of ∞·0 conventions
        if (varying.has(n) || n.args.some((a) => varying.has(a))) if (y === Infinity || y === -Infinity) singular = true;
        if (n.args.some((a) => varying.has(a))) varying.add(n);
        t = 0;
        for (let i = 0; i < args.length; i++) {
          const ti = tan.get(n.args[i]!)!;
          if (ti !== 0) t += d[i]! * ti;
          const di = Math.abs(d[i] ?? NaN);
          const tai = tabs.get(n.args[i]!)!;
          const vai = vabs.get(n.args[i]!)!;
          if (!varying.has(n.args[i]!)) {
            // a constant's size still matters for rounding: z + 1e300 − 1e300 is 0 in doubles
            if (vai !== 0 && di !== 0 && !Number.isNaN(di)) va += di * vai;
            continue;
          }
          // 0·∞ counts as 0 here: a zero partial passes on no rounding, however large its input
          if (tai !== 0 && di !== 0) ta += di * tai;
          // a NaN partial (the exponent of (−3)⁰) says nothing about rounding in the value
          if (vai !== 0 && di !== 0 && !Number.isNaN(di)) va += di * vai;
        }
        va = Math.max(Math.abs(v), va);
        const kink = KINKS[n.op];
        if (kink !== undefined) {
          // near a kink relative to what cancelled into the argument: tan(π) is 1.2e−16 in doubles, 0 exactly
          const scale = Math.max(...args.map(Math.abs), ...n.args.map((c) => vabs.get(c) ?? 0), 1e-300);
          if (Math.abs(kink(args)) <= 1e-7 * scale) nearKink = true;
        }
        break;
      }
    }
    // Constant subexpressions are nudged too unless their value is an integer (cot(π/1e−300) is as ill-conditioned as it gets).
    // Integers past 2⁵³ are rounded results too (5e16 + 1 is not exact in doubles).
    // π, e and non-integer numbers are rounded in doubles too: sin(π) is 1.2e−16 there and exactly 0 to the simplifier.
    const rounded = n.kind === 'const' || ((n.kind === 'num' || n.kind === 'call') && (!Number.isInteger(v) || Math.abs(v) > 2 ** 53));
    if (varying.has(n) || rounded) nudged.add(n);
    const w = nudged.has(n) ? wiggle(n.id) : 1;
    // Rounding moves a value by a fraction of what went into it, not of the value: 3 + 1.3e−10 − 3 keeps
    // 6 digits in doubles, so √ of it and its derivative keep 6 too (a relative nudge would not see it).
    val.set(n, w === 1 || !Number.isFinite(v) || !Number.isFinite(va) ? v * w : v + (w - 1) * va);
    tan.set(n, t * w);
    vabs.set(n, va);
    tabs.set(n, ta);
    if (Number.isFinite(v)) largest = Math.max(largest, Math.abs(v));
  }
  return { value: val.get(e)!, tangent: tan.get(e)!, nearKink, largest, singular, overflow, underflow, phaseLost, tangentScale: tabs.get(e)!, valueScale: vabs.get(e)! };
}

/** The result and its rounding sensitivity: the spread of three nudged evaluations. */
export function oracleWithSpread(e: Expr, point: Readonly<Record<string, number>>, dir: Readonly<Record<string, number>>): OracleResult & { readonly valueSpread: number; readonly tangentSpread: number } {
  const r = oracle(e, point, dir);
  let valueSpread = 0;
  let tangentSpread = 0;
  for (const salt of [0x1234, 0xbeef, 0x7777, 0x31415]) {
    const s = oracle(e, point, dir, 1e-10, salt);
    valueSpread = Math.max(valueSpread, Math.abs(s.value - r.value));
    tangentSpread = Math.max(tangentSpread, Math.abs(s.tangent - r.tangent));
  }
  return { ...r, valueSpread, tangentSpread };
}
