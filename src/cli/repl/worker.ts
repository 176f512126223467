// The REPL's worker thread: answers the REPL's lines off the main thread, so
// that the REPL stays responsive and one Ctrl-C can stop any long input (a
// high-order derivative, :expand, :train …) by ending the worker. The worker
// keeps a replica of the session: each line arrives with the session's state
// when the replica is new, and its answer goes back with what the line
// changed (a definition, the point, the last result), so that both stay the
// same and an interrupted line changes nothing. It also runs command-line
// commands by name (WorkerRunner.run): a pure function of the argv, the point
// and the declared variables.

import { parentPort, workerData } from 'node:worker_threads';
import { DiffError, ParseError } from '../../expr/errors.ts';
import { NotAvailableError, runCli, type CliContext } from './bridge.ts';
import { makeStyle } from './format.ts';
import { Session, type Reply } from './session.ts';
import { applyState, encodeState, markState, type SessionState } from './state.ts';

/** A command-line command by name. */
export interface CliRequest {
  readonly id: number;
  readonly name: string;
  readonly argv: readonly string[];
  readonly ctx: CliContext;
}

/** A REPL line, with the session's state when the worker's replica is new. */
export interface LineRequest {
  readonly id: number;
  readonly line: string;
  readonly state?: SessionState;
}

export type WorkRequest = CliRequest | LineRequest;

/** An error across the thread boundary: its class and fields. */
export interface SentError {
  readonly kind: 'ParseError' | 'NotAvailableError' | 'DiffError' | 'Error';
  readonly message: string;
  readonly pos?: number;
  readonly input?: string;
  readonly command?: string;
}

export type WorkReply =
  | { readonly id: number; readonly text: string; readonly ok: boolean }
  | { readonly id: number; readonly reply: Reply; readonly delta: SessionState }
  | { readonly id: number; readonly error: SentError };

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

/** Marks a thread started by WorkerRunner (not any other worker that imports this module). */
export const WORKER_MARK = 'difflab-repl-worker';

/** The worker's workerData: the mark, and how its session answers (colors, the directory for files). */
export interface WorkerSetup {
  readonly mark: typeof WORKER_MARK;
  readonly color: boolean;
  readonly cwd: string;
}

const setup = workerData as Partial<WorkerSetup> | undefined;
if (parentPort !== null && setup?.mark === WORKER_MARK) {
  const port = parentPort;
  let session: Session | undefined;
  const answer = async (req: LineRequest): Promise<WorkReply> => {
    session ??= new Session({ style: makeStyle(setup.color === true), ...(setup.cwd !== undefined ? { cwd: setup.cwd } : {}) });
    if (req.state !== undefined) applyState(session, req.state);
    const before = markState(session);
    const reply = await session.run(req.line);
    return { id: req.id, reply, delta: encodeState(session, before) };
  };
  port.on('message', (req: WorkRequest) => {
    if ('line' in req) {
      answer(req).then(
        (m) => port.postMessage(m),
        (err: unknown) => port.postMessage({ id: req.id, error: sendError(err) } satisfies WorkReply),
      );
      return;
    }
    runCli(req.name, req.argv, req.ctx).then(
      (out) => port.postMessage({ id: req.id, text: out.text, ok: out.ok } satisfies WorkReply),
      (err: unknown) => port.postMessage({ id: req.id, error: sendError(err) } satisfies WorkReply),
    );
  });
  port.postMessage({ ready: true });
}
