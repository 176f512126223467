// Every command of the CLI, the batch mode and the REPL, in help order.
// Adding a command: write its file beside this one and list it here.

import type { CliCommand } from '../command.ts';
import { evalCommand } from './eval.ts';
import { parseCommand } from './parse.ts';

export const commands: readonly CliCommand[] = [parseCommand, evalCommand];

export function findCommand(name: string): CliCommand | undefined {
  return commands.find((c) => c.name === name);
}
