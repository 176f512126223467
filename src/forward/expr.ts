// Forward mode on expressions.
//
// `ForwardProgram` flattens a DAG once (topological order, each shared node
// once) into typed arrays; a pass then pushes one tangent direction through
// it, computing every value and its tangent ẏ = Σⱼ ∂f/∂xⱼ ẋⱼ with the
// registry's numeric partials, exactly what dual numbers do, but with the
// duals stored as two parallel arrays instead of objects. The gradient of
// f: ℝⁿ → ℝ takes n passes; a Jacobian of ℝⁿ → ℝᵐ also takes n passes
// (one column each), whatever m is.
//
// `evaluateDual` interprets an expression on `Dual` objects, so expressions
// can be nested inside derivatives of plain functions and differentiated to
// any order (`hessian` below is forward-over-forward).
//
// Zero tangents follow PyTorch, like the tape: a node that does not depend
// on the direction has a structural zero tangent and is skipped, however
// infinite its partials; a node that does passes its tangent on even when
// it is exactly 0, so 0·∞ = NaN propagates (x·√x at 0 gives NaN).

import { DiffError } from '../expr/errors.ts';
import { lookup, own, setOwn, type Point } from '../expr/eval.ts';
import { assertNever, type Expr } from '../expr/expr.ts';
import { compareNames, freeVariables, topoOrder } from '../expr/traverse.ts';
import { opDef, opNames, type OpDef } from '../ops/index.ts';
import { applyOp, hessianOf, valueOf, type Scalar } from './dual.ts';

export interface ForwardOptions {
  /** Domain errors raise a DiffError (default), or follow IEEE semantics (NaN, ±∞) when false. */
  readonly strict?: boolean;
}

const OP_DEFS: readonly OpDef[] = opNames.map((op) => opDef(op));
const OP_CODE = new Map(opNames.map((op, i) => [op, i]));
const INPUT = -1;
const CONST = -2;

/** An expression DAG flattened for repeated forward passes. */
export class ForwardProgram {
  readonly roots: readonly Expr[];
  /** Variable names, in the order their slots are numbered. */
  readonly variables: readonly string[];
  /** Number of nodes (each shared node once). */
  readonly length: number;
  private readonly codes: Int32Array;
  private readonly argStart: Int32Array;
  private readonly argIdx: Int32Array;
  /** Constant value, or the variable's slot for inputs. */
  private readonly data: Float64Array;
  private readonly outputs: Int32Array;
  private readonly vals: Float64Array;
  private readonly tans: Float64Array;
  /** 1 where the node depends on an input with a nonzero direction (its tangent is not a structural zero). */
  private readonly live: Uint8Array;
  private readonly x: number[][] = [];
  private readonly d: number[][] = [];

  constructor(roots: readonly Expr[]) {
    if (roots.length === 0) throw new DiffError('nothing to differentiate: give at least one expression');
    const order = topoOrder(...roots);
    const n = order.length;
    const index = new Map<Expr, number>();
    const vars: string[] = [];
    let edges = 0;
    for (const e of order) if (e.kind === 'call') edges += e.args.length;
    this.codes = new Int32Array(n);
    this.argStart = new Int32Array(n + 1);
    this.argIdx = new Int32Array(edges);
    this.data = new Float64Array(n);
    let m = 0;
    order.forEach((e, i) => {
      index.set(e, i);
      this.argStart[i] = m;
      switch (e.kind) {
        case 'num':
        case 'const':
          this.codes[i] = CONST;
          this.data[i] = e.value;
          break;
        case 'var':
          this.codes[i] = INPUT;
          this.data[i] = vars.length;
          vars.push(e.name);
          break;
        case 'call':
          this.codes[i] = OP_CODE.get(e.op)!;
          for (const a of e.args) this.argIdx[m++] = index.get(a)!;
          break;
        default:
          assertNever(e);
      }
    });
    this.argStart[n] = m;
    this.roots = roots.slice();
    this.variables = vars;
    this.length = n;
    this.outputs = Int32Array.from(roots, (r) => index.get(r)!);
    this.vals = new Float64Array(n);
    this.tans = new Float64Array(n);
    this.live = new Uint8Array(n);
  }

