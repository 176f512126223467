// The functions of issue 13 against mpmath (scripts/function_refs.py, 50
// digits): values, numeric partials and symbolic rules. The registry test
// checks the same partials and rules against central differences at random
// points; here the points are chosen where float arithmetic is hard (near 0,
// at 1e±200, on exact powers of a base).
import { describe, expect, it } from 'vitest';
import refs from '../fixtures/functions.json' with { type: 'json' };
import { call, variable, type Expr } from '../../src/expr/expr.ts';
import { evaluate } from '../../src/expr/eval.ts';
import { rawKit } from '../../src/expr/kit.ts';
import { isOpName, opDef, type OpName } from '../../src/ops/index.ts';

interface Case {
  op: string;
  args: number[];
  value: number;
  partials: number[];
}
const cases = refs as Case[];

const rel = (got: number, want: number): number => (got === want ? 0 : Math.abs(got - want) / Math.max(Math.abs(want), 1e-300));
const label = (c: Case): string => `${c.op}(${c.args.join(', ')})`;

describe('values agree with mpmath to a few ulps', () => {
  it.each(cases.map((c) => [label(c), c] as const))('%s', (_l, c) => {
    expect(isOpName(c.op)).toBe(true);
    const def = opDef(c.op as OpName);
    expect(def.domain?.(c.args)).toBeUndefined();
    const y = def.eval(c.args);
    // values near 0 (sinc′ at 0, frac) compare absolutely
    if (Math.abs(c.value) < 1e-300) expect(Math.abs(y)).toBeLessThan(1e-300);
    else expect(rel(y, c.value), `${y} vs ${c.value}`).toBeLessThan(4e-15);
  });
});

describe('numeric partials agree with mpmath', () => {
  it.each(cases.map((c) => [label(c), c] as const))('%s', (_l, c) => {
    const def = opDef(c.op as OpName);
    const d: number[] = new Array<number>(c.args.length).fill(NaN);
    def.partials(c.args, def.eval(c.args), d);
    c.partials.forEach((want, i) => {
      if (Math.abs(want) < 1e-12) expect(Math.abs(d[i]!), `∂${i}: ${d[i]} vs ${want}`).toBeLessThan(1e-12);
      else expect(rel(d[i]!, want), `∂${i}: ${d[i]} vs ${want}`).toBeLessThan(1e-12);
    });
  });
});

describe('symbolic rules agree with mpmath (textbook forms: arguments below 1e100)', () => {
  const moderate = cases.filter((c) => c.args.every((a) => Math.abs(a) < 1e100) && !(c.op === 'dsinc' && c.args[0] === 0));
  it.each(moderate.map((c) => [label(c), c] as const))('%s', (_l, c) => {
    const def = opDef(c.op as OpName);
    const vars = c.args.map((_, i) => variable(`x${i + 1}`));
    const node = call(c.op as OpName, vars);
    const point = Object.fromEntries(vars.map((v, i) => [v.name, c.args[i]!]));
    c.partials.forEach((want, i) => {
      const got = evaluate(def.derivative(vars, node, i, rawKit), point, { strict: false });
      if (Math.abs(want) < 1e-12) expect(Math.abs(got), `∂${i}: ${got} vs ${want}`).toBeLessThan(1e-12);
      else expect(rel(got, want), `∂${i}: ${got} vs ${want}`).toBeLessThan(1e-11);
    });
  });
  it('sinc′ is exactly 0 at 0, numerically and symbolically (the rule is the op dsinc, not a quotient)', () => {
    const x = variable('x');
    const rule = opDef('sinc').derivative([x], call('sinc', [x]), 0, rawKit);
    expect(evaluate(rule, { x: 0 })).toBe(0);
    const d = [NaN];
    opDef('sinc').partials([0], 1, d);
    expect(d[0]).toBe(0);
  });
  it('sinc″ at 0 is −1/3 numerically; its symbolic form divides by x and refuses 0 instead of returning a number', () => {
    const x = variable('x');
    const d = [NaN];
    opDef('dsinc').partials([0], 0, d);
    expect(d[0]).toBeCloseTo(-1 / 3, 15);
    const rule = opDef('dsinc').derivative([x], call('dsinc', [x]), 0, rawKit);
    expect(() => evaluate(rule, { x: 0 })).toThrow(/division by zero/);
  });
});

