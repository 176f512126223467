// difflab grad "<expr>" [--wrt x,y] [--at x=…] [--expand] [--latex] [--raw]:
// every partial derivative, in a stable order (natural: x2 before x10).

import type { Command } from 'commander';
import { printAscii } from '../../expr/print.ts';
import { freeVariables } from '../../expr/traverse.ts';
import { defineCommand, optBool, type Request } from '../command.ts';
import type { Point } from '../io.ts';
import { formatValue } from './eval.ts';
import { definedAt, differentiate, operandForms, leibniz, parseRequest, pointOf, pointText, printed, wrtList, type Printed } from './diff.ts';

export interface GradEntry extends Printed {
  wrt: string;
  /** ∂/∂x (or d/dx for a function of one variable). */
  operator: { unicode: string; latex: string };
}

export interface GradResult extends Record<string, unknown> {
  expr: string;
  readAs: string;
  vars: string[];
  gradient: GradEntry[];
  /** The expression as it follows ∇: in parentheses when it needs them. */
  operand: { unicode: string; latex: string };
  at?: Point;
  naive?: boolean;
  assumptions?: string[];
  notes?: string[];
}

export const gradCommand = defineCommand<GradResult>({
  name: 'grad',
  summary: 'the gradient: every partial derivative, simplified, with values at a point',
  configure: (cmd: Command) =>
    cmd
      .argument('<expr>', 'expression in textbook notation')
      .option('--wrt <names>', 'the variables, in order (default: every free variable, x2 before x10)')
      .option('--at <point>', 'also evaluate at a point, e.g. x=2,y=5')
      .option('--expand', 'multiply out and collect each partial')
      .option('--raw', 'the naive partials: the chain rule with no simplification')
      .option('--latex', 'print LaTeX instead of Unicode')
      .option('--vars <names>', 'declare multi-letter variable names, e.g. rate,theta'),
  toRequest: (args, opts) => ({ cmd: 'grad', expr: args[0], wrt: opts.wrt, at: opts.at, expand: opts.expand, raw: opts.raw, latex: opts.latex, vars: opts.vars }),
  run: (req: Request) => {
    const { input, e } = parseRequest(req);
    const vars = wrtList(req) ?? freeVariables(e);
    const at = pointOf(req);
    if (at !== undefined) definedAt(e, at);
    const partial = freeVariables(e).length > 1;
    const assumptions = new Set<string>();
    const notes = new Set<string>();
    const gradient = vars.map((v) => {
      const out = differentiate(e, [v], req);
      out.assumptions.forEach((a) => assumptions.add(a));
      out.notes.forEach((n) => notes.add(n));
      return { wrt: v, operator: { unicode: leibniz([v], partial, 'unicode'), latex: leibniz([v], partial, 'latex') }, ...printed(out.expr, at, out) };
    });
    return {
      expr: input,
      readAs: printAscii(e),
      vars,
      gradient,
      operand: operandForms(e),
      ...(at !== undefined ? { at } : {}),
      ...(optBool(req, 'raw') ? { naive: true } : {}),
      ...(assumptions.size > 0 ? { assumptions: [...assumptions] } : {}),
      ...(notes.size > 0 ? { notes: [...notes] } : {}),
    };
  },
  text: (r, req) => {
    if (optBool(req, 'latex')) {
      const rows = r.gradient.map((g) => g.latex).join(' \\\\ ');
      return `\\nabla ${r.operand.latex} = \\begin{pmatrix} ${rows} \\end{pmatrix}`;
    }
    const out = [`∇${r.operand.unicode.startsWith('(') ? '' : ' '}${r.operand.unicode} = (${r.gradient.map((g) => g.unicode).join(', ')})`];
    const ops = r.gradient.map((g) => g.operator.unicode);
    const w = Math.max(0, ...ops.map((o) => [...o].length));
    const cells = r.gradient.map((g) => g.unicode);
    const cw = Math.max(0, ...cells.map((c) => [...c].length));
    r.gradient.forEach((g, i) => {
      const shown = g.value !== undefined ? formatValue(g.value) : g.valueError !== undefined ? `no value (${g.valueError})` : undefined;
      const value = shown !== undefined ? `${' '.repeat(cw - [...cells[i]!].length)}   = ${shown}` : '';
      out.push(`  ${ops[i]}${' '.repeat(w - [...ops[i]!].length)} = ${cells[i]}${value}`);
    });
    out.push(`  read as ${r.readAs}`);
    if (r.naive) out.push('  (naive: the chain rule as applied, not simplified)');
    if (r.assumptions) out.push(`  where ${r.assumptions.join(', ')} (equal to the partials wherever they are defined)`);
    for (const n of r.notes ?? []) out.push(`  note: ${n}`);
    r.gradient.forEach((g, i) => {
      if (g.warning !== undefined) out.push(`  ${ops[i]}: ${g.warning}`);
    });
    if (r.at) out.push(`  (values at ${pointText(r.at)})`);
    if (r.vars.length === 0) out.push('  (the expression has no variables)');
    return out.join('\n');
  },
});
