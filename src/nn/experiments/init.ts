// Seed 003's initialization experiment: x ~ N(0, 1) of shape 16 × n pushed
// through tanh layers x ← tanh(x·W) with Wᵢⱼ ~ N(0, s²). With s = 0.05 and
// n = 4096 each unit sums 4096 terms of standard deviation 0.05·std(x), so
// z has std ≈ 3.2·std(x) and tanh saturates at ±1; with s = 0.01 the std
// shrinks by ≈ 0.64 per layer towards 0; s = 1/√n keeps it of order one.

import { lineChart } from '../../plot/vega.ts';
import { Rng } from '../rng.ts';
import type { Experiment, ExperimentOptions, ExperimentResult } from './types.ts';

export interface LayerStats {
  readonly mean: number;
  readonly std: number;
  /** Fraction of units with |a| > 0.99 (saturated). */
  readonly saturated: number;
}

/**
 * Mean and standard deviation of the activations after each of `depth`
 * tanh layers of width n with weights N(0, scale²). The same standard
 * normal input and weight draws are used for every scale.
 */
export function initStats(n: number, depth: number, scales: readonly number[], samples = 16, seed = 0): LayerStats[][] {
  const rng = new Rng(seed);
  const x0 = new Float64Array(samples * n);
  for (let i = 0; i < x0.length; i++) x0[i] = rng.normal();
  const Ws: Float64Array[] = [];
  for (let l = 0; l < depth; l++) {
    const W = new Float64Array(n * n); // W[k, j], row-major, x·W
    for (let i = 0; i < W.length; i++) W[i] = rng.normal();
    Ws.push(W);
  }
  return scales.map((s) => {
    let x = x0;
    const stats: LayerStats[] = [];
    for (let l = 0; l < depth; l++) {
      const W = Ws[l]!;
      const y = new Float64Array(samples * n);
      for (let r = 0; r < samples; r++) {
        const yr = y.subarray(r * n, (r + 1) * n);
        for (let k = 0; k < n; k++) {
          const xk = x[r * n + k]! * s; // (x·sW)ᵣⱼ = Σₖ s·xᵣₖ Wₖⱼ
          if (xk === 0) continue;
          const o = k * n;
          for (let j = 0; j < n; j++) yr[j]! += xk * W[o + j]!;
        }
      }
      let sum = 0;
      let sat = 0;
      for (let i = 0; i < y.length; i++) {
        const a = Math.tanh(y[i]!);
        y[i] = a;
        sum += a;
        if (Math.abs(a) > 0.99) sat++;
      }
      const mean = sum / y.length;
      let v = 0;
      for (let i = 0; i < y.length; i++) v += (y[i]! - mean) ** 2;
      stats.push({ mean, std: Math.sqrt(v / y.length), saturated: sat / y.length });
      x = y;
    }
    return stats;
  });
}

export function runInit(opts: ExperimentOptions = {}): ExperimentResult {
  const n = opts.width ?? (opts.quick ? 256 : 1024);
  const depth = opts.depth ?? 6;
  const seed = opts.seed ?? 0;
  const scales = [0.05, 0.01, 1 / Math.sqrt(n)];
  const labels = ['0.05', '0.01', `1/√n = ${(1 / Math.sqrt(n)).toPrecision(3)}`];
  const stats = initStats(n, depth, scales, 16, seed);
  const rows = Array.from({ length: depth }, (_, l) => [String(l + 1), ...stats.flatMap((s) => [s[l]!.mean, s[l]!.std, `${(100 * s[l]!.saturated).toFixed(0)} %`])]);
  const last = stats.map((s) => s[depth - 1]!);
  return {
    name: 'init',
    title: `Activations of a ${depth}-layer tanh network of width ${n} (16 samples), by weight scale`,
    tables: [
      {
        columns: ['layer', ...labels.flatMap((lab) => [`mean (${lab})`, 'std', '|a|>0.99'])],
        rows,
      },
    ],
    notes: [
      `Scale 0.05: σ√n = ${(0.05 * Math.sqrt(n)).toFixed(2)}; last-layer std ${last[0]!.std.toFixed(3)}, ${(100 * last[0]!.saturated).toFixed(0)} % of units saturated (|a| > 0.99)` +
        (last[0]!.saturated > 0.25 ? ': tanh′ ≈ 0 there, so the gradients through those units vanish.' : '.'),
      `Scale 0.01: σ√n = ${(0.01 * Math.sqrt(n)).toFixed(2)}; the std shrinks layer by layer to ${last[1]!.std.toExponential(2)}: every activation collapses to 0.`,
      `Scale 1/√n (the seed's Xavier): σ√n = 1; the std stays of order one (${last[2]!.std.toFixed(3)} at the last layer).`,
      n === 4096 ? "This is the seed's setting (width 4096)." : `The seed uses width 4096 (--width 4096, slower); at width ${n} the fixed scales 0.05 and 0.01 have gain σ√n = ${(0.05 * Math.sqrt(n)).toFixed(2)} and ${(0.01 * Math.sqrt(n)).toFixed(2)} instead of 3.2 and 0.64, so saturation at 0.05 is milder.`,
    ],
    figures: { width: n, depth, scales, stats },
    plot: lineChart({
      title: `std of tanh activations per layer (width ${n})`,
      rows: stats.flatMap((s, k) => s.map((st, l) => ({ x: l + 1, y: st.std, series: `W ~ N(0, ${labels[k]}²)` }))),
      xTitle: 'layer',
      yTitle: 'std of activations (log scale)',
      yLog: true,
    }),
  };
}

export const initExperiment: Experiment = {
  name: 'init',
  summary: "seed 003's tanh initialization experiment: activation mean/std per layer for weight scales 0.05, 0.01, 1/√n",
  run: runInit,
};
