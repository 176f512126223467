// The tape: a flat Wengert list in typed arrays, recorded in execution order.
//
// Node i has an op code, a value vᵢ, an adjoint v̄ᵢ and a run of edges
// e ∈ [start[i], start[i+1]), each with a source node src[e] and the local
// partial w[e] = ∂vᵢ/∂v_src[e], computed by the op registry when the node is
// recorded. Because nodes are appended in execution order the list is already
// topologically sorted, and the reverse sweep is one loop
//
//     v̄_src[e] += w[e] · v̄ᵢ      for i = output … 0, for each edge e of i
//
// with no recursion, no closures and no per-node dispatch. A variable used
// twice has two edges, so fan-out accumulates by the sum rule.
//
// Zero adjoints follow PyTorch: a node with no path to the output passes
// nothing back (its adjoint is a structural zero, skipped however infinite
// its partials), but a node on a path passes its adjoint back even when it
// is exactly 0, so 0·∞ = NaN propagates. ln(eˣ) at x = 800 gives NaN (the
// intermediate eˣ overflowed), never a silent 0; x·√x at 0 gives NaN, as
// forward mode does.

import { DiffError } from '../expr/errors.ts';
import { arityOk, arityText, opDef, opNames, type OpDef, type OpName } from '../ops/index.ts';

/** Op code of a leaf (variable or constant). */
export const LEAF = -1;
/** Op code of a fused node whose value and partials the caller supplied. */
export const CUSTOM = -2;
/** Op code of a fused dot product Σ wᵢxᵢ (+ b). */
export const DOT = -3;

/** What a tape node is. */
export type NodeKind = 'leaf' | 'op' | 'custom' | 'dot';

const OP_CODE: ReadonlyMap<OpName, number> = new Map(opNames.map((op, i) => [op, i]));
/** The registry entry of each op code (index = code). */
export const OP_DEFS: readonly OpDef[] = opNames.map((op) => opDef(op));

/** The op code a tape stores for a registry op. */
export function opCode(op: OpName): number {
  const code = OP_CODE.get(op);
  if (code === undefined) throw new DiffError(`unknown op ${String(op)}`);
  return code;
}

// Scratch arrays per argument count, so recording allocates nothing for
// small arities. The registry's eval and partials are pure and never
// re-enter the tape, so one set is shared by every tape.
const scratchX: number[][] = [];
const scratchD: number[][] = [];
function scratch(pool: number[][], n: number): number[] {
  let a = pool[n];
  if (a === undefined) {
    a = new Array<number>(n).fill(0);
    pool[n] = a;
  }
  return a;
}

/** Whether w[from…to) holds ±∞ or NaN. */
function hasNonFinite(w: Float64Array, from: number, to: number): boolean {
  for (let e = from; e < to; e++) if (w[e]! - w[e]! !== 0) return true;
  return false;
}

export class Tape {
  // The recorder (record.ts) fills a tape of known size through these directly.
  protected n = 0; // nodes
  protected m = 0; // edges
  protected codes: Int32Array;
  protected start: Int32Array; // start[i] = first edge of node i; start[n] = m
  protected vals: Float64Array;
  private adj: Float64Array;
  /** 1 where the node has a path to the output (filled only by the exact sweep). */
  private reach: Uint8Array;
  protected src: Int32Array;
  protected w: Float64Array;

  /** `initialCapacity` nodes and `edgeCapacity` edges (default: twice as many); both double on overflow. */
  constructor(initialCapacity = 1024, edgeCapacity = 2 * initialCapacity) {
    const c = Math.max(16, Math.floor(initialCapacity));
    const ce = Math.max(16, Math.floor(edgeCapacity));
    // One block for all the arrays, the 8-byte ones first: a single
    // allocation, so building a large tape does not set off several
    // collections of the young generation (each of which would age the
    // arrays allocated before it).
    const block = new ArrayBuffer(8 * (2 * c + ce) + 4 * (2 * c + 1 + ce) + c);
    let at = 0;
    const f64 = (k: number): Float64Array => new Float64Array(block, (at += 8 * k) - 8 * k, k);
    const i32 = (k: number): Int32Array => new Int32Array(block, (at += 4 * k) - 4 * k, k);
    this.vals = f64(c);
    this.adj = f64(c);
    this.w = f64(ce);
    this.codes = i32(c);
    this.start = i32(c + 1);
    this.src = i32(ce);
    this.reach = new Uint8Array(block, at, c);
  }

