// Step-by-step derivations, written as a reader would: the outermost rule
// first, then each part, then the parts put together, and a final
// simplification. Rule names come from the op registry (`rule`, `argRules`);
// the chain rule introduces "let u = …". Works on the expression as the user
// wrote it (sums and products flattened, nothing else rewritten).

import { DiffError } from '../expr/errors.ts';
import { call, num, variable, type Call, type Expr } from '../expr/expr.ts';
import { rawKit } from '../expr/kit.ts';
import { printLatex, printUnicode } from '../expr/print.ts';
import { depth, freeVariables, mapBottomUp, treeSize } from '../expr/traverse.ts';
import { latexName, unicodeName } from '../expr/names.ts';
import { opDef } from '../ops/index.ts';
import { derive, DerivativeCache, varName, type VarLike } from './derive.ts';
import { diff } from './diff.ts';
import { simplify } from './simplify.ts';

/** The largest input (tree nodes) a derivation is written out for. */
export const MAX_STEPS_TREE = 300;

/** One line of a derivation: lhs = rhs, by a rule. */
export interface Step {
  /** Nesting: 0 for the whole expression, 1 for its parts, and so on. */
  readonly depth: number;
  /** The rule, as the op registry names it ('chain rule', 'simplify' for the engine's own steps). */
  readonly rule: string;
  readonly unicode: string;
  readonly latex: string;
}

export interface Derivation {
  readonly expr: Expr;
  readonly wrt: string;
  readonly steps: readonly Step[];
  /** The final, simplified derivative (the same as `diff(expr, wrt)`). */
  readonly result: Expr;
}

/**
 * A piece of a step: text, an expression, d/dv of an expression (v = x by
 * default), dv/dx for a stand-in v, or the partial ∂/∂v of an expression.
 */
type Part = string | Expr | { readonly d: Expr; readonly by?: string } | { readonly dv: string } | { readonly pd: Expr; readonly by: string };

type Flavor = 'unicode' | 'latex';

const TEXT_LATEX: Readonly<Record<string, string>> = { '·': ' \\cdot ', '−': ' - ', '+': ' + ', '=': ' = ', '⇒': '\\Rightarrow ', '(': '\\left(', ')': '\\right)', '/': ' / ' };

/** True if e can follow an operator (d/dx, ∇) without parentheses: atoms and function calls; not sums, products, quotients. */
export function operandIsBare(e: Expr): boolean {
  if (e.kind !== 'call') return !(e.kind === 'num' && e.value < 0);
  if (e.op === 'pow') return e.args[0]!.kind === 'var' && e.args[1]!.kind !== 'call';
  const nt = opDef(e.op).notation;
  return nt.type === 'function' || (nt.type === 'special' && e.op !== 'neg');
}

/** e, in parentheses unless it is an atom or a function call. */
const wrap = (e: Expr): Part[] => (operandIsBare(e) ? [e] : ['(', e, ')']);

/** Left-nested product of expressions. */
const product = (fs: readonly Expr[]): Expr => fs.reduce((a, b) => call('mul', [a, b]));

class Writer {
  readonly steps: Step[] = [];
  private readonly done = new Map<Expr, Expr>();
  private readonly used: Set<string>;
  private readonly cache = new DerivativeCache();
  /** ∂ rather than d: the expression has several variables. */
  private readonly partialSign: boolean;

  constructor(
    readonly root: Expr,
    readonly x: string,
  ) {
    const vars = freeVariables(root);
    this.used = new Set(vars);
    this.partialSign = vars.length > 1;
  }

  /** "d/dv", or ∂/∂v for v = x in a function of several variables. */
  private op(f: Flavor, v: string, partial = this.partialSign && v === this.x): string {
    const d = partial ? (f === 'latex' ? '\\partial' : '∂') : 'd';
    return f === 'latex' ? `\\frac{${d}}{${d} ${latexName(v)}}` : `${d}/${d}${unicodeName(v)}`;
  }

