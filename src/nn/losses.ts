// Losses, per sample, as a value and its gradient with respect to the
// network's outputs. Each is computed in a numerically stable form, and on
// the tape each sample's loss is one fused node whose partials are this
// gradient (exact, and the tape stays short).
//
//   mse          (1/K) Σ (zₖ − tₖ)²                   ∂/∂zₖ = 2(zₖ − tₖ)/K
//   sse          ½ Σ (zₖ − tₖ)²   (the seeds' E)       ∂/∂zₖ = zₖ − tₖ
//   bce          binary cross-entropy from the logit z, label y ∈ [0, 1]:
//                −y ln σ(z) − (1 − y) ln(1 − σ(z)) = softplus(z) − yz
//                = max(z, 0) − yz + ln(1 + e^(−|z|))   ∂/∂z = σ(z) − y
//   softmax-ce   −ln softmax(z)_y = logsumexp(z) − z_y ∂/∂zₖ = softmax(z)ₖ − [k = y]
//   hinge        one output (SVM), y ∈ {−1, +1}: max(0, 1 − yz), ∂/∂z = −y where 1 − yz > 0
//                K outputs (multiclass SVM): Σ_{k≠y} max(0, 1 + zₖ − z_y)

import { DiffError } from '../expr/errors.ts';
import { assertNever } from '../expr/expr.ts';
import { sigmoid } from '../ops/math.ts';
import type { Tape } from '../reverse/tape.ts';

export const LOSS_NAMES = ['mse', 'sse', 'bce', 'softmax-ce', 'hinge'] as const;
export type LossName = (typeof LOSS_NAMES)[number];

/** A target: a class index (or binary label), or a vector of the output's length. */
export type Target = number | ArrayLike<number>;

/**
 * Binary cross-entropy of the logit z against y ∈ [0, 1]: softplus(z) − yz,
 * summed as (max(z, 0) − yz) + ln(1 + e^(−|z|)) so that the small tail term
 * survives (z = 40, y = 1: 4.25e−18, not 0).
 */
