// Printers: explicit ASCII (re-parses to the same object), Unicode textbook
// form (`ln x + x²y − sin(xy)`) and LaTeX.
//
// Each node is printed once, bottom-up over the DAG (no recursion, so deep
// trees are fine); parents decide about parentheses from their children's
// precedence. Op names and notation come from the registry.

import { functionNames, opDef, type OpName } from '../ops/index.ts';
import { DiffError } from './errors.ts';
import { assertNever, type Expr } from './expr.ts';
import { GREEK_GLYPH, latexName, superscript, unicodeName } from './names.ts';
import { topoOrder, treeSize } from './traverse.ts';

/** Precedence of a printed form: how tightly it holds together. */
const enumPrec = { SUM: 1, PROD: 2, NEG: 3, POW: 4, ATOM: 5 } as const;
type Prec = (typeof enumPrec)[keyof typeof enumPrec];
const { SUM, PROD, NEG, POW, ATOM } = enumPrec;

/** The largest tree the printers will spell out. */
export const MAX_PRINT_TREE = 2_000_000;

function guardSize(e: Expr): void {
  const t = treeSize(e);
  if (t > MAX_PRINT_TREE) {
    throw new DiffError(
      `expression too large to print: its tree has ${t.toExponential(2)} nodes (limit ${MAX_PRINT_TREE.toExponential(0)}); its DAG can still be evaluated, differentiated and measured`,
    );
  }
}

// ---------------------------------------------------------------------------
// Explicit ASCII

interface Ascii {
  readonly s: string;
  readonly prec: Prec;
  /** The first two characters (known from the parts: inspecting a long concatenated string would flatten it, quadratic on deep nesting). */
  readonly lead: string;
  /** Contains a space. */
  readonly spaced: boolean;
}

/**
 * Joins with a separator by concatenation, never Array.join: concatenated
 * strings are ropes, so building a 10⁵-deep max(x, max(…)) stays linear.
 */
function joinRope(parts: readonly string[], sep: string): string {
  let s = parts[0] ?? '';
  for (let i = 1; i < parts.length; i++) s = s + sep + parts[i]!;
  return s;
}

/** Exact decimal form of a number that re-reads to the same double. */
function asciiNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  return String(v);
}

/**
 * Explicit ASCII: every multiplication written as `*`, every function call
 * with parentheses. `parse(printAscii(e)) === e` for every e the parser builds.
 */
