// Numerical gradients of expressions: each partial derivative from
// evaluations of the compiled expression, so a gradient of f: ℝⁿ → ℝ costs
// 2n evaluations by central differences (n + 1 by forward differences).

import { compile } from '../compile/index.ts';
import { DiffError } from '../expr/errors.ts';
import { evaluate, lookup, setOwn, type Point } from '../expr/eval.ts';
import type { Expr } from '../expr/expr.ts';
import { compareNames, freeVariables } from '../expr/traverse.ts';
import { partial, type Method } from './diff.ts';

export interface NumericOptions {
  /** central (default), forward, or richardson. */
  readonly method?: Method;
  /** The variables to differentiate by (default: the free variables, sorted). */
  readonly vars?: readonly string[];
  /**
   * Central and forward differences: spend two more evaluations per variable
   * on a truncation-error estimate (default true). Without it a central
   * gradient costs exactly 2n evaluations and the estimate is the rounding
   * error only.
   */
  readonly estimateError?: boolean;
}

export interface NumericGradient {
  readonly value: number;
  readonly gradient: Record<string, number>;
  /** Estimated absolute error of each component. */
  readonly errorEstimate: Record<string, number>;
  /** The step used for each component (the smallest, for Richardson). */
  readonly steps: Record<string, number>;
  readonly method: Method;
  readonly vars: readonly string[];
  /** Evaluations of the expression made. */
  readonly evaluations: number;
}

/**
 * The gradient of e at the point by finite differences. The point itself
 * must be inside the domain (a DiffError names the problem); the perturbed
 * points follow IEEE semantics.
 */
export function gradient(e: Expr, point: Point, options: NumericOptions = {}): NumericGradient {
  const method = options.method ?? 'central';
  if (method !== 'central' && method !== 'forward' && method !== 'richardson') {
    throw new DiffError(`unknown method ${String(method)}: use central, forward or richardson`);
  }
  const own = freeVariables(e);
  const names = options.vars?.slice() ?? own;
  const params = [...new Set([...own, ...names])].sort(compareNames);
  const value = evaluate(e, point); // strict: names an unbound variable or a domain problem
  const f = compile(e, { vars: params });
  const x = Float64Array.from(params, (name) => {
    const v = lookup(point, name);
    if (v === undefined) throw new DiffError(`unbound variable ${name}: give it a value (e.g. --at ${name}=1)`);
    return v;
  });
  const g: Record<string, number> = {};
  const err: Record<string, number> = {};
  const steps: Record<string, number> = {};
  let evaluations = method === 'forward' ? 1 : 0; // forward differences reuse f(x)
  for (const name of names) {
    const r = partial(f.fromArray, x, params.indexOf(name), method, value, options.estimateError ?? true);
    setOwn(g, name, r.derivative);
    setOwn(err, name, r.errorEstimate);
    setOwn(steps, name, r.h);
    evaluations += r.evaluations;
  }
  return { value, gradient: g, errorEstimate: err, steps, method, vars: names, evaluations };
}