  /**
   * One dual pass: the values of the roots and their tangents along the
   * direction (input slot → tangent; slots follow `variables`).
   */
  /**
   * Node i's value from the values of its arguments, with its local
   * partials ∂y/∂xⱼ written into d; the domain is checked when strict.
   */
  private local(i: number, code: number, strict: boolean, d: number[]): number {
    const def = OP_DEFS[code]!;
    const a0 = this.argStart[i]!;
    const k = this.argStart[i + 1]! - a0;
    const x = (this.x[k] ??= new Array<number>(k).fill(0));
    for (let j = 0; j < k; j++) x[j] = this.vals[this.argIdx[a0 + j]!]!;
    if (strict && def.domain) {
      const problem = def.domain(x);
      if (problem !== undefined) throw new DiffError(problem);
    }
    const y = def.eval(x);
    def.partials(x, y, d);
    return y;
  }

  pass(inputs: ArrayLike<number>, direction: ArrayLike<number>, strict = true): { values: number[]; tangents: number[] } {
    const { codes, argStart, argIdx, data, vals, tans, live } = this;
    for (let i = 0; i < this.length; i++) {
      const c = codes[i]!;
      if (c === CONST) {
        vals[i] = data[i]!;
        tans[i] = 0;
        live[i] = 0;
      } else if (c === INPUT) {
        const s = data[i]!;
        vals[i] = inputs[s]!;
        tans[i] = direction[s]!;
        live[i] = direction[s] !== 0 ? 1 : 0;
      } else {
        const a0 = argStart[i]!;
        const k = argStart[i + 1]! - a0;
        const d = (this.d[k] ??= new Array<number>(k).fill(0));
        const y = this.local(i, c, strict, d);
        // ẏ = Σⱼ ∂f/∂xⱼ · ẋⱼ over the arguments that depend on the direction,
        // even where their tangent is exactly 0 (0·∞ = NaN, as in reverse mode)
        let t = 0;
        let l = 0;
        for (let j = 0; j < k; j++) {
          const a = argIdx[a0 + j]!;
          if (live[a] === 0) continue;
          t += d[j]! * tans[a]!;
          l = 1;
        }
        vals[i] = y;
        tans[i] = t;
        live[i] = l;
      }
    }
    const values: number[] = [];
    const tangents: number[] = [];
    for (const o of this.outputs) {
      values.push(vals[o]!);
      tangents.push(tans[o]!);
    }
    return { values, tangents };
  }

  /**
   * JAX's linearize: one pass computes the values and every edge partial;
   * the returned function then pushes any number of tangent directions
   * through the stored partials (ẏ = Σⱼ wⱼ ẋⱼ, no op evaluated again).
   * Vector forward mode: a Jacobian in one primal pass plus n tangent sweeps.
   */
  linearize(inputs: ArrayLike<number>, strict = true): { values: number[]; push: (direction: ArrayLike<number>) => number[] } {
    const { codes, argStart, argIdx, data, vals } = this;
    const w = new Float64Array(argIdx.length);
    for (let i = 0; i < this.length; i++) {
      const c = codes[i]!;
      if (c === CONST) vals[i] = data[i]!;
      else if (c === INPUT) vals[i] = inputs[data[i]!]!;
      else {
        const a0 = argStart[i]!;
        const k = argStart[i + 1]! - a0;
        const d = (this.d[k] ??= new Array<number>(k).fill(0));
        const y = this.local(i, c, strict, d);
        vals[i] = y;
        for (let j = 0; j < k; j++) w[a0 + j] = d[j]!;
      }
    }
    const values = Array.from(this.outputs, (o) => vals[o]!);
    const tans = new Float64Array(this.length);
    const live = new Uint8Array(this.length);
    const push = (direction: ArrayLike<number>): number[] => {
      for (let i = 0; i < this.length; i++) {
        const c = codes[i]!;
        if (c === CONST) {
          tans[i] = 0;
          live[i] = 0;
        } else if (c === INPUT) {
          tans[i] = direction[data[i]!]!;
          live[i] = tans[i] !== 0 ? 1 : 0;
        } else {
          let t = 0;
          let l = 0;
          const end = argStart[i + 1]!;
          for (let e = argStart[i]!; e < end; e++) {
            const a = argIdx[e]!;
            if (live[a] === 0) continue;
            t += w[e]! * tans[a]!;
            l = 1;
          }
          tans[i] = t;
          live[i] = l;
        }
      }
      return Array.from(this.outputs, (o) => tans[o]!);
    };
    return { values, push };
  }

