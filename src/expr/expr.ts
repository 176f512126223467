// The expression DAG: an immutable, hash-consed tagged union.
//
// Every node is built through the constructors below, which intern it in a
// table keyed by its kind and its children's ids (held weakly: see below). Structurally equal
// expressions are therefore the same object, `===` is structural equality,
// and shared subexpressions (the product rule's duplicated factors, say) are
// stored once. Nodes are frozen; nothing mutates them.

import type { OpName } from '../ops/index.ts';
import { arityOk, arityText, opDef } from '../ops/index.ts';
import { DiffError } from './errors.ts';

interface Node {
  /** Unique, increasing with creation order; children always have smaller ids. */
  readonly id: number;
}

/** A numeric literal. */
export interface Num extends Node {
  readonly kind: 'num';
  readonly value: number;
  /**
   * For an exact integer beyond 2⁵³ (built by the simplifier's exact
   * arithmetic): its decimal digits. `value` is then the nearest double.
   */
  readonly digits?: string;
}

/** A variable, by its canonical ASCII name (`x`, `x1`, `alpha`). */
export interface Var extends Node {
  readonly kind: 'var';
  readonly name: string;
}

/** A named mathematical constant (π, e). */
export interface Const extends Node {
  readonly kind: 'const';
  readonly name: ConstName;
  readonly value: number;
}

/** An application of a registry op to its arguments. */
export interface Call extends Node {
  readonly kind: 'call';
  readonly op: OpName;
  readonly args: readonly Expr[];
}

export type Expr = Num | Var | Const | Call;
export type ConstName = 'pi' | 'e';

export const CONSTANTS: Readonly<Record<ConstName, number>> = { pi: Math.PI, e: Math.E };

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}

// ---------------------------------------------------------------------------
// Interning
//
// The table holds its nodes weakly: a node lives as long as someone holds it
// (the caller, or a parent node through its args), so memory follows what
// is in use rather than everything ever built. While a node is alive, every
// constructor call with the same structure returns it, so `===` remains
// structural equality among live nodes. Keys name children by id; ids are
// never reused, and a live parent keeps its children alive, so a key can
// only ever match the node it was made for. When a node is collected, its
// entry is removed by the finalization registry (or replaced first, if an
// equal node was built again in between).

const table = new Map<string, WeakRef<Expr>>();
const collected = new FinalizationRegistry<string>((key) => {
  const ref = table.get(key);
  if (ref !== undefined && ref.deref() === undefined) table.delete(key);
});
let nextId = 0;

function intern<T extends Expr>(key: string, make: (id: number) => T): T {
  const hit = table.get(key)?.deref();
  if (hit !== undefined) return hit as T;
  const node: T = make(nextId++);
  Object.freeze(node);
  table.set(key, new WeakRef(node));
  collected.register(node, key);
  return node;
}

/** Entries in the intern table: the live nodes, plus collected ones whose entries are not yet removed (diagnostics, tests). */
export function internedCount(): number {
  return table.size;
}

function numKey(v: number): string {
  // Object.is semantics: -0 and 0 are distinct literals; NaN is one literal.
  return Object.is(v, -0) ? 'n:-0' : `n:${v}`;
}

export function num(value: number): Num {
  return intern(numKey(value), (id) => ({ kind: 'num', value, id }));
}

/**
 * An exact integer: a plain num up to 2⁵³ in magnitude, beyond that a num
 * whose value is the nearest double and whose digits are exact.
 */
export function bigInteger(v: bigint): Num {
  if (v >= -9007199254740991n && v <= 9007199254740991n) return num(Number(v));
  const digits = v.toString();
  return intern(`n:big:${digits}`, (id) => ({ kind: 'num', value: Number(v), digits, id }));
}

const VAR_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export function variable(name: string): Var {
  if (!VAR_NAME.test(name)) {
    throw new DiffError(`invalid variable name ${JSON.stringify(name)}: use a letter followed by letters, digits or _`);
  }
  return intern(`v:${name}`, (id) => ({ kind: 'var', name, id }));
}

export function constant(name: ConstName): Const {
  return intern(`c:${name}`, (id) => ({ kind: 'const', name, value: CONSTANTS[name], id }));
}

/** Applies `op` to `args`. Checks the arity; performs no simplification. */
export function call(op: OpName, args: readonly Expr[]): Call {
  const def = opDef(op);
  if (!arityOk(def.arity, args.length)) {
    throw new DiffError(`${op} takes ${arityText(def.arity)}, got ${args.length}`);
  }
  let key = `${op}(`;
  for (let i = 0; i < args.length; i++) key += (i ? ',' : '') + args[i]!.id;
  key += ')';
  return intern(key, (id) => ({ kind: 'call', op, args: Object.freeze(args.slice()), id }));
}

// ---------------------------------------------------------------------------
// Convenience constructors (faithful: no rewriting)

export type ExprLike = Expr | number;
export const lift = (e: ExprLike): Expr => (typeof e === 'number' ? num(e) : e);

export const add = (a: ExprLike, b: ExprLike): Expr => call('add', [lift(a), lift(b)]);
export const sub = (a: ExprLike, b: ExprLike): Expr => call('sub', [lift(a), lift(b)]);
export const mul = (a: ExprLike, b: ExprLike): Expr => call('mul', [lift(a), lift(b)]);
export const div = (a: ExprLike, b: ExprLike): Expr => call('div', [lift(a), lift(b)]);
export const pow = (a: ExprLike, b: ExprLike): Expr => call('pow', [lift(a), lift(b)]);
export const neg = (a: ExprLike): Expr => call('neg', [lift(a)]);
export const fn = (op: OpName, ...args: ExprLike[]): Expr => call(op, args.map(lift));

export const isNum = (e: Expr, v?: number): e is Num => e.kind === 'num' && (v === undefined || e.value === v);
