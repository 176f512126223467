// Optimizers, exactly as written in seed 003 (α the learning rate, dx the
// gradient, k the step). They update parameter buffers in place from the
// gradient buffers; they know nothing of tapes or layers.
//
//   SGD        x ← x − α dx
//   momentum   (Polyak heavy ball) yₖ = xₖ + β(xₖ − xₖ₋₁),  xₖ₊₁ = yₖ − α∇f(xₖ)
//   Nesterov   yₖ = xₖ + β(xₖ − xₖ₋₁),  xₖ₊₁ = yₖ − α∇f(yₖ)
//   AdaGrad    s² ← s² + dx⊙dx,                 x ← x − α/√(s² + 10⁻⁷) ⊙ dx
//   RMSProp    s² ← βs² + (1 − β) dx⊙dx,        x ← x − α/√(s² + 10⁻⁷) ⊙ dx
//   Adam       v ← β₁v + (1 − β₁)dx,  s ← β₂s + (1 − β₂)dx⊙dx,
//              v̂ = v/(1 − β₁ᵏ⁺¹),  ŝ = s/(1 − β₂ᵏ⁺¹),   x ← x − α/√(ŝ + 10⁻⁷) ⊙ v̂
//
// The 10⁻⁷ sits inside the square root, added to the (bias-corrected)
// accumulator, not outside it as in PyTorch's √ŝ + ε.

import { DiffError } from '../expr/errors.ts';
import { assertNever } from '../expr/expr.ts';
import type { ParamLike } from './param.ts';

export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** The seeds' ε, added under the square root. */
export const SEED_EPS = 1e-7;

export interface OptimizerOptions {
  /** Learning rate α. */
  readonly lr?: number;
  /** Momentum β (momentum, Nesterov; default 0.9) or decay β (RMSProp; default 0.99). */
  readonly beta?: number;
  /** Adam's β₁ (default 0.9). */
  readonly beta1?: number;
  /** Adam's β₂ (default 0.999). */
  readonly beta2?: number;
  /** The ε under the square root (default 10⁻⁷). */
  readonly eps?: number;
}

/** Default learning rates, by optimizer. */
export const DEFAULT_LR: Readonly<Record<OptimizerName, number>> = {
  sgd: 0.1,
  momentum: 0.05,
  nesterov: 0.05,
  adagrad: 0.1,
  rmsprop: 0.01,
  adam: 0.01,
};

export abstract class Optimizer {
  abstract readonly name: OptimizerName;
  /** Learning rate α; may be changed between steps (schedules). */
  lr: number;
  /** Steps taken so far (k). */
  steps = 0;
  readonly params: readonly ParamLike[];

  constructor(params: readonly ParamLike[], lr: number) {
    if (!(lr > 0) || !Number.isFinite(lr)) throw new DiffError(`learning rate must be a positive number, got ${lr}`);
    if (params.length === 0) throw new DiffError('the optimizer has no parameters to update');
    this.params = params.slice();
    this.lr = lr;
  }

  /** One update of every parameter from its current gradient. */
  step(): void {
    for (let j = 0; j < this.params.length; j++) this.update(j, this.params[j]!);
    this.steps++;
  }

  /** Sets every gradient to zero. */
  zeroGrad(): void {
    for (const p of this.params) p.grad.fill(0);
  }

  /** The optimizer's state buffers, for inspection and tests. */
  abstract state(): Record<string, readonly Float64Array[]>;

  protected abstract update(j: number, p: ParamLike): void;

  protected buffers(): Float64Array[] {
    return this.params.map((p) => new Float64Array(p.data.length));
  }
}

/** x ← x − α dx. */
export class SGD extends Optimizer {
  readonly name = 'sgd' as const;
  constructor(params: readonly ParamLike[], opts: OptimizerOptions = {}) {
    super(params, opts.lr ?? DEFAULT_LR.sgd);
  }
  state(): Record<string, readonly Float64Array[]> {
    return {};
  }
  protected update(_j: number, p: ParamLike): void {
    const { data: x, grad: g } = p;
    const a = this.lr;
    for (let i = 0; i < x.length; i++) x[i] = x[i]! - a * g[i]!;
  }
}

/**
 * Polyak's heavy ball. With v = xₖ − xₖ₋₁ (v = 0 at the start):
 * xₖ₊₁ = xₖ + βv − α∇f(xₖ), i.e. v ← βv − α dx, x ← x + v.
 */
