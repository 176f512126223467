// What the page shows, computed by the library: every number, expression,
// step and verdict below comes from `difflab`; this module only picks the
// calls and arranges their results for the views.

import {
  add,
  compareExprs,
  crossCheck,
  dagSize,
  DiffError,
  diffReport,
  evaluate,
  exportOnnx,
  exportPyTorch,
  freeVariables,
  num,
  parse,
  ParseError,
  printAscii,
  printLatex,
  printUnicode,
  simplifyReport,
  steps as derivationSteps,
  MAX_STEPS_TREE,
  treeSize,
  type CheckReport,
  type EqualityReport,
  type Expr,
  type Step,
} from 'difflab';
import type { Mode } from './state.ts';

export type Read =
  | { readonly ok: true; readonly expr: Expr; readonly ascii: string; readonly unicode: string; readonly latex: string; readonly vars: readonly string[] }
  | { readonly ok: false; readonly message: string; readonly pos: number | undefined };

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Parses the input; a parse error keeps its position for the caret. */
export function readInput(text: string, vars: readonly string[] = []): Read {
  if (text.trim() === '') return { ok: false, message: 'type an expression', pos: undefined };
  try {
    const expr = parse(text, { variables: vars });
    return { ok: true, expr, ascii: printAscii(expr), unicode: printUnicode(expr), latex: printLatex(expr), vars: freeVariables(expr) };
  } catch (err) {
    if (err instanceof DiffError) return { ok: false, message: err.message, pos: err.pos };
    return { ok: false, message: errorMessage(err), pos: undefined };
  }
}

/** The text split around a caret position, for showing where an error is. */
export function caretParts(text: string, pos: number): { before: string; at: string; after: string } {
  const p = Math.max(0, Math.min(pos, text.length));
  const cp = text.codePointAt(p);
  const len = cp === undefined ? 0 : cp > 0xffff ? 2 : 1;
  return { before: text.slice(0, p), at: len === 0 ? ' ' : text.slice(p, p + len), after: text.slice(p + len) };
}

/** The point for the expression's variables: the given values, 1 where none is given. */
export function pointFor(vars: readonly string[], at: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(vars.map((v) => [v, at[v] ?? 1]));
}

export interface Sizes {
  readonly tree: number;
  readonly dag: number;
}

const sizes = (e: Expr): Sizes => ({ tree: treeSize(e), dag: dagSize(e) });

export interface Derived {
  /** The operator in LaTeX: \frac{\partial}{\partial x}. */
  readonly label: string;
  /** Plain-text name of the result, for screen readers and exports. */
  readonly name: string;
  readonly raw: Expr;
  readonly simplified: Expr;
  readonly rawSizes: Sizes;
  readonly simplifiedSizes: Sizes;
  readonly assumptions: readonly string[];
  readonly notes: readonly string[];
}

const texName = (v: string): string => printLatex(parse(v, { variables: [v] }));

function operatorLatex(wrt: readonly string[]): string {
  if (wrt.length === 1) return `\\frac{\\partial}{\\partial ${texName(wrt[0]!)}}`;
  const same = wrt.every((v) => v === wrt[0]);
  if (same) return `\\frac{\\partial^{${wrt.length}}}{\\partial ${texName(wrt[0]!)}^{${wrt.length}}}`;
  return `\\frac{\\partial^{${wrt.length}}}{${wrt.map((v) => `\\partial ${texName(v)}`).join(' ')}}`;
}

function derivedBy(e: Expr, wrt: readonly string[]): Derived {
  const raw = diffReport(e, wrt, 1, { simplify: false }).expr;
  const r = diffReport(e, wrt);
  return {
    label: operatorLatex(wrt),
    name: `∂${wrt.length > 1 ? wrt.length : ''}/${wrt.map((v) => `∂${v}`).join('')}`,
    raw,
    simplified: r.expr,
    rawSizes: sizes(raw),
    simplifiedSizes: sizes(r.expr),
    assumptions: r.assumptions,
    notes: r.notes,
  };
}

