// Bundles the command line (src/cli/main.ts) into dist/cli/ with esbuild:
// a few files instead of a hundred modules, because a short CLI call spends
// most of its time loading modules. Dynamic imports stay separate chunks, so
// each command still loads only what it uses; packages stay external.
import { build } from 'esbuild';
import { readdir, readFile, rm } from 'node:fs/promises';

const outdir = new URL('../dist/cli/', import.meta.url).pathname;
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    main: new URL('../src/cli/main.ts', import.meta.url).pathname,
    // the REPL's worker thread, loaded by src/cli/repl/runner.ts as ./worker.js beside the chunk that holds it
    'chunks/worker': new URL('../src/cli/repl/worker.ts', import.meta.url).pathname,
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});

// runner.ts finds the worker beside itself: it must sit in the same folder as the worker.
const chunks = await readdir(new URL('chunks/', `file://${outdir}`));
const runner = [];
for (const f of chunks.filter((c) => c.endsWith('.js'))) if ((await readFile(new URL(`chunks/${f}`, `file://${outdir}`), 'utf8')).includes('WorkerRunner')) runner.push(f);
if (runner.length !== 1 || !chunks.includes('worker.js')) throw new Error(`build-cli: expected the REPL's runner and worker side by side in dist/cli/chunks, found runner in ${JSON.stringify(runner)}`);
