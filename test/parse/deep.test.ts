// Large and deeply nested input: 10⁵ characters, 10⁵ nested parentheses,
// 10⁵-term sums. They parse (or fail with a ParseError), never overflow the
// stack, and the cost grows linearly.

import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/expr/errors.ts';
import type { Expr } from '../../src/expr/expr.ts';
import { add, fn, mul, neg, pow, variable } from '../../src/expr/expr.ts';
import { PARSE_LIMITS, parse } from '../../src/parse/index.ts';

const x = variable('x');
const y = variable('y');
const N = 100_000;
const SLOW = 30_000;

function failure(input: string): ParseError {
  try {
    parse(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error('expected a ParseError');
}

describe('deep nesting parses without overflowing the stack', () => {
  it(`${N} nested parentheses`, { timeout: SLOW }, () => {
    expect(parse('('.repeat(N) + 'x' + ')'.repeat(N))).toBe(x);
  });

  it(`${N / 2} nested absolute values`, { timeout: SLOW }, () => {
    const depth = N / 2;
    let expected: Expr = x;
    for (let i = 0; i < depth; i++) expected = fn('abs', expected);
    expect(parse('|'.repeat(depth) + 'x' + '|'.repeat(depth))).toBe(expected);
  });

  it('10⁴ nested function calls, with and without parentheses', { timeout: SLOW }, () => {
    const depth = 10_000;
    let expected: Expr = x;
    for (let i = 0; i < depth; i++) expected = fn('sin', expected);
    expect(parse('sin('.repeat(depth) + 'x' + ')'.repeat(depth))).toBe(expected);
    expect(parse('sin '.repeat(depth) + 'x')).toBe(expected);
  });

  it('a 2·10⁴-level exponent tower is right-associative', { timeout: SLOW }, () => {
    const depth = 20_000;
    let expected: Expr = x;
    for (let i = 0; i < depth; i++) expected = pow(x, expected);
    expect(parse(Array.from({ length: depth + 1 }, () => 'x').join('^'))).toBe(expected);
  });

  it(`${N} unary minus signs`, { timeout: SLOW }, () => {
    let expected: Expr = mul(x, y);
    for (let i = 0; i < N; i++) expected = neg(expected);
    expect(parse('-'.repeat(N) + 'x y')).toBe(expected);
  });

  it('an error deep inside 10⁵ parentheses is a ParseError at the right place', { timeout: SLOW }, () => {
    const input = '('.repeat(N) + 'x +' + ')'.repeat(N);
    const err = failure(input);
    expect(err.message).toMatch(/expected an operand after '\+'/);
    expect(err.pos).toBe(N + 3);
    expect(failure('('.repeat(N) + 'x').message).toMatch(/unclosed '\('/);
  });
});

describe('beyond the documented limits, a clear ParseError', () => {
  it(`nesting deeper than ${PARSE_LIMITS.maxNesting} levels`, () => {
    const depth = PARSE_LIMITS.maxNesting + 1;
    const err = failure('('.repeat(depth) + 'x' + ')'.repeat(depth));
    expect(err.message).toMatch(/nested deeper than 100000 levels/);
    expect(err.pos).toBe(depth - 1);
    expect(failure('|'.repeat(depth) + 'x' + '|'.repeat(depth)).message).toMatch(/nested deeper/);
  });
  it(`input longer than ${PARSE_LIMITS.maxLength} characters`, () => {
    const err = failure('x'.repeat(PARSE_LIMITS.maxLength + 1));
    expect(err.message).toMatch(/longer than 2000000 characters/);
  });
});

describe('long input', () => {
  it(`a ${N}-term sum`, { timeout: SLOW }, () => {
    let expected: Expr = x;
    for (let i = 1; i < N; i++) expected = add(expected, x);
    expect(parse(Array.from({ length: N }, () => 'x').join('+'))).toBe(expected);
  });

  it(`${N} characters of realistic notation`, { timeout: SLOW }, () => {
    const term = '2x sin(x)² − e^{−x²}/(1 + |y|) + √(x y) ln x ';
    const input = Array.from({ length: Math.ceil(N / term.length) }, () => term).join('+ ');
    expect(input.length).toBeGreaterThanOrEqual(N);
    expect(parse(input).kind).toBe('call');
  });

  let product: Expr = x;
  for (let i = 1; i < N; i++) product = mul(product, x);
  it(`a ${N}-factor juxtaposition`, { timeout: SLOW }, () => {
    expect(parse(Array.from({ length: N }, () => 'x').join(' '))).toBe(product);
  });
  it(`a ${N}-letter run`, { timeout: SLOW }, () => {
    expect(parse('x'.repeat(N))).toBe(product);
  });
});

describe('parsing time grows linearly', () => {
  // The fastest of 5 runs: noise from other processes only ever adds time.
  function median(input: string): number {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      parse(input);
      times.push(performance.now() - t0);
    }
    return times.sort((p, q) => p - q)[0]!;
  }
  it('10× the input takes well under 100× the time', { timeout: SLOW }, () => {
    const term = 'x sin x + e^-x/(1 + y²) ';
    const make = (chars: number): string => Array.from({ length: Math.ceil(chars / term.length) }, () => term).join('+ ');
    // Sizes large enough that a few milliseconds of scheduling noise on a
    // busy machine do not dominate the smaller time (it is under 1 ms at 3 000
    // characters since the recursive-descent reader).
    median(make(20_000)); // warm-up
    const small = median(make(20_000));
    const large = median(make(200_000));
    // Linear is ≈10; quadratic would be ≈100. Generous bound for noisy machines.
    expect(large / small).toBeLessThan(30);
  });
});
