// The simplifier soundness campaign: random expressions (symbolic exponents,
// roots, |…|, nested functions, large and tiny constants) whose simplified and
// expanded forms, symbolic derivative and forward and reverse gradients are
// compared by value at random points against the independent oracle.
//
// Cases per run: SOUNDNESS_RUNS in the environment (the long run sets 10⁶),
// else the CI figure given by each test file, always on a fixed seed
// (SOUNDNESS_SEED overrides it).

import fc from 'fast-check';
import { call, constant, num, variable, type Expr } from '../../../src/expr/expr.ts';
import { DiffError } from '../../../src/expr/errors.ts';
import { printAscii } from '../../../src/expr/print.ts';
import * as forward from '../../../src/forward/index.ts';
import * as reverse from '../../../src/reverse/index.ts';
import { diff, expand, simplify } from '../../../src/symbolic/index.ts';
import { oracleWithSpread, type OracleResult } from './oracle.ts';

export const VARS = ['x', 'y', 'z'] as const;
type Point = Record<(typeof VARS)[number], number>;

const frac = (p: number, q: number): Expr => call('div', [num(p), num(q)]);

/** Numbers: small integers, exact fractions, floats, and very large and very small magnitudes. */
const arbNumber: fc.Arbitrary<Expr> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -3, max: 4 }).map((v) => num(v)) },
  { weight: 2, arbitrary: fc.constantFrom(frac(1, 2), frac(2, 3), frac(-3, 2), frac(1, 3), num(0.1), num(2.5), num(-0.75)) },
  { weight: 1, arbitrary: fc.constantFrom(num(1e10), num(1e300), num(-1e300), num(1e-10), num(1e-300), num(2 ** 60), num(3 ** 35), num(-1e-300)) },
  { weight: 1, arbitrary: fc.constantFrom<Expr>(constant('pi'), constant('e')) },
);

const leafOf = (vars: readonly string[]): fc.Arbitrary<Expr> =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom<Expr>(...vars.map((v) => variable(v))) }, { weight: 2, arbitrary: arbNumber });

/** Exponents: symbolic ones as often as numbers, and the roots. */
const UNARY = ['exp', 'ln', 'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'erf', 'sigmoid', 'logsigmoid', 'relu', 'softplus', 'gelu', 'hardsigmoid', 'hardtanh', 'sign', 'heaviside', 'leakyrelu', 'elu', 'swish'] as const;
const BINARY_FN = ['max', 'min', 'logsumexp', 'leakyrelu', 'elu', 'swish'] as const;

/** Random expressions up to the given depth, over the variables (x, y, z by default). */
export function arbCase(depth: number, vars: readonly string[] = VARS): fc.Arbitrary<Expr> {
  const arbLeaf = leafOf(vars);
  if (depth === 0) return arbLeaf;
  const sub = arbCase(depth - 1, vars);
  const exponent = fc.oneof(
    { weight: 3, arbitrary: sub },
    { weight: 2, arbitrary: fc.constantFrom(num(2), num(3), num(-1), num(-2), frac(1, 2), frac(-1, 2), frac(1, 3), frac(3, 2), num(0.5)) },
  );
  const node = fc.oneof(
    { weight: 3, arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map((a) => call('add', a)) },
    { weight: 3, arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map((a) => call('mul', a)) },
    { weight: 2, arbitrary: fc.tuple(sub, sub).map(([a, b]) => call('sub', [a, b])) },
    { weight: 2, arbitrary: fc.tuple(sub, sub).map(([a, b]) => call('div', [a, b])) },
    { weight: 1, arbitrary: sub.map((a) => call('neg', [a])) },
    { weight: 4, arbitrary: fc.tuple(sub, exponent).map(([a, b]) => call('pow', [a, b])) },
    { weight: 2, arbitrary: sub.map((a) => call('sqrt', [a])) },
    { weight: 2, arbitrary: sub.map((a) => call('abs', [a])) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...UNARY), sub).map(([op, a]) => call(op, [a])) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...BINARY_FN), sub, sub).map(([op, a, b]) => call(op, [a, b])) },
  );
  return fc.oneof({ weight: 1, arbitrary: arbLeaf }, { weight: 3, arbitrary: node });
}

/** Coordinates off the lattice of simple numbers, where kinks sit: one point anywhere in [−3, 3]³, one positive. */
export const arbPoints: fc.Arbitrary<Point[]> = fc.tuple(
  fc.record({ x: fc.double({ min: -3, max: 3, noNaN: true }), y: fc.double({ min: -3, max: 3, noNaN: true }), z: fc.double({ min: -3, max: 3, noNaN: true }) }),
  fc.record({ x: fc.double({ min: 0.01, max: 3, noNaN: true }), y: fc.double({ min: 0.01, max: 3, noNaN: true }), z: fc.double({ min: 0.01, max: 3, noNaN: true }) }),
).map((ps) => ps.map((p) => ({ x: p.x + 0.0123456789, y: p.y - 0.0234567891, z: p.z + 0.00345678912 })));

export interface Tally {
  cases: number;
  /** Comparisons made, per check. */
  compared: Record<string, number>;
  /** Comparisons skipped: the input is undefined there, near a kink, or too ill-conditioned to compare (a part overflows or underflows, a periodic op's phase is lost). */
  skipped: number;
  /** expand refused (more terms than its limit), or a budget stopped the work. */
  refused: number;
  disagreements: string[];
}

