// One command by name, loading only its own file: `difflab eval …` need not
// load the trainer. `index.ts` is the list; a test keeps the two in step.

import type { CliCommand } from '../command.ts';

const loaders: Readonly<Record<string, () => Promise<CliCommand>>> = {
  parse: async () => (await import('./parse.ts')).parseCommand,
  eval: async () => (await import('./eval.ts')).evalCommand,
  diff: async () => (await import('./diff.ts')).diffCommand,
  grad: async () => (await import('./grad.ts')).gradCommand,
  hessian: async () => (await import('./hessian.ts')).hessianCommand,
  swell: async () => (await import('./swell.ts')).swellCommand,
  check: async () => (await import('./check.ts')).checkCommand,
  trace: async () => (await import('./trace.ts')).traceCommand,
  graph: async () => (await import('./graph.ts')).graphCommand,
  numeric: async () => (await import('./numeric.ts')).numericCommand,
  train: async () => (await import('./train.ts')).trainCommand,
  experiment: async () => (await import('./experiment.ts')).experimentCommand,
  export: async () => (await import('./export.ts')).exportCommand,
};

/** The names `loadCommand` knows. */
export const lazyCommandNames: readonly string[] = Object.keys(loaders);

/** The command called `name`, or undefined for any other word. */
export async function loadCommand(name: string): Promise<CliCommand | undefined> {
  return Object.hasOwn(loaders, name) ? loaders[name]!() : undefined;
}
