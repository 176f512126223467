// A seeded random number generator, so that the same seed gives the same run
// everywhere: data generators, initializations, shuffling and dropout.
//
// xoshiro128** (Blackman & Vigna) on four 32-bit words, seeded through
// splitmix32. Uniform doubles use 53 random bits; normals use the polar
// Box–Muller method.

import { DiffError } from '../expr/errors.ts';

const TWO_POW_M53 = 1 / 9007199254740992;

/** splitmix32: a bijective mixer used to expand one seed into a state. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = NaN; // the second normal of a Box–Muller pair

  /** `seed`: an integer from 0 to 2³² − 1. */
  constructor(seed = 0) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new DiffError(`seed must be an integer from 0 to 4294967295, got ${String(seed)}`);
    }
    const st = { s: seed | 0 };
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1; // the all-zero state is a fixed point
  }

  /** The next 32 random bits, as an unsigned integer. */
  uint32(): number {
    // result = rotl(b · 5, 7) · 9
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }

  /** Uniform on [0, 1), with 53 random bits. */
  next(): number {
    const hi = this.uint32() >>> 5; // 27 bits
    const lo = this.uint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * TWO_POW_M53;
  }

  /** Uniform on [lo, hi). */
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }

  /** Normal with the given mean and standard deviation (polar Box–Muller). */
  normal(mean = 0, std = 1): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return mean + std * z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    // (u, v) uniform in the unit disc ⇒ u·√(−2 ln s / s), v·√(−2 ln s / s) are independent N(0, 1)
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return mean + std * (u * f);
  }

  /** A uniform integer in [0, n), without modulo bias. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 0x100000000) throw new DiffError(`int(n) needs an integer n from 1 to 2³², got ${String(n)}`);
    // reject the top partial block of 2³² so every residue is equally likely
    const limit = 0x100000000 - (0x100000000 % n);
    let r: number;
    do r = this.uint32();
    while (r >= limit);
    return r % n;
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Shuffles the array in place (Fisher–Yates) and returns it. */
  shuffle<T, A extends { length: number; [i: number]: T }>(a: A): A {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
    return a;
  }

  /** A random permutation of 0 … n−1. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle<number, Int32Array>(p);
  }

  /** A new generator seeded from this one: an independent stream for a sub-task. */
  fork(): Rng {
    return new Rng(this.uint32());
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A generator from a seed, or the generator itself. */
export function toRng(seedOrRng: number | Rng | undefined, fallback = 0): Rng {
  return seedOrRng instanceof Rng ? seedOrRng : new Rng(seedOrRng ?? fallback);
}
