// Recording an expression DAG onto a tape: one node per unique DAG node, in
// topological order, so a subexpression shared by several parents is
// computed once and its adjoint collects every parent's contribution.
//
// Three steps: a walk over the DAG writes the program (op codes and
// operands) into scratch arrays kept between recordings; one flat loop over
// those arrays computes every value and edge partial; then a tape of exactly
// that size is allocated and filled by copying.

import { DiffError } from '../expr/errors.ts';
import { lookup, type Point } from '../expr/eval.ts';
import { assertNever, type Expr } from '../expr/expr.ts';
import { opDef } from '../ops/index.ts';
import { LEAF, OP_DEFS, opCode, Tape } from './tape.ts';

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
  private index: NodeIndex | undefined; // built by the first nodeOf

  constructor(roots: readonly Expr[], point?: Point, options: RecordOptions = {}) {
    const rs = roots.slice(); // a plain array: the walk runs no code but its own
    const p = program(rs, point, point !== undefined && (options.strict ?? true));
    // The tape is allocated last, at exactly the program's size, and filled
    // by copying: the registry's calls leave garbage (boxed numbers) that
    // sets off minor collections, and a tape alive through two of them would
    // be promoted, so that only a full collection (marking the whole DAG)
    // could free it. Made after them, a tape dropped at once dies young.
    super(p.n, p.m);
    this.codes.set(scratch.code.subarray(0, p.n));
    this.start.set(scratch.start.subarray(0, p.n + 1));
    this.vals.set(scratch.vals.subarray(0, p.n));
    this.src.set(scratch.src.subarray(0, p.m));
    this.w.set(scratch.w.subarray(0, p.m));
    this.n = p.n;
    this.m = p.m;
    const variables = new Map<string, number>();
    for (let v = 0; v < p.varAt.length; v++) variables.set(p.varName[v]!, p.varAt[v]!);
    this.roots = rs;
    this.outputs = p.outputs;
    this.variables = variables;
    this.nodes = p.order;
  }

  /** The tape node of a recorded subexpression (the first call builds the id table). */
  nodeOf(e: Expr): number {
    let index = this.index;
    if (index === undefined) {
      let top = 0;
      for (const r of this.roots) if (r.id > top) top = r.id;
      index = new NodeIndex(top);
      const nodes = this.nodes;
      for (let k = 0; k < nodes.length; k++) index.set(nodes[k]!.id, k, nodes.length);
      this.index = index;
    }
    const i = index.get(e.id);
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
 * Tape node by expression id. A child is interned before its parents, so
 * its id is smaller, and interned expressions get consecutive ids as they
 * are built: most of a DAG's ids fill a range just below its largest root
 * id, `top`. Those live in an Int32Array indexed by top − id, a direct
 * lookup whose neighbouring nodes sit in neighbouring slots; it grows
 * (doubling) as the walk reaches older ids, but never beyond eight times
 * the nodes the walk has met, so its size follows the DAG, not the session
 * (a small expression recorded late costs little). Older ids (variables
 * and constants interned long before, a DAG built among much other work)
 * go to an IdIndex.
 */
class NodeIndex {
  private near = new Int32Array(1024); // near[top − id] = node + 1; 0 marks an absent id
  private far: IdIndex | undefined; // ids below the range of `near`
  private used = 0; // near[used…] is all 0

  constructor(private top: number) {}

  /** Empties the table for a DAG whose largest id is `top`; clear() must have run since the last use. */
  reset(top: number): void {
    this.top = top;
    this.far = undefined;
  }

  /** Zeroes what was written, keeping the memory. */
  clear(): void {
    this.near.fill(0, 0, this.used);
    this.used = 0;
    this.far = undefined;
  }

  /** The node stored for id, or −1. */
  get(id: number): number {
    const d = this.top - id;
    if (d < this.near.length) return d < 0 ? -1 : this.near[d]! - 1; // an id above top is no node of the DAG
    return this.far === undefined ? -1 : this.far.get(id);
  }

  /** Stores node v for an id that is not present yet; `seen` bounds how far `near` may grow. */
  set(id: number, v: number, seen: number): void {
    const d = this.top - id;
    if (d >= this.near.length) {
      if (d >= 8 * seen + 4096) {
        (this.far ??= new IdIndex()).set(id, v);
        return;
      }
      this.grow(d);
    }
    this.near[d] = v + 1;
    if (d >= this.used) this.used = d + 1;
  }

  /** Widens `near` to cover top − d, moving in the ids it now covers. */
  private grow(d: number): void {
    let c = 2 * this.near.length;
    while (c <= d) c *= 2;
    const near = new Int32Array(c);
    near.set(this.near);
    this.near = near;
    const far = this.far;
    if (far === undefined) return;
    this.far = undefined;
    far.forEach((id, v) => {
      const e = this.top - id;
      if (e < c) {
        near[e] = v + 1;
        if (e >= this.used) this.used = e + 1;
      } else (this.far ??= new IdIndex()).set(id, v);
    });
  }
}

/**
 * An id → node table for arbitrary ids: open addressing with linear probing
 * over two Int32Arrays (no per-entry objects), slots chosen by Fibonacci
 * hashing so that ids in arithmetic progression (every 1024th, say) spread
 * over the table instead of piling up in one run of slots.
 */
export class IdIndex {
  private keys: Int32Array; // id + 1; 0 marks an empty slot
  private vals: Int32Array;
  private shift: number; // 32 − log₂(table size)
  private size = 0;

  /** Room for `capacity` entries before the table first grows (it doubles as needed). */
  constructor(capacity = 512) {
    let c = 16;
    while (c < 2 * capacity) c *= 2;
    this.keys = new Int32Array(c);
    this.vals = new Int32Array(c);
    this.shift = 32 - Math.log2(c);
  }

  /** The value stored for id, or −1. */
  get(id: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    const key = id + 1;
    for (let h = Math.imul(key, 0x9e3779b1) >>> this.shift; ; h = (h + 1) & mask) {
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

  /** Calls f on every (id, value) stored. */
  forEach(f: (id: number, v: number) => void): void {
    const { keys, vals } = this;
    for (let h = 0; h < keys.length; h++) if (keys[h] !== 0) f(keys[h]! - 1, vals[h]!);
  }

  private insert(key: number, v: number): void {
    const keys = this.keys;
    const mask = keys.length - 1;
    let h = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (keys[h] !== 0) h = (h + 1) & mask;
    keys[h] = key;
    this.vals[h] = v;
  }

  private grow(): void {
    const { keys, vals } = this;
    this.keys = new Int32Array(2 * keys.length);
    this.vals = new Int32Array(2 * keys.length);
    this.shift--;
    for (let h = 0; h < keys.length; h++) if (keys[h] !== 0) this.insert(keys[h]!, vals[h]!);
  }
}

/** The structure of a DAG's program, as `walk` leaves it (the rest is in `scratch`). */
interface Walk {
  /** Nodes and edges. */
  readonly n: number;
  readonly m: number;
  /** The walk it came from (scratch.epoch). */
  readonly epoch: number;
  /** The node of each root. */
  readonly outputs: number[];
  readonly order: Expr[];
  /** The variables' nodes, in increasing order, and their names. */
  readonly varAt: number[];
  readonly varName: string[];
}

/**
 * Where a DAG's program is built before its size is known: per node an op
 * code (LEAF for numbers, constants and variables), its first edge and its
 * value; per edge its source node and its partial. Kept between recordings
 * (it only grows: about 50 bytes per node of the largest DAG recorded, with
 * the walk's table, stack and order), so recording allocates little but the
 * tape. Only `walk` and `fill` write it, and they run no code but their own
 * and the registry's, so one set serves every recording; `epoch` counts the
 * walks.
 */
const scratch = {
  code: new Int32Array(1024),
  start: new Int32Array(1025),
  vals: new Float64Array(1024),
  src: new Int32Array(2048),
  w: new Float64Array(2048),
  epoch: 0,
};

function growScratchNodes(need: number): void {
  let c = 2 * scratch.code.length;
  while (c < need) c *= 2;
  const code = new Int32Array(c);
  code.set(scratch.code);
  const start = new Int32Array(c + 1);
  start.set(scratch.start);
  const vals = new Float64Array(c);
  vals.set(scratch.vals);
  scratch.code = code;
  scratch.start = start;
  scratch.vals = vals;
}

function growScratchEdges(need: number): void {
  let c = 2 * scratch.src.length;
  while (c < need) c *= 2;
  const src = new Int32Array(c);
  src.set(scratch.src);
  scratch.src = src;
  scratch.w = new Float64Array(c); // written by fill, after the walk
}

// The walk's table, stack and order, kept between recordings like
// `scratch`; the arrays of expressions are emptied after each walk, so they
// keep no expression alive.
const walkIndex = new NodeIndex(0);
const walkArrays = { stack: [] as Expr[], order: [] as Expr[], open: new Uint8Array(256), stackUsed: 0, orderUsed: 0 };

/**
 * The DAG's nodes in execution order: iterative depth-first post-order, so a
 * node comes after all its arguments; a shared node comes once, the first
 * time it is reached. A node is visited twice: first it pushes its arguments
 * not yet placed (the last first, so the first is placed first), then it is
 * placed, and its op code and operands (the positions of its arguments) are
 * written to `scratch`.
 */
function walk(roots: readonly Expr[]): Walk {
  let top = 0;
  for (const r of roots) if (r.id > top) top = r.id;
  const index = walkIndex;
  index.reset(top);
  try {
    return walkWith(roots, index);
  } finally {
    index.clear();
    const { stack, order, stackUsed, orderUsed } = walkArrays;
    stack.fill(undefined as unknown as Expr, 0, Math.min(stackUsed, stack.length));
    order.fill(undefined as unknown as Expr, 0, Math.min(orderUsed, order.length));
    walkArrays.stackUsed = walkArrays.orderUsed = 0;
  }
}

function walkWith(roots: readonly Expr[], index: NodeIndex): Walk {
  const { order, stack } = walkArrays;
  const varAt: number[] = [];
  const varName: string[] = [];
  let open = walkArrays.open; // open[k] = 1: stack[k] has pushed its arguments
  let depth = 0; // the deepest the stack went
  let seen = 0; // nodes pushed so far: a lower bound on the DAG's size, for the index
  let n = 0;
  let m = 0;
  let { code, start, vals: leaf, src } = scratch;
  start[0] = 0;
  try {
    for (const root of roots) {
      if (index.get(root.id) >= 0) continue;
      let sp = 0;
      stack[sp] = root;
      open[sp++] = 0;
      seen++;
      while (sp > 0) {
        const e = stack[sp - 1]!;
        if (open[sp - 1] === 0) {
          if (index.get(e.id) >= 0) {
            sp--; // pushed by two parents and placed already
            continue;
          }
          if (e.kind === 'call') {
            open[sp - 1] = 1;
            const a = e.args;
            if (sp + a.length > open.length) {
              const o = new Uint8Array(2 * (sp + a.length));
              o.set(open);
              open = walkArrays.open = o;
            }
            for (let k = a.length - 1; k >= 0; k--) {
              const c = a[k]!;
              if (index.get(c.id) < 0) {
                stack[sp] = c;
                open[sp++] = 0;
                seen++;
              }
            }
            if (sp > depth) depth = sp;
            continue;
          }
        }
        sp--;
        // place e as node n: its arguments are placed already
        if (n >= code.length) {
          growScratchNodes(n + 1);
          ({ code, start, vals: leaf } = scratch);
        }
        switch (e.kind) {
          case 'num':
          case 'const':
            code[n] = LEAF;
            leaf[n] = e.value;
            break;
          case 'var':
            code[n] = LEAF;
            leaf[n] = NaN;
            varAt.push(n);
            varName.push(e.name);
            break;
          case 'call': {
            const a = e.args;
            if (m + a.length > src.length) {
              growScratchEdges(m + a.length);
              src = scratch.src;
            }
            code[n] = opCode(e.op);
            for (let j = 0; j < a.length; j++) src[m++] = index.get(a[j]!.id);
            break;
          }
          default:
            assertNever(e);
        }
        start[n + 1] = m;
        index.set(e.id, n, seen);
        order[n++] = e;
      }
    }
  } finally {
    walkArrays.stackUsed = depth + 1; // what the caller empties
    walkArrays.orderUsed = n;
  }
  const outputs = roots.map((r) => index.get(r.id));
  return { n, m, epoch: ++scratch.epoch, outputs, order: order.slice(0, n), varAt, varName };
}

/**
 * A DAG's program in `scratch`, with every value and partial: the walk,
 * then the variables' values, then one flat loop over the nodes in order.
 * Errors come in tape order, as if each node were computed as it is
 * placed: the first unbound variable or value outside an op's domain.
 */
function program(roots: readonly Expr[], point: Point | undefined, strict: boolean): Walk {
  let p = walk(roots);
  // The point is read before the loop: a Map or a getter runs the caller's
  // code, which might record a tape of its own over the scratch arrays.
  const values: number[] = [];
  let failure: unknown;
  if (point !== undefined) {
    for (const name of p.varName) {
      try {
        values.push(bound(point, name));
      } catch (err) {
        failure = err;
        break;
      }
    }
  }
  if (p.epoch !== scratch.epoch) p = walk(roots); // it did: walk again
  fill(p, point === undefined ? undefined : values, failure, strict);
  return p;
}

/**
 * Values and edge partials, node after node: the variables' `values` (NaN
 * without a point; `failure` is thrown at the first variable without one),
 * then each op's value and its local partials from the registry.
 */
function fill(p: Walk, values: readonly number[] | undefined, failure: unknown, strict: boolean): void {
  const { code, start, vals, src, w } = scratch; // w has the length of src
  const { varAt } = p;
  let nextVar = varAt.length > 0 ? varAt[0]! : -1;
  let v = 0;
  for (let i = 0; i < p.n; i++) {
    const c = code[i]!;
    if (c === LEAF) {
      if (i === nextVar) {
        if (values !== undefined) {
          if (v === values.length) throw failure;
          vals[i] = values[v]!;
        }
        nextVar = ++v < varAt.length ? varAt[v]! : -1;
      }
      continue;
    }
    const def = OP_DEFS[c]!;
    const e0 = start[i]!;
    const k = start[i + 1]! - e0;
    const x = argScratch(xPool, k);
    for (let j = 0; j < k; j++) x[j] = vals[src[e0 + j]!]!;
    if (strict) {
      const domain = def.domain;
      if (domain !== undefined) {
        const problem = domain(x);
        if (problem !== undefined) throw new DiffError(problem);
      }
    }
    const y = def.eval(x);
    const d = argScratch(dPool, k);
    def.partials(x, y, d);
    vals[i] = y;
    for (let j = 0; j < k; j++) w[e0 + j] = d[j]!;
  }
}

// Argument and partial arrays per arity, reused: the registry's eval,
// partials and domain read them and keep nothing.
const xPool: number[][] = [];
const dPool: number[][] = [];
function argScratch(pool: number[][], k: number): number[] {
  let a = pool[k];
  if (a === undefined) {
    a = new Array<number>(k).fill(0);
    pool[k] = a;
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