export class Momentum extends Optimizer {
  readonly name = 'momentum' as const;
  readonly beta: number;
  private readonly v: Float64Array[];
  constructor(params: readonly ParamLike[], opts: OptimizerOptions = {}) {
    super(params, opts.lr ?? DEFAULT_LR.momentum);
    this.beta = checkBeta(opts.beta ?? 0.9, 'beta');
    this.v = this.buffers();
  }
  state(): Record<string, readonly Float64Array[]> {
    return { v: this.v };
  }
  protected update(j: number, p: ParamLike): void {
    const { data: x, grad: g } = p;
    const v = this.v[j]!;
    const a = this.lr;
    const b = this.beta;
    for (let i = 0; i < x.length; i++) {
      const vi = b * v[i]! - a * g[i]!;
      v[i] = vi;
      x[i] = x[i]! + vi;
    }
  }
}

/**
 * Nesterov's accelerated gradient, with the gradient taken at the
 * look-ahead point yₖ = xₖ + β(xₖ − xₖ₋₁), as in the seed. The parameter
 * buffers hold yₖ (the point where the loss and its gradient are
 * evaluated); with v = xₖ₊₁ − xₖ = βv − α∇f(yₖ):
 *   yₖ₊₁ = xₖ₊₁ + βv = yₖ + βv − α∇f(yₖ).
 * `iterate()` gives xₖ = yₖ − βv.
 */
export class Nesterov extends Optimizer {
  readonly name = 'nesterov' as const;
  readonly beta: number;
  private readonly v: Float64Array[];
  constructor(params: readonly ParamLike[], opts: OptimizerOptions = {}) {
    super(params, opts.lr ?? DEFAULT_LR.nesterov);
    this.beta = checkBeta(opts.beta ?? 0.9, 'beta');
    this.v = this.buffers();
  }
  state(): Record<string, readonly Float64Array[]> {
    return { v: this.v };
  }
  /** The iterate xₖ = yₖ − β(xₖ − xₖ₋₁) of parameter j (the buffers hold yₖ). */
  iterate(j: number): Float64Array {
    const p = this.params[j];
    if (p === undefined) throw new DiffError(`no parameter ${j}`);
    const v = this.v[j]!;
    return p.data.map((y, i) => y - this.beta * v[i]!);
  }
  protected update(j: number, p: ParamLike): void {
    const { data: y, grad: g } = p;
    const v = this.v[j]!;
    const a = this.lr;
    const b = this.beta;
    for (let i = 0; i < y.length; i++) {
      const step = a * g[i]!;
      const vi = b * v[i]! - step;
      v[i] = vi;
      y[i] = y[i]! + b * vi - step;
    }
  }
}

/** s² ← s² + dx⊙dx, x ← x − α/√(s² + ε) ⊙ dx. */
export class AdaGrad extends Optimizer {
  readonly name = 'adagrad' as const;
  readonly eps: number;
  private readonly s2: Float64Array[];
  constructor(params: readonly ParamLike[], opts: OptimizerOptions = {}) {
    super(params, opts.lr ?? DEFAULT_LR.adagrad);
    this.eps = checkEps(opts.eps ?? SEED_EPS);
    this.s2 = this.buffers();
  }
  state(): Record<string, readonly Float64Array[]> {
    return { s2: this.s2 };
  }
  protected update(j: number, p: ParamLike): void {
    const { data: x, grad: g } = p;
    const s2 = this.s2[j]!;
    const a = this.lr;
    const eps = this.eps;
    for (let i = 0; i < x.length; i++) {
      const gi = g[i]!;
      const si = s2[i]! + gi * gi;
      s2[i] = si;
      x[i] = x[i]! - (a / Math.sqrt(si + eps)) * gi;
    }
  }
}

/** s² ← βs² + (1 − β)dx⊙dx, x ← x − α/√(s² + ε) ⊙ dx. */
export class RMSProp extends Optimizer {
  readonly name = 'rmsprop' as const;
  readonly beta: number;
  readonly eps: number;
  private readonly s2: Float64Array[];
  constructor(params: readonly ParamLike[], opts: OptimizerOptions = {}) {
    super(params, opts.lr ?? DEFAULT_LR.rmsprop);
    this.beta = checkBeta(opts.beta ?? 0.99, 'beta');
    this.eps = checkEps(opts.eps ?? SEED_EPS);
    this.s2 = this.buffers();
  }
  state(): Record<string, readonly Float64Array[]> {
    return { s2: this.s2 };
  }
  protected update(j: number, p: ParamLike): void {
    const { data: x, grad: g } = p;
    const s2 = this.s2[j]!;
    const a = this.lr;
    const b = this.beta;
    const eps = this.eps;
    for (let i = 0; i < x.length; i++) {
      const gi = g[i]!;
      const si = b * s2[i]! + (1 - b) * gi * gi;
      s2[i] = si;
      x[i] = x[i]! - (a / Math.sqrt(si + eps)) * gi;
    }
  }
}

