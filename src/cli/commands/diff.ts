// difflab diff "<expr>" [--wrt x] [--order n] [--at x=…] [--steps] [--expand]
// [--latex] [--raw]: the derivative in textbook form, how the input was read,
// and its value at a point.

import type { Command } from 'commander';
import { DiffError } from '../../expr/errors.ts';
import { evaluate } from '../../expr/eval.ts';
import type { Expr } from '../../expr/expr.ts';
import { canonicalName, latexName, superscript, unicodeName } from '../../expr/names.ts';
import { printAscii, printLatex, printUnicode } from '../../expr/print.ts';
import { dagSize, freeVariables, treeSize } from '../../expr/traverse.ts';
import { diffReport, expandReport, formatSteps, operandIsBare, simplifyReport, steps, type Step } from '../../symbolic/index.ts';
import { defineCommand, optBool, optInt, optList, reqString, type Request } from '../command.ts';
import { parseArgument } from '../notation.ts';
import { normalizePoint, type Point } from '../io.ts';
import { rawDerivative } from '../raw.ts';
import { checkedValue, mismatchText } from '../value.ts';
import { formatValue } from './eval.ts';

/** An expression in every notation, with its sizes and (at a point) its value. */
export interface Printed extends Record<string, unknown> {
  /** Explicit ASCII, re-parseable. */
  derivative: string;
  unicode: string;
  latex: string;
  sizes: { tree: number; dag: number };
  /** At the point: the value of the derivative as derived (not of the simplified form). */
  value?: number;
  /** Why there is no value, when the derivative as derived is undefined at the point. */
  valueError?: string;
  /** The simplified form's value differs from the derivative as derived, or could not be checked against it. */
  warning?: string;
}

/**
 * e in every notation, and at a point its value, taken from `source` (the
 * derivative as derived) and checked against e; `source` undefined: too large
 * to build, e's own value with a note.
 */
export function printed(e: Expr, at: Point | undefined, source: { readonly raw: Expr | undefined }): Printed {
  const out: Printed = {
    derivative: printAscii(e),
    unicode: printUnicode(e),
    latex: printLatex(e),
    sizes: { tree: treeSize(e), dag: dagSize(e) },
  };
  if (at === undefined) return out;
  // IEEE semantics for the derivative where f itself is defined (callers check
  // definedAt): sqrt′(0) = 1/(2√0) = +∞ by the registry's convention
  const c = checkedValue(source.raw, e, at, { strict: false });
  const warning = mismatchText(c, formatValue, 'the derivative as derived') ?? c.unchecked;
  if ('error' in c.outcome && warning === undefined) throw new DiffError(c.outcome.error);
  if ('value' in c.outcome) out.value = c.outcome.value;
  else out.valueError = c.outcome.error;
  if (warning !== undefined) out.warning = warning;
  return out;
}

export interface DiffOutcome {
  readonly expr: Expr;
  /** The derivative as derived (chain rule only), for values; undefined when too large to build. */
  readonly raw: Expr | undefined;
  readonly assumptions: readonly string[];
  readonly notes: readonly string[];
}

/** Differentiates (simplified, expanded or naive) along a sequence of variables. */
export function differentiate(e: Expr, seq: readonly string[], req: Request): DiffOutcome {
  const naive = optBool(req, 'raw');
  if (seq.length === 0) {
    // The derivative of order 0 is the expression itself (simplified for display unless --raw).
    if (naive) return { expr: e, raw: e, assumptions: [], notes: [] };
    const r = optBool(req, 'expand') ? expandReport(e) : simplifyReport(e);
    return { expr: r.expr, raw: e, assumptions: r.assumptions, notes: r.notes };
  }
  const r = diffReport(e, seq, 1, { simplify: !naive });
  if (naive) return { ...r, raw: r.expr };
  const raw = rawDerivative(e, seq);
  if (!optBool(req, 'expand')) return { ...r, raw };
  const x = expandReport(r.expr);
  return { expr: x.expr, raw, assumptions: [...r.assumptions, ...x.assumptions], notes: [...r.notes, ...x.notes] };
}

