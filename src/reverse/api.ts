// Reverse-mode derivatives of expressions and of plain functions.
//
// One backward sweep gives the whole gradient of a scalar output, whatever
// the number of inputs; a Jacobian takes one sweep per output row.

import { DiffError } from '../expr/errors.ts';
import { own, setOwn, type Point } from '../expr/eval.ts';
import type { Expr } from '../expr/expr.ts';
import { freeVariables, compareNames } from '../expr/traverse.ts';
import { tapeFromExpr, type ExprTape, type RecordOptions } from './record.ts';
import { hessianVectorSweep } from './second.ts';
import { Tape } from './tape.ts';
import { Value, type ValueLike } from './value.ts';

// ---------------------------------------------------------------------------
// Expressions

export interface GradientResult {
  readonly value: number;
  /** ∂f/∂v for each variable, in the order of `vars`. */
  readonly gradient: Record<string, number>;
  readonly vars: readonly string[];
  /** Length of the tape that was swept. */
  readonly tapeLength: number;
}

function variablesOf(es: readonly Expr[], vars?: readonly string[]): string[] {
  if (vars !== undefined) return vars.slice();
  const all = new Set<string>();
  for (const e of es) for (const v of freeVariables(e)) all.add(v);
  return [...all].sort(compareNames);
}

function leafGrad(t: ExprTape, name: string): number {
  const i = t.variables.get(name);
  return i === undefined ? 0 : t.grad(i);
}

/** The gradient of e at the point by one reverse sweep. Variables default to the free variables of e. */
export function gradient(e: Expr, point: Point, vars?: readonly string[], options?: RecordOptions): GradientResult {
  const names = variablesOf([e], vars);
  const t = tapeFromExpr([e], point, options);
  const out = t.outputs[0]!;
  t.backward(out);
  const g: Record<string, number> = {};
  for (const v of names) setOwn(g, v, leafGrad(t, v));
  return { value: t.value(out), gradient: g, vars: names, tapeLength: t.length };
}

export interface JacobianResult {
  readonly values: number[];
  /** jacobian[i][j] = ∂fᵢ/∂vars[j]. */
  readonly jacobian: number[][];
  readonly vars: readonly string[];
}

/** The Jacobian of a list of expressions: recorded once on one tape, one backward sweep per output. */
export function jacobian(es: readonly Expr[], point: Point, vars?: readonly string[], options?: RecordOptions): JacobianResult {
  const names = variablesOf(es, vars);
  const t = tapeFromExpr(es, point, options);
  const rows = t.outputs.map((o) => {
    t.backward(o);
    return names.map((v) => leafGrad(t, v));
  });
  return { values: t.outputs.map((o) => t.value(o)), jacobian: rows, vars: names };
}

export interface VjpResult {
  readonly values: number[];
  /** uᵀJ, by variable. */
  readonly vjp: Record<string, number>;
  readonly vars: readonly string[];
}

/** The vector-Jacobian product uᵀJ of a list of expressions, in one backward sweep. */
export function vjp(es: readonly Expr[], point: Point, u: readonly number[], vars?: readonly string[], options?: RecordOptions): VjpResult {
  if (u.length !== es.length) throw new DiffError(`vjp: ${es.length} outputs but a cotangent of length ${u.length}`);
  const names = variablesOf(es, vars);
  const t = tapeFromExpr(es, point, options);
  t.backwardMany(t.outputs, u);
  const r: Record<string, number> = {};
  for (const v of names) setOwn(r, v, leafGrad(t, v));
  return { values: t.outputs.map((o) => t.value(o)), vjp: r, vars: names };
}

export interface HvpResult {
  readonly value: number;
  readonly gradient: Record<string, number>;
  /** ∇²f · v, by variable. */
  readonly hvp: Record<string, number>;
  readonly vars: readonly string[];
}

