// An op's symbolic partials ∂y/∂xⱼ as one flat program, for engines that
// need derivatives of the partials themselves (nested duals, forward-over-
// reverse). Built once per (op, argument count) from the registry's rules.

import { opDef, type OpName } from '../ops/index.ts';
import { call, variable, type Expr } from './expr.ts';
import { rawKit } from './kit.ts';
import { topoOrder } from './traverse.ts';

/** One step of the program; `args` index earlier steps. */
export type PartialStep =
  | { readonly kind: 'arg'; readonly j: number }
  /** The op's own output y, which rules may reuse (exp′ = y). */
  | { readonly kind: 'self' }
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'call'; readonly op: OpName; readonly args: readonly number[] };

export interface PartialProgram {
  readonly steps: readonly PartialStep[];
  /** The step computing ∂y/∂xⱼ, for each j. */
  readonly outputs: readonly number[];
}

const programs = new Map<string, PartialProgram>();

/** The symbolic partials of `op` applied to k arguments, in topological order. */
export function partialProgram(op: OpName, k: number): PartialProgram {
  const key = `${op}/${k}`;
  const hit = programs.get(key);
  if (hit) return hit;
  const xs: Expr[] = [];
  for (let j = 0; j < k; j++) xs.push(variable(`a${j}`));
  const self = call(op, xs);
  const def = opDef(op);
  const roots: Expr[] = [];
  for (let j = 0; j < k; j++) roots.push(def.derivative(xs, self, j, rawKit));
  const at = new Map<Expr, number>();
  const steps: PartialStep[] = [];
  for (const n of topoOrder(...roots)) {
    at.set(n, steps.length);
    if (n === self) steps.push({ kind: 'self' });
    else if (n.kind === 'var') steps.push({ kind: 'arg', j: xs.indexOf(n) });
    else if (n.kind === 'num' || n.kind === 'const') steps.push({ kind: 'num', value: n.value });
    else steps.push({ kind: 'call', op: n.op, args: n.args.map((a) => at.get(a)!) });
  }
  const p: PartialProgram = { steps, outputs: roots.map((r) => at.get(r)!) };
  programs.set(key, p);
  return p;
}
