// Evaluation traces in the style of Baydin et al., "Automatic
// Differentiation in Machine Learning: a Survey" (JMLR 2018), Tables 2 and 3.
//
// The inputs x₁ … xₙ are v₁₋ₙ … v₀; every operation is a numbered vᵢ, in an
// order that evaluates all operations of height 1, then height 2, and so on
// (left to right within a height), which is the order of the survey's tables.
// The trace is recorded on a real tape: values and local partials come from
// the registry exactly as the engines use them. Constants appear inline and
// are not numbered.

import { DiffError } from '../expr/errors.ts';
import { lookup, setOwn, type Point } from '../expr/eval.ts';
import { assertNever, call, variable, type Expr } from '../expr/expr.ts';
import { unicodeName } from '../expr/names.ts';
import { printUnicode } from '../expr/print.ts';
import { compareNames, freeVariables } from '../expr/traverse.ts';
import { opDef, type OpName } from '../ops/index.ts';
import { Tape } from '../reverse/index.ts';

export type TraceMode = 'forward' | 'reverse';

export interface TraceInput {
  /** Label, e.g. v₋₁. */
  readonly v: string;
  /** Canonical variable name (x1). */
  readonly name: string;
  /** Printed name (x₁). */
  readonly label: string;
  readonly value: number;
}

export interface TraceStep {
  readonly v: string;
  readonly op: OpName;
  /** The operands: labels of other steps or inputs, or constants as numbers. */
  readonly args: readonly (string | number)[];
  /** The operation in textbook form, e.g. `ln v₋₁`. */
  readonly text: string;
  readonly value: number;
  /** Local partials ∂vᵢ/∂argⱼ, in the order of `args`. */
  readonly partials: readonly number[];
}

export interface TangentStep {
  /** v̇ᵢ */
  readonly v: string;
  /** ẏ = Σ ∂vᵢ/∂vⱼ · v̇ⱼ over the non-constant operands. */
  readonly terms: readonly { readonly partial: number; readonly of: string; readonly tangent: number }[];
  readonly value: number;
}

export interface AdjointStep {
  /** The adjoint being accumulated, e.g. v̄₀. */
  readonly target: string;
  /** The adjoint it comes from, e.g. v̄₃. */
  readonly from: string;
  /** ∂from/∂target, the local partial on the edge. */
  readonly partial: number;
  /** The adjoint of `from`. */
  readonly fromValue: number;
  /** The target's adjoint before this step, or null on its first contribution. */
  readonly before: number | null;
  readonly value: number;
}

export interface PathInfo {
  /** Sum over paths: ∂f/∂input. */
  readonly total: number;
  readonly paths: readonly {
    /** From the output to the input, e.g. [v₆, v₅, …, v₋₁]. */
    readonly via: readonly string[];
    /** The factors of the chain rule along the path: ∂f/∂vₗ = 1, ∂vₗ/∂vₗ₋₁, …, in that order. */
    readonly partials: readonly number[];
    readonly product: number;
  }[];
  /** True if there were more paths than listed. */
  readonly truncated: boolean;
}

export interface Trace {
  readonly mode: TraceMode;
  readonly inputs: readonly TraceInput[];
  readonly steps: readonly TraceStep[];
  /** Label of the output (the last step, or an input if f is a variable). */
  readonly output: string;
  readonly value: number;
  /** Forward mode: the variable whose tangent is seeded with 1. */
  readonly wrt?: string;
  readonly tangents?: { readonly inputs: readonly { readonly v: string; readonly value: number }[]; readonly steps: readonly TangentStep[]; readonly derivative: number };
  readonly adjoints?: { readonly steps: readonly AdjointStep[]; readonly gradient: Record<string, number> };
  /** Paths from the output to each input (to `wrt` only in forward mode), when the graph is small. */
  readonly paths?: Record<string, PathInfo>;
}

export interface TraceOptions {
  readonly mode?: TraceMode;
  /** Forward mode: the input seeded with ẋ = 1 (default: the first variable). Reverse mode: show the paths to this input only. */
  readonly wrt?: string;
  /** Maximum number of operations to trace (default 500). */
  readonly maxSteps?: number;
  /** Maximum paths listed per input (default 32). */
  readonly maxPaths?: number;
}

const SUBSCRIPT: Record<string, string> = { '-': '₋', '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉' };
const sub = (i: number): string => String(i).replace(/[-0-9]/g, (c) => SUBSCRIPT[c]!);

