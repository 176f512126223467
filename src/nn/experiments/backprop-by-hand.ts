// Seed 004's hand computation, by the layer-wise equations and by the tape.

import { Tape } from '../../reverse/tape.ts';
import { backprop, type BpLayer } from '../backprop.ts';
import { Dense, ActivationLayer, Sequential } from '../layers.ts';
import { recordLoss } from '../losses.ts';
import type { Experiment, ExperimentResult } from './types.ts';

/** The seed's network: x₃ = w₁₃x₁ + w₂₃x₂, x₄ = w₁₄x₁ + w₂₄x₂, x₅ = w₃₅O₃ + w₄₅O₄, O = σ, E = ½(O₅ − t₅)². */
export const SEED004 = {
  x: [0.35, 0.9],
  t: 0.5,
  w: { w13: 0.1, w14: 0.4, w23: 0.8, w24: 0.6, w35: 0.3, w45: 0.9 },
} as const;

export function seed004Layers(): BpLayer[] {
  const { w } = SEED004;
  return [
    { W: [w.w13, w.w23, w.w14, w.w24], b: [0, 0], nIn: 2, nOut: 2, activation: 'sigmoid' },
    { W: [w.w35, w.w45], b: [0], nIn: 2, nOut: 1, activation: 'sigmoid' },
  ];
}

export function runBackpropByHand(): ExperimentResult {
  const { x, t: target } = SEED004;
  const r = backprop(seed004Layers(), x, [target], 'sse');
  // the same network on the tape
  const l1 = new Dense(2, 2, { W: Float64Array.from(seed004Layers()[0]!.W as number[]), b: new Float64Array(2) });
  const l2 = new Dense(2, 1, { W: Float64Array.from(seed004Layers()[1]!.W as number[]), b: new Float64Array(1) });
  const net = new Sequential([l1, new ActivationLayer('logistic'), l2, new ActivationLayer('logistic')]);
  const tape = new Tape();
  net.zeroGrad();
  const E = net.lossAndGrad(tape, () => recordLoss(tape, 'sse', net.forwardData(tape, x), [target]));
  const [o3, o4] = r.a[1]!;
  const rows: [string, string, number, number][] = [
    ['x₃ = w₁₃x₁ + w₂₃x₂', '0.755', r.z[0]![0]!, NaN],
    ['x₄ = w₁₄x₁ + w₂₄x₂', '0.68', r.z[0]![1]!, NaN],
    ['O₃ = σ(x₃)', '0.69 (sic)', o3!, NaN],
    ['O₄ = σ(x₄)', '0.663', o4!, NaN],
    ['x₅ = w₃₅O₃ + w₄₅O₄', '0.801', r.z[1]![0]!, NaN],
    ['O₅ = σ(x₅)', '0.69', r.a[2]![0]!, NaN],
    ['E = ½(O₅ − t₅)²', '0.018', r.loss, E],
    ['∂E/∂x₅ = (O₅ − t₅)O₅(1 − O₅)', '0.027 (sic)', r.delta[1]![0]!, NaN],
    ['∂E/∂w₃₅ = δ₅O₃', '', r.dW[1]![0]!, l2.W.grad[0]!],
    ['∂E/∂w₄₅ = δ₅O₄', '', r.dW[1]![1]!, l2.W.grad[1]!],
    ['∂E/∂w₁₃ = δ₅w₃₅O₃(1 − O₃)x₁', '', r.dW[0]![0]!, l1.W.grad[0]!],
    ['∂E/∂w₂₃ = δ₅w₃₅O₃(1 − O₃)x₂', '', r.dW[0]![1]!, l1.W.grad[1]!],
    ['∂E/∂w₁₄ = δ₅w₄₅O₄(1 − O₄)x₁', '', r.dW[0]![2]!, l1.W.grad[2]!],
    ['∂E/∂w₂₄ = δ₅w₄₅O₄(1 − O₄)x₂', '', r.dW[0]![3]!, l1.W.grad[3]!],
  ];
  const gradRows = rows.slice(8);
  return {
    name: 'backprop-by-hand',
    title: 'Seed 004: backprop by hand (x₁ = 0.35, x₂ = 0.9, t₅ = 0.5)',
    tables: [
      {
        columns: ['quantity', 'seed', 'layer-wise (BP1–BP4)', 'tape'],
        rows: rows.map(([q, s, a, b]) => [q, s, a.toFixed(6), Number.isNaN(b) ? '' : b.toFixed(6)]),
      },
    ],
    notes: [
      `Every forward number of the seed is reproduced: x₃ = 0.755, x₄ = 0.68, x₅ = ${r.z[1]![0]!.toFixed(3)}, O₅ = ${r.a[2]![0]!.toFixed(2)}, E = ${r.loss.toFixed(3)}.`,
      `The seed prints O₃ = 0.69, but σ(0.755) = ${o3!.toFixed(4)}; its own x₅ = 0.801 uses 0.680.`,
      `The seed's formula ∂E/∂x₅ = (O₅ − t₅)O₅(1 − O₅) gives 0.19 · 0.69 · 0.31 ≈ 0.041 (${r.delta[1]![0]!.toFixed(4)} unrounded), not 0.027; the seed's 0.027 is ∂E/∂w₄₅ = δ₅O₄ = ${r.dW[1]![1]!.toFixed(4)} (and ∂E/∂w₃₅ = ${r.dW[1]![0]!.toFixed(4)}).`,
      'The layer-wise equations and the tape agree on every gradient.',
    ],
    figures: {
      x3: r.z[0]![0],
      x4: r.z[0]![1],
      o3,
      o4,
      x5: r.z[1]![0],
      o5: r.a[2]![0],
      E: r.loss,
      dE_dx5: r.delta[1]![0],
      gradients: Object.fromEntries(gradRows.map(([q, , a]) => [q.split(' = ')[0]!, a])),
      tapeGradients: Object.fromEntries(gradRows.map(([q, , , b]) => [q.split(' = ')[0]!, b])),
    },
    plot: {
      title: 'Seed 004: ∂E/∂w by the four equations and by the tape',
      width: 420,
      height: 260,
      data: {
        values: gradRows.flatMap(([q, , a, b]) => [
          { weight: q.split(' = ')[0]!.replace('∂E/∂', ''), method: 'layer-wise', value: a },
          { weight: q.split(' = ')[0]!.replace('∂E/∂', ''), method: 'tape', value: b },
        ]),
      },
      mark: 'bar',
      encoding: {
        x: { field: 'weight', type: 'nominal', title: null },
        xOffset: { field: 'method' },
        y: { field: 'value', type: 'quantitative', title: '∂E/∂w' },
        color: { field: 'method', type: 'nominal', title: null },
      },
    },
  };
}

export const backpropByHand: Experiment = {
  name: 'backprop-by-hand',
  summary: "seed 004's hand-computed backprop (x₁ = 0.35, x₂ = 0.9, …) by the four equations and by the tape",
  run: runBackpropByHand,
};
