// The seeds' notation f(x; w, b): inputs before the semicolon, parameters after.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/expr/eval.ts';
import { add, call, mul, num, variable } from '../../src/expr/expr.ts';
import { definitionHead, parse, parseDefinition, userFunction } from '../../src/parse/index.ts';
import type { ParseError } from '../../src/expr/errors.ts';

const x = variable('x');
const w = variable('w');
const b = variable('b');

describe('parseDefinition records inputs and parameters', () => {
  it('f(x; w, b) = σ(wx + b)', () => {
    const d = parseDefinition('f(x; w, b) = σ(wx + b)');
    expect(d).toEqual({ name: 'f', inputs: ['x'], parameters: ['w', 'b'], body: call('sigmoid', [add(mul(w, x), b)]) });
    expect(definitionHead(d)).toBe('f(x; w, b)');
  });
  it('without a semicolon every argument is an input', () => {
    const d = parseDefinition('g(x, y) = x + y');
    expect([d.inputs, d.parameters]).toEqual([['x', 'y'], []]);
    expect(definitionHead(d)).toBe('g(x, y)');
  });
  it('subscripted and Greek names are canonical, and multi-letter arguments read whole', () => {
    const d = parseDefinition('h(x₁, x₂; w_1, θ, rate) = rate (w1 x1 + θ x2)');
    expect([d.inputs, d.parameters]).toEqual([['x1', 'x2'], ['w1', 'theta', 'rate']]);
    expect(evaluate(d.body, { x1: 1, x2: 2, w1: 3, theta: 4, rate: 0.5 })).toBe(5.5);
  });
  it.each([
    ['f(x; w; b) = x', 6, /at most one ';'/],
    ['f(x; x) = x', 5, /parameter x appears twice/],
    ['f(x; ) = x', 5, /a parameter is a variable name, got nothing/],
    ['f(x; w) = ', 10, /needs an expression/],
    ['f(x; w) = w(', 11, /unclosed/],
  ])('%s is refused at %i', (text, pos, msg) => {
    let err: ParseError | undefined;
    try {
      parseDefinition(text);
    } catch (e) {
      err = e as ParseError;
    }
    expect(err?.message).toMatch(msg);
    expect(err?.pos).toBe(pos);
  });
});

describe('a call may separate inputs and parameters with a semicolon', () => {
  const f = parseDefinition('f(x; w, b) = σ(wx + b)');
  const functions = new Map([['f', userFunction(f)]]);
  it('f(1; 0, 0) = σ(0) = 1/2', () => {
    expect(evaluate(parse('f(1; 0, 0)', { functions }))).toBe(0.5);
    expect(parse('f(1; 0, 0)', { functions })).toBe(parse('f(1, 0, 0)', { functions }));
  });
  it('f(2; 3, −1) = σ(5)', () => {
    expect(evaluate(parse('f(2; 3, −1)', { functions }))).toBeCloseTo(1 / (1 + Math.exp(-5)), 15);
  });
  it.each([
    ['f(1, 0; 0)', /f has 1 input before ';' and 2 parameters after it/],
    ['f(1; 0; 0)', /at most one ';'/],
    ['sin(1; 2)', /separate the arguments of sin with ','/],
    ['max(1; 2)', /separate the arguments of max with ','/],
  ])('%s is refused', (text, msg) => {
    expect(() => parse(text, { functions })).toThrow(msg);
  });
  it('a function defined without a semicolon takes none in a call', () => {
    const g = parseDefinition('g(x, y) = x y');
    expect(() => parse('g(1; 2)', { functions: new Map([['g', userFunction(g)]]) })).toThrow(/';' separates the inputs from the parameters/);
    expect(parse('g(1, 2)', { functions: new Map([['g', userFunction(g)]]) })).toBe(mul(num(1), num(2)));
  });
});
