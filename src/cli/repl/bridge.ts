// The REPL's way into the command line's own commands: a REPL line becomes
// the argv the command line would get (`:check sin xy --points 5` →
// check "sin xy" --points 5 --at x=2,y=5), parsed by the command's own
// commander definition, then toRequest → run → text. Every CLI command is
// therefore available in the REPL with the same options, and nothing is
// implemented twice. The command modules are imported on first use.

import { Command, CommanderError, type Argument } from 'commander';
import { DiffError } from '../../expr/errors.ts';
import type { CliCommand, Request, Result } from '../command.ts';
import { toJson, type Point } from '../io.ts';
import { pointArg } from './format.ts';

type CommandsModule = typeof import('../commands/index.ts');
let commandsModule: Promise<CommandsModule> | undefined;

/** The registered commands (loaded once, on first use). */
export function loadCommands(): Promise<CommandsModule> {
  commandsModule ??= import('../commands/index.ts');
  return commandsModule;
}

export async function findCliCommand(name: string): Promise<CliCommand | undefined> {
  return (await loadCommands()).findCommand(name);
}

export async function cliCommandNames(): Promise<string[]> {
  return (await loadCommands()).commands.map((c) => c.name);
}

export class NotAvailableError extends DiffError {
  override readonly name: string = 'NotAvailableError';
  constructor(readonly command: string) {
    super(`not available yet: this build has no "${command}" command`);
  }
}

/** The command's commander definition, as the command line builds it, with output captured. */
export function commanderFor(c: CliCommand, sink: string[] = []): Command {
  const cmd = c
    .configure(new Command(c.name).description(c.summary))
    .option('--json', 'print the result as JSON')
    .exitOverride()
    .configureOutput({ writeOut: (s) => void sink.push(s), writeErr: (s) => void sink.push(s), outputError: (s) => void sink.push(s) });
  cmd.action(() => undefined);
  return cmd;
}

/** Positional arguments a command declares. */
export function argumentsOf(cmd: Command): readonly Argument[] {
  return cmd.registeredArguments;
}

export function hasOption(cmd: Command, long: string): boolean {
  return cmd.options.some((o) => o.long === long);
}

/** Splits `text --opt value --flag` into the positional text and option words. A lone `-` never starts an option (`x - y`). */
export function splitOptions(text: string): { positional: string; options: string[] } {
  const m = /(?:^|\s)--[A-Za-z]/.exec(text);
  if (!m) return { positional: text.trim(), options: [] };
  const at = m.index + (m[0].startsWith('-') ? 0 : 1);
  return { positional: text.slice(0, at).trim(), options: shellWords(text.slice(at)) };
}

/** Words separated by spaces; '…' and "…" group. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}

export interface CliContext {
  readonly point: Point;
  readonly vars: readonly string[];
}

export interface CliOutcome {
  readonly text: string;
  readonly ok: boolean;
  readonly request?: Request;
  readonly result?: Result;
}

/**
 * Runs a command from argv, adding the session's point (--at) and declared
 * variables (--vars) when the command takes them and argv does not give them.
 */
export async function runCli(name: string, argv: readonly string[], ctx: CliContext): Promise<CliOutcome> {
  const c = await findCliCommand(name);
  if (c === undefined) throw new NotAvailableError(name);
  const sink: string[] = [];
  const cmd = commanderFor(c, sink);
  const args = [...argv];
  if (hasOption(cmd, '--at') && !args.includes('--at') && Object.keys(ctx.point).length > 0) args.push('--at', pointArg(ctx.point));
  if (hasOption(cmd, '--vars') && !args.includes('--vars') && ctx.vars.length > 0) args.push('--vars', ctx.vars.join(','));
  try {
    cmd.parse(args, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      const shown = sink.join('').trimEnd();
      const help = err.code === 'commander.helpDisplayed' || err.code === 'commander.help';
      return { text: help ? shown : `${shown || err.message}\n(:help ${name} shows its usage)`, ok: help };
    }
    throw err;
  }
  const opts = cmd.opts<Record<string, unknown>>();
  const req = c.toRequest(cmd.args, opts);
  const result = await c.run(req);
  const text = opts.json === true ? toJson(result) : c.text(result, req);
  return { text, ok: (c.exitCode?.(result) ?? 0) === 0, request: req, result };
}

/** The command line's help for a command (usage, arguments, options). */
export async function cliHelp(name: string): Promise<string | undefined> {
  const c = await findCliCommand(name);
  if (c === undefined) return undefined;
  return commanderFor(c).helpInformation().trimEnd().replace(/^Usage: /, 'Usage: difflab ');
}

/** Runs a command-line command by name with argv and the session's context. */
export type CliRunner = (name: string, argv: readonly string[], ctx: CliContext) => Promise<CliOutcome>;

export const inProcess: CliRunner = runCli;

/** Work stopped by Ctrl-C (the REPL's worker thread ended: ./runner.ts). */
export class Interrupted extends DiffError {
  override readonly name: string = 'Interrupted';
  constructor() {
    super('interrupted');
  }
}
