// How the REPL looks: colors (only on a terminal, never with NO_COLOR),
// aligned tables, points and values.

import pc from 'picocolors';
import { unicodeName } from '../../expr/names.ts';
import { formatValue } from '../commands/eval.ts';
import type { Point } from '../io.ts';

export interface Style {
  readonly enabled: boolean;
  /** A result: the math the user asked for. */
  result(s: string): string;
  /** Details under a result (how the input was read, values). */
  dim(s: string): string;
  /** A label in a table or a detail line. */
  label(s: string): string;
  error(s: string): string;
  warn(s: string): string;
  /** A command name or an example to type. */
  code(s: string): string;
  heading(s: string): string;
}

/** Colors for a stream: on for a terminal, off when NO_COLOR is set (to anything non-empty) or the stream is not a TTY. */
export function wantsColor(stream: { isTTY?: boolean } | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream?.isTTY === true;
}

export function makeStyle(enabled: boolean): Style {
  const c = pc.createColors(enabled);
  return {
    enabled,
    result: (s) => c.bold(s),
    dim: (s) => c.dim(s),
    label: (s) => c.cyan(s),
    error: (s) => c.red(s),
    warn: (s) => c.yellow(s),
    code: (s) => c.green(s),
    heading: (s) => c.bold(c.underline(s)),
  };
}

const ANSI = /\x1b\[[0-9;]*m/g;

/** Display width: code points without color codes or combining marks. */
export function visibleWidth(s: string): number {
  let n = 0;
  for (const ch of s.replace(ANSI, '')) if (!/\p{M}/u.test(ch)) n++;
  return n;
}

export const padEnd = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - visibleWidth(s)));
export const padStart = (s: string, width: number): string => ' '.repeat(Math.max(0, width - visibleWidth(s))) + s;

/** Rows laid out in columns separated by two spaces; trailing spaces trimmed. */
export function table(rows: readonly (readonly string[])[], align: readonly ('left' | 'right')[] = []): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleWidth(cell))));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 && align[i] !== 'right' ? cell : align[i] === 'right' ? padStart(cell, widths[i]!) : padEnd(cell, widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `x = 2, y = 5` with textbook names (x₁, α). */
export function pointText(point: Point): string {
  const entries = Object.entries(point);
  if (entries.length === 0) return '(no point set)';
  return entries.map(([k, v]) => `${unicodeName(k)} = ${formatValue(v)}`).join(', ');
}

/** `x=2,y=5`: the point as the command line spells it. */
export function pointArg(point: Point): string {
  return Object.entries(point)
    .map(([k, v]) => `${k}=${Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? String(v) : v > 0 ? 'Infinity' : '-Infinity'}`)
    .join(',');
}

export { formatValue };

/** Indents every line of a block. */
export const indent = (s: string, by = '  '): string =>
  s
    .split('\n')
    .map((l) => (l === '' ? l : by + l))
    .join('\n');
