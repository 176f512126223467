// difflab batch: one JSON request per input line, one JSON result per output
// line, in order. A bad line answers {"error": {...}} and processing goes on.

import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { DiffError } from '../expr/errors.ts';
import type { Request } from './command.ts';
import { findCommand } from './commands/index.ts';
import { errorJson, toJson } from './io.ts';

/** Answers one request line (never throws). */
export async function answerLine(line: string): Promise<string> {
  try {
    let req: unknown;
    try {
      req = JSON.parse(line);
    } catch (e) {
      throw new DiffError(`not valid JSON: ${(e as Error).message}`);
    }
    if (typeof req !== 'object' || req === null || Array.isArray(req)) throw new DiffError('a request is a JSON object such as {"cmd":"eval","expr":"x+1","at":{"x":2}}');
    const cmdName = (req as Request).cmd;
    if (typeof cmdName !== 'string') throw new DiffError('the request needs "cmd"');
    const cmd = cmdName === 'batch' ? undefined : findCommand(cmdName);
    if (cmd === undefined) throw new DiffError(`unknown command ${JSON.stringify(cmdName)}`);
    return toJson(await cmd.run(req as Request));
  } catch (err) {
    return toJson(errorJson(err));
  }
}

/** Reads requests until the end of input; returns how many failed. */
export async function runBatch(input: Readable, output: Writable): Promise<number> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let failed = 0;
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '') continue;
    const answer = await answerLine(line);
    if (answer.startsWith('{"error":')) failed++;
    output.write(answer + '\n');
  }
  return failed;
}
