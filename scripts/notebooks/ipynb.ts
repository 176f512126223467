// Reading Jupyter notebooks (nbformat 4) and comparing their outputs, for
// `npm run test:notebooks` and the structural test in `npm test`.
//
// Outputs are compared as nbval's lax comparison does, after dropping the
// fields that change from run to run without the results changing:
// - execution counts, cell and output metadata, `transient` (display ids);
// - how a stream was cut into messages: consecutive stream outputs of the same
//   name are joined, and carriage returns are applied (a progress line that
//   overwrites itself leaves only its last state);
// - text matching VOLATILE (wall-clock timings written as `<number> ms` or
//   `… s` after `took`/`in`, and hexadecimal addresses) is masked;
// - inside SVG figures, coordinates are cut to 4 decimal places: the
//   renderer writes 16-digit positions whose last digits follow the last bit
//   of the plotted numbers (a real change moves a point by far more).
// Everything else must be equal: the text of every stream, every MIME type
// and its data, and the error outputs.

export interface Output {
  readonly output_type: 'stream' | 'display_data' | 'execute_result' | 'error' | 'update_display_data';
  readonly name?: string;
  readonly text?: string | readonly string[];
  readonly data?: Record<string, string | readonly string[] | unknown>;
  readonly ename?: string;
  readonly evalue?: string;
  readonly traceback?: readonly string[];
}

export interface Cell {
  readonly cell_type: 'code' | 'markdown' | 'raw';
  readonly source: string | readonly string[];
  readonly outputs?: readonly Output[];
}

export interface Notebook {
  readonly nbformat: number;
  readonly nbformat_minor: number;
  readonly metadata: Record<string, unknown>;
  readonly cells: readonly Cell[];
}

/** Parses notebook JSON; throws a message naming the file on anything that is not nbformat 4. */
export function parseNotebook(json: string, file = 'notebook'): Notebook {
  let nb: unknown;
  try {
    nb = JSON.parse(json);
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
  if (typeof nb !== 'object' || nb === null || !Array.isArray((nb as Notebook).cells)) throw new Error(`${file}: no cells array`);
  if ((nb as Notebook).nbformat !== 4) throw new Error(`${file}: nbformat ${String((nb as Notebook).nbformat)}, expected 4`);
  return nb as Notebook;
}

/** A multiline field (a string or a list of lines) as one string. */
export function joined(s: string | readonly string[] | undefined): string {
  return s === undefined ? '' : typeof s === 'string' ? s : s.join('');
}

/** Applies carriage returns as a terminal would: text after a \r overwrites the line. */
export function applyCarriageReturns(s: string): string {
  return s
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => {
      const parts = line.split('\r');
      let out = '';
      for (const p of parts) out = p + out.slice(p.length);
      return out;
    })
    .join('\n');
}

/** Text that legitimately changes between runs, masked before comparison. */
export const VOLATILE: readonly { readonly pattern: RegExp; readonly mask: string }[] = [
  { pattern: /\b(took|in) \d+(\.\d+)? ?(ms|s)\b/g, mask: '$1 <time>' },
  { pattern: /\b0x[0-9a-f]{6,}\b/g, mask: '<address>' },
];

export function maskVolatile(s: string): string {
  return VOLATILE.reduce((t, v) => t.replace(v.pattern, v.mask), s);
}

/** An SVG figure's numbers cut to 4 decimal places (text without `<svg` is left as it is). */
export function truncateSvgDecimals(s: string): string {
  return s.includes('<svg') ? s.replace(/(\d\.\d{4})\d+/g, '$1') : s;
}

/** An output reduced to what must not change: a stable JSON-able value. */
export type Normal = { type: 'stream'; name: string; text: string } | { type: 'data'; data: Record<string, string> } | { type: 'error'; ename: string; evalue: string };

