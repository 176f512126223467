// Bundles the command line (src/cli/main.ts) into dist/cli/ with esbuild:
// a few files instead of a hundred modules, because a short CLI call spends
// most of its time loading modules. Dynamic imports stay separate chunks, so
// each command still loads only what it uses; packages stay external.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

const outdir = new URL('../dist/cli/', import.meta.url).pathname;
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: [new URL('../src/cli/main.ts', import.meta.url).pathname],
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
