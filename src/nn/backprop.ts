// Layer-wise backpropagation with the four equations (seeds 000 and 001),
// on plain arrays and without the tape: an independent witness for the
// tape's gradients.
//
//   forward   z^l = W^l a^(l−1) + b^l,   a^l = f_l(z^l),   a^0 = x
//   (BP1)     δ^L = ∇ₐC ⊙ f′_L(z^L)
//   (BP2)     δ^l = ((W^(l+1))ᵀ δ^(l+1)) ⊙ f′_l(z^l)
//   (BP3)     ∂C/∂b^l = δ^l
//   (BP4)     ∂C/∂W^l = δ^l (a^(l−1))ᵀ
//
// The activations and their derivatives are written out here again, from
// their definitions, rather than taken from the op registry.

import { DiffError } from '../expr/errors.ts';
import { assertNever } from '../expr/expr.ts';
import { erf } from '../ops/math.ts';
import type { ActivationName } from './activations.ts';
import { ActivationLayer, Dense, type Sequential } from './layers.ts';
import { lossAndGrad, type LossName, type Target } from './losses.ts';

export const BP_ACTIVATIONS = ['identity', 'sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu', 'softplus', 'gelu', 'swish', 'hard-sigmoid', 'hard-tanh'] as const;
export type BpActivation = (typeof BP_ACTIVATIONS)[number];

/** f(z) and f′(z) of an activation, from the definitions in seed 000. */
export function bpActivation(name: BpActivation): { f: (z: number) => number; df: (z: number) => number } {
  const sig = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
  switch (name) {
    case 'identity':
      return { f: (z) => z, df: () => 1 };
    case 'sigmoid':
      // σ′ = σ(1 − σ)
      return { f: sig, df: (z) => sig(z) * (1 - sig(z)) };
    case 'tanh':
      // tanh′ = 1 − tanh²
      return { f: Math.tanh, df: (z) => 1 - Math.tanh(z) ** 2 };
    case 'relu':
      // relu′ = 1 for z > 0, else 0 (0 at the kink)
      return { f: (z) => Math.max(0, z), df: (z) => (z > 0 ? 1 : 0) };
    case 'leaky-relu':
      return { f: (z) => (z > 0 ? z : 0.01 * z), df: (z) => (z > 0 ? 1 : 0.01) };
    case 'elu':
      // elu′ = 1 for z > 0, eᶻ otherwise (α = 1)
      return { f: (z) => (z > 0 ? z : Math.exp(z) - 1), df: (z) => (z > 0 ? 1 : Math.exp(z)) };
    case 'softplus':
      // softplus′ = σ
      return { f: (z) => Math.max(z, 0) + Math.log(1 + Math.exp(-Math.abs(z))), df: sig };
    case 'gelu': {
      // gelu z = z Φ(z), gelu′ = Φ(z) + z φ(z)
      const Phi = (z: number): number => 0.5 * (1 + erf(z / Math.SQRT2));
      const phi = (z: number): number => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
      return { f: (z) => z * Phi(z), df: (z) => Phi(z) + z * phi(z) };
    }
    case 'swish':
      // (zσ(z))′ = σ(z) + zσ(z)(1 − σ(z))
      return { f: (z) => z * sig(z), df: (z) => sig(z) + z * sig(z) * (1 - sig(z)) };
    case 'hard-sigmoid':
      return { f: (z) => Math.max(Math.min(0.25 * z + 0.5, 1), 0), df: (z) => (z > -2 && z < 2 ? 0.25 : 0) };
    case 'hard-tanh':
      return { f: (z) => Math.max(Math.min(z, 1), -1), df: (z) => (z > -1 && z < 1 ? 1 : 0) };
    default:
      return assertNever(name);
  }
}

/** One layer: W of shape [out, in] in row-major order, b of length out, activation f. */
export interface BpLayer {
  readonly W: ArrayLike<number>;
  readonly b: ArrayLike<number>;
  readonly nIn: number;
  readonly nOut: number;
  readonly activation: BpActivation;
}

export interface BpForward {
  /** z^l for l = 1 … L (index l − 1). */
  readonly z: Float64Array[];
  /** a^l for l = 0 … L (a^0 = x). */
  readonly a: Float64Array[];
}

export interface BpResult extends BpForward {
  /** C at the sample. */
  readonly loss: number;
  /** δ^l for l = 1 … L. */
  readonly delta: Float64Array[];
  /** ∂C/∂W^l, same layout as W^l. */
  readonly dW: Float64Array[];
  /** ∂C/∂b^l. */
  readonly db: Float64Array[];
}

/** The forward pass, keeping every z^l and a^l. */
export function bpForward(layers: readonly BpLayer[], x: ArrayLike<number>): BpForward {
  if (layers.length === 0) throw new DiffError('backprop needs at least one layer');
  const z: Float64Array[] = [];
  const a: Float64Array[] = [Float64Array.from(x as ArrayLike<number>)];
  for (let l = 0; l < layers.length; l++) {
    const L = layers[l]!;
    const prev = a[l]!;
    if (prev.length !== L.nIn) throw new DiffError(`layer ${l + 1} expects ${L.nIn} inputs, got ${prev.length}`);
    if (L.W.length !== L.nIn * L.nOut || L.b.length !== L.nOut) throw new DiffError(`layer ${l + 1}: W must be ${L.nOut}×${L.nIn} and b of length ${L.nOut}`);
    const { f } = bpActivation(L.activation);
    const zl = new Float64Array(L.nOut);
    const al = new Float64Array(L.nOut);
    for (let j = 0; j < L.nOut; j++) {
      let s = L.b[j]!;
      for (let i = 0; i < L.nIn; i++) s += L.W[j * L.nIn + i]! * prev[i]!;
      zl[j] = s;
      al[j] = f(s);
    }
    z.push(zl);
    a.push(al);
  }
  return { z, a };
}

