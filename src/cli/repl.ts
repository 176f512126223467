// The interactive workbench (`difflab` with no arguments, `npm start`).
//
// On a terminal: prompts, line editing, tab completion, history kept in
// ~/.difflab_history ($DIFFLAB_HISTORY), colors unless NO_COLOR is set, and
// input continued on the next line while a bracket is open. Piped input:
// no prompts, plain results, exit at the end of the input, so that
//
//   printf 'd/dx sin x\n' | difflab      prints  cos x
//
// What each line means and how it is answered lives in ./repl/.

import { createInterface, type Interface } from 'node:readline';
import { version as VERSION } from '../version.ts';
import { makeStyle, wantsColor } from './repl/format.ts';
import { History, HISTORY_SIZE, historyPath } from './repl/history.ts';
import { needsMoreInput } from './repl/input.ts';
import { WorkerRunner } from './repl/runner.ts';
import { Session } from './repl/session.ts';

export { Session, type Reply, type SessionOptions } from './repl/session.ts';
export { History, historyPath } from './repl/history.ts';
export { completeMath, type Completion } from './repl/completion.ts';
export { readInput, needsMoreInput, type Input, type DerivativeSpec } from './repl/input.ts';

export interface ReplOptions {
  readonly input?: NodeJS.ReadableStream;
  readonly output?: NodeJS.WritableStream;
  /**
   * Where a piped (non-terminal) session writes the answers to lines that
   * failed. Default: standard error when writing to standard output, else
   * the output. On a terminal everything goes to the output.
   */
  readonly errorOutput?: NodeJS.WritableStream;
  /** Prompts, line editing, completion and history. Default: input and output are terminals. */
  readonly terminal?: boolean;
  /** Default: the output is a terminal and NO_COLOR is not set. */
  readonly color?: boolean;
  /** The history file; default $DIFFLAB_HISTORY or ~/.difflab_history. Only terminal sessions keep history. */
  readonly historyFile?: string;
  /** Directory for :save, :load and output files. */
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Answer every line (expressions, derivatives, :expand, :train, :diff …)
   * on a worker thread, so that Ctrl-C (SIGINT) stops a long one and
   * returns to the prompt with the session as it was.
   * Default: when reading the process's own standard input.
   */
  readonly worker?: boolean;
}

export const PROMPT = 'difflab> ';
export const CONTINUE_PROMPT = '     ... ';

function version(): string {
  return VERSION;
}

function banner(session: Session): string {
  const s = session.style;
  return [
    `${s.result('difflab')} ${version()}: symbolic and automatic differentiation`,
    `Type math as in a textbook: ${s.code('ln x + x²y − sin xy')}, ${s.code('d/dx sin x²')}, ${s.code('∇ x²y')}, ${s.code('f(x, y) = x² + y')}`,
    s.dim(`${s.code(':at x=2 y=5')} sets a point · ${s.code(':help')} · Tab completes (\\alpha → α) · ${s.code(':quit')} leaves`),
  ].join('\n');
}

/**
 * Runs the REPL until :quit or the end of the input; resolves with the
 * session (for callers that inspect it; `failures` counts the lines that
 * failed, for the exit status of a piped session).
 */
export async function startRepl(options: ReplOptions = {}): Promise<Session> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const env = options.env ?? process.env;
  const terminal = options.terminal ?? ((input as { isTTY?: boolean }).isTTY === true && (output as { isTTY?: boolean }).isTTY === true);
  const color = options.color ?? (terminal && wantsColor(output as { isTTY?: boolean }, env));
  // With a worker, every line is answered there (the session's state kept on both sides), so that Ctrl-C can stop any of them.
  const runner = (options.worker ?? options.input === undefined) ? new WorkerRunner({ color, ...(options.cwd !== undefined ? { cwd: options.cwd } : {}) }) : undefined;
  runner?.warm();
  const session = new Session({
    style: makeStyle(color),
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    ...(runner !== undefined ? { runCli: runner.run, remote: (line: string, s: Session) => runner.answer(line, s) } : {}),
  });
  const history = terminal ? new History(options.historyFile ?? historyPath(env)).load() : undefined;

  const rl: Interface = createInterface({
    input,
    output,
    terminal,
    prompt: terminal ? session.style.label(PROMPT) : '',
    crlfDelay: Infinity,
    ...(terminal
      ? {
          history: [...(history?.entries ?? [])],
          historySize: HISTORY_SIZE,
          removeHistoryDuplicates: true,
          completer: (line: string, done: (err: null, result: [string[], string]) => void) => {
            session.complete(line).then(
              (r) => done(null, r),
              () => done(null, [[], line]),
            );
          },
        }
      : {}),
  });
  if (history !== undefined) {
    rl.on('history', (entries: string[]) => {
      history.replace(entries);
      history.save();
    });
  }

  const errorOutput = terminal ? output : (options.errorOutput ?? (options.output === undefined ? process.stderr : output));
  const say = (text: string, stream: NodeJS.WritableStream = output): void => {
    if (text !== '') stream.write(text + '\n');
  };
  const pending: string[] = [];
  const setPrompt = (): void => {
    if (terminal) rl.setPrompt(session.style.label(pending.length ? CONTINUE_PROMPT : PROMPT));
  };

  // Ctrl-C: stop the running command; else drop the line (or the unfinished
  // multiline input); twice on an empty line leaves.
  let interrupted = false;
  if (terminal) {
    rl.on('SIGINT', () => {
      if (runner?.interrupt() === true) {
        interrupted = false;
        return;
      }
      const typed = (rl as unknown as { line: string }).line;
      if (typed !== '' || pending.length > 0) {
        pending.length = 0;
        interrupted = false;
        rl.write(null, { ctrl: true, name: 'e' });
        output.write('\n');
        rl.write(null, { ctrl: true, name: 'u' });
        setPrompt();
        rl.prompt();
        return;
      }
      if (interrupted) {
        rl.close();
        return;
      }
      interrupted = true;
      output.write(`\n${session.style.dim('(to leave, press Ctrl-C again, Ctrl-D, or type :quit)')}\n`);
      rl.prompt();
    });
  }

  // Piped input: SIGINT stops the running command; with none running it ends the REPL as usual.
  const onSignal = (): void => {
    if (runner?.interrupt() === true) return;
    process.off('SIGINT', onSignal);
    process.kill(process.pid, 'SIGINT');
  };
  const ownSignal = !terminal && runner !== undefined && input === process.stdin;
  if (ownSignal) process.on('SIGINT', onSignal);

  if (terminal) say(banner(session));
  rl.prompt();
  let quit = false;
  const answer = async (text: string): Promise<void> => {
    const reply = await session.run(text);
    say(reply.text, reply.error === true ? errorOutput : output);
    quit = reply.quit === true;
  };
  for await (const line of rl) {
    interrupted = false;
    pending.push(line);
    const text = pending.join('\n');
    if (needsMoreInput(text)) {
      setPrompt();
      rl.prompt();
      continue;
    }
    pending.length = 0;
    await answer(text);
    if (quit) break;
    setPrompt();
    rl.prompt();
  }
  // The input ended inside an open bracket: answer what there is (the parser names the bracket).
  if (!quit && pending.length > 0) await answer(pending.join('\n'));
  rl.close();
  if (ownSignal) process.off('SIGINT', onSignal);
  await runner?.close();
  if (terminal && !quit) output.write('\n');
  return session;
}
