// The lexer: a scanner splits the text into raw tokens; the passes below turn them
// into the tokens the grammar sees.
//
//  1. Whitespace is dropped.
//  2. Letter runs are split into known names (function spellings, Greek
//     names, `pi`, declared variables, user functions) by greedy longest
//     match, else single letters: `xy` → x y, `sinx` → sin x, `xi` → ξ.
//     A trailing subscript (`1`, `_1`, `_{1}`, `₁`) belongs to the last piece
//     if it is a variable (`x1`), and is a number after a function or a
//     constant (`sin2x` → sin 2 x).
//  3. Superscript runs become one SUP token (`⁻¹`, `²`, `ⁿ`).
//  4. `|` is resolved to AO (opens an absolute value) or AC (closes one):
//     it closes when the previous token ends an operand and the innermost
//     open bracket is a `|`; otherwise it opens. Brackets are matched here,
//     so unbalanced input fails with a message pointing at the culprit.
//
// The grammar never sees ambiguous `|` or letter runs, which keeps it
// unambiguous.

import type { ConstName } from '../expr/expr.ts';
import { ParseError } from '../expr/errors.ts';
import { functionNames, type OpName } from '../ops/index.ts';
import type { Meaning, Names } from './names.ts';
import { SUGAR, type Sugar } from './sugar.ts';
import type { UserFunction } from './types.ts';

export type TokenType =
  | 'NUM' | 'VAR' | 'CONST' | 'FUNC' | 'SUP'
  | 'ADD' | 'SUB' | 'MUL' | 'DIV' | 'POW'
  | 'LP' | 'RP' | 'LB' | 'RB' | 'LC' | 'RC' | 'AO' | 'AC'
  | 'SQRT' | 'COMMA' | 'SEMI' | 'JUX' | 'SIGNS';

export const TOKEN_TYPES: readonly TokenType[] = [
  'NUM', 'VAR', 'CONST', 'FUNC', 'SUP', 'ADD', 'SUB', 'MUL', 'DIV', 'POW',
  'LP', 'RP', 'LB', 'RB', 'LC', 'RC', 'AO', 'AC', 'SQRT', 'COMMA', 'SEMI', 'JUX', 'SIGNS',
];

interface TokenBase {
  /** The text as written (for messages). */
  readonly text: string;
  /** UTF-16 offset into the input. */
  readonly offset: number;
  /** Position in the token list. */
  index: number;
}

export interface NumToken extends TokenBase { readonly type: 'NUM'; readonly value: number }
export interface VarToken extends TokenBase { readonly type: 'VAR'; readonly value: string }
export interface ConstToken extends TokenBase { readonly type: 'CONST'; readonly value: ConstName }
export interface FuncToken extends TokenBase {
  readonly type: 'FUNC';
  /** The spelling. */
  readonly value: string;
  readonly op: OpName | undefined;
  readonly user: UserFunction | undefined;
  /** A spelling the parser expands (pow, lg, log with two arguments). */
  readonly sugar: Sugar | undefined;
}
/** A superscript run: a signed integer (`⁻¹`) or a single signed letter (`ⁿ`, `⁻ˣ`). */
export interface SupToken extends TokenBase {
  readonly type: 'SUP';
  readonly value: string;
  readonly negative: boolean;
  readonly digits: number | undefined;
  readonly letter: Meaning | undefined;
}
/** A run of unary signs (`-`, `- +`, `−−`), innermost last. */
export interface SignsToken extends TokenBase {
  readonly type: 'SIGNS';
  readonly value: string;
  readonly negative: readonly boolean[];
}
export interface PunctToken extends TokenBase {
  readonly type: Exclude<TokenType, 'NUM' | 'VAR' | 'CONST' | 'FUNC' | 'SUP' | 'SIGNS'>;
  readonly value: string;
}
export type Token = NumToken | VarToken | ConstToken | FuncToken | SupToken | SignsToken | PunctToken;

