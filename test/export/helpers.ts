// Shared by the export tests: seeded sample points inside each op's domain.

import { opDef, arityOk, type OpName } from '../../src/ops/index.ts';
import { Rng } from '../../src/nn/rng.ts';

/** How many arguments to export each op with (both counts for optional parameters). */
export function arities(op: OpName): number[] {
  const a = opDef(op).arity;
  if (typeof a === 'number') return [a];
  return [a.min, Math.min(a.max, a.min + 2)].filter((n, i, xs) => xs.indexOf(n) === i && arityOk(a, n));
}

/**
 * `count` points (one array per argument) where the op is defined and
 * finite, from a seeded generator: half in [−3, 3], half of either sign with
 * magnitudes spread evenly in log scale over [1e-8, 700] (tiny arguments
 * catch cancellation, large ones overflow and thresholds).
 */
export function samplePoints(op: OpName, n: number, count: number, seed: number): number[][] {
  const def = opDef(op);
  const rng = new Rng(seed);
  const cols: number[][] = Array.from({ length: n }, () => []);
  let found = 0;
  // fixed points first (first argument; the others random): tiny, near π/2 and π, and the tails where
  // thresholds switch formulas (softplus at 20) and exponentials overflow
  for (const edge of [1e-8, -1e-8, 0.5, -0.5, Math.PI / 2 + 6e-7, Math.PI, 21, -21, 40, -40, 700, -700]) {
    const x = [edge, ...Array.from({ length: n - 1 }, () => -3 + 6 * rng.next())];
    if (def.domain?.(x) !== undefined || !Number.isFinite(def.eval(x))) continue;
    x.forEach((v, i) => cols[i]!.push(v));
    found++;
  }
  const wide = (): number => (rng.next() < 0.5 ? -1 : 1) * Math.exp(Math.log(1e-8) + (Math.log(700) - Math.log(1e-8)) * rng.next());
  for (let tries = 0; found < count && tries < 100 * count; tries++) {
    const x = Array.from({ length: n }, () => (found % 2 === 0 ? -3 + 6 * rng.next() : wide()));
    if (op === 'pow') x[0] = found % 2 === 0 ? 0.2 + 2.8 * rng.next() : Math.abs(x[0]!); // a real power of a positive base
    if (def.domain?.(x) !== undefined) continue;
    const y = def.eval(x);
    if (!Number.isFinite(y)) continue;
    x.forEach((v, i) => cols[i]!.push(v));
    found++;
  }
  return cols;
}

/** Largest |a − b| / |b| (|b| below 1e-300 counts as absolute). */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < b.length; i++) {
    const d = Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), 1e-300);
    if (!(d <= m)) m = d; // NaN wins
  }
  return m;
}
