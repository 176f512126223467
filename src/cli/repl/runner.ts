// How the REPL does its work: in process (tests, the library), or on a
// worker thread that one Ctrl-C ends (the interactive REPL): each line, and
// the command-line commands.

import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DiffError } from '../../expr/errors.ts';
import { Interrupted, type CliRunner } from './bridge.ts';
import type { Reply } from './session.ts';
import { applyState, encodeState, type StateHolder } from './state.ts';
import { receiveError, WORKER_MARK, type WorkerSetup, type WorkReply, type WorkRequest } from './worker.ts';

export { inProcess, Interrupted, type CliRunner } from './bridge.ts';

/**
 * The worker's entry, beside this module: worker.ts from source, worker.js
 * when compiled (the bundle puts it in dist/cli/chunks/, beside the chunk
 * that holds this module; scripts/build-cli.mjs checks it).
 */
function workerEntry(): string {
  const url = new URL(`./worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  if (!existsSync(url)) throw new DiffError('the REPL worker is missing (run npm run build)');
  return url.href;
}

function workerCode(): string {
  const entry = workerEntry();
  if (!entry.endsWith('.ts')) return `import(${JSON.stringify(entry)})`;
  // From source: the worker loads TypeScript through tsx, as bin/difflab.js does.
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((m) => m.register()).then(() => import(${JSON.stringify(entry)}))`;
}

/** What the worker's session is set up with. */
export interface WorkerOptions {
  /** Colors in the answers. */
  readonly color?: boolean;
  /** Directory for :save, :load and output files. */
  readonly cwd?: string;
  /** The worker's heap limit in MB (default: Node's); a line that needs more fails, and the session goes on. */
  readonly heapMb?: number;
}

/** A line that ran out of memory on the worker. */
export class OutOfMemory extends DiffError {
  override readonly name: string = 'OutOfMemory';
  constructor() {
    super('out of memory: this line needs more memory than the REPL has; the session is kept (try a lower order or a smaller input)');
  }
}

type Sent = { readonly id: number; readonly resolve: (m: WorkReply) => void; readonly reject: (e: Error) => void };

/**
 * Work on a worker thread: REPL lines (`answer`, with a replica of the
 * session) and command-line commands (`run`). One at a time; `interrupt()`
 * ends the worker (a busy loop included) and the running work rejects with
 * Interrupted; a fresh worker starts at once, and the next line brings it
 * the session's state.
 */
export class WorkerRunner {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  /** The worker's replica holds the session's state. */
  private synced = false;
  private closed = false;
  private nextId = 1;
  private pending: Sent | undefined;

  constructor(private readonly options: WorkerOptions = {}) {}

  /** True while a command runs. */
  get busy(): boolean {
    return this.pending !== undefined;
  }

  private start(): Promise<void> {
    if (this.ready !== undefined) return this.ready;
    if (this.closed) return Promise.reject(new DiffError('the REPL has ended'));
    const setup: WorkerSetup = { mark: WORKER_MARK, color: this.options.color === true, cwd: this.options.cwd ?? process.cwd() };
    const limits = this.options.heapMb !== undefined ? { resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb } } : {};
    const w = new Worker(workerCode(), { eval: true, stdout: false, stderr: false, workerData: setup, ...limits });
    this.worker = w;
    this.synced = false;
    this.ready = new Promise<void>((resolve, reject) => {
      w.on('message', (m: WorkReply | { ready: true }) => {
        if ('ready' in m) return resolve();
        const p = this.pending;
        if (p === undefined || p.id !== m.id) return;
        this.pending = undefined;
        if ('error' in m) p.reject(receiveError(m.error));
        else p.resolve(m);
      });
      w.on('error', (err: Error & { code?: string }) => {
        const shown = err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new OutOfMemory() : err;
        reject(shown);
        if (this.worker === w) this.fail(shown);
      });
      w.on('exit', () => {
        reject(new Error('the command stopped unexpectedly')); // (no effect once ready)
        if (this.worker !== w) return; // ended by interrupt() or close()
        this.worker = undefined;
        this.ready = undefined;
        this.fail(new Error('the command stopped unexpectedly'));
      });
    });
    return this.ready;
  }

  /** Starts the worker ahead of the first line, so that it is ready when one comes. */
  warm(): void {
    this.start().catch(() => undefined); // a failure shows when a line needs the worker
  }

  private fail(err: Error): void {
    const p = this.pending;
    this.pending = undefined;
    p?.reject(err);
  }

  private waitingFor(id: number): boolean {
    return this.pending?.id === id;
  }

  /** Sends one request and waits for its reply (Interrupted if interrupt() comes first). */
  private async send(make: (id: number) => WorkRequest): Promise<WorkReply> {
    if (this.pending !== undefined) throw new DiffError('a command is already running');
    const id = this.nextId++;
    const done = new Promise<WorkReply>((resolve, reject) => (this.pending = { id, resolve, reject }));
    try {
      await this.start();
    } catch (err) {
      if (!this.waitingFor(id)) return done; // interrupted while the worker started: Interrupted
      this.pending = undefined;
      void done.catch(() => undefined);
      throw err;
    }
    if (!this.waitingFor(id)) return done; // interrupted while the worker started
    this.worker!.postMessage(make(id));
    return done;
  }

  readonly run: CliRunner = async (name, argv, ctx) => {
    const m = await this.send((id) => ({ id, name, argv: [...argv], ctx: { point: { ...ctx.point }, vars: [...ctx.vars] } }));
    if (!('text' in m)) throw new Error('the worker answered a command with something else');
    return { text: m.text, ok: m.ok };
  };

  /**
   * The answer to a REPL line, worked out by the worker's replica of the
   * session; what the line changed (definitions, the point, the last
   * result) is then set in `session` too. An interrupted line changes nothing.
   */
  async answer(line: string, session: StateHolder): Promise<Reply> {
    const m = await this.send((id) => {
      const state = this.synced ? undefined : encodeState(session);
      this.synced = true;
      return { id, line, ...(state !== undefined ? { state } : {}) };
    });
    if (!('reply' in m)) throw new Error('the worker answered a line with something else');
    applyState(session, m.delta);
    return m.reply;
  }

  /** Stops the running work (true), or does nothing when none runs (false). */
  interrupt(): boolean {
    const p = this.pending;
    if (p === undefined) return false;
    this.pending = undefined;
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    void w?.terminate();
    p.reject(new Interrupted());
    this.warm();
    return true;
  }

  /** Ends the worker (at the end of the session). */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (w !== undefined) await w.terminate();
  }
}
