// A recursive-descent reading of grammar/difflab.ne, for speed: it builds
// the same syntax tree as the nearley grammar, which stays the definition of
// the language. Whenever this reader is unsure — a syntax error, or brackets
// nested deeper than its recursion budget — it gives up and the Earley
// parser runs instead (for the error message, or the deep input). Tests
// check that both readers agree on every input they both accept.
//
// Each method is one nonterminal of the grammar; sequences the grammar
// writes left-recursively are loops here. Juxtaposition follows the
// grammar's two states: after an application without parentheses (`sin x`,
// open) only another function may follow, which the greedy argument
// sequence guarantees.

import type { Ast, ExpItem, Head, List } from './ast.ts';
import type { FuncToken, SignsToken, SupToken, Token, TokenType } from './lexer.ts';

/** Thrown to give up; caught at the top. */
const GIVE_UP = new Error('the fast reader gives up');

/** Nesting levels (brackets, exponents, √) this reader takes before leaving the input to the Earley parser. */
const MAX_DEPTH = 500;

const supItem = (tok: SupToken): ExpItem => ({ prefixes: null, atom: { t: 'sup', tok } });

/** The syntax tree of the tokens, or undefined when the Earley parser must decide. */
export function fastParse(tokens: readonly Token[]): Ast | undefined {
  const r = new Reader(tokens);
  try {
    const ast = r.sum();
    return r.i === tokens.length ? ast : undefined;
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    if (e instanceof RangeError) return undefined; // the stack: the Earley parser is iterative
    throw e;
  }
}

class Reader {
  i = 0;
  private depth = 0;
  private readonly tokens: readonly Token[];
  constructor(tokens: readonly Token[]) {
    this.tokens = tokens;
  }

  private type(k = 0): TokenType | undefined {
    return this.tokens[this.i + k]?.type;
  }

  private take(type: TokenType): Token {
    const t = this.tokens[this.i];
    if (t === undefined || t.type !== type) throw GIVE_UP;
    this.i++;
    return t;
  }

  // sum -> sum ADD term | sum SUB term | term
  sum(): Ast {
    if (++this.depth > MAX_DEPTH) throw GIVE_UP;
    let a = this.term();
    for (let t = this.type(); t === 'ADD' || t === 'SUB'; t = this.type()) {
      const tok = this.tokens[this.i++]!;
      a = { t: 'bin', op: t === 'ADD' ? 'add' : 'sub', a, b: this.term(), tok };
    }
    this.depth--;
    return a;
  }

  // term -> term MUL signed | term DIV signed | signed
  private term(): Ast {
    let a = this.signed();
    for (let t = this.type(); t === 'MUL' || t === 'DIV'; t = this.type()) {
      const tok = this.tokens[this.i++]!;
      a = { t: 'bin', op: t === 'MUL' ? 'mul' : 'div', a, b: this.signed(), tok };
    }
    return a;
  }

  // signed -> imp | SIGNS imp
  private signed(): Ast {
    if (this.type() === 'SIGNS') {
      const signs = this.tokens[this.i++] as SignsToken;
      return { t: 'signed', signs, e: this.imp() };
    }
    return this.imp();
  }

  // imp -> closed | open, chains of elements joined by JUX (see the header)
  private imp(): Ast {
    let open = false;
    let a = this.element((o) => (open = o));
    while (this.type() === 'JUX') {
      if (open && this.type(1) !== 'FUNC') throw GIVE_UP;
      this.i++;
      const b = this.element((o) => (open = o));
      a = { t: 'bin', op: 'mul', a, b, tok: undefined };
    }
    return a;
  }

  /** One element of a juxtaposition chain; reports whether it is an open application. */
  private element(setOpen: (open: boolean) => void): Ast {
    const t = this.type();
    if (t === 'FUNC') return this.applications(setOpen);
    setOpen(false);
    return t === 'LP' ? this.ppar() : this.pnp();
  }

  /**
   * appOpen -> heads argseq ; appClosed -> heads C ; and C alone. Heads are
   * function names, each with an optional power (`sin²`, `sin^2`), applied
   * right to left; the last name followed by `(` is a call.
   */
  private applications(setOpen: (open: boolean) => void): Ast {
    let heads: List<Head> | null = null;
    for (;;) {
      if (this.type() !== 'FUNC') break;
      const func = this.tokens[this.i++] as FuncToken;
      const next = this.type();
      let head: Head;
      if (next === 'LP') {
        const c = this.callPost(this.callArgs({ func, pre: null }), true);
        setOpen(false);
        return heads === null ? c : { t: 'app', heads, arg: c };
      }
      if (next === 'SUP') {
        head = { func, pre: { last: supItem(this.tokens[this.i++] as SupToken), prev: null } };
        this.take('JUX');
      } else if (next === 'POW') {
        this.i++;
        head = { func, pre: this.echain() };
        this.take('JUX');
      } else {
        head = { func, pre: null };
      }
      if (head.pre !== null && this.type() === 'LP') {
        // callPre -> headPre LP args RP: no power after it
        const c = this.callArgs(head);
        setOpen(false);
        return heads === null ? c : { t: 'app', heads, arg: c };
      }
      heads = { last: head, prev: heads };
    }
    if (heads === null) throw GIVE_UP;
    setOpen(true);
    return { t: 'app', heads, arg: this.argseq() };
  }

  // argseq -> Pnp | argseq JUX Pnp | argseq JUX Ppar (greedy: everything up to the next function)
  private argseq(): Ast {
    if (this.type() === 'LP') throw GIVE_UP;
    let a = this.pnp();
    while (this.type() === 'JUX' && this.type(1) !== 'FUNC') {
      this.i++;
      const b = this.type() === 'LP' ? this.ppar() : this.pnp();
      a = { t: 'bin', op: 'mul', a, b, tok: undefined };
    }
    return a;
  }

