// Forward mode on dual numbers, with tagged perturbations.
//
// A dual number a + bε_t carries a value a and a tangent b along the
// infinitesimal ε_t (ε_t² = 0). Each call of `derivative`, `grad`, `jvpOf`
// draws a fresh tag t, so nested derivatives use distinct infinitesimals
// and cannot confuse one another's perturbations (Siskind & Pearlmutter's
// perturbation confusion): D(x ↦ x·D(y ↦ x + y)(1))(1) is 1, not 2.
//
// Every registry op lifts to duals by the chain rule
//
//     f(a₁ + b₁ε, …, aₙ + bₙε) = f(a) + (Σⱼ ∂f/∂xⱼ(a) · bⱼ) ε
//
// using the registry's numeric partials when the aⱼ are plain numbers. When
// they are themselves duals (a nested derivative), the partials must be
// differentiable too: they are then computed from the registry's symbolic
// partial ∂f/∂xⱼ, evaluated on duals by this same interpreter.
//
// Tags grow with creation: a derivative started inside another gets a larger
// tag, so the dual with the largest tag is the outermost layer of a value.

import { DiffError } from '../expr/errors.ts';
import { partialProgram } from '../expr/partials.ts';
import { arityOk, arityText, opDef, opNames, type OpName } from '../ops/index.ts';

/** A dual number: value + tangent·ε_tag. Value and tangent may be duals of smaller tags (nesting). */
export class Dual {
  readonly tag: number;
  readonly primal: Scalar;
  readonly tangent: Scalar;
  constructor(tag: number, primal: Scalar, tangent: Scalar) {
    this.tag = tag;
    this.primal = primal;
    this.tangent = tangent;
  }

  toString(): string {
    return `${String(this.primal)} + ${String(this.tangent)}ε${this.tag}`;
  }
}

/** A number or a dual number. */
export type Scalar = number | Dual;

let nextTag = 1;
/** A fresh perturbation tag, larger than every tag drawn before. */
export function freshTag(): number {
  return nextTag++;
}

/** The plain number at the bottom of a (possibly nested) dual. */
export function valueOf(x: Scalar): number {
  let v = x;
  while (v instanceof Dual) v = v.primal;
  return v;
}

/** The part of x that does not move with ε_tag. */
export function primalOf(x: Scalar, tag: number): Scalar {
  if (!(x instanceof Dual) || x.tag < tag) return x;
  if (x.tag === tag) return x.primal;
  // an inner (larger) tag wraps this one: take the primal of both parts
  return dual(x.tag, primalOf(x.primal, tag), primalOf(x.tangent, tag));
}

/** The coefficient of ε_tag in x: ∂x/∂ε_tag. */
export function tangentOf(x: Scalar, tag: number): Scalar {
  if (!(x instanceof Dual) || x.tag < tag) return 0;
  if (x.tag === tag) return x.tangent;
  return dual(x.tag, tangentOf(x.primal, tag), tangentOf(x.tangent, tag));
}

/** a + bε_tag, dropping a zero tangent. */
function dual(tag: number, a: Scalar, b: Scalar): Scalar {
  return b === 0 ? a : new Dual(tag, a, b);
}

// ---------------------------------------------------------------------------
// The symbolic partials of each op (a flat program from expr/partials.ts), for nested duals.

/** ∂op/∂xⱼ at x (duals allowed), from the registry's symbolic partials; y = op(x). */
function symbolicPartials(op: OpName, x: readonly Scalar[], y: Scalar): Scalar[] {
  const p = partialProgram(op, x.length);
  const v: Scalar[] = new Array<Scalar>(p.steps.length);
  for (let s = 0; s < p.steps.length; s++) {
    const st = p.steps[s]!;
    switch (st.kind) {
      case 'arg':
        v[s] = x[st.j]!;
        break;
      case 'self':
        v[s] = y;
        break;
      case 'num':
        v[s] = st.value;
        break;
      case 'call':
        v[s] = applyOp(st.op, st.args.map((i) => v[i]!));
        break;
    }
  }
  return p.outputs.map((o) => v[o]!);
}

// ---------------------------------------------------------------------------
// Lifting ops to duals

const scratchD: number[][] = [];

/**
 * Applies a registry op to numbers or duals. Values outside the op's domain
 * follow IEEE semantics (NaN, ±∞); `evaluateDual` checks domains.
 */
