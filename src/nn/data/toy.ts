// Small data sets from the seeds and the usual toy problems, all seeded.

import { DiffError } from '../../expr/errors.ts';
import { Rng, toRng } from '../rng.ts';
import { type Dataset, makeDataset } from './dataset.ts';

const BITS: readonly (readonly [number, number])[] = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

export const GATE_NAMES = ['and', 'or', 'nand', 'nor', 'xor', 'xnor'] as const;
export type GateName = (typeof GATE_NAMES)[number];

const TRUTH: Readonly<Record<GateName, (a: number, b: number) => number>> = {
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  nand: (a, b) => 1 - (a & b),
  nor: (a, b) => 1 - (a | b),
  xor: (a, b) => a ^ b,
  xnor: (a, b) => 1 - (a ^ b),
};

/** The truth table of a two-input gate: inputs (0,0), (0,1), (1,0), (1,1). */
export function gate(name: GateName): Dataset {
  const f = TRUTH[name];
  if (f === undefined) throw new DiffError(`unknown gate ${JSON.stringify(name)}: use one of ${GATE_NAMES.join(', ')}`);
  return makeDataset(name, BITS, BITS.map(([a, b]) => f(a, b)), ['0', '1'], ['x1', 'x2']);
}

/** XOR: [0,0]→0, [0,1]→1, [1,0]→1, [1,1]→0. */
export const xor = (): Dataset => gate('xor');

/**
 * A 1-D threshold: n points evenly spaced on [lo, hi], label 1 when x > threshold.
 */
export function threshold(n = 20, at = 0.5, lo = -2, hi = 2): Dataset {
  if (!Number.isInteger(n) || n < 2) throw new DiffError(`threshold data needs n ≥ 2 points, got ${n}`);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = lo + ((hi - lo) * i) / (n - 1);
    x.push([v]);
    y.push(v > at ? 1 : 0);
  }
  return makeDataset(`threshold(${at})`, x, y, ['0', '1'], ['x']);
}

/**
 * Two interleaving half circles, like scikit-learn's make_moons: ⌊n/2⌋
 * points (cos t, sin t) labelled 0 and the rest (1 − cos t, ½ − sin t)
 * labelled 1, t evenly spaced on [0, π], plus N(0, noise²) on each
 * coordinate, then shuffled.
 */
export function moons(n = 100, noise = 0.1, seed: number | Rng = 0): Dataset {
  if (!Number.isInteger(n) || n < 2) throw new DiffError(`moons needs n ≥ 2 points, got ${n}`);
  const rng = toRng(seed);
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const pts: [number, number, number][] = [];
  const lin = (i: number, m: number): number => (m === 1 ? 0 : (Math.PI * i) / (m - 1));
  for (let i = 0; i < nOut; i++) pts.push([Math.cos(lin(i, nOut)), Math.sin(lin(i, nOut)), 0]);
  for (let i = 0; i < nIn; i++) pts.push([1 - Math.cos(lin(i, nIn)), 0.5 - Math.sin(lin(i, nIn)), 1]);
  for (const p of pts) {
    p[0] += rng.normal(0, noise);
    p[1] += rng.normal(0, noise);
  }
  rng.shuffle(pts);
  return makeDataset(`moons(${n}, noise ${noise})`, pts.map((p) => [p[0], p[1]]), pts.map((p) => p[2]), ['0', '1'], ['x1', 'x2']);
}

/**
 * K interleaved spirals (the CS231n toy set): for class k, n points with
 * radius r = i/(n−1) and angle θ = 4k + 4r + N(0, noise²), at (r sin θ, r cos θ).
 */
export function spirals(nPerClass = 100, classes = 3, noise = 0.2, seed: number | Rng = 0): Dataset {
  if (!Number.isInteger(nPerClass) || nPerClass < 2) throw new DiffError(`spirals needs at least 2 points per class, got ${nPerClass}`);
  if (!Number.isInteger(classes) || classes < 2) throw new DiffError(`spirals needs at least 2 classes, got ${classes}`);
  const rng = toRng(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let k = 0; k < classes; k++) {
    for (let i = 0; i < nPerClass; i++) {
      const r = i / (nPerClass - 1);
      const t = 4 * k + 4 * r + rng.normal(0, noise);
      x.push([r * Math.sin(t), r * Math.cos(t)]);
      y.push(k);
    }
  }
  const order = rng.permutation(x.length);
  return makeDataset(
    `spirals(${classes}×${nPerClass}, noise ${noise})`,
    Array.from(order, (i) => x[i]!),
    Array.from(order, (i) => y[i]!),
    Array.from({ length: classes }, (_, k) => String(k)),
    ['x1', 'x2'],
  );
}

/**
 * Two concentric circles, like scikit-learn's make_circles: ⌊n/2⌋ points on
 * the unit circle labelled 0 and the rest on a circle of radius `factor`
 * labelled 1, angles evenly spaced, plus N(0, noise²) on each coordinate,
 * then shuffled.
 */
export function circles(n = 100, noise = 0.1, factor = 0.5, seed: number | Rng = 0): Dataset {
  if (!Number.isInteger(n) || n < 2) throw new DiffError(`circles needs n ≥ 2 points, got ${n}`);
  if (!(factor > 0 && factor < 1)) throw new DiffError(`circles needs 0 < factor < 1, got ${factor}`);
  const rng = toRng(seed);
  const nOut = Math.floor(n / 2);
  const pts: [number, number, number][] = [];
  for (let i = 0; i < nOut; i++) pts.push([Math.cos((2 * Math.PI * i) / nOut), Math.sin((2 * Math.PI * i) / nOut), 0]);
  for (let i = 0; i < n - nOut; i++) pts.push([factor * Math.cos((2 * Math.PI * i) / (n - nOut)), factor * Math.sin((2 * Math.PI * i) / (n - nOut)), 1]);
  for (const p of pts) {
    p[0] += rng.normal(0, noise);
    p[1] += rng.normal(0, noise);
  }
  rng.shuffle(pts);
  return makeDataset(`circles(${n}, noise ${noise})`, pts.map((p) => [p[0], p[1]]), pts.map((p) => p[2]), ['0', '1'], ['x1', 'x2']);
}