export function printAscii(e: Expr): string {
  guardSize(e);
  const out = new Map<Expr, Ascii>();
  const wrap = (a: Ascii, need: boolean): string => (need ? `(${a.s})` : a.s);
  for (const n of topoOrder(e)) {
    let r: Ascii;
    switch (n.kind) {
      case 'num':
        // The parser reads a sign before a literal as part of it, so num(−2) is written `-2`
        // (a signed operand: parenthesized as a power's base).
        // An exact integer beyond 2⁵³ prints its digits (read back, it is the nearest double).
        {
          const s = n.value < 0 || Object.is(n.value, -0) ? `-${n.digits?.slice(1) ?? asciiNumber(-n.value)}` : (n.digits ?? asciiNumber(n.value));
          r = { s, prec: s.startsWith('-') ? NEG : ATOM, lead: s.slice(0, 2), spaced: false };
        }
        break;
      case 'var':
        r = { s: n.name, prec: ATOM, lead: n.name.slice(0, 2), spaced: false };
        break;
      case 'const':
        r = { s: n.name, prec: ATOM, lead: n.name.slice(0, 2), spaced: false };
        break;
      case 'call': {
        const a = n.args.map((c) => out.get(c)!);
        const def = opDef(n.op);
        const nt = def.notation;
        if (nt.type === 'infix') {
          // Left-associative: the first operand may be at the same level, the rest must bind tighter.
          const level: Prec = nt.prec === 1 ? SUM : PROD;
          const w0 = a[0]!.prec < level;
          let s = wrap(a[0]!, w0);
          for (let i = 1; i < a.length; i++) s += ` ${nt.ascii} ${wrap(a[i]!, a[i]!.prec <= level)}`;
          r = { s, prec: level, lead: w0 ? `(${a[0]!.lead.slice(0, 1)}` : a[0]!.lead, spaced: true };
        } else if (n.op === 'neg') {
          // −(2) must keep its parentheses, or it would read back as the literal −2.
          const x = a[0]!;
          const w = x.prec < NEG || n.args[0]!.kind === 'num';
          const inner = wrap(x, w);
          const innerMinus = !w && x.lead.startsWith('-');
          r = { s: innerMinus ? `- ${inner}` : `-${inner}`, prec: NEG, lead: innerMinus ? '- ' : `-${w ? '(' : x.lead.slice(0, 1)}`, spaced: innerMinus || x.spaced };
        } else if (n.op === 'pow') {
          const [b, x] = a as [Ascii, Ascii];
          const expOk = x.prec >= POW || (x.prec === NEG && x.lead.length === 2 && x.lead[0] === '-' && x.lead[1] !== '-' && !x.spaced);
          // A power of the constant e is written (e)^x: e^x reads as exp(x).
          const base = n.args[0]!.kind === 'const' && n.args[0]!.name === 'e';
          const wb = b.prec < ATOM || base;
          r = { s: `${wrap(b, wb)}^${wrap(x, !expOk)}`, prec: POW, lead: wb ? `(${b.lead.slice(0, 1)}` : b.lead, spaced: b.spaced || x.spaced };
        } else {
          r = { s: `${n.op}(${joinRope(a.map((x) => x.s), ', ')})`, prec: ATOM, lead: n.op.slice(0, 2), spaced: a.length > 1 || a.some((x) => x.spaced) };
        }
        break;
      }
      default:
        assertNever(n);
    }
    out.set(n, r);
  }
  return out.get(e)!.s;
}

// ---------------------------------------------------------------------------
// Textbook forms (Unicode and LaTeX)

interface Pretty {
  readonly s: string;
  readonly prec: Prec;
  /** A single token: a variable, a non-negative number or a constant. */
  readonly simple: boolean;
  /** Starts with a digit (so juxtaposing it after a factor needs a ·). */
  readonly digitStart: boolean;
  /** Starts with a minus sign. */
  readonly minusStart: boolean;
  /** Starts with a function name (juxtaposing after `sin x` stays readable). */
  readonly fnStart: boolean;
  /** Printed as a function applied without parentheses (`sin x`); `paren` is the other form. */
  readonly bare: boolean;
  readonly paren: string;
  /** A multi-letter variable name (juxtaposition would be misread). */
  readonly word: boolean;
  /** The plain ASCII of a simple exponent candidate (`2`, `-1`, `x`), for superscripts. */
  readonly supText: string | undefined;
  /** Has absolute-value bars somewhere inside (known from the DAG, not by searching the string). */
  readonly bars: boolean;
  /** A function power such as sin²x: as a base it needs parentheses ((cos²x)², not cos²x²). */
  readonly fnPower?: boolean;
}

type Flavor = 'unicode' | 'latex';

function prettyNumber(v: number, f: Flavor): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return f === 'latex' ? '\\infty' : '∞';
  const s = Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : String(+v.toPrecision(12));
  if (f === 'latex') return s.replace(/e([+-]?)(\d+)/, (_m, sg: string, d: string) => ` \\times 10^{${sg === '-' ? '-' : ''}${d}}`);
  return s;
}

// Composite forms pass digitStart explicitly: testing a long concatenated
// string would flatten it and make printing quadratic on deep chains.
function makePretty(s: string, prec: Prec, extra: Partial<Pretty> = {}): Pretty {
  return {
    s,
    prec,
    simple: false,
    digitStart: false,
    minusStart: false,
    fnStart: false,
    bare: false,
    paren: s,
    word: false,
    supText: undefined,
    bars: false,
    ...extra,
  };
}

