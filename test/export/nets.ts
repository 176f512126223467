// The networks the export tests carry out: the seeds' trained networks (the
// neuron, XOR, moons, a short-trained MNIST MLP) and small random networks
// covering every activation, maxout and dropout. References come from
// difflab's own layers (predict, and one SGD step through the tape).

import '../../src/node/index.ts'; // installs the MNIST reader (the digits are read from disk)
import { ACTIVATION_NAMES } from '../../src/nn/activations.ts';
import { ActivationLayer, Dense, loadModel, mlp, saveModel, Sequential, type ModelJson } from '../../src/nn/layers.ts';
import { recordLoss, recordMean } from '../../src/nn/losses.ts';
import { Rng } from '../../src/nn/rng.ts';
import { runTrainTask } from '../../src/nn/tasks.ts';
import { Tape } from '../../src/reverse/tape.ts';

export interface NamedNet {
  readonly name: string;
  readonly model: ModelJson;
  readonly inputs: number;
}

/** The seeds' networks, trained briefly. */
export async function seedNets(): Promise<NamedNet[]> {
  const neuron = await runTrainTask({ task: 'neuron' });
  const p = neuron.params!;
  // the trained neuron σ(w1 x1 + w2 x2 + b) as a one-unit network
  const neuronNet = new Sequential([new Dense(2, 1, { W: Float64Array.from([p.w1!, p.w2!]), b: Float64Array.from([p.b!]) }), new ActivationLayer('logistic')]);
  const xor = await runTrainTask({ task: 'xor' });
  const moons = await runTrainTask({ task: 'moons', epochs: 20 });
  const mnist = await runTrainTask({ task: 'mnist', hidden: [16], epochs: 1, limit: 300 });
  return [
    { name: 'the neuron (AND gate)', model: saveModel(neuronNet), inputs: 2 },
    { name: 'XOR 2-4-1 tanh', model: xor.network!, inputs: 2 },
    { name: 'moons 2-16-16-1 relu', model: moons.network!, inputs: 2 },
    { name: 'MNIST 784-16-10 relu', model: mnist.network!, inputs: 784 },
  ];
}

/** Random networks with every activation (hidden and output), maxout and dropout. */
export function coverageNets(): NamedNet[] {
  const nets: NamedNet[] = [];
  let seed = 7;
  for (const act of ACTIVATION_NAMES) {
    const param = act === 'leaky-relu' ? ':0.2' : act === 'elu' ? ':0.7' : act === 'swish' ? ':1.5' : '';
    nets.push({ name: `3-5-4-2 ${act}${param}`, model: saveModel(mlp([3, 5, 4, 2], { activation: act + param, output: act === 'linear' ? 'logistic' : act + param, rng: seed++, init: 'normal:0.8' })), inputs: 3 });
  }
  nets.push({ name: '3-4-2 maxout:3', model: saveModel(mlp([3, 4, 2], { activation: 'maxout:3', rng: seed++ })), inputs: 3 });
  nets.push({ name: '3-6-2 relu, dropout 0.8', model: saveModel(mlp([3, 6, 2], { activation: 'relu', dropout: 0.8, rng: seed++ })), inputs: 3 });
  nets.push({ name: 'leaky-relu without a parameter', model: saveModel(new Sequential([new Dense(3, 2, { rng: seed++ }), new ActivationLayer('leaky-relu')])), inputs: 3 });
  return nets;
}

/** A seeded batch: inputs in [−2, 2] (MNIST-like nets: [0, 1]) and targets in [−1, 1]. */
export function batch(inputs: number, outputs: number, n: number, seed: number): { X: number[][]; T: number[][] } {
  const rng = new Rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: inputs }, () => (inputs > 100 ? rng.next() : -2 + 4 * rng.next())));
  const T = Array.from({ length: n }, () => Array.from({ length: outputs }, () => -1 + 2 * rng.next()));
  return { X, T };
}

/** difflab's logits (inference, dropout off). */
export function logits(model: ModelJson, X: readonly number[][]): number[][] {
  const net = loadModel(model).eval();
  return X.map((x) => Array.from(net.predict(x)));
}

/** The parameters by state-dict name after one SGD step on the mean squared error, through difflab's tape. */
export function sgdStep(model: ModelJson, X: readonly number[][], T: readonly number[][], lr: number): Record<string, number[]> {
  const net = loadModel(model).eval();
  net.zeroGrad();
  const t = new Tape();
  net.lossAndGrad(t, () => recordMean(t, X.map((x, i) => recordLoss(t, 'mse', net.forwardData(t, x), T[i]!))));
  const out: Record<string, number[]> = {};
  for (const [name, param] of net.namedParameters()) out[name] = Array.from(param.data, (v, i) => v - lr * param.grad[i]!);
  return out;
}

/** The number of outputs of a saved network. */
export function outputsOf(model: ModelJson, inputs: number): number {
  return loadModel(model).outSize(inputs);
}
