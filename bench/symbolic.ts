// npm run bench -- symbolic: difflab's diff + simplify against math.js's
// derivative + simplify on the same inputs (the logistic map of Baydin et al.
// and random expressions), with timings and output sizes side by side, and
// the swell of the logistic map up to n = 20.

import { create, all, type MathNode } from 'mathjs';
import { call, num, variable, type Expr } from '../src/expr/expr.ts';
import { evaluate } from '../src/expr/eval.ts';
import { printAscii } from '../src/expr/print.ts';
import { treeSize } from '../src/expr/traverse.ts';
import { Rng } from '../src/nn/rng.ts';
import type { OpName } from '../src/ops/index.ts';
import { tapeFromExpr } from '../src/reverse/index.ts';
import { diff, swell, swellFamily } from '../src/symbolic/index.ts';
import { medianTime } from './timing.ts';

const math = create(all);

const time = <T>(f: () => T): { ms: number; out: T } => medianTime(f, 150);

/** Nodes of a math.js tree, counted like ours: a function call is one node (its name is not a child), parentheses are not nodes. */
function mathSize(n: MathNode): number {
  let c = 0;
  n.traverse((node, path) => {
    if (node.type !== 'ParenthesisNode' && path !== 'fn') c++;
  });
  return c;
}

/** math.js spells ln as log; every other op used here has the same name. */
const toMath = (e: Expr): string => printAscii(e).replace(/\bln\(/g, 'log(');

const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(3));
const ratio = (a: number, b: number): string => (b === 0 ? '—' : `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×`);

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const w = head.map((h, j) => Math.max([...h].length, ...rows.map((r) => [...r[j]!].length)));
  const line = (r: readonly string[]): string => r.map((c, j) => (j === 0 ? c.padEnd(w[j]!) : c.padStart(w[j]!))).join('  ');
  return [line(head), line(head.map((_, j) => '─'.repeat(w[j]!))), ...rows.map(line)].join('\n');
}

/** Random expressions in x over the ops both systems differentiate, seeded. */
function randomExpressions(count: number, seed: number): Expr[] {
  const rng = new Rng(seed);
  const rand = (): number => rng.next();
  const unary: OpName[] = ['sin', 'cos', 'exp', 'ln', 'sqrt', 'tanh', 'atan'];
  const binary: OpName[] = ['add', 'sub', 'mul', 'div', 'add', 'mul'];
  const x = variable('x');
  const gen = (d: number): Expr => {
    const r = rand();
    if (d === 0 || r < 0.15) return rand() < 0.7 ? x : num(1 + Math.floor(rand() * 4));
    if (r < 0.4) return call(unary[Math.floor(rand() * unary.length)]!, [gen(d - 1)]);
    if (r < 0.5) return call('pow', [gen(d - 1), num(2 + Math.floor(rand() * 2))]);
    return call(binary[Math.floor(rand() * binary.length)]!, [gen(d - 1), gen(d - 1)]);
  };
  const out: Expr[] = [];
  while (out.length < count) {
    const e = gen(5);
    if (treeSize(e) >= 8) out.push(e);
  }
  return out;
}

/** Do two derivatives agree at a few points where both are defined? */
function agree(ours: Expr, theirs: MathNode): boolean {
  const f = theirs.compile();
  for (const x of [0.3, 0.7, 1.3, 2.1]) {
    const a = evaluate(ours, { x }, { strict: false });
    const b = Number(f.evaluate({ x }));
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (Math.abs(a - b) > 1e-8 * Math.max(1, Math.abs(b))) return false;
  }
  return true;
}

