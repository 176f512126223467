// A table of numbers with named columns, read from CSV text: the data a
// user gives `difflab train neuron --model "f(x; w, b) = …" --data file.csv`.
// Pure (text in, table out); reading the file is the command line's job.

import { DiffError } from '../../expr/errors.ts';
import { canonicalName } from '../../expr/names.ts';

export interface Table {
  readonly name: string;
  /** Column names, canonical (`x₁` → x1). */
  readonly columns: readonly string[];
  /** One row of numbers per sample. */
  readonly rows: readonly (readonly number[])[];
}

/**
 * Reads CSV with a header row of names and numeric rows (comma, semicolon
 * or tab separated; blank lines and lines starting with # are skipped).
 * Throws DiffError naming the line for anything else.
 */
export function parseCsv(text: string, name = 'data'): Table {
  const lines = text.split(/\r?\n/).map((l, i) => ({ l: l.trim(), n: i + 1 })).filter(({ l }) => l !== '' && !l.startsWith('#'));
  if (lines.length === 0) throw new DiffError(`${name}: empty; expected a header row of column names, then rows of numbers`);
  const sep = /\t/.test(lines[0]!.l) ? '\t' : /;/.test(lines[0]!.l) && !/,/.test(lines[0]!.l) ? ';' : ',';
  const cells = (l: string): string[] => l.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const header = cells(lines[0]!.l);
  const columns = header.map((h, j) => {
    const c = canonicalName(h);
    if (c === undefined) throw new DiffError(`${name}:${lines[0]!.n}: column ${j + 1} is named ${JSON.stringify(h)}, which is not a variable name (the header row names the columns, as in x,y,t)`);
    return c;
  });
  const dup = columns.find((c, j) => columns.indexOf(c) !== j);
  if (dup !== undefined) throw new DiffError(`${name}:${lines[0]!.n}: the column ${dup} appears twice`);
  const rows = lines.slice(1).map(({ l, n }) => {
    const r = cells(l);
    if (r.length !== columns.length) throw new DiffError(`${name}:${n}: ${r.length} values, but the header names ${columns.length} columns`);
    return r.map((c, j) => {
      const v = c === '' ? NaN : Number(c.replace(/^−/, '-'));
      if (!Number.isFinite(v)) throw new DiffError(`${name}:${n}: the ${columns[j]} value ${JSON.stringify(c)} is not a finite number`);
      return v;
    });
  });
  if (rows.length === 0) throw new DiffError(`${name}: no rows of data after the header`);
  return { name, columns, rows };
}

/** Names a target column may have, in order of preference, when the inputs do not leave exactly one column. */
export const TARGET_NAMES: readonly string[] = ['t', 'y', 'target', 'label'];

/**
 * The samples of a table for a model with the given inputs: the columns
 * named like the inputs, and the target column (`t`, `y`, `target` or
 * `label`, or the only other column).
 */
export function selectColumns(table: Table, inputs: readonly string[]): { x: number[][]; t: number[]; target: string } {
  const missing = inputs.filter((v) => !table.columns.includes(v));
  if (missing.length > 0) {
    throw new DiffError(`${table.name}: no column for the input${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the columns are ${table.columns.join(', ')})`);
  }
  const others = table.columns.filter((c) => !inputs.includes(c));
  const target = others.length === 1 ? others[0]! : TARGET_NAMES.find((n) => others.includes(n));
  if (target === undefined) {
    throw new DiffError(`${table.name}: which column is the target? Name it t (or y, target, label); the columns besides the inputs are ${others.join(', ') || 'none'}`);
  }
  const idx = inputs.map((v) => table.columns.indexOf(v));
  const ti = table.columns.indexOf(target);
  return { x: table.rows.map((r) => idx.map((j) => r[j]!)), t: table.rows.map((r) => r[ti]!), target };
}
