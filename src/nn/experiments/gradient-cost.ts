// The cost of a gradient (seeds 001, 002): central differences perturb each
// of the N parameters and need 2N forward passes, each O(N), so O(N²);
// backpropagation needs one forward and one reverse sweep, O(N).

import { lineChart } from '../../plot/vega.ts';
import { centralDiff } from '../../numeric/diff.ts';
import { Tape } from '../../reverse/tape.ts';
import { mlp, type Sequential } from '../layers.ts';
import { lossAndGrad, recordLoss, recordMean } from '../losses.ts';
import { countParams } from '../param.ts';
import { Rng } from '../rng.ts';
import type { Experiment, ExperimentOptions, ExperimentResult } from './types.ts';

function meanLoss(net: Sequential, xs: readonly Float64Array[], ys: readonly number[]): number {
  let s = 0;
  const g = [0];
  for (let i = 0; i < xs.length; i++) s += lossAndGrad('mse', net.predict(xs[i]!), ys[i]!, g);
  return s / xs.length;
}

/** The fastest of several timings in milliseconds: at least `reps` runs, and more while under `budget` ms in total. */
function time(reps: number, f: () => void, budget = 60): number {
  let best = Infinity;
  const t0 = performance.now();
  for (let r = 0; r < reps || (performance.now() - t0 < budget && r < 200); r++) {
    const s = performance.now();
    f();
    best = Math.min(best, performance.now() - s);
  }
  return best;
}

/** Least-squares slope of log y against log x. */
export function logLogSlope(xs: readonly number[], ys: readonly number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i]! - mx) * (ly[i]! - my);
    den += (lx[i]! - mx) ** 2;
  }
  return num / den;
}

export function runGradientCost(opts: ExperimentOptions = {}): ExperimentResult {
  const widths = opts.quick ? [2, 4, 8] : [2, 4, 8, 16, 32, 48];
  const rng = new Rng(opts.seed ?? 0);
  const xs = Array.from({ length: 16 }, () => Float64Array.from({ length: 4 }, () => rng.normal()));
  const ys = xs.map(() => rng.normal());
  const rows: (string | number)[][] = [];
  const Ns: number[] = [];
  const tNum: number[] = [];
  const tTape: number[] = [];
  const tape = new Tape();
  for (const h of widths) {
    const net = mlp([4, h, h, 1], { activation: 'tanh', rng: rng.fork() });
    const params = net.parameters();
    const N = countParams(params);
    // numerical: ∂C/∂θⱼ ≈ (C(θ + hⱼeⱼ) − C(θ − hⱼeⱼ))/2hⱼ for every j
    const numeric = new Float64Array(N);
    const msNum = time(N > 1000 ? 1 : 3, () => {
      let j = 0;
      for (const p of params) {
        for (let k = 0; k < p.size; k++, j++) {
          const v = p.data[k]!;
          numeric[j] = centralDiff((u) => {
            p.data[k] = u;
            return meanLoss(net, xs, ys);
          }, v).derivative;
          p.data[k] = v;
        }
      }
    });
    // backprop: one recording and one reverse sweep
    const msTape = time(5, () => {
      net.zeroGrad();
      net.lossAndGrad(tape, () => recordMean(tape, xs.map((x, i) => recordLoss(tape, 'mse', net.forwardData(tape, x), ys[i]!))));
    });
    let maxErr = 0;
    let j = 0;
    for (const p of params) for (let k = 0; k < p.size; k++, j++) maxErr = Math.max(maxErr, Math.abs(p.grad[k]! - numeric[j]!));
    Ns.push(N);
    tNum.push(msNum);
    tTape.push(msTape);
    rows.push([String(N), `4-${h}-${h}-1`, msNum, msTape, (msNum / msTape).toFixed(0), maxErr]);
  }
  // growth over the three largest sizes, where fixed per-call costs no longer dominate
  const tail = Math.max(0, Ns.length - 3);
  const sNum = logLogSlope(Ns.slice(tail), tNum.slice(tail));
  const sTape = logLogSlope(Ns.slice(tail), tTape.slice(tail));
  return {
    name: 'gradient-cost',
    title: 'Time for one gradient of the mean loss over 16 samples: central differences against backprop on the tape',
    tables: [{ columns: ['N params', 'network', 'numerical ms', 'backprop ms', 'ratio', 'max |difference|'], rows }],
    notes: [
      `Fitted growth over the three largest networks (slope of log time against log N): numerical ${sNum.toFixed(2)}, backprop ${sTape.toFixed(2)}; the seeds' O(N²) against O(N).`,
      'The two gradients agree to the accuracy of central differences (≈ 1e-9 here).',
    ],
    figures: { N: Ns, numericalMs: tNum, backpropMs: tTape, slopeNumerical: sNum, slopeBackprop: sTape },
    plot: lineChart({
      title: 'Cost of one gradient against the number of parameters',
      rows: [...Ns.map((x, i) => ({ x, y: tNum[i]!, series: 'central differences' })), ...Ns.map((x, i) => ({ x, y: tTape[i]!, series: 'backprop (tape)' }))],
      xTitle: 'parameters N (log scale)',
      yTitle: 'milliseconds (log scale)',
      xLog: true,
      yLog: true,
    }),
  };
}

export const gradientCost: Experiment = {
  name: 'gradient-cost',
  summary: 'numerical gradient against backprop as the parameter count grows (O(N²) against O(N))',
  run: runGradientCost,
};
