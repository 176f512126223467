// Display bundles: difflab's results as Jupyter MIME bundles, so that every
// notebook (and any other front end that speaks MIME types) shows them the
// same way.
//
// A bundle maps MIME types to representations of one object; `text/plain` is
// always present. Expressions go out as `text/latex` (rendered without network
// access by Jupyter and by nbconvert's exporters), figures as SVG inside
// `text/html` with the `<?xml …?>` prolog and DOCTYPE stripped (nbconvert 6.5
// drops SVG shapes from `image/svg+xml` outputs in HTML and fails on the
// prolog), tables as HTML.
//
// Pure: no Node-only imports and no renderer, so the same module serves the
// web page; `plot` and `graph` take the SVG renderer from `difflab/render`.
// `show(sink, …)` is the glue for kernels whose display call takes one MIME
// type at a time (tslab's `display.raw`): it sends each bundle's preferred
// representation, in the order of `PREFERENCE`.

import type { Trace } from '../check/trace.ts';
import { fmt as traceNumber } from '../check/trace.ts';
import { graph as exprGraph } from '../check/graph.ts';
import type { Point } from '../expr/eval.ts';
import type { Expr } from '../expr/expr.ts';
import { printLatex, printUnicode } from '../expr/print.ts';
import { fmt as tableNumber, formatTable, type Table } from '../nn/experiments/types.ts';
import type { VegaLiteSpec } from '../plot/vega.ts';

/** The MIME types difflab produces. */
export type MimeType = 'text/plain' | 'text/html' | 'text/latex' | 'image/svg+xml';

/** One object's representations, by MIME type; `text/plain` is always there. */
export type MimeBundle = { readonly 'text/plain': string } & { readonly [K in Exclude<MimeType, 'text/plain'>]?: string };

/** The order in which `preferred` and `show` pick a representation (richest first, as JupyterLab ranks them). */
export const PREFERENCE: readonly MimeType[] = ['text/html', 'text/latex', 'image/svg+xml', 'text/plain'];

/** `&`, `<`, `>` and `"` as HTML entities. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text. */
export function text(s: string): MimeBundle {
  return { 'text/plain': s };
}

/** Preformatted text (aligned tables, traces) as HTML `<pre>`, with the text as its plain form. */
export function pre(s: string): MimeBundle {
  return { 'text/plain': s, 'text/html': `<pre>${escapeHtml(s)}</pre>` };
}

/** An HTML fragment and its plain-text stand-in. */
export function html(fragment: string, plain: string): MimeBundle {
  return { 'text/plain': plain, 'text/html': fragment };
}

/**
 * Display math. An expression is printed by difflab's LaTeX and Unicode
 * printers; a string is taken as LaTeX (give `plain` for its text form).
 * The LaTeX goes out between `$$ … $$`.
 */
export function math(e: Expr | string, plain?: string): MimeBundle {
  const tex = typeof e === 'string' ? e : printLatex(e);
  return { 'text/plain': plain ?? (typeof e === 'string' ? e : printUnicode(e)), 'text/latex': `$$${tex}$$` };
}

/** An equation `lhs = rhs`, each side an expression or LaTeX text. */
export function equation(lhs: Expr | string, rhs: Expr | string): MimeBundle {
  const tex = (x: Expr | string): string => (typeof x === 'string' ? x : printLatex(x));
  const uni = (x: Expr | string): string => (typeof x === 'string' ? x : printUnicode(x));
  return { 'text/plain': `${uni(lhs)} = ${uni(rhs)}`, 'text/latex': `$$${tex(lhs)} = ${tex(rhs)}$$` };
}

/**
 * An SVG document cut down to its `<svg>` element: the XML prolog, DOCTYPE
 * and comments before it are dropped. Throws if there is no `<svg` element.
 */
export function svgElement(svg: string): string {
  const start = svg.search(/<svg[\s>]/);
  if (start < 0) throw new TypeError('not an SVG document: no <svg> element');
  return svg.slice(start).trimEnd();
}

/** An SVG figure: `text/html` and `image/svg+xml` carry the bare `<svg>` element; `alt` is the plain form. */
export function svg(document: string, alt: string): MimeBundle {
  const el = svgElement(document);
  return { 'text/plain': alt, 'text/html': `<div class="difflab-figure">${el}</div>`, 'image/svg+xml': el };
}

/**
 * A vega-lite plot (as the experiments return), rendered to SVG by `render`:
 * pass `renderSvg` from `difflab/render` (the renderers stay out of the
 * main export, which loads no vega).
 */
export async function plot(spec: VegaLiteSpec, render: (spec: VegaLiteSpec) => Promise<string>, alt?: string): Promise<MimeBundle> {
  const title = typeof spec['title'] === 'string' ? spec['title'] : 'plot';
  return svg(await render(spec), alt ?? `[plot: ${title}]`);
}

/**
 * The computational graph of e at the point (values and adjoints on the
 * nodes), drawn by `render`: pass `renderDot` from `difflab/render` (Graphviz).
 */
export async function graph(e: Expr, point: Point, render: (dot: string) => Promise<string>): Promise<MimeBundle> {
  const g = exprGraph(e, point);
  return svg(await render(g.dot), `[graph of ${printUnicode(e)}: ${g.nodes.length} nodes, ${g.edges.length} edges]`);
}