  private render(parts: readonly Part[], f: Flavor): string {
    const print = f === 'latex' ? printLatex : printUnicode;
    const applied = (opText: string, e: Expr): string => {
      const body = print(e);
      return `${opText} ${operandIsBare(e) ? body : f === 'latex' ? `\\left(${body}\\right)` : `(${body})`}`;
    };
    let s = '';
    for (const p of parts) {
      if (typeof p === 'string') s += f === 'unicode' ? p : /[A-Za-z]/.test(p) ? `\\text{${p}}` : p.replace(/[·−+=⇒()/]/g, (c) => TEXT_LATEX[c] ?? c);
      else if ('kind' in p) s += print(p);
      else if ('dv' in p) {
        const d = this.partialSign ? (f === 'latex' ? '\\partial' : '∂') : 'd';
        s += f === 'latex' ? `\\frac{${d} ${latexName(p.dv)}}{${d} ${latexName(this.x)}}` : `${d}${unicodeName(p.dv)}/${d}${unicodeName(this.x)}`;
      } else if ('pd' in p) s += applied(this.op(f, p.by, true), p.pd);
      else s += applied(this.op(f, p.by ?? this.x), p.d);
    }
    return s;
  }

  emit(depth: number, rule: string, parts: readonly Part[]): void {
    this.steps.push({ depth, rule, unicode: this.render(parts, 'unicode'), latex: this.render(parts, 'latex') });
  }

  /** A fresh stand-in name for the chain rule: u, v, w, then u1, u2, … */
  private fresh(): string {
    for (const n of ['u', 'v', 'w', 's', 't']) if (!this.used.has(n)) return this.take(n);
    for (let i = 1; ; i++) if (!this.used.has(`u${i}`)) return this.take(`u${i}`);
  }

  private take(n: string): string {
    this.used.add(n);
    return n;
  }

  private varies(e: Expr): boolean {
    return derive(e, this.x, this.cache) !== num(0);
  }

  /** The derivative of e (simplified, except at the root), writing the steps that get there. */
  derive(e: Expr, level: number): Expr {
    const seen = this.done.get(e);
    if (seen !== undefined) {
      this.emit(level, 'as above', [{ d: e }, ' = ', seen]);
      return seen;
    }
    const d = this.explain(e, level);
    this.done.set(e, d);
    return d;
  }

  private explain(e: Expr, level: number): Expr {
    if (!this.varies(e)) {
      this.emit(level, 'constant rule', [{ d: e }, ' = 0']);
      return num(0);
    }
    if (e.kind !== 'call') {
      this.emit(level, 'identity', [{ d: e }, ' = 1']);
      return num(1);
    }
    switch (e.op) {
      case 'add':
      case 'sub':
        return this.sum(e, level);
      case 'neg':
        return this.negation(e, level);
      case 'mul':
        return this.product(e, level);
      case 'div':
        return this.quotient(e, level);
      default:
        return this.chain(e, level);
    }
  }

  /** Sum and difference rules, over the whole run of + and −. */
  private sum(e: Call, level: number): Expr {
    const terms: [Expr, number][] = [];
    const rules = new Set<string>();
    const stack: [Expr, number][] = [[e, 1]];
    while (stack.length > 0) {
      const [t, s] = stack.pop()!;
      if (t.kind === 'call' && (t.op === 'add' || t.op === 'sub')) {
        rules.add(opDef(t.op).rule);
        for (let i = t.args.length - 1; i >= 0; i--) stack.push([t.args[i]!, t.op === 'sub' && i === 1 ? -s : s]);
      } else terms.push([t, s]);
    }
    const varying = terms.filter(([t]) => this.varies(t));
    const rhs: Part[] = [];
    varying.forEach(([t, s], i) => rhs.push(i === 0 ? (s < 0 ? '−' : '') : s < 0 ? ' − ' : ' + ', { d: t }));
    const note = varying.length < terms.length ? '   (constant terms contribute 0)' : '';
    const rule = [...rules].sort().reverse().join(' and '); // "sum rule and difference rule"
    this.emit(level, rule, [{ d: e }, ' = ', ...rhs, note]);
    let acc: Expr | undefined;
    for (const [t, s] of varying) {
      const d = this.derive(t, level + 1);
      acc = acc === undefined ? (s < 0 ? call('neg', [d]) : d) : call(s < 0 ? 'sub' : 'add', [acc, d]);
    }
    return this.conclude(e, acc!, level, rule);
  }

  private negation(e: Call, level: number): Expr {
    const u = e.args[0]!;
    const rule = opDef('neg').rule;
    this.emit(level, rule, [{ d: e }, ' = −', { d: u }]);
    return this.conclude(e, call('neg', [this.derive(u, level + 1)]), level, rule);
  }

