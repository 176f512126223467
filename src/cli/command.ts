// A command is defined once and serves three front ends: the command line
// (text or --json), `difflab batch` (one JSON request per line) and the REPL.
// A request has the shape of a batch line: {"cmd": "eval", "expr": …, "at": {…}}.

import type { Command } from 'commander';
import { DiffError } from '../expr/errors.ts';
import type { RunContext } from './files.ts';

export type Request = Readonly<Record<string, unknown>>;
export type Result = Record<string, unknown>;

export interface CliCommand<R extends Result = Result> {
  readonly name: string;
  readonly summary: string;
  /** Declares the command's arguments and options. */
  configure(cmd: Command): Command;
  /** The batch-shaped request from command-line arguments and options. */
  toRequest(args: readonly string[], opts: Readonly<Record<string, unknown>>): Request;
  /**
   * Runs a request; the result is what --json prints and what batch writes.
   * ctx says what it may write (default: the command line's, any file an option names).
   */
  run(req: Request, ctx?: RunContext): R | Promise<R>;
  /** The result for a person. */
  text(result: R, req: Request): string;
  /** Non-zero when the result is a failure (a cross-check that disagrees, say). */
  exitCode?(result: R): number;
}

/** Keeps each command's result type while listing them together. */
export function defineCommand<R extends Result>(c: CliCommand<R>): CliCommand<Result> {
  return c as unknown as CliCommand<Result>;
}

/** A required string field of a request. */
export function reqString(req: Request, key: string): string {
  const v = req[key];
  if (typeof v !== 'string') throw new DiffError(`the request needs "${key}" as a string`);
  return v;
}

/** An optional string field of a request. */
export function optString(req: Request, key: string): string | undefined {
  const v = req[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new DiffError(`"${key}" must be a string`);
  return v;
}

/** An optional list of strings, given as an array or a comma-separated string. */
export function optList(req: Request, key: string): string[] | undefined {
  const v = req[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v.split(/[,\s]+/).filter((s) => s !== '');
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
  throw new DiffError(`"${key}" must be a list of names`);
}

/** An optional integer field (numbers or numeric strings), with bounds. */
export function optInt(req: Request, key: string, min: number, max: number): number | undefined {
  const v = req[key];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new DiffError(`"${key}" must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
  return n;
}

/** An optional boolean flag. */
export function optBool(req: Request, key: string): boolean {
  const v = req[key];
  return v === true || v === 'true';
}
