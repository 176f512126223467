// Drives the REPL in-process, as a pipe would: lines in, the transcript out.

import { PassThrough } from 'node:stream';
import { startRepl, type ReplOptions, type Session } from '../../../src/cli/repl.ts';
import { evaluate } from '../../../src/expr/eval.ts';
import { parse } from '../../../src/parse/index.ts';

export interface Transcript {
  readonly out: string;
  readonly session: Session;
}

/** Feeds the lines to a fresh REPL (not a terminal: no prompts, no colors) and returns everything it printed. */
export async function transcript(lines: readonly string[], options: Omit<ReplOptions, 'input' | 'output'> = {}): Promise<Transcript> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const running = startRepl({ terminal: false, color: false, ...options, input, output });
  input.end(lines.map((l) => l + '\n').join(''));
  const session = await running;
  return { out, session };
}

/** The value of printed math (the REPL's Unicode output) at a point: reads it back with the parser. */
export function valueOf(printed: string, point: Record<string, number>): number {
  return evaluate(parse(printed), point);
}

/** The number after `= ` on a value line. */
export function numberOn(line: string | undefined): number {
  const m = /=\s*(-?[0-9.e+-]+|NaN|−?∞)/.exec(line ?? '');
  if (!m) throw new Error(`no value on ${JSON.stringify(line)}`);
  return Number(m[1]);
}
