// Measures the production build: gzipped sizes of what the page loads
// (everything but the Graphviz chunk, which loads on first use) and the time
// to first interaction in headless Chromium (navigation start to the first
// render with its results, median of several loads).
// Run after `npm run build:web`: npx tsx web/e2e/measure.ts

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { start } from './browser.ts';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const files = [join(dist, 'index.html'), ...readdirSync(join(dist, 'assets')).map((f) => join(dist, 'assets', f))];
const groups = new Map<string, { raw: number; gz: number }>();
for (const f of files) {
  const name = f.split('/').pop()!;
  const group = name.startsWith('viz-') ? 'graphviz (first use)' : name.startsWith('KaTeX_') ? 'KaTeX fonts' : name.includes('worker') ? 'workers' : name.endsWith('.css') ? 'css' : name.endsWith('.html') ? 'html' : 'page js';
  const bytes = readFileSync(f);
  const g = groups.get(group) ?? { raw: 0, gz: 0 };
  g.raw += bytes.length;
  g.gz += gzipSync(bytes).length;
  groups.set(group, g);
}
const kb = (n: number): string => `${(n / 1024).toFixed(1)} kB`;
let total = 0;
for (const [name, g] of groups) {
  console.log(`${name.padEnd(22)} ${kb(g.raw).padStart(10)}  gzip ${kb(g.gz).padStart(9)}`);
  if (!name.startsWith('graphviz')) total += g.gz;
}
console.log(`${'total without graphviz'.padEnd(22)} ${''.padStart(10)}  gzip ${kb(total).padStart(9)}`);

const s = await start();
const times: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = await s.newPage();
  await t.page.waitForFunction(() => performance.getEntriesByName('difflab:interactive').length > 0);
  times.push(await t.page.evaluate(() => performance.getEntriesByName('difflab:interactive')[0]!.startTime));
  await t.context.close();
}
await s.close();
times.sort((a, b) => a - b);
console.log(`time to first interaction: median ${times[2]!.toFixed(0)} ms (of ${times.map((x) => x.toFixed(0)).join(', ')} ms)`);
