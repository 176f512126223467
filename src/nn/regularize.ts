// Regularization (seed 003): J(θ) + λR(θ) with
//   L2 (weight decay)  R = Σ θᵢ²           ∂R/∂θᵢ = 2θᵢ
//   L1                 R = Σ |θᵢ|          ∂R/∂θᵢ = sign θᵢ (0 at 0)
//   elastic net        R = β Σ θᵢ² + Σ |θᵢ|
// The penalty's gradient is added straight into the gradient buffers, after
// the data term's gradient has been collected from the tape.

import { DiffError } from '../expr/errors.ts';
import { assertNever } from '../expr/expr.ts';
import type { Param, ParamLike } from './param.ts';

export type Regularizer =
  | { readonly kind: 'l2'; readonly lambda: number }
  | { readonly kind: 'l1'; readonly lambda: number }
  | { readonly kind: 'elastic'; readonly lambda: number; readonly beta: number };

/** R(θ) for one buffer, without λ. */
function penaltyOf(reg: Regularizer, x: Float64Array): number {
  let s2 = 0;
  let s1 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    s2 += v * v;
    s1 += Math.abs(v);
  }
  switch (reg.kind) {
    case 'l2':
      return s2;
    case 'l1':
      return s1;
    case 'elastic':
      return reg.beta * s2 + s1;
    default:
      return assertNever(reg);
  }
}

/**
 * λR(θ) over the parameters; with `addGrad` (the default) also adds
 * λ∂R/∂θ into each gradient buffer.
 */
export function regularize(params: readonly ParamLike[], reg: Regularizer, addGrad = true): number {
  checkRegularizer(reg);
  let total = 0;
  const lam = reg.lambda;
  for (const p of params) {
    total += penaltyOf(reg, p.data);
    if (!addGrad) continue;
    const { data: x, grad: g } = p;
    switch (reg.kind) {
      case 'l2':
        for (let i = 0; i < x.length; i++) g[i] = g[i]! + 2 * lam * x[i]!;
        break;
      case 'l1':
        for (let i = 0; i < x.length; i++) g[i] = g[i]! + lam * sgn(x[i]!);
        break;
      case 'elastic': {
        const b2 = 2 * reg.beta;
        for (let i = 0; i < x.length; i++) g[i] = g[i]! + lam * (b2 * x[i]! + sgn(x[i]!));
        break;
      }
      default:
        assertNever(reg);
    }
  }
  return lam * total;
}

/** The weight matrices only (names ending in `.W`), the usual target of weight decay. */
export function weightsOnly<P extends Param>(params: readonly P[]): P[] {
  return params.filter((p) => p.shape.length >= 2);
}

/** Reads `l2:1e-4`, `l1:1e-3`, `elastic:1e-3:0.5` (λ, then β). */
export function parseRegularizer(text: string): Regularizer {
  const [kind, a, b] = text.trim().toLowerCase().split(':');
  const lambda = Number(a);
  if (a === undefined || !(lambda >= 0)) throw new DiffError(`regularizer ${JSON.stringify(text)}: give λ, e.g. l2:1e-4, l1:1e-3 or elastic:1e-3:0.5`);
  switch (kind) {
    case 'l2':
    case 'weight-decay':
      return { kind: 'l2', lambda };
    case 'l1':
      return { kind: 'l1', lambda };
    case 'elastic':
    case 'elastic-net': {
      const beta = b === undefined ? 1 : Number(b);
      if (!(beta >= 0)) throw new DiffError(`elastic net: β must be a non-negative number, got ${JSON.stringify(b)}`);
      return { kind: 'elastic', lambda, beta };
    }
    default:
      throw new DiffError(`unknown regularizer ${JSON.stringify(kind)}: use l2:λ, l1:λ or elastic:λ:β`);
  }
}

function checkRegularizer(reg: Regularizer): void {
  if (!(reg.lambda >= 0) || !Number.isFinite(reg.lambda)) throw new DiffError(`regularization λ must be a non-negative number, got ${reg.lambda}`);
}

const sgn = (v: number): number => (v > 0 ? 1 : v < 0 ? -1 : 0);
