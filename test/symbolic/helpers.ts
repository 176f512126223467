// Shared by the symbolic tests: a seeded generator, central differences with an
// error estimate, random expressions over the registry, and evaluation that
// reports "undefined here" instead of throwing.

import fc from 'fast-check';
import { call, constant, num, variable, type Expr } from '../../src/expr/expr.ts';
import { evaluate, evaluateAll } from '../../src/expr/eval.ts';
import { Rng } from '../../src/nn/rng.ts';
import { arityOk, opDef, opNames, type OpName } from '../../src/ops/index.ts';

export const x = variable('x');
export const y = variable('y');

/** A seeded uniform generator on [0, 1) (the project's xoshiro128**). */
export function seeded(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

/** The value of e at the point, or undefined where e is not defined (or not finite). */
export function valueAt(e: Expr, point: Record<string, number>): number | undefined {
  try {
    const v = evaluate(e, point);
    return Number.isFinite(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True if e is defined at the point with every intermediate value of moderate
 * size: where some subexpression is 10⁸ or more, rounding (not the algebra)
 * decides whether two equal expressions evaluate alike.
 */
export function wellConditioned(e: Expr, point: Record<string, number>): boolean {
  try {
    for (const v of evaluateAll([e], point).values()) if (!(Math.abs(v) < 1e8)) return false;
    return true;
  } catch {
    return false;
  }
}

/**
 * Fourth-order central difference of g at t, and whether g is smooth there
 * (two step sizes agree); undefined if g is undefined near t.
 */
export function centralDiff(g: (t: number) => number | undefined, t: number): { d: number; smooth: boolean } | undefined {
  const at = (h: number): number | undefined => {
    const v = [g(t + 2 * h), g(t + h), g(t - h), g(t - 2 * h)];
    if (v.some((a) => a === undefined)) return undefined;
    const [a, b, c, d] = v as [number, number, number, number];
    return (-a + 8 * b - 8 * c + d) / (12 * h);
  };
  const h = 1e-3 * Math.max(1, Math.abs(t));
  const d1 = at(h);
  const d2 = at(h / 2);
  if (d1 === undefined || d2 === undefined) return undefined;
  // A kink inside the stencil shows as one-sided slopes that disagree.
  const [l, c, r] = [g(t - h), g(t), g(t + h)] as [number, number, number];
  const oneSided = Math.abs((r - c) / h - (c - l) / h) <= 1e-3 * Math.max(1, Math.abs(d2)) + 1e-2 * h * Math.abs(r - 2 * c + l) / (h * h);
  return { d: d2, smooth: oneSided && Math.abs(d1 - d2) <= 1e-7 * Math.max(1, Math.abs(d2)) };
}

export const close = (a: number, b: number, tol: number): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

/** Argument counts to build each op with. */
export function arityOf(op: OpName): number {
  const a = opDef(op).arity;
  return typeof a === 'number' ? a : Math.min(a.min + 1, a.max);
}

/** Random expressions in x and y over every op of the registry, up to the given depth. */
export function arbExpr(depth: number): fc.Arbitrary<Expr> {
  const leaf: fc.Arbitrary<Expr> = fc.oneof(
    fc.constantFrom<Expr>(x, y, x, y, constant('pi')),
    fc.integer({ min: -3, max: 3 }).map((v) => num(v)),
    fc.constantFrom(0.5, 1.5, 2.5).map((v) => num(v)),
  );
  if (depth === 0) return leaf;
  const sub = arbExpr(depth - 1);
  const node: fc.Arbitrary<Expr> = fc
    .constantFrom(...opNames)
    .chain((op) => fc.array(sub, { minLength: arityOf(op), maxLength: arityOf(op) }).map((args) => (arityOk(opDef(op).arity, args.length) ? call(op, args) : args[0]!)));
  return fc.oneof({ weight: 1, arbitrary: leaf }, { weight: 3, arbitrary: node });
}

/**
 * Random points in [−2.5, 2.5]², shifted off the lattice of simple numbers
 * (0, ±1, ½ …) where the activations and |x| have their kinks.
 */
export const arbPoint: fc.Arbitrary<{ x: number; y: number }> = fc.record({
  x: fc.double({ min: -2.5, max: 2.5, noNaN: true }).map((v) => v + 0.0123456789),
  y: fc.double({ min: -2.5, max: 2.5, noNaN: true }).map((v) => v - 0.0234567891),
});
