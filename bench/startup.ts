// CLI start-up: `difflab eval "x+1" --at x=1` (compiled JavaScript in dist/)
// against `node -e 1`, run in turn so both see the same machine.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/difflab.js', import.meta.url));

function once(args: readonly string[]): number {
  const t = performance.now();
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  return performance.now() - t;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchStartup(): Promise<string> {
  if (!existsSync(fileURLToPath(new URL('../dist/cli/main.js', import.meta.url)))) return 'dist/ is missing: run npm run build first';
  const cases: readonly (readonly [string, readonly string[]])[] = [
    ['node -e 1', ['-e', '1']],
    ['difflab --version', [BIN, '--version']],
    ['difflab eval "x+1" --at x=1', [BIN, 'eval', 'x+1', '--at', 'x=1']],
    ['difflab diff "sin x²"', [BIN, 'diff', 'sin x²']],
    ['difflab repl --help', [BIN, 'repl', '--help']],
  ];
  const times = cases.map(() => [] as number[]);
  for (let r = 0; r < 21; r++) cases.forEach(([, args], i) => times[i]!.push(once(args)));
  const base = median(times[0]!);
  const rows = cases.map(([name], i) => `| ${name} | ${median(times[i]!).toFixed(0)} ms | ${(median(times[i]!) / base).toFixed(2)}× |`);
  return [`median of 21 runs each, interleaved; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`, '', '| command | wall | against node -e 1 |', '|---|---|---|', ...rows].join('\n');
}