// ---------------------------------------------------------------------------
// Raw lexing

const SUBSCRIPT = String.raw`(?:[0-9]+|_[0-9A-Za-z]+|_\{[0-9A-Za-z]+\}|[₀-₉]+)`;
const SUP_CHARS = '⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ⁱⁿˣʸᵃᵇᶜᵈᵉᶠᵍʰʲᵏˡᵐᵒᵖʳˢᵗᵘᵛʷᶻ';

/** Function spellings with a digit followed by letters (log1p), which the word rule would split. */
const DIGIT_NAMES: readonly string[] = [...functionNames.keys(), ...SUGAR.keys()].filter((n) => /[0-9][A-Za-z]/.test(n));

// The raw token classes, tried in this order at each position (the first
// that matches wins): whitespace, a number, a letter run (a digit-named
// function such as log1p first), a superscript run, any other letter with an
// optional subscript, then one-character punctuation. A hand-written scanner
// (no token objects for whitespace, dispatch on the first character).
const RAW = {
  ws: /\s+/uy,
  num: /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+\-−]?[0-9]+)?/uy,
  dword: DIGIT_NAMES.length > 0 ? new RegExp(`[A-Za-z]*(?:${DIGIT_NAMES.join('|')})`, 'uy') : undefined,
  word: new RegExp(`[A-Za-z]+${SUBSCRIPT}?`, 'uy'),
  sup: new RegExp(`[${SUP_CHARS}]+`, 'uy'),
  glyph: new RegExp(String.raw`\p{L}${SUBSCRIPT}?`, 'uy'),
  subscript: /[₀-₉]+/uy,
} as const;

type RawType =
  | 'ws' | 'num' | 'dword' | 'word' | 'sup' | 'glyph' | 'subscript' | 'underscore' | 'bar' | 'error'
  | 'pow' | 'mul' | 'div' | 'add' | 'sub' | 'lp' | 'rp' | 'lb' | 'rb' | 'lc' | 'rc' | 'sqrt' | 'comma' | 'semi';

/** One-character punctuation by character. */
const PUNCT_CHAR: ReadonlyMap<string, RawType> = new Map<string, RawType>([
  ['^', 'pow'], ['*', 'mul'], ['×', 'mul'], ['·', 'mul'], ['⋅', 'mul'], ['/', 'div'], ['÷', 'div'], ['+', 'add'], ['-', 'sub'], ['−', 'sub'],
  ['(', 'lp'], [')', 'rp'], ['[', 'lb'], [']', 'rb'], ['{', 'lc'], ['}', 'rc'], ['|', 'bar'], ['√', 'sqrt'], ['∛', 'sqrt'], ['∜', 'sqrt'],
  [',', 'comma'], [';', 'semi'], ['_', 'underscore'],
]);

/** The end of the match of a sticky regex at i, or -1. */
function stickyEnd(re: RegExp, input: string, i: number): number {
  re.lastIndex = i;
  return re.test(input) ? re.lastIndex : -1;
}

