// A saved model is validated whole at load: types, shapes, layer kinds, and
// the chain of sizes, each problem a DiffError naming the field.

import { describe, expect, it } from 'vitest';
import { DiffError } from '../../src/expr/errors.ts';
import { loadModel, mlp, saveModel } from '../../src/nn/layers.ts';

const good = (): Record<string, unknown> => JSON.parse(JSON.stringify(saveModel(mlp([2, 3, 1], { activation: 'tanh', rng: 1 })))) as Record<string, unknown>;
const layers = (m: Record<string, unknown>): Record<string, unknown>[] => m.layers as Record<string, unknown>[];

function refusal(edit: (m: Record<string, unknown>) => void): string {
  const m = good();
  edit(m);
  try {
    loadModel(JSON.stringify(m));
  } catch (err) {
    expect(err).toBeInstanceOf(DiffError);
    return (err as Error).message;
  }
  throw new Error('loaded a corrupted model');
}

describe('a saved model is checked whole at load', () => {
  it('a good file loads and predicts as before', () => {
    const net = mlp([2, 3, 1], { activation: 'tanh', rng: 1 });
    expect(Array.from(loadModel(JSON.stringify(saveModel(net))).predict([0.5, -1]))).toEqual(Array.from(net.predict([0.5, -1])));
  });
  const cases: [string, (m: Record<string, unknown>) => void, RegExp][] = [
    ['format', (m) => (m.format = 'other'), /"format" must be "difflab\.nn"/],
    ['version', (m) => (m.version = 2), /"version" 2 is not supported/],
    ['layers not an array', (m) => (m.layers = {}), /"layers" must be an array/],
    ['a layer not an object', (m) => (layers(m)[1] = 7 as unknown as Record<string, unknown>), /layer 1 must be an object, got 7/],
    ['an unknown layer kind', (m) => (layers(m)[1]!.type = 'conv'), /layer 1 "type" must be one of dense, maxout, activation, dropout, got "conv"/],
    ['a weight of the wrong type', (m) => ((layers(m)[0]!.W as unknown[])[4] = '0.5'), /layer 0 W\[4\] must be a finite number, got "0\.5"/],
    ['a null weight', (m) => ((layers(m)[2]!.b as unknown[])[0] = null), /layer 2 b\[0\] must be a finite number, got null/],
    ['a missing weight', (m) => (layers(m)[0]!.W as unknown[]).pop(), /layer 0 W must be 6 numbers \(the layer's shape\), got 5/],
    ['W not an array', (m) => (layers(m)[2]!.W = 'abc'), /layer 2 W must be 3 numbers \(an array\), got "abc"/],
    ['a size that is not an integer', (m) => (layers(m)[0]!.out = 2.5), /layer 0 "out" must be a positive integer, got 2\.5/],
    ['shapes that do not chain', (m) => Object.assign(layers(m)[2]!, { in: 2, W: [0, 0] }), /layer 2 "in" is 2, but the layer before it gives 3 features/],
    ['an unknown activation', (m) => (layers(m)[1]!.activation = 'sine'), /layer 1 "activation" is not an activation/],
    ['a bad dropout probability', (m) => (layers(m)[1] = { type: 'dropout', p: 1.5 }), /layer 1 "p" must be a keep probability in \(0, 1\], got 1\.5/],
  ];
  for (const [what, edit, message] of cases) it(what, () => expect(refusal(edit)).toMatch(message));
  it('not JSON, or not an object', () => {
    expect(() => loadModel('{')).toThrow(/not a saved model/);
    expect(() => loadModel('[1]')).toThrow(/the file must be an object/);
  });
});
