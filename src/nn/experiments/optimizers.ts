// The optimizers of seed 003 on one task, from the same initialization and
// the same minibatches: loss curves per epoch.

import { lineChart } from '../../plot/vega.ts';
import { spirals } from '../data/toy.ts';
import { mlp } from '../layers.ts';
import { makeOptimizer, OPTIMIZER_NAMES, type OptimizerName } from '../optim.ts';
import { fit } from '../train.ts';
import type { Experiment, ExperimentOptions, ExperimentResult } from './types.ts';

/** Learning rates: one α for the plain and momentum methods, a smaller one for the adaptive ones. */
export const OPTIMIZER_LR: Readonly<Record<OptimizerName, number>> = {
  sgd: 0.05,
  momentum: 0.05,
  nesterov: 0.05,
  adagrad: 0.05,
  rmsprop: 0.005,
  adam: 0.005,
};

export function runOptimizers(opts: ExperimentOptions = {}): ExperimentResult {
  const seed = opts.seed ?? 1;
  const epochs = opts.epochs ?? (opts.quick ? 5 : 60);
  const data = spirals(opts.quick ? 30 : 100, 3, 0.2, seed);
  const curves: Record<string, number[]> = {};
  const final: Record<string, { loss: number; accuracy: number }> = {};
  for (const name of OPTIMIZER_NAMES) {
    const net = mlp([2, 32, 32, 3], { activation: 'relu', rng: seed }); // the same initial weights for every optimizer
    const opt = makeOptimizer(name, net.parameters(), { lr: OPTIMIZER_LR[name] });
    const r = fit(net, data, { loss: 'softmax-ce', optimizer: opt, epochs, batchSize: 32, rng: seed });
    curves[name] = r.history.map((h) => h.loss);
    final[name] = { loss: r.loss, accuracy: r.accuracy };
  }
  const checkpoints = [1, 2, 5, 10, 20, 40, 60, 100, 200].filter((e) => e <= epochs);
  if (checkpoints[checkpoints.length - 1] !== epochs) checkpoints.push(epochs);
  return {
    name: 'optimizers',
    title: `Optimizers on 3 spirals (${data.x.length} points), MLP 2-32-32-3 ReLU, softmax cross-entropy, minibatches of 32`,
    tables: [
      {
        title: 'mean training loss per epoch',
        columns: ['epoch', ...OPTIMIZER_NAMES.map((n) => `${n} (α=${OPTIMIZER_LR[n]})`)],
        rows: checkpoints.map((e) => [String(e), ...OPTIMIZER_NAMES.map((n) => curves[n]![e - 1]!)]),
      },
      {
        title: 'after training (evaluation mode)',
        columns: ['', ...OPTIMIZER_NAMES],
        rows: [
          ['loss', ...OPTIMIZER_NAMES.map((n) => final[n]!.loss)],
          ['accuracy', ...OPTIMIZER_NAMES.map((n) => `${(100 * final[n]!.accuracy).toFixed(1)} %`)],
        ],
      },
    ],
    notes: [
      'Same initial weights and the same shuffled minibatches for every optimizer (seeded).',
      'Momentum and Nesterov reach a given loss in fewer epochs than plain SGD at the same α; RMSProp and Adam adapt the step per parameter (1e-7 inside the square root, as in the seed).',
    ],
    figures: { epochs, lr: OPTIMIZER_LR, curves, final },
    plot: lineChart({
      title: 'Training loss per epoch (3 spirals, 2-32-32-3)',
      rows: OPTIMIZER_NAMES.flatMap((n) => curves[n]!.map((y, e) => ({ x: e + 1, y, series: n }))),
      xTitle: 'epoch',
      yTitle: 'mean loss (log scale)',
      yLog: true,
    }),
  };
}

export const optimizersExperiment: Experiment = {
  name: 'optimizers',
  summary: 'SGD, momentum, Nesterov, AdaGrad, RMSProp and Adam on the same task, as loss curves',
  run: runOptimizers,
};
