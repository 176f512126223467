// Invalid input fails with a ParseError that says what to do and points at
// the place: pos is a UTF-16 offset into the input.

import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/expr/errors.ts';
import type { Expr } from '../../src/expr/expr.ts';
import { fn } from '../../src/expr/expr.ts';
import type { ParseOptions, UserFunction } from '../../src/parse/index.ts';
import { parse } from '../../src/parse/index.ts';

function failure(input: string, options?: ParseOptions): ParseError {
  try {
    parse(input, options);
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error(`expected ${JSON.stringify(input)} to fail`);
}

type Case = readonly [input: string, pos: number, message: RegExp];

function rejects(cases: readonly Case[], options?: ParseOptions): void {
  for (const [input, pos, message] of cases) {
    it(`${JSON.stringify(input)} at ${pos}: ${message.source}`, () => {
      const err = failure(input, options);
      expect(err.message).toMatch(message);
      expect(err.pos).toBe(pos);
      expect(err.input).toBe(input);
    });
  }
}

describe('empty input', () => {
  rejects([
    ['', 0, /^empty input/],
    ['   ', 0, /^empty input/],
  ]);
});

describe('unknown characters', () => {
  rejects([
    ['x # y', 2, /unknown character '#'/],
    ['x = 2', 2, /unknown character '='/],
    ['2 😀', 2, /unknown character '😀'/],
    ['x!', 1, /unknown character '!'/],
    ['.', 0, /decimal point must be followed by digits/],
  ]);
});

describe('unbalanced brackets point at the unmatched one', () => {
  rejects([
    ['(x', 0, /unclosed '\('/],
    ['((x)', 0, /unclosed '\('/],
    ['x + (y * (z)', 4, /unclosed '\('/],
    ['[x', 0, /unclosed '\['/],
    ['{x', 0, /unclosed '\{'/],
    ['x)', 1, /unmatched '\)'/],
    ['(x))', 3, /unmatched '\)'/],
    ['x]', 1, /unmatched '\]'/],
    ['(x]', 2, /'\]' does not match the '\(' at position 0: expected '\)'/],
    ['[(x]', 1, /unclosed '\('/],
    ['|x', 0, /unclosed '\|'.*pairs/],
    ['(|x)', 1, /unclosed '\|'/],
    ['|x|y|', 4, /unclosed '\|'/],
    ['x + ||', 5, /unclosed '\|'/],
  ]);
});

describe('a missing operand', () => {
  rejects([
    ['x +', 3, /expected an operand after '\+'/],
    ['x + ', 3, /expected an operand after '\+'/],
    ['2 ^', 3, /expected an operand after '\^'/],
    ['x^', 2, /expected an operand after '\^'/],
    ['x * * y', 4, /expected an operand after '\*'/],
    ['x**', 3, /expected an operand after '\*\*'/],
    ['(x +)', 4, /expected an operand after '\+'/],
    ['x / )', 4, /unmatched '\)'/],
    ['-', 1, /expected an operand after '-'/],
    ['√', 1, /expected an operand after '√'/],
    ['√-x', 1, /√ applies to the operand right after it: write √\(-x\)/],
    ['*x', 0, /expected an operand before '\*'/],
    ['/', 0, /expected an operand before '\/'/],
    ['max(x, )', 7, /expected an operand after ','/],
  ]);
});

describe('empty brackets', () => {
  rejects([
    ['()', 0, /empty '\(\)'/],
    ['2[]', 1, /empty '\[\]'/],
  ]);
});

describe('a function with no argument', () => {
  rejects([
    ['ln', 0, /ln needs an argument: write ln x or ln\(x\)/],
    ['x + ln', 4, /ln needs an argument/],
    ['sin^2', 0, /sin needs an argument/],
    ['sin + x', 0, /sin needs an argument/],
    ['sin -x', 0, /sin needs an argument.*negative argument needs parentheses, sin\(−x\)/],
    ['2 σ', 2, /σ needs an argument/],
  ]);
});

describe('a wrong number of arguments names the function and its arity, at the name', () => {
  const functions = new Map<string, UserFunction>([['f', { arity: 2, expand: (args): Expr => fn('max', args[0]!, args[1]!) }]]);
  rejects([
    ['max(1)', 0, /max takes at least 2 arguments, got 1: write max\(a, b\)/],
    ['sin(x, y)', 0, /sin takes 1 argument, got 2/],
    ['2 + max x', 4, /max takes at least 2 arguments, got 1/],
    ['min()', 0, /min takes at least 2 arguments, got 0/],
    ['leakyrelu(x, 1, 2)', 0, /leakyrelu takes 1 or 2 arguments, got 3/],
    ['logsumexp()', 0, /logsumexp takes at least 1 argument, got 0/],
    ['x + sin()', 4, /sin takes 1 argument, got 0/],
  ]);
  rejects(
    [
      ['f(x)', 0, /f takes 2 arguments, got 1/],
      ['f x', 0, /f takes 2 arguments, got 1/],
    ],
    { functions },
  );
});

describe('a power −1 on a function name is rejected as ambiguous, with both readings suggested', () => {
  rejects([
    ['sin⁻¹x', 0, /sin⁻¹ is ambiguous: write arcsin x for the inverse function, or \(sin x\)\^-1 for the reciprocal/],
    ['sin^-1 x', 0, /arcsin x/],
    ['sin^-1(x)', 0, /arcsin x/],
    ['2 cos^{-1}(x)', 2, /arccos x/],
    ['tan⁻¹ x', 0, /arctan x/],
    ['tanh⁻¹ x', 0, /write arctanh x for the inverse function, or \(tanh x\)\^-1 for the reciprocal/],
    ['erf⁻¹ x', 0, /\(erf x\)\^-1 for the reciprocal.*no inverse function/],
  ]);
});

describe('misplaced superscripts and powers', () => {
  rejects([
    ['²x', 0, /unexpected superscript '²'/],
    ['x²^3', 2, /parentheses.*\(x²\)\^3/],
    ['sin²(x)³', 7, /unexpected superscript '³'/],
    ['xⁿ⁻¹', 1, /superscript 'ⁿ⁻¹' must be a signed integer or a single letter/],
    ['x⁻', 1, /must be a signed integer or a single letter/],
  ]);
});

describe('misplaced subscripts', () => {
  rejects([
    ['sin_1 x', 3, /subscript must follow a variable, not 'sin'/],
    ['ln₂x', 2, /subscript must follow a variable/],
    ['₁x', 0, /subscript must follow a variable/],
    ['x_', 1, /'_' starts a subscript/],
    ['π_1', 1, /subscript must follow a variable, not 'π'/],
  ]);
});

describe('other misplaced tokens', () => {
  rejects([
    ['x, y', 1, /',' separates the arguments of a function call/],
    ['2 3', 2, /a number cannot follow the number '2': write 2\*3/],
    ['sin2 3', 5, /a number cannot follow the number '2'/],
  ]);
});

describe('user functions', () => {
  const functions = new Map<string, UserFunction>([
    ['boom', { arity: 1, expand: (): Expr => { throw new Error('no body'); } }],
  ]);
  rejects([['1 + boom(x)', 4, /boom: no body/]], { functions });
  rejects([['x', 0, /invalid declared variable name "2x"/]], { variables: ['2x'] });
});

describe('the error shows a caret under the position', () => {
  it('points into the input', () => {
    const err = failure('x + (y');
    expect(err.caret).toBe('x + (y\n    ^');
    expect(err.name).toBe('ParseError');
  });
  it('never leaks the parser generator’s table dump', () => {
    for (const input of ['x + * y', '(((x +)))', 'sin', 'x²^3']) {
      const err = failure(input);
      expect(err.message).not.toMatch(/Instead|expecting|token/i);
      expect(err.message.length).toBeLessThan(200);
    }
  });
});
