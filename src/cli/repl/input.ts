// What a REPL line is: a command (`:check …`), a definition (`f(x, y) = …`),
// a derivative (`d/dx …`, `∂²/∂x∂y …`, `d²f/dx²`), a gradient (`∇ …`,
// `grad …`, `∇² …` for the Laplacian) or an expression. Only the head of
// the line is read here; the expression itself goes to the parser, with
// its offset in the line so that carets point into what was typed.

import { ParseError } from '../../expr/errors.ts';
import { canonicalName, GREEK_GLYPH } from '../../expr/names.ts';
import { readArgumentNames } from '../../parse/index.ts';

/** ∂ⁿ/∂x∂y…: the variables in the denominator, one entry per differentiation, as written (left to right). */
export interface DerivativeSpec {
  /** The symbol typed in the numerator. */
  readonly symbol: 'd' | '∂';
  readonly order: number;
  /** Canonical variable names, repeated by their powers: ∂³/∂x²∂y → [x, x, y]. */
  readonly wrt: readonly string[];
  /** The head as typed (`d²/dx²`), for messages. */
  readonly head: string;
}

export type Input =
  | { readonly kind: 'blank' }
  | { readonly kind: 'command'; readonly name: string; readonly rest: string; readonly offset: number }
  | {
      readonly kind: 'definition';
      readonly name: string;
      /** Argument names (canonical), or undefined for `f = …`. */
      readonly params: readonly string[] | undefined;
      /** Of those, the names after the semicolon of f(x; w, b) (the parameters training learns). */
      readonly parameters: readonly string[];
      readonly body: string;
      readonly offset: number;
    }
  | {
      readonly kind: 'derivative';
      readonly spec: DerivativeSpec;
      /** `df/dx`: the defined name in the numerator (the body is then empty). */
      readonly of: string | undefined;
      readonly body: string;
      readonly offset: number;
    }
  | { readonly kind: 'gradient'; readonly laplacian: boolean; readonly body: string; readonly offset: number }
  | { readonly kind: 'expression'; readonly text: string; readonly offset: number };

