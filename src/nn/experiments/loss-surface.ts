// Non-convex losses (seed 002): y = σ(w₂σ(w₁x)) at the sample (x, t) = (1, 1),
// squared error (y − t)² against cross-entropy −(t ln y + (1 − t) ln(1 − y)),
// over a grid of (w₁, w₂). Both expressions are parsed from textbook
// notation; the Hessian at each grid point comes from the tape
// (forward-over-reverse) and its smallest eigenvalue tells where the
// surface is not convex.

import { parse } from '../../parse/index.ts';
import { evaluate } from '../../expr/eval.ts';
import { printUnicode } from '../../expr/print.ts';
import { hessian } from '../../reverse/api.ts';
import type { Experiment, ExperimentOptions, ExperimentResult, Table } from './types.ts';

export const SURFACE_MODEL = 'σ(w₂σ(w₁x))';
export const SURFACE_LOSSES = {
  'squared error': `(${SURFACE_MODEL} − t)²`,
  'cross-entropy': `−(t ln ${SURFACE_MODEL} + (1 − t) ln(1 − ${SURFACE_MODEL}))`,
} as const;

/** The smaller eigenvalue of the symmetric 2×2 matrix [[a, b], [b, d]]. */
export function minEigen2(a: number, b: number, d: number): number {
  return (a + d) / 2 - Math.sqrt(((a - d) / 2) ** 2 + b * b);
}

export function runLossSurface(opts: ExperimentOptions = {}): ExperimentResult {
  const range = 10;
  const steps = opts.quick ? 11 : 41;
  const grid = Array.from({ length: steps }, (_, i) => -range + (2 * range * i) / (steps - 1));
  const sample = { x: 1, t: 1 };
  const values: { w1: number; w2: number; loss: string; value: number; minEig: number }[] = [];
  const summary: Table['rows'][number][] = [];
  const coarse: Record<string, number[][]> = {};
  for (const [name, text] of Object.entries(SURFACE_LOSSES)) {
    const e = parse(text);
    let nonConvex = 0;
    let lo = Infinity;
    let hi = -Infinity;
    let worst = { w1: 0, w2: 0, eig: Infinity };
    for (const w1 of grid) {
      for (const w2 of grid) {
        const point = { ...sample, w1, w2 };
        const h = hessian(e, point, ['w1', 'w2']);
        const H = h.hessian;
        const eig = minEigen2(H[0]![0]!, H[0]![1]!, H[1]![1]!);
        if (eig < -1e-9) nonConvex++;
        if (eig < worst.eig) worst = { w1, w2, eig };
        lo = Math.min(lo, h.value);
        hi = Math.max(hi, h.value);
        values.push({ w1, w2, loss: name, value: h.value, minEig: eig });
      }
    }
    const pick = [-10, -5, 0, 5, 10];
    coarse[name] = pick.map((w2) => pick.map((w1) => evaluate(e, { ...sample, w1, w2 })));
    summary.push([name, printUnicode(e), lo, hi, `${((100 * nonConvex) / (steps * steps)).toFixed(1)} %`, `(${worst.w1}, ${worst.w2}): ${worst.eig.toExponential(2)}`]);
  }
  const pick = [-10, -5, 0, 5, 10];
  const coarseTables: Table[] = Object.entries(coarse).map(([name, m]) => ({
    title: `${name} at (x, t) = (1, 1): rows w₂, columns w₁`,
    columns: ['w₂ \\ w₁', ...pick.map(String)],
    rows: m.map((row, i) => [String(pick[i]), ...row]),
  }));
  return {
    name: 'loss-surface',
    title: `Loss surfaces of y = ${SURFACE_MODEL} at (x, t) = (1, 1), w₁, w₂ ∈ [−${range}, ${range}]`,
    tables: [
      { columns: ['loss', 'expression', 'min', 'max', 'Hessian not PSD', 'most negative eigenvalue at (w₁, w₂)'], rows: summary },
      ...coarseTables,
    ],
    notes: [
      'Both surfaces are non-convex: on part of the grid the Hessian (by forward-over-reverse on the tape) has a negative eigenvalue.',
      'Squared error flattens to a plateau where σ saturates (large negative w₂): the gradient vanishes far from the optimum. Cross-entropy keeps growing linearly there, so its gradient does not vanish.',
    ],
    figures: { grid, sample, summary, coarse },
    plot: {
      title: `Loss over (w₁, w₂) for y = σ(w₂σ(w₁x)), x = 1, t = 1`,
      data: { values },
      facet: { column: { field: 'loss', type: 'nominal', title: null } },
      spec: {
        width: 260,
        height: 260,
        mark: 'rect',
        encoding: {
          x: { field: 'w1', type: 'ordinal', title: 'w₁', axis: { values: [-10, -5, 0, 5, 10] } },
          y: { field: 'w2', type: 'ordinal', title: 'w₂', sort: 'descending', axis: { values: [-10, -5, 0, 5, 10] } },
          color: { field: 'value', type: 'quantitative', title: 'loss', scale: { scheme: 'viridis' } },
        },
      },
      resolve: { scale: { color: 'independent' } },
    },
  };
}

export const lossSurface: Experiment = {
  name: 'loss-surface',
  summary: 'y = σ(w₂σ(w₁x)) at the sample (1, 1): squared error against cross-entropy over (w₁, w₂), with Hessian eigenvalues',
  run: runLossSurface,
};