export const newTally = (): Tally => ({ cases: 0, compared: {}, skipped: 0, refused: 0, disagreements: [] });

const fixSpread = (s: number): number => (Number.isNaN(s) ? Infinity : s);

/**
 * got agrees with ref up to rounding: relative 1e−8, plus what nudging the
 * computations can move them, plus 1e−12 of the size of what cancels (the
 * sum over paths of |products|, which bounds rounding in any evaluation
 * order), plus 1e−13.
 */
function agrees(got: number, ref: number, spread: number, scale: number): boolean {
  if (got === ref) return true;
  if (!Number.isFinite(got)) return !Number.isFinite(spread) || !Number.isFinite(scale);
  return Math.abs(got - ref) <= 1e-8 * Math.abs(ref) + 1e-3 * spread + 1e-12 * scale + 1e-13;
}

/** Which checks a test file runs. */
export type Check = 'simplify' | 'expand' | 'diff' | 'forward' | 'reverse';

function record(t: Tally, check: string, ok: boolean, what: () => string): void {
  t.compared[check] = (t.compared[check] ?? 0) + 1;
  if (!ok) t.disagreements.push(`${check}: ${what()}`);
}

const pointText = (p: Point): string => `x=${p.x}, y=${p.y}, z=${p.z}`;

/** Runs the checks on one expression at the points, adding to the tally. Returns false at the first disagreement. */
export function checkCase(e: Expr, points: readonly Point[], checks: readonly Check[], t: Tally): boolean {
  t.cases++;
  const before = t.disagreements.length;
  const forms: [Check, Expr][] = [];
  if (checks.includes('simplify')) forms.push(['simplify', simplify(e)]);
  if (checks.includes('expand')) {
    try {
      forms.push(['expand', expand(e, { maxTerms: 400 })]);
    } catch (err) {
      if (!(err instanceof DiffError)) throw err;
      t.refused++;
    }
  }
  const d = checks.includes('diff') ? diff(e, 'x') : undefined;
  for (const p of points) {
    const ref = oracleWithSpread(e, p, { x: 1 });
    if (!Number.isFinite(ref.value) || ref.nearKink || ref.overflow || ref.underflow || ref.phaseLost) {
      t.skipped++;
      continue;
    }
    const vSpread = fixSpread(ref.valueSpread);
    for (const [check, f] of forms) {
      const got = oracleWithSpread(f, p, {});
      if (got.nearKink) continue;
      record(t, check, agrees(got.value, ref.value, vSpread + fixSpread(got.valueSpread), ref.valueScale + got.valueScale), () => `${printAscii(e)} → ${printAscii(f)} at ${pointText(p)}: ${got.value}, want ${ref.value}`);
    }
    if (!Number.isFinite(ref.tangent) || ref.singular) continue;
    const tSpread = fixSpread(ref.tangentSpread);
    if (d !== undefined) {
      const got = oracleWithSpread(d, p, {});
      if (!got.nearKink) record(t, 'diff', agrees(got.value, ref.tangent, tSpread + fixSpread(got.valueSpread), ref.tangentScale + got.valueScale), () => `d/dx ${printAscii(e)} → ${printAscii(d)} at ${pointText(p)}: ${got.value}, want ${ref.tangent}`);
    }
    for (const engine of ['forward', 'reverse'] as const) {
      if (!checks.includes(engine)) continue;
      const refs: OracleResult[] = VARS.map((v) => (v === 'x' ? ref : oracleWithSpread(e, p, { [v]: 1 })));
      let g: Readonly<Record<string, number>>;
      try {
        g = (engine === 'forward' ? forward.gradient(e, p, [...VARS], { strict: false }) : reverse.gradient(e, p, [...VARS])).gradient;
      } catch (err) {
        record(t, engine, false, () => `${printAscii(e)} at ${pointText(p)}: threw ${(err as Error).message}`);
        continue;
      }
      VARS.forEach((v, i) => {
        const r = refs[i]! as OracleResult & { tangentSpread: number };
        if (!Number.isFinite(r.tangent) || r.singular) return;
        record(t, engine, agrees(g[v]!, r.tangent, fixSpread(r.tangentSpread), r.tangentScale), () => `∂/∂${v} ${printAscii(e)} at ${pointText(p)}: ${g[v]}, want ${r.tangent}`);
      });
    }
  }
  return t.disagreements.length === before;
}

/** How many cases: SOUNDNESS_RUNS from the environment, else the CI figure. */
export function runsFor(ciRuns: number): number {
  const env = process.env['SOUNDNESS_RUNS'];
  return env !== undefined && /^\d+$/.test(env) ? Number(env) : ciRuns;
}

export function seedFor(ciSeed: number): number {
  const env = process.env['SOUNDNESS_SEED'];
  return env !== undefined && /^-?\d+$/.test(env) ? Number(env) : ciSeed;
}

export function summary(name: string, t: Tally): string {
  const c = Object.entries(t.compared)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return `${name}: ${t.cases} cases; comparisons: ${c}; skipped points ${t.skipped}; expand refused ${t.refused}; disagreements ${t.disagreements.length}`;
}
