// npm run bench [section…]: every benchmark, printed as tables with the
// ratios side by side. Sections: startup, parse, symbolic, simplify, engines, nn, memory.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sections: readonly (readonly [name: string, file: string, fn: string])[] = [
  ['startup', './startup.ts', 'benchStartup'],
  ['parse', './parse.ts', 'benchParse'],
  ['symbolic', './symbolic.ts', 'benchSymbolic'],
  ['simplify', './simplify.ts', 'benchSimplify'],
  ['engines', './engines.ts', 'benchEngines'],
  ['nn', './nn.ts', 'benchNn'],
  ['memory', './memory.ts', 'benchMemory'],
];

const wanted = process.argv.slice(2);
console.log(`difflab benchmarks — node ${process.version}, ${process.platform}/${process.arch}\n`);
for (const [name, file, fn] of sections) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  if (!existsSync(fileURLToPath(new URL(file, import.meta.url)))) continue;
  const mod = (await import(file)) as Record<string, () => Promise<string>>;
  const run = mod[fn];
  if (typeof run !== 'function') throw new Error(`${file} does not export ${fn}`);
  console.log(`## ${name}\n`);
  console.log(await run());
  console.log();
}
