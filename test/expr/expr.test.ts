import { describe, expect, it } from 'vitest';
import refs from '../fixtures/refs.json' with { type: 'json' };
import { add, call, constant, fn, mul, num, pow, sub, variable } from '../../src/expr/expr.ts';
import { evaluate } from '../../src/expr/eval.ts';
import { DiffError } from '../../src/expr/errors.ts';
import { dagSize, depth, freeVariables, treeSize } from '../../src/expr/traverse.ts';
import { canonicalName } from '../../src/expr/names.ts';

const x = variable('x');
const y = variable('y');

describe('hash-consing: equal structure is the same object', () => {
  it('rebuilding an expression returns the identical node', () => {
    const a = sub(add(fn('ln', x), mul(pow(x, 2), y)), fn('sin', mul(x, y)));
    const b = sub(add(fn('ln', variable('x')), mul(pow(variable('x'), num(2)), y)), fn('sin', mul(x, y)));
    expect(a).toBe(b);
  });
  it('distinguishes 0 from −0 and keeps one NaN', () => {
    expect(num(0)).not.toBe(num(-0));
    expect(num(NaN)).toBe(num(NaN));
  });
  it('nodes are frozen', () => {
    expect(Object.isFrozen(add(x, y))).toBe(true);
    expect(Object.isFrozen((add(x, y) as { args: unknown }).args)).toBe(true);
  });
  it('rejects a wrong arity and an unknown op clearly', () => {
    expect(() => call('sin', [x, y])).toThrow(/sin takes 1 argument, got 2/);
    expect(() => call('max', [x])).toThrow(/max takes at least 2 arguments, got 1/);
  });
});

describe('tree and DAG sizes', () => {
  it('counts a small expression by hand: ln x + x²y − sin(xy)', () => {
    const e = sub(add(fn('ln', x), mul(pow(x, 2), y)), fn('sin', mul(x, y)));
    // tree: sub, add, ln, x, mul, pow, x, 2, y, sin, mul, x, y = 13; unique: sub add ln x mul pow 2 y sin mul(x,y) = 10
    expect(treeSize(e)).toBe(13);
    expect(dagSize(e)).toBe(10);
  });
  it('counts the logistic map without expanding it: T(n+1) = 2T(n) + 5, D(n+1) = D(n) + 5 (+ 2 leaves once)', () => {
    let l = x as ReturnType<typeof mul>;
    let t = 1;
    for (let n = 1; n < 30; n++) {
      l = mul(mul(4, l), sub(1, l));
      t = 2 * t + 5;
    }
    expect(treeSize(l)).toBe(t); // about 3.2·10⁹ nodes
    expect(treeSize(l)).toBeGreaterThan(1e9);
    expect(dagSize(l)).toBe(1 + 2 + 29 * 3); // x, 4, 1, then mul, mul, sub per step
  });
  it('handles a 10⁵-deep tree without recursion', () => {
    let s = x as ReturnType<typeof add>;
    for (let i = 0; i < 100_000; i++) s = add(s, num(1));
    expect(treeSize(s)).toBe(200_001);
    expect(depth(s)).toBe(100_001);
    expect(evaluate(s, { x: 0.5 })).toBe(100_000.5);
  });
});

describe('evaluation', () => {
  it('ln x + x²y − sin xy at (2, 5) matches a 50-digit value', () => {
    const e = sub(add(fn('ln', x), mul(pow(x, 2), y)), fn('sin', mul(x, y)));
    expect(evaluate(e, { x: 2, y: 5 })).toBeCloseTo(refs.textbook_value, 13);
  });
  it('names an unbound variable', () => {
    expect(() => evaluate(add(x, y), { x: 1 })).toThrow(/unbound variable y/);
  });
  it('names the domain problem', () => {
    expect(() => evaluate(fn('ln', x), { x: -1 })).toThrow(/ln is defined for x > 0/);
    expect(() => evaluate(fn('sqrt', x), { x: -4 })).toThrow(DiffError);
    expect(() => evaluate(sub(x, num(1)).kind === 'call' ? call('div', [x, num(0)]) : x, { x: 1 })).toThrow(/division by zero/);
    expect(() => evaluate(pow(x, 0.5), { x: -1 })).toThrow(/negative base/);
  });
  it('non-strict evaluation follows IEEE', () => {
    expect(evaluate(fn('ln', x), { x: -1 }, { strict: false })).toBeNaN();
  });
  it('constants π and e', () => {
    expect(evaluate(mul(2, constant('pi')))).toBe(2 * Math.PI);
    expect(evaluate(constant('e'))).toBe(Math.E);
  });
  it('lists free variables in natural order', () => {
    expect(freeVariables(add(add(variable('x10'), variable('x2')), variable('alpha')))).toEqual(['alpha', 'x2', 'x10']);
  });
});

describe('variable spellings', () => {
  it.each([
    ['x₁', 'x1'], ['x_1', 'x1'], ['x_{1}', 'x1'], ['x1', 'x1'], ['α', 'alpha'], ['alpha', 'alpha'], ['θ₂', 'theta2'],
  ])('%s is %s', (s, want) => expect(canonicalName(s)).toBe(want));
  it('rejects non-names', () => expect(canonicalName('2x')).toBeUndefined());
});
