// The op registry: every primitive, declared once. Adding an op is a change
// to one of the tables below (arith, elementary, activations, logpow, trig,
// piecewise); the parser,
// printers and every engine pick it up from here.

import { activations } from './activations.ts';
import { arith } from './arith.ts';
import { elementary } from './elementary.ts';
import { logpow } from './logpow.ts';
import { piecewise } from './piecewise.ts';
import { trig } from './trig.ts';
import type { Arity, OpDef } from './types.ts';

export const registry = { ...arith, ...elementary, ...activations, ...logpow, ...trig, ...piecewise } satisfies Record<string, OpDef>;

export type OpName = keyof typeof registry;
export type { Arity, Notation, OnnxAttr, OnnxBuilder, OpDef, OpExport, SymbolicKit } from './types.ts';

export const opNames: readonly OpName[] = Object.keys(registry) as OpName[];

export function isOpName(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(registry, name);
}

export function opDef(op: OpName): OpDef {
  return registry[op];
}

export function arityOk(a: Arity, n: number): boolean {
  return typeof a === 'number' ? n === a : n >= a.min && n <= a.max;
}

export function arityText(a: Arity): string {
  const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  if (typeof a === 'number') return plural(a);
  if (a.max === Infinity) return `at least ${plural(a.min)}`;
  return `${a.min} or ${plural(a.max)}`.replace(/^(\d+) or (\d+) arguments$/, (_m, x, y) => (Number(y) - Number(x) === 1 ? `${x} or ${y} arguments` : `${x} to ${y} arguments`));
}

/**
 * Spellings the parser expands into an op with an added argument (lg x =
 * logbase(x, 10), exp2 x = 2^x; src/parse/sugar.ts), by the op they make.
 * They are function names like any other (printers keep letter products from
 * spelling them, definitions cannot take them), but only with the arity the
 * parser gives them.
 */
export const SUGAR_SPELLINGS: Readonly<Record<string, OpName>> = {
  log10: 'logbase', lg: 'logbase', log2: 'logbase', lb: 'logbase', pow: 'pow', exp2: 'pow', cosec: 'csc',
};

/**
 * The functions a user may call by name in textbook notation, with every
 * spelling: the op's own name and its aliases. Infix and structural ops
 * (add, neg, pow…) are reached through syntax, except those that also have a
 * function spelling (exp, sqrt, abs).
 */
export const functionNames: ReadonlyMap<string, OpName> = (() => {
  const m = new Map<string, OpName>();
  for (const op of opNames) {
    const def: OpDef = registry[op];
    if (def.notation.type === 'infix' || op === 'neg' || op === 'pow') continue;
    m.set(op, op);
    for (const a of def.aliases ?? []) m.set(a, op);
  }
  for (const [spelling, op] of Object.entries(SUGAR_SPELLINGS)) m.set(spelling, op);
  return m;
})();
