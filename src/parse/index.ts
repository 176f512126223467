// The textbook-notation parser: text → Expr.
//
//   parse('2x sin x + e^{−x²}')
//
// Pipeline: lexer.ts (moo + passes: names, superscripts, `|`, brackets) →
// nearley with the grammar in grammar/difflab.ne (a light syntax tree) →
// convert.ts (iterative; arity and notation checks) → Expr. Every failure
// is a ParseError with a position.

import nearley from 'nearley';
import { ParseError } from '../expr/errors.ts';
import type { Expr } from '../expr/expr.ts';
import type { Ast } from './ast.ts';
import { Converter } from './convert.ts';
import { fastParse } from './fast.ts';
import grammar from './grammar.ts';
import type { Token, TokenType } from './lexer.ts';
import { TokenStream, tokenize as lex } from './lexer.ts';
import { Names } from './names.ts';
import type { ParseOptions } from './types.ts';

export { GREEK } from './names.ts';
export { SUGAR, type Sugar } from './sugar.ts';
export { definitionHead, parseDefinition, readArgumentNames, readDefinitionHead, userFunction, type DefinitionHead, type FunctionDefinition } from './definition.ts';
export type { ParseOptions, UserFunction } from './types.ts';
export type { Token, TokenType } from './lexer.ts';
export { PARSE_LIMITS, TOKEN_TYPES } from './lexer.ts';

const compiled = nearley.Grammar.fromCompiled(grammar as unknown as nearley.CompiledRules);

const VAR_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const defaultNames = new Names([], undefined);

function namesFor(input: string, options: ParseOptions | undefined): Names {
  if (options === undefined || (options.variables === undefined && options.functions === undefined)) return defaultNames;
  const declared = options?.variables ?? [];
  for (const v of declared) {
    if (!VAR_NAME.test(v)) throw new ParseError(`invalid declared variable name ${JSON.stringify(v)}: use a letter followed by letters, digits or _`, input, 0);
  }
  for (const f of options?.functions?.keys() ?? []) {
    if (!VAR_NAME.test(f)) throw new ParseError(`invalid function name ${JSON.stringify(f)}: use a letter followed by letters, digits or _`, input, 0);
  }
  return new Names(declared, options?.functions);
}

/** The tokens the grammar sees (names resolved, `|` as AO/AC). Throws ParseError on lexical errors. */
export function tokenize(input: string, options?: ParseOptions): Token[] {
  return lex(input, namesFor(input, options));
}

interface Raw {
  readonly tokens: Token[];
  readonly results: Ast[];
}

function runParser(input: string, options: ParseOptions | undefined, lexed?: Token[]): Raw {
  const tokens = lexed ?? tokenize(input, options);
  if (tokens.length === 0) throw new ParseError('empty input: expected an expression', input, 0);
  const parser = new nearley.Parser(compiled, { lexer: new TokenStream(tokens) as unknown as nearley.Lexer });
  // nearley's own report walks the parse table recursively (and at length); ours is built below.
  const p = parser as unknown as { reportError(): string; reportLexerError(): string };
  p.reportError = () => 'syntax error';
  p.reportLexerError = () => 'syntax error';
  try {
    parser.feed('');
  } catch (e) {
    const token = (e as { token?: Token }).token;
    if (token === undefined || typeof token.index !== 'number') throw e;
    throw syntaxError(input, tokens, token.index, parser);
  }
  const results = parser.results as Ast[];
  if (results.length === 0) throw syntaxError(input, tokens, tokens.length, parser);
  return { tokens, results };
}

/**
 * Parses textbook notation into an expression. Throws ParseError, and
 * nothing else, on any invalid input.
 */
export function parse(input: string, options?: ParseOptions): Expr {
  try {
    // The recursive-descent reader builds the grammar's tree quickly; on any
    // doubt (an error, very deep nesting) the Earley parser decides.
    const tokens = tokenize(input, options);
    const fast = tokens.length > 0 ? fastParse(tokens) : undefined;
    if (fast !== undefined) return new Converter(input).convert(fast);
    const { results } = runParser(input, options, tokens);
    return new Converter(input).convert(results[0]!);
  } catch (e) {
    if (e instanceof ParseError) throw e;
    const message = e instanceof RangeError ? 'expression too large or too deeply nested' : `cannot parse: ${e instanceof Error ? e.message : String(e)}`;
    throw new ParseError(message, input, 0);
  }
}

/**
 * The number of parses nearley finds for the input (0 when it does not
 * parse). The grammar is unambiguous: any accepted input has exactly one.
 * Lexical errors still throw ParseError.
 */
export function countParses(input: string, options?: ParseOptions): number {
  try {
    return runParser(input, options).results.length;
  } catch (e) {
    if (e instanceof SyntaxErrorMarker) return 0;
    throw e;
  }
}

// ---------------------------------------------------------------------------
// Syntax errors: from the parser state to a message a person can act on.

/** A ParseError raised by the grammar (as opposed to the lexer). */
class SyntaxErrorMarker extends ParseError {}

const OPERAND_START: ReadonlySet<TokenType> = new Set(['NUM', 'VAR', 'CONST', 'FUNC', 'LP', 'LB', 'LC', 'AO', 'SQRT']);
const OPERATORS: ReadonlySet<TokenType> = new Set(['ADD', 'SUB', 'SIGNS', 'MUL', 'DIV', 'POW', 'COMMA', 'SQRT', 'LP', 'LB', 'LC', 'AO']);

