// Syntax tree → Expr, with the semantic checks (arity, sin⁻¹, user
// functions). Iterative: an explicit stack, so 10⁵ nested parentheses do not
// overflow the call stack.

import { ParseError } from '../expr/errors.ts';
import type { Expr } from '../expr/expr.ts';
import { call, constant, num, pow, variable } from '../expr/expr.ts';
import { arityOk, arityText, functionNames, opDef, SUGAR_SPELLINGS } from '../ops/index.ts';
import type { Ast, ExpItem, Head, List } from './ast.ts';
import { semicolons, toArray } from './ast.ts';
import { applyRootSign } from './sugar.ts';
import type { FuncToken, SupToken, Token } from './lexer.ts';

const MINUS_ONE = num(-1);

/** The subtrees of a node whose values `build` needs, in order. */
function children(node: Ast): Ast[] {
  switch (node.t) {
    case 'num':
    case 'var':
    case 'const':
    case 'sup':
      return [];
    case 'group':
    case 'abs':
    case 'signed':
    case 'sqrt':
      return [node.e];
    case 'bin':
      return [node.a, node.b];
    case 'pow':
      return [node.base, ...atoms(node.exps)];
    case 'call':
      return [...atoms(node.head.pre), ...toArray(node.args), ...atoms(node.post)];
    case 'app': {
      const out: Ast[] = [];
      for (const h of toArray(node.heads)) out.push(...atoms(h.pre));
      out.push(node.arg);
      return out;
    }
  }
}

function atoms(chain: List<ExpItem> | null): Ast[] {
  return toArray(chain).map((i) => i.atom);
}

export class Converter {
  private readonly input: string;
  constructor(input: string) {
    this.input = input;
  }

  private fail(message: string, pos: number): never {
    throw new ParseError(message, this.input, pos);
  }

  /** Converts the tree bottom-up with an explicit stack. */
  convert(root: Ast): Expr {
    const nodes: Ast[] = [root];
    const counts: number[] = [-1]; // -1: not yet expanded; else number of child values to consume
    const values: Expr[] = [];
    while (nodes.length > 0) {
      const node = nodes.pop()!;
      const count = counts.pop()!;
      if (count >= 0) {
        const at = values.length - count;
        const r = this.build(node, values, at);
        values.length = at;
        values.push(r);
        continue;
      }
      // Leaves, groups and binary nodes (nearly all nodes) without intermediate arrays.
      switch (node.t) {
        case 'num':
          values.push(num(node.tok.value));
          break;
        case 'var':
          values.push(variable(node.tok.value));
          break;
        case 'const':
          values.push(constant(node.tok.value));
          break;
        case 'sup':
          values.push(supValue(node.tok));
          break;
        case 'group':
          nodes.push(node.e);
          counts.push(-1);
          break;
        case 'bin':
          nodes.push(node, node.b, node.a);
          counts.push(2, -1, -1);
          break;
        case 'abs':
        case 'signed':
        case 'sqrt':
          nodes.push(node, node.e);
          counts.push(1, -1);
          break;
        default: {
          if (node.t === 'pow' && node.exps.prev === null) {
            // one exponent (x², x^n): base and exponent without intermediate arrays
            nodes.push(node, node.exps.last.atom, node.base);
            counts.push(2, -1, -1);
            break;
          }
          const kids = children(node);
          nodes.push(node);
          counts.push(kids.length);
          for (let i = kids.length - 1; i >= 0; i--) {
            nodes.push(kids[i]!);
            counts.push(-1);
          }
        }
      }
    }
    return values[0]!;
  }

  /** The value of `node` from its children's values v[at], v[at + 1], … */
  private build(node: Ast, values: readonly Expr[], at: number): Expr {
    switch (node.t) {
      case 'bin':
        return call(node.op, [values[at]!, values[at + 1]!]);
      case 'abs':
        return call('abs', [values[at]!]);
      case 'signed':
        return applyPrefixes({ last: node.signs, prev: null }, values[at]!, node.e.t === 'num');
      case 'sqrt':
        return applyPrefixes(node.roots, values[at]!, false);
      case 'pow': {
        const exponent = foldExponent(node.exps, values, at + 1);
        return node.base.t === 'const' && node.base.tok.value === 'e' ? call('exp', [exponent]) : pow(values[at]!, exponent);
      }
      case 'call': {
        const v = values.slice(at);
        let k = 0;
        const pre = node.head.pre === null ? undefined : foldExponent(node.head.pre, v, 0);
        if (node.head.pre !== null) k += atoms(node.head.pre).length;
        const nargs = toArray(node.args).length;
        const args = v.slice(k, k + nargs);
        k += nargs;
        let r = this.applyHead(node.head, pre, args, semicolons(node.args));
        if (node.post !== null) r = pow(r, foldExponent(node.post, v, k));
        return r;
      }
      case 'app': {
        const v = values.slice(at);
        const heads = toArray(node.heads);
        const pres: (Expr | undefined)[] = [];
        let k = 0;
        for (const h of heads) {
          if (h.pre === null) {
            pres.push(undefined);
          } else {
            pres.push(foldExponent(h.pre, v, k));
            k += atoms(h.pre).length;
          }
        }
        let r = v[k]!;
        for (let i = heads.length - 1; i >= 0; i--) r = this.applyHead(heads[i]!, pres[i], [r]);
        return r;
      }
      case 'num':
      case 'var':
      case 'const':
      case 'sup':
      case 'group':
        throw new Error(`unexpected ${node.t} node in build`);
    }
  }

