// Parse throughput on generated textbook expressions of 10², 10³, 10⁴ and
// 10⁵ characters, with the time ratio between successive sizes (linear
// parsing gives ≈10; the target is ≤ ~12). Also the deep and long shapes the
// tests exercise. Run alone with `npx tsx bench/parse.ts`.

import { fileURLToPath } from 'node:url';
import { parse } from '../src/parse/index.ts';
import { Rng } from '../src/nn/rng.ts';


const VARS = ['x', 'y', 'z', 'θ', 'x₁', 'w'];
const FUNCS = ['sin', 'cos', 'ln', 'exp', 'tanh', 'σ'];

/** One realistic term: coefficients, juxtaposition, powers, functions with and without parentheses, fractions. */
function term(r: () => number, depth: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const v = pick(VARS);
  const k = 1 + Math.floor(r() * 9);
  const inner = (): string => (depth > 0 && r() < 0.3 ? term(r, depth - 1) : `${v} + ${k}`);
  switch (Math.floor(r() * 10)) {
    case 0: return `${k}${v}²`;
    case 1: return `${pick(FUNCS)}(${inner()})`;
    case 2: return `${k} ${pick(FUNCS)} ${v}`;
    case 3: return `e^{−${v}²/${k}}`;
    case 4: return `(${inner()})/(1 + |${v}|)`;
    case 5: return `√(${v}² + ${k})`;
    case 6: return `${pick(FUNCS)}²${v} ${pick(VARS)}`;
    case 7: return `max(${v}, ${inner()})`;
    case 8: return `${v}^${k} ${pick(VARS)}^-1`;
    default: return `${k}.${k}·${v}(${inner()})`;
  }
}

/** A sum of realistic terms of at least `chars` characters. */
export function realistic(chars: number, seed = 1): string {
  const gen = new Rng(seed); // deterministic: every run parses the same text
  const r = (): number => gen.next();
  let s = term(r, 2);
  while (s.length < chars) s += (r() < 0.5 ? ' + ' : ' − ') + term(r, 2);
  return s;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median wall time of `runs` parses after `warm` warm-up parses, in ms. */
function time(input: string, runs: number, warm: number): number {
  for (let i = 0; i < warm; i++) parse(input);
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    parse(input);
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

const fmtMs = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
const fmtRate = (r: number): string => (r >= 1e6 ? `${(r / 1e6).toFixed(2)} M` : `${(r / 1e3).toFixed(0)} k`);

export async function benchParse(): Promise<string> {
  const lines: string[] = [];
  lines.push('parse throughput, generated realistic expressions (median after warm-up)');
  lines.push('');
  lines.push('     chars   runs    median ms      chars/s   ratio to previous size');
  let prev: number | undefined;
  for (const size of [1e2, 1e3, 1e4, 1e5]) {
    const input = realistic(size);
    const runs = size >= 1e5 ? 5 : size >= 1e4 ? 9 : 31;
    const ms = time(input, runs, size >= 1e5 ? 1 : 5);
    const ratio = prev === undefined ? '' : `×${(ms / prev).toFixed(1)}`;
    lines.push(`${String(input.length).padStart(10)}${String(runs).padStart(7)}${fmtMs(ms).padStart(13)}${fmtRate(input.length / (ms / 1000)).padStart(13)}   ${ratio}`);
    prev = ms;
  }
  lines.push('');
  lines.push('shapes (10⁵ repetitions, median of 3):');
  const N = 100_000;
  const shapes: readonly (readonly [string, string])[] = [
    ['x+x+…+x', Array.from({ length: N }, () => 'x').join('+')],
    ['((…(x)…))', '('.repeat(N) + 'x' + ')'.repeat(N)],
    ['x x x … x', Array.from({ length: N }, () => 'x').join(' ')],
    ['−−…−x', '−'.repeat(N) + 'x'],
  ];
  for (const [name, input] of shapes) {
    const ms = time(input, 3, 1);
    lines.push(`  ${name.padEnd(12)}${String(input.length).padStart(8)} chars ${fmtMs(ms).padStart(8)} ms ${fmtRate(input.length / (ms / 1000)).padStart(9)} chars/s`);
  }
  return lines.join('\n');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await benchParse());
}