interface StateLike {
  rule: { name: string; symbols: unknown[] };
  dot: number;
  left?: StateLike;
  right?: { data?: unknown };
}
interface ColumnLike {
  states: StateLike[];
  scannable: StateLike[];
}

/** Token types the parser could have accepted next, and a function awaiting its argument, if any. */
function expectation(parser: nearley.Parser): { expected: Set<string>; awaiting: Token | undefined } {
  const p = parser as unknown as { table: (ColumnLike | undefined)[]; current: number };
  const column = p.table[p.current];
  const expected = new Set<string>();
  let awaiting: Token | undefined;
  if (column === undefined) return { expected, awaiting };
  for (const s of column.scannable) {
    const sym = s.rule.symbols[s.dot] as { type?: string } | undefined;
    if (sym?.type !== undefined) expected.add(sym.type);
  }
  for (const s of column.states) {
    // `appOpen -> heads ● argseq`: a paren-less function application that has no argument yet.
    if (s.rule.name === 'appOpen' && s.dot === 1) {
      const heads = s.right?.data as { last?: { func?: Token } } | undefined;
      awaiting = heads?.last?.func ?? awaiting;
    }
    // `headPre -> FUNC POW echain ● JUX`: a function with a power (sin^2) and nothing after it.
    if (s.rule.name === 'headPre' && (s.rule.symbols[s.dot] as { type?: string } | undefined)?.type === 'JUX') {
      let first: StateLike | undefined = s;
      while (first !== undefined && first.dot > 1) first = first.left;
      const func = first?.right?.data as Token | undefined;
      if (func?.type === 'FUNC') awaiting = func;
    }
  }
  return { expected, awaiting };
}

function syntaxError(input: string, tokens: readonly Token[], index: number, parser: nearley.Parser): ParseError {
  const { expected, awaiting } = expectation(parser);
  // JUX marks are invisible in the text: report the real tokens around them.
  const found = tokens[index]?.type === 'JUX' ? tokens[index + 1] : tokens[index];
  const prev = tokens[index - 1]?.type === 'JUX' ? tokens[index - 2] : tokens[index - 1];
  const at = found?.offset ?? (prev === undefined ? input.length : prev.offset + prev.text.length);
  const err = (message: string, pos: number = at): ParseError => new SyntaxErrorMarker(message, input, pos);
  const wantsOperand = [...expected].some((t) => OPERAND_START.has(t as TokenType));

  if (awaiting !== undefined && (found === undefined || !expected.has(found.type))) {
    const f = awaiting.text;
    const extra = found?.type === 'SIGNS' ? `; a negative argument needs parentheses, ${f}(−x)` : '';
    return err(`${f} needs an argument: write ${f} x or ${f}(x)${extra}`, awaiting.offset);
  }
  if (found === undefined) {
    if (prev !== undefined && wantsOperand) return err(`expected an operand after '${prev.text}'`);
    return err('unexpected end of input');
  }
  if (found.type === 'COMMA') {
    return err(`',' separates the arguments of a function call, as in max(a, b); it cannot appear here`);
  }
  if (found.type === 'SUP' && (prev === undefined || !OPERATORS.has(prev.type))) {
    return err(`unexpected superscript '${found.text}': a superscript directly follows its base, as in x²; for a power of a power write (x²)³`);
  }
  if (prev?.type === 'SQRT' && found.type === 'SIGNS') {
    return err(`√ applies to the operand right after it: write √(${found.text}x)`);
  }
  if (wantsOperand && !OPERAND_START.has(found.type)) {
    if (prev === undefined) return err(`expected an operand before '${found.text}'`);
    if (OPERATORS.has(prev.type)) {
      if (prev.type === 'LP' || prev.type === 'LB' || prev.type === 'LC' || prev.type === 'AO') {
        if (found.type === 'RP' || found.type === 'RB' || found.type === 'RC' || found.type === 'AC') {
          return err(`empty '${prev.text}${found.text}': expected an expression inside`, prev.offset);
        }
        return err(`expected an operand after '${prev.text}'`);
      }
      return err(`expected an operand after '${prev.text}'`);
    }
  }
  if (found.type === 'POW') {
    return err(`unexpected '${found.text}': ${prev === undefined ? 'a power needs a base' : 'use parentheses for a power of a power, as in (x²)^3'}`);
  }
  return err(`unexpected '${found.text}'`);
}

/**
 * The syntax tree by the Earley parser alone (undefined when it finds no
 * parse), and by the recursive-descent reader alone (undefined when it gives
 * up), as expressions: for the tests that check the two agree.
 */
export function parseBothWays(input: string, options?: ParseOptions): { earley: Expr | undefined; fast: Expr | undefined } {
  const tokens = tokenize(input, options);
  let earley: Expr | undefined;
  try {
    const { results } = runParser(input, options, tokens);
    earley = new Converter(input).convert(results[0]!);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
  }
  const ast = tokens.length > 0 ? fastParse(tokens) : undefined;
  let fast: Expr | undefined;
  if (ast !== undefined) {
    try {
      fast = new Converter(input).convert(ast);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
    }
  }
  return { earley, fast };
}