  /** ( args ) after a head, the head's FUNC (and power) already read. */
  private callArgs(head: Head): Ast & { t: 'call' } {
    this.take('LP');
    if (this.type() === 'RP') {
      this.i++;
      return { t: 'call', head, args: null, post: null };
    }
    let args: List<Ast> = { last: this.sum(), prev: null };
    for (let t = this.type(); t === 'COMMA' || t === 'SEMI'; t = this.type()) {
      this.i++;
      args = t === 'SEMI' ? { last: this.sum(), prev: args, semi: true } : { last: this.sum(), prev: args };
    }
    this.take('RP');
    return { t: 'call', head, args, post: null };
  }

  /** C -> call | call SUP | call POW echain (a power after a plain call only). */
  private callPost(c: Ast & { t: 'call' }, allowPost: boolean): Ast {
    if (!allowPost || c.head.pre !== null) return c;
    const t = this.type();
    if (t === 'SUP') return { ...c, post: { last: supItem(this.tokens[this.i++] as SupToken), prev: null } };
    if (t === 'POW') {
      this.i++;
      return { ...c, post: this.echain() };
    }
    return c;
  }

  /** C (allowPost) or call | callPre (in an exponent): a function with parentheses. */
  private callExpr(allowPost: boolean): Ast {
    const func = this.take('FUNC') as FuncToken;
    const next = this.type();
    if (next === 'LP') return this.callPost(this.callArgs({ func, pre: null }), allowPost);
    let head: Head;
    if (next === 'SUP') {
      head = { func, pre: { last: supItem(this.tokens[this.i++] as SupToken), prev: null } };
    } else if (next === 'POW') {
      this.i++;
      head = { func, pre: this.echain() };
    } else {
      throw GIVE_UP;
    }
    this.take('JUX');
    return this.callArgs(head);
  }

  // Pnp -> atomPow | roots rooted ; rooted -> atomPow | Ppar | C
  private pnp(): Ast {
    if (this.type() !== 'SQRT') return this.atomPow();
    let roots: List<Token> | null = null;
    while (this.type() === 'SQRT') roots = { last: this.tokens[this.i++]!, prev: roots };
    if (++this.depth > MAX_DEPTH) throw GIVE_UP;
    const t = this.type();
    const e = t === 'FUNC' ? this.callExpr(true) : t === 'LP' ? this.ppar() : this.atomPow();
    this.depth--;
    return { t: 'sqrt', roots: roots!, e };
  }

  // atomPow -> atom | atom SUP | atom POW echain
  private atomPow(): Ast {
    return this.powerOf(this.atom());
  }

  // Ppar -> paren | paren SUP | paren POW echain
  private ppar(): Ast {
    return this.powerOf(this.paren());
  }

  private powerOf(base: Ast): Ast {
    const t = this.type();
    if (t === 'SUP') return { t: 'pow', base, exps: { last: supItem(this.tokens[this.i++] as SupToken), prev: null } };
    if (t === 'POW') {
      this.i++;
      return { t: 'pow', base, exps: this.echain() };
    }
    return base;
  }

  // atom -> NUM | VAR | CONST | [ sum ] | { sum } | |sum|
  private atom(): Ast {
    const tok = this.tokens[this.i];
    if (tok === undefined) throw GIVE_UP;
    switch (tok.type) {
      case 'NUM':
        this.i++;
        return { t: 'num', tok };
      case 'VAR':
        this.i++;
        return { t: 'var', tok };
      case 'CONST':
        this.i++;
        return { t: 'const', tok };
      case 'LB': {
        this.i++;
        const e = this.sum();
        this.take('RB');
        return { t: 'group', open: tok, e };
      }
      case 'LC': {
        this.i++;
        const e = this.sum();
        this.take('RC');
        return { t: 'group', open: tok, e };
      }
      case 'AO': {
        this.i++;
        const e = this.sum();
        this.take('AC');
        return { t: 'abs', open: tok, e };
      }
      default:
        throw GIVE_UP;
    }
  }

  // paren -> ( sum )
  private paren(): Ast {
    const open = this.take('LP');
    const e = this.sum();
    this.take('RP');
    return { t: 'group', open, e };
  }

  // echain -> eitem | echain POW eitem
  private echain(): List<ExpItem> {
    if (++this.depth > MAX_DEPTH) throw GIVE_UP;
    let list: List<ExpItem> = { last: this.eitem(), prev: null };
    while (this.type() === 'POW') {
      this.i++;
      list = { last: this.eitem(), prev: list };
    }
    this.depth--;
    return list;
  }

  // eitem -> eatom | eprefixes eatom ; eprefix -> SIGNS | SQRT
  private eitem(): ExpItem {
    let prefixes: List<Token> | null = null;
    for (let t = this.type(); t === 'SIGNS' || t === 'SQRT'; t = this.type()) prefixes = { last: this.tokens[this.i++]!, prev: prefixes };
    return { prefixes, atom: this.eatom() };
  }

  // eatom -> eatom1 | eatom1 SUP ; eatom1 -> atom | paren | call | callPre
  private eatom(): Ast {
    const t = this.type();
    const a = t === 'FUNC' ? this.callExpr(false) : t === 'LP' ? this.paren() : this.atom();
    if (this.type() === 'SUP') return { t: 'pow', base: a, exps: { last: supItem(this.tokens[this.i++] as SupToken), prev: null } };
    return a;
  }
}