export interface ReadOptions {
  /** Declared multi-letter variables: `d/drate` reads `rate` when it is declared. */
  readonly variables?: readonly string[];
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SPELLED_GREEK: readonly string[] = [...GREEK_GLYPH.keys()].sort((a, b) => b.length - a.length);
const DEFINITION = /^(\s*)([\p{L}][\p{L}\p{N}_]*)\s*(?:\(([^()=]*)\))?\s*=(?!=)/u;

/** Reads the head of a line. Throws ParseError (positioned in the line) on a malformed head. */
export function readInput(line: string, options: ReadOptions = {}): Input {
  const start = line.length - line.trimStart().length;
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return { kind: 'blank' };
  if (text.startsWith(':')) {
    const m = /^:(\S*)\s*/u.exec(text)!;
    return { kind: 'command', name: m[1]!.toLowerCase(), rest: text.slice(m[0].length), offset: start + m[0].length };
  }
  const def = DEFINITION.exec(line);
  if (def) return readDefinition(line, def);
  const grad = /^(?:∇(²|\^2)?|grad(?=[\s([{]|$))\s*/u.exec(text);
  if (grad) {
    const offset = start + grad[0].length;
    const body = line.slice(offset).trimEnd();
    if (body === '') throw new ParseError(`${grad[0].trim()} needs an expression after it, as in ∇ x²y`, line, offset);
    return { kind: 'gradient', laplacian: grad[1] !== undefined, body, offset };
  }
  const d = readDerivativeHead(line, start, options);
  if (d) return d;
  // (d/dx sin x): a derivative in brackets that enclose the whole line.
  const inside = enclosed(line, start, line.trimEnd().length);
  if (inside.start > start) {
    const innerLine = line.slice(0, inside.end);
    const innerStart = inside.start + (innerLine.slice(inside.start).length - innerLine.slice(inside.start).trimStart().length);
    if (/^[d∂]/u.test(innerLine.slice(innerStart))) {
      const inner = readDerivativeHead(innerLine, innerStart, options);
      if (inner !== undefined) return inner;
    }
  }
  return { kind: 'expression', text: line.trimEnd(), offset: 0 };
}

function readDefinition(line: string, m: RegExpExecArray): Input {
  const nameStart = m[1]!.length;
  const name = canonicalName(m[2]!);
  if (name === undefined) throw new ParseError(`${JSON.stringify(m[2])} cannot be defined: a name is a letter followed by letters or digits`, line, nameStart);
  let params: string[] | undefined;
  let parameters: string[] = [];
  if (m[3] !== undefined) {
    // The parser calls user functions by ASCII names only: φ(2) reads as the variable φ times 2.
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(m[2]!)) {
      throw new ParseError(`a function is named with Latin letters (${m[2]} reads as a variable): write ${name}(…) = …`, line, nameStart);
    }
    const paramsStart = line.indexOf('(', nameStart) + 1;
    // f(x; w, b): inputs before the semicolon, parameters after it
    const { inputs, parameters: after } = readArgumentNames(line, m[3], paramsStart);
    params = [...inputs, ...after];
    parameters = after;
  }
  const offset = m[0].length + (line.slice(m[0].length).length - line.slice(m[0].length).trimStart().length);
  const body = line.slice(offset).trimEnd();
  if (body === '') throw new ParseError(`the definition of ${name} needs an expression after '='`, line, offset);
  return { kind: 'definition', name, params, parameters, body, offset };
}

// ---------------------------------------------------------------------------
// d/dx, ∂/∂y, d²/dx², ∂²/∂x∂y, d²f/dx²

class Scanner {
  pos: number;
  constructor(
    readonly s: string,
    pos: number,
  ) {
    this.pos = pos;
  }
  peek(n = 1): string {
    return this.s.slice(this.pos, this.pos + n);
  }
  skipSpaces(): void {
    while (this.pos < this.s.length && /\s/u.test(this.s[this.pos]!)) this.pos++;
  }
  eat(re: RegExp): string | undefined {
    const m = new RegExp(re.source, 'uy');
    m.lastIndex = this.pos;
    const r = m.exec(this.s);
    if (!r) return undefined;
    this.pos += r[0].length;
    return r[0];
  }
}

/** A power: `²`, `^2`, `^{2}`; undefined when there is none. */
function readPower(sc: Scanner): number | undefined {
  const sup = sc.eat(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/);
  if (sup !== undefined) return Number([...sup].map((c) => SUPERSCRIPT_DIGITS.indexOf(c)).join(''));
  const caret = sc.eat(/\^\{?[0-9]+\}?/);
  if (caret !== undefined) return Number(caret.replace(/[^0-9]/g, ''));
  return undefined;
}

/** A variable spelling: a declared name, a spelled Greek letter, or one letter; then a subscript. */
function readVariable(sc: Scanner, declared: readonly string[]): string | undefined {
  const s = sc.s;
  const boundary = (end: number): boolean => end >= s.length || !/[A-Za-z]/.test(s[end]!);
  let stem: string | undefined;
  for (const name of [...declared].sort((a, b) => b.length - a.length)) {
    if (s.startsWith(name, sc.pos) && boundary(sc.pos + name.length)) {
      stem = name;
      break;
    }
  }
  if (stem === undefined) {
    for (const g of SPELLED_GREEK) {
      if (s.startsWith(g, sc.pos) && boundary(sc.pos + g.length)) {
        stem = g;
        break;
      }
    }
  }
  if (stem === undefined) {
    const m = /^\p{L}/u.exec(s.slice(sc.pos));
    if (!m) return undefined;
    stem = m[0];
  }
  sc.pos += stem.length;
  const sub = sc.eat(/[0-9]+|_[0-9]+|_\{[0-9]+\}|[₀-₉]+/) ?? '';
  return stem + sub;
}

function readDerivativeHead(line: string, start: number, options: ReadOptions): Input | undefined {
  const declared = options.variables ?? [];
  const sc = new Scanner(line, start);
  const symbol = sc.eat(/[d∂]/);
  if (symbol === undefined) return undefined;
  // `d…` that is not a derivative head is an ordinary expression (d/2, dx); `∂` never is.
  const notAHead = (pos: number): undefined => {
    if (symbol === '∂') throw new ParseError(`expected a partial derivative such as ∂/∂x x²y or ∂²/∂x∂y x²y`, line, pos);
    return undefined;
  };
  const order = readPower(sc);
  // The numerator may name a definition: df/dx, ∂²f/∂x∂y.
  let of: string | undefined;
  if (sc.peek() !== '/' && !/\s/u.test(sc.peek())) {
    const spelled = readVariable(sc, declared);
    if (spelled === undefined) return notAHead(sc.pos);
    of = canonicalName(spelled);
    if (of === undefined) return notAHead(sc.pos - spelled.length);
  }
  sc.skipSpaces();
  if (sc.eat(/\//) === undefined) return notAHead(sc.pos);
  sc.skipSpaces();
  // From here on the line has the shape of a derivative: errors are reported, not passed to the parser.
  const wrt: string[] = [];
  const denominatorAt = sc.pos;
  for (;;) {
    const factorAt = sc.pos;
    if (sc.eat(/[d∂]/) === undefined) {
      if (wrt.length === 0) {
        if (of === undefined && order === undefined) return notAHead(factorAt); // d/2: an ordinary quotient
        throw new ParseError(`expected d or ∂ and a variable after '/', as in ${symbol}/${symbol}x`, line, factorAt);
      }
      sc.pos = factorAt;
      break;
    }
    const varAt = sc.pos;
    const spelled = readVariable(sc, declared);
    const name = spelled === undefined ? undefined : canonicalName(spelled);
    if (name === undefined) {
      if (spelled === undefined && wrt.length === 0 && of === undefined && order === undefined && symbol === 'd') return undefined; // d/d + 1
      throw new ParseError(`expected a variable after ${symbol}, as in ${symbol}x${spelled === undefined ? '' : ` (${spelled} is not a variable)`}`, line, varAt);
    }
    const power = readPower(sc) ?? 1;
    if (power < 1) throw new ParseError(`the order of a derivative is at least 1`, line, varAt);
    for (let i = 0; i < power; i++) wrt.push(name);
    const after = sc.pos;
    sc.skipSpaces();
    if (sc.peek() === '∂') continue; // another factor of a mixed partial: ∂²/∂x∂y
    sc.pos = after;
    break;
  }
  const head = line.slice(start, sc.pos);
  const next = sc.peek();
  if (/[\p{L}\p{N}_]/u.test(next)) {
    throw new ParseError(
      `${head} is followed by '${next}': leave a space before the expression (${head} ${line.slice(sc.pos).trim()}), or declare a longer variable name with :vars`,
      line,
      sc.pos,
    );
  }
  const n = order ?? 1;
  if (n < 1) throw new ParseError('the order of a derivative is at least 1', line, start + 1);
  if (n !== wrt.length) {
    throw new ParseError(
      `the orders do not match: ${head} has order ${n} in the numerator and ${wrt.length} in the denominator (write ${n === 1 ? `${symbol}/${symbol}x` : `${symbol}${sup(n)}/${symbol}x${sup(n)}`})`,
      line,
      denominatorAt,
    );
  }
  sc.skipSpaces();
  const offset = sc.pos;
  const body = line.slice(offset).trimEnd();
  if (of !== undefined && body !== '') {
    throw new ParseError(`${head} already names what to differentiate (${of}); nothing may follow it`, line, offset);
  }
  if (of === undefined && body === '') throw new ParseError(`${head} needs an expression after it, as in ${head} sin x`, line, offset);
  const outer: DerivativeInput = { kind: 'derivative', spec: { symbol: symbol as 'd' | '∂', order: n, wrt, head }, of, body, offset };
  return of === undefined ? (nestedDerivative(outer, line, options) ?? outer) : outer;
}

type DerivativeInput = Extract<Input, { kind: 'derivative' }>;

/**
 * d/dx (d/dx sin x), d/dx d/dx x³: a derivative of a derivative is one
 * derivative of the summed order, its variables as written (the outer one
 * applied last). The inner one may be in brackets that enclose the whole rest.
 */
function nestedDerivative(outer: DerivativeInput, line: string, options: ReadOptions): DerivativeInput | undefined {
  const { start, end } = enclosed(line, outer.offset, outer.offset + outer.body.length);
  const innerLine = line.slice(0, end);
  const innerStart = start + (innerLine.slice(start).length - innerLine.slice(start).trimStart().length);
  if (!/^[d∂]/u.test(innerLine.slice(innerStart))) return undefined;
  const inner = readDerivativeHead(innerLine, innerStart, options);
  if (inner === undefined || inner.kind !== 'derivative') return undefined;
  const symbol = outer.spec.symbol === '∂' || inner.spec.symbol === '∂' ? '∂' : 'd';
  const wrt = [...outer.spec.wrt, ...inner.spec.wrt];
  return {
    kind: 'derivative',
    spec: { symbol, order: wrt.length, wrt, head: `${outer.spec.head} ${inner.spec.head}` },
    of: inner.of,
    body: inner.body,
    offset: inner.offset,
  };
}

const CLOSING: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** The inside of brackets that enclose all of line[start, end) (as one pair), else the range itself. */
function enclosed(line: string, start: number, end: number): { start: number; end: number } {
  const open = line[start];
  const close = open === undefined ? undefined : CLOSING[open];
  if (close === undefined || line[end - 1] !== close) return { start, end };
  let depth = 0;
  for (let i = start; i < end; i++) {
    const ch = line[i]!;
    if (ch in CLOSING) depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    if (depth === 0 && i < end - 1) return { start, end }; // (a)(b): the first pair closes early
  }
  return { start: start + 1, end: end - 1 };
}

const sup = (n: number): string => [...String(n)].map((d) => SUPERSCRIPT_DIGITS[Number(d)]!).join('');

/** Derivative notation for a spec: d/dx, ∂²/∂x∂y, d³/dx³. */
export function derivativeName(wrt: readonly string[], symbol: 'd' | '∂', show: (name: string) => string): string {
  const groups: [string, number][] = [];
  for (const v of wrt) {
    const last = groups[groups.length - 1];
    if (last && last[0] === v) last[1]++;
    else groups.push([v, 1]);
  }
  const n = wrt.length;
  const den = groups.map(([v, k]) => `${symbol}${show(v)}${k > 1 ? sup(k) : ''}`).join('');
  return `${symbol}${n > 1 ? sup(n) : ''}/${den}`;
}

// ---------------------------------------------------------------------------
// Multiline input

/** How many brackets are still open at the end of the text ((, [, {); negative when more close than open. */
export function openBrackets(text: string): number {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return depth;
}

/** True while the input so far needs more lines: a bracket is still open. */
export function needsMoreInput(text: string): boolean {
  return openBrackets(text) > 0;
}