/** The Hessian-vector product ∇²f·v by forward-over-reverse (v: direction by variable, missing = 0). */
export function hvp(e: Expr, point: Point, v: Readonly<Record<string, number>>, vars?: readonly string[], options?: RecordOptions): HvpResult {
  const names = variablesOf([e], vars);
  for (const k of Object.keys(v)) {
    if (!names.includes(k)) throw new DiffError(`the direction names ${k}, which is not a variable of the expression`);
  }
  const t = tapeFromExpr([e], point, options);
  const dir = new Float64Array(t.length);
  for (const [name, i] of t.variables) dir[i] = own(v, name) ?? 0;
  const out = t.outputs[0]!;
  const s = hessianVectorSweep(t, out, dir);
  const g: Record<string, number> = {};
  const h: Record<string, number> = {};
  for (const name of names) {
    const i = t.variables.get(name);
    setOwn(g, name, i === undefined ? 0 : s.adjoint[i]!);
    setOwn(h, name, i === undefined ? 0 : s.adjointTangent[i]!);
  }
  return { value: t.value(out), gradient: g, hvp: h, vars: names };
}

export interface HessianResult {
  readonly value: number;
  readonly gradient: Record<string, number>;
  /** hessian[i][j] = ∂²f/∂vars[i]∂vars[j]. */
  readonly hessian: number[][];
  readonly vars: readonly string[];
}

/** The full Hessian by forward-over-reverse: one Hessian-vector product per variable, on one tape. */
export function hessian(e: Expr, point: Point, vars?: readonly string[], options?: RecordOptions): HessianResult {
  const names = variablesOf([e], vars);
  const t = tapeFromExpr([e], point, options);
  const out = t.outputs[0]!;
  const rows: number[][] = [];
  let grad: Record<string, number> = {};
  for (const name of names) {
    const dir = new Float64Array(t.length);
    const k = t.variables.get(name);
    if (k !== undefined) dir[k] = 1;
    const s = hessianVectorSweep(t, out, dir);
    rows.push(names.map((m) => {
      const i = t.variables.get(m);
      return i === undefined ? 0 : s.adjointTangent[i]!;
    }));
    grad = Object.fromEntries(names.map((m) => {
      const i = t.variables.get(m);
      return [m, i === undefined ? 0 : s.adjoint[i]!];
    }));
  }
  return { value: t.value(out), gradient: grad, hessian: rows, vars: names };
}

// ---------------------------------------------------------------------------
// Plain functions written with Value handles (define-by-run)

/** A scalar function of a vector, written with Value handles. */
export type ScalarFn = (x: Value[]) => ValueLike;
/** A vector function of a vector, written with Value handles. */
export type VectorFn = (x: Value[]) => readonly ValueLike[];

function checkInput(x: readonly number[]): void {
  for (let i = 0; i < x.length; i++) {
    if (typeof x[i] !== 'number') throw new DiffError(`input ${i} must be a number, got ${typeof x[i]}`);
  }
}

/** Records f at x on the tape; returns the leaves and the output node. */
function run(t: Tape, f: ScalarFn, x: readonly number[]): { leaves: Value[]; out: number } {
  checkInput(x);
  const leaves = x.map((v) => Value.leaf(t, v));
  const y = f(leaves);
  return { leaves, out: outIndex(t, y) };
}

function outIndex(t: Tape, y: ValueLike): number {
  if (typeof y === 'number') return t.leaf(y);
  if (!(y instanceof Value)) throw new DiffError(`the function must return a number or a Value, got ${typeof y}`);
  if (y.tape !== t) throw new DiffError('the function returned a Value from another tape');
  return y.index;
}

/**
 * ∇f as a function, by reverse mode. Each call records f afresh (the
 * dynamic graph: control flow may differ from point to point) on a tape
 * that is reused between calls.
 */
export function grad(f: ScalarFn): (x: readonly number[]) => number[] {
  const g = valueAndGrad(f);
  return (x) => g(x).grad;
}

/** f and ∇f together, from one recording and one sweep. */
export function valueAndGrad(f: ScalarFn): (x: readonly number[]) => { value: number; grad: number[] } {
  const tape = new Tape();
  let busy = false;
  return (x) => {
    const t = busy ? new Tape() : tape;
    busy = true;
    try {
      t.reset();
      const { leaves, out } = run(t, f, x);
      t.backward(out);
      return { value: t.value(out), grad: leaves.map((l) => t.grad(l.index)) };
    } finally {
      if (t === tape) busy = false;
    }
  };
}