/** The operation with labelled operands, in the registry's notation. */
function opText(op: OpName, args: readonly string[]): string {
  const n = opDef(op).notation;
  switch (n.type) {
    case 'infix':
      return args.join(` ${n.unicode} `);
    case 'function':
      return n.bare && args.length === 1 ? `${n.unicode} ${args[0]}` : `${n.unicode}(${args.join(', ')})`;
    case 'special': {
      // the printer's layout with one-letter placeholders, unless it uses superscripts (eᵃ, aᵇ)
      const letters = args.map((_, i) => String.fromCharCode(97 + i));
      if (letters.length <= 26) {
        const shown = printUnicode(call(op, letters.map((l) => variable(l))));
        if (/^[^\p{L}]*a[^\p{L}]*$/u.test(shown) && args.length === 1) return shown.replace('a', args[0]!);
      }
      return `${op}(${args.join(', ')})`;
    }
    default:
      return assertNever(n);
  }
}

/** Operations in the order of the survey's tables: by height, then left to right. */
function traceOrder(e: Expr): Expr[] {
  const post: Expr[] = [];
  const seen = new Set<Expr>();
  const stack: [Expr, number][] = [[e, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [n, k] = top;
    if (k === 0 && seen.has(n)) {
      stack.pop();
      continue;
    }
    const kids = n.kind === 'call' ? n.args : [];
    if (k < kids.length) {
      top[1] = k + 1;
      if (!seen.has(kids[k]!)) stack.push([kids[k]!, 0]);
    } else {
      stack.pop();
      if (!seen.has(n)) {
        seen.add(n);
        post.push(n);
      }
    }
  }
  const height = new Map<Expr, number>();
  for (const n of post) {
    let h = 0;
    if (n.kind === 'call') for (const a of n.args) h = Math.max(h, height.get(a)! + 1);
    height.set(n, h);
  }
  const rank = new Map(post.map((n, i) => [n, i]));
  return post.filter((n) => n.kind === 'call').sort((a, b) => height.get(a)! - height.get(b)! || rank.get(a)! - rank.get(b)!);
}

/** Records the evaluation trace of e at the point, with its tangent or adjoint trace. */
export function trace(e: Expr, point: Point, options: TraceOptions = {}): Trace {
  const mode = options.mode ?? 'reverse';
  if (mode !== 'forward' && mode !== 'reverse') throw new DiffError(`unknown mode ${String(mode)}: use forward or reverse`);
  const names = freeVariables(e).sort(compareNames);
  const ops = traceOrder(e);
  const max = options.maxSteps ?? 500;
  if (ops.length > max) throw new DiffError(`the expression has ${ops.length} operations; a trace shows at most ${max}`);
  const tape = new Tape(ops.length + names.length + 8);
  const label = new Map<Expr, string>();
  const node = new Map<Expr, number>();
  const inputs: TraceInput[] = names.map((name, k) => {
    const v = lookup(point, name);
    if (v === undefined) throw new DiffError(`unbound variable ${name}: give it a value (e.g. --at ${name}=1)`);
    const ve = variable(name);
    const lab = `v${sub(k + 1 - names.length)}`;
    label.set(ve, lab);
    node.set(ve, tape.leaf(v));
    return { v: lab, name, label: unicodeName(name), value: v };
  });
  const steps: TraceStep[] = [];
  const constLeaf = new Map<number, number>();
  ops.forEach((n, k) => {
    if (n.kind !== 'call') return;
    const args = n.args.map((a): string | number => (a.kind === 'num' || a.kind === 'const' ? a.value : label.get(a)!));
    const idx = n.args.map((a) => {
      if (a.kind === 'num' || a.kind === 'const') {
        let c = constLeaf.get(a.value);
        if (c === undefined) constLeaf.set(a.value, (c = tape.leaf(a.value)));
        return c;
      }
      return node.get(a)!;
    });
    const def = opDef(n.op);
    if (def.domain) {
      const problem = def.domain(idx.map((i) => tape.value(i)));
      if (problem !== undefined) throw new DiffError(problem);
    }
    const i = tape.apply(n.op, idx);
    const lab = `v${sub(k + 1)}`;
    label.set(n, lab);
    node.set(n, i);
    const shown = n.args.map((a) => (a.kind === 'const' ? printUnicode(a) : a.kind === 'num' ? fmtArg(a.value) : label.get(a)!));
    steps.push({ v: lab, op: n.op, args, text: opText(n.op, shown), value: tape.value(i), partials: tape.partials(i) });
  });
  if (e.kind === 'num' || e.kind === 'const') throw new DiffError('a constant has no trace: give an expression with variables');
  const out = node.get(e)!;
  const output = label.get(e)!;
  const value = tape.value(out);
  const byLabel = new Map<string, TraceStep>(steps.map((s) => [s.v, s]));
  const base: Trace = { mode, inputs, steps, output, value };

  const paths = (targets: readonly TraceInput[]): Record<string, PathInfo> | undefined =>
    steps.length > 60 ? undefined : Object.fromEntries(targets.map((t) => [t.name, pathsTo(output, t.v, byLabel, options.maxPaths ?? 32)]));

  if (mode === 'forward') {
    const wrt = options.wrt ?? names[0];
    if (wrt === undefined) throw new DiffError('the expression has no variables to differentiate by');
    if (!names.includes(wrt)) throw new DiffError(`${wrt} is not a variable of the expression (${names.join(', ')})`);
    const tan = new Map<string, number>(inputs.map((x) => [x.v, x.name === wrt ? 1 : 0]));
    // a step that does not depend on the seeded input has a structural zero
    // tangent and is skipped; one that does passes even a tangent of 0 (0·∞ = NaN)
    const live = new Set<string>(inputs.filter((x) => x.name === wrt).map((x) => x.v));
    const tsteps: TangentStep[] = steps.map((s) => {
      const terms = s.args.flatMap((a, j) => (typeof a === 'string' ? [{ partial: s.partials[j]!, of: dot(a), tangent: tan.get(a)! }] : []));
      let t = 0;
      s.args.forEach((a, j) => {
        if (typeof a !== 'string' || !live.has(a)) return;
        t += s.partials[j]! * tan.get(a)!;
        live.add(s.v);
      });
      tan.set(s.v, t);
      return { v: dot(s.v), terms, value: t };
    });
    return {
      ...base,
      wrt,
      tangents: { inputs: inputs.map((x) => ({ v: dot(x.v), value: tan.get(x.v)! })), steps: tsteps, derivative: tan.get(output)! },
      ...(paths(inputs.filter((x) => x.name === wrt)) ? { paths: paths(inputs.filter((x) => x.name === wrt))! } : {}),
    };
  }

  // reverse: the backward loop of the tape, written out one edge at a time
  const adj = new Map<string, number>([[output, 1]]);
  const asteps: AdjointStep[] = [];
  for (let k = steps.length - 1; k >= 0; k--) {
    const s = steps[k]!;
    const a = adj.get(s.v);
    if (a === undefined) continue; // the output does not depend on this step
    s.args.forEach((arg, j) => {
      if (typeof arg !== 'string') return;
      const before = adj.get(arg);
      const v = (before ?? 0) + a * s.partials[j]!;
      adj.set(arg, v);
      asteps.push({ target: bar(arg), from: bar(s.v), partial: s.partials[j]!, fromValue: a, before: before ?? null, value: v });
    });
  }
  tape.backward(out);
  const gradient: Record<string, number> = {};
  for (const x of inputs) setOwn(gradient, x.name, tape.grad(node.get(variable(x.name))!));
  if (options.wrt !== undefined && !names.includes(options.wrt)) throw new DiffError(`${options.wrt} is not a variable of the expression (${names.join(', ')})`);
  const shown = options.wrt === undefined ? inputs : inputs.filter((x) => x.name === options.wrt);
  return { ...base, adjoints: { steps: asteps, gradient }, ...(paths(shown) ? { paths: paths(shown)! } : {}) };
}

const dot = (v: string): string => v.replace(/^v/, 'v̇');
const bar = (v: string): string => v.replace(/^v/, 'v̄');

function fmtArg(v: number): string {
  return v < 0 ? `(${fmt(v)})` : fmt(v);
}

/** A value for a table: up to three decimals as in the survey, more significant digits when small. */
export function fmt(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  const s = a === 0 ? '0' : a >= 1e-3 && a < 1e15 ? String(+a.toFixed(3)) : a.toPrecision(4);
  return (v < 0 ? '−' : '') + s;
}

/** Every path from the output back to one input, with the local partials along it. */
function pathsTo(output: string, input: string, steps: ReadonlyMap<string, TraceStep>, limit: number): PathInfo {
  const found: { via: string[]; partials: number[]; product: number }[] = [];
  let total = 0;
  let truncated = false;
  // iterative depth-first search: (label, path so far, partials so far)
  const stack: [string, string[], number[]][] = [[output, [output], [1]]];
  let visits = 0;
  while (stack.length > 0) {
    const [v, via, ps] = stack.pop()!;
    if (++visits > 100_000) {
      truncated = true;
      break;
    }
    if (v === input) {
      const product = ps.reduce((p, x) => p * x, 1);
      total += product;
      if (found.length < limit) found.push({ via, partials: ps, product });
      else truncated = true;
      continue;
    }
    const s = steps.get(v);
    if (!s) continue;
    for (let j = s.args.length - 1; j >= 0; j--) {
      const a = s.args[j]!;
      if (typeof a === 'string') stack.push([a, [...via, a], [...ps, s.partials[j]!]]);
    }
  }
  return { total, paths: found, truncated };
}

// ---------------------------------------------------------------------------
// Text tables

/** Display width: code points, not counting combining marks (the dot of v̇, the bar of v̄). */
function width(s: string): number {
  return [...s.replace(/\p{M}/gu, '')].length;
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

/** Lays out rows of [left, middle, value] with aligned `=` signs. */
function table(rows: readonly (readonly [string, string, string])[]): string[] {
  const w0 = Math.max(...rows.map((r) => width(r[0])));
  const w1 = Math.max(...rows.map((r) => width(r[1])));
  return rows.map(([a, b, c]) => (b === '' ? `${pad(a, w0)} = ${c}` : `${pad(a, w0)} = ${pad(b, w1)} = ${c}`));
}

/** a·x with a shown only when it is not ±1 (1 × v̇ is v̇, −1 × v̇ is −v̇). */
function scaled(a: number, x: string): string {
  if (a === 1) return x;
  if (a === -1) return `−${x}`;
  return `${fmt(a)} × ${x}`;
}

function sumText(terms: readonly string[]): string {
  if (terms.length === 0) return '0';
  return terms.reduce((acc, t, i) => (i === 0 ? t : t.startsWith('−') ? `${acc} − ${t.slice(1)}` : `${acc} + ${t}`), '');
}

/** The trace as text tables: the primal trace beside the tangent trace (forward), or followed by the adjoint trace (reverse). */
export function traceText(t: Trace): string {
  const primal: [string, string, string][] = [
    ...t.inputs.map((x): [string, string, string] => [x.v, x.label, fmt(x.value)]),
    ...t.steps.map((s): [string, string, string] => [s.v, s.text, fmt(s.value)]),
    ['y', t.output, fmt(t.value)],
  ];
  const out: string[] = [];
  if (t.mode === 'forward' && t.tangents) {
    const tg = t.tangents;
    const wrtLabel = unicodeName(t.wrt!);
    const tangent: [string, string, string][] = [
      ...t.inputs.map((x, k): [string, string, string] => [tg.inputs[k]!.v, `${x.label.replace(/^(\p{L})/u, '$1\u0307')}`, fmt(tg.inputs[k]!.value)]),
      ...tg.steps.map((s): [string, string, string] => [s.v, sumText(s.terms.map((term) => scaled(term.partial, term.of))), fmt(s.value)]),
      ['ẏ', dot(t.output), fmt(tg.derivative)],
    ];
    const left = table(primal);
    const right = table(tangent);
    const lw = Math.max(...left.map(width), 'Forward primal trace'.length);
    const seeds = t.inputs.map((x) => `${x.label.replace(/^(\p{L})/u, '$1\u0307')} = ${x.name === t.wrt ? 1 : 0}`).join(', ');
    out.push(`${pad('Forward primal trace', lw)}  │ Forward tangent trace (${seeds})`);
    left.forEach((l, k) => out.push(`${pad(l, lw)}  │ ${right[k]}`));
    out.push('', `∂f/∂${wrtLabel} = ẏ = ${fmt(tg.derivative)}`);
  } else if (t.adjoints) {
    out.push('Forward primal trace', ...table(primal), '', 'Reverse adjoint trace (ȳ = 1)');
    const rows: [string, string, string][] = [[bar(t.output), 'ȳ', '1']];
    for (const s of t.adjoints.steps) {
      const local = `∂${s.from.replace('v̄', 'v')}/∂${s.target.replace('v̄', 'v')}`;
      const mid =
        s.before === null
          ? `${s.from} × ${local} = ${fmt(s.fromValue)} × ${fmtArg(s.partial)}`
          : `${s.target} + ${s.from} × ${local} = ${fmt(s.before)} + ${fmt(s.fromValue)} × ${fmtArg(s.partial)}`;
      rows.push([s.target, mid, fmt(s.value)]);
    }
    out.push(...table(rows), '');
    const xs = t.inputs.map((x): [string, string, string] => [`${x.label.replace(/^(\p{L})/u, '$1\u0304')}`, bar(x.v), fmt(t.adjoints!.gradient[x.name]!)]);
    if (xs.length > 0) out.push(...table(xs));
  }
  if (t.paths) {
    out.push('', 'Paths from the output (chain rule: the sum over paths of the products of local derivatives)');
    for (const [name, info] of Object.entries(t.paths)) {
      const lab = unicodeName(name);
      for (const p of info.paths) {
        out.push(`  ∂f/∂${lab}: ${p.via.join(' → ')}`, `      ${p.partials.map(fmtArg).join(' × ')} = ${fmt(p.product)}`);
      }
      if (info.paths.length > 1 || info.truncated) {
        out.push(`  ∂f/∂${lab} = ${info.truncated ? 'Σ (more paths than shown)' : info.paths.map((p) => fmtArg(p.product)).join(' + ')} = ${fmt(info.total)}`);
      }
    }
  }
  return out.join('\n').normalize('NFC');
}
