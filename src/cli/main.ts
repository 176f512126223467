// The difflab command line. With no arguments it opens the REPL; the
// commands (and whatever they import) load only when the line names one, so
// the REPL starts fast.

import { errorText } from './io.ts';

/**
 * A reader that stops early (`difflab batch < big.jsonl | head -2`) closes
 * the pipe: stop quietly, as Unix tools do, instead of an EPIPE stack trace.
 * The exit status is 0: the reader has what it asked for.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') process.exit(0);
    throw err;
  });
}

export async function main(argv: readonly string[]): Promise<void> {
  exitQuietlyOnClosedPipe(process.stdout);
  exitQuietlyOnClosedPipe(process.stderr);
  if (argv.length === 0) {
    const { startRepl } = await import('./repl.ts');
    const session = await startRepl();
    // A piped session fails when any line failed (the errors went to standard error).
    if (session.failures > 0 && process.stdin.isTTY !== true) process.exitCode = 1;
    return;
  }
  // Load only the command the line names (start-up is most of a short call); help, batch and unknown words get them all.
  const { loadCommand } = await import('./commands/lazy.ts');
  const one = await loadCommand(argv[0]!);
  const commands = one !== undefined && !argv.includes('--help') && !argv.includes('-h') ? [one] : (await import('./commands/index.ts')).commands;
  const { buildProgram } = await import('./program.ts');
  try {
    await buildProgram(commands).parseAsync([...argv], { from: 'user' });
  } catch (err) {
    // commander has printed its own message for usage errors and --help.
    const code = (err as { exitCode?: number }).exitCode;
    process.exitCode = code ?? 1;
    if (code === undefined) process.stderr.write(errorText(err) + '\n');
  }
}

await main(process.argv.slice(2));
