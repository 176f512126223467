// Training a user's own definition f(x; w, b) = … on the built-in gates and
// on a CSV table with named columns.
import { describe, expect, it } from 'vitest';
import { parseCsv, selectColumns } from '../../src/nn/data/csv.ts';
import { trainNeuron } from '../../src/nn/neuron.ts';

describe('a definition f(x₁, x₂; w₁, w₂, b) = … trains like the built-in model', () => {
  it('learns AND, with the parameters it declares', () => {
    const r = trainNeuron({ model: 'g(x1, x2; w1, w2, b) = σ(w1 x1 + w2 x2 + b)', data: 'and', lr: 2, epochs: 500 });
    expect(Object.keys(r.params)).toEqual(['w1', 'w2', 'b']);
    expect(r.accuracy).toBe(1);
    expect(r.history[r.history.length - 1]!.loss).toBeLessThan(r.history[0]!.loss);
  });
  it('reaches the same parameters as the default model σ(w1 x1 + w2 x2 + b) (the same sums, another way in)', () => {
    const mine = trainNeuron({ model: 'g(x1, x2; w1, w2, b) = σ(w1 x1 + w2 x2 + b)', data: 'or', lr: 1, epochs: 200 });
    const builtIn = trainNeuron({ data: 'or', lr: 1, epochs: 200 });
    for (const k of ['w1', 'w2', 'b']) expect(mine.params[k]).toBeCloseTo(builtIn.params[k]!, 12);
  });
  it('maps the data columns to the inputs in order, whatever their names', () => {
    const r = trainNeuron({ model: 'f(p, q; a, c, d) = σ(a p + c q + d)', data: 'nand', lr: 2, epochs: 500 });
    expect(Object.keys(r.params)).toEqual(['a', 'c', 'd']);
    expect(r.accuracy).toBe(1);
  });
  it('the first step from 0 is −lr·∇L, by hand: L = ¼ Σ (σ(0) − t)², ∂L/∂b = ¼ Σ 2(½ − t)·¼', () => {
    // AND targets 0, 0, 0, 1: ∂L/∂b = ¼ · ½ · (½ + ½ + ½ − ½) = 1/8; ∂L/∂w₁ = ¼ · ½ · Σ x₁(½ − t) = ⅛ · (½ − ½) = 0
    const r = trainNeuron({ model: 'g(x1, x2; w1, w2, b) = σ(w1 x1 + w2 x2 + b)', data: 'and', lr: 1, epochs: 1 });
    expect(r.params.b).toBeCloseTo(-1 / 8, 15);
    expect(r.params.w1).toBeCloseTo(0, 15);
  });
  it('refuses a model whose inputs do not match the data', () => {
    expect(() => trainNeuron({ model: 'f(x; w, b) = σ(wx + b)', data: 'and' })).toThrow(/f\(x; w, b\) has 1 input, the and data 2/);
    expect(() => trainNeuron({ model: 'f(x; w) = σ(wx + b)', data: 'threshold' })).toThrow(/uses b, which is neither an input nor a parameter/);
    expect(() => trainNeuron({ model: 'f(x, w) = σ(wx)', data: 'threshold' })).toThrow(/no parameters to learn/);
  });
});

describe('data from a CSV table with named columns', () => {
  const csv = 'x,t\n-2,0\n-1,0\n-0.5,0\n0.5,1\n1,1\n2,1\n';
  it('reads the header and the rows', () => {
    expect(parseCsv(csv, 'd.csv')).toEqual({ name: 'd.csv', columns: ['x', 't'], rows: [[-2, 0], [-1, 0], [-0.5, 0], [0.5, 1], [1, 1], [2, 1]] });
  });
  it('finds the inputs by name, the target as t or as the only other column', () => {
    const table = parseCsv('label;x₁;x2\n1;0.5;2\n0;1;3\n', 'e.csv');
    expect(table.columns).toEqual(['label', 'x1', 'x2']);
    expect(selectColumns(table, ['x2', 'x1'])).toEqual({ x: [[2, 0.5], [3, 1]], t: [1, 0], target: 'label' });
  });
  it('names the line of a bad value and a missing column', () => {
    expect(() => parseCsv('x,t\n1,2\n3,oops\n', 'f.csv')).toThrow(/f\.csv:3: the t value "oops" is not a finite number/);
    expect(() => parseCsv('x,t\n1\n', 'f.csv')).toThrow(/f\.csv:2: 1 values, but the header names 2 columns/);
    expect(() => selectColumns(parseCsv(csv), ['z'])).toThrow(/no column for the input z/);
    expect(() => selectColumns(parseCsv('x,a,b\n1,2,3\n'), ['x'])).toThrow(/which column is the target/);
  });
  it('trains f(x; w, b) = σ(wx + b) on it', () => {
    const r = trainNeuron({ model: 'f(x; w, b) = σ(wx + b)', table: parseCsv(csv, 'd.csv'), lr: 2, epochs: 300 });
    expect(r.accuracy).toBe(1);
    expect(r.params.w).toBeGreaterThan(0);
    expect(r.data).toBe('d.csv');
  });
  it('a table needs a definition naming the inputs', () => {
    expect(() => trainNeuron({ model: 'σ(wx + b)', table: parseCsv(csv) })).toThrow(/needs the model as a definition/);
  });
});

describe('names the loss takes', () => {
  it('t and y cannot be inputs or parameters of the model (they are the target and the output in the loss)', () => {
    expect(() => trainNeuron({ model: 'f(t; w, b) = σ(wt + b)', data: 'threshold' })).toThrow(/t is taken by the loss/);
    expect(() => trainNeuron({ model: 'f(x; y, b) = σ(yx + b)', data: 'threshold' })).toThrow(/y is taken by the loss/);
  });
});