/** Scans the raw token at i (i < input.length): sets rawType and returns its end. */
let rawType: RawType = 'error';
function scan(input: string, i: number): number {
  const c = input.charCodeAt(i);
  let end: number;
  if (c < 128) {
    if (c === 32 || (c >= 9 && c <= 13)) {
      rawType = 'ws';
      return stickyEnd(RAW.ws, input, i);
    }
    if ((c >= 48 && c <= 57) || c === 46) {
      end = stickyEnd(RAW.num, input, i);
      rawType = end < 0 ? 'error' : 'num';
      return end < 0 ? input.length : end;
    }
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      if (RAW.dword !== undefined && (end = stickyEnd(RAW.dword, input, i)) >= 0) {
        rawType = 'dword';
        return end;
      }
      rawType = 'word';
      return stickyEnd(RAW.word, input, i);
    }
    if (c === 42 && input.charCodeAt(i + 1) === 42) {
      rawType = 'pow'; // **
      return i + 2;
    }
    rawType = PUNCT_CHAR.get(input[i]!) ?? 'error';
    return rawType === 'error' ? input.length : i + 1;
  }
  if ((end = stickyEnd(RAW.ws, input, i)) >= 0) {
    rawType = 'ws';
    return end;
  }
  if ((end = stickyEnd(RAW.sup, input, i)) >= 0) {
    rawType = 'sup';
    return end;
  }
  if ((end = stickyEnd(RAW.glyph, input, i)) >= 0) {
    rawType = 'glyph';
    return end;
  }
  const p = PUNCT_CHAR.get(input[i]!);
  if (p !== undefined) {
    rawType = p;
    return i + 1;
  }
  if ((end = stickyEnd(RAW.subscript, input, i)) >= 0) {
    rawType = 'subscript';
    return end;
  }
  rawType = 'error';
  return input.length;
}

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUPERSCRIPT_LETTERS: Readonly<Record<string, string>> = {
  ⁱ: 'i', ⁿ: 'n', ˣ: 'x', ʸ: 'y', ᵃ: 'a', ᵇ: 'b', ᶜ: 'c', ᵈ: 'd', ᵉ: 'e', ᶠ: 'f', ᵍ: 'g', ʰ: 'h',
  ʲ: 'j', ᵏ: 'k', ˡ: 'l', ᵐ: 'm', ᵒ: 'o', ᵖ: 'p', ʳ: 'r', ˢ: 's', ᵗ: 't', ᵘ: 'u', ᵛ: 'v', ʷ: 'w', ᶻ: 'z',
};

const PUNCT: Readonly<Record<string, PunctToken['type']>> = {
  pow: 'POW', mul: 'MUL', div: 'DIV', add: 'ADD', sub: 'SUB', lp: 'LP', rp: 'RP', lb: 'LB', rb: 'RB',
  lc: 'LC', rc: 'RC', sqrt: 'SQRT', comma: 'COMMA', semi: 'SEMI',
};

/** Token types after which an operand is complete (so a `|` there closes). */
const ENDS_OPERAND: ReadonlySet<TokenType> = new Set(['NUM', 'VAR', 'CONST', 'SUP', 'RP', 'RB', 'RC', 'AC']);
/** Token types that start an operand. */
const STARTS_OPERAND: ReadonlySet<TokenType> = new Set(['NUM', 'VAR', 'CONST', 'FUNC', 'LP', 'LB', 'LC', 'AO', 'SQRT']);

// ---------------------------------------------------------------------------

function fail(message: string, input: string, pos: number): never {
  throw new ParseError(message, input, pos);
}

function codePointAt(s: string, i: number): string {
  return String.fromCodePoint(s.codePointAt(i) ?? 0);
}

/** Splits `x_{12}`, `x12`, `x₁₂` into the letter part and the canonical subscript (`12`, `_i`). */
function splitSubscript(text: string, letters: number): { sub: string; raw: string } {
  const rawSub = text.slice(letters);
  if (rawSub === '') return { sub: '', raw: '' };
  let body = rawSub;
  if (body.startsWith('_{')) body = body.slice(2, -1);
  else if (body.startsWith('_')) body = body.slice(1);
  body = body.replace(/[₀-₉]/gu, (c) => String(SUBSCRIPT_DIGITS.indexOf(c)));
  return { sub: /^[0-9]+$/.test(body) ? body : `_${body}`, raw: rawSub };
}

function meaningToken(m: Meaning, text: string, offset: number, spelling: string): Token {
  switch (m.kind) {
    case 'op':
      return { type: 'FUNC', text, offset, index: 0, value: spelling, op: m.op, user: undefined, sugar: m.sugar };
    case 'sugar':
      return { type: 'FUNC', text, offset, index: 0, value: spelling, op: undefined, user: undefined, sugar: m.sugar };
    case 'user':
      return { type: 'FUNC', text, offset, index: 0, value: spelling, op: undefined, user: m.fn, sugar: undefined };
    case 'var':
      return { type: 'VAR', text, offset, index: 0, value: m.name };
    case 'const':
      return { type: 'CONST', text, offset, index: 0, value: m.name };
  }
}

