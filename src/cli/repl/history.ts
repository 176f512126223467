// Input history, kept in a file in the user's home (~/.difflab_history, or
// $DIFFLAB_HISTORY), one entry per line, oldest first, as shells keep theirs.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const HISTORY_SIZE = 1000;

/** The history file: $DIFFLAB_HISTORY when set (empty disables history), else ~/.difflab_history. */
export function historyPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const v = env.DIFFLAB_HISTORY;
  if (v !== undefined) return v.trim() === '' ? undefined : v;
  return join(homedir(), '.difflab_history');
}

export class History {
  /** Newest first, the order readline keeps. */
  private list: string[] = [];

  constructor(
    readonly path: string | undefined,
    readonly size: number = HISTORY_SIZE,
  ) {}

  /** Entries, newest first. */
  get entries(): readonly string[] {
    return this.list;
  }

  /** Reads the file if there is one; a missing or unreadable file is an empty history. */
  load(): this {
    if (this.path === undefined) return this;
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return this;
    }
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    this.list = lines.reverse().slice(0, this.size);
    return this;
  }

  /** Records a line (newest first); repeats of the previous entry and blank lines are dropped. */
  add(line: string): void {
    const l = line.replace(/\n/g, ' ').trimEnd();
    if (l.trim() === '' || this.list[0] === l) return;
    this.list.unshift(l);
    if (this.list.length > this.size) this.list.length = this.size;
  }

  /** Takes readline's own list (newest first) as the history. */
  replace(entries: readonly string[]): void {
    this.list = entries.filter((l) => l.trim() !== '').slice(0, this.size);
  }

  /** Writes the file. Failing to write (read-only home) is not an error worth stopping for: returns false. */
  save(): boolean {
    if (this.path === undefined) return false;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const oldestFirst = [...this.list].reverse();
      writeFileSync(this.path, oldestFirst.length ? oldestFirst.join('\n') + '\n' : '', { mode: 0o600 });
      return true;
    } catch {
      return false;
    }
  }
}