export function applyOp(op: OpName, args: readonly Scalar[]): Scalar {
  const def = opDef(op);
  const k = args.length;
  let tag = 0;
  for (let j = 0; j < k; j++) {
    const a = args[j]!;
    if (a instanceof Dual) {
      if (a.tag > tag) tag = a.tag;
    } else if (typeof a !== 'number') {
      throw new DiffError(`${op}: argument ${j + 1} must be a number or a Dual, got ${typeof a}`);
    }
  }
  if (tag === 0) {
    if (!arityOk(def.arity, k)) throw new DiffError(`${op} takes ${arityText(def.arity)}, got ${k}`);
    return def.eval(args as readonly number[]);
  }
  const p: Scalar[] = new Array<Scalar>(k);
  const t: Scalar[] = new Array<Scalar>(k);
  let plain = true;
  for (let j = 0; j < k; j++) {
    p[j] = primalOf(args[j]!, tag);
    t[j] = tangentOf(args[j]!, tag);
    if (typeof p[j] !== 'number') plain = false;
  }
  const y = applyOp(op, p);
  // ẏ = Σⱼ ∂f/∂xⱼ · ẋⱼ over the arguments that carry ε_tag. With plain
  // primals (first order) an argument that carries it passes its tangent on
  // even when it is exactly 0 (0·∞ = NaN, as the tape does), and the result
  // keeps ε_tag; an argument without it contributes nothing.
  let tangent: Scalar = 0;
  if (plain) {
    let d = scratchD[k];
    if (d === undefined) d = scratchD[k] = new Array<number>(k).fill(0);
    def.partials(p as number[], y as number, d);
    let s = 0;
    let ts: Scalar = 0;
    let carried = false;
    for (let j = 0; j < k; j++) {
      const a = args[j]!;
      if (!(a instanceof Dual && a.tag === tag)) continue;
      carried = true;
      const tj = t[j]!;
      if (typeof tj === 'number') s += d[j]! * tj;
      else ts = addS(ts, mulS(d[j]!, tj));
    }
    tangent = addS(ts, s);
    if (carried && tangent === 0) return new Dual(tag, y, 0);
  } else {
    const needed: boolean[] = t.map((tj) => tj !== 0);
    if (needed.some(Boolean)) {
      const d = symbolicPartials(op, p, y);
      for (let j = 0; j < k; j++) if (needed[j]) tangent = addS(tangent, mulS(d[j]!, t[j]!));
    }
  }
  return dual(tag, y, tangent);
}

function addS(a: Scalar, b: Scalar): Scalar {
  if (a === 0) return b;
  if (b === 0) return a;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  return applyOp('add', [a, b]);
}

function mulS(a: Scalar, b: Scalar): Scalar {
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  return applyOp('mul', [a, b]);
}

/** Every registry op as a function on numbers and duals: `ops.sin(x)`, `ops.mul(a, b, c)`, `ops.pow(x, 2)`. */
export const ops: { readonly [K in OpName]: (...args: Scalar[]) => Scalar } = Object.fromEntries(
  opNames.map((op) => [op, (...args: Scalar[]): Scalar => applyOp(op, args)]),
) as { readonly [K in OpName]: (...args: Scalar[]) => Scalar };

// ---------------------------------------------------------------------------
// Derivatives of plain functions

/** A scalar function written with `ops` (numbers and duals flow through). */
export type ScalarFn = (x: Scalar) => Scalar;
/** A function of a vector written with `ops`. */
export type VectorScalarFn = (x: Scalar[]) => Scalar;
/** A vector function of a vector written with `ops`. */
export type VectorFn = (x: Scalar[]) => readonly Scalar[];

function checkScalar(x: unknown, what: string): void {
  if (typeof x !== 'number' && !(x instanceof Dual)) throw new DiffError(`${what} must be a number or a Dual, got ${typeof x}`);
}

/**
 * f′ as a function, by one dual pass per call; `order` nests it
 * (derivative(f, 2) = f″). The result accepts duals, so derivatives nest.
 */
export function derivative(f: ScalarFn, order = 1): ScalarFn {
  if (!Number.isInteger(order) || order < 0) throw new DiffError(`the order of a derivative must be a whole number ≥ 0, got ${order}`);
  let g = f;
  for (let k = 0; k < order; k++) {
    const h = g;
    g = (x: Scalar): Scalar => {
      checkScalar(x, 'the point');
      const tag = freshTag();
      const y = h(new Dual(tag, x, 1));
      checkScalar(y, 'the function’s result');
      return tangentOf(y, tag);
    };
  }
  return g;
}

/** The directional derivative: f(x) and ∇f(x)·v from one dual pass. */
export function jvpOf(f: VectorScalarFn, x: readonly Scalar[], v: readonly Scalar[]): { value: Scalar; tangent: Scalar } {
  if (v.length !== x.length) throw new DiffError(`jvp: ${x.length} inputs but a direction of length ${v.length}`);
  const tag = freshTag();
  const y = f(x.map((xi, i) => (checkScalar(xi, `input ${i}`), dual(tag, xi, v[i]!))));
  checkScalar(y, 'the function’s result');
  return { value: primalOf(y, tag), tangent: tangentOf(y, tag) };
}

/** ∇f by n forward passes, one per input (each with its own tag). */
export function grad(f: VectorScalarFn): (x: readonly Scalar[]) => Scalar[] {
  return (x) =>
    x.map((_, i) => {
      const tag = freshTag();
      const y = f(x.map((xj, j) => (checkScalar(xj, `input ${j}`), j === i ? new Dual(tag, xj, 1) : xj)));
      checkScalar(y, 'the function’s result');
      return tangentOf(y, tag);
    });
}

/** The Jacobian of a vector function by n forward passes (one column each); rows are outputs. */
export function jacfwd(f: VectorFn): (x: readonly Scalar[]) => Scalar[][] {
  return (x) => {
    const cols: Scalar[][] = x.map((_, i) => {
      const tag = freshTag();
      const ys = f(x.map((xj, j) => (checkScalar(xj, `input ${j}`), j === i ? new Dual(tag, xj, 1) : xj)));
      return ys.map((y) => tangentOf(y, tag));
    });
    const m = cols[0]?.length ?? 0;
    return Array.from({ length: m }, (_, r) => cols.map((c) => c[r]!));
  };
}

/** ∇²f by forward-over-forward (nested duals): the Jacobian of the gradient. */
export function hessianOf(f: VectorScalarFn): (x: readonly Scalar[]) => Scalar[][] {
  return jacfwd((x) => grad(f)(x));
}
