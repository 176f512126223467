// Every command of the CLI, the batch mode and the REPL, in help order.
// Adding a command: write its file beside this one and list it here.

import type { CliCommand } from '../command.ts';
import { checkCommand } from './check.ts';
import { diffCommand } from './diff.ts';
import { evalCommand } from './eval.ts';
import { experimentCommand } from './experiment.ts';
import { exportCommand } from './export.ts';
import { gradCommand } from './grad.ts';
import { graphCommand } from './graph.ts';
import { hessianCommand } from './hessian.ts';
import { numericCommand } from './numeric.ts';
import { parseCommand } from './parse.ts';
import { swellCommand } from './swell.ts';
import { traceCommand } from './trace.ts';
import { trainCommand } from './train.ts';

export const commands: readonly CliCommand[] = [parseCommand, evalCommand, diffCommand, gradCommand, hessianCommand, swellCommand, checkCommand, traceCommand, graphCommand, numericCommand, trainCommand, experimentCommand, exportCommand];

export function findCommand(name: string): CliCommand | undefined {
  return commands.find((c) => c.name === name);
}
