// Zero tangents and zero adjoints at singular points (issue 9, item 7).
//
// The semantics is PyTorch's: a node that does not lie between the seeded
// input and the output contributes a structural zero, skipped however
// infinite its partials (x + √y at y = 0 has ∂/∂x = 1); a node that does lie
// on such a path passes its tangent or adjoint on even when it is exactly 0,
// so 0·∞ = NaN propagates and a singular point shows up as NaN rather than as
// a silent number. Forward mode (expression passes, linearized passes, dual
// numbers), reverse mode (the tape, define-by-run handles, forward-over-
// reverse) and the trace tables all follow it, so they agree bit for bit.
//
// The expected values are by hand: at each probe the chain rule's terms are
// written out in the comment.

import { describe, expect, it } from 'vitest';
import { crossCheck, forward, parse, reverse, trace } from '../../src/index.ts';
import { Tape } from '../../src/reverse/tape.ts';

interface Probe {
  readonly expr: string;
  readonly at: Record<string, number>;
  /** ∂f/∂v by hand under the semantics above. */
  readonly expect: Record<string, number>;
  readonly why: string;
}

const PROBES: readonly Probe[] = [
  { expr: 'x·√x', at: { x: 0 }, expect: { x: NaN }, why: '√x·1 + x·(1/(2√x)) = 0 + 0·∞' },
  { expr: 'ln(exp(x))', at: { x: 800 }, expect: { x: NaN }, why: 'e⁸⁰⁰ overflows: (1/∞)·∞ = 0·∞' },
  { expr: '√x', at: { x: 0 }, expect: { x: Infinity }, why: 'sqrt′(0) = +∞ (the registry convention)' },
  { expr: 'x + √y', at: { x: 1, y: 0 }, expect: { x: 1, y: Infinity }, why: '√y does not depend on x: a structural zero, skipped' },
  { expr: 'x·y + √y', at: { x: 2, y: 0 }, expect: { x: 0, y: Infinity }, why: '∂/∂x = y = 0, √y not on the path from x' },
  { expr: '√x·√x', at: { x: 0 }, expect: { x: NaN }, why: '∞·0 + 0·∞' },
  { expr: '√(x²)', at: { x: 0 }, expect: { x: NaN }, why: '(1/(2·0))·(2·0) = ∞·0' },
  { expr: 'relu(√x)', at: { x: 0 }, expect: { x: NaN }, why: "relu′(0) = 0, times sqrt′(0) = ∞" },
  { expr: 'relu(x − 1)·√x', at: { x: 0 }, expect: { x: NaN }, why: 'relu(−1)·∞ + √0·0 = 0·∞ + 0' },
  { expr: 'arcsin x', at: { x: 1 }, expect: { x: Infinity }, why: '1/√(1 − 1) = +∞' },
  { expr: '(1 − x)·arcsin x', at: { x: 1 }, expect: { x: NaN }, why: '−arcsin 1 + 0·∞' },
  { expr: 'x^y', at: { x: 0, y: 2 }, expect: { x: 0, y: 0 }, why: '2·0¹ = 0; 0ʸ ln 0 → 0 for y > 0 (the limit)' },
  { expr: 'x^y', at: { x: 0, y: 0 }, expect: { x: 0, y: NaN }, why: 'd/dx x⁰ = 0; d/dy 0ʸ has no limit at y = 0' },
  { expr: 'sin x + 0·√y', at: { x: 0, y: 0 }, expect: { x: 1, y: NaN }, why: 'cos 0 = 1; 0·(1/(2√0)) = 0·∞' },
  { expr: 'exp(x) − exp(x)', at: { x: 710 }, expect: { x: NaN }, why: 'e⁷¹⁰ = ∞: ∞ − ∞' },
];

function same(a: number | undefined, b: number): boolean {
  return a !== undefined && (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-15 * Math.abs(b));
}

describe('forward and reverse follow one semantics at singular points', () => {
  for (const p of PROBES) {
    it(`${p.expr} at ${JSON.stringify(p.at)}: ${p.why}`, () => {
      const e = parse(p.expr);
      const vars = Object.keys(p.expect);
      const results: [string, Record<string, number>][] = [
        ['forward', forward.gradient(e, p.at, vars).gradient],
        ['forward linearized', Object.fromEntries(vars.map((v, j) => [v, forward.jacobian(e, p.at, vars, { linearize: true }).jacobian[0]![j]!]))],
        ['reverse', reverse.gradient(e, p.at, vars).gradient],
        ['reverse (hvp sweep)', reverse.hvp(e, p.at, {}, vars).gradient],
        ['trace reverse', trace(e, p.at).adjoints!.gradient],
        ...vars.map((v): [string, Record<string, number>] => ['trace forward', { [v]: trace(e, p.at, { mode: 'forward', wrt: v }).tangents!.derivative }]),
      ];
      for (const [engine, g] of results) {
        for (const v of Object.keys(g)) {
          if (!(v in p.expect)) continue;
          expect(same(g[v], p.expect[v]!), `${engine} ∂/∂${v} = ${g[v]}, expected ${p.expect[v]}`).toBe(true);
        }
      }
    });
  }
});

