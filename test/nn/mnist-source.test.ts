// The core reads no files: without the Node edge, MNIST says where its digits come from.
import { describe, expect, it } from 'vitest';
import { mnistSplit, setMnistSource, MNIST_SIZE } from '../../src/nn/data/mnist.ts';
import { DiffError } from '../../src/expr/errors.ts';

describe('MNIST in the pure core', () => {
  it('refuses with a note naming difflab/node when no source is installed', async () => {
    await expect(mnistSplit()).rejects.toThrow(DiffError);
    await expect(mnistSplit()).rejects.toThrow(/difflab\/node/);
  });
  it('splits whatever digits a source gives: i mod 5 = 4 held out', async () => {
    const x = Array.from({ length: 10 }, (_, i) => new Float64Array(MNIST_SIZE).fill(i / 10));
    setMnistSource(async () => ({ x, y: Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]) }));
    const s = await mnistSplit();
    expect(s.test.x.map((d) => d[0])).toEqual([0.4, 0.9]);
    expect(Array.from(s.test.y)).toEqual([2, 4]);
    expect(s.train.x.length).toBe(8);
  });
});
