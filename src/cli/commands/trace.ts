// difflab trace "<expr>" --at x1=2,x2=5 --mode forward|reverse [--wrt x1]:
// evaluation-trace tables in the style of Baydin et al. (2018), Tables 2 and 3.

import type { Command } from 'commander';
import { trace, traceText, type Trace, type TraceMode } from '../../check/index.ts';
import { DiffError } from '../../expr/errors.ts';
import { canonicalName } from '../../expr/names.ts';
import { printAscii, printUnicode } from '../../expr/print.ts';
import { defineCommand, optList, optString, reqString, type Request } from '../command.ts';
import { parseArgument } from '../notation.ts';
import { normalizePoint } from '../io.ts';

export interface TraceResult extends Record<string, unknown> {
  expr: string;
  readAs: string;
  unicode: string;
  at: Record<string, number>;
  trace: Trace;
}

export const traceCommand = defineCommand<TraceResult>({
  name: 'trace',
  summary: 'print the evaluation trace with its tangent (forward) or adjoint (reverse) trace',
  configure: (cmd: Command) =>
    cmd
      .argument('<expr>', 'expression in textbook notation')
      .option('--at <point>', 'the point, e.g. x1=2,x2=5')
      .option('--mode <mode>', 'forward or reverse', 'reverse')
      .option('--wrt <name>', 'forward mode: the input seeded with ẋ = 1 (default: the first variable); reverse mode: the input whose paths are listed')
      .option('--vars <names>', 'declare multi-letter variable names, e.g. rate,theta'),
  toRequest: (args, opts) => ({ cmd: 'trace', expr: args[0], at: opts.at, mode: opts.mode, wrt: opts.wrt, vars: opts.vars }),
  run: (req: Request) => {
    const expr = reqString(req, 'expr');
    const e = parseArgument(expr, { variables: optList(req, 'vars') ?? [] });
    const mode = optString(req, 'mode') ?? 'reverse';
    if (mode !== 'forward' && mode !== 'reverse') throw new DiffError(`--mode must be forward or reverse, got ${mode}`);
    const wrtRaw = optString(req, 'wrt');
    const wrt = wrtRaw === undefined ? undefined : canonicalName(wrtRaw);
    if (wrtRaw !== undefined && wrt === undefined) throw new DiffError(`not a variable name: ${JSON.stringify(wrtRaw)}`);
    const at = normalizePoint(req.at);
    const t = trace(e, at, { mode: mode as TraceMode, ...(wrt !== undefined ? { wrt } : {}) });
    return { expr, readAs: printAscii(e), unicode: printUnicode(e), at, trace: t };
  },
  text: (r) => `f = ${r.unicode}\n\n${traceText(r.trace)}`,
});