/**
 * Gradients of the loss C(a^L, target) of one sample, by BP1–BP4.
 * `gradA`, if given, replaces the loss: it is ∇ₐC at the output.
 */
export function backprop(layers: readonly BpLayer[], x: ArrayLike<number>, target: Target, loss: LossName, gradA?: ArrayLike<number>): BpResult {
  const fw = bpForward(layers, x);
  const L = layers.length;
  const aL = fw.a[L]!;
  const dC = new Float64Array(aL.length);
  let C = NaN;
  if (gradA !== undefined) dC.set(gradA);
  else C = lossAndGrad(loss, aL, target, dC);
  const delta: Float64Array[] = new Array<Float64Array>(L);
  // BP1: δ^L = ∇ₐC ⊙ f′(z^L)
  {
    const { df } = bpActivation(layers[L - 1]!.activation);
    const zL = fw.z[L - 1]!;
    delta[L - 1] = dC.map((g, j) => g * df(zL[j]!));
  }
  // BP2: δ^l = ((W^(l+1))ᵀ δ^(l+1)) ⊙ f′(z^l)
  for (let l = L - 2; l >= 0; l--) {
    const next = layers[l + 1]!;
    const dn = delta[l + 1]!;
    const { df } = bpActivation(layers[l]!.activation);
    const zl = fw.z[l]!;
    const d = new Float64Array(layers[l]!.nOut);
    for (let i = 0; i < d.length; i++) {
      let s = 0;
      for (let k = 0; k < next.nOut; k++) s += next.W[k * next.nIn + i]! * dn[k]!;
      d[i] = s * df(zl[i]!);
    }
    delta[l] = d;
  }
  // BP3: ∂C/∂b^l = δ^l ; BP4: ∂C/∂W^l_ji = δ^l_j a^(l−1)_i
  const db = delta.map((d) => Float64Array.from(d));
  const dW = layers.map((layer, l) => {
    const g = new Float64Array(layer.nIn * layer.nOut);
    const prev = fw.a[l]!;
    const d = delta[l]!;
    for (let j = 0; j < layer.nOut; j++) for (let i = 0; i < layer.nIn; i++) g[j * layer.nIn + i] = d[j]! * prev[i]!;
    return g;
  });
  return { ...fw, loss: C, delta, dW, db };
}

/** Gradients averaged over a batch: (1/N) Σₙ ∂Cₙ/∂θ. */
export function backpropBatch(layers: readonly BpLayer[], xs: readonly ArrayLike<number>[], targets: readonly Target[], loss: LossName): { loss: number; dW: Float64Array[]; db: Float64Array[] } {
  if (xs.length === 0 || xs.length !== targets.length) throw new DiffError('backpropBatch needs as many targets as samples, and at least one');
  const dW = layers.map((l) => new Float64Array(l.nIn * l.nOut));
  const db = layers.map((l) => new Float64Array(l.nOut));
  let C = 0;
  const n = xs.length;
  for (let s = 0; s < n; s++) {
    const r = backprop(layers, xs[s]!, targets[s]!, loss);
    C += r.loss / n;
    for (let l = 0; l < layers.length; l++) {
      for (let k = 0; k < dW[l]!.length; k++) dW[l]![k]! += r.dW[l]![k]! / n;
      for (let k = 0; k < db[l]!.length; k++) db[l]![k]! += r.db[l]![k]! / n;
    }
  }
  return { loss: C, dW, db };
}

const BP_NAME: Readonly<Record<ActivationName, BpActivation>> = {
  logistic: 'sigmoid',
  tanh: 'tanh',
  'hard-logistic': 'hard-sigmoid',
  'hard-tanh': 'hard-tanh',
  relu: 'relu',
  'leaky-relu': 'leaky-relu',
  elu: 'elu',
  softplus: 'softplus',
  swish: 'swish',
  gelu: 'gelu',
  linear: 'identity',
};

/**
 * The dense layers of a network (each followed by at most one activation)
 * as plain arrays for `backprop`. The arrays are views of the parameters.
 */
export function bpLayersOf(net: Sequential): BpLayer[] {
  const out: BpLayer[] = [];
  const ls = net.layers;
  for (let i = 0; i < ls.length; i++) {
    const l = ls[i]!;
    if (!(l instanceof Dense)) throw new DiffError(`backprop handles dense layers and activations, not a ${l.type} layer (layer ${i})`);
    let activation: BpActivation = 'identity';
    const next = ls[i + 1];
    if (next instanceof ActivationLayer) {
      const a = next.activation;
      const defaults: Partial<Record<ActivationName, number>> = { 'leaky-relu': 0.01, elu: 1, swish: 1 };
      if (a.param !== undefined && a.param !== defaults[a.name]) throw new DiffError(`backprop: ${a.name} with parameter ${a.param} is not supported`);
      activation = BP_NAME[a.name];
      i++;
    }
    out.push({ W: l.W.data, b: l.b.data, nIn: l.inFeatures, nOut: l.outFeatures, activation });
  }
  return out;
}