  /** Product rule over the whole run of ·, or the constant multiple rule when only one factor varies. */
  private product(e: Call, level: number): Expr {
    const fs: Expr[] = [];
    const stack: Expr[] = [e];
    while (stack.length > 0) {
      const t = stack.pop()!;
      if (t.kind === 'call' && t.op === 'mul') for (let i = t.args.length - 1; i >= 0; i--) stack.push(t.args[i]!);
      else fs.push(t);
    }
    const v = fs.map((f) => this.varies(f));
    if (v.filter(Boolean).length === 1) {
      const i = v.indexOf(true);
      const c = product(fs.filter((_, j) => j !== i));
      const rule = 'constant multiple rule';
      this.emit(level, rule, [{ d: e }, ' = ', ...wrap(c), ' · ', { d: fs[i]! }]);
      return this.conclude(e, call('mul', [c, this.derive(fs[i]!, level + 1)]), level, rule);
    }
    const rhs: Part[] = [];
    fs.forEach((_, i) => {
      if (!v[i]) return;
      if (rhs.length > 0) rhs.push(' + ');
      fs.forEach((g, j) => {
        if (j > 0) rhs.push(' · ');
        if (j === i) rhs.push({ d: g });
        else rhs.push(...wrap(g));
      });
    });
    const rule = opDef('mul').rule;
    this.emit(level, rule, [{ d: e }, ' = ', ...rhs]);
    const ds = fs.map((f, i) => (v[i] ? this.derive(f, level + 1) : num(0)));
    let acc: Expr | undefined;
    fs.forEach((_, i) => {
      if (!v[i]) return;
      const term = product(fs.map((g, j) => (j === i ? ds[i]! : g)));
      acc = acc === undefined ? term : call('add', [acc, term]);
    });
    return this.conclude(e, acc!, level, rule);
  }

  private quotient(e: Call, level: number): Expr {
    const [a, b] = e.args as [Expr, Expr];
    const va = this.varies(a);
    const vb = this.varies(b);
    if (va && !vb) {
      const rule = 'constant multiple rule';
      this.emit(level, rule, [{ d: e }, ' = ', { d: a }, ' / ', ...wrap(b)]);
      return this.conclude(e, call('div', [this.derive(a, level + 1), b]), level, rule);
    }
    const rule = opDef('div').rule;
    const b2 = call('pow', [b, num(2)]);
    if (!va) {
      this.emit(level, rule, [{ d: e }, ' = −', ...wrap(a), ' · ', { d: b }, ' / ', b2]);
      return this.conclude(e, call('neg', [call('div', [call('mul', [a, this.derive(b, level + 1)]), b2])]), level, rule);
    }
    this.emit(level, rule, [{ d: e }, ' = (', { d: a }, ' · ', ...wrap(b), ' − ', ...wrap(a), ' · ', { d: b }, ') / ', b2]);
    const da = this.derive(a, level + 1);
    const db = this.derive(b, level + 1);
    return this.conclude(e, call('div', [call('sub', [call('mul', [da, b]), call('mul', [a, db])]), b2]), level, rule);
  }