  /** The input vector for a point, in slot order. */
  inputsAt(point: Point): Float64Array {
    return Float64Array.from(this.variables, (name) => {
      const v = lookup(point, name);
      if (v === undefined) throw new DiffError(`unbound variable ${name}: give it a value (e.g. --at ${name}=1)`);
      if (typeof v !== 'number') throw new DiffError(`variable ${name} must be a number, got ${JSON.stringify(v)}`);
      return v;
    });
  }

  /** The unit direction along one variable (zero if the expression does not use it). */
  unit(name: string): Float64Array {
    const dir = new Float64Array(this.variables.length);
    const s = this.variables.indexOf(name);
    if (s >= 0) dir[s] = 1;
    return dir;
  }
}

function variablesOf(es: readonly Expr[], vars?: readonly string[]): string[] {
  if (vars !== undefined) return vars.slice();
  const all = new Set<string>();
  for (const e of es) for (const v of freeVariables(e)) all.add(v);
  return [...all].sort(compareNames);
}

function asList(e: Expr | readonly Expr[]): readonly Expr[] {
  return Array.isArray(e) ? (e as readonly Expr[]) : [e as Expr];
}

export interface JvpResult {
  readonly value: number;
  /** ∇f · direction. */
  readonly tangent: number;
}

/** The Jacobian-vector product of e at the point along `direction` (by variable, missing = 0), in one pass. */
export function jvp(e: Expr, point: Point, direction: Readonly<Record<string, number>>, options: ForwardOptions = {}): JvpResult {
  const r = jvpMany([e], point, direction, options);
  return { value: r.values[0]!, tangent: r.tangents[0]! };
}

/** Jvp of several outputs at once: J·v in one pass. */
export function jvpMany(
  es: readonly Expr[],
  point: Point,
  direction: Readonly<Record<string, number>>,
  options: ForwardOptions = {},
): { values: number[]; tangents: number[] } {
  const p = new ForwardProgram(es);
  for (const [k, v] of Object.entries(direction)) {
    if (typeof v !== 'number') throw new DiffError(`the direction along ${k} must be a number`);
  }
  const dir = Float64Array.from(p.variables, (name) => own(direction, name) ?? 0);
  return p.pass(p.inputsAt(point), dir, options.strict ?? true);
}

export interface GradientResult {
  readonly value: number;
  readonly gradient: Record<string, number>;
  readonly vars: readonly string[];
  /** Number of forward passes made (one per variable). */
  readonly passes: number;
}

/** The gradient of e by n forward passes, one per variable. */
export function gradient(e: Expr, point: Point, vars?: readonly string[], options: ForwardOptions = {}): GradientResult {
  const names = variablesOf([e], vars);
  const p = new ForwardProgram([e]);
  const x = p.inputsAt(point);
  const strict = options.strict ?? true;
  const g: Record<string, number> = {};
  let value = names.length === 0 ? p.pass(x, new Float64Array(p.variables.length), strict).values[0]! : NaN;
  for (const name of names) {
    const r = p.pass(x, p.unit(name), strict);
    setOwn(g, name, r.tangents[0]!);
    value = r.values[0]!;
  }
  return { value, gradient: g, vars: names, passes: names.length };
}

