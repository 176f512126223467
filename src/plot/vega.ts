// Plots: vega-lite specs rendered headless to SVG. Loaded lazily by the
// commands that draw, so the REPL and the CLI start fast.

import { writeFile } from 'node:fs/promises';

/** A vega-lite specification (the library's own JSON schema). */
export type VegaLiteSpec = Record<string, unknown>;

/** Renders a vega-lite spec to an SVG string, without a browser. */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vl.compile({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', ...spec } as Parameters<typeof vl.compile>[0]);
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** Renders and writes an SVG file; returns the path. */
export async function writeSvg(path: string, spec: VegaLiteSpec): Promise<string> {
  await writeFile(path, await renderSvg(spec), 'utf8');
  return path;
}

/**
 * A line chart of one or more series, with optional log scales.
 * rows: [{ x, y, series }].
 */
export function lineChart(opts: {
  title: string;
  rows: readonly { x: number; y: number; series: string }[];
  xTitle: string;
  yTitle: string;
  xLog?: boolean;
  yLog?: boolean;
  width?: number;
  height?: number;
}): VegaLiteSpec {
  return {
    title: opts.title,
    width: opts.width ?? 480,
    height: opts.height ?? 300,
    data: { values: opts.rows.filter((r) => Number.isFinite(r.y) && (!opts.yLog || r.y > 0) && (!opts.xLog || r.x > 0)) },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: opts.xTitle, ...(opts.xLog ? { scale: { type: 'log' } } : {}) },
      y: { field: 'y', type: 'quantitative', title: opts.yTitle, ...(opts.yLog ? { scale: { type: 'log' } } : {}) },
      color: { field: 'series', type: 'nominal', title: null },
    },
  };
}