/** The Jacobian of a vector function: one recording, one backward sweep per output (rows). */
export function jacrev(f: VectorFn): (x: readonly number[]) => number[][] {
  return (x) => {
    checkInput(x);
    const t = new Tape();
    const leaves = x.map((v) => Value.leaf(t, v));
    const outs = f(leaves).map((y) => outIndex(t, y));
    return outs.map((o) => {
      t.backward(o);
      return leaves.map((l) => t.grad(l.index));
    });
  };
}

/** JAX-style vjp: the outputs at x and a pullback u ↦ uᵀJ reusing the same tape. */
export function vjpOf(f: VectorFn, x: readonly number[]): { values: number[]; pullback: (u: readonly number[]) => number[] } {
  checkInput(x);
  const t = new Tape();
  const leaves = x.map((v) => Value.leaf(t, v));
  const outs = f(leaves).map((y) => outIndex(t, y));
  return {
    values: outs.map((o) => t.value(o)),
    pullback: (u) => {
      if (u.length !== outs.length) throw new DiffError(`pullback: ${outs.length} outputs but a cotangent of length ${u.length}`);
      t.backwardMany(outs, u);
      return leaves.map((l) => t.grad(l.index));
    },
  };
}

/** ∇²f(x)·v by forward-over-reverse. */
export function hvpOf(f: ScalarFn, x: readonly number[], v: readonly number[]): number[] {
  if (v.length !== x.length) throw new DiffError(`hvp: ${x.length} inputs but a direction of length ${v.length}`);
  const t = new Tape();
  const { leaves, out } = run(t, f, x);
  const dir = new Float64Array(t.length);
  leaves.forEach((l, k) => (dir[l.index] = v[k]!));
  const s = hessianVectorSweep(t, out, dir);
  return leaves.map((l) => s.adjointTangent[l.index]!);
}

/** ∇²f(x) by forward-over-reverse: one recording, one Hessian-vector product per input. */
export function hessianOf(f: ScalarFn): (x: readonly number[]) => number[][] {
  return (x) => {
    const t = new Tape();
    const { leaves, out } = run(t, f, x);
    return leaves.map((lk) => {
      const dir = new Float64Array(t.length);
      dir[lk.index] = 1;
      const s = hessianVectorSweep(t, out, dir);
      return leaves.map((l) => s.adjointTangent[l.index]!);
    });
  };
}

/**
 * A function recorded once (the static graph). `replay(x)` re-evaluates the
 * recorded list at new inputs without running f again, so any branch f took
 * while recording is frozen; calling `grad(f)` instead re-records each time
 * (the dynamic graph).
 */
export class RecordedFunction {
  readonly tape: Tape;
  private readonly leaves: readonly number[];
  private readonly out: number;

  constructor(f: ScalarFn, x: readonly number[]) {
    this.tape = new Tape();
    const r = run(this.tape, f, x);
    this.leaves = r.leaves.map((l) => l.index);
    this.out = r.out;
  }

  /** Re-evaluates the recorded list at x; returns the value. */
  replay(x: readonly number[]): number {
    checkInput(x);
    if (x.length !== this.leaves.length) throw new DiffError(`replay: recorded with ${this.leaves.length} inputs, got ${x.length}`);
    this.leaves.forEach((l, k) => this.tape.setLeaf(l, x[k]!));
    this.tape.forward();
    return this.tape.value(this.out);
  }

  get value(): number {
    return this.tape.value(this.out);
  }

  /** ∇f at the current point of the tape (after recording or the last replay). */
  gradient(): number[] {
    this.tape.backward(this.out);
    return this.leaves.map((l) => this.tape.grad(l));
  }
}

/** Records f at x once, for replay at other points (the static graph). */
export function record(f: ScalarFn, x: readonly number[]): RecordedFunction {
  return new RecordedFunction(f, x);
}