function htmlTable(columns: readonly string[], rows: readonly (readonly string[])[], caption?: string, right?: readonly boolean[]): string {
  const cell = (tag: 'th' | 'td', c: string, j: number): string => `<${tag} style="text-align:${right?.[j] ? 'right' : 'left'}">${escapeHtml(c)}</${tag}>`;
  const head = `<tr>${columns.map((c, j) => cell('th', c, j)).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c, j) => cell('td', c, j)).join('')}</tr>`).join('');
  return `<table class="difflab-table">${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}<thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** Whether a cell reads as a number (digits, signs, exponents, %, ∞, NaN, n/a). */
function numeric(c: string | number): boolean {
  return typeof c === 'number' || /^[−+-]?(\d[\d,.]*(e[−+-]?\d+)?|∞|NaN|n\/a)( ?%)?$/.test(c.trim());
}

/**
 * A table (as the experiments produce): numbers formatted as `formatTable`
 * does; columns whose cells are all numbers are right-aligned, others left.
 */
export function table(t: Table): MimeBundle {
  const rows = t.rows.map((r) => r.map((c) => (typeof c === 'number' ? tableNumber(c) : c)));
  const right = t.columns.map((_, j) => t.rows.length > 0 && t.rows.every((r) => r[j] === undefined || numeric(r[j]!)));
  return { 'text/plain': formatTable(t), 'text/html': htmlTable(t.columns, rows, t.title, right) };
}

/**
 * An evaluation trace as tables in the style of Baydin et al. (Tables 2–3):
 * the primal trace, then the tangent trace (forward mode) or the adjoint
 * trace (reverse mode). `plain` is the trace's text form (from `traceText`).
 */
export function trace(t: Trace, plain: string): MimeBundle {
  const n = traceNumber;
  // a negative factor in a product is bracketed: 1 × (−1)
  const f = (v: number): string => (v < 0 ? `(${n(v)})` : n(v));
  const wrt = t.inputs.find((x) => x.name === t.wrt)?.label ?? t.wrt ?? '';
  const primal: string[][] = [
    ...t.inputs.map((x) => [`${x.v} = ${x.label}`, n(x.value)]),
    ...t.steps.map((s) => [`${s.v} = ${s.text}`, n(s.value)]),
    [`y = ${t.output}`, n(t.value)],
  ];
  const parts = [htmlTable(['forward primal trace', 'value'], primal, undefined, [false, true])];
  if (t.tangents) {
    // the tangent trace's labels are already dotted: v̇ᵢ
    const rows: string[][] = [
      ...t.tangents.inputs.map((x) => [x.v, n(x.value)]),
      ...t.tangents.steps.map((s) => [`${s.v} = ${s.terms.map((k) => `${f(k.partial)} × ${k.of}`).join(' + ') || '0'}`, n(s.value)]),
      [`ẏ = ∂y/∂${wrt}`, n(t.tangents.derivative)],
    ];
    parts.push(htmlTable([`forward tangent trace (${wrt} seeded with 1)`, 'value'], rows, undefined, [false, true]));
  }
  if (t.adjoints) {
    const rows: string[][] = t.adjoints.steps.map((s) => [
      `${s.target} = ${s.before === null ? '' : `${s.target} + `}${s.from} × ∂${s.from.replace('v̄', 'v')}/∂${s.target.replace('v̄', 'v')}`,
      `${s.before === null ? '' : `${n(s.before)} + `}${n(s.fromValue)} × ${f(s.partial)}`,
      n(s.value),
    ]);
    parts.push(htmlTable(['reverse adjoint trace (ȳ = 1)', 'numbers', 'value'], rows, undefined, [false, false, true]));
  }
  return { 'text/plain': plain, 'text/html': `<div class="difflab-trace" style="display:flex;gap:2em;flex-wrap:wrap;align-items:flex-start">${parts.join('')}</div>` };
}

/** A progress bar for a live display: `done` of `total`, with a label (no clock time, so it is reproducible). */
export function progress(done: number, total: number, label = ''): MimeBundle {
  const frac = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const width = 30;
  const filled = Math.round(frac * width);
  const plain = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${label ? ' ' + label : ''}`;
  return { 'text/plain': plain, 'text/html': `<div class="difflab-progress"><progress value="${done}" max="${total}"></progress> ${done}/${total}${label ? ' ' + escapeHtml(label) : ''}</div>` };
}

/** The bundle's first representation in `PREFERENCE` order. */
export function preferred(b: MimeBundle): { readonly type: MimeType; readonly data: string } {
  for (const type of PREFERENCE) {
    const data = b[type];
    if (data !== undefined) return { type, data };
  }
  return { type: 'text/plain', data: b['text/plain'] };
}

/** What a kernel's display call looks like: tslab's `display` and `newDisplay()` fit. */
export interface DisplaySink {
  raw(contentType: string, data: string): unknown;
}

/** Anything `show` accepts: a bundle, an expression (shown as math), or a string (plain text). */
export type Displayable = MimeBundle | Expr | string;

function isExpr(x: MimeBundle | Expr): x is Expr {
  return 'kind' in x && (x.kind === 'num' || x.kind === 'var' || x.kind === 'const' || x.kind === 'call');
}

/** The bundle for a displayable value. */
export function bundle(x: Displayable): MimeBundle {
  if (typeof x === 'string') return text(x);
  return isExpr(x) ? math(x) : x;
}

/**
 * Sends each item to the sink, one display output per item, in its
 * preferred representation. In a tslab notebook:
 * `import * as tslab from 'tslab'; display.show(tslab.display, display.math(e))`.
 */
export function show(sink: DisplaySink, ...items: readonly Displayable[]): void {
  for (const x of items) {
    const { type, data } = preferred(bundle(x));
    sink.raw(type, data);
  }
}

export { lineChart, type VegaLiteSpec } from '../plot/vega.ts';
