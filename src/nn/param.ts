// A trainable parameter: a flat value buffer and a gradient buffer of the
// same length, plus a name and a shape for people and for save/load.
// Optimizers and regularizers work on these buffers; layers bind them to
// tape leaves for each step.

import { DiffError } from '../expr/errors.ts';

export class Param {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float64Array;
  /** ∂loss/∂data, accumulated by `backward` until `zeroGrad`. */
  readonly grad: Float64Array;
  /** Index of the first tape leaf of this parameter in the current recording, or −1. */
  leafBase = -1;

  constructor(name: string, shape: readonly number[], data?: Float64Array) {
    const size = shape.reduce((p, s) => p * s, 1);
    if (!shape.every((s) => Number.isInteger(s) && s > 0)) throw new DiffError(`parameter ${name}: bad shape [${shape.join(', ')}]`);
    if (data !== undefined && data.length !== size) throw new DiffError(`parameter ${name}: ${data.length} values for shape [${shape.join(', ')}]`);
    this.name = name;
    this.shape = Object.freeze(shape.slice());
    this.data = data ?? new Float64Array(size);
    this.grad = new Float64Array(size);
  }

  get size(): number {
    return this.data.length;
  }

  zeroGrad(): void {
    this.grad.fill(0);
  }
}

/** Anything an optimizer can update: a value buffer and its gradient. */
export interface ParamLike {
  readonly data: Float64Array;
  readonly grad: Float64Array;
}

/** Total number of scalars. */
export function countParams(params: readonly ParamLike[]): number {
  let n = 0;
  for (const p of params) n += p.data.length;
  return n;
}

/** ‖g‖₂ over every gradient buffer. */
export function gradNorm(params: readonly ParamLike[]): number {
  let s = 0;
  for (const p of params) for (let i = 0; i < p.grad.length; i++) s += p.grad[i]! * p.grad[i]!;
  return Math.sqrt(s);
}

/**
 * Rescales the gradients so that their global norm is at most maxNorm
 * (like torch.nn.utils.clip_grad_norm_); returns the norm before clipping.
 */
export function clipGradNorm(params: readonly ParamLike[], maxNorm: number): number {
  if (!(maxNorm > 0)) throw new DiffError(`clipGradNorm: maxNorm must be positive, got ${maxNorm}`);
  const norm = gradNorm(params);
  if (norm > maxNorm) {
    const f = maxNorm / norm;
    for (const p of params) for (let i = 0; i < p.grad.length; i++) p.grad[i]! *= f;
  }
  return norm;
}
