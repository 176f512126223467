// The lexer's passes, seen through the tokens the grammar receives.

import { describe, expect, it } from 'vitest';
import { GREEK, tokenize } from '../../src/parse/index.ts';
import { functionNames } from '../../src/ops/index.ts';

const types = (input: string): string => tokenize(input).map((t) => t.type).join(' ');
const texts = (input: string): string[] => tokenize(input).filter((t) => t.type !== 'JUX').map((t) => t.text);

describe('whitespace is dropped and positions are offsets into the input', () => {
  it('keeps the offset of every token', () => {
    const toks = tokenize('  x +\n y²');
    expect(toks.map((t) => [t.type, t.offset])).toEqual([['VAR', 2], ['ADD', 4], ['VAR', 7], ['SUP', 8]]);
  });
});

describe('letter runs split greedily into known names, else letters', () => {
  it.each([
    ['xy', ['x', 'y']],
    ['sinx', ['sin', 'x']],
    ['sinhx', ['sinh', 'x']],
    ['xsinx', ['x', 'sin', 'x']],
    ['xi', ['xi']],
    ['alphabeta', ['alpha', 'beta']],
    ['x1x2', ['x1', 'x2']],
    ['sin2x', ['sin', '2', 'x']],
  ])('%s → %j', (input, pieces) => {
    expect(texts(input)).toEqual(pieces);
  });
  it('takes every function spelling from the op registry', () => {
    for (const [spelling, op] of functionNames) {
      const [tok] = tokenize(spelling);
      expect(tok?.type, spelling).toBe('FUNC');
      expect(tok?.type === 'FUNC' && tok.op).toBe(op);
    }
  });
  it('reads declared variables whole', () => {
    expect(tokenize('rater', { variables: ['rate'] }).filter((t) => t.type === 'VAR').map((t) => t.value)).toEqual(['rate', 'r']);
  });
});

describe('Greek letters', () => {
  it('every glyph in GREEK reads as its spelled name', () => {
    for (const [glyph, name] of GREEK) {
      const [tok] = tokenize(glyph);
      if (name === 'pi') expect(tok).toMatchObject({ type: 'CONST', value: 'pi' });
      else expect(tok).toMatchObject({ type: 'VAR', value: name });
      const [spelled] = tokenize(name);
      expect(spelled?.value).toBe(name);
    }
  });
  it('σ is not in GREEK: it is the logistic function', () => {
    expect(GREEK.has('σ')).toBe(false);
    expect(tokenize('σ')[0]).toMatchObject({ type: 'FUNC', op: 'sigmoid' });
  });
});

describe('| is resolved into opening and closing bars before parsing', () => {
  it.each([
    ['|a|b|c|', 'AO VAR AC JUX VAR JUX AO VAR AC'],
    ['||x|+|y||', 'AO AO VAR AC ADD AO VAR AC AC'],
    ['2|x|', 'NUM JUX AO VAR AC'],
    ['|x||y|', 'AO VAR AC JUX AO VAR AC'],
  ])('%s', (input, expected) => {
    expect(types(input)).toBe(expected);
  });
});

describe('juxtaposition and unary signs are marked by the lexer', () => {
  it.each([
    ['2x', 'NUM JUX VAR'],
    ['x(y)', 'VAR JUX LP VAR RP'],
    ['sin x cos y', 'FUNC VAR JUX FUNC VAR'],
    ['sin² x', 'FUNC SUP JUX VAR'],
    ['a -b', 'VAR SUB VAR'],
    ['x * -y', 'VAR MUL SIGNS VAR'],
    ['- -x', 'SIGNS VAR'],
    ['x^-2', 'VAR POW SIGNS NUM'],
  ])('%s → %s', (input, expected) => {
    expect(types(input)).toBe(expected);
  });
});

describe('superscript runs become one token', () => {
  it.each([
    ['x²', { negative: false, digits: 2 }],
    ['x⁻¹²', { negative: true, digits: 12 }],
    ['xⁿ', { negative: false, digits: undefined }],
  ])('%s', (input, expected) => {
    expect(tokenize(input)[1]).toMatchObject({ type: 'SUP', ...expected });
  });
});

describe('the scanner: character classes in order', () => {
  it.each([
    ['x\u00a0+\u2003y', 'VAR ADD VAR'],
    ['x**2', 'VAR POW NUM'],
    ['2×3÷4·5⋅6', 'NUM MUL NUM DIV NUM MUL NUM MUL NUM'],
    ['a−b', 'VAR SUB VAR'],
    ['1.5e-3x', 'NUM JUX VAR'],
    ['∛x + ∜y', 'SQRT VAR ADD SQRT VAR'],
    ['f(x; w)', 'VAR JUX LP VAR SEMI VAR RP'],
    ['x⁻¹', 'VAR SUP'],
  ])('%s → %s', (input, want) => {
    expect(types(input)).toBe(want);
  });
  it.each([
    ['x € y', 2, /unknown character '€'/],
    ['. 5', 0, /decimal point must be followed by digits/],
    ['x @', 2, /unknown character '@'/],
    ['₁x', 0, /subscript must follow a variable/],
  ])('%s fails at %i', (input, pos, msg) => {
    expect(() => tokenize(input)).toThrow(msg);
    try {
      tokenize(input);
    } catch (e) {
      expect((e as { pos: number }).pos).toBe(pos);
    }
  });
});
