// Derivative notation (d/dx, ∂/∂y, d²/dx², df/dx) is read by the REPL at the
// head of a line, never by the expression parser: inside an expression the
// parser would read `d/dx` as the letters d/(d·x). Such input is refused
// with a positioned error instead of being read as letters.

import { ParseError } from '../expr/errors.ts';
import { parse, type ParseOptions } from '../parse/index.ts';
import type { Expr } from '../expr/expr.ts';

const NOTATION = /(?<![\p{L}\p{N}_])[d∂](?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\^\{?[0-9]+\}?)?(?:\p{L}[\p{L}\p{N}_]*)?\s*\/\s*[d∂]\s*\p{L}|∂/u;

/** Where derivative notation starts in the text, or -1. */
export function derivativeNotationAt(text: string): number {
  const m = NOTATION.exec(text);
  return m === null ? -1 : m.index;
}

/** Refuses derivative notation inside an expression; `advice` says what to do instead. */
export function refuseDerivativeNotation(text: string, advice: string, line = text, offset = 0): void {
  const at = derivativeNotationAt(text);
  if (at >= 0) throw new ParseError(`derivative notation is not read inside an expression (d and x are not letters here); ${advice}`, line, offset + at);
}

/** The command line's reading of an expression argument: the parser, with derivative notation refused. */
export function parseArgument(text: string, options: ParseOptions = {}): Expr {
  refuseDerivativeNotation(text, 'difflab diff differentiates: difflab diff "sin x" --wrt x (--order 2 for d²/dx²)');
  return parse(text, options);
}
