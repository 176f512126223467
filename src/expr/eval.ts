// Evaluation at a point: one pass over the DAG in topological order, each
// shared node computed once. Errors name the unbound variable or the domain
// problem.

import { opDef } from '../ops/index.ts';
import { DiffError } from './errors.ts';
import { assertNever, type Expr } from './expr.ts';
import { topoOrder } from './traverse.ts';

/** A point: variable name → value. Either spelling of a name may be given by callers that normalize it. */
export type Point = Readonly<Record<string, number>> | ReadonlyMap<string, number>;

export interface EvalOptions {
  /**
   * When true (the default), a value outside an op's domain (ln of a
   * negative number, division by zero) raises a DiffError naming it. When
   * false, IEEE semantics apply and the result may be NaN or ±Infinity.
   */
  readonly strict?: boolean;
}

/**
 * The value of a name at the point: an own property (or Map entry) only, so
 * that names such as `constructor`, `toString` or `__proto__` are unbound
 * unless the point gives them, never read from Object.prototype.
 */
export function lookup(point: Point, name: string): number | undefined {
  return point instanceof Map ? point.get(name) : own(point as Readonly<Record<string, number>>, name);
}

/** rec[key] if it is rec's own property, else undefined. */
export function own<T>(rec: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}

/** Sets rec[key] as an own, enumerable data property (even for the key `__proto__`). */
export function setOwn<T>(rec: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(rec, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Values of every node reachable from the roots, keyed by node. */
export function evaluateAll(roots: readonly Expr[], point: Point, options: EvalOptions = {}): Map<Expr, number> {
  const strict = options.strict ?? true;
  const val = new Map<Expr, number>();
  const args: number[] = [];
  for (const n of topoOrder(...roots)) {
    switch (n.kind) {
      case 'num':
        val.set(n, n.value);
        break;
      case 'const':
        val.set(n, n.value);
        break;
      case 'var': {
        const v = lookup(point, n.name);
        if (v === undefined) throw new DiffError(`unbound variable ${n.name}: give it a value (e.g. --at ${n.name}=1)`);
        if (typeof v !== 'number') throw new DiffError(`variable ${n.name} must be a number, got ${JSON.stringify(v)}`);
        val.set(n, v);
        break;
      }
      case 'call': {
        const def = opDef(n.op);
        args.length = n.args.length;
        for (let i = 0; i < n.args.length; i++) args[i] = val.get(n.args[i]!)!;
        if (strict && def.domain) {
          const problem = def.domain(args);
          if (problem !== undefined) throw new DiffError(problem);
        }
        val.set(n, def.eval(args));
        break;
      }
      default:
        assertNever(n);
    }
  }
  return val;
}

/** The value of e at the point. */
export function evaluate(e: Expr, point: Point = {}, options: EvalOptions = {}): number {
  return evaluateAll([e], point, options).get(e)!;
}