/**
 * Emits the tokens of a name followed by an optional subscript: the
 * subscript joins a variable, is a number after a function or constant.
 */
function emitSubscripted(
  out: Token[], last: Token, sub: { sub: string; raw: string }, subOffset: number, input: string,
): void {
  if (sub.raw === '') {
    out.push(last);
    return;
  }
  if (last.type === 'VAR') {
    out.push({ ...last, text: last.text + sub.raw, value: last.value + sub.sub });
    return;
  }
  if (/^[0-9]+$/.test(sub.raw)) {
    out.push(last);
    out.push({ type: 'NUM', text: sub.raw, offset: subOffset, index: 0, value: Number(sub.raw) });
    return;
  }
  fail(`a subscript must follow a variable, not '${last.text}'`, input, subOffset);
}

/** What a letter run became, for the checks that need the token after it (unknown functions). */
interface Run {
  readonly letters: string;
  readonly offset: number;
  /** The pieces, in order; `fallback` marks a single letter read as a variable because nothing longer matched. */
  readonly pieces: readonly { readonly text: string; readonly fallback: boolean }[];
}

/** Splits a run of ASCII letters (with its subscript) into names. */
function splitWord(out: Token[], text: string, offset: number, names: Names, input: string): Run {
  const letters = /^[A-Za-z]+/.exec(text)![0];
  const sub = splitSubscript(text, letters.length);
  const n = letters.length;
  const pieces: { text: string; fallback: boolean; fn: boolean }[] = [];
  let i = 0;
  let last: Token | undefined;
  while (i < n) {
    if (last !== undefined) out.push(last);
    // A known name containing digits or `_` can only match the whole rest (`log2`, a declared `w_1`).
    if (sub.sub !== '' && n - i + sub.sub.length <= names.maxLength) {
      const whole = letters.slice(i) + sub.sub;
      const m = names.lookup(whole);
      if (m !== undefined) {
        out.push(meaningToken(m, text.slice(i), offset + i, whole));
        pieces.push({ text: whole, fallback: false, fn: true });
        checkRun(letters, offset, pieces, names, input);
        return { letters, offset, pieces };
      }
    }
    let taken = false;
    for (let len = Math.min(names.maxLength, n - i); len >= 2; len--) {
      const piece = letters.slice(i, i + len);
      const m = names.lookup(piece);
      if (m !== undefined) {
        last = meaningToken(m, piece, offset + i, piece);
        pieces.push({ text: piece, fallback: false, fn: last.type === 'FUNC' });
        i += len;
        taken = true;
        break;
      }
    }
    if (!taken) {
      const c = letters[i]!;
      const m = names.letter(c)!;
      last = meaningToken(m, c, offset + i, c);
      pieces.push({ text: c, fallback: names.lookup(c) === undefined, fn: last.type === 'FUNC' });
      i += 1;
    }
  }
  emitSubscripted(out, last!, sub, offset + n, input);
  checkRun(letters, offset, pieces, names, input);
  return { letters, offset, pieces };
}

/**
 * A registry function name inside a letter run takes at most one letter as
 * its argument (`sinx`, `logx`, `sinpix` = sin πx); two or more letters
 * after it (`logit`, `sinxy`) are an error rather than a guess.
 */