  /** Number of recorded nodes. */
  get length(): number {
    return this.n;
  }

  /** Number of recorded edges (operand references). */
  get edgeCount(): number {
    return this.m;
  }

  /** A variable or constant leaf with the given value; returns its node index. */
  leaf(value: number): number {
    const i = this.push(LEAF, 0);
    this.vals[i] = value;
    return i;
  }

  /**
   * Applies a registry op to recorded nodes. The value and the local partials
   * ∂y/∂xⱼ come from the registry and are stored on the edges now, so the
   * backward sweep never looks at the op again.
   */
  apply(op: OpName, args: readonly number[]): number {
    const code = OP_CODE.get(op);
    if (code === undefined) throw new DiffError(`unknown op ${String(op)}`);
    const def = OP_DEFS[code]!;
    const k = args.length;
    if (!arityOk(def.arity, k)) throw new DiffError(`${op} takes ${arityText(def.arity)}, got ${k}`);
    const x = scratch(scratchX, k);
    for (let j = 0; j < k; j++) x[j] = this.val(args[j]!);
    const y = def.eval(x);
    const d = scratch(scratchD, k);
    def.partials(x, y, d);
    const i = this.push(code, k);
    this.vals[i] = y;
    let e = this.start[i]!;
    for (let j = 0; j < k; j++, e++) {
      this.src[e] = args[j]!;
      this.w[e] = d[j]!;
    }
    return i;
  }

  /**
   * A fused node: the caller supplies the value and ∂value/∂argᵢ (a softmax
   * cross-entropy, say). Custom nodes cannot be replayed at a new point.
   */
  custom(args: readonly number[], value: number, partials: ArrayLike<number>): number {
    const k = args.length;
    if (partials.length !== k) {
      throw new DiffError(`custom node: ${k} argument${k === 1 ? '' : 's'} but ${partials.length} partial${partials.length === 1 ? '' : 's'}`);
    }
    for (let j = 0; j < k; j++) this.check(args[j]!);
    const i = this.push(CUSTOM, k);
    this.vals[i] = value;
    let e = this.start[i]!;
    for (let j = 0; j < k; j++, e++) {
      this.src[e] = args[j]!;
      this.w[e] = partials[j]!;
    }
    return i;
  }

  /**
   * Σ wᵢxᵢ (+ b) as one node: ∂/∂wᵢ = xᵢ, ∂/∂xᵢ = wᵢ, ∂/∂b = 1.
   * Edges are stored as w₀…wₙ₋₁, x₀…xₙ₋₁, b.
   */
  dot(ws: readonly number[], xs: readonly number[], bias?: number): number {
    const k = ws.length;
    if (xs.length !== k) throw new DiffError(`dot: ${k} weights but ${xs.length} inputs`);
    let s = 0;
    for (let j = 0; j < k; j++) s += this.val(ws[j]!) * this.val(xs[j]!);
    if (bias !== undefined) s += this.val(bias);
    const i = this.push(DOT, 2 * k + (bias === undefined ? 0 : 1));
    this.vals[i] = s;
    let e = this.start[i]!;
    for (let j = 0; j < k; j++, e++) {
      this.src[e] = ws[j]!;
      this.w[e] = this.vals[xs[j]!]!;
    }
    for (let j = 0; j < k; j++, e++) {
      this.src[e] = xs[j]!;
      this.w[e] = this.vals[ws[j]!]!;
    }
    if (bias !== undefined) {
      this.src[e] = bias;
      this.w[e] = 1;
    }
    return i;
  }

  /** The value of node i. */
  value(i: number): number {
    return this.val(i);
  }

  /** The adjoint of node i after `backward` (∂output/∂vᵢ). */
  grad(i: number): number {
    this.check(i);
    return this.adj[i]!;
  }

  /**
   * Reverse sweep: zeroes every adjoint, seeds v̄_output = seed, and runs one
   * loop from the output down to the first node. Running it twice gives the
   * same adjoints (it never accumulates across calls).
   */
  backward(output: number, seed = 1): void {
    this.check(output);
    this.backwardFrom([output], [seed], output);
  }

