// Greek letters: one name per letter, shared by the parser, the printers and
// the points given on the command line (issue 13: Υ, ϰ and ϱ parsed but
// `--at Υ=2` was refused and Υ printed as Upsilon).
import { describe, expect, it } from 'vitest';
import { canonicalName, GREEK_GLYPH, GREEK_VARIANTS, latexName, unicodeName } from '../../src/expr/names.ts';
import { variable } from '../../src/expr/expr.ts';
import { evaluate } from '../../src/expr/eval.ts';
import { printLatex, printUnicode } from '../../src/expr/print.ts';
import { parse } from '../../src/parse/index.ts';
import { parsePoint } from '../../src/cli/io.ts';

describe('every Greek letter parses, prints and takes a value under one name', () => {
  it.each([...GREEK_GLYPH])('%s (%s)', (name, glyph) => {
    expect(parse(glyph)).toBe(variable(name));
    expect(parse(name)).toBe(variable(name));
    expect(printUnicode(parse(glyph))).toBe(glyph);
    expect(printLatex(parse(glyph))).toBe(`\\${name}`);
    expect(canonicalName(glyph)).toBe(name);
    expect(parsePoint(`${glyph}=2`)).toEqual({ [name]: 2 });
    expect(evaluate(parse(glyph), parsePoint(`${glyph}=2`))).toBe(2);
  });
  it('Υ is the variable Upsilon and prints as Υ', () => {
    expect(unicodeName('Upsilon')).toBe('Υ');
    expect(latexName('Upsilon')).toBe('\\Upsilon');
    expect(evaluate(parse('Υ + 1'), parsePoint('Υ=2'))).toBe(3);
  });
});

describe('variant glyphs are the same letter', () => {
  it.each([...GREEK_VARIANTS].filter(([, n]) => n !== 'pi'))('%s is %s', (glyph, name) => {
    expect(parse(glyph)).toBe(variable(name));
    expect(canonicalName(glyph)).toBe(name);
    expect(parsePoint(`${glyph}=2`)).toEqual({ [name]: 2 });
    expect(printUnicode(parse(glyph))).toBe(GREEK_GLYPH.get(name));
  });
  it('ϰ and κ are one variable', () => {
    expect(evaluate(parse('ϰ κ'), parsePoint('κ=3'))).toBe(9);
  });
});
