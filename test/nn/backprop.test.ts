import { describe, expect, it } from 'vitest';
import refs from '../fixtures/nn.json' with { type: 'json' };
import { backprop, bpActivation, BP_ACTIVATIONS, type BpLayer } from '../../src/nn/backprop.ts';

const s = refs.seed004; // mpmath, 50 digits (scripts/nn_refs.py)

// Seed 004: x₁ = 0.35, x₂ = 0.9; x₃ = w₁₃x₁ + w₂₃x₂, x₄ = w₁₄x₁ + w₂₄x₂ (no biases);
// O = σ; x₅ = w₃₅O₃ + w₄₅O₄; E = ½(O₅ − t₅)², t₅ = 0.5.
const seedNet: BpLayer[] = [
  { W: [0.1, 0.8, 0.4, 0.6], b: [0, 0], nIn: 2, nOut: 2, activation: 'sigmoid' }, // rows: unit 3 (w₁₃, w₂₃), unit 4 (w₁₄, w₂₄)
  { W: [0.3, 0.9], b: [0], nIn: 2, nOut: 1, activation: 'sigmoid' }, // unit 5 (w₃₅, w₄₅)
];
const r = backprop(seedNet, [0.35, 0.9], [0.5], 'sse');

describe('the hand computation of seed 004, by the four equations', () => {
  it('forward: x₃ = 0.755, x₄ = 0.68, O₄ = 0.663, x₅ = 0.801, O₅ = 0.69, E = 0.018 (the seed\'s roundings)', () => {
    expect(r.z[0]![0]).toBeCloseTo(0.755, 15);
    expect(r.z[0]![1]).toBeCloseTo(0.68, 15);
    expect(Math.trunc(r.a[1]![1]! * 1000) / 1000).toBe(0.663); // 0.66374, truncated in the seed
    expect(r.z[1]![0]!.toFixed(3)).toBe('0.801');
    expect(r.a[2]![0]!.toFixed(2)).toBe('0.69');
    expect(r.loss.toFixed(3)).toBe('0.018');
  });
  it('the seed prints O₃ = 0.69, but σ(0.755) = 0.680 (its own x₅ = 0.801 needs 0.680)', () => {
    expect(r.a[1]![0]!.toFixed(3)).toBe('0.680');
    expect(0.3 * 0.69 + 0.9 * 0.663).not.toBeCloseTo(0.801, 3);
    expect(0.3 * 0.68 + 0.9 * 0.663).toBeCloseTo(0.801, 3);
  });
  it('forward values to full precision', () => {
    expect(r.a[1]![0]).toBeCloseTo(s.o3, 15);
    expect(r.a[1]![1]).toBeCloseTo(s.o4, 15);
    expect(r.z[1]![0]).toBeCloseTo(s.x5, 15);
    expect(r.a[2]![0]).toBeCloseTo(s.o5, 15);
    expect(r.loss).toBeCloseTo(s.E, 15);
  });
  it('δ₅ = ∂E/∂x₅ = (O₅ − t₅)O₅(1 − O₅) = 0.0407: the seed\'s 0.027 is ∂E/∂w₄₅ = δ₅O₄', () => {
    expect(r.delta[1]![0]).toBeCloseTo(s.dE_dx5, 15);
    expect(r.delta[1]![0]!.toFixed(4)).toBe('0.0407');
    expect(((0.69 - 0.5) * 0.69 * (1 - 0.69)).toFixed(4)).toBe('0.0406'); // the seed's own formula with its roundings
    expect(r.dW[1]![1]!.toFixed(3)).toBe('0.027');
  });
  it('the weight gradients: ∂E/∂w = δ_j O_i, as in the seed\'s chains of local derivatives', () => {
    const [d1, d2] = r.dW as [Float64Array, Float64Array];
    expect(d2[0]).toBeCloseTo(s.dE_dw35, 15);
    expect(d2[1]).toBeCloseTo(s.dE_dw45, 15);
    expect(d1[0]).toBeCloseTo(s.dE_dw13, 15); // (O₅ − t₅)O₅(1 − O₅)·w₃₅·O₃(1 − O₃)·x₁
    expect(d1[1]).toBeCloseTo(s.dE_dw23, 15);
    expect(d1[2]).toBeCloseTo(s.dE_dw14, 15);
    expect(d1[3]).toBeCloseTo(s.dE_dw24, 15);
  });
});

describe('the activation derivatives used by backprop agree with central differences', () => {
  it.each(BP_ACTIVATIONS.map((a) => [a]))('%s', (name) => {
    const { f, df } = bpActivation(name);
    for (const z of [-3.1, -0.7, 0.3, 1.9, 4.2]) {
      const h = 1e-6;
      expect(Math.abs((f(z + h) - f(z - h)) / (2 * h) - df(z))).toBeLessThan(1e-7);
    }
  });
});

describe('bad shapes are reported', () => {
  it('wrong input size', () => expect(() => backprop(seedNet, [1, 2, 3], [0.5], 'sse')).toThrow(/expects 2 inputs/));
  it('wrong weight count', () => expect(() => backprop([{ W: [1], b: [0], nIn: 2, nOut: 1, activation: 'relu' }], [1, 2], [0], 'sse')).toThrow(/W must be/));
});
