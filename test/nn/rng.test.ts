import { describe, expect, it } from 'vitest';
import refs from '../fixtures/nn.json' with { type: 'json' };
import { Rng } from '../../src/nn/rng.ts';
import { DiffError } from '../../src/expr/errors.ts';

// Reference: a plain-Python xoshiro128** seeded through splitmix32 (scripts/nn_refs.py).
describe('the generator is xoshiro128** seeded by splitmix32', () => {
  it.each(Object.entries(refs.xoshiro128ss))('seed %s gives the reference stream', (seed, want) => {
    const r = new Rng(Number(seed));
    expect(Array.from({ length: want.length }, () => r.uint32())).toEqual(want);
  });
});

describe('the same seed gives the same run', () => {
  it('uniforms, normals, integers and permutations repeat', () => {
    const draw = (r: Rng): number[] => [r.next(), r.normal(), r.normal(), r.int(7), ...r.permutation(5)];
    expect(draw(new Rng(9))).toEqual(draw(new Rng(9)));
    expect(draw(new Rng(9))).not.toEqual(draw(new Rng(10)));
  });
  it('fork gives an independent, reproducible stream', () => {
    const a = new Rng(3).fork();
    const b = new Rng(3).fork();
    expect(a.next()).toBe(b.next());
  });
});

describe('distributions', () => {
  it('uniform on [0, 1): mean ½, variance 1/12', () => {
    const r = new Rng(1);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let inRange = true;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      inRange &&= u >= 0 && u < 1;
      s += u;
      s2 += u * u;
    }
    expect(inRange).toBe(true);
    expect(Math.abs(s / n - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(s2 / n - (s / n) ** 2 - 1 / 12)).toBeLessThan(0.002);
  });
  it('normal(μ, σ): sample mean and standard deviation', () => {
    const r = new Rng(2);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal(3, 2);
      s += z;
      s2 += z * z;
    }
    const m = s / n;
    expect(Math.abs(m - 3)).toBeLessThan(0.03);
    expect(Math.abs(Math.sqrt(s2 / n - m * m) - 2)).toBeLessThan(0.03);
  });
  it('int(n) covers 0 … n−1 evenly', () => {
    const r = new Rng(4);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[r.int(6)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });
  it('a permutation holds every index once', () => {
    const p = Array.from(new Rng(5).permutation(100)).sort((a, b) => a - b);
    expect(p).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe('bad seeds are refused', () => {
  it.each([-1, 1.5, NaN, 2 ** 32])('seed %s', (s) => expect(() => new Rng(s)).toThrow(DiffError));
});
