// Vanishing gradients (seed 002): δ^l = f′(z^l) ⊙ (W^(l+1))ᵀ δ^(l+1) multiplies
// by f′ at every layer; the logistic function has f′ ≤ ¼, so in a deep
// sigmoid network the gradient shrinks layer after layer towards the input.
// ReLU has f′ = 1 on its active units and keeps it.

import { lineChart } from '../../plot/vega.ts';
import { Tape } from '../../reverse/tape.ts';
import { moons } from '../data/toy.ts';
import { Dense, mlp, type Sequential } from '../layers.ts';
import { recordLoss, recordMean } from '../losses.ts';
import { Rng } from '../rng.ts';
import type { Experiment, ExperimentOptions, ExperimentResult } from './types.ts';

/** ‖∂C/∂W^l‖_F for every dense layer l = 1 … L, by one reverse sweep of the mean loss over the data. */
export function layerGradNorms(net: Sequential, xs: readonly Float64Array[], ys: ArrayLike<number>): number[] {
  const t = new Tape();
  net.zeroGrad();
  net.lossAndGrad(t, () => recordMean(t, xs.map((x, i) => recordLoss(t, 'bce', net.forwardData(t, x), ys[i]!))));
  return net.layers.filter((l): l is Dense => l instanceof Dense).map((d) => Math.sqrt(d.W.grad.reduce((s, g) => s + g * g, 0)));
}

export function runVanishingGradients(opts: ExperimentOptions = {}): ExperimentResult {
  const depth = opts.depth ?? 12;
  const width = opts.width ?? 32;
  const seed = opts.seed ?? 1;
  const data = moons(opts.quick ? 32 : 100, 0.1, new Rng(seed));
  const sizes = [2, ...Array.from({ length: depth }, () => width), 1];
  const sig = mlp(sizes, { activation: 'logistic', init: 'xavier', rng: seed });
  const relu = mlp(sizes, { activation: 'relu', init: 'he', rng: seed });
  const gs = layerGradNorms(sig, data.x, data.y);
  const gr = layerGradNorms(relu, data.x, data.y);
  const L = gs.length;
  const rows = gs.map((g, l) => [String(l + 1), g, gr[l]!]);
  const ratio = (g: number[]): number => g[0]! / g[L - 1]!;
  return {
    name: 'vanishing-gradients',
    title: `Gradient norm per layer: ${depth} hidden layers of ${width}, logistic (Xavier) against ReLU (He), moons data`,
    tables: [{ columns: ['layer', '‖∂C/∂W‖ logistic', '‖∂C/∂W‖ ReLU'], rows }],
    notes: [
      `Logistic: the first layer's gradient is ${ratio(gs).toExponential(2)} times the last layer's; each layer multiplies δ by σ′ ≤ ¼.`,
      `ReLU: the ratio is ${ratio(gr).toExponential(2)}; relu′ = 1 on active units, and He initialization keeps the scale of δ from layer to layer.`,
    ],
    figures: { depth, width, layers: L, logistic: gs, relu: gr },
    plot: lineChart({
      title: `‖∂C/∂Wˡ‖ per layer (${depth} hidden layers of ${width})`,
      rows: [...gs.map((y, l) => ({ x: l + 1, y, series: 'logistic' })), ...gr.map((y, l) => ({ x: l + 1, y, series: 'ReLU' }))],
      xTitle: 'layer (1 = input side)',
      yTitle: '‖∂C/∂W‖ (log scale)',
      yLog: true,
    }),
  };
}

export const vanishingGradients: Experiment = {
  name: 'vanishing-gradients',
  summary: 'gradient norm per layer in a deep network (≥ 10 layers), logistic against ReLU',
  run: runVanishingGradients,
};
