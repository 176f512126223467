import { describe, expect, it } from 'vitest';
import { lineChart } from '../../src/plot/vega.ts';
import { renderSvg } from '../../src/render/index.ts';

describe('plots render headless to SVG', () => {
  it('draws a log-scale line chart with one path per series', async () => {
    const rows = [1, 2, 3, 4].flatMap((n) => [
      { x: n, y: 10 ** n, series: 'tree' },
      { x: n, y: 3 * n, series: 'dag' },
    ]);
    const svg = await renderSvg(lineChart({ title: 'sizes', rows, xTitle: 'n', yTitle: 'nodes', yLog: true }));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('sizes');
    expect(svg.match(/<path[^>]*class="[^"]*"[^>]*aria-roledescription="line mark"/g)?.length ?? svg.split('line mark').length - 1).toBeGreaterThanOrEqual(2);
  });
});