function checkRun(
  letters: string, offset: number, pieces: readonly { text: string; fallback: boolean; fn: boolean }[], names: Names, input: string,
): void {
  for (let p = 0; p < pieces.length; p++) {
    if (!pieces[p]!.fn || pieces[p]!.text.length < 2) continue;
    let loose = 0;
    for (let q = p + 1; q < pieces.length && !pieces[q]!.fn; q++) if (pieces[q]!.fallback) loose++;
    if (loose < 2) continue;
    const f = pieces[p]!.text;
    const rest = pieces.slice(p + 1).map((x) => x.text).join('');
    const guess = suggestName(letters, names);
    fail(
      `unknown name ${letters}${guess ? `: did you mean ${guess}?` : ''} (a function name in a run of letters takes one letter: sinx = sin x; for ${f} of a product write ${f} ${rest} or ${f}(${rest}))`,
      input, offset,
    );
  }
}

/**
 * An unknown name directly followed by `(` is an error unless all of it is
 * known or it is one or two single letters (`x(x + 1)`, `xy(x + 1)`).
 */
function checkCall(run: Run, names: Names, input: string): void {
  const lastPiece = run.pieces[run.pieces.length - 1]!;
  if (run.letters.length < 3 || !lastPiece.fallback) return;
  const guess = suggestName(run.letters, names);
  fail(
    `unknown function ${run.letters}${guess ? `; did you mean ${guess}?` : ''} (to multiply, write ${run.pieces.map((p) => p.text).join('·')}·(…); to use your own function, define it first)`,
    input, run.offset,
  );
}

/** The closest known function spelling by edit distance (at most 1, or 2 for longer names), if any. */
export function suggestName(word: string, names: Names): string | undefined {
  const limit = word.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestD = limit + 1;
  for (const cand of names.functionSpellings()) {
    if (Math.abs(cand.length - word.length) > limit) continue;
    const d = editDistance(word, cand, limit);
    if (d < bestD || (d === bestD && best !== undefined && cand.length < best.length)) {
      best = cand;
      bestD = d;
    }
  }
  return best;
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), capped at limit + 1. */
function editDistance(a: string, b: string, limit: number): number {
  const m = a.length;
  const n = b.length;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}

function glyphToken(out: Token[], text: string, offset: number, names: Names, input: string): void {
  const c = codePointAt(text, 0);
  const m = names.letter(c);
  if (m === undefined) fail(`unknown character '${c}'`, input, offset);
  emitSubscripted(out, meaningToken(m, c, offset, c), splitSubscript(text, c.length), offset + c.length, input);
}

function supToken(text: string, offset: number, names: Names, input: string): SupToken {
  const m = /^([⁺⁻]?)(?:([⁰¹²³⁴⁵⁶⁷⁸⁹]+)|([ⁱⁿˣʸᵃᵇᶜᵈᵉᶠᵍʰʲᵏˡᵐᵒᵖʳˢᵗᵘᵛʷᶻ]))$/u.exec(text);
  if (m === null) {
    fail(`the superscript '${text}' must be a signed integer or a single letter, as in x², x⁻¹, xⁿ`, input, offset);
  }
  const negative = m[1] === '⁻';
  if (m[2] !== undefined) {
    let digits = 0;
    for (const ch of m[2]) digits = digits * 10 + SUPERSCRIPT_DIGITS.indexOf(ch);
    return { type: 'SUP', text, offset, index: 0, value: text, negative, digits, letter: undefined };
  }
  const letter = SUPERSCRIPT_LETTERS[m[3]!]!;
  const meaning = names.letter(letter);
  const asVariable: Meaning = letter === 'e' ? { kind: 'const', name: 'e' } : { kind: 'var', name: letter, letter: true };
  return {
    type: 'SUP', text, offset, index: 0, value: text, negative, digits: undefined,
    letter: meaning?.kind === 'var' || meaning?.kind === 'const' ? meaning : asVariable,
  };
}

/**
 * Limits that keep memory bounded (an Earley parser holds a few kilobytes per
 * open bracket): deeper or longer input fails with a ParseError instead of
 * exhausting the heap.
 */
export const PARSE_LIMITS = { maxLength: 2_000_000, maxNesting: 100_000 } as const;