const MINUS = { unicode: '−', latex: '-' } as const;

/**
 * Spellings a run of juxtaposed letters could be read as: function names,
 * `pi`, spelled Greek letters. Single letters written side by side must not
 * form one (l·n·x would print as `lnx`, which reads as ln x).
 */
let reserved: { readonly words: readonly string[]; readonly longest: number } | undefined;
function reservedWords(): { readonly words: readonly string[]; readonly longest: number } {
  if (reserved === undefined) {
    const words = [...new Set([...functionNames.keys(), ...GREEK_GLYPH.keys(), 'pi'])].filter((w) => /^[A-Za-z]{2,}$/.test(w));
    reserved = { words, longest: Math.max(...words.map((w) => w.length)) };
  }
  return reserved;
}

/** True if joining the letter run `before` to `after` (no sign between) spells a reserved word across the junction. */
function joinsIntoWord(before: string, after: string): boolean {
  if (before === '' || after === '') return false;
  const { words, longest } = reservedWords();
  const a = before.slice(-longest);
  const b = after.slice(0, longest);
  const joined = a + b;
  for (const w of words) {
    // an occurrence that starts in `a` and ends in `b`
    for (let i = joined.indexOf(w); i >= 0; i = joined.indexOf(w, i + 1)) if (i < a.length && i + w.length > a.length) return true;
  }
  return false;
}

/** The Unicode spelling of a function if the parser reads it back as the same op (`σ`), else the op's own name (`H` would read as a variable). */
const readableName = (op: OpName, unicode: string): string => (functionNames.get(unicode) === op ? unicode : op);

const trailingLetters = (s: string): string => /[A-Za-z]*$/.exec(s)![0];
const leadingLetters = (s: string): string => /^[A-Za-z]*/.exec(s)![0];
/** Letters and subscript digits at the end (x₁, xox₁): the lexer reads such a run before '(' as one name. */
const trailingName = (s: string): string => /[A-Za-z₀-₉]*$/u.exec(s)![0];
const letterCount = (s: string): number => s.replace(/[₀-₉]/gu, '').length;
/** Whether joining `piece` after a run of letters puts three or more letters right before '(' (xy + x(−1)… reads as xyx(…)). */
function opensCall(nameRun: string, piece: string): boolean {
  const lead = /^[A-Za-z₀-₉]*/u.exec(piece)![0];
  return piece.charAt(lead.length) === '(' && letterCount(nameRun + lead) >= 3;
}