/** The variables of a request's "wrt" (names in any spelling), checked. */
export function wrtList(req: Request, key = 'wrt'): string[] | undefined {
  const names = optList(req, key);
  if (names === undefined) return undefined;
  if (names.length === 0) throw new DiffError(`--${key} names no variable: give one or more, e.g. --${key} x or --${key} x,y`);
  return names.map((n) => {
    const c = canonicalName(n);
    if (c === undefined) throw new DiffError(`not a variable name: ${JSON.stringify(n)}`);
    return c;
  });
}

/** The variable to differentiate by when none is given: x if present, else the only one. */
export function defaultVariable(e: Expr): string {
  const vars = freeVariables(e);
  if (vars.length === 0 || vars.includes('x')) return 'x';
  if (vars.length === 1) return vars[0]!;
  throw new DiffError(`the expression has several variables (${vars.join(', ')}): choose one with --wrt`);
}

/**
 * Leibniz notation for differentiating along seq (first applied first):
 * d/dx, d²/dx², ∂²/∂y∂x. `partial` for functions of several variables.
 */
export function leibniz(seq: readonly string[], partial: boolean, flavor: 'unicode' | 'latex'): string {
  const d = partial ? (flavor === 'latex' ? '\\partial' : '∂') : 'd';
  const runs: [string, number][] = [];
  for (let i = seq.length - 1; i >= 0; i--) {
    const last = runs[runs.length - 1];
    if (last && last[0] === seq[i]) last[1]++;
    else runs.push([seq[i]!, 1]);
  }
  const n = seq.length;
  if (flavor === 'latex') {
    const den = runs.map(([v, k]) => `${d} ${latexName(v)}${k > 1 ? `^{${k}}` : ''}`).join(' \\, ');
    return `\\frac{${d}${n > 1 ? `^{${n}}` : ''}}{${den}}`;
  }
  const sup = (k: number): string => (k > 1 ? superscript(String(k))! : '');
  return `${d}${sup(n)}/${runs.map(([v, k]) => `${d}${unicodeName(v)}${sup(k)}`).join('')}`;
}

/** "x = 2, y = 5" */
export function pointText(at: Point): string {
  return Object.entries(at)
    .map(([k, v]) => `${unicodeName(k)} = ${formatValue(v)}`)
    .join(', ');
}

/** Parses the request's expression with its declared variable names. */
export function parseRequest(req: Request): { input: string; e: Expr } {
  const input = reqString(req, 'expr');
  return { input, e: parseArgument(input, { variables: optList(req, 'vars') ?? [] }) };
}

/** The point of a request, or undefined when none was given. */
export function pointOf(req: Request): Point | undefined {
  return req.at === undefined || req.at === null ? undefined : normalizePoint(req.at);
}

export interface DiffResult extends Printed {
  expr: string;
  readAs: string;
  /** The variables, comma-separated, in the order applied (x,y is ∂/∂y ∂/∂x). */
  wrt: string;
  order: number;
  /** The expression as it follows the operator: sin x, σ(x), (x²y) — in parentheses when it needs them. */
  operand: { unicode: string; latex: string };
  /** The Leibniz operator: d/dx, ∂²/∂y∂x. */
  operator: { unicode: string; latex: string };
  at?: Point;
  naive?: boolean;
  assumptions?: string[];
  notes?: string[];
  steps?: Step[];
}

