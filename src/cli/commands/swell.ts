// difflab swell <family> [--n N] [--svg FILE]: expression swell, measured. For
// n = 1…N, the tree and DAG sizes of fₙ, of its naive symbolic gradient, of
// the simplified gradient, and the length of the reverse-mode tape.

import type { Command } from 'commander';
import { DiffError } from '../../expr/errors.ts';
import { tapeFromExpr } from '../../reverse/index.ts';
import { MAX_SWELL_N, swell, SWELL_FAMILIES, type SwellRow } from '../../symbolic/index.ts';
import { defineCommand, optInt, optString, type Request } from '../command.ts';
import { outputPath, type RunContext } from '../files.ts';

export interface SwellResult extends Record<string, unknown> {
  family: string;
  formula: string;
  rows: SwellRow[];
  svg?: string;
}

const FAMILIES = SWELL_FAMILIES.map((f) => f.name).join(', ');

export const swellCommand = defineCommand<SwellResult>({
  name: 'swell',
  summary: `expression swell: tree against DAG sizes of f, its derivative and the simplified derivative, and the tape (${FAMILIES})`,
  configure: (cmd: Command) =>
    cmd
      .argument('<family>', `${SWELL_FAMILIES.map((f) => `${f.name}: ${f.formula}`).join('; ')}`)
      .option('--n <N>', `measure n = 1…N (default 10, at most ${MAX_SWELL_N})`)
      .option('--svg <file>', 'plot the sizes against n on a log scale to an SVG file'),
  toRequest: (args, opts) => ({ cmd: 'swell', family: args[0], n: opts.n, svg: opts.svg }),
  run: async (req: Request, ctx?: RunContext) => {
    const family = optString(req, 'family');
    const svg = optString(req, 'svg');
    const svgPath = svg === undefined ? undefined : outputPath(svg, ctx, '--svg');
    if (family === undefined) throw new DiffError(`name a family: ${FAMILIES}`);
    const n = optInt(req, 'n', 1, MAX_SWELL_N) ?? 10;
    // The tape records each DAG node of f once; the backward sweep walks the same tape.
    const table = swell(family, n, { tape: (f) => tapeFromExpr([f]).length });
    const result: SwellResult = { family: table.family, formula: table.formula, rows: [...table.rows] };
    if (svg !== undefined && svgPath !== undefined) {
      const [{ lineChart }, { writeSvg }] = await Promise.all([import('../../plot/vega.ts'), import('../../node/files.ts')]);
      const series: readonly [string, (r: SwellRow) => number | null][] = [
        ['f, tree', (r) => r.f.tree],
        ['f, DAG', (r) => r.f.dag],
        ['derivative, tree', (r) => r.derivative.tree],
        ['derivative, DAG', (r) => r.derivative.dag],
        ['simplified, tree', (r) => r.simplified.tree],
        ['simplified, DAG', (r) => r.simplified.dag],
        ['tape', (r) => r.tape],
      ];
      const rows = series.flatMap(([name, get]) => result.rows.flatMap((r) => (get(r) === null ? [] : [{ x: r.n, y: get(r)!, series: name }])));
      await writeSvg(svgPath, lineChart({ title: `Expression swell: ${table.formula}`, rows, xTitle: 'n', yTitle: 'nodes (log scale)', yLog: true, width: 560 }));
      result.svg = svg;
    }
    return result;
  },
  text: (r) => {
    const head = ['n', 'f tree', 'f DAG', 'd tree', 'd DAG', 'simp tree', 'simp DAG', 'tape', 'd tree/DAG'];
    const body = r.rows.map((x) => [
      String(x.n),
      String(x.f.tree),
      String(x.f.dag),
      String(x.derivative.tree),
      String(x.derivative.dag),
      String(x.simplified.tree),
      String(x.simplified.dag),
      x.tape === null ? 'n/a' : String(x.tape),
      ratio(x.derivative.tree / x.derivative.dag),
    ]);
    const w = head.map((h, j) => Math.max(h.length, ...body.map((row) => row[j]!.length)));
    const line = (row: readonly string[]): string => row.map((c, j) => c.padStart(w[j]!)).join('  ');
    const out = [`${r.family}: ${r.formula}`, 'd = the naive gradient (chain rule, no simplification); simp = after simplify; tape = reverse-mode nodes', ''];
    out.push(line(head), ...body.map(line));
    const notes = [...new Set(r.rows.flatMap((x) => (x.note ? [`n = ${x.n}: ${x.note}`] : [])))];
    if (notes.length > 0) out.push('', ...notes);
    if (r.svg !== undefined) out.push('', `wrote ${r.svg}`);
    return out.join('\n');
  },
});

function ratio(v: number): string {
  return v >= 1000 ? v.toExponential(1) : v.toFixed(1);
}