/** A code cell's outputs, normalized as described at the top of this file. */
export function normalizeOutputs(outputs: readonly Output[]): Normal[] {
  const out: Normal[] = [];
  for (const o of outputs) {
    switch (o.output_type) {
      case 'stream': {
        const last = out[out.length - 1];
        const name = o.name ?? 'stdout';
        const text = joined(o.text);
        if (last && last.type === 'stream' && last.name === name) last.text += text;
        else out.push({ type: 'stream', name, text });
        break;
      }
      case 'display_data':
      case 'execute_result':
      case 'update_display_data': {
        const data: Record<string, string> = {};
        for (const [k, v] of Object.entries(o.data ?? {})) data[k] = truncateSvgDecimals(maskVolatile(typeof v === 'string' || Array.isArray(v) ? joined(v as string | string[]) : JSON.stringify(v)));
        out.push({ type: 'data', data });
        break;
      }
      case 'error':
        out.push({ type: 'error', ename: o.ename ?? '', evalue: maskVolatile(o.evalue ?? '') });
        break;
    }
  }
  for (const n of out) if (n.type === 'stream') n.text = maskVolatile(applyCarriageReturns(n.text));
  return out;
}

/** Problems that make a committed notebook unfit: no outputs, error outputs, an unknown kernel. */
export function structuralProblems(nb: Notebook): string[] {
  const problems: string[] = [];
  const code = nb.cells.map((c, i) => ({ c, i })).filter(({ c }) => c.cell_type === 'code');
  if (code.length === 0) problems.push('no code cells');
  if (!code.some(({ c }) => (c.outputs ?? []).length > 0)) problems.push('no outputs: run it with npm run notebooks before committing');
  for (const { c, i } of code) {
    for (const o of c.outputs ?? []) {
      if (o.output_type === 'error') problems.push(`cell ${i + 1}: error output ${o.ename ?? ''}: ${o.evalue ?? ''}`);
      if (o.output_type === 'stream' && o.name === 'stderr') problems.push(`cell ${i + 1}: writes to stderr: ${joined(o.text).slice(0, 200)}`);
    }
  }
  const ks = nb.metadata['kernelspec'] as { name?: string } | undefined;
  if (ks?.name !== 'tslab') problems.push(`kernel ${JSON.stringify(ks?.name)}, expected tslab`);
  return problems;
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const at = (s: string): string => JSON.stringify(s.slice(Math.max(0, i - 30), i + 50));
  return `at character ${i}: committed ${at(a)}, now ${at(b)}`;
}

/** Differences between the committed notebook's outputs and a fresh run's, cell by cell (empty when they agree). */
export function compareOutputs(committed: Notebook, fresh: Notebook): string[] {
  const diffs: string[] = [];
  if (committed.cells.length !== fresh.cells.length) return [`${committed.cells.length} cells committed, ${fresh.cells.length} after the run`];
  committed.cells.forEach((c, i) => {
    if (c.cell_type !== 'code') return;
    const a = normalizeOutputs(c.outputs ?? []);
    const b = normalizeOutputs(fresh.cells[i]!.outputs ?? []);
    const where = `cell ${i + 1} (${joined(c.source).split('\n')[0]!.slice(0, 60)})`;
    if (a.length !== b.length) {
      diffs.push(`${where}: ${a.length} outputs committed, ${b.length} now`);
      return;
    }
    a.forEach((x, k) => {
      const y = b[k]!;
      const at = `${where}, output ${k + 1}`;
      if (x.type !== y.type) diffs.push(`${at}: a ${x.type} output committed, a ${y.type} output now`);
      else if (x.type === 'stream' && y.type === 'stream') {
        if (x.name !== y.name) diffs.push(`${at}: ${x.name} committed, ${y.name} now`);
        else if (x.text !== y.text) diffs.push(`${at} (${x.name}): ${firstDifference(x.text, y.text)}`);
      } else if (x.type === 'data' && y.type === 'data') {
        const types = [...new Set([...Object.keys(x.data), ...Object.keys(y.data)])].sort();
        for (const t of types) {
          if (x.data[t] === undefined || y.data[t] === undefined) diffs.push(`${at}: ${t} ${x.data[t] === undefined ? 'added' : 'missing'}`);
          else if (x.data[t] !== y.data[t]) diffs.push(`${at} (${t}): ${firstDifference(x.data[t], y.data[t])}`);
        }
      } else if (JSON.stringify(x) !== JSON.stringify(y)) diffs.push(`${at}: ${firstDifference(JSON.stringify(x), JSON.stringify(y))}`);
    });
  });
  return diffs;
}
