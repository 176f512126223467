// Properties over generated input: nothing but ParseError ever escapes, no
// input is slow, no token sequence has two parses, and fully bracketed
// renderings of random expressions read back as the same expression.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/expr/errors.ts';
import type { Expr } from '../../src/expr/expr.ts';
import { add, constant, div, fn, mul, neg, num, pow, sub, variable } from '../../src/expr/expr.ts';
import { countParses, parse } from '../../src/parse/index.ts';

/** Parses, and fails the property if anything but a ParseError escapes or it takes too long. */
function parsesOrRejects(input: string): void {
  const t0 = performance.now();
  try {
    parse(input);
  } catch (e) {
    if (!(e instanceof ParseError)) throw new Error(`${JSON.stringify(input)} threw ${String(e)}`);
    expect(typeof e.pos).toBe('number');
    expect(e.pos).toBeGreaterThanOrEqual(0);
    expect(e.pos).toBeLessThanOrEqual(input.length);
  }
  expect(performance.now() - t0).toBeLessThan(1000);
}

const ALPHABET = [
  ...'abexyzn0123456789.',
  ...'+-−*×·⋅/÷^()[]{}|√,_ ',
  ...'²³⁻¹ⁿˣ⁺₁₂',
  ...'αβπσθΔ',
  '**', 'sin', 'cos', 'ln', 'max', 'exp', 'pi', 'alpha', 'sigma', 'e^', 'x_{1}', '\t', '\n', '#', '😀', '\u00a0',
];

/** One spelling of each token the grammar knows, with a few variants. */
const TOKENS = [
  '2', '.5', '1e3', 'x', 'y', 'x1', 'α', 'e', 'π', 'sin', 'cos', 'max', 'ln', 'σ', 'leakyrelu',
  '²', '⁻¹', 'ⁿ', '+', '-', '−', '*', '·', '/', '÷', '^', '**', '(', ')', '[', ']', '{', '}', '|', '√', ',',
];

describe('random text never throws anything but ParseError, and finishes fast', () => {
  it('strings over the notation’s alphabet', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }), (parts) => parsesOrRejects(parts.join(''))),
      { numRuns: 3000 },
    );
  });
  it('arbitrary Unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), parsesOrRejects), { numRuns: 1000 });
  });
});

describe('random token sequences have at most one parse', () => {
  it('no sequence of the grammar’s tokens is ambiguous, and none throws anything but ParseError', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...TOKENS), fc.boolean()), { minLength: 1, maxLength: 14 }), (toks) => {
        const input = toks.map(([t, space]) => (space ? `${t} ` : t)).join('');
        let count = 0;
        try {
          count = countParses(input);
        } catch (e) {
          if (!(e instanceof ParseError)) throw e;
        }
        expect(count).toBeLessThanOrEqual(1);
        parsesOrRejects(input);
      }),
      { numRuns: 10000 },
    );
  });
});

// ---------------------------------------------------------------------------
// Random expressions, rendered with explicit brackets in varied notation.

interface Sample {
  readonly text: string;
  readonly expr: Expr;
}

const leaf: fc.Arbitrary<Sample> = fc.oneof(
  fc.integer({ min: 0, max: 99 }).map((k) => ({ text: String(k), expr: num(k) })),
  fc.constantFrom('x', 'y', 'z', 'w').map((s) => ({ text: s, expr: variable(s) })),
  fc.constantFrom(['α', 'alpha'], ['θ₁', 'theta1'], ['x_2', 'x2']).map(([t, name]) => ({ text: t!, expr: variable(name!) })),
  fc.constantFrom({ text: 'π', expr: constant('pi') }, { text: 'e', expr: constant('e') }),
);

const wrap = (s: Sample, open = '(', close = ')'): string => `${open}${s.text}${close}`;
const brackets = fc.constantFrom(['(', ')'], ['[', ']'], ['{', '}']);

const { expr: sample } = fc.letrec<{ expr: Sample }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('expr'), tie('expr'), fc.constantFrom('+', '-', '−', '*', '×', '·', '/', '÷', ''), brackets).map(([p, q, op, [o, c]]) => {
      const expr = { '+': add, '-': sub, '−': sub, '*': mul, '×': mul, '·': mul, '/': div, '÷': div, '': mul }[op]!(p.expr, q.expr);
      return { text: `${wrap(p, o, c)}${op}${wrap(q, o, c)}`, expr };
    }),
    // A bracketed e is an ordinary base: (e)^(x) is a power, e^x would be exp(x).
    fc.tuple(tie('expr'), tie('expr')).map(([p, q]) => ({ text: `(${p.text})^(${q.text})`, expr: pow(p.expr, q.expr) })),
    tie('expr').map((p) => ({ text: `-(${p.text})`, expr: neg(p.expr) })),
    tie('expr').map((p) => ({ text: `|${p.text}|`, expr: fn('abs', p.expr) })),
    tie('expr').map((p) => ({ text: `√(${p.text})`, expr: fn('sqrt', p.expr) })),
    fc.tuple(tie('expr'), fc.constantFrom('sin', 'ln', 'tanh', 'σ', 'relu', 'exp')).map(([p, f]) => ({
      text: `${f}(${p.text})`,
      expr: fn(f === 'σ' ? 'sigmoid' : f === 'ln' ? 'ln' : (f as 'sin'), p.expr),
    })),
    fc.tuple(tie('expr'), tie('expr')).map(([p, q]) => ({ text: `max(${p.text}, ${q.text})`, expr: fn('max', p.expr, q.expr) })),
  ),
}));

describe('random expressions written with explicit brackets read back exactly', () => {
  it('parse(text) === the expression it was written from, with exactly one parse', () => {
    fc.assert(
      fc.property(sample, ({ text, expr }) => {
        expect(countParses(text)).toBe(1);
        expect(parse(text)).toBe(expr);
      }),
      { numRuns: 1500 },
    );
  });
});
