// The recursive-descent reader (src/parse/fast.ts) against the Earley parser
// of grammar/difflab.ne, which defines the language: wherever the fast
// reader returns a tree, it is the grammar's tree; on valid input it does
// not give up (except on very deep nesting, left to the Earley parser).
import { describe, expect, it } from 'vitest';
import { parseBothWays, parse, parseDefinition, userFunction } from '../../src/parse/index.ts';
import { Rng } from '../../src/nn/rng.ts';
import { realistic } from '../../bench/parse.ts';

const PIECES = [
  'x', 'y', '2', '3.5', 'sin', 'cos', 'ln', 'exp', '(', ')', '[', ']', '{', '}', '|', '+', '−', '-', '*', '/', '^', '²', '⁻¹', 'ⁿ',
  '√', '∛', ' ', 'e', 'π', ',', 'max', 'σ', 'sin²', 'x₁', 'sin^2', 'tanh', 'log', 'e^', '2x', 'atan2', ';',
];

describe('the fast reader builds the grammar’s tree or gives up', () => {
  it('on 30 000 random strings of textbook pieces', () => {
    const rng = new Rng(7);
    let agreed = 0;
    for (let k = 0; k < 30_000; k++) {
      const n = 1 + Math.floor(rng.next() * 10);
      let s = '';
      for (let j = 0; j < n; j++) s += PIECES[Math.floor(rng.next() * PIECES.length)];
      let r: ReturnType<typeof parseBothWays>;
      try {
        r = parseBothWays(s);
      } catch {
        continue; // a lexical error: neither reader runs
      }
      if (r.fast !== undefined) expect(r.fast, s).toBe(r.earley);
      if (r.earley !== undefined) {
        expect(r.fast, `the fast reader gave up on valid ${JSON.stringify(s)}`).toBe(r.earley);
        agreed++;
      }
    }
    expect(agreed).toBeGreaterThan(1000);
  });
  it('with user functions (f(x; w, b), a multi-letter one) and declared variables', () => {
    const options = {
      variables: ['rate'],
      functions: new Map([
        ['f', userFunction(parseDefinition('f(x; w, b) = σ(wx + b)'))],
        ['loss', userFunction(parseDefinition('loss(y, t) = (y − t)²'))],
      ]),
    };
    const pieces = [...PIECES, 'f', 'f(1; 0, 0)', 'loss', 'rate', '1', ';'];
    const rng = new Rng(11);
    let agreed = 0;
    for (let k = 0; k < 10_000; k++) {
      const n = 1 + Math.floor(rng.next() * 8);
      let s = '';
      for (let j = 0; j < n; j++) s += pieces[Math.floor(rng.next() * pieces.length)];
      let r: ReturnType<typeof parseBothWays>;
      try {
        r = parseBothWays(s, options);
      } catch {
        continue;
      }
      expect(r.fast, s).toBe(r.earley);
      if (r.earley !== undefined) agreed++;
    }
    expect(agreed).toBeGreaterThan(300);
  });
  it('on the parse benchmark’s generated expressions', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const s = realistic(400, seed);
      const r = parseBothWays(s);
      expect(r.earley).toBeDefined();
      expect(r.fast).toBe(r.earley);
    }
  });
  it('leaves deep nesting to the Earley parser, which still reads it', () => {
    const deep = '('.repeat(3000) + 'x' + ')'.repeat(3000);
    const r = parseBothWays(deep);
    expect(r.fast).toBeUndefined();
    expect(parse(deep)).toBe(r.earley);
  });
});
