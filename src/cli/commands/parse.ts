// difflab parse "<expr>": how the input was read, in three notations, with its sizes.

import type { Command } from 'commander';
import { printAscii, printLatex, printUnicode } from '../../expr/print.ts';
import { dagSize, treeSize } from '../../expr/traverse.ts';
import { defineCommand, optList, reqString, type Request } from '../command.ts';
import { parseArgument } from '../notation.ts';

export interface ParseResult extends Record<string, unknown> {
  expr: string;
  readAs: string;
  unicode: string;
  latex: string;
  treeSize: number;
  dagSize: number;
}

export const parseCommand = defineCommand<ParseResult>({
  name: 'parse',
  summary: 'show how an expression is read: explicit ASCII, Unicode, LaTeX, tree and DAG sizes',
  configure: (cmd: Command) =>
    cmd
      .argument('<expr>', 'expression in textbook notation, e.g. "ln x + x²y − sin xy"')
      .option('--vars <names>', 'declare multi-letter variable names, e.g. rate,theta'),
  toRequest: (args, opts) => ({ cmd: 'parse', expr: args[0], vars: opts.vars }),
  run: (req: Request) => {
    const expr = reqString(req, 'expr');
    const e = parseArgument(expr, { variables: optList(req, 'vars') ?? [] });
    return {
      expr,
      readAs: printAscii(e),
      unicode: printUnicode(e),
      latex: printLatex(e),
      treeSize: treeSize(e),
      dagSize: dagSize(e),
    };
  },
  text: (r) =>
    [
      `read as:  ${r.readAs}`,
      `unicode:  ${r.unicode}`,
      `latex:    ${r.latex}`,
      `size:     tree ${r.treeSize}, DAG ${r.dagSize}`,
    ].join('\n'),
});