  /** Applies a function (with the power written on its name, if any) to its arguments. */
  private applyHead(head: Head, pre: Expr | undefined, args: Expr[], semi: readonly number[] = []): Expr {
    const f = head.func;
    if (pre !== undefined && pre === MINUS_ONE) this.fail(inverseMessage(f), f.offset);
    if (semi.length > 0) this.checkSemicolon(f, args.length, semi);
    const r = this.apply(f, args);
    return pre === undefined ? r : pow(r, pre);
  }

  /** f(1; 0, 0): the semicolon must sit where the definition f(x; w, b) put it. */
  private checkSemicolon(f: FuncToken, n: number, semi: readonly number[]): void {
    const name = f.value;
    const inputs = f.user?.inputs;
    if (inputs === undefined) {
      this.fail(`';' separates the inputs from the parameters of a function defined as f(x; w, b) = …; separate the arguments of ${name} with ','`, f.offset);
    }
    if (semi.length > 1) this.fail(`a call has at most one ';' (between the inputs and the parameters), as in ${name}(x; w, b)`, f.offset);
    if (semi[0] !== inputs && n === f.user!.arity) {
      this.fail(`${name} has ${inputs} input${inputs === 1 ? '' : 's'} before ';' and ${f.user!.arity - inputs} parameter${f.user!.arity - inputs === 1 ? '' : 's'} after it, as in its definition`, f.offset);
    }
  }

  private apply(f: FuncToken, args: Expr[]): Expr {
    const name = f.value;
    if (f.user !== undefined) {
      if (args.length !== f.user.arity) {
        this.fail(`${name} takes ${arityText(f.user.arity)}, got ${args.length}${usage(name, f.user.arity)}`, f.offset);
      }
      try {
        return f.user.expand(args);
      } catch (e) {
        this.fail(`${name}: ${e instanceof Error ? e.message : String(e)}`, f.offset);
      }
    }
    const sugar = f.sugar;
    if (sugar !== undefined && arityOk(sugar.arity, args.length)) return sugar.expand(args);
    if (f.op === undefined || (sugar !== undefined && Object.prototype.hasOwnProperty.call(SUGAR_SPELLINGS, name))) {
      this.fail(`${name} takes ${arityText(sugar!.arity)}, got ${args.length}${usage(name, typeof sugar!.arity === 'number' ? sugar!.arity : sugar!.arity.min)}`, f.offset);
    }
    const op = f.op;
    const arity = opDef(op).arity;
    if (!arityOk(arity, args.length)) {
      const min = typeof arity === 'number' ? arity : arity.min;
      // a spelling with two meanings by arity (log x = ln x, log(x, b)) names both
      const also = sugar === undefined ? '' : ` (or ${arityText(sugar.arity)}: ${sugar.doc})`;
      this.fail(`${name} takes ${arityText(arity)}${also}, got ${args.length}${usage(name, min)}`, f.offset);
    }
    return call(op, args);
  }
}

function usage(name: string, n: number): string {
  if (n <= 1) return `: write ${name}(x)`;
  const params = ['a', 'b', 'c', 'd', 'e', 'f'].slice(0, Math.min(n, 6)).join(', ');
  return `: write ${name}(${params}${n > 6 ? ', …' : ''})`;
}

function inverseMessage(f: FuncToken): string {
  const s = f.value;
  const inverse = [`arc${s}`, `a${s}`, `ar${s}`].find((n) => f.op !== undefined && functionNames.has(n) && functionNames.get(n) !== f.op);
  const reciprocal = `(${s} x)^-1 for the reciprocal`;
  return inverse !== undefined
    ? `${s}⁻¹ is ambiguous: write ${inverse} x for the inverse function, or ${reciprocal}`
    : `${s}⁻¹ is ambiguous: write ${reciprocal} (difflab has no inverse function of ${s})`;
}

/** The value of a superscript run (`⁻¹` → −1, `ⁿ` → n, `⁻ˣ` → −x). */
function supValue(t: SupToken): Expr {
  if (t.digits !== undefined) return num(t.negative ? -t.digits : t.digits);
  const m = t.letter!;
  const e = m.kind === 'const' ? constant(m.name) : variable(m.kind === 'var' ? m.name : 'x');
  return t.negative ? call('neg', [e]) : e;
}

/**
 * Applies prefix operators (unary signs, √), innermost first. A minus
 * directly before a numeric literal makes a negative literal (−2, x^-1).
 */
function applyPrefixes(prefixes: List<Token>, operand: Expr, literal: boolean): Expr {
  let r = operand;
  let innermost = true;
  for (let l: List<Token> | null = prefixes; l !== null; l = l.prev) {
    const t = l.last;
    if (t.type === 'SIGNS') {
      for (let i = t.negative.length - 1; i >= 0; i--) {
        if (t.negative[i]) r = innermost && literal && r.kind === 'num' ? num(-r.value) : call('neg', [r]);
        innermost = false;
      }
    } else if (t.type === 'SQRT') {
      r = applyRootSign(t.text, r);
      innermost = false;
    }
  }
  return r;
}

/**
 * Folds an exponent chain a ^ b ^ c right-associatively. `v` holds the
 * values of the chain's atoms from index `from`.
 */
function foldExponent(chain: List<ExpItem>, v: readonly Expr[], from: number): Expr {
  const items = toArray(chain);
  let r: Expr | undefined;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    const atom = v[from + i]!;
    const base = r === undefined ? atom : item.atom.t === 'const' && item.atom.tok.value === 'e' ? call('exp', [r]) : pow(atom, r);
    r = item.prefixes === null ? base : applyPrefixes(item.prefixes, base, r === undefined && item.atom.t === 'num');
  }
  return r!;
}