export const diffCommand = defineCommand<DiffResult>({
  name: 'diff',
  summary: 'differentiate symbolically: textbook form, reading, value; --steps for the derivation',
  configure: (cmd: Command) =>
    cmd
      .argument('<expr>', 'expression in textbook notation, e.g. "ln x + x²y − sin xy"')
      .option('--wrt <names>', 'the variable (default x, or the only one); several for a mixed partial, e.g. x,y = ∂/∂y ∂/∂x')
      .option('--order <n>', 'the order of the derivative (default 1)')
      .option('--at <point>', 'also evaluate at a point, e.g. x=2,y=5')
      .option('--steps', 'show the derivation step by step, naming each rule')
      .option('--expand', 'multiply out and collect the result')
      .option('--raw', 'the naive derivative: the chain rule with no simplification')
      .option('--latex', 'print LaTeX instead of Unicode')
      .option('--vars <names>', 'declare multi-letter variable names, e.g. rate,theta'),
  toRequest: (args, opts) => ({
    cmd: 'diff',
    expr: args[0],
    wrt: opts.wrt,
    order: opts.order,
    at: opts.at,
    steps: opts.steps,
    expand: opts.expand,
    raw: opts.raw,
    latex: opts.latex,
    vars: opts.vars,
  }),
  run: (req: Request) => {
    const { input, e } = parseRequest(req);
    const wrt = wrtList(req) ?? [defaultVariable(e)];
    const order = optInt(req, 'order', 0, 64) ?? 1;
    if (wrt.length > 1 && order !== 1) throw new DiffError('give either several variables (a mixed partial) or an order, not both');
    const seq = wrt.length > 1 ? wrt : Array<string>(order).fill(wrt[0]!);
    const at = pointOf(req);
    if (at !== undefined) definedAt(e, at);
    const out = differentiate(e, seq, req);
    const partial = freeVariables(e).length > 1;
    const result: DiffResult = {
      expr: input,
      readAs: printAscii(e),
      wrt: wrt.join(','),
      order: seq.length,
      operand: operandForms(e),
      operator: { unicode: seq.length === 0 ? '' : leibniz(seq, partial, 'unicode'), latex: seq.length === 0 ? '' : leibniz(seq, partial, 'latex') },
      ...printed(out.expr, at, out),
      ...(at !== undefined ? { at } : {}),
      ...(optBool(req, 'raw') ? { naive: true } : {}),
      ...(out.assumptions.length > 0 ? { assumptions: [...out.assumptions] } : {}),
      ...(out.notes.length > 0 ? { notes: [...out.notes] } : {}),
    };
    if (optBool(req, 'steps')) {
      if (seq.length !== 1) throw new DiffError('--steps shows first derivatives: give one variable and order 1');
      result.steps = [...steps(e, seq[0]!).steps];
    }
    return result;
  },
  text: (r, req) => {
    const latex = optBool(req, 'latex');
    const out: string[] = [];
    if (r.steps !== undefined) {
      out.push(formatSteps({ steps: r.steps }, latex ? 'latex' : 'unicode'), '');
    }
    out.push(heading(r.operator, r.operand, latex ? r.latex : r.unicode, latex));
    out.push(...details(r, r.at));
    return out.join('\n');
  },
});

/** "d/dx f = result" in the chosen notation. */
export function heading(op: { unicode: string; latex: string }, operand: { unicode: string; latex: string }, result: string, latex: boolean): string {
  // Order 0 has no operator: the expression itself.
  const line = latex ? `${op.latex} ${operand.latex} = ${result}` : `${op.unicode} ${operand.unicode} = ${result}`;
  return line.trimStart();
}

/** The input as it follows an operator: sin x and σ(x) bare, sums and products in parentheses. */
export function operandForms(e: Expr): { unicode: string; latex: string } {
  return operandIsBare(e) ? { unicode: printUnicode(e), latex: printLatex(e) } : { unicode: `(${printUnicode(e)})`, latex: `\\left(${printLatex(e)}\\right)` };
}

/** A derivative at a point where the function itself is undefined means nothing: say so. */
export function definedAt(e: Expr, at: Point): void {
  try {
    evaluate(e, at);
  } catch (err) {
    if (err instanceof DiffError) throw new DiffError(`the expression is not defined at ${pointText(at)}: ${err.message}`);
    throw err;
  }
}

/** The lines under a result: reading, conditions, notes, value. */
export function details(r: { readAs: string; assumptions?: string[]; notes?: string[]; naive?: boolean; value?: number; valueError?: string; warning?: string }, at: Point | undefined): string[] {
  const out = [`  read as ${r.readAs}`];
  if (r.naive) out.push('  (naive: the chain rule as applied, not simplified)');
  if (r.assumptions) out.push(`  where ${r.assumptions.join(', ')} (it equals the derivative wherever that is defined)`);
  for (const n of r.notes ?? []) out.push(`  note: ${n}`);
  if (at !== undefined && r.value !== undefined) out.push(`  at ${pointText(at)}: ${formatValue(r.value)}`);
  if (at !== undefined && r.valueError !== undefined) out.push(`  at ${pointText(at)}: no value (${r.valueError})`);
  if (r.warning !== undefined) out.push(`  ${r.warning}`);
  return out;
}
