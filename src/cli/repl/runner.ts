// How the REPL runs command-line commands: in process (tests, the library),
// or on a worker thread that one Ctrl-C ends (the interactive REPL).

import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DiffError } from '../../expr/errors.ts';
import { runCli, type CliContext, type CliOutcome } from './bridge.ts';
import { receiveError, WORKER_MARK, type WorkReply, type WorkRequest } from './worker.ts';

/** Runs a command-line command by name with argv and the session's context. */
export type CliRunner = (name: string, argv: readonly string[], ctx: CliContext) => Promise<CliOutcome>;

export const inProcess: CliRunner = runCli;

/** A command stopped by Ctrl-C. */
export class Interrupted extends DiffError {
  override readonly name: string = 'Interrupted';
  constructor() {
    super('interrupted');
  }
}

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

/**
 * Commands on a worker thread. One command at a time; `interrupt()` ends the
 * worker (a busy loop included) and the running command rejects with
 * Interrupted; the next command starts a fresh worker.
 */
export class WorkerRunner {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;
  private pending: { id: number; resolve: (o: CliOutcome) => void; reject: (e: Error) => void } | undefined;

  /** True while a command runs. */
  get busy(): boolean {
    return this.pending !== undefined;
  }

  private start(): Promise<void> {
    if (this.ready !== undefined) return this.ready;
    const w = new Worker(workerCode(), { eval: true, stdout: false, stderr: false, workerData: WORKER_MARK });
    this.worker = w;
    this.ready = new Promise<void>((resolve, reject) => {
      w.on('message', (m: WorkReply | { ready: true }) => {
        if ('ready' in m) return resolve();
        const p = this.pending;
        if (p === undefined || p.id !== m.id) return;
        this.pending = undefined;
        if ('error' in m) p.reject(receiveError(m.error));
        else p.resolve({ text: m.text, ok: m.ok });
      });
      w.on('error', (err) => {
        reject(err);
        this.fail(err);
      });
      w.on('exit', () => {
        if (this.worker === w) {
          this.worker = undefined;
          this.ready = undefined;
        }
        this.fail(new Error('the command stopped unexpectedly'));
      });
    });
    return this.ready;
  }

  private fail(err: Error): void {
    const p = this.pending;
    this.pending = undefined;
    p?.reject(err);
  }

  readonly run: CliRunner = async (name, argv, ctx) => {
    if (this.pending !== undefined) throw new DiffError('a command is already running');
    const id = this.nextId++;
    const done = new Promise<CliOutcome>((resolve, reject) => (this.pending = { id, resolve, reject }));
    try {
      await this.start();
    } catch (err) {
      this.pending = undefined;
      throw err;
    }
    this.worker!.postMessage({ id, name, argv: [...argv], ctx: { point: { ...ctx.point }, vars: [...ctx.vars] } } satisfies WorkRequest);
    return done;
  };

  /** Stops the running command (true), or does nothing when none runs (false). */
  interrupt(): boolean {
    const p = this.pending;
    if (p === undefined) return false;
    this.pending = undefined;
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    void w?.terminate();
    p.reject(new Interrupted());
    return true;
  }

  /** Ends the worker (at the end of the session). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (w !== undefined) await w.terminate();
  }
}