  /**
   * Reverse sweep seeded at several outputs at once, v̄ = Σₖ seedₖ · e_outputₖ:
   * the vector-Jacobian product uᵀJ in one pass.
   */
  backwardMany(outputs: readonly number[], seeds: ArrayLike<number>): void {
    if (outputs.length !== seeds.length) throw new DiffError(`backward: ${outputs.length} outputs but ${seeds.length} seeds`);
    let top = -1;
    for (const o of outputs) {
      this.check(o);
      if (o > top) top = o;
    }
    this.backwardFrom(outputs, seeds, top);
  }

  /**
   * The reverse sweep with every partial replaced by its absolute value:
   * entry i is Σ over the paths from node i to the output of the product of
   * |local partials|, the size of the terms the chain rule adds up to give
   * ∂output/∂vᵢ. Rounding error in an adjoint is a few ε times this, so it is
   * the scale against which two exact derivatives are compared. Leaves the
   * adjoints untouched.
   */
  magnitudes(output: number): Float64Array {
    this.check(output);
    const { start, src, w } = this;
    const m = new Float64Array(this.n);
    m[output] = 1;
    for (let i = output; i >= 0; i--) {
      const a = m[i]!;
      if (a === 0) continue;
      const end = start[i + 1]!;
      for (let e = start[i]!; e < end; e++) m[src[e]!] += Math.abs(w[e]!) * a;
    }
    return m;
  }

  /** Forgets every node but keeps the memory, for the next step of a training loop. */
  reset(): void {
    this.n = 0;
    this.m = 0;
    this.start[0] = 0;
  }

  // -------------------------------------------------------------------------
  // Inspection (traces, graphs, replay, second order). Not on the hot path.

  /** What node i is. */
  kind(i: number): NodeKind {
    this.check(i);
    const c = this.codes[i]!;
    return c >= 0 ? 'op' : c === LEAF ? 'leaf' : c === CUSTOM ? 'custom' : 'dot';
  }

  /** The registry op of node i, or undefined for leaves, custom and dot nodes. */
  op(i: number): OpName | undefined {
    this.check(i);
    const c = this.codes[i]!;
    return c >= 0 ? opNames[c] : undefined;
  }

  /** The operands of node i, in order (for a dot node: w₀…, x₀…, b). */
  args(i: number): number[] {
    this.check(i);
    return Array.from(this.src.subarray(this.start[i]!, this.start[i + 1]!));
  }

  /** The local partials ∂vᵢ/∂argⱼ stored on node i's edges. */
  partials(i: number): number[] {
    this.check(i);
    return Array.from(this.w.subarray(this.start[i]!, this.start[i + 1]!));
  }

  /**
   * Sets the value of leaf i, for replay: change the leaves, then `forward()`.
   */
  setLeaf(i: number, value: number): void {
    this.check(i);
    if (this.codes[i] !== LEAF) throw new DiffError(`node ${i} is not a leaf: only leaves can be set before a replay`);
    this.vals[i] = value;
  }

  /**
   * Replays the recorded program at the current leaf values (the static
   * graph): recomputes every value and every edge partial in recorded order,
   * without re-recording. Control flow that ran while recording is frozen
   * into the tape. Custom nodes carry caller-supplied numbers and cannot be
   * replayed.
   */
  forward(): void {
    const { codes, start, vals, src, w } = this;
    for (let i = 0; i < this.n; i++) {
      const c = codes[i]!;
      const e0 = start[i]!;
      const k = start[i + 1]! - e0;
      if (c >= 0) {
        const def = OP_DEFS[c]!;
        const x = scratch(scratchX, k);
        for (let j = 0; j < k; j++) x[j] = vals[src[e0 + j]!]!;
        const y = def.eval(x);
        const d = scratch(scratchD, k);
        def.partials(x, y, d);
        vals[i] = y;
        for (let j = 0; j < k; j++) w[e0 + j] = d[j]!;
      } else if (c === DOT) {
        const h = k >> 1;
        let s = (k & 1) === 1 ? vals[src[e0 + k - 1]!]! : 0;
        for (let j = 0; j < h; j++) {
          const wi = vals[src[e0 + j]!]!;
          const xi = vals[src[e0 + h + j]!]!;
          s += wi * xi;
          w[e0 + j] = xi;
          w[e0 + h + j] = wi;
        }
        vals[i] = s;
      } else if (c === CUSTOM) {
        throw new DiffError(`node ${i} is a custom node with a caller-supplied value: a tape with custom nodes cannot be replayed, record it again`);
      }
    }
  }