export interface JacobianResult {
  readonly values: number[];
  /** jacobian[i][j] = ∂fᵢ/∂vars[j]. */
  readonly jacobian: number[][];
  readonly vars: readonly string[];
}

/**
 * The Jacobian of a list of expressions by n forward passes (one column per
 * variable). With `linearize`, the values and partials are computed once and
 * only the tangents are pushed n times (vector forward mode).
 */
export function jacobian(
  es: Expr | readonly Expr[],
  point: Point,
  vars?: readonly string[],
  options: ForwardOptions & { readonly linearize?: boolean } = {},
): JacobianResult {
  const list = asList(es);
  const names = variablesOf(list, vars);
  const p = new ForwardProgram(list);
  const x = p.inputsAt(point);
  const strict = options.strict ?? true;
  const rows: number[][] = list.map(() => []);
  if (options.linearize) {
    const lin = p.linearize(x, strict);
    for (const name of names) lin.push(p.unit(name)).forEach((t, i) => rows[i]!.push(t));
    return { values: lin.values, jacobian: rows, vars: names };
  }
  let values = names.length === 0 ? p.pass(x, new Float64Array(p.variables.length), strict).values : [];
  for (const name of names) {
    const r = p.pass(x, p.unit(name), strict);
    r.tangents.forEach((t, i) => rows[i]!.push(t));
    values = r.values;
  }
  return { values, jacobian: rows, vars: names };
}

/**
 * Interprets e on numbers or duals (variables bound in `env`), each shared
 * node once. Domain problems are checked on the underlying values.
 */
export function evaluateDual(e: Expr, env: Readonly<Record<string, Scalar>>, options: ForwardOptions = {}): Scalar {
  const strict = options.strict ?? true;
  const val = new Map<Expr, Scalar>();
  for (const n of topoOrder(e)) {
    switch (n.kind) {
      case 'num':
      case 'const':
        val.set(n, n.value);
        break;
      case 'var': {
        const v = own(env, n.name);
        if (v === undefined) throw new DiffError(`unbound variable ${n.name}: give it a value (e.g. --at ${n.name}=1)`);
        val.set(n, v);
        break;
      }
      case 'call': {
        const args = n.args.map((a) => val.get(a)!);
        const def = opDef(n.op);
        if (strict && def.domain) {
          const problem = def.domain(args.map(valueOf));
          if (problem !== undefined) throw new DiffError(problem);
        }
        val.set(n, applyOp(n.op, args));
        break;
      }
      default:
        assertNever(n);
    }
  }
  return val.get(e)!;
}

export interface HessianResult {
  readonly value: number;
  /** hessian[i][j] = ∂²f/∂vars[i]∂vars[j]. */
  readonly hessian: number[][];
  readonly vars: readonly string[];
}

/** The Hessian of e by forward-over-forward (nested, tagged duals). */
export function hessian(e: Expr, point: Point, vars?: readonly string[], options: ForwardOptions = {}): HessianResult {
  const names = variablesOf([e], vars);
  const p = new ForwardProgram([e]);
  const x = p.inputsAt(point);
  const base: Record<string, Scalar> = {};
  p.variables.forEach((v, i) => setOwn(base, v, x[i]!));
  const f = (xs: Scalar[]): Scalar => {
    const env: Record<string, Scalar> = { ...base };
    names.forEach((v, i) => setOwn(env, v, xs[i]!));
    return evaluateDual(e, env, options);
  };
  const h = hessianOf(f)(names.map((v) => own(base, v) ?? 0));
  const value = valueOf(evaluateDual(e, base, options));
  return { value, hessian: h.map((row) => row.map(valueOf)), vars: names };
}