  /**
   * Any other op: its own rule when its only varying argument is the variable
   * itself; the chain rule (let u = …) for one varying argument; the
   * multivariable chain rule, Σᵢ ∂f/∂uᵢ · duᵢ/dx, for several.
   */
  private chain(e: Call, level: number): Expr {
    const def = opDef(e.op);
    const ruleFor = (i: number): string => def.argRules?.[i] ?? def.rule;
    const varying = e.args.map((_, i) => i).filter((i) => this.varies(e.args[i]!));
    if (varying.length === 1 && e.args[varying[0]!] === variable(this.x)) {
      // d/dx f(x) = f′(x), straight from the registry
      const i = varying[0]!;
      const d = simplify(opDef(e.op).derivative(e.args, e, i, rawKit));
      this.emit(level, ruleFor(i), [{ d: e }, ' = ', d]);
      return d;
    }
    // A stand-in u, v, … for every varying argument.
    const names = new Map<number, string>(varying.map((i) => [i, this.fresh()]));
    const symArgs = e.args.map((a, i) => (names.has(i) ? variable(names.get(i)!) : a));
    const sym = call(e.op, symArgs);
    const partial = (i: number): Expr => simplify(def.derivative(symArgs, sym, i, rawKit));
    const where: Part[] = [];
    for (const [i, n] of names) where.push(where.length === 0 ? ', where ' : ', ', variable(n), ' = ', e.args[i]!);

    if (varying.length === 1) {
      const i = varying[0]!;
      const u = names.get(i)!;
      this.emit(level, 'chain rule', [{ d: e }, ' = ', { d: sym, by: u }, ' · ', { dv: u }, ...where]);
      const pd = partial(i);
      this.emit(level + 1, ruleFor(i), [{ d: sym, by: u }, ' = ', pd]);
      const du = this.inner(u, e.args[i]!, level + 1);
      return this.conclude(e, call('mul', [substitute(pd, names, e), du]), level, 'chain rule');
    }
    const rhs: Part[] = [];
    varying.forEach((i, j) => rhs.push(j === 0 ? '' : ' + ', { pd: sym, by: names.get(i)! }, ' · ', { dv: names.get(i)! }));
    this.emit(level, 'multivariable chain rule', [{ d: e }, ' = ', ...rhs, ...where]);
    let acc: Expr | undefined;
    for (const i of varying) {
      const u = names.get(i)!;
      const pd = partial(i);
      this.emit(level + 1, ruleFor(i), [{ pd: sym, by: u }, ' = ', pd]);
      const term = call('mul', [substitute(pd, names, e), this.inner(u, e.args[i]!, level + 1)]);
      acc = acc === undefined ? term : call('add', [acc, term]);
    }
    return this.conclude(e, acc!, level, 'multivariable chain rule');
  }

  /** du/dx for the stand-in u of an argument: 1 for the variable itself, else derived. */
  private inner(u: string, arg: Expr, level: number): Expr {
    if (arg === variable(this.x)) {
      this.emit(level, 'identity', [{ dv: u }, ' = 1']);
      return num(1);
    }
    this.emit(level, 'chain rule', [{ dv: u }, ' = ', { d: arg }]);
    return this.derive(arg, level + 1);
  }

  /**
   * The parts put together: "⇒ d/dx e = …", simplified. At the root the
   * combination is returned as it stands, for the final simplification step.
   */
  private conclude(e: Expr, combined: Expr, level: number, rule: string): Expr {
    if (level === 0) return combined;
    const d = simplify(combined);
    this.emit(level, rule, ['⇒ ', { d: e }, ' = ', d]);
    return d;
  }
}

/** pd with each stand-in replaced by the argument of e it stands for. */
function substitute(pd: Expr, names: ReadonlyMap<number, string>, e: Call): Expr {
  const by = new Map<string, Expr>();
  for (const [i, n] of names) by.set(n, e.args[i]!);
  return mapBottomUp(pd, (node, args) => (node.kind === 'var' ? (by.get(node.name) ?? node) : node.kind === 'call' ? call(node.op, args) : node));
}

/**
 * The derivation of d/dx e, step by step. Each step names its rule; the last
 * one simplifies. For inputs up to MAX_STEPS_TREE tree nodes.
 */
export function steps(e: Expr, wrt: VarLike): Derivation {
  const x = varName(wrt);
  const size = treeSize(e);
  if (size > MAX_STEPS_TREE || depth(e) > MAX_STEPS_TREE) {
    throw new DiffError(`too large for a step-by-step derivation: the expression has ${size} tree nodes (limit ${MAX_STEPS_TREE}); diff works on any size`);
  }
  const w = new Writer(e, x);
  const assembled = w.derive(e, 0);
  const result = diff(e, x);
  // The parts as they came, then in textbook form (unless one rule said it all).
  const same = printUnicode(assembled) === printUnicode(result);
  if (!same || w.steps.length > 1) w.emit(0, 'simplify', [{ d: e }, ' = ', ...(same ? [] : [assembled, ' = ']), result]);
  return { expr: e, wrt: x, steps: w.steps, result };
}

/** The derivation as indented text, one step per line with its rule. */
export function formatSteps(d: Pick<Derivation, 'steps'>, flavor: Flavor = 'unicode'): string {
  if (flavor === 'latex') {
    return `\\begin{aligned}\n${d.steps.map((s) => `&${s.latex} && \\text{${s.rule}}`).join(' \\\\\n')}\n\\end{aligned}`;
  }
  return d.steps.map((s) => `${'  '.repeat(s.depth)}${s.unicode}   [${s.rule}]`).join('\n');
}
