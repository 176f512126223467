// Renderers: vega-lite specs and Graphviz DOT to SVG strings. Pure (no file
// access, no `node:` import) and browser-capable, but heavy: vega, vega-lite
// and Graphviz's WebAssembly load on first use, so the core never pulls
// them in. Published as `difflab/render`.

export { renderSvg } from './vega.ts';
export { renderDot } from './graphviz.ts';
