// The verdict of the cross-check at the edges of the double range (issue 9,
// item 8): an infinity agrees only with the same infinity, and an empty list
// of variables is an error rather than a vacuous agreement.

import { describe, expect, it } from 'vitest';
import { crossCheck } from '../../src/check/index.ts';
import { within } from '../../src/check/check.ts';
import { DiffError } from '../../src/expr/errors.ts';
import { parse } from '../../src/parse/index.ts';
import { answerLine } from '../../src/cli/batch.ts';

describe('an infinity agrees only with the same infinity', () => {
  it('sinh x at x = 710: numeric ∞ against the exact cosh 710 ≈ 1.117e308 is a disagreement', () => {
    // cosh 710 = 1.11699738308085551562…e308 (mpmath, 50 digits); the central difference overflows
    const r = crossCheck(parse('sinh x'), { x: 710 });
    expect(r.methods.reverse.gradient.x / 1e308).toBeCloseTo(1.1169973830808555, 12);
    expect(r.methods.numeric.gradient.x).toBe(Infinity);
    expect(r.agree).toBe(false);
    expect(r.problems.join('\n')).toMatch(/numeric ∂\/∂x = Infinity differs from reverse mode .*only with the same infinity/);
  });
  it('within(): opposite infinities, an infinity against a finite number, and equal infinities', () => {
    expect(within(Infinity, -Infinity, Infinity)).toBe(false);
    expect(within(-Infinity, Infinity, 1)).toBe(false);
    expect(within(Infinity, 1.1e308, Infinity)).toBe(false);
    expect(within(1.1e308, -Infinity, Infinity)).toBe(false);
    expect(within(Infinity, Infinity, 0)).toBe(true);
    expect(within(-Infinity, -Infinity, 0)).toBe(true);
    expect(within(NaN, NaN, Infinity)).toBe(false);
    expect(within(1, 1 + 1e-13, 1e-12)).toBe(true);
    expect(within(1, 1 + 1e-11, 1e-12)).toBe(false);
  });
});

describe('the variables of a check', () => {
  it('an empty --wrt list is an error, not a vacuous AGREE', () => {
    expect(() => crossCheck(parse('x'), { x: 1 }, { vars: [] })).toThrow(DiffError);
    expect(() => crossCheck(parse('x'), { x: 1 }, { vars: [] })).toThrow(/no variables to check/);
    expect(() => crossCheck(parse('x'), { x: 1 }, { vars: [''] })).toThrow(/not a variable name: ""/);
  });
  it('check --wrt "" through the command layer is an error, not AGREE', async () => {
    const out = JSON.parse(await answerLine('{"cmd":"check","expr":"x","at":{"x":1},"wrt":""}')) as { error?: { message: string }; agree?: boolean };
    expect(out.agree).toBeUndefined();
    expect(out.error?.message).toMatch(/no variables to check/);
  });
  it('an expression without variables still compares the values of the four methods', () => {
    const r = crossCheck(parse('2 + 3'), {});
    expect(r.vars).toEqual([]);
    expect(r.value).toBe(5);
    expect(r.agree).toBe(true);
  });
});