describe('where two infinite terms meet, the order of the sum shows (as in PyTorch)', () => {
  it('2√x − √x at 0: forward adds 2·∞ − ∞ = NaN, reverse multiplies (2 − 1)·∞ = ∞, and check says so', () => {
    const e = parse('2√x − √x');
    expect(forward.gradient(e, { x: 0 }).gradient.x).toBeNaN();
    expect(reverse.gradient(e, { x: 0 }).gradient.x).toBe(Infinity);
    const r = crossCheck(e, { x: 0 });
    expect(r.agree).toBe(false);
    expect(r.problems.join('\n')).toMatch(/forward ∂\/∂x = NaN against reverse mode's Infinity/);
  });
});

describe('the tape: a node off every path is skipped, a node on a path passes its 0', () => {
  it('√x recorded but unused does not poison x; used behind a 0 it gives NaN', () => {
    const t = new Tape();
    const x = t.leaf(0);
    const c = t.leaf(5);
    const s = t.apply('sqrt', [x]); // ∂/∂x = +∞
    const unused = t.apply('mul', [s, c]);
    const y = t.apply('add', [c, x]);
    t.backward(y);
    expect(t.grad(x)).toBe(1); // √x and 5√x have no path to y
    expect(t.grad(unused)).toBe(0);
    const z = t.apply('mul', [x, s]); // x·√x: ∂/∂x = √x·1 + x·∞ = 0 + 0·∞
    t.backward(z);
    expect(t.grad(x)).toBeNaN();
    t.backward(y); // the sweep starts afresh each time
    expect(t.grad(x)).toBe(1);
    t.backwardMany([y, z], [1, 0]); // a seed of 0 on z still puts z on a path: 0·∞
    expect(t.grad(x)).toBeNaN();
  });
  it('where every zero-adjoint node has finite partials the fast sweep is the answer', () => {
    const t = new Tape();
    const x = t.leaf(-1);
    const r = t.apply('relu', [x]); // adjoint of x through relu: 0
    const y = t.apply('mul', [r, t.leaf(3)]);
    t.backward(y);
    expect(Object.is(t.grad(x), 0)).toBe(true);
  });
});

describe('dual numbers and define-by-run handles follow it too', () => {
  it('x·√x at 0 is NaN by dual numbers and by the tape of Value handles', () => {
    const { ops } = forward;
    expect(forward.derivative((x) => ops.mul(x, ops.sqrt(x)))(0)).toBeNaN();
    expect(reverse.grad(([x]) => x!.mul(x!.sqrt()))([0])[0]).toBeNaN();
  });
  it('ln(eˣ) at 800 is NaN by dual numbers and by Value handles', () => {
    const { ops } = forward;
    expect(forward.derivative((x) => ops.ln(ops.exp(x)))(800)).toBeNaN();
    expect(reverse.grad(([x]) => x!.exp().ln())([800])[0]).toBeNaN();
  });
  it('an argument that does not carry the perturbation is skipped: x + √y at y = 0', () => {
    const { ops } = forward;
    expect(forward.grad(([x, y]) => ops.add(x!, ops.sqrt(y!)))([1, 0])).toEqual([1, Infinity]);
    expect(forward.derivative((x) => ops.add(x, ops.sqrt(0)))(5)).toBe(1);
    expect(reverse.grad(([x, y]) => x!.add(y!.sqrt()))([1, 0])).toEqual([1, Infinity]);
  });
  it('nested derivatives still work: d²/dx² x³ at 2 = 12', () => {
    const { ops } = forward;
    expect(forward.derivative((x) => ops.pow(x, 3), 2)(2)).toBe(12);
  });
});

describe('the cross-check reports a singular point instead of agreeing on a wrong number', () => {
  it('ln(exp(x)) at 800: the engines give NaN, the simplified symbolic derivative 1; DISAGREE', () => {
    const r = crossCheck(parse('ln(exp(x))'), { x: 800 });
    expect(r.methods.reverse.gradient.x).toBeNaN();
    expect(r.methods.forward.gradient.x).toBeNaN();
    expect(r.agree).toBe(false);
  });
  it('x·√x at 0: forward and reverse agree with each other (NaN)', () => {
    const r = crossCheck(parse('x·√x'), { x: 0 });
    expect(r.methods.reverse.gradient.x).toBeNaN();
    expect(r.methods.forward.gradient.x).toBeNaN();
    expect(r.problems.some((p) => p.startsWith('forward'))).toBe(false);
    expect(r.notes.join('\n')).toMatch(/∂f\/∂x is NaN in forward and reverse mode: the chain rule meets 0·∞/);
  });
});