  /** Every value, as a copy (index = node). */
  values(): Float64Array {
    return this.vals.slice(0, this.n);
  }

  /** Every adjoint after `backward`, as a copy (index = node). */
  adjoints(): Float64Array {
    return this.adj.slice(0, this.n);
  }

  /** Bytes held by the typed arrays (capacity, not length). */
  get byteLength(): number {
    return (
      this.codes.byteLength + this.start.byteLength + this.vals.byteLength + this.adj.byteLength + this.reach.byteLength + this.src.byteLength + this.w.byteLength
    );
  }

  // -------------------------------------------------------------------------

  /** Zeroes the adjoints and seeds the outputs (several seeds on one output add up). */
  private seed(outputs: readonly number[], seeds: ArrayLike<number>): void {
    const adj = this.adj;
    adj.fill(0, 0, this.n);
    for (let k = 0; k < outputs.length; k++) adj[outputs[k]!] += seeds[k]!;
  }

  private backwardFrom(outputs: readonly number[], seeds: ArrayLike<number>, top: number): void {
    if (top < 0) return;
    this.seed(outputs, seeds);
    if (this.sweep(top)) return;
    // a node with adjoint 0 and an infinite or NaN partial was skipped: sweep
    // again, telling the nodes on a path (whose 0 must meet that partial) from
    // those off every path
    this.seed(outputs, seeds);
    const reach = this.reach;
    reach.fill(0, 0, this.n);
    for (const o of outputs) reach[o] = 1;
    this.exactSweep(top);
  }

  /**
   * The backward loop. It skips every node whose adjoint is 0, which is
   * exact when all their partials are finite (0·w = 0 changes nothing);
   * returns false if one of them has an infinite or NaN partial, where the
   * semantics needs to know whether the node lies on a path (0·∞ = NaN) or
   * not (a structural zero).
   */
  private sweep(top: number): boolean {
    const { start, src, w, adj } = this;
    for (let i = top; i >= 0; i--) {
      const a = adj[i]!;
      if (a === 0) {
        if (hasNonFinite(w, start[i]!, start[i + 1]!)) return false;
        continue;
      }
      const end = start[i + 1]!;
      for (let e = start[i]!; e < end; e++) adj[src[e]!] += w[e]! * a;
    }
    return true;
  }

  /** The backward loop that passes even an adjoint of exactly 0 along the paths to the output. */
  private exactSweep(top: number): void {
    const { start, src, w, adj, reach } = this;
    for (let i = top; i >= 0; i--) {
      if (reach[i] === 0) continue; // no path to the output: a structural zero passes nothing back
      const a = adj[i]!;
      const end = start[i + 1]!;
      for (let e = start[i]!; e < end; e++) {
        const s = src[e]!;
        adj[s] += w[e]! * a; // an adjoint of exactly 0 still meets the partial: 0·∞ = NaN
        reach[s] = 1;
      }
    }
  }

  private val(i: number): number {
    this.check(i);
    return this.vals[i]!;
  }

  private check(i: number): void {
    if (!(Number.isInteger(i) && i >= 0 && i < this.n)) {
      throw new DiffError(`no tape node ${String(i)}: the tape has ${this.n} node${this.n === 1 ? '' : 's'}`);
    }
  }

  /** Appends a node with k edges; returns its index. */
  private push(code: number, k: number): number {
    const i = this.n;
    if (i + 1 >= this.codes.length) this.growNodes();
    if (this.m + k > this.src.length) this.growEdges(this.m + k);
    this.codes[i] = code;
    this.start[i] = this.m;
    this.m += k;
    this.start[i + 1] = this.m;
    this.n = i + 1;
    return i;
  }

  private growNodes(): void {
    const c = this.codes.length * 2;
    const grow = <T extends Int32Array | Float64Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.codes = grow(this.codes, c);
    this.start = grow(this.start, c + 1);
    this.vals = grow(this.vals, c);
    this.adj = grow(this.adj, c);
    const r = new Uint8Array(c);
    r.set(this.reach);
    this.reach = r;
  }

  private growEdges(need: number): void {
    let c = this.src.length * 2;
    while (c < need) c *= 2;
    const s = new Int32Array(c);
    s.set(this.src);
    this.src = s;
    const w = new Float64Array(c);
    w.set(this.w);
    this.w = w;
  }
}
