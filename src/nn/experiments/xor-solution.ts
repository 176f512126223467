// Seed 000's XOR network with ReLU, and seed 004's logistic gates.

import { sigmoid } from '../../ops/math.ts';
import type { Experiment, ExperimentResult } from './types.ts';

/**
 * The seed's solution f(x) = wᵀ max{0, Wᵀx + c} + b. The seed prints
 * w = [0, −2], which gives [0, 0, 0, −2]; its own worked steps (XW + c,
 * the ReLU, then y = [0, 1, 1, 0]) need w = [1, −2], the solution of
 * Goodfellow, Bengio and Courville (Deep Learning, §6.1).
 */
export const XOR_SOLUTION = {
  W: [
    [1, 1],
    [1, 1],
  ],
  c: [0, -1],
  w: [1, -2],
  b: 0,
} as const;

/** w as printed in the seed. */
export const XOR_SEED_PRINTED_W = [0, -2] as const;

const X: readonly (readonly [number, number])[] = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

/** The hidden layer h = max{0, Wᵀx + c} and the output wᵀh + b, for each of the four inputs. */
export function xorForward(w: readonly number[] = XOR_SOLUTION.w): { x: [number, number]; pre: number[]; h: number[]; y: number }[] {
  const { W, c, b } = XOR_SOLUTION;
  return X.map(([x1, x2]) => {
    // (Wᵀx)_j = Σᵢ Wᵢⱼ xᵢ
    const pre = [0, 1].map((j) => W[0]![j]! * x1 + W[1]![j]! * x2 + c[j]!);
    const h = pre.map((v) => Math.max(0, v));
    const y = w[0]! * h[0]! + w[1]! * h[1]! + b;
    return { x: [x1, x2], pre, h, y };
  });
}

/** Logistic units with the seed's weights: g(b₀ + b₁x₁ + b₂x₂). */
export const GATES = {
  and: [-30, 20, 20],
  nor: [10, -20, -20],
  or: [-10, 20, 20],
} as const;

export const gateUnit = (g: readonly number[], x1: number, x2: number): number => sigmoid(g[0]! + g[1]! * x1 + g[2]! * x2);

export function runXorSolution(): ExperimentResult {
  const rows = xorForward();
  const printed = xorForward(XOR_SEED_PRINTED_W).map((r) => r.y);
  const gates = X.map(([x1, x2]) => {
    const a = gateUnit(GATES.and, x1, x2);
    const n = gateUnit(GATES.nor, x1, x2);
    return { x: [x1, x2], and: a, nor: n, or: gateUnit(GATES.or, x1, x2), xnor: gateUnit(GATES.or, a, n), xor: gateUnit(GATES.nor, a, n) };
  });
  return {
    name: 'xor-solution',
    title: "XOR: seed 000's ReLU network and seed 004's logistic gates",
    tables: [
      {
        title: 'f(x) = wᵀ max{0, Wᵀx + c} + b with W = [[1,1],[1,1]], c = [0, −1], w = [1, −2], b = 0',
        columns: ['x₁', 'x₂', 'Wᵀx + c', 'h = max{0, ·}', 'y', 'x₁ ⊕ x₂', 'y with w = [0, −2]'],
        rows: rows.map((r, i) => [r.x[0], r.x[1], `[${r.pre.join(', ')}]`, `[${r.h.join(', ')}]`, r.y, r.x[0] ^ r.x[1], printed[i]!].map(String)),
      },
      {
        title: 'Logistic gates: AND = g(−30 + 20x₁ + 20x₂), NOR = g(10 − 20x₁ − 20x₂), OR = g(−10 + 20x₁ + 20x₂)',
        columns: ['x₁', 'x₂', 'AND', 'NOR', 'OR', 'OR(AND, NOR)', 'NOR(AND, NOR)'],
        rows: gates.map((g) => [String(g.x[0]), String(g.x[1]), g.and, g.nor, g.or, g.xnor, g.xor].map((v) => (typeof v === 'number' ? v.toFixed(5) : v))),
      },
    ],
    notes: [
      `The ReLU network outputs [${rows.map((r) => r.y).join(', ')}] = XOR. In the hidden space the four inputs [0,0], [1,0], [1,0], [2,1] no longer lie on one line, so one linear unit separates them.`,
      `The seed prints w = [0, −2], which gives [${printed.join(', ')}]; its worked steps (XW + c = [[0,−1],[1,0],[1,0],[2,1]], then the ReLU, then y = [0,1,1,0]) need w = [1, −2], the solution in Goodfellow et al., Deep Learning §6.1.`,
      'Combining AND and NOR with OR, as the seed does, gives its table 1, 0, 0, 1: that is XNOR (the seed calls it XOR). Combining them with NOR instead gives XOR: 0, 1, 1, 0.',
    ],
    figures: {
      w: XOR_SOLUTION.w,
      relu: rows,
      seedPrintedW: { w: XOR_SEED_PRINTED_W, y: printed },
      gates,
    },
    plot: {
      title: 'XOR: input space and the ReLU hidden space h = max{0, Wᵀx + c}',
      hconcat: [
        scatter('input x', rows.map((r) => ({ a: r.x[0], b: r.x[1], label: String(r.x[0] ^ r.x[1]), name: `(${r.x.join(',')})` }))),
        scatter('hidden h', rows.map((r) => ({ a: r.h[0]!, b: r.h[1]!, label: String(r.x[0] ^ r.x[1]), name: `(${r.x.join(',')})` }))),
      ],
    },
  };
}

function scatter(title: string, values: { a: number; b: number; label: string; name: string }[]): Record<string, unknown> {
  return {
    title,
    width: 220,
    height: 220,
    data: { values },
    layer: [
      { mark: { type: 'point', filled: true, size: 160 }, encoding: { x: { field: 'a', type: 'quantitative', title: `${title[0]}₁`, scale: { domain: [-0.5, 2.5] } }, y: { field: 'b', type: 'quantitative', title: `${title[0]}₂`, scale: { domain: [-0.5, 1.5] } }, color: { field: 'label', type: 'nominal', title: 'x₁ ⊕ x₂' } } },
      { mark: { type: 'text', dy: -14 }, encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' }, text: { field: 'name' } } },
    ],
  };
}

export const xorSolution: Experiment = {
  name: 'xor-solution',
  summary: "the seeds' two-layer ReLU solution of XOR and the logistic-gate construction",
  run: runXorSolution,
};
