// The REPL's worker thread: runs command-line commands (`:train`, `:diff`,
// `:check` …) off the main thread, so that the REPL stays responsive and one
// Ctrl-C can stop a long command by ending the worker. The session itself
// stays on the main thread: a command is a pure function of its argv, the
// point and the declared variables.

import { parentPort, workerData } from 'node:worker_threads';
import { DiffError, ParseError } from '../../expr/errors.ts';
import { NotAvailableError, runCli, type CliContext } from './bridge.ts';

export interface WorkRequest {
  readonly id: number;
  readonly name: string;
  readonly argv: readonly string[];
  readonly ctx: CliContext;
}

/** An error across the thread boundary: its class and fields. */
export interface SentError {
  readonly kind: 'ParseError' | 'NotAvailableError' | 'DiffError' | 'Error';
  readonly message: string;
  readonly pos?: number;
  readonly input?: string;
  readonly command?: string;
}

export type WorkReply = { readonly id: number; readonly text: string; readonly ok: boolean } | { readonly id: number; readonly error: SentError };

export function sendError(err: unknown): SentError {
  if (err instanceof ParseError) return { kind: 'ParseError', message: err.message, input: err.input, ...(err.pos !== undefined ? { pos: err.pos } : {}) };
  if (err instanceof NotAvailableError) return { kind: 'NotAvailableError', message: err.message, command: err.command };
  if (err instanceof DiffError) return { kind: 'DiffError', message: err.message, ...(err.pos !== undefined ? { pos: err.pos } : {}) };
  if (err instanceof RangeError && /call stack/.test(err.message)) return { kind: 'Error', message: 'input too deeply nested' };
  return { kind: 'Error', message: err instanceof Error ? err.message : String(err) };
}

export function receiveError(e: SentError): Error {
  switch (e.kind) {
    case 'ParseError':
      return new ParseError(e.message, e.input ?? '', e.pos ?? 0);
    case 'NotAvailableError':
      return new NotAvailableError(e.command ?? '');
    case 'DiffError':
      return new DiffError(e.message, e.pos);
    default:
      return new Error(e.message);
  }
}

/** workerData marking a thread started by WorkerRunner (not any other worker that imports this module). */
export const WORKER_MARK = 'difflab-repl-worker';

if (parentPort !== null && workerData === WORKER_MARK) {
  const port = parentPort;
  port.on('message', (req: WorkRequest) => {
    runCli(req.name, req.argv, req.ctx).then(
      (out) => port.postMessage({ id: req.id, text: out.text, ok: out.ok } satisfies WorkReply),
      (err: unknown) => port.postMessage({ id: req.id, error: sendError(err) } satisfies WorkReply),
    );
  });
  port.postMessage({ ready: true });
}
