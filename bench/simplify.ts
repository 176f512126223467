// npm run bench -- simplify: the simplification-quality table. difflab's
// simplified derivatives against SymPy's on a fixed corpus (first derivatives
// of textbook functions, quotients that need cancelling, sums that need
// factoring, higher orders), size in operators and time side by side.
//
// SymPy's figures come from a fixture written once by scripts/sympy_simplify_sizes.py
// (SymPy 1.11.1): each of its forms is stored as SymPy prints it and read back
// here by difflab's parser, so both sides are counted by the same
// `operatorCount` (sympy.count_ops is in the fixture too, for reference: it
// counts √x as x^(1/2), two operators, where we count one).

import { readFileSync } from 'node:fs';
import { parse } from '../src/parse/index.ts';
import { diff } from '../src/symbolic/index.ts';
import { operatorCount } from '../src/symbolic/size.ts';
import { evaluate } from '../src/expr/eval.ts';
import type { Expr } from '../src/expr/expr.ts';
import { medianTime } from './timing.ts';

interface Form {
  readonly text: string;
  readonly count_ops: number;
  readonly ms: number;
}
interface Case {
  readonly group: string;
  readonly input: string;
  readonly wrt: string;
  readonly order: number;
  readonly forms: Readonly<Record<'diff' | 'expand' | 'cancel' | 'factor' | 'simplify', Form>>;
}
interface Fixture {
  readonly sympy: string;
  readonly cases: readonly Case[];
}

const time = <T>(f: () => T): { ms: number; out: T } => medianTime(f, 100);

const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(2));
const ratio = (a: number, b: number): string => (b === 0 ? (a === 0 ? '1.0×' : '∞') : `${(a / b).toFixed(2)}×`);

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const w = head.map((h, j) => Math.max([...h].length, ...rows.map((r) => [...r[j]!].length)));
  const line = (r: readonly string[]): string => r.map((c, j) => (j <= 1 ? c.padEnd(w[j]!) : c.padStart(w[j]!))).join('  ');
  return [line(head), line(head.map((_, j) => '─'.repeat(w[j]!))), ...rows.map(line)].join('\n');
}

/** SymPy's printed form in difflab's notation: E is e; everything else (**, exp, log, sqrt, atan) parses as it is. */
const readSympy = (text: string): Expr => parse(text.replace(/\bE\b/g, 'e'));

/** Do the two results agree at a few points (where both are defined)? */
function agree(a: Expr, b: Expr): boolean {
  let compared = 0;
  for (const [x, y, z] of [[0.7, 1.3, 0.9], [1.9, -0.6, 2.3], [2.6, 0.4, -1.7]] as const) {
    let u: number;
    let v: number;
    try {
      u = evaluate(a, { x, y, z }, { strict: false });
      v = evaluate(b, { x, y, z }, { strict: false });
    } catch {
      continue;
    }
    if (!Number.isFinite(u) || !Number.isFinite(v)) continue;
    compared++;
    if (Math.abs(u - v) > 1e-9 * Math.max(1, Math.abs(v))) return false;
  }
  return compared > 0;
}

export async function benchSimplify(): Promise<string> {
  const fixture = JSON.parse(readFileSync(new URL('./fixtures/sympy_simplify_sizes.json', import.meta.url), 'utf8')) as Fixture;
  const rows: string[][] = [];
  let ours = 0;
  let theirs = 0;
  let best = 0;
  let oursMs = 0;
  let theirsMs = 0;
  let worst = 0;
  let worstCase = '';
  const disagree: string[] = [];
  for (const c of fixture.cases) {
    const f = parse(c.input);
    const d = time(() => diff(f, c.wrt, c.order));
    const size = operatorCount(d.out);
    const sym = readSympy(c.forms.diff.text);
    const symSize = operatorCount(sym);
    // SymPy's smallest form, and which rewrite gave it.
    let bestName = 'diff';
    let bestSize = symSize;
    for (const [name, form] of Object.entries(c.forms)) {
      const s = operatorCount(readSympy(form.text));
      if (s < bestSize) [bestName, bestSize] = [name, s];
    }
    if (!agree(d.out, sym)) disagree.push(c.input);
    ours += size;
    theirs += symSize;
    best += bestSize;
    oursMs += d.ms;
    theirsMs += c.forms.diff.ms;
    const r = size / Math.max(1, symSize);
    if (r > worst) [worst, worstCase] = [r, `${c.input} (order ${c.order})`];
    const name = c.order === 1 ? `∂/∂${c.wrt} ${c.input}` : `∂${sup(c.order)}/∂${c.wrt}${sup(c.order)} ${c.input}`;
    rows.push([c.group, name, String(size), String(symSize), ratio(size, symSize), `${bestSize} ${bestName}`, ratio(size, bestSize), fmt(d.ms), fmt(c.forms.diff.ms), fmt(c.forms[bestName as keyof Case['forms']].ms)]);
  }
  rows.push(['', 'total', String(ours), String(theirs), ratio(ours, theirs), String(best), ratio(ours, best), fmt(oursMs), fmt(theirsMs), '']);
  return [
    `Simplification quality: size in operators (a + b + c is 2, −x, sin x, √x are 1 each; counted alike on both sides) of difflab's`,
    `diff against SymPy ${fixture.sympy}'s diff (its automatic form) and against the smallest of SymPy's expand, cancel, factor, simplify`,
    `of it. Times in ms: difflab parse-free diff + simplify (median); SymPy from the fixture (cache cleared, diff plus the rewrite).`,
    table(['group', 'derivative', 'difflab', 'SymPy diff', 'ratio', 'SymPy smallest', 'ratio', 'difflab ms', 'SymPy ms', 'smallest ms'], rows),
    `largest ratio to SymPy's diff: ${worst.toFixed(2)}× on ${worstCase}; results agree in value at 3 points: ${rows.length - 1 - disagree.length}/${rows.length - 1}${disagree.length > 0 ? ` (not: ${disagree.join('; ')})` : ''}`,
  ].join('\n');
}

function sup(n: number): string {
  return String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!);
}
