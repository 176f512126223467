// Names in generated code. Nothing the user typed reaches a generated file
// unescaped: variables become identifiers that cannot clash with the
// target's keywords or with the generator's own names (which all start with
// `_`, something a difflab variable cannot), and text placed in comments is
// reduced to printable ASCII on one line.

import { DiffError } from '../expr/errors.ts';
import { gradient } from '../symbolic/index.ts';
import { compareNames, dagSize, freeVariables, treeSize } from '../expr/traverse.ts';
import { printAscii } from '../expr/print.ts';
import type { Expr } from '../expr/expr.ts';

/** Python's keywords, and the module names the generated code uses. */
const PYTHON_RESERVED: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'torch', 'nn', 'math',
]);

/** A variable's name in the generated code. */
export interface NameMapping {
  /** The difflab variable (its ASCII name). */
  readonly variable: string;
  /** The identifier in the generated code. */
  readonly id: string;
}

/**
 * Identifiers for `vars`: the ASCII name itself where it is safe, otherwise
 * the name with `_` appended (repeated until it is free). Any character that
 * is not an ASCII letter, digit or `_` is replaced by `_xHH_` (difflab's
 * variables never contain one, but the function does not rely on it).
 */
export function identifiers(vars: readonly string[], reserved: ReadonlySet<string> = PYTHON_RESERVED): NameMapping[] {
  const taken = new Set<string>();
  const base = vars.map((v) => {
    let id = v.replace(/[^A-Za-z0-9_]/g, (c) => `_x${c.codePointAt(0)!.toString(16)}_`);
    if (!/^[A-Za-z]/.test(id)) id = 'v' + id;
    return id;
  });
  // names that are already safe keep their spelling; the others move aside
  for (const id of base) if (!reserved.has(id)) taken.add(id);
  const seen = new Set<string>();
  return vars.map((variable, i) => {
    let id = base[i]!;
    if (reserved.has(id) || seen.has(id)) {
      do id += '_';
      while (reserved.has(id) || taken.has(id) || seen.has(id));
    }
    seen.add(id);
    return { variable, id };
  });
}

/** Text safe inside a one-line comment: printable ASCII, at most `max` characters. */
export function commentText(s: string, max = 240): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out += c >= 0x20 && c < 0x7f ? ch : c <= 0xffff ? `\\u${c.toString(16).padStart(4, '0')}` : `\\u{${c.toString(16)}}`;
    if (out.length > max) return out.slice(0, max) + '...';
  }
  return out;
}

/** What an expression export computes: the variables in order, and the outputs (value, then partials). */
export interface ExprPlan {
  readonly vars: readonly string[];
  readonly outputs: readonly Expr[];
  /** The variable of each partial, in output order after the value. */
  readonly wrt: readonly string[];
}

export interface ExprExportOptions {
  /** The arguments, in order (default: the free variables, sorted naturally). Extra names become unused inputs. */
  readonly vars?: readonly string[];
  /** Add the symbolic gradient as extra outputs. */
  readonly grad?: boolean;
  /** The variables of the gradient (default: all of `vars`); implies `grad`. */
  readonly wrt?: readonly string[];
  /** The function's name (PyTorch) or graph name (ONNX); default `f`. */
  readonly name?: string;
}

export function planExpr(e: Expr, options: ExprExportOptions): ExprPlan {
  const free = freeVariables(e).sort(compareNames);
  const vars = options.vars !== undefined ? [...options.vars] : free;
  const seen = new Set<string>();
  for (const v of vars) {
    if (seen.has(v)) throw new DiffError(`variable ${v} is listed twice`);
    seen.add(v);
  }
  for (const v of free) if (!seen.has(v)) throw new DiffError(`variable ${v} of the expression is not among the arguments (${vars.join(', ') || 'none'})`);
  const wrt = options.wrt !== undefined ? [...options.wrt] : options.grad ? vars : [];
  for (const v of wrt) if (!seen.has(v)) throw new DiffError(`--wrt ${v}: not an argument of the exported function (${vars.join(', ') || 'none'})`);
  const partials = wrt.length > 0 ? [...gradient(e, wrt)] : [];
  return { vars, outputs: [e, ...partials], wrt };
}

/** A function or graph name: an identifier. */
export function exportName(name: string | undefined): string {
  const n = name ?? 'f';
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(n) || PYTHON_RESERVED.has(n)) throw new DiffError(`export name ${JSON.stringify(n)}: use a letter followed by letters, digits or _, not a Python keyword`);
  return n;
}

export { PYTHON_RESERVED };

/** The expression for a header comment: its ASCII form when short, else its sizes (a DAG can have a tree too large to print). */
export function exprComment(e: Expr): string {
  const tree = treeSize(e);
  if (tree <= 2000) return commentText(printAscii(e));
  return `(an expression of ${tree.toPrecision(3)} tree nodes, ${dagSize(e)} DAG nodes: too large to print)`;
}