/** The derivatives a mode asks for: one (d/dx, n times), the gradient, the Hessian's upper triangle, or the Laplacian. */
export function derivatives(e: Expr, mode: Mode, wrt: string, order: number): Derived[] {
  const vars = freeVariables(e);
  const x = wrt !== '' ? wrt : vars[0] ?? 'x';
  switch (mode) {
    case 'd':
      return [derivedBy(e, Array.from({ length: order }, () => x))];
    case 'grad':
      return vars.map((v) => derivedBy(e, [v]));
    case 'hessian': {
      const out: Derived[] = [];
      for (let i = 0; i < vars.length; i++) for (let j = i; j < vars.length; j++) out.push(derivedBy(e, [vars[i]!, vars[j]!]));
      return out;
    }
    case 'laplacian': {
      const parts = vars.map((v) => derivedBy(e, [v, v]));
      const raw = parts.reduce<Expr>((acc, p) => add(acc, p.raw), num(0));
      const sum = parts.reduce<Expr>((acc, p) => add(acc, p.simplified), num(0));
      const r = simplifyReport(sum);
      return [
        {
          label: '\\nabla^{2}',
          name: '∇²',
          raw,
          simplified: r.expr,
          rawSizes: sizes(raw),
          simplifiedSizes: sizes(r.expr),
          assumptions: [...new Set([...parts.flatMap((p) => p.assumptions), ...r.assumptions])],
          notes: [...new Set([...parts.flatMap((p) => p.notes), ...r.notes])],
        },
      ];
    }
  }
}

/** Where entry (i, j) of a symmetric n × n matrix sits in its upper triangle listed row by row (the order of `derivatives(…, 'hessian')`). */
export function upperIndex(n: number, i: number, j: number): number {
  const [a, b] = i <= j ? [i, j] : [j, i];
  return a * n - (a * (a - 1)) / 2 + (b - a);
}

/** The value of a result at the point, or why there is none (a domain error names the op). */
export function valueAt(e: Expr, at: Readonly<Record<string, number>>): { ok: true; value: number } | { ok: false; message: string } {
  try {
    return { ok: true, value: evaluate(e, pointFor(freeVariables(e), at)) };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

export type StepsResult = { readonly ok: true; readonly steps: readonly Step[] } | { readonly ok: false; readonly message: string };

/** The derivation of d/dx, from the same engine that gives the answer. */
export function stepsOf(e: Expr, wrt: string): StepsResult {
  if (treeSize(e) > MAX_STEPS_TREE) return { ok: false, message: `steps are written out for expressions up to ${MAX_STEPS_TREE} tree nodes` };
  try {
    return { ok: true, steps: derivationSteps(e, wrt).steps };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

export type AnswerCheck =
  | { readonly ok: true; readonly report: EqualityReport; readonly answer: Expr }
  | { readonly ok: false; readonly message: string; readonly pos: number | undefined };

/** Compares the user's answer with the derivative: symbolically if the simplifier decides, else at points. */
export function checkAnswer(derivative: Expr, answer: string, vars: readonly string[] = []): AnswerCheck {
  const a = readInput(answer, vars);
  if (!a.ok) return a;
  try {
    return { ok: true, report: compareExprs(derivative, a.expr), answer: a.expr };
  } catch (err) {
    return { ok: false, message: errorMessage(err), pos: undefined };
  }
}

/** One sentence for the verdict, saying how it was reached. */
export function verdictText(r: EqualityReport): string {
  switch (r.method) {
    case 'symbolic':
      return r.equal
        ? `Correct: the difference simplifies to 0${r.assumptions.length > 0 ? ` (where ${r.assumptions.join(', ')})` : ''}. Decided symbolically.`
        : `Not equal: the difference simplifies to ${printUnicode(r.difference)}. Decided symbolically.`;
    case 'numeric':
      if (r.equal) return `Equal at all ${r.compared} points tried; the simplifier could not decide, so this was checked numerically.`;
      return `Not equal: at ${Object.entries(r.counterexample!.at)
        .map(([k, v]) => `${k} = ${+v.toPrecision(6)}`)
        .join(', ')} the derivative is ${+r.counterexample!.a.toPrecision(8)} and your answer is ${+r.counterexample!.b.toPrecision(8)}. Checked numerically.`;
    case 'undecided':
      return `Could not decide: the simplifier did not, and only ${r.compared} test points were defined for both.`;
  }
}

export type FourWay = { readonly ok: true; readonly report: CheckReport } | { readonly ok: false; readonly message: string };

export function fourWay(e: Expr, at: Readonly<Record<string, number>>): FourWay {
  try {
    return { ok: true, report: crossCheck(e, pointFor(freeVariables(e), at)) };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

export const latexOf = printLatex;
export const unicodeOf = printUnicode;
export const asciiOf = printAscii;
export { ParseError };

/** The expression and its gradient for the engines that scale: a PyTorch module (text) and an ONNX model (bytes), from the library's exporters. */
export function exportsOf(e: Expr): { readonly pytorch: string; readonly onnx: Uint8Array } {
  return { pytorch: exportPyTorch(e, { grad: true }), onnx: exportOnnx(e, { grad: true }) };
}
