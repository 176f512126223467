// Recording an expression DAG onto a tape: one node per unique DAG node, in
// topological order, so a subexpression shared by several parents is
// computed once and its adjoint collects every parent's contribution.

import { DiffError } from '../expr/errors.ts';
import { lookup, type Point } from '../expr/eval.ts';
import { assertNever, type Expr } from '../expr/expr.ts';
import { opDef, opNames, type OpDef } from '../ops/index.ts';
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
  private readonly index: IdIndex;

  constructor(roots: readonly Expr[], point?: Point, options: RecordOptions = {}) {
    // First the order (no tape yet), then a tape of exactly that size.
    const { order, index } = postOrder(roots);
    super(order.length);
    const strict = point !== undefined && (options.strict ?? true);
    const variables = new Map<string, number>();
    const xs: number[] = [];
    // Node k of the order becomes tape node k: its arguments come earlier
    // in the order, so their tape nodes are their positions.
    for (let k = 0; k < order.length; k++) {
      const n = order[k]!;
      switch (n.kind) {
        case 'num':
        case 'const':
          this.leaf(n.value);
          break;
        case 'var':
          variables.set(n.name, this.leaf(point === undefined ? NaN : bound(point, n.name)));
          break;
        case 'call': {
          const a = n.args;
          const args = argBuffer(a.length);
          for (let j = 0; j < a.length; j++) args[j] = index.get(a[j]!.id);
          if (strict) {
            const domain = DOMAINS.get(n.op);
            if (domain) {
              xs.length = args.length;
              for (let j = 0; j < args.length; j++) xs[j] = this.value(args[j]!);
              const problem = domain(xs);
              if (problem !== undefined) throw new DiffError(problem);
            }
          }
          this.apply(n.op, args);
          break;
        }
        default:
          assertNever(n);
      }
    }
    this.roots = roots.slice();
    this.outputs = roots.map((r) => index.get(r.id));
    this.variables = variables;
    this.nodes = order;
    this.index = index;
  }

  /** The tape node of a recorded subexpression. */
  nodeOf(e: Expr): number {
    const i = this.index.get(e.id);
    if (i < 0) throw new DiffError('this expression is not part of the recorded tape');
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

/**
 * The DAG's nodes in execution order: iterative depth-first post-order, so a
 * node comes after all its arguments; a shared node comes once, the first
 * time it is reached. A node is visited twice: first it pushes its arguments
 * not yet placed (the last first, so the first is placed first), then it is
 * placed. `index` maps each node's id to its position.
 */
function postOrder(roots: readonly Expr[]): { order: Expr[]; index: IdIndex } {
  const index = new IdIndex();
  const order: Expr[] = [];
  const stack: Expr[] = [];
  let open = new Uint8Array(256); // open[k] = 1: stack[k] has pushed its arguments
  for (const root of roots) {
    if (index.get(root.id) >= 0) continue;
    let sp = 0;
    stack[sp] = root;
    open[sp++] = 0;
    while (sp > 0) {
      const n = stack[sp - 1]!;
      if (open[sp - 1] === 0) {
        if (index.get(n.id) >= 0) {
          sp--; // pushed by two parents and placed already
          continue;
        }
        if (n.kind === 'call') {
          open[sp - 1] = 1;
          const a = n.args;
          if (sp + a.length > open.length) {
            const o = new Uint8Array(2 * (sp + a.length));
            o.set(open);
            open = o;
          }
          for (let k = a.length - 1; k >= 0; k--) {
            const c = a[k]!;
            if (index.get(c.id) < 0) {
              stack[sp] = c;
              open[sp++] = 0;
            }
          }
          continue;
        }
      }
      sp--;
      index.set(n.id, order.length);
      order.push(n);
    }
  }
  return { order, index };
}

/**
 * Tape node by expression id: open addressing with linear probing over two
 * Int32Arrays, so recording a large DAG allocates no per-node objects.
 * Interned expressions get consecutive ids as they are built, so a DAG's
 * ids are mostly a dense range: the slot is the id itself (mod the table
 * size), which keeps neighbouring nodes in neighbouring slots (few cache
 * misses, few collisions). The table grows with the DAG, not with the
 * largest id, so a small expression recorded late in a long session costs
 * little.
 */
export class IdIndex {
  private keys: Int32Array; // id + 1; 0 marks an empty slot
  private vals: Int32Array;
  private size = 0;

  /** Room for `capacity` entries before the table first grows (it doubles as needed). */
  constructor(capacity = 512) {
    let c = 1024;
    while (c < 2 * capacity) c *= 2;
    this.keys = new Int32Array(c);
    this.vals = new Int32Array(c);
  }

  /** The value stored for id, or −1. */
  get(id: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    const key = id + 1;
    for (let h = key & mask; ; h = (h + 1) & mask) {
      const k = keys[h]!;
      if (k === key) return this.vals[h]!;
      if (k === 0) return -1;
    }
  }

  /** Stores v for an id that is not present yet. */
  set(id: number, v: number): void {
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    this.insert(id + 1, v);
    this.size++;
  }

  private insert(key: number, v: number): void {
    const keys = this.keys;
    const mask = keys.length - 1;
    let h = key & mask;
    while (keys[h] !== 0) h = (h + 1) & mask;
    keys[h] = key;
    this.vals[h] = v;
  }

  private grow(): void {
    const { keys, vals } = this;
    this.keys = new Int32Array(2 * keys.length);
    this.vals = new Int32Array(2 * keys.length);
    for (let h = 0; h < keys.length; h++) if (keys[h] !== 0) this.insert(keys[h]!, vals[h]!);
  }
}

const DOMAINS: ReadonlyMap<string, OpDef['domain']> = new Map(opNames.map((op) => [op, opDef(op).domain]));

// One argument array per arity, reused: Tape.apply reads it and keeps nothing.
const argBuffers: number[][] = [];
function argBuffer(k: number): number[] {
  let a = argBuffers[k];
  if (a === undefined) {
    a = new Array<number>(k).fill(0);
    argBuffers[k] = a;
  }
  return a;
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