export async function benchSymbolic(): Promise<string> {
  const out: string[] = [];

  // 1. The logistic map, n = 3…9.
  out.push('Logistic map lₙ (l₁ = x, lₙ₊₁ = 4lₙ(1 − lₙ)): d/dx, simplified. Sizes are tree nodes of the output.');
  out.push('math.js: derivative(…, "x") (which simplifies); run while the previous n took under 8 s (it grows about 4× a step).');
  const rows: string[][] = [];
  let mathTooSlow = false;
  for (let n = 3; n <= 9; n++) {
    const l = swellFamily('logistic').build(n);
    const ours = time(() => diff(l, 'x'));
    const naive = time(() => diff(l, 'x', 1, { simplify: false }));
    const node = math.parse(toMath(l));
    const mjRaw = time(() => math.derivative(node, 'x', { simplify: false }));
    let mj: { ms: number; out: MathNode } | undefined;
    if (!mathTooSlow) {
      mj = time(() => math.derivative(node, 'x'));
      if (mj.ms > 8000) mathTooSlow = true;
    }
    rows.push([
      `n = ${n}`,
      String(treeSize(l)),
      String(treeSize(naive.out)),
      String(mathSize(mjRaw.out)),
      fmt(ours.ms),
      String(treeSize(ours.out)),
      mj ? fmt(mj.ms) : 'not run',
      mj ? String(mathSize(mj.out)) : '—',
      mj ? ratio(mj.ms, ours.ms) : '—',
      mj ? ratio(mathSize(mj.out), treeSize(ours.out)) : '—',
      mj ? (agree(ours.out, mj.out) ? 'yes' : 'NO') : '—',
    ]);
  }
  out.push(
    table(['input', 'f size', 'naive d (difflab)', 'naive d (math.js)', 'difflab ms', 'difflab size', 'math.js ms', 'math.js size', 'time ratio', 'size ratio', 'agree'], rows),
    '',
  );

  // 2. Random expressions.
  const exprs = randomExpressions(40, 20261123);
  let oursMs = 0;
  let mjMs = 0;
  let oursSize = 0;
  let mjSize = 0;
  let inSize = 0;
  let agreed = 0;
  const failures = new Map<string, number>();
  for (const e of exprs) {
    const node = math.parse(toMath(e));
    let mj: { ms: number; out: MathNode };
    try {
      mj = time(() => math.derivative(node, 'x'));
    } catch (err) {
      // Compared only where both systems give an answer.
      const m = err instanceof Error ? err.message : String(err);
      failures.set(m, (failures.get(m) ?? 0) + 1);
      continue;
    }
    const ours = time(() => diff(e, 'x'));
    inSize += treeSize(e);
    oursMs += ours.ms;
    mjMs += mj.ms;
    oursSize += treeSize(ours.out);
    mjSize += mathSize(mj.out);
    if (agree(ours.out, mj.out)) agreed++;
  }
  const compared = exprs.length - [...failures.values()].reduce((a, b) => a + b, 0);
  out.push(`${compared} random expressions in x (depth ≤ 5 over + − · / ^ sin cos exp ln √ tanh arctan; ${inSize} input nodes in all): d/dx, simplified.`);
  for (const [m, k] of failures) out.push(`(math.js failed on ${k} more: "${m}"; left out of both columns)`);
  out.push(
    table(
      ['system', 'total ms', 'mean ms', 'output nodes'],
      [
        ['difflab diff', fmt(oursMs), fmt(oursMs / compared), String(oursSize)],
        ['math.js derivative', fmt(mjMs), fmt(mjMs / compared), String(mjSize)],
        ['ratio math.js/difflab', ratio(mjMs, oursMs), '', ratio(mjSize, oursSize)],
      ],
    ),
    `derivatives agree at 4 points: ${agreed}/${compared}`,
    '',
  );

  // 4. Swell up to n = 20, counted on the DAG.
  const t = time(() => swell('logistic', 20, { tape: (f) => tapeFromExpr([f]).length }));
  const r20 = t.out.rows[19]!;
  out.push(`Swell of the logistic map, n = 1…20, all sizes counted on the DAG: ${fmt(t.ms)} ms for the whole table.`);
  out.push(
    table(
      ['n = 20', 'tree', 'DAG', 'tree/DAG'],
      [
        ['f', String(r20.f.tree), String(r20.f.dag), ratio(r20.f.tree, r20.f.dag)],
        ['naive derivative', String(r20.derivative.tree), String(r20.derivative.dag), ratio(r20.derivative.tree, r20.derivative.dag)],
        ['simplified derivative', String(r20.simplified.tree), String(r20.simplified.dag), ratio(r20.simplified.tree, r20.simplified.dag)],
        ['reverse-mode tape', '', String(r20.tape), ''],
      ],
    ),
  );
  return out.join('\n');
}
