/** Renders DOT to SVG with Graphviz (WebAssembly, loaded on first use). */
export async function renderDot(dot: string): Promise<string> {
  const { instance } = await import('@viz-js/viz');
  const viz = await instance();
  return viz.renderString(dot, { format: 'svg', engine: 'dot' });
}
