// The light syntax tree the grammar's postprocessors build. Every builder is
// O(1): Earley calls postprocessors for every completed item, including ones
// that never reach the final parse, so copying a list there would make
// parsing quadratic. Sequences are therefore persistent lists linked from
// their last element (`prev`), built by left-recursive rules.

import type { ConstToken, FuncToken, NumToken, SignsToken, SupToken, Token, VarToken } from './lexer.ts';

/** A sequence, linked from its last element. */
export interface List<T> {
  readonly last: T;
  readonly prev: List<T> | null;
  /** An argument list only: `last` follows a semicolon (f(x; w, b)). */
  readonly semi?: true;
}

/** One link of an exponent chain `a ^ b ^ c`: prefixes (SIGNS, `√`) apply to it and everything after it. */
export interface ExpItem {
  readonly prefixes: List<Token> | null;
  readonly atom: Ast;
}

/** A function name with an optional power written on it (`sin²`, `sin^2`). */
export interface Head {
  readonly func: FuncToken;
  readonly pre: List<ExpItem> | null;
}

export type Ast =
  | { readonly t: 'num'; readonly tok: NumToken }
  | { readonly t: 'var'; readonly tok: VarToken }
  | { readonly t: 'const'; readonly tok: ConstToken }
  /** A superscript run used as an exponent. */
  | { readonly t: 'sup'; readonly tok: SupToken }
  /** ( … ), [ … ], { … } */
  | { readonly t: 'group'; readonly open: Token; readonly e: Ast }
  | { readonly t: 'abs'; readonly open: Token; readonly e: Ast }
  /** Explicit + − × ÷, and juxtaposition (op mul, tok undefined). */
  | { readonly t: 'bin'; readonly op: 'add' | 'sub' | 'mul' | 'div'; readonly a: Ast; readonly b: Ast; readonly tok: Token | undefined }
  /** Unary signs before an operand. */
  | { readonly t: 'signed'; readonly signs: SignsToken; readonly e: Ast }
  /** √ √ … before an operand. */
  | { readonly t: 'sqrt'; readonly roots: List<Token>; readonly e: Ast }
  /** base ^ e1 ^ e2 … (right-associative), or base with a superscript. */
  | { readonly t: 'pow'; readonly base: Ast; readonly exps: List<ExpItem> }
  /** f(a, b) with optional powers before (sin²(x)) or after (sin(x)²) the arguments. */
  | { readonly t: 'call'; readonly head: Head; readonly args: List<Ast> | null; readonly post: List<ExpItem> | null }
  /** Application without parentheses: heads applied right to left to one argument (sin cos x). */
  | { readonly t: 'app'; readonly heads: List<Head>; readonly arg: Ast };

export type CallAst = Extract<Ast, { t: 'call' }>;

export function toArray<T>(list: List<T> | null): T[] {
  const out: T[] = [];
  for (let l = list; l !== null; l = l.prev) out.push(l.last);
  return out.reverse();
}

// ---------------------------------------------------------------------------
// Postprocessors. Nearley passes the matched symbols as an untyped array.

type D = any[];

const supItem = (tok: SupToken): ExpItem => ({ prefixes: null, atom: { t: 'sup', tok } });

export const list1 = (d: D): List<unknown> => ({ last: d[0], prev: null });
export const listPush = (d: D): List<unknown> => ({ last: d[d.length - 1], prev: d[0] });
export const listPushSemi = (d: D): List<unknown> => ({ last: d[2], prev: d[0], semi: true });

/** The number of arguments before the semicolon of an argument list, -1 without one, and the semicolons' tokens. */
export function semicolons(list: List<unknown> | null): number[] {
  const at: number[] = [];
  let n = 0;
  for (let l = list; l !== null; l = l.prev) n++;
  let i = n - 1;
  for (let l = list; l !== null; l = l.prev, i--) if (l.semi) at.push(i);
  return at.reverse();
}

export const num = (d: D): Ast => ({ t: 'num', tok: d[0] });
export const variable = (d: D): Ast => ({ t: 'var', tok: d[0] });
export const constant = (d: D): Ast => ({ t: 'const', tok: d[0] });
export const group = (d: D): Ast => ({ t: 'group', open: d[0], e: d[1] });
export const abs = (d: D): Ast => ({ t: 'abs', open: d[0], e: d[1] });

const BIN: Readonly<Record<string, 'add' | 'sub' | 'mul' | 'div'>> = { ADD: 'add', SUB: 'sub', MUL: 'mul', DIV: 'div' };
export const binary = (d: D): Ast => ({ t: 'bin', op: BIN[(d[1] as Token).type]!, a: d[0], b: d[2], tok: d[1] });
export const jux = (d: D): Ast => ({ t: 'bin', op: 'mul', a: d[0], b: d[2], tok: undefined });
export const signed = (d: D): Ast => ({ t: 'signed', signs: d[0], e: d[1] });
export const sqrt = (d: D): Ast => ({ t: 'sqrt', roots: d[0], e: d[1] });

export const pow = (d: D): Ast => ({ t: 'pow', base: d[0], exps: d[2] });
export const powSup = (d: D): Ast => ({ t: 'pow', base: d[0], exps: { last: supItem(d[1]), prev: null } });
export const expItem = (d: D): ExpItem => ({ prefixes: null, atom: d[0] });
export const expItemPrefixed = (d: D): ExpItem => ({ prefixes: d[0], atom: d[1] });

export const head = (d: D): Head => ({ func: d[0], pre: null });
export const headSup = (d: D): Head => ({ func: d[0], pre: { last: supItem(d[1]), prev: null } });
export const headPow = (d: D): Head => ({ func: d[0], pre: d[2] });

/** FUNC ( args ) and FUNC ( ) */
export const call = (d: D): Ast => ({ t: 'call', head: { func: d[0], pre: null }, args: d.length === 4 ? d[2] : null, post: null });
/** head-with-power ( args ) and head-with-power ( ) */
export const callPre = (d: D): Ast => ({ t: 'call', head: d[0], args: d.length === 4 ? d[2] : null, post: null });
export const callSup = (d: D): Ast => ({ ...(d[0] as CallAst), post: { last: supItem(d[1]), prev: null } });
export const callPow = (d: D): Ast => ({ ...(d[0] as CallAst), post: d[2] });

export const app = (d: D): Ast => ({ t: 'app', heads: d[0], arg: d[1] });
