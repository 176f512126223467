// A compact way to declare a one-argument op: value, derivative and printing
// side by side, like a row of a derivatives table.

import type { Expr } from '../expr/expr.ts';
import type { OpDef, OpExport, SymbolicKit } from './types.ts';

export interface UnarySpec {
  readonly doc: string;
  readonly aliases?: readonly string[];
  readonly f: (x: number) => number;
  /** Numeric f′(x), may reuse y = f(x). */
  readonly df: (x: number, y: number) => number;
  /** Symbolic f′(x), may reuse the node y = f(x). */
  readonly sym: (x: Expr, y: Expr, k: SymbolicKit) => Expr;
  readonly rule: string;
  readonly domain?: (x: number) => string | undefined;
  /** Unicode and LaTeX names; `special` for forms the printers lay out (√x, |x|, eˣ). */
  readonly print: { readonly unicode: string; readonly latex: string; readonly bare?: boolean } | 'special';
  /** JavaScript for code generation, computing exactly what f computes (a Math function needs none). */
  readonly js?: (x: string) => string;
  /** Lowerings for the exporters (see OpDef.export). */
  readonly export?: OpExport;
  /** Slopes below and above 0 when the op is piecewise linear through 0 (see OpDef.linearPieces). */
  readonly linearPieces?: { readonly below: number; readonly above: number };
}

// A numeric function that is one of JavaScript's Math functions compiles to a call of it.
const MATH_NAMES: ReadonlyMap<unknown, string> = new Map(
  Object.getOwnPropertyNames(Math).map((k) => [(Math as unknown as Record<string, unknown>)[k], k]),
);

export function unary(s: UnarySpec): OpDef {
  const mathName = typeof s.f === 'function' ? MATH_NAMES.get(s.f) : undefined;
  return {
    arity: 1,
    doc: s.doc,
    ...(s.aliases ? { aliases: s.aliases } : {}),
    eval: (x) => s.f(x[0]!),
    partials: (x, y, d) => {
      d[0] = s.df(x[0]!, y);
    },
    derivative: (x, y, _i, k) => s.sym(x[0]!, y, k),
    rule: s.rule,
    ...(s.domain ? { domain: (x: readonly number[]) => s.domain!(x[0]!) } : {}),
    notation: s.print === 'special' ? { type: 'special' } : { type: 'function', ...s.print },
    ...(s.js !== undefined
      ? { js: (x: readonly string[]) => s.js!(x[0]!) }
      : mathName !== undefined
        ? { js: (x: readonly string[]) => `Math.${mathName}(${x[0]})` }
        : {}),
    ...(s.export ? { export: s.export } : {}),
    ...(s.linearPieces ? { linearPieces: () => s.linearPieces! } : {}),
  };
}

export const fmt = (v: number): string => String(+v.toPrecision(12));
