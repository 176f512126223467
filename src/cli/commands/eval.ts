// difflab eval "<expr>" --at x=2,y=5: the value at a point.

import type { Command } from 'commander';
import { evaluate } from '../../expr/eval.ts';
import { printAscii } from '../../expr/print.ts';
import { defineCommand, optList, reqString, type Request } from '../command.ts';
import { parseArgument } from '../notation.ts';
import { normalizePoint } from '../io.ts';

export interface EvalResult extends Record<string, unknown> {
  expr: string;
  readAs: string;
  value: number;
}

export const evalCommand = defineCommand<EvalResult>({
  name: 'eval',
  summary: 'evaluate an expression at a point',
  configure: (cmd: Command) =>
    cmd
      .argument('<expr>', 'expression in textbook notation')
      .option('--at <point>', 'the point, e.g. x=2,y=5 (x₁ or x1, α or alpha)')
      .option('--vars <names>', 'declare multi-letter variable names, e.g. rate,theta'),
  toRequest: (args, opts) => ({ cmd: 'eval', expr: args[0], at: opts.at, vars: opts.vars }),
  run: (req: Request) => {
    const expr = reqString(req, 'expr');
    const e = parseArgument(expr, { variables: optList(req, 'vars') ?? [] });
    return { expr, readAs: printAscii(e), value: evaluate(e, normalizePoint(req.at)) };
  },
  text: (r) => `${formatValue(r.value)}\n  (read as ${r.readAs})`,
});

/** A value for a person: full precision, NaN and ±∞ spelled out. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  return String(v);
}
