// Memory: what difflab holds after work the caller has let go of.
//   1. heap after GC after 10⁵ distinct parses (nothing kept by the caller);
//   2. peak RSS of a batch stream of 10⁴ distinct requests.
// Each runs in a fresh Node process (--expose-gc), so one does not inherit the
// other's heap. Run alone with `npx tsx bench/memory.ts [root]`, where root is
// a checkout to measure (default this one; give another to compare).

import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MB = 1024 * 1024;

/** Runs `code` (an ES module body) in a fresh node with tsx and --expose-gc; returns its stdout JSON. */
function child(code: string, root: string): Record<string, number> {
  const tsx = import.meta.resolve('tsx/esm/api');
  const script = `import(${JSON.stringify(tsx)}).then((m) => m.register()).then(async () => { const root = ${JSON.stringify(pathToFileURL(root + '/').href)}; ${code} })`;
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
}

const PARSES = `
  const { parse } = await import(new URL('src/parse/index.ts', root).href);
  const { internedCount } = await import(new URL('src/expr/expr.ts', root).href);
  const gc = globalThis.gc;
  gc(); gc();
  const before = process.memoryUsage().heapUsed;
  const t = performance.now();
  for (let i = 0; i < 100000; i++) parse('x^2 + ' + i + 'y + sin(' + (i % 977) + 'z + ' + i + ')');
  const ms = performance.now() - t;
  // Collect, let the finalizers remove dead entries, collect what they freed.
  for (let k = 0; k < 3; k++) { gc(); await new Promise((r) => setTimeout(r, 100)); }
  const after = process.memoryUsage().heapUsed;
  console.log(JSON.stringify({ heapMB: (after - before) / ${MB}, interned: internedCount(), ms }));
`;

const BATCH = `
  const { Readable, Writable } = await import('node:stream');
  const { runBatch } = await import(new URL('src/cli/batch.ts', root).href);
  const lines = [];
  for (let i = 0; i < Number(process.env.BATCH_N ?? 10000); i++) lines.push(JSON.stringify({ cmd: i % 2 ? 'diff' : 'eval', expr: 'sin(' + i + 'x) + x^' + (i % 13) + ' y + ln(' + i + ' + x)', at: { x: 0.5, y: 2 } }));
  const input = Readable.from(lines.map((l) => l + '\\n'));
  let bytes = 0;
  const output = new Writable({ write(chunk, _e, cb) { bytes += chunk.length; cb(); } });
  const t = performance.now();
  await runBatch(input, output);
  const ms = performance.now() - t;
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  for (let k = 0; k < 3; k++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 100)); }
  console.log(JSON.stringify({ peakRssMB, heapAfterMB: process.memoryUsage().heapUsed / ${MB}, ms, bytes }));
`;

export async function benchMemory(root = fileURLToPath(new URL('..', import.meta.url))): Promise<string> {
  const p = child(PARSES, root);
  const b = child(BATCH, root);
  return [
    'measure                                         value',
    `heap after GC, 10⁵ distinct parses (MB)        ${p.heapMB!.toFixed(1)}`,
    `  nodes still in the intern table               ${p.interned}`,
    `  parse time (ms)                               ${p.ms!.toFixed(0)}`,
    `batch of 10⁴ requests: peak RSS (MB)            ${b.peakRssMB!.toFixed(0)}`,
    `  heap after GC at the end (MB)                 ${b.heapAfterMB!.toFixed(1)}`,
    `  batch time (ms)                               ${b.ms!.toFixed(0)}`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await benchMemory(process.argv[2]));