function prettyPrint(e: Expr, f: Flavor): string {
  guardSize(e);
  const L = f === 'latex';
  const minus = MINUS[f];
  const paren = (s: string): string => (L ? `\\left(${s}\\right)` : `(${s})`);
  const out = new Map<Expr, Pretty>();
  const wrap = (p: Pretty, need: boolean): string => (need ? paren(p.s) : p.s);

  const negate = (p: Pretty): Pretty => {
    const w = p.prec < PROD || p.minusStart;
    // −1/2 is still a quotient: a factor juxtaposed after it would join its denominator
    return makePretty(`${minus}${wrap(p, w)}`, !w && p.prec === PROD ? PROD : NEG, {
      minusStart: true,
      supText: p.supText !== undefined && /^[^-]/.test(p.supText) ? `-${p.supText}` : undefined,
      // −sin x is still a function without parentheses: a factor after it must not join its argument
      bare: !w && p.bare,
      paren: `${minus}${w ? paren(p.s) : p.paren}`,
    });
  };

  /** A term of a sum, with its sign split off: "− 2x" rather than "+ −2x". */
  const term = (p: Pretty, first: boolean, negated: boolean): string => {
    let s = wrap(p, !first && p.prec <= SUM && !negated);
    let neg = negated;
    if (!first || negated) {
      if (p.prec <= SUM && negated) s = paren(p.s);
      else if (p.minusStart && p.prec >= PROD && p.prec <= NEG) {
        s = s.slice(minus.length);
        neg = !neg;
      }
    }
    if (first) return neg ? `${minus}${s}` : s;
    return neg ? ` ${minus} ${s}` : ` + ${s}`;
  };

  /** A product laid out left to right; fs is the flattened factor list of a whole chain. */
  const product = (fs: readonly Pretty[]): Pretty => {
    let lead = '';
    let items = fs;
    // A leading −1 becomes a sign; a leading negative number keeps its sign in front.
    if (items.length > 1 && items[0]!.s === `${minus}1` && items[0]!.prec === NEG) {
      lead = minus;
      items = items.slice(1);
    }
    let s = '';
    let prevPiece = '';
    /** The letters at the end of s, run together with no sign between (bounded: only its tail is ever examined). */
    let run = '';
    /** Like run, but subscripts do not end it (the lexer reads xox₁( as the unknown function xox). */
    let nameRun = '';
    let prevShownBare = false;
    let firstDigit = false;
    let firstMinus = false;
    for (let i = 0; i < items.length; i++) {
      const p = items[i]!;
      const last = i === items.length - 1;
      const next = items[i + 1];
      let piece: string;
      let shownBare = false;
      // a signed factor after the first is always parenthesized: √x·(−sinh π)·x, not √x−sinh(π)x
      if (i > 0 && (p.prec === NEG || p.minusStart)) piece = paren(p.s);
      else if (p.bare && !last && !(next && next.fnStart)) piece = p.paren;
      else if (p.prec < PROD) piece = paren(p.s);
      else if (p.prec === PROD && !last) piece = paren(p.s);
      else {
        piece = p.s;
        shownBare = p.bare;
      }
      const pieceDigit = piece === p.s ? p.digitStart : false;
      if (i === 0) {
        s = piece;
        run = trailingLetters(piece);
        nameRun = trailingName(piece);
        firstDigit = pieceDigit;
        firstMinus = piece === p.s && p.minusStart;
      } else {
        const prev = items[i - 1]!;
        const needDot =
          pieceDigit ||
          (prev.word && !piece.startsWith('(')) ||
          (p.word && /[A-Za-z0-9)]$/.test(prevPiece)) ||
          (prevShownBare && !p.fnStart) ||
          // x·x^(x − 1), not xx^(x − 1)
          (/[A-Za-z]$/.test(prevPiece) && piece.charAt(0) === prevPiece.charAt(prevPiece.length - 1)) ||
          // l·n·x, not lnx (ln x); p·i, not pi (π)
          (!L && !p.fnStart && joinsIntoWord(run, leadingLetters(piece))) ||
          // ixy·(l + x): three or more letters right before '(' read as an unknown function
          (!L && !p.fnStart && opensCall(nameRun, piece)) ||
          // |x|·|y|, not |x||y|
          (prev.bars && p.bars);
        let joined = !needDot && !p.fnStart && !L;
        if (needDot) s += L ? ' \\cdot ' : '·';
        else if (p.fnStart || L) s += ' ';
        s += piece;
        const lead = leadingLetters(piece);
        run = joined && lead.length === piece.length ? (run + piece).slice(-32) : trailingLetters(piece);
        nameRun = joined && trailingName(piece).length === piece.length ? (nameRun + piece).slice(-32) : trailingName(piece);
        joined = false;
      }
      prevPiece = piece;
      prevShownBare = shownBare;
    }
    return makePretty(lead + s, lead ? NEG : PROD, { fnStart: !lead && !!items[0]?.fnStart, digitStart: !lead && firstDigit, minusStart: lead !== '' || firstMinus });
  };

  // Products print flat (2xy, not (2x)y): a chain of nested products is laid
  // out once, from its outermost node, over its factors in order. Inner
  // chain nodes used only by products are never printed on their own.
  const mulParents = new Map<Expr, number>();
  const allParents = new Map<Expr, number>();
  const order = topoOrder(e);
  for (const n of order) {
    if (n.kind !== 'call') continue;
    for (const c of n.args) {
      allParents.set(c, (allParents.get(c) ?? 0) + 1);
      if (n.op === 'mul') mulParents.set(c, (mulParents.get(c) ?? 0) + 1);
    }
  }
  const bars = new Set<Expr>();
  for (const n of order) if (n.kind === 'call' && (n.op === 'abs' || n.args.some((c) => bars.has(c)))) bars.add(n);
  const isMul = (n: Expr): boolean => n.kind === 'call' && n.op === 'mul';
  const innerOnly = (n: Expr): boolean => n !== e && isMul(n) && mulParents.get(n) === allParents.get(n);
  const chainFactors = (root: Expr & { kind: 'call' }): Pretty[] => {
    const fs: Pretty[] = [];
    const stack: Expr[] = [...root.args].reverse();
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.kind === 'call' && n.op === 'mul') for (let i = n.args.length - 1; i >= 0; i--) stack.push(n.args[i]!);
      else fs.push(out.get(n)!);
    }
    return fs;
  };

  for (const n of order) {
    let r: Pretty;
    if (innerOnly(n)) continue;
    switch (n.kind) {
      case 'num': {
        const s = n.digits !== undefined ? n.digits.replace(/^-/, '') : prettyNumber(Math.abs(n.value), f);
        r =
          n.value < 0
            ? makePretty(`${minus}${s}`, NEG, { supText: `-${s}`, minusStart: true })
            : makePretty(s, ATOM, { simple: true, supText: s, digitStart: true });
        break;
      }
      case 'var': {
        const s = L ? latexName(n.name) : unicodeName(n.name);
        r = makePretty(s, ATOM, { simple: true, word: [...unicodeName(n.name)].length > 1 && !/^.[₀-₉]+$/u.test(unicodeName(n.name)), supText: n.name.length === 1 ? n.name : undefined });
        break;
      }
      case 'const':
        r = makePretty(n.name === 'pi' ? (L ? '\\pi' : 'π') : 'e', ATOM, { simple: true });
        break;
      case 'call':
        r = n.op === 'mul' ? product(chainFactors(n)) : prettyCall(n.op, n.args.map((c) => out.get(c)!), n);
        break;
      default:
        assertNever(n);
    }
    out.set(n, bars.has(n) ? { ...r, bars: true } : r);
  }
  return out.get(e)!.s;

  function prettyCall(op: OpName, a: readonly Pretty[], node: Expr & { kind: 'call' }): Pretty {
    const nt = opDef(op).notation;
    switch (op) {
      case 'add': {
        let s = '';
        a.forEach((p, i) => {
          const isNeg = node.args[i]!.kind === 'call' && (node.args[i] as { op: string }).op === 'neg';
          s += isNeg ? term(inner(node.args[i]!), i === 0, true) : term(p, i === 0, false);
        });
        const firstNeg = node.args[0]!.kind === 'call' && (node.args[0] as { op: string }).op === 'neg';
        return makePretty(s, SUM, { digitStart: !firstNeg && a[0]!.digitStart, minusStart: firstNeg || a[0]!.minusStart });
      }
      case 'sub': {
        const [x, y] = a as [Pretty, Pretty];
        return makePretty(term(x, true, false) + term(y, false, true), SUM, { digitStart: x.digitStart, minusStart: x.minusStart });
      }
      case 'mul':
        return product(a); // reached only through chainFactors; kept for exhaustiveness
      case 'div': {
        const [x, y] = a as [Pretty, Pretty];
        if (L) return makePretty(`\\frac{${x.s}}{${y.s}}`, ATOM);
        const num = x.bare ? x.paren : wrap(x, x.prec <= SUM);
        const den = y.bare ? y.paren : wrap(y, y.prec < POW);
        return makePretty(`${num}/${den}`, PROD, { digitStart: num === x.s && x.digitStart, minusStart: num === x.s && x.minusStart });
      }
      case 'neg':
        return negate(a[0]!);
      case 'pow':
        return power(a[0]!, a[1]!, node.args[0]!);
      case 'exp': {
        const x = a[0]!;
        const sup = x.supText !== undefined ? superscript(x.supText) : undefined;
        if (L) return makePretty(`e^{${x.s}}`, POW);
        return sup ? makePretty(`e${sup}`, POW) : makePretty(`exp(${x.s})`, ATOM, { fnStart: true });
      }
      case 'sqrt': {
        const x = a[0]!;
        if (L) return makePretty(`\\sqrt{${x.s}}`, ATOM);
        return makePretty(`√${x.simple ? x.s : paren(x.s)}`, ATOM);
      }
      case 'abs': {
        // |(x|x|)|: bars inside bars at either end would pair up the wrong way
        const x = a[0]!.s;
        return makePretty(L ? `\\left|${x}\\right|` : a[0]!.bars ? `|(${x})|` : `|${x}|`, ATOM);
      }
      default: {
        if (nt.type !== 'function') throw new DiffError(`no textbook notation for op ${op}`);
        const name = L ? nt.latex : readableName(op, nt.unicode);
        const args = joinRope(a.map((p) => p.s), ', ');
        const withParens = `${name}${paren(args)}`;
        if (nt.bare && a.length === 1 && a[0]!.simple) {
          return makePretty(`${name}${L ? '{' : ' '}${a[0]!.s}${L ? '}' : ''}`, ATOM, { bare: true, paren: withParens, fnStart: true });
        }
        return makePretty(withParens, ATOM, { fnStart: true });
      }
    }
  }

  function inner(negNode: Expr): Pretty {
    return out.get((negNode as { args: readonly Expr[] }).args[0]!)!;
  }

  function power(b: Pretty, x: Pretty, baseNode: Expr): Pretty {
    const sup = x.supText !== undefined ? superscript(x.supText) : undefined;
    // Function powers in textbook form: sin²x, tanh²(x + 1).
    if (baseNode.kind === 'call' && sup && /^[0-9]+$/.test(x.supText ?? '')) {
      const nt = opDef(baseNode.op).notation;
      if (nt.type === 'function' && nt.bare && baseNode.args.length === 1) {
        const arg = out.get(baseNode.args[0]!)!;
        const name = L ? nt.latex : readableName(baseNode.op, nt.unicode);
        if (L) return makePretty(`${name}^{${x.s}}${arg.simple ? `{${arg.s}}` : paren(arg.s)}`, ATOM, { fnStart: true });
        return makePretty(`${name}${sup}${arg.simple ? arg.s : paren(arg.s)}`, ATOM, {
          fnPower: true,
          fnStart: true,
          bare: arg.simple,
          paren: `${name}${sup}${paren(arg.s)}`,
        });
      }
    }
    const base = b.prec < ATOM || b.bare || b.fnPower === true ? paren(b.bare ? b.paren : b.s) : b.s;
    if (L) return makePretty(`${base}^{${x.s}}`, POW);
    if (sup) return makePretty(`${base}${sup}`, POW, { word: b.word, digitStart: base === b.s && b.digitStart });
    // 3·10^(x/2): a power of a number starts with a digit, so a factor before it needs its dot
    return makePretty(`${base}^${x.prec >= ATOM && !x.bare ? x.s : paren(x.s)}`, POW, { word: b.word, digitStart: base === b.s && b.digitStart });
  }
}

/** Unicode textbook form: `ln x + x²y − sin(xy)`. */
export function printUnicode(e: Expr): string {
  return prettyPrint(e, 'unicode');
}

/** LaTeX: `\ln x + x^{2} y - \sin\left(x y\right)`. */
export function printLatex(e: Expr): string {
  return prettyPrint(e, 'latex');
}
