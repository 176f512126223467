import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { add, call, constant, div, fn, mul, neg, num, pow, sub, variable, type Expr } from '../../src/expr/expr.ts';
import { printAscii, printLatex, printUnicode } from '../../src/expr/print.ts';
import { parse } from '../../src/parse/index.ts';
import { opDef, opNames, type OpName } from '../../src/ops/index.ts';
import { evaluate } from '../../src/expr/eval.ts';

const x = variable('x');
const y = variable('y');

// Ops a user can call by name, with a valid argument count.
const callable = opNames.filter((op) => !['add', 'sub', 'mul', 'div', 'pow', 'neg'].includes(op));
const argCount = (op: OpName): number => {
  const a = opDef(op).arity;
  return typeof a === 'number' ? a : a.min;
};

const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(
      fc.constantFrom(x, y, variable('x1'), variable('alpha'), constant('pi'), constant('e')),
      fc.integer({ min: -20, max: 20 }).map((v) => num(v)),
      fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((v) => num(v)),
    ),
    fc.tuple(fc.constantFrom('add', 'sub', 'mul', 'div', 'pow'), tie('e'), tie('e')).map(([op, a, b]) => call(op as OpName, [a, b])),
    tie('e').map((a) => neg(a)),
    fc.tuple(fc.constantFrom(...callable), fc.array(tie('e'), { minLength: 2, maxLength: 2 })).map(([op, as]) => call(op, as.slice(0, argCount(op)))),
  ),
})).e;

describe('explicit ASCII re-parses to the same object', () => {
  it('for random expressions over the registry (negative literals, −(2), powers of e included)', () => {
    fc.assert(
      fc.property(exprArb, (e) => {
        const text = printAscii(e);
        expect(parse(text), text).toBe(e);
      }),
      { numRuns: 2000 },
    );
  });
  it('for the tricky cases by name', () => {
    for (const e of [num(-2), neg(num(2)), pow(num(-2), 2), neg(pow(2, 2)), pow(constant('e'), x), fn('exp', x), mul(x, num(-2)), sub(x, num(-2)), pow(x, neg(y)), pow(x, pow(y, 2))]) {
      expect(parse(printAscii(e)), printAscii(e)).toBe(e);
    }
  });
});

describe('textbook Unicode form', () => {
  it.each([
    [sub(add(fn('ln', x), mul(pow(x, 2), y)), fn('sin', mul(x, y))), 'ln x + x²y − sin(xy)'],
    [sub(add(div(1, x), mul(mul(2, x), y)), mul(y, fn('cos', mul(x, y)))), '1/x + 2xy − y cos(xy)'],
    [sub(pow(x, 2), mul(x, fn('cos', mul(x, y)))), 'x² − x cos(xy)'],
    [mul(fn('sigmoid', x), sub(1, fn('sigmoid', x))), 'σ(x)(1 − σ(x))'],
    [sub(1, pow(fn('tanh', x), 2)), '1 − tanh²x'],
    [mul(pow(x, x), add(fn('ln', x), 1)), 'xˣ(ln x + 1)'],
    [sub(4, mul(8, x)), '4 − 8x'],
    [div(x, mul(2, y)), 'x/(2y)'],
    [neg(pow(x, 2)), '−x²'],
    [fn('exp', neg(x)), 'e⁻ˣ'],
    [mul(mul(2, fn('sin', x)), fn('cos', x)), '2 sin x cos x'],
    [add(x, neg(y)), 'x − y'],
    [mul(variable('x1'), variable('alpha')), 'x₁α'],
    [pow(x, fn('sin', y)), 'x^(sin y)'],
    [mul(x, pow(x, sub(x, 1))), 'x·x^(x − 1)'],
    [mul(mul(2, x), y), '2xy'],
  ])('%#: %s', (e, want) => expect(printUnicode(e)).toBe(want));

  it('is an honest rendering: values agree with the explicit form at random points', () => {
    fc.assert(
      fc.property(exprArb, fc.double({ min: 0.1, max: 3, noNaN: true }), (e, v) => {
        const text = printAscii(e);
        const a = evaluate(e, { x: v, y: v + 1, x1: v / 2, alpha: 0.3 }, { strict: false });
        const b = evaluate(parse(text), { x: v, y: v + 1, x1: v / 2, alpha: 0.3 }, { strict: false });
        expect(Object.is(a, b) || Math.abs(a - b) <= 1e-12 * Math.abs(a)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('LaTeX', () => {
  it('prints fractions, powers, functions and Greek names', () => {
    expect(printLatex(sub(add(div(1, x), mul(mul(2, x), y)), mul(y, fn('cos', mul(x, y)))))).toBe('\\frac{1}{x} + 2 x y - y \\cos\\left(x y\\right)');
    expect(printLatex(mul(pow(variable('x1'), 2), variable('alpha')))).toBe('x_{1}^{2} \\alpha');
  });
});

describe('printing refuses trees too large to spell out', () => {
  it('says so instead of running out of memory', () => {
    let l: Expr = x;
    for (let i = 0; i < 25; i++) l = mul(mul(4, l), sub(1, l));
    expect(() => printUnicode(l)).toThrow(/too large to print/);
  });
  it('prints 10⁵-deep products, sums and negations in textbook form (linear, no recursion)', () => {
    let m: Expr = x;
    let s: Expr = x;
    let g: Expr = x;
    for (let i = 0; i < 100_000; i++) {
      m = mul(m, i % 2 ? x : y);
      s = add(s, mul(2, x));
      g = neg(g);
    }
    expect(printUnicode(m)).toHaveLength(100_001);
    expect(printUnicode(s).startsWith('x + 2x + 2x')).toBe(true);
    expect(printUnicode(g).endsWith('x' + ')'.repeat(99_999))).toBe(true);
  });
  it('prints a 10⁵-term sum without recursion', () => {
    let s: Expr = x;
    for (let i = 0; i < 100_000; i++) s = add(s, y);
    expect(printAscii(s).length).toBe(1 + 100_000 * 4);
  });
});
