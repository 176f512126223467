#!/usr/bin/env node
// Entry point for `npx difflab`: runs the compiled CLI in dist/ (built by
// `npm run build`, which `npm install` runs through `prepare`).
import { existsSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
if (!existsSync(new URL('cli/main.js', dist))) {
  process.stderr.write('difflab: dist/ is missing; run `npm run build` (npm install runs it)\n');
  process.exit(1);
}
const first = process.argv[2];
if (first === '--version' || first === '-V') {
  const { version } = await import(new URL('version.js', dist).href);
  process.stdout.write(version + '\n');
} else {
  await import(new URL('cli/main.js', dist).href);
}