const OPENERS: Readonly<Record<string, string>> = { LP: ')', LB: ']', LC: '}', AO: '|' };
const CLOSER_OF: Readonly<Record<string, TokenType>> = { RP: 'LP', RB: 'LB', RC: 'LC' };

/**
 * Turns the input into grammar tokens (see the header). Throws ParseError for
 * unknown characters, malformed sub/superscripts, two numbers in a row and
 * unbalanced brackets.
 */
export function tokenize(input: string, names: Names): Token[] {
  if (input.length > PARSE_LIMITS.maxLength) {
    fail(`input longer than ${PARSE_LIMITS.maxLength} characters is not supported`, input, PARSE_LIMITS.maxLength);
  }
  const out: Token[] = [];
  let run: Run | undefined; // the letter run just before, until another token
  for (let offset = 0; offset < input.length; ) {
    const end = scan(input, offset);
    const type = rawType;
    if (type === 'ws') {
      offset = end;
      continue;
    }
    const t = { type, text: input.slice(offset, end) };
    if (run !== undefined) {
      if (type === 'lp') checkCall(run, names, input);
      run = undefined;
    }
    const at = offset;
    offset = end;
    switch (type) {
      case 'num': {
        const text = t.text.replace('−', '-');
        const value = Number(text);
        if (!Number.isFinite(value)) fail(`the number ${t.text} is too large for a double (the largest is about 1.8e308)`, input, at);
        out.push({ type: 'NUM', text: t.text, offset: at, index: 0, value });
        break;
      }
      case 'word':
        run = splitWord(out, t.text, at, names, input);
        break;
      case 'dword': {
        // a registry name with a digit inside (log1p), read whole, after the letters before it (xlog1p)
        const name = DIGIT_NAMES.find((n) => t.text.endsWith(n))!;
        const before = t.text.length - name.length;
        if (before > 0) splitWord(out, t.text.slice(0, before), at, names, input);
        out.push(meaningToken(names.lookup(name)!, name, at + before, name));
        break;
      }
      case 'glyph':
        glyphToken(out, t.text, at, names, input);
        break;
      case 'sup':
        out.push(supToken(t.text, at, names, input));
        break;
      case 'bar':
        out.push({ type: 'AO', text: '|', offset: at, index: 0, value: '|' }); // resolved below
        break;
      case 'subscript':
        fail(`a subscript must follow a variable, as in x₁`, input, at);
        break;
      case 'underscore':
        fail(`'_' starts a subscript and must follow a variable and precede digits or letters, as in x_1 or x_{12}`, input, at);
        break;
      case 'error':
        if (input[at] === '.') fail(`a decimal point must be followed by digits, as in .5`, input, at);
        fail(`unknown character '${codePointAt(input, at)}'`, input, at);
        break;
      default:
        out.push({ type: PUNCT[type]!, text: t.text, offset: at, index: 0, value: t.text });
    }
  }
  resolveBrackets(out, input);
  return markJuxtaposition(out, input);
}

/**
 * Inserts a JUX token wherever an operand ends and another starts (`2x`,
 * `x(y)`, `sin x cos y`, and after a power on a function name: `sin² x`).
 * The grammar then considers implicit multiplication only where it can
 * occur, instead of after every operand. Also merges runs of unary signs
 * into one SIGNS token (a sign is unary when no operand precedes it).
 */
