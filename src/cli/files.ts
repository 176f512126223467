// Files a command writes (--svg, --dot, --save). On the command line and in
// the REPL a file is written only when an option names it. `difflab batch`
// writes none unless started with --allow-write DIR, and then only inside
// DIR. Every path is checked before the work that produces its content
// starts, so a long training run does not end in "no such directory".

import { accessSync, constants, lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { DiffError } from '../expr/errors.ts';

export type WritePolicy =
  /** Anywhere the user names (command line, REPL). */
  | { readonly kind: 'any' }
  /** Nowhere (batch without --allow-write). */
  | { readonly kind: 'none' }
  /** Only inside dir (batch --allow-write DIR). */
  | { readonly kind: 'dir'; readonly dir: string };

/** How a command runs: what it may write. */
export interface RunContext {
  readonly write: WritePolicy;
}

export const COMMAND_LINE: RunContext = { write: { kind: 'any' } };
export const BATCH_DEFAULT: RunContext = { write: { kind: 'none' } };

/** The policy of `difflab batch --allow-write DIR`: DIR must be an existing directory. */
export function allowWrite(dir: string): RunContext {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    throw new DiffError(`--allow-write ${dir}: no such directory`);
  }
  if (!statSync(real).isDirectory()) throw new DiffError(`--allow-write ${dir}: not a directory`);
  return { write: { kind: 'dir', dir: real } };
}

/**
 * The absolute path to write `file` (named by `option`, e.g. "--svg"), after
 * checking that the policy allows it and that its directory exists and is
 * writable. Throws a DiffError saying which.
 */
export function outputPath(file: string, ctx: RunContext | undefined, option: string): string {
  const policy = (ctx ?? COMMAND_LINE).write;
  if (file.trim() === '') throw new DiffError(`${option} needs a file name`);
  if (policy.kind === 'none') {
    throw new DiffError(`${option}: batch mode writes no files unless started with --allow-write DIR (then only inside DIR)`);
  }
  const path = policy.kind === 'dir' ? resolve(policy.dir, file) : resolve(file);
  const dir = dirname(path);
  let realDir: string;
  try {
    realDir = realpathSync(dir);
  } catch {
    throw new DiffError(`${option} ${file}: the directory ${dir} does not exist`);
  }
  if (policy.kind === 'dir') {
    const rel = relative(policy.dir, realDir);
    if (rel.startsWith('..') || isAbsolute(rel)) throw new DiffError(`${option} ${file}: outside the folder allowed by --allow-write (${policy.dir})`);
  }
  if (policy.kind === 'dir') {
    // A link inside the folder must not lead a write out of it.
    let link = false;
    try {
      link = lstatSync(path).isSymbolicLink();
    } catch {
      link = false;
    }
    if (link) throw new DiffError(`${option} ${file}: a symbolic link; batch writes only plain files inside ${policy.dir}`);
  }
  if (!statSync(realDir).isDirectory()) throw new DiffError(`${option} ${file}: ${dir} is not a directory`);
  try {
    accessSync(realDir, constants.W_OK);
  } catch {
    throw new DiffError(`${option} ${file}: the directory ${dir} is not writable`);
  }
  try {
    if (statSync(path).isDirectory()) throw new DiffError(`${option} ${file}: is a directory`);
  } catch (err) {
    if (err instanceof DiffError) throw err;
  }
  return path;
}
