// What an experiment returns: tables for people, figures for JSON, and a
// vega-lite plot the CLI renders to SVG.

import type { VegaLiteSpec } from '../../plot/vega.ts';

export type Cell = string | number;

export interface Table {
  readonly title?: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export interface ExperimentOptions {
  readonly seed?: number;
  /** Layer width (init, vanishing-gradients). */
  readonly width?: number;
  /** Number of layers (vanishing-gradients, init). */
  readonly depth?: number;
  /** Epochs (optimizers). */
  readonly epochs?: number;
  /** A smaller, faster version (for tests). */
  readonly quick?: boolean;
}

export interface ExperimentResult {
  readonly name: string;
  readonly title: string;
  readonly tables: readonly Table[];
  /** What the numbers show, in a sentence or two each. */
  readonly notes: readonly string[];
  /** The raw figures, for --json. */
  readonly figures: Record<string, unknown>;
  readonly plot: VegaLiteSpec;
}

export interface Experiment {
  readonly name: string;
  readonly summary: string;
  run(opts: ExperimentOptions): ExperimentResult | Promise<ExperimentResult>;
}

/** A number for a table: fixed digits for ordinary magnitudes, exponent form for tiny or huge ones. */
export function fmt(v: number, digits = 4): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e6) return v.toExponential(Math.max(1, digits - 2));
  return v.toFixed(digits);
}

/** A table as aligned text: first column left, the others right. */
export function formatTable(t: Table): string {
  const cells = [t.columns.map(String), ...t.rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)))];
  const len = (s: string): number => [...s].length; // code points: σ, ₃ and ∂ are one column each
  const widths = t.columns.map((_, j) => Math.max(...cells.map((r) => len(r[j] ?? ''))));
  const line = (r: readonly string[]): string =>
    r.map((c, j) => (j === 0 ? c + ' '.repeat(widths[j]! - len(c)) : ' '.repeat(widths[j]! - len(c)) + c)).join('  ').trimEnd();
  const out = [line(cells[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.slice(1).map(line)];
  return (t.title ? t.title + '\n' : '') + out.join('\n');
}