describe('max and min take any number of arguments and split ties evenly', () => {
  const partials = (op: OpName, x: number[]): number[] => {
    const d: number[] = new Array<number>(x.length).fill(NaN);
    opDef(op).partials(x, opDef(op).eval(x), d);
    return d;
  };
  const symbolic = (op: OpName, x: number[]): number[] => {
    const vars: Expr[] = x.map((_, i) => variable(`x${i + 1}`));
    const point = Object.fromEntries(x.map((v, i) => [`x${i + 1}`, v]));
    return x.map((_, i) => evaluate(opDef(op).derivative(vars, call(op, vars), i, rawKit), point));
  };
  it('max(a, b, c) is the largest', () => {
    expect(opDef('max').eval([1, 7, 3])).toBe(7);
    expect(opDef('min').eval([1, 7, -3, 2])).toBe(-3);
  });
  it('max at (∞, ∞) has partials ½ each, not NaN', () => {
    expect(partials('max', [Infinity, Infinity])).toEqual([0.5, 0.5]);
    expect(partials('min', [-Infinity, -Infinity])).toEqual([0.5, 0.5]);
  });
  it('a three-way tie gives ⅓ to each, in both engines', () => {
    expect(partials('max', [2, 2, 2])).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(symbolic('max', [2, 2, 2])).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(partials('min', [1, 5, 1])).toEqual([0.5, 0, 0.5]);
    expect(symbolic('min', [1, 5, 1])).toEqual([0.5, 0, 0.5]);
  });
  it('without a tie the extremum gets 1, in both engines', () => {
    expect(partials('max', [1, 4, 3, -2])).toEqual([0, 1, 0, 0]);
    expect(symbolic('max', [1, 4, 3, -2])).toEqual([0, 1, 0, 0]);
    expect(symbolic('min', [1, 4, 3, -2])).toEqual([0, 0, 0, 1]);
  });
});

describe('rounding conventions', () => {
  it('round takes halves away from zero', () => {
    const r = (v: number): number => opDef('round').eval([v]);
    expect([r(2.5), r(-2.5), r(0.49999999999999994), r(-0.5), r(1e300)]).toEqual([3, -3, 0, -1, 1e300]);
  });
  it('floor, ceil and round have derivative 0 at the jumps too; frac has 1', () => {
    for (const op of ['floor', 'ceil', 'round'] as const) {
      const d = [NaN];
      opDef(op).partials([2], 2, d);
      expect(d[0]).toBe(0);
    }
    const d = [NaN];
    opDef('frac').partials([2], 0, d);
    expect(d[0]).toBe(1);
  });
});

describe('domains are refused with a message, not a NaN', () => {
  it.each([
    ['logbase', [8, 1], /base/],
    ['logbase', [-1, 10], /x > 0/],
    ['root', [-16, 4], /odd integer/],
    ['root', [5, 0], /n ≠ 0/],
    ['acosh', [0.5], /x ≥ 1/],
    ['atanh', [1], /\|x\| < 1/],
    ['asec', [0.5], /\|x\| ≥ 1/],
    ['asech', [2], /0 < x ≤ 1/],
    ['acoth', [0.5], /\|x\| > 1/],
    ['log1p', [-1], /x > −1/],
    ['coth', [0], /undefined at 0/],
  ] as const)('%s(%j)', (op, args, msg) => {
    expect(opDef(op).domain?.(args as unknown as number[])).toMatch(msg);
  });
});
