// Plots as vega-lite specifications: plain data, pure. Rendering to SVG
// (vega, loaded lazily) lives in `src/render/`; writing files in `src/node/`.

/** A vega-lite specification (the library's own JSON schema). */
export type VegaLiteSpec = Record<string, unknown>;

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
