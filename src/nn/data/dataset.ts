// A classification data set: feature vectors and class labels.

import { DiffError } from '../../expr/errors.ts';

export interface Dataset {
  readonly name: string;
  /** One feature vector per sample. */
  readonly x: readonly Float64Array[];
  /** The class of each sample, 0 … classes.length − 1. */
  readonly y: Int32Array;
  /** Class names, by index. */
  readonly classes: readonly string[];
  /** Feature names, when they have any. */
  readonly features?: readonly string[];
}

/** A data set with a fixed training part and a held-out test part. */
export interface Split {
  readonly train: Dataset;
  readonly test: Dataset;
  /** How the split was made, for people. */
  readonly note: string;
}

export function makeDataset(name: string, x: readonly (ArrayLike<number>)[], y: ArrayLike<number>, classes: readonly string[], features?: readonly string[]): Dataset {
  if (x.length !== y.length) throw new DiffError(`data set ${name}: ${x.length} samples but ${y.length} labels`);
  const dim = x[0]?.length ?? 0;
  const xs = x.map((v, i) => {
    if (v.length !== dim) throw new DiffError(`data set ${name}: sample ${i} has ${v.length} features, expected ${dim}`);
    return v instanceof Float64Array ? v : Float64Array.from(v);
  });
  const ys = Int32Array.from(y);
  for (let i = 0; i < ys.length; i++) {
    if (ys[i]! < 0 || ys[i]! >= classes.length) throw new DiffError(`data set ${name}: label ${ys[i]} of sample ${i} is not a class index`);
  }
  return { name, x: xs, y: ys, classes, ...(features ? { features } : {}) };
}

/** The samples at the given indices. */
export function subset(d: Dataset, idx: ArrayLike<number>, name = d.name): Dataset {
  const x: Float64Array[] = [];
  const y = new Int32Array(idx.length);
  for (let k = 0; k < idx.length; k++) {
    x.push(d.x[idx[k]!]!);
    y[k] = d.y[idx[k]!]!;
  }
  return { ...d, name, x, y };
}

/** Number of features per sample. */
export const inputSize = (d: Dataset): number => d.x[0]?.length ?? 0;

/**
 * The box around a 2-D data set's points (features 0 and 1), widened on
 * each side by `pad` of its extent, and by at least `minPad`: where a plot
 * of decision regions is drawn.
 */
export function plotBounds(d: Dataset, pad = 0.15, minPad = 0): { x0: number; x1: number; y0: number; y1: number } {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of d.x) {
    x0 = Math.min(x0, p[0]!);
    x1 = Math.max(x1, p[0]!);
    y0 = Math.min(y0, p[1]!);
    y1 = Math.max(y1, p[1]!);
  }
  const px = Math.max(pad * (x1 - x0 || 1), minPad);
  const py = Math.max(pad * (y1 - y0 || 1), minPad);
  return { x0: x0 - px, x1: x1 + px, y0: y0 - py, y1: y1 + py };
}

/** Per-feature mean and standard deviation (population). */
export function featureStats(d: Dataset): { mean: Float64Array; std: Float64Array } {
  const n = d.x.length;
  const m = inputSize(d);
  const mean = new Float64Array(m);
  const std = new Float64Array(m);
  for (const v of d.x) for (let j = 0; j < m; j++) mean[j]! += v[j]!;
  for (let j = 0; j < m; j++) mean[j]! /= n;
  for (const v of d.x) for (let j = 0; j < m; j++) std[j]! += (v[j]! - mean[j]!) ** 2;
  for (let j = 0; j < m; j++) std[j] = Math.sqrt(std[j]! / n) || 1;
  return { mean, std };
}

/** (x − mean)/std with the given statistics (use the training set's on the test set). */
export function standardize(d: Dataset, stats: { mean: Float64Array; std: Float64Array }): Dataset {
  const x = d.x.map((v) => v.map((a, j) => (a - stats.mean[j]!) / stats.std[j]!));
  return { ...d, x };
}

/** Minibatches: a partition of 0 … n−1 into groups of `size` (the last may be smaller), shuffled when an rng is given. */
export function batches(n: number, size: number, shuffle?: { permutation(n: number): Int32Array }): Int32Array[] {
  if (!Number.isInteger(size) || size < 1) throw new DiffError(`batch size must be a positive integer, got ${size}`);
  const order = shuffle ? shuffle.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
  const out: Int32Array[] = [];
  for (let s = 0; s < n; s += size) out.push(order.subarray(s, Math.min(n, s + size)));
  return out;
}
