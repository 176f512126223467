// The compiled grammar (src/parse/grammar.ts) is committed; it must be what
// nearleyc produces from grammar/difflab.ne. Regenerate with
// `npm run build:grammar`.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

interface NearleyCompiler {
  Parser: new (grammar: unknown) => { feed(chunk: string): void; results: unknown[] };
  Grammar: { fromCompiled(rules: unknown): unknown };
}

/** Runs nearleyc's pipeline (bootstrapped parser → compile → generate) into a string. */
function nearleyc(source: string, file: string): string {
  const nearley = require('nearley') as NearleyCompiler;
  const compile = require('nearley/lib/compile.js') as (structure: unknown, opts: object) => unknown;
  const generate = require('nearley/lib/generate.js') as (compiled: unknown, exportName: string) => string;
  const bootstrapped = require('nearley/lib/nearley-language-bootstrapped.js') as unknown;
  const { version } = require('nearley/package.json') as { version: string };
  const parser = new nearley.Parser(nearley.Grammar.fromCompiled(bootstrapped));
  parser.feed(source);
  parser.feed('\n');
  const compiled = compile(parser.results[0], { version, args: [file] });
  return generate(compiled, 'grammar');
}

describe('compiled grammar', () => {
  it('src/parse/grammar.ts is up to date with grammar/difflab.ne (run npm run build:grammar)', () => {
    const nePath = fileURLToPath(new URL('../../grammar/difflab.ne', import.meta.url));
    const tsPath = fileURLToPath(new URL('../../src/parse/grammar.ts', import.meta.url));
    const expected = nearleyc(readFileSync(nePath, 'utf8'), nePath);
    expect(readFileSync(tsPath, 'utf8')).toBe(expected);
  });
});
