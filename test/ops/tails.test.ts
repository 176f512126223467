// Issue 9, item 6: numerics at the edges, through every engine. References
// are 50-digit mpmath values from scripts/edge_refs.py (test/fixtures/edges.json).

import { describe, expect, it } from 'vitest';
import { answerLine } from '../../src/cli/batch.ts';
import { crossCheck } from '../../src/check/index.ts';
import { evaluate } from '../../src/expr/eval.ts';
import { bceGradient, bceWithLogits, lossAndGrad } from '../../src/nn/losses.ts';
import { parse } from '../../src/parse/index.ts';
import { printUnicode } from '../../src/expr/print.ts';
import { diff } from '../../src/symbolic/index.ts';
import * as forward from '../../src/forward/index.ts';
import * as reverse from '../../src/reverse/index.ts';
import edges from '../fixtures/edges.json' with { type: 'json' };

type Num = number | string;
const OPS = edges.ops as unknown as Record<string, { points: { x: Num[]; value?: Num; d?: Num[] }[] }>;

/** The reference row of op at x (one argument). */
function ref(op: string, x: number): { value: number; d: number } {
  const row = OPS[op]!.points.find((r) => r.x.length === 1 && r.x[0] === x);
  if (row === undefined) throw new Error(`no reference for ${op}(${x})`);
  return { value: Number(row.value), d: Number(row.d![0]) };
}

/** All four engines' ∂/∂x of `text` at x, checked against want to a few ulp. */
function everyEngine(text: string, x: number, want: number, rtol = 1e-14): void {
  const e = parse(text);
  const r = crossCheck(e, { x });
  for (const m of ['symbolic', 'forward', 'reverse'] as const) {
    const got = r.methods[m].gradient.x!;
    expect(Math.abs(got - want), `${m} d/dx ${text} at ${x} = ${got}, want ${want}`).toBeLessThanOrEqual(rtol * Math.abs(want));
  }
  expect(r.agree, r.problems.join('\n')).toBe(true);
}

describe('tails keep their digits in every engine', () => {
  it('σ′(40) = 4.25e−18 and σ′(30), σ′(−40) to a few ulp', () => {
    for (const x of [40, 30, -40]) everyEngine('σ(x)', x, ref('sigmoid', x).d);
    expect(ref('sigmoid', 40).d).toBeCloseTo(4.25e-18, 20);
  });
  it('tanh′(±30) = 3.5e−26', () => {
    for (const x of [30, -30]) everyEngine('tanh x', x, ref('tanh', x).d);
    expect(ref('tanh', 30).d / 3.5e-26).toBeCloseTo(1, 2);
  });
  it('gelu(−10) = −7.62e−23 and gelu(−5) to a few ulp; gelu′ there', () => {
    for (const x of [-10, -5]) {
      const { value, d } = ref('gelu', x);
      expect(Math.abs(evaluate(parse('gelu x'), { x }) - value)).toBeLessThanOrEqual(4e-15 * Math.abs(value));
      everyEngine('gelu x', x, d, 4e-14);
    }
    expect(ref('gelu', -10).value / -7.62e-23).toBeCloseTo(1, 2);
  });
  it('gelu\'s symbolic derivative is written with erfc', () => {
    expect(printUnicode(diff(parse('gelu x'), 'x'))).toMatch(/^erfc\(−x\/√2\)\/2 \+ /);
  });
  it('elu′(x) = 1 for x > 709 (not 0·∞ = NaN)', () => {
    for (const x of [709.5, 800, 1e300]) everyEngine('elu(x)', x, 1);
    everyEngine('elu(x, 2)', 800, 1);
  });
  it('erfc in every engine: erfc′(3) = −(2/√π)e⁻⁹', () => {
    everyEngine('erfc x', 3, ref('erfc', 3).d);
    everyEngine('erfc x', -1e-300, ref('erfc', -1e-300).d);
  });
});

describe('binary cross-entropy from the logit (src/nn/losses.ts)', () => {
  const p = edges.probes;
  it('at z = 40, y = 1 it is 4.25e−18, not 0, and its gradient −4.25e−18', () => {
    expect(bceWithLogits(40, 1)).toBeCloseTo(p.bce_40_1, 30);
    expect(bceWithLogits(40, 1) / p.bce_40_1).toBeCloseTo(1, 14);
    expect(bceGradient(40, 1) / p.bce_grad_40_1).toBeCloseTo(1, 14);
    const g = [0];
    expect(lossAndGrad('bce', [40], 1, g) / p.bce_40_1).toBeCloseTo(1, 14);
    expect(g[0]! / p.bce_grad_40_1).toBeCloseTo(1, 14);
  });
  it('at z = −40, y = 0 and at an ordinary point', () => {
    expect(bceWithLogits(-40, 0) / p['bce_-40_0']).toBeCloseTo(1, 14);
    expect(bceGradient(-40, 0) / p['bce_grad_-40_0']).toBeCloseTo(1, 14);
    expect(bceWithLogits(3, 0.25)).toBeCloseTo(p['bce_3_0.25'], 14);
    expect(bceGradient(3, 0.25)).toBeCloseTo(p['bce_grad_3_0.25'], 14);
  });
});

describe('the sign of a zero under a root', () => {
  it('d/dx √(−x) at 0 is −∞ in every engine, and so is d/dx √(0 − x)', () => {
    for (const text of ['√(−x)', '√(0 − x)', '√(−x + 0)']) {
      const r = crossCheck(parse(text), { x: 0 });
      for (const m of ['symbolic', 'forward', 'reverse'] as const) expect(r.methods[m].gradient.x, `${m} on ${text}`).toBe(-Infinity);
    }
  });
  it('d/dx √x at 0 is +∞ (sqrt′(0) = +∞), and √(−0) = +0', () => {
    const r = crossCheck(parse('√x'), { x: 0 });
    for (const m of ['symbolic', 'forward', 'reverse'] as const) expect(r.methods[m].gradient.x).toBe(Infinity);
    expect(Object.is(evaluate(parse('√x'), { x: -0 }), 0)).toBe(true);
  });
  it('diff "√x" --at x=0 gives +∞, not "division by zero"', async () => {
    const out = JSON.parse(await answerLine('{"cmd":"diff","expr":"√x","at":{"x":0}}')) as { value?: unknown; error?: unknown };
    expect(out.error).toBeUndefined();
    expect(out.value).toBe('Infinity');
  });
});

describe('0^(2^x + x³ + 2): derivative 0 where the exponent is positive, in every engine', () => {
  it('symbolic gives 0 (no ln 0), forward and reverse 0', () => {
    const e = parse('0^(2^x + x³ + 2)');
    expect(diff(e, 'x')).toBe(parse('0'));
    for (const x of [1, 0, -1, 2.5]) {
      // the exponent 2ˣ + x³ + 2 is 5, 3, 1.5, 22.3…: positive
      expect(forward.gradient(e, { x }).gradient.x).toBe(0);
      expect(reverse.gradient(e, { x }).gradient.x).toBe(0);
      const r = crossCheck(e, { x });
      expect(r.methods.symbolic.gradient.x).toBe(0);
      expect(r.agree, r.problems.join('\n')).toBe(true);
    }
  });
});
