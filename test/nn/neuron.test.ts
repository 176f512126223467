import { describe, expect, it } from 'vitest';
import refs from '../fixtures/nn.json' with { type: 'json' };
import { explainGraph, neuronLoss, NEURON_SEED_GRAPH, trainNeuron } from '../../src/nn/neuron.ts';
import { parse } from '../../src/parse/index.ts';
import { printAscii } from '../../src/expr/print.ts';
import { tapeFromExpr } from '../../src/reverse/record.ts';
import { DiffError } from '../../src/expr/errors.ts';

describe('the seeds\' graph of f(x; w, b) = 1/(exp(−(wx + b)) + 1) at x = 1, w = 0, b = 0', () => {
  const ex = explainGraph();
  const row = (def: string): (typeof ex.rows)[number] => ex.rows.find((r) => r.def.startsWith(def))!;
  it('∂f/∂w = ∂f/∂b = 0.25 (the seeds), f = 0.5', () => {
    expect(ex.value).toBe(refs.neuron.f);
    expect(ex.gradient.w).toBe(refs.neuron.df_dw); // 0.25, by mpmath differentiation
    expect(ex.gradient.b).toBe(refs.neuron.df_db);
  });
  it('the local derivatives along the graph, by hand: ∂h₁/∂w = x = 1, ∂h₃/∂h₂ = −1, ∂h₄/∂h₃ = e⁰ = 1, ∂f/∂h₅ = −1/h₅² = −¼', () => {
    expect(row('h₁ = wx').local.find((l) => l.wrt === 'w')!.value).toBe(1);
    expect(row('h₃ = −h₂').local[0]!.value).toBe(-1);
    expect(row('h₄ = exp(h₃)').local[0]!.value).toBe(1);
    expect(row('f = 1/h₅').local.find((l) => l.wrt === 'h₅')!.value).toBe(-0.25);
    expect(row('h₅ = h₄ + 1').value).toBe(2);
  });
  it('the path from w to f multiplies to 0.25: (−¼)(1)(1)(−1)(1)(1)', () => {
    const paths = ex.paths.w!;
    expect(paths.length).toBe(1);
    expect(paths[0]!.factors.map((f) => f.value)).toEqual([-0.25, 1, 1, -1, 1, 1]);
    expect(paths[0]!.product).toBe(0.25);
  });
  it('σ(wx + b) gives the same: σ′(0) = ¼', () => {
    const s = explainGraph('σ(wx + b)');
    expect(s.gradient).toEqual({ ...s.gradient, w: 0.25, b: 0.25 });
    expect(s.rows.find((r) => r.node === 'f')!.local[0]!.value).toBe(0.25);
  });
  it('the seed graph parses as written', () => expect(printAscii(parse(NEURON_SEED_GRAPH))).toBe('1 / (exp(-(w * x + b)) + 1)'));
});

describe('training the parsed neuron through the tape', () => {
  it('one gradient of (σ(wx + b) − t)² at w = 0.3, b = −0.2, x = 1.5, t = 1 matches mpmath', () => {
    const loss = neuronLoss(parse('σ(wx + b)'), 'mse');
    const t = tapeFromExpr([loss], { w: 0.3, b: -0.2, x: 1.5, t: 1 });
    const g = t.gradientOf();
    expect(t.value(t.outputs[0]!)).toBeCloseTo(refs.neuron_loss.L, 15);
    expect(g.w).toBeCloseTo(refs.neuron_loss.dL_dw, 15);
    expect(g.b).toBeCloseTo(refs.neuron_loss.dL_db, 15);
  });
  it('y in a loss stands for the model', () => {
    const l = neuronLoss(parse('σ(wx + b)'), '(y − t)²');
    expect(printAscii(l)).toBe('(sigmoid(w * x + b) - t)^2');
    expect(printAscii(neuronLoss(parse('σ(wx + b)'), 'ce'))).toBe('-(t * ln(sigmoid(w * x + b)) + (1 - t) * ln(1 - sigmoid(w * x + b)))');
  });
  it('learns AND with the squared loss (the seeds\' truth table), w₁ = w₂ by symmetry', () => {
    const r = trainNeuron({ data: 'and', epochs: 600, lr: 2 });
    expect(r.accuracy).toBe(1);
    expect(r.history[599]!.loss).toBeLessThan(r.history[0]!.loss / 20);
    expect(r.params.w1).toBeCloseTo(r.params.w2!, 12);
    expect(r.params.b).toBeLessThan(0);
    expect(r.history[0]!.loss).toBe(0.25); // σ(0) = ½ at w = b = 0: mean of (½ − t)² = ¼
  });
  it('learns OR with cross-entropy, and a 1-D threshold', () => {
    expect(trainNeuron({ data: 'or', loss: 'ce', epochs: 300, lr: 1 }).accuracy).toBe(1);
    const th = trainNeuron({ data: 'threshold', loss: 'ce', epochs: 400, lr: 1 });
    expect(th.accuracy).toBe(1);
    expect(-th.params.b! / th.params.w!).toBeGreaterThan(0); // the boundary x = −b/w sits between 0.5's neighbours
  });
  it('a single neuron cannot learn XOR', () => expect(trainNeuron({ data: 'xor', epochs: 300 }).accuracy).toBeLessThan(1));
  it('gradient descent by hand: the first step moves w and b by −α ∂L/∂θ', () => {
    // at w = b = 0 on AND: L = mean (σ(0) − t)², ∂L/∂b = mean 2(½ − t)·¼ = (2·½·¼·3 − 2·½·¼)/4 = 0.125
    const r = trainNeuron({ data: 'and', epochs: 1, lr: 1 });
    expect(r.params.b).toBeCloseTo(-0.125, 15);
    // ∂L/∂w₁ = mean 2(½ − t)·¼·x₁ = (2·½·¼·1 [x=(1,0)] − 2·½·¼·1 [x=(1,1)])/4 = 0
    expect(r.params.w1).toBeCloseTo(0, 15);
  });
  it('bad requests are clear DiffErrors', () => {
    expect(() => trainNeuron({ data: 'parity' })).toThrow(/unknown neuron data/);
    expect(() => trainNeuron({ data: 'and', model: 'σ(wx + b)' })).toThrow(/does not use the input x1/);
    expect(() => trainNeuron({ data: 'threshold', loss: 'y²' })).toThrow(/does not use the target t/);
    expect(() => trainNeuron({ data: 'threshold', model: 'σ(x)' })).toThrow(/no parameters/);
    expect(() => trainNeuron({ epochs: 0 })).toThrow(DiffError);
  });
});
