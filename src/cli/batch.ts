// difflab batch: one JSON request per input line, one JSON result per output
// line, in order. A bad line answers {"error": {...}} and processing goes on.

import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { DiffError } from '../expr/errors.ts';
import type { Request } from './command.ts';
import { findCommand } from './commands/index.ts';
import { BATCH_DEFAULT, type RunContext } from './files.ts';
import { errorJson, toJson } from './io.ts';

/** Answers one request line (never throws). By default no request may write a file. */
export async function answerLine(line: string, ctx: RunContext = BATCH_DEFAULT): Promise<string> {
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
    return toJson(await cmd.run(req as Request, ctx));
  } catch (err) {
    return toJson(errorJson(err));
  }
}

/** Reads requests until the end of input; returns how many failed. ctx: what requests may write (default nothing). */
export async function runBatch(input: Readable, output: Writable, ctx: RunContext = BATCH_DEFAULT): Promise<number> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let failed = 0;
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '') continue;
    const answer = await answerLine(line, ctx);
    if (answer.startsWith('{"error":')) failed++;
    output.write(answer + '\n');
  }
  return failed;
}
