// Activation functions by name (seed 000): each is a registry op, so its
// value and derivative live in one place (src/ops/activations.ts) and the
// tape records it like any other op.

import { DiffError } from '../expr/errors.ts';
import { opDef, type OpName } from '../ops/index.ts';

export const ACTIVATION_NAMES = [
  'logistic',
  'tanh',
  'hard-logistic',
  'hard-tanh',
  'relu',
  'leaky-relu',
  'elu',
  'softplus',
  'swish',
  'gelu',
  'linear',
] as const;
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/** An activation: a name, and its parameter (γ of leaky ReLU, α of ELU, β of swish) when it has one. */
export interface Activation {
  readonly name: ActivationName;
  readonly param?: number;
}

const OPS: Readonly<Record<Exclude<ActivationName, 'linear'>, OpName>> = {
  logistic: 'sigmoid',
  tanh: 'tanh',
  'hard-logistic': 'hardsigmoid',
  'hard-tanh': 'hardtanh',
  relu: 'relu',
  'leaky-relu': 'leakyrelu',
  elu: 'elu',
  softplus: 'softplus',
  swish: 'swish',
  gelu: 'gelu',
};

const PARAMETRIC: ReadonlySet<ActivationName> = new Set(['leaky-relu', 'elu', 'swish']);

/** The registry op behind an activation, or undefined for the identity. */
export function activationOp(a: Activation): OpName | undefined {
  return a.name === 'linear' ? undefined : OPS[a.name];
}

/** Scalar value and derivative of an activation, from the registry. */
export function activationFns(a: Activation): { f: (z: number) => number; df: (z: number, y: number) => number } {
  const op = activationOp(a);
  if (op === undefined) return { f: (z) => z, df: () => 1 };
  const def = opDef(op);
  const args = a.param === undefined ? [0] : [0, a.param];
  const d = [0, 0];
  return {
    f: (z) => {
      args[0] = z;
      return def.eval(args);
    },
    df: (z, y) => {
      args[0] = z;
      def.partials(args, y, d);
      return d[0]!;
    },
  };
}

/**
 * Reads an activation: a name or alias (`sigmoid`/`σ`/`logistic`, `relu`,
 * `leaky-relu:0.1`, `elu:1`, `swish:1`, `identity`/`linear`, …).
 */
export function parseActivation(text: string): Activation {
  const [raw, arg] = text.trim().split(':', 2) as [string, string | undefined];
  const t = raw.toLowerCase().replace(/[_\s]/g, '-');
  const alias: Record<string, ActivationName> = {
    sigmoid: 'logistic',
    'σ': 'logistic',
    sigma: 'logistic',
    hardsigmoid: 'hard-logistic',
    'hard-sigmoid': 'hard-logistic',
    hardlogistic: 'hard-logistic',
    hardtanh: 'hard-tanh',
    leakyrelu: 'leaky-relu',
    lrelu: 'leaky-relu',
    identity: 'linear',
    none: 'linear',
  };
  const name = (alias[t] ?? t) as ActivationName;
  if (!(ACTIVATION_NAMES as readonly string[]).includes(name)) {
    throw new DiffError(`unknown activation ${JSON.stringify(text)}: use one of ${ACTIVATION_NAMES.join(', ')} (maxout is a layer: --act maxout:k)`);
  }
  if (arg === undefined) return { name };
  if (!PARAMETRIC.has(name)) throw new DiffError(`activation ${name} takes no parameter`);
  const v = Number(arg);
  if (!Number.isFinite(v)) throw new DiffError(`activation ${name}: parameter must be a number, got ${JSON.stringify(arg)}`);
  return { name, param: v };
}

export function activationText(a: Activation): string {
  return a.param === undefined ? a.name : `${a.name}:${a.param}`;
}
