import { describe, expect, it } from 'vitest';
import refs from '../fixtures/nn.json' with { type: 'json' };
import {
  EXPERIMENTS,
  findExperiment,
  formatTable,
  gateUnit,
  GATES,
  initStats,
  logLogSlope,
  minEigen2,
  runBackpropByHand,
  runGradientCost,
  runLossSurface,
  runOptimizers,
  runVanishingGradients,
  runXorSolution,
  SURFACE_LOSSES,
  xorForward,
} from '../../src/nn/experiments/index.ts';
import { parse } from '../../src/parse/index.ts';
import { evaluate } from '../../src/expr/eval.ts';
import { renderSvg } from '../../src/render/index.ts';

describe('backprop-by-hand reproduces seed 004', () => {
  const r = runBackpropByHand();
  const f = r.figures as Record<string, number> & { gradients: Record<string, number>; tapeGradients: Record<string, number> };
  it('forward values and E', () => {
    expect(f.x3).toBeCloseTo(0.755, 15);
    expect(f.x4).toBeCloseTo(0.68, 15);
    expect(f.o5).toBeCloseTo(refs.seed004.o5, 15);
    expect(f.E).toBeCloseTo(refs.seed004.E, 15);
  });
  it('the layer-wise and tape gradients agree with mpmath', () => {
    expect(f.gradients['∂E/∂w₄₅']).toBeCloseTo(refs.seed004.dE_dw45, 15);
    expect(f.tapeGradients['∂E/∂w₁₃']).toBeCloseTo(refs.seed004.dE_dw13, 15);
    for (const k of Object.keys(f.gradients)) expect(f.tapeGradients[k]).toBeCloseTo(f.gradients[k]!, 15);
  });
  it('the notes name the seed\'s slips', () => {
    expect(r.notes.join(' ')).toMatch(/0\.027 is ∂E\/∂w₄₅/);
    expect(r.notes.join(' ')).toMatch(/O₃ = 0\.69/);
  });
});

describe('xor-solution', () => {
  it('the seed\'s worked steps: XW + c = [[0,−1],[1,0],[1,0],[2,1]], ReLU, y = [0,1,1,0]', () => {
    const rows = xorForward();
    expect(rows.map((r) => r.pre)).toEqual([[0, -1], [1, 0], [1, 0], [2, 1]]);
    expect(rows.map((r) => r.h)).toEqual([[0, 0], [1, 0], [1, 0], [2, 1]]);
    expect(rows.map((r) => r.y)).toEqual([0, 1, 1, 0]);
  });
  it('w = [0, −2] as printed in the seed gives [0, 0, 0, −2], so the worked steps need w = [1, −2]', () => {
    expect(xorForward([0, -2]).map((r) => r.y)).toEqual([0, 0, 0, -2]);
  });
  it('logistic gates with the seed\'s weights (mpmath values)', () => {
    const X = [[0, 0], [0, 1], [1, 0], [1, 1]] as const;
    for (const g of ['and', 'nor', 'or'] as const) X.forEach(([a, b], i) => expect(gateUnit(GATES[g], a, b)).toBeCloseTo(refs.gates[g][i]!, 15));
  });
  it('OR(AND, NOR) is XNOR (the seed\'s table), NOR(AND, NOR) is XOR', () => {
    const gates = (runXorSolution().figures as { gates: { xnor: number; xor: number }[] }).gates;
    expect(gates.map((g) => Math.round(g.xnor))).toEqual([1, 0, 0, 1]);
    expect(gates.map((g) => Math.round(g.xor))).toEqual([0, 1, 1, 0]);
  });
});

describe('vanishing-gradients', () => {
  const r = runVanishingGradients({ quick: true });
  const f = r.figures as { logistic: number[]; relu: number[]; layers: number };
  it('at least 10 layers', () => expect(f.layers).toBeGreaterThanOrEqual(10));
  it('the logistic network\'s first-layer gradient is orders of magnitude below its last; ReLU\'s is not', () => {
    expect(f.logistic[0]! / f.logistic[f.layers - 1]!).toBeLessThan(1e-4);
    expect(f.relu[0]! / f.relu[f.relu.length - 1]!).toBeGreaterThan(1e-2);
  });
  it('the logistic gradient shrinks by at least ×2 per layer towards the input (σ′ ≤ ¼)', () => {
    for (let l = 0; l + 2 < f.layers; l++) expect(f.logistic[l]!).toBeLessThan(f.logistic[l + 1]! / 2);
  });
});

