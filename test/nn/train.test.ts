import { describe, expect, it } from 'vitest';
import { fit, evaluateModel } from '../../src/nn/train.ts';
import { mlp } from '../../src/nn/layers.ts';
import { moons, spirals, xor } from '../../src/nn/data/toy.ts';
import { Adam, SGD } from '../../src/nn/optim.ts';
import { regularize, parseRegularizer, weightsOnly } from '../../src/nn/regularize.ts';
import { fillInit, initStd, parseInit } from '../../src/nn/init.ts';
import { runTrainTask, scheduleFn, parseTask } from '../../src/nn/tasks.ts';
import { Rng } from '../../src/nn/rng.ts';
import { clipGradNorm, gradNorm, Param } from '../../src/nn/param.ts';
import { DiffError } from '../../src/expr/errors.ts';
import '../../src/node/index.ts'; // installs the MNIST reader (the digits are read from disk)

describe("micrograd's moons demo reaches 100 % training accuracy", () => {
  it('2-16-16-1 ReLU, hinge + 1e-4·Σp², 100 full-batch SGD steps, lr = 1 − 0.9k/100', () => {
    const data = moons(100, 0.1, 1);
    const net = mlp([2, 16, 16, 1], { activation: 'relu', init: 'uniform:1', rng: 1 });
    const r = fit(net, data, { loss: 'hinge', optimizer: new SGD(net.parameters(), { lr: 1 }), epochs: 100, regularizer: { kind: 'l2', lambda: 1e-4 }, lrSchedule: (k, n) => 1 - (0.9 * k) / n });
    expect(r.steps).toBe(100);
    expect(r.accuracy).toBe(1);
    expect(r.history[99]!.loss).toBeLessThan(r.history[0]!.loss / 10);
  });
});

describe('training is reproducible and learns', () => {
  const run = (seed: number): number[] => {
    const data = spirals(20, 3, 0.2, 1);
    const net = mlp([2, 8, 3], { activation: 'tanh', rng: seed, dropout: 0.9 });
    return fit(net, data, { loss: 'softmax-ce', optimizer: new Adam(net.parameters(), { lr: 0.02 }), epochs: 5, batchSize: 8, rng: seed }).history.map((h) => h.loss);
  };
  it('the same seed gives the same losses, to the last bit (shuffling and dropout included)', () => expect(run(4)).toEqual(run(4)));
  it('another seed gives another run', () => expect(run(4)).not.toEqual(run(5)));
  it('XOR with one hidden layer', () => {
    const net = mlp([2, 4, 1], { activation: 'tanh', rng: 0 });
    const r = fit(net, xor(), { loss: 'bce', optimizer: new Adam(net.parameters(), { lr: 0.05 }), epochs: 300 });
    expect(r.accuracy).toBe(1);
    expect(evaluateModel(net, xor(), 'bce').accuracy).toBe(1);
  });
  it('minibatches: ⌈n/B⌉ steps per epoch', () => {
    const net = mlp([2, 3, 3], { rng: 0 });
    const r = fit(net, spirals(10, 3, 0.2, 0), { loss: 'softmax-ce', optimizer: new SGD(net.parameters()), epochs: 2, batchSize: 7 });
    expect(r.steps).toBe(2 * Math.ceil(30 / 7));
  });
  it('bad settings are DiffErrors', () => {
    const net = mlp([2, 3, 1], { rng: 0 });
    expect(() => fit(net, xor(), { loss: 'bce', optimizer: new SGD(net.parameters()), epochs: 0 })).toThrow(/epochs/);
    expect(() => fit(net, xor(), { loss: 'bce', optimizer: new SGD(net.parameters()), epochs: 1, batchSize: -1 })).toThrow(/batch size/);
  });
});

describe('regularization (seed 003): J + λR', () => {
  const p = (): Param => new Param('W', [3], Float64Array.of(1, -2, 0));
  it('L2: λΣθ², gradient 2λθ', () => {
    const q = p();
    expect(regularize([q], { kind: 'l2', lambda: 0.1 })).toBeCloseTo(0.5, 15);
    expect(Array.from(q.grad)).toEqual([0.2, -0.4, 0]);
  });
  it('L1: λΣ|θ|, gradient λ sign θ (0 at 0)', () => {
    const q = p();
    expect(regularize([q], { kind: 'l1', lambda: 0.1 })).toBeCloseTo(0.3, 15);
    expect(Array.from(q.grad)).toEqual([0.1, -0.1, 0]);
  });
  it('elastic net: λ(βΣθ² + Σ|θ|)', () => {
    const q = p();
    expect(regularize([q], { kind: 'elastic', lambda: 0.1, beta: 0.5 })).toBeCloseTo(0.1 * (0.5 * 5 + 3), 15);
    expect(q.grad[0]).toBeCloseTo(0.1 * (2 * 0.5 * 1 + 1), 15);
  });
  it('without addGrad only the value; parse and weightsOnly', () => {
    const q = p();
    regularize([q], { kind: 'l2', lambda: 1 }, false);
    expect(Array.from(q.grad)).toEqual([0, 0, 0]);
    expect(parseRegularizer('elastic:1e-3:0.5')).toEqual({ kind: 'elastic', lambda: 1e-3, beta: 0.5 });
    expect(() => parseRegularizer('l3:1')).toThrow(/unknown regularizer/);
    expect(weightsOnly(mlp([2, 3, 1], { rng: 0 }).parameters()).map((x) => x.name)).toEqual(['W', 'W']);
  });
});

