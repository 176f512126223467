// The difflab command line. With no arguments it opens the REPL; the
// commands (and whatever they import) load only when the line names one, so
// the REPL starts fast.

import { errorText } from './io.ts';

export async function main(argv: readonly string[]): Promise<void> {
  if (argv.length === 0) {
    const { startRepl } = await import('./repl.ts');
    await startRepl();
    return;
  }
  const { buildProgram } = await import('./program.ts');
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
  } catch (err) {
    // commander has printed its own message for usage errors and --help.
    const code = (err as { exitCode?: number }).exitCode;
    process.exitCode = code ?? 1;
    if (code === undefined) process.stderr.write(errorText(err) + '\n');
  }
}

await main(process.argv.slice(2));