function markJuxtaposition(tokens: readonly Token[], input: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    // A + or − that does not follow an operand is unary; a run of them is one SIGNS token.
    if ((t.type === 'ADD' || t.type === 'SUB') && (prev === undefined || !ENDS_OPERAND.has(prev.type))) {
      const negative: boolean[] = [];
      let j = i;
      for (; j < tokens.length && (tokens[j]!.type === 'ADD' || tokens[j]!.type === 'SUB'); j++) negative.push(tokens[j]!.type === 'SUB');
      const end = tokens[j - 1]!;
      const text = input.slice(t.offset, end.offset + end.text.length);
      out.push({ type: 'SIGNS', text, offset: t.offset, index: out.length, value: text, negative });
      i = j - 1;
      continue;
    }
    if (prev !== undefined && ENDS_OPERAND.has(prev.type) && STARTS_OPERAND.has(t.type)) {
      // Two numbers in a row (`2 3`, `sin2 3`) are almost always a typo.
      if (prev.type === 'NUM' && t.type === 'NUM') {
        fail(`a number cannot follow the number '${prev.text}': write ${prev.text}*${t.text} to multiply`, input, t.offset);
      }
      out.push({ type: 'JUX', text: '', offset: t.offset, index: out.length, value: '' });
    }
    t.index = out.length;
    out.push(t);
  }
  return out;
}

/** Decides `|` open/close and checks that brackets balance. */
function resolveBrackets(tokens: Token[], input: string): void {
  const stack: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    switch (t.type) {
      case 'LP':
      case 'LB':
      case 'LC':
        stack.push(t);
        if (stack.length > PARSE_LIMITS.maxNesting) tooDeep(t, input);
        break;
      case 'AO': {
        const prev = tokens[i - 1];
        const top = stack[stack.length - 1];
        if (prev !== undefined && ENDS_OPERAND.has(prev.type) && top?.type === 'AO') {
          tokens[i] = { type: 'AC', text: '|', offset: t.offset, index: 0, value: '|' };
          stack.pop();
        } else {
          stack.push(t);
          if (stack.length > PARSE_LIMITS.maxNesting) tooDeep(t, input);
        }
        break;
      }
      case 'RP':
      case 'RB':
      case 'RC': {
        const want = CLOSER_OF[t.type]!;
        const top = stack[stack.length - 1];
        if (top?.type === want) {
          stack.pop();
          break;
        }
        // Mismatch: if a matching opener is further down, the top one was never closed.
        if (top !== undefined && stack.some((s) => s.type === want)) {
          fail(unclosed(top), input, top.offset);
        }
        if (top !== undefined) {
          fail(`'${t.text}' does not match the '${top.text}' at position ${top.offset}: expected '${OPENERS[top.type]}'`, input, t.offset);
        }
        fail(`unmatched '${t.text}': there is no '${OPENER_TEXT[want]}' before it to close`, input, t.offset);
        break;
      }
      default:
        break;
    }
  }
  const open = stack[stack.length - 1];
  if (open !== undefined) fail(unclosed(open), input, open.offset);
}

function tooDeep(t: Token, input: string): never {
  fail(`brackets nested deeper than ${PARSE_LIMITS.maxNesting} levels are not supported`, input, t.offset);
}

const OPENER_TEXT: Readonly<Record<string, string>> = { LP: '(', LB: '[', LC: '{', AO: '|' };

function unclosed(t: Token): string {
  return t.type === 'AO'
    ? `unclosed '|': absolute value bars come in pairs, as in |x|`
    : `unclosed '${t.text}': expected a matching '${OPENERS[t.type]}'`;
}

// ---------------------------------------------------------------------------
// Lexer objects for nearley

/** Feeds a prepared token list to nearley (which accepts any object with this shape). */
export class TokenStream {
  private tokens: readonly Token[];
  private i = 0;
  constructor(tokens: readonly Token[]) {
    this.tokens = tokens;
  }
  reset(_chunk: string, _info: unknown): void {
    this.i = 0;
  }
  next(): Token | undefined {
    return this.tokens[this.i++];
  }
  save(): undefined {
    return undefined;
  }
  formatError(token: Token): string {
    return `unexpected '${token.text}'`;
  }
  has(type: string): boolean {
    return (TOKEN_TYPES as readonly string[]).includes(type);
  }
}

/** The lexer the compiled grammar refers to (for `%TYPE` symbols); parses pass their own TokenStream. */
export const grammarLexer: TokenStream = new TokenStream([]);
