// The difflab command line: the registered commands, plus batch and repl.

import { Command } from 'commander';
import { DiffError } from '../expr/errors.ts';
import { BATCH_DEFAULT, allowWrite } from './files.ts';
import type { CliCommand, Request } from './command.ts';
import { errorJson, errorText, toJson } from './io.ts';

/** The program with `commands` (all of them, or only the one the command line names, which starts faster). */
export function buildProgram(commands: readonly CliCommand[]): Command {
  const program = new Command('difflab')
    .description('symbolic and automatic differentiation workbench: parse, differentiate, cross-check, train')
    .showHelpAfterError()
    .exitOverride((err) => {
      process.exitCode = err.exitCode;
      throw err;
    });

  for (const c of commands) {
    // Unknown single-dash words are operands, so an expression may start with a minus (`difflab eval "-x^2"`).
    const cmd = c
      .configure(program.command(c.name).description(c.summary))
      .option('--json', 'print the result as JSON')
      .allowUnknownOption()
      // Unknown --options arrive as arguments: name them before counting arguments.
      .allowExcessArguments(true);
    cmd.action(async (...params: unknown[]) => {
      const command = params[params.length - 1] as Command;
      const opts = command.opts<Record<string, unknown>>();
      const args = command.args;
      let req: Request | undefined;
      try {
        const unknown = args.find((a) => /^--[A-Za-z]/.test(a));
        if (unknown !== undefined) throw new DiffError(`unknown option ${unknown} (see difflab ${c.name} --help)`);
        const declared = command.registeredArguments;
        if (!declared.some((a) => a.variadic) && args.length > declared.length) {
          throw new DiffError(`too many arguments: ${c.name} takes ${declared.length === 1 ? 'one' : declared.length} (${declared.map((a) => a.name()).join(', ')}), got ${args.map((a) => JSON.stringify(a)).join(' ')}; quote an expression that has spaces (see difflab ${c.name} --help)`);
        }
        req = c.toRequest(args, opts);
        const result = await c.run(req);
        process.stdout.write((opts.json ? toJson(result) : c.text(result, req)) + '\n');
        process.exitCode = c.exitCode?.(result) ?? 0;
      } catch (err) {
        if (opts.json) process.stdout.write(toJson(errorJson(err)) + '\n');
        else process.stderr.write(errorText(err, typeof req?.expr === 'string' ? req.expr : undefined) + '\n');
        process.exitCode = 1;
      }
    });
  }

  program
    .command('batch')
    .description('read JSON requests, one per line, from stdin; write one JSON result per line')
    .option('--allow-write <dir>', 'let requests write files ("svg", "dot", "save"), only inside this folder; without it no request writes a file')
    .action(async (opts: { allowWrite?: string }) => {
      let ctx = BATCH_DEFAULT;
      try {
        if (opts.allowWrite !== undefined) ctx = allowWrite(opts.allowWrite);
      } catch (err) {
        process.stderr.write(errorText(err) + '\n');
        process.exitCode = 1;
        return;
      }
      const { runBatch } = await import('./batch.ts');
      const failed = await runBatch(process.stdin, process.stdout, ctx);
      process.exitCode = failed > 0 ? 1 : 0;
    });

  program
    .command('repl', { isDefault: false })
    .description('the interactive workbench (also what `difflab` with no arguments opens)')
    .action(async () => {
      const { startRepl } = await import('./repl.ts');
      const session = await startRepl();
      if (session.failures > 0 && process.stdin.isTTY !== true) process.exitCode = 1;
    });
  return program;
}
