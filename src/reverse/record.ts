// Recording an expression DAG onto a tape: one node per unique DAG node, in
// topological order, so a subexpression shared by several parents is
// computed once and its adjoint collects every parent's contribution.

import { DiffError } from '../expr/errors.ts';
import { lookup, type Point } from '../expr/eval.ts';
import { assertNever, type Expr } from '../expr/expr.ts';
import { opDef } from '../ops/index.ts';
import { Tape } from './tape.ts';

export interface RecordOptions {
  /**
   * With a point, a value outside an op's domain (ln of a negative number,
   * division by zero) raises a DiffError naming it (the default). When
   * false, IEEE semantics apply and values may be NaN or ±Infinity.
   */
  readonly strict?: boolean;
}

/** A tape recorded from expressions, knowing which node is which. */
export class ExprTape extends Tape {
  /** The expressions recorded. */
  readonly roots: readonly Expr[];
  /** The tape node of each root, in the order of `roots`. */
  readonly outputs: readonly number[];
  /** The leaf of each free variable, by canonical name. */
  readonly variables: ReadonlyMap<string, number>;
  /** The expression behind each tape node (index = node). */
  readonly nodes: readonly Expr[];
  private readonly index: ReadonlyMap<Expr, number>;

  constructor(roots: readonly Expr[], point?: Point, options: RecordOptions = {}) {
    super(1024);
    const strict = point !== undefined && (options.strict ?? true);
    const index = new Map<Expr, number>();
    const variables = new Map<string, number>();
    const nodes: Expr[] = [];
    const args: number[] = [];
    const xs: number[] = [];
    // Iterative depth-first post-order: a node is recorded once all its
    // arguments are, so the tape is in execution order; a shared node is
    // recorded the first time it is reached and reused after that.
    const stack: Expr[] = [];
    const cursor: number[] = [];
    for (const root of roots) {
      if (index.has(root)) continue;
      stack.push(root);
      cursor.push(0);
      while (stack.length > 0) {
        const top = stack.length - 1;
        const n = stack[top]!;
        if (n.kind === 'call') {
          const k = cursor[top]!;
          if (k < n.args.length) {
            cursor[top] = k + 1;
            const c = n.args[k]!;
            if (!index.has(c)) {
              stack.push(c);
              cursor.push(0);
            }
            continue;
          }
        }
        stack.pop();
        cursor.pop();
        let i: number;
        switch (n.kind) {
          case 'num':
          case 'const':
            i = this.leaf(n.value);
            break;
          case 'var':
            i = this.leaf(point === undefined ? NaN : bound(point, n.name));
            variables.set(n.name, i);
            break;
          case 'call': {
            args.length = n.args.length;
            for (let j = 0; j < n.args.length; j++) args[j] = index.get(n.args[j]!)!;
            if (strict) {
              const domain = opDef(n.op).domain;
              if (domain) {
                xs.length = args.length;
                for (let j = 0; j < args.length; j++) xs[j] = this.value(args[j]!);
                const problem = domain(xs);
                if (problem !== undefined) throw new DiffError(problem);
              }
            }
            i = this.apply(n.op, args);
            break;
          }
          default:
            assertNever(n);
        }
        index.set(n, i);
        nodes.push(n);
      }
    }
    this.roots = roots.slice();
    this.outputs = roots.map((r) => index.get(r)!);
    this.variables = variables;
    this.nodes = nodes;
    this.index = index;
  }

  /** The tape node of a recorded subexpression. */
  nodeOf(e: Expr): number {
    const i = this.index.get(e);
    if (i === undefined) throw new DiffError('this expression is not part of the recorded tape');
    return i;
  }

  /**
   * The static graph: sets the variables to a new point and recomputes every
   * value and partial along the recorded list, without re-recording.
   */
  replay(point: Point, options: RecordOptions = {}): this {
    for (const [name, i] of this.variables) this.setLeaf(i, bound(point, name));
    this.forward();
    if (options.strict ?? true) {
      for (let i = 0; i < this.nodes.length; i++) {
        const n = this.nodes[i]!;
        if (n.kind !== 'call') continue;
        const domain = opDef(n.op).domain;
        if (!domain) continue;
        const problem = domain(this.args(i).map((a) => this.value(a)));
        if (problem !== undefined) throw new DiffError(problem);
      }
    }
    return this;
  }

  /** ∂root/∂variable for every variable, after one backward sweep from `root` (default: the first root). */
  gradientOf(root = 0): Record<string, number> {
    const o = this.outputs[root];
    if (o === undefined) throw new DiffError(`no root ${root}: the tape has ${this.outputs.length}`);
    this.backward(o);
    const g: Record<string, number> = {};
    for (const [name, i] of this.variables) g[name] = this.grad(i);
    return g;
  }
}

function bound(point: Point, name: string): number {
  const v = lookup(point, name);
  if (v === undefined) throw new DiffError(`unbound variable ${name}: give it a value (e.g. --at ${name}=1)`);
  if (typeof v !== 'number') throw new DiffError(`variable ${name} must be a number, got ${JSON.stringify(v)}`);
  return v;
}

/**
 * Records expressions on a tape, each shared DAG node once. Without a point
 * the variables are NaN (enough to count nodes: `tapeFromExpr([e]).length`).
 */
export function tapeFromExpr(roots: readonly Expr[], point?: Point, options?: RecordOptions): ExprTape {
  if (roots.length === 0) throw new DiffError('nothing to record: give at least one expression');
  return new ExprTape(roots, point, options);
}