describe('init (seed 003)', () => {
  it('with the seed\'s gains: σ√n = 3.2 saturates, 0.64 shrinks geometrically, 1 stays of order one', () => {
    const n = 256;
    const [sat, small, xavier] = initStats(n, 6, [3.2 / Math.sqrt(n), 0.64 / Math.sqrt(n), 1 / Math.sqrt(n)], 16, 1);
    // z ~ N(0, (3.2·std a)²) with std a ≈ 0.85: P(|z| > atanh 0.99 = 2.65) ≈ ⅓ of the units at ±1
    expect(sat![5]!.saturated).toBeGreaterThan(0.25);
    expect(sat![5]!.std).toBeGreaterThan(0.8);
    expect(small![5]!.std).toBeLessThan(0.1);
    for (let l = 1; l < 6; l++) expect(small![l]!.std / small![l - 1]!.std).toBeLessThan(0.75);
    expect(xavier![5]!.std).toBeGreaterThan(0.2);
    expect(xavier![5]!.std).toBeLessThan(0.8);
    for (const s of [sat!, small!, xavier!]) for (const l of s) expect(Math.abs(l.mean)).toBeLessThan(0.05);
  });
});

describe('loss-surface', () => {
  it('the parsed losses match mpmath at sample points', () => {
    const se = parse(SURFACE_LOSSES['squared error']);
    const ce = parse(SURFACE_LOSSES['cross-entropy']);
    for (const [w1, w2, sq, xe] of refs.loss_surface) {
      expect(evaluate(se, { w1: w1!, w2: w2!, x: 1, t: 1 })).toBeCloseTo(sq!, 14);
      expect(evaluate(ce, { w1: w1!, w2: w2!, x: 1, t: 1 })).toBeCloseTo(xe!, 13);
    }
  });
  it('both surfaces are non-convex somewhere on the grid', () => {
    const rows = (runLossSurface({ quick: true }).tables[0]!.rows as string[][]).map((r) => parseFloat(r[4]!));
    expect(rows.every((p) => p > 0)).toBe(true);
  });
  it('the smaller eigenvalue of a 2×2 symmetric matrix', () => {
    expect(minEigen2(2, 0, 3)).toBe(2);
    expect(minEigen2(0, 1, 0)).toBeCloseTo(-1, 15);
  });
});

describe('gradient-cost', () => {
  it('numerical and tape gradients agree, and the numerical one costs more', () => {
    const r = runGradientCost({ quick: true });
    const rows = r.tables[0]!.rows;
    for (const row of rows) expect(row[5] as number).toBeLessThan(1e-7);
    const f = r.figures as { numericalMs: number[]; backpropMs: number[] };
    expect(f.numericalMs[f.numericalMs.length - 1]!).toBeGreaterThan(f.backpropMs[f.backpropMs.length - 1]!);
  });
  it('log-log slope', () => expect(logLogSlope([1, 10, 100], [3, 300, 30000])).toBeCloseTo(2, 12));
});

describe('optimizers', () => {
  it('every optimizer trains from the same start; curves have one point per epoch', () => {
    const f = runOptimizers({ quick: true }).figures as { curves: Record<string, number[]>; epochs: number };
    expect(Object.keys(f.curves)).toEqual(['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam']);
    for (const c of Object.values(f.curves)) {
      expect(c.length).toBe(f.epochs);
      expect(c[c.length - 1]!).toBeLessThan(c[0]!);
    }
  });
});

describe('the experiment registry and plots', () => {
  it('every experiment has a name; unknown names are refused', () => {
    expect(EXPERIMENTS.map((e) => e.name)).toEqual(['backprop-by-hand', 'xor-solution', 'vanishing-gradients', 'init', 'loss-surface', 'gradient-cost', 'optimizers']);
    expect(() => findExperiment('dropout')).toThrow(/unknown experiment/);
  });
  it('plots render to SVG', async () => {
    for (const r of [runBackpropByHand(), runXorSolution(), runVanishingGradients({ quick: true })]) {
      const svg = await renderSvg(r.plot);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).not.toMatch(/NaN/);
    }
  });
  it('tables align by code points', () => {
    const s = formatTable({ columns: ['a', 'σ₁'], rows: [['x₁', 1.5]] });
    expect(s.split('\n').map((l) => [...l].length)).toEqual([10, 10, 10]); // 'x₁' is two columns wide, like 'a '
  });
});
