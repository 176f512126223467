// difflab hessian "<expr>" [--wrt x,y] [--at x=…] [--expand] [--latex]: the
// matrix of second partials Hᵢⱼ = ∂²f/∂xᵢ∂xⱼ, symmetric for smooth f.

import type { Command } from 'commander';
import { printAscii, printLatex, printUnicode } from '../../expr/print.ts';
import { freeVariables } from '../../expr/traverse.ts';
import type { Expr } from '../../expr/expr.ts';
import { expand, hessian } from '../../symbolic/index.ts';
import { defineCommand, optBool, type Request } from '../command.ts';
import type { Point } from '../io.ts';
import { rawDerivative } from '../raw.ts';
import { formatValue } from './eval.ts';
import { definedAt, parseRequest, pointOf, pointText, printed, wrtList, type Printed } from './diff.ts';

export interface HessianResult extends Record<string, unknown> {
  expr: string;
  readAs: string;
  vars: string[];
  /** Rows and columns in the order of vars. */
  hessian: Printed[][];
  input: { unicode: string; latex: string };
  at?: Point;
}

export const hessianCommand = defineCommand<HessianResult>({
  name: 'hessian',
  summary: 'the Hessian: every second partial derivative, simplified, with values at a point',
  configure: (cmd: Command) =>
    cmd
      .argument('<expr>', 'expression in textbook notation')
      .option('--wrt <names>', 'the variables, in order (default: every free variable)')
      .option('--at <point>', 'also evaluate at a point, e.g. x=2,y=5')
      .option('--expand', 'multiply out and collect each entry')
      .option('--latex', 'print LaTeX instead of Unicode')
      .option('--vars <names>', 'declare multi-letter variable names, e.g. rate,theta'),
  toRequest: (args, opts) => ({ cmd: 'hessian', expr: args[0], wrt: opts.wrt, at: opts.at, expand: opts.expand, latex: opts.latex, vars: opts.vars }),
  run: (req: Request) => {
    const { input, e } = parseRequest(req);
    const vars = wrtList(req) ?? freeVariables(e);
    const at = pointOf(req);
    if (at !== undefined) definedAt(e, at);
    const h = hessian(e, vars);
    const post = (d: Expr): Expr => (optBool(req, 'expand') ? expand(d) : d);
    // Values come from the second partials as derived, ∂/∂xⱼ (∂f/∂xᵢ), not from the simplified forms.
    const raw = (i: number, j: number): { raw: Expr | undefined } => (at === undefined ? { raw: undefined } : { raw: rawDerivative(e, [vars[i]!, vars[j]!]) });
    return {
      expr: input,
      readAs: printAscii(e),
      vars,
      hessian: h.map((row, i) => row.map((d, j) => printed(post(d), at, raw(i, j)))),
      input: { unicode: printUnicode(e), latex: printLatex(e) },
      ...(at !== undefined ? { at } : {}),
    };
  },
  text: (r, req) => {
    if (optBool(req, 'latex')) {
      const rows = r.hessian.map((row) => row.map((c) => c.latex).join(' & ')).join(' \\\\ ');
      return `H\\left(${r.input.latex}\\right) = \\begin{pmatrix} ${rows} \\end{pmatrix}`;
    }
    const out = [`Hessian of ${r.input.unicode}, rows and columns ${r.vars.join(', ')}:`];
    out.push(...matrix(r.hessian.map((row) => row.map((c) => c.unicode))).map((l) => `  ${l}`));
    if (r.at !== undefined) {
      out.push(`at ${pointText(r.at)}:`);
      out.push(...matrix(r.hessian.map((row) => row.map((c) => (c.value !== undefined ? formatValue(c.value) : 'none')))).map((l) => `  ${l}`));
      r.hessian.forEach((row, i) =>
        row.forEach((c, j) => {
          if (c.valueError !== undefined) out.push(`  (${i + 1}, ${j + 1}): no value (${c.valueError})`);
          if (c.warning !== undefined) out.push(`  (${i + 1}, ${j + 1}): ${c.warning}`);
        }),
      );
    }
    out.push(`  read as ${r.readAs}`);
    return out.join('\n');
  },
});

/** A matrix with bracket glyphs and right-aligned columns. */
export function matrix(cells: readonly (readonly string[])[]): string[] {
  const n = cells.length;
  if (n === 0) return ['( )'];
  const len = (s: string): number => [...s].length;
  const w = cells[0]!.map((_, j) => Math.max(...cells.map((row) => len(row[j]!))));
  return cells.map((row, i) => {
    const [l, r] = n === 1 ? ['[', ']'] : i === 0 ? ['⎡', '⎤'] : i === n - 1 ? ['⎣', '⎦'] : ['⎢', '⎥'];
    return `${l} ${row.map((c, j) => ' '.repeat(w[j]! - len(c)) + c).join('   ')} ${r}`;
  });
}