/**
 * Adam with bias correction: v̂ = v/(1 − β₁ᵏ⁺¹), ŝ = s/(1 − β₂ᵏ⁺¹),
 * x ← x − α/√(ŝ + ε) ⊙ v̂ (k counts from 0, so the first step divides by 1 − β).
 */
export class Adam extends Optimizer {
  readonly name = 'adam' as const;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  private readonly v: Float64Array[];
  private readonly s: Float64Array[];
  private c1 = 1; // 1 − β₁ᵏ⁺¹ for the step being taken
  private c2 = 1;
  constructor(params: readonly ParamLike[], opts: OptimizerOptions = {}) {
    super(params, opts.lr ?? DEFAULT_LR.adam);
    this.beta1 = checkBeta(opts.beta1 ?? 0.9, 'beta1');
    this.beta2 = checkBeta(opts.beta2 ?? 0.999, 'beta2');
    this.eps = checkEps(opts.eps ?? SEED_EPS);
    this.v = this.buffers();
    this.s = this.buffers();
  }
  state(): Record<string, readonly Float64Array[]> {
    return { v: this.v, s: this.s };
  }
  override step(): void {
    const k1 = this.steps + 1;
    this.c1 = 1 - Math.pow(this.beta1, k1);
    this.c2 = 1 - Math.pow(this.beta2, k1);
    super.step();
  }
  protected update(j: number, p: ParamLike): void {
    const { data: x, grad: g } = p;
    const v = this.v[j]!;
    const s = this.s[j]!;
    const { lr: a, beta1: b1, beta2: b2, eps, c1, c2 } = this;
    // α v̂/√(ŝ + ε) = (α/c₁) v/√(s/c₂ + ε): one division and one square root per entry
    const ac = a / c1;
    const ic2 = 1 / c2;
    const d1 = 1 - b1;
    const d2 = 1 - b2;
    for (let i = 0; i < x.length; i++) {
      const gi = g[i]!;
      const vi = b1 * v[i]! + d1 * gi;
      const si = b2 * s[i]! + d2 * gi * gi;
      v[i] = vi;
      s[i] = si;
      x[i] = x[i]! - (ac * vi) / Math.sqrt(si * ic2 + eps);
    }
  }
}

/** An optimizer by name. */
export function makeOptimizer(name: OptimizerName, params: readonly ParamLike[], opts: OptimizerOptions = {}): Optimizer {
  switch (name) {
    case 'sgd':
      return new SGD(params, opts);
    case 'momentum':
      return new Momentum(params, opts);
    case 'nesterov':
      return new Nesterov(params, opts);
    case 'adagrad':
      return new AdaGrad(params, opts);
    case 'rmsprop':
      return new RMSProp(params, opts);
    case 'adam':
      return new Adam(params, opts);
    default:
      return assertNever(name);
  }
}

/** Reads an optimizer name (`sgd`, `momentum`/`heavy-ball`, `nesterov`, `adagrad`, `rmsprop`, `adam`). */
export function parseOptimizer(text: string): OptimizerName {
  const t = text.trim().toLowerCase().replace(/[_\s]/g, '-');
  const alias: Record<string, OptimizerName> = { 'heavy-ball': 'momentum', polyak: 'momentum', nag: 'nesterov', 'sgd-momentum': 'momentum' };
  const name = alias[t] ?? t;
  if ((OPTIMIZER_NAMES as readonly string[]).includes(name)) return name as OptimizerName;
  throw new DiffError(`unknown optimizer ${JSON.stringify(text)}: use one of ${OPTIMIZER_NAMES.join(', ')}`);
}

function checkBeta(b: number, what: string): number {
  if (!(b >= 0 && b < 1)) throw new DiffError(`${what} must be in [0, 1), got ${b}`);
  return b;
}

function checkEps(e: number): number {
  if (!(e >= 0) || !Number.isFinite(e)) throw new DiffError(`eps must be a non-negative number, got ${e}`);
  return e;
}