describe('initializations draw the advertised standard deviation', () => {
  const sd = (a: Float64Array): number => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);
  it.each([
    ['he', 200, 100, Math.sqrt(2 / 200)],
    ['lecun', 200, 100, Math.sqrt(1 / 200)],
    ['xavier', 200, 100, Math.sqrt(2 / 300)],
    ['xavier-uniform', 200, 100, Math.sqrt(2 / 300)],
    ['he-uniform', 200, 100, Math.sqrt(2 / 200)],
    ['normal:0.05', 200, 100, 0.05],
  ] as const)('%s', (name, fanIn, fanOut, want) => {
    const init = parseInit(name);
    expect(initStd(init, fanIn, fanOut)).toBeCloseTo(want, 15);
    const w = fillInit(new Float64Array(fanIn * fanOut), init, fanIn, fanOut, new Rng(1));
    expect(Math.abs(sd(w) / want - 1)).toBeLessThan(0.02);
  });
  it('uniform:a stays in (−a, a); unknown names are refused', () => {
    const w = fillInit(new Float64Array(1000), parseInit('uniform:1'), 2, 2, new Rng(1));
    expect(w.every((v) => v > -1 && v < 1)).toBe(true);
    expect(() => parseInit('orthogonal')).toThrow(/unknown init/);
    expect(() => parseInit('normal')).toThrow(/positive standard deviation/);
  });
});

describe('gradient norms and clipping', () => {
  it('clipGradNorm rescales to the maximum norm and returns the old norm', () => {
    const q = new Param('b', [2]);
    q.grad.set([3, 4]);
    expect(clipGradNorm([q], 1)).toBe(5);
    expect(gradNorm([q])).toBeCloseTo(1, 15);
  });
});

describe('training tasks', () => {
  it('xor with the defaults', async () => {
    const r = await runTrainTask({ task: 'xor' });
    expect(r.accuracy).toBe(1);
    expect(r.model).toBe('2 → dense 4 → tanh → dense 1');
    expect(r.history.length).toBe(300);
  });
  it('moons with the defaults is the micrograd demo', async () => {
    const r = await runTrainTask({ task: 'moons' });
    expect(r.steps).toBe(100);
    expect(r.accuracy).toBe(1);
    expect(r.settings).toMatchObject({ loss: 'hinge', optimizer: 'sgd', schedule: 'linear', regularizer: 'l2:1e-4', init: 'uniform:1' });
    expect(r.boundary?.grid.length).toBe(3600);
  });
  it('iris reports test accuracy on the held-out flowers', async () => {
    const r = await runTrainTask({ task: 'iris', epochs: 30 });
    expect(r.testAccuracy).toBeGreaterThan(0.85);
  });
  it('mnist on a small subset, one epoch', async () => {
    const r = await runTrainTask({ task: 'mnist', limit: 400, epochs: 1, batch: 50 });
    expect(r.steps).toBe(8);
    expect(r.testAccuracy).toBeGreaterThan(0.3);
  });
  it('the neuron task', async () => {
    const r = await runTrainTask({ task: 'neuron', epochs: 50, explain: true });
    expect(r.explain?.gradient.w).toBe(0.25);
    expect(r.params).toHaveProperty('w1');
  });
  it('schedules and names', () => {
    expect(scheduleFn('linear', 1)(50, 100)).toBeCloseTo(0.55, 15);
    expect(scheduleFn('cosine', 2)(50, 100)).toBeCloseTo(1, 15);
    expect(() => parseTask('cifar')).toThrow(DiffError);
  });
  it('a 3-class task refuses bce', async () => {
    await expect(runTrainTask({ task: 'spirals', loss: 'bce', epochs: 1 })).rejects.toThrow(/softmax-ce/);
  });
});