export function bceWithLogits(z: number, y: number): number {
  return Math.max(z, 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
}

/** d/dz of bceWithLogits = σ(z) − y, written as (1 − y) − σ(−z) for z > 0 so that σ(40) − 1 is −4.25e−18, not 0. */
export function bceGradient(z: number, y: number): number {
  return z > 0 ? 1 - y - sigmoid(-z) : sigmoid(z) - y;
}

/** −ln softmax(z)_label, through log-sum-exp. */
export function softmaxCrossEntropy(z: ArrayLike<number>, label: number): number {
  return logSumExpOf(z) - z[label]!;
}

/** max(0, 1 − y·score) with y ∈ {−1, +1}. */
export function hinge(score: number, y: number): number {
  return Math.max(0, 1 - y * score);
}

function logSumExpOf(z: ArrayLike<number>): number {
  let m = -Infinity;
  for (let k = 0; k < z.length; k++) if (z[k]! > m) m = z[k]!;
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (let k = 0; k < z.length; k++) s += Math.exp(z[k]! - m);
  return m + Math.log(s);
}

function vectorTarget(t: Target, k: number, what: string): ArrayLike<number> {
  if (typeof t !== 'number') {
    if (t.length !== k) throw new DiffError(`${what}: the target has ${t.length} values but the network has ${k} outputs`);
    return t;
  }
  if (k === 1) return [t];
  checkClass(t, k, what);
  const v = new Array<number>(k).fill(0);
  v[t] = 1; // one-hot
  return v;
}

function checkClass(y: number, k: number, what: string): void {
  if (!Number.isInteger(y) || y < 0 || y >= k) throw new DiffError(`${what}: class label ${y} is not one of 0 … ${k - 1}`);
}

/** ±1 from a binary label given as 0/1 or −1/+1. */
export function signLabel(y: number): number {
  if (y === 1) return 1;
  if (y === 0 || y === -1) return -1;
  throw new DiffError(`hinge loss: binary label must be 0/1 or −1/+1, got ${y}`);
}

/**
 * The loss of one sample; writes ∂loss/∂zₖ into grad[k] (grad may be the
 * output's length or longer).
 */
export function lossAndGrad(name: LossName, z: ArrayLike<number>, target: Target, grad: { [k: number]: number; length: number }): number {
  const K = z.length;
  if (K === 0) throw new DiffError('loss of an empty output');
  switch (name) {
    case 'mse':
    case 'sse': {
      const t = vectorTarget(target, K, name);
      // mse = (1/K)Σ(z − t)², sse = ½Σ(z − t)²
      const c = name === 'mse' ? 1 / K : 0.5;
      let s = 0;
      for (let k = 0; k < K; k++) {
        const r = z[k]! - t[k]!;
        s += r * r;
        grad[k] = 2 * c * r;
      }
      return c * s;
    }
    case 'bce': {
      if (K !== 1) throw new DiffError(`bce (binary cross-entropy) needs one output, the network has ${K}: use softmax-ce`);
      const y = typeof target === 'number' ? target : target[0]!;
      if (!(y >= 0 && y <= 1)) throw new DiffError(`bce: the label must be in [0, 1], got ${y}`);
      const zz = z[0]!;
      grad[0] = bceGradient(zz, y); // d/dz (softplus z − yz) = σ(z) − y
      return bceWithLogits(zz, y);
    }
    case 'softmax-ce': {
      if (K < 2) throw new DiffError('softmax-ce needs at least two outputs: use bce for one logit');
      // shift by the maximum m: softmax(z)ₖ = e^(zₖ − m)/Σⱼ e^(zⱼ − m), logsumexp(z) = m + ln Σⱼ e^(zⱼ − m)
      let m = -Infinity;
      for (let k = 0; k < K; k++) if (z[k]! > m) m = z[k]!;
      let s = 0;
      for (let k = 0; k < K; k++) s += Math.exp(z[k]! - m);
      const lse = m + Math.log(s);
      if (typeof target === 'number') {
        checkClass(target, K, 'softmax-ce');
        for (let k = 0; k < K; k++) grad[k] = Math.exp(z[k]! - m) / s - (k === target ? 1 : 0);
        // −ln softmax(z)_y = ln s − (z_y − m), exact for the largest logit
        return Math.log(s) - (z[target]! - m);
      }
      // soft targets p: −Σ pₖ ln softmax(z)ₖ, ∂/∂zₖ = (Σp) softmax(z)ₖ − pₖ
      const p = vectorTarget(target, K, 'softmax-ce');
      let loss = 0;
      let mass = 0;
      for (let k = 0; k < K; k++) mass += p[k]!;
      for (let k = 0; k < K; k++) {
        loss += p[k]! * (lse - z[k]!);
        grad[k] = (mass * Math.exp(z[k]! - m)) / s - p[k]!;
      }
      return loss;
    }
    case 'hinge': {
      if (K === 1) {
        const y = signLabel(typeof target === 'number' ? target : target[0]!);
        const margin = 1 - y * z[0]!;
        grad[0] = margin > 0 ? -y : 0;
        return margin > 0 ? margin : 0;
      }
      if (typeof target !== 'number') throw new DiffError('multiclass hinge needs a class label');
      checkClass(target, K, 'hinge');
      const zy = z[target]!;
      let loss = 0;
      let gy = 0;
      for (let k = 0; k < K; k++) {
        if (k === target) continue;
        const m = 1 + z[k]! - zy;
        if (m > 0) {
          loss += m;
          grad[k] = 1;
          gy -= 1;
        } else grad[k] = 0;
      }
      grad[target] = gy;
      return loss;
    }
    default:
      return assertNever(name);
  }
}

/** The predicted class of an output under a loss (logit > 0, p > ½, or argmax). */
export function predictClass(name: LossName, z: ArrayLike<number>): number {
  if (z.length === 1) return z[0]! > (name === 'mse' || name === 'sse' ? 0.5 : 0) ? 1 : 0;
  let best = 0;
  for (let k = 1; k < z.length; k++) if (z[k]! > z[best]!) best = k;
  return best;
}

/** Reads a loss name (`mse`, `sse`, `bce`/`cross-entropy`, `softmax-ce`/`ce`, `hinge`/`svm`). */
export function parseLoss(text: string): LossName {
  const t = text.trim().toLowerCase().replace(/[_\s]/g, '-');
  const alias: Record<string, LossName> = {
    'cross-entropy': 'bce',
    'binary-cross-entropy': 'bce',
    logistic: 'bce',
    ce: 'softmax-ce',
    softmax: 'softmax-ce',
    'categorical-cross-entropy': 'softmax-ce',
    svm: 'hinge',
    'half-sse': 'sse',
    squared: 'sse',
  };
  const name = alias[t] ?? t;
  if ((LOSS_NAMES as readonly string[]).includes(name)) return name as LossName;
  throw new DiffError(`unknown loss ${JSON.stringify(text)}: use one of ${LOSS_NAMES.join(', ')}`);
}

// ---------------------------------------------------------------------------
// On the tape

const scratchZ: number[] = [];
const scratchG: number[] = [];

/** Records one sample's loss as a single fused node over the output nodes. */
export function recordLoss(t: Tape, name: LossName, outputs: readonly number[], target: Target): number {
  const K = outputs.length;
  scratchZ.length = K;
  scratchG.length = K;
  for (let k = 0; k < K; k++) scratchZ[k] = t.value(outputs[k]!);
  const v = lossAndGrad(name, scratchZ, target, scratchG);
  return t.custom(outputs, v, scratchG);
}

/** (1/N) Σ nodes as one node, ∂/∂nodeᵢ = 1/N. */
export function recordMean(t: Tape, nodes: readonly number[]): number {
  const n = nodes.length;
  if (n === 0) throw new DiffError('mean of no values');
  let s = 0;
  for (let i = 0; i < n; i++) s += t.value(nodes[i]!);
  const w = new Float64Array(n).fill(1 / n);
  return t.custom(nodes, s / n, w);
}

/** Σ cᵢ·nodeᵢ as one node. */
export function recordWeightedSum(t: Tape, nodes: readonly number[], coefs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < nodes.length; i++) s += coefs[i]! * t.value(nodes[i]!);
  return t.custom(nodes, s, coefs);
}
