// Spellings that are exactly another op applied to its arguments: the parser
// expands them, so the op set stays small (pow(a, b) is aᵇ, lg x is
// log(x, 10)). A sugar spelling that is also an op's spelling (`log`, which
// is ln with one argument) applies when the op's arity does not fit.

import type { Expr } from '../expr/expr.ts';
import { call, num } from '../expr/expr.ts';
import type { Arity } from '../ops/index.ts';

export interface Sugar {
  readonly arity: Arity;
  /** What the spelling means, for help and documentation. */
  readonly doc: string;
  expand(args: readonly Expr[]): Expr;
}

const log10 = (x: readonly Expr[]): Expr => call('logbase', [x[0]!, num(10)]);
const log2 = (x: readonly Expr[]): Expr => call('logbase', [x[0]!, num(2)]);

export const SUGAR: ReadonlyMap<string, Sugar> = new Map<string, Sugar>([
  ['log', { arity: 2, doc: 'log(x, b) = logbase(x, b), the logarithm to the base b (log x with one argument is ln x)', expand: (x) => call('logbase', [x[0]!, x[1]!]) }],
  ['log10', { arity: 1, doc: 'log10 x = log₁₀ x = log(x, 10)', expand: log10 }],
  ['lg', { arity: 1, doc: 'lg x = log(x, 10)', expand: log10 }],
  ['log2', { arity: 1, doc: 'log2 x = log₂ x = log(x, 2)', expand: log2 }],
  ['lb', { arity: 1, doc: 'lb x = log(x, 2)', expand: log2 }],
  ['pow', { arity: 2, doc: 'pow(a, b) = aᵇ', expand: (x) => call('pow', [x[0]!, x[1]!]) }],
  ['exp2', { arity: 1, doc: 'exp2 x = 2ˣ', expand: (x) => call('pow', [num(2), x[0]!]) }],
  ['cosec', { arity: 1, doc: 'cosec x = csc x', expand: (x) => call('csc', [x[0]!]) }],
]);

/** The prefix root signs: √x = sqrt x, ∛x = cbrt x, ∜x = root(x, 4). */
export function applyRootSign(sign: string, x: Expr): Expr {
  if (sign === '∛') return call('cbrt', [x]);
  if (sign === '∜') return call('root', [x, num(4)]);
  return call('sqrt', [x]);
}
