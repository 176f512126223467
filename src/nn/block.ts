// Layer-level nodes: a tape whose nodes are blocks. Each node's value is a
// B×m matrix (one row per sample of a minibatch) in a Float64Array, and each
// node has its own forward and backward kernel:
//
//   input    X, B×n data rows (constants), kept as each row's nonzero entries
//   dense    Z = X Wᵀ + 1bᵀ, Y = f(Z) elementwise, with f and f′ from the op
//            registry; f′(Z) is kept for the reverse sweep
//   loss     L = (1/B) Σ_b ℓ(Y_b, t_b), one sample's loss and ∂ℓ/∂Y_b from
//            losses.ts (softmax cross-entropy through log-sum-exp, …)
//
// The reverse sweep runs over the nodes from the last to the first:
//
//   loss     Ȳ_b = (1/B) ∂ℓ/∂Y_b · L̄
//   dense    Z̄ = Ȳ ⊙ f′(Z);   W̄ += Z̄ᵀX;   b̄ += Z̄ᵀ1;   X̄ += Z̄W   (X̄ only if X has an adjoint)
//
// This is the scalar tape's chain rule with the sums over a layer's units
// and a batch's samples done by loops instead of one edge per multiply-add.
// Terms whose factor is exactly zero are skipped, which changes nothing while
// weights and inputs are finite: a zero pixel (xᵢ = 0) adds nothing to Z or
// to W̄ⱼᵢ, and an inactive ReLU unit (f′ = 0) passes nothing back. (A network
// whose weights have overflowed shows it in the loss, which is then not
// finite.) The scalar tape stays the teaching
// path (traces, graphs, the seeds' examples); this is the training path, and
// the tests hold the two to the same gradients.
//
// Buffers are kept from step to step: a training loop that records the same
// network again allocates nothing. No Node-only imports: the web workbench
// trains in a Web Worker with the same kernels.

import { DiffError } from '../expr/errors.ts';
import { opDef, type OpDef } from '../ops/index.ts';
import { type Activation, activationOp } from './activations.ts';
import type { Dataset } from './data/dataset.ts';
import { ActivationLayer, Dense, Dropout, type Sequential } from './layers.ts';
import { lossAndGrad, predictClass, type LossName, type Target } from './losses.ts';
import type { Rng } from './rng.ts';

const INPUT = 0;
const DENSE = 1;
const LOSS = 2;

/** An activation's value and derivative from the registry, with its argument buffer. */
interface ActKernel {
  readonly def: OpDef | undefined; // undefined: the identity
  readonly args: number[];
  readonly d: number[];
}

function actKernel(a: Activation | undefined): ActKernel {
  const op = a === undefined ? undefined : activationOp(a);
  if (op === undefined) return { def: undefined, args: [0], d: [0, 0] };
  return { def: opDef(op), args: a!.param === undefined ? [0] : [0, a!.param], d: [0, 0] };
}

/** One node. Every kind has the same fields, so the kernels see one object shape. */
class BlockNode {
  kind = INPUT;
  width = 0;
  batch = 0;
  /** Values, batch × width, row-major. */
  value = new Float64Array(0);
  /** Adjoints ∂L/∂value (dense nodes, and inputs that take gradients). */
  adj = new Float64Array(0);
  hasAdj = false;
  /** Dense: f′(Z). Loss: ∂L/∂Y per row (already divided by the batch size). */
  deriv = new Float64Array(0);
  /** Dense: scratch for Z̄ = Ȳ ⊙ f′(Z). */
  dz = new Float64Array(0);
  /** Input: each row's nonzero entries, at row·width: their column and value; nnz[b] of them. */
  nzCol = new Int32Array(0);
  nzVal = new Float64Array(0);
  nnz = new Int32Array(0);
  /** The node this one reads. */
  src = -1;
  dense: Dense | undefined = undefined;
  act: ActKernel = actKernel(undefined);
  /** Loss: the scalar value and the number of correctly classified rows. */
  loss = 0;
  correct = 0;

  /** Sizes the buffers for batch × width (growing only). */
  shape(batch: number, width: number, withDeriv: boolean): void {
    const size = batch * width;
    this.batch = batch;
    this.width = width;
    if (this.value.length < size) this.value = new Float64Array(size);
    if (withDeriv && this.deriv.length < size) this.deriv = new Float64Array(size);
  }
}

/**
 * A tape of layer-level nodes for one minibatch: `input`, `dense` and `loss`
 * record in execution order, `backward` runs the reverse sweep and adds
 * ∂L/∂W and ∂L/∂b into each dense layer's parameter gradients.
 */
export class BlockTape {
  private readonly nodes: BlockNode[] = [];
  private n = 0;
  // the nonzero entries of one line of Z̄ (offsets into W or X, values)
  private off = new Int32Array(64);
  private gs = new Float64Array(64);

  /** Number of recorded nodes. */
  get length(): number {
    return this.n;
  }

  /** Forgets the recorded nodes but keeps their buffers for the next step. */
  reset(): void {
    this.n = 0;
  }

  /**
   * A batch of data rows, x = batch × width values, row-major. The rows are
   * constants unless `requiresGrad`, in which case `grad(node)` gives ∂L/∂x
   * after `backward`.
   */
  input(x: ArrayLike<number>, batch: number, width: number, requiresGrad = false): number {
    checkCount(batch, 'batch size');
    checkCount(width, 'input width');
    if (x.length !== batch * width) throw new DiffError(`input block: ${batch} rows of ${width} need ${batch * width} values, got ${x.length}`);
    const node = this.inputNode(batch, width, requiresGrad);
    for (let b = 0; b < batch; b++) node.nnz[b] = sparseRow(x, b * width, width, b * width, node.value, node.nzCol, node.nzVal);
    return this.n - 1;
  }

  /**
   * The same as `input`, row by row: `row(b)` gives row b, read at once
   * (so it may reuse one buffer from call to call), with no flat copy first.
   */
  inputRows(batch: number, width: number, row: (b: number) => ArrayLike<number>, requiresGrad = false): number {
    checkCount(batch, 'batch size');
    checkCount(width, 'input width');
    const node = this.inputNode(batch, width, requiresGrad);
    for (let b = 0; b < batch; b++) {
      const r = row(b);
      if (r.length !== width) throw new DiffError(`input block: row ${b} has ${r.length} values, expected ${width}`);
      node.nnz[b] = sparseRow(r, 0, width, b * width, node.value, node.nzCol, node.nzVal);
    }
    return this.n - 1;
  }

  private inputNode(batch: number, width: number, requiresGrad: boolean): BlockNode {
    const node = this.push(INPUT);
    node.shape(batch, width, false);
    const size = batch * width;
    if (node.nzCol.length < size) {
      node.nzCol = new Int32Array(size);
      node.nzVal = new Float64Array(size);
    }
    if (node.nnz.length < batch) node.nnz = new Int32Array(batch);
    node.hasAdj = requiresGrad;
    if (requiresGrad && node.adj.length < size) node.adj = new Float64Array(size);
    return node;
  }

  /** Y = f(X Wᵀ + b) for every row of X, with f the activation (none: the identity). */
  dense(x: number, layer: Dense, activation?: Activation): number {
    const src = this.node(x);
    if (src.kind === LOSS) throw new DiffError('a dense layer cannot read a loss node');
    const n = layer.inFeatures;
    const m = layer.outFeatures;
    if (src.width !== n) throw new DiffError(`dense layer expects ${n} inputs, got ${src.width}`);
    const node = this.push(DENSE);
    const B = src.batch;
    node.shape(B, m, true);
    const size = B * m;
    if (node.adj.length < size) {
      node.adj = new Float64Array(size);
      node.dz = new Float64Array(size);
    }
    node.hasAdj = true;
    node.src = x;
    node.dense = layer;
    if (node.act.def !== (activation === undefined ? undefined : opDefOf(activation)) || node.act.args[1] !== activation?.param) node.act = actKernel(activation);
    const W = layer.W.data;
    const bias = layer.b.data;
    const Z = node.value;
    if (n * m <= SMALL) smallForward(W, bias, src.kind === INPUT, src.nzCol, src.nzVal, src.nnz, src.value, Z, B, n, m);
    else if (src.kind === INPUT) denseForwardSparse(W, bias, src.nzCol, src.nzVal, src.nnz, Z, B, n, m);
    else denseForward(W, bias, src.value, Z, B, n, m);
    activate(node.act, Z, node.deriv, size);
    return this.n - 1;
  }

  /**
   * The mean loss over the rows of y: (1/B) Σ_b ℓ(y_b, targets[b]), with ℓ
   * and ∂ℓ/∂y_b from losses.ts. Also counts the rows whose predicted class is
   * the target (see `correct`).
   */
  loss(y: number, name: LossName, targets: ArrayLike<Target>): number {
    const src = this.node(y);
    if (src.kind === LOSS) throw new DiffError('the loss of a loss node');
    const B = src.batch;
    const K = src.width;
    if (targets.length !== B) throw new DiffError(`loss: ${B} rows but ${targets.length} targets`);
    const node = this.push(LOSS);
    node.shape(1, 1, false);
    if (node.deriv.length < B * K) node.deriv = new Float64Array(B * K);
    node.src = y;
    const rowZ = scratchRow(scratchZ, K);
    const rowG = scratchRow(scratchG, K);
    const Y = src.value;
    const G = node.deriv;
    let total = 0;
    let correct = 0;
    for (let b = 0; b < B; b++) {
      const o = b * K;
      for (let k = 0; k < K; k++) rowZ[k] = Y[o + k]!;
      const t = targets[b]!;
      total += lossAndGrad(name, rowZ, t, rowG);
      for (let k = 0; k < K; k++) G[o + k] = rowG[k]! / B;
      if (typeof t === 'number' && predictClass(name, rowZ) === t) correct++;
    }
    node.loss = total / B;
    node.value[0] = node.loss;
    node.correct = correct;
    return this.n - 1;
  }

  /** The values of a node, batch × width, row-major (a view: valid until the next recording). */
  value(i: number): Float64Array {
    const node = this.node(i);
    return node.value.subarray(0, node.batch * node.width);
  }

  /** The adjoint ∂L/∂value of a node after `backward` (a view). */
  grad(i: number): Float64Array {
    const node = this.node(i);
    if (!node.hasAdj) throw new DiffError(`block node ${i} is a constant: it has no adjoint`);
    return node.adj.subarray(0, node.batch * node.width);
  }

  /** Rows of a loss node's batch whose predicted class matched the target. */
  correct(i: number): number {
    const node = this.node(i);
    if (node.kind !== LOSS) throw new DiffError(`block node ${i} is not a loss`);
    return node.correct;
  }

  /**
   * The reverse sweep from a loss node, seeded with L̄ = seed: adds ∂L/∂W and
   * ∂L/∂b into the gradients of every dense layer recorded (they accumulate
   * until `zeroGrad`, as on the scalar tape), and sets the adjoints of the
   * nodes.
   */
  backward(lossNode: number, seed = 1): void {
    const top = this.node(lossNode);
    if (top.kind !== LOSS) throw new DiffError(`block node ${lossNode} is not a loss: backward starts from a loss`);
    for (let i = 0; i < this.n; i++) {
      const node = this.nodes[i]!;
      if (node.hasAdj) node.adj.fill(0, 0, node.batch * node.width);
    }
    for (let i = lossNode; i >= 0; i--) {
      const node = this.nodes[i]!;
      if (node.kind === LOSS) {
        if (i !== lossNode) continue; // another loss recorded earlier: not part of this output
        const src = this.nodes[node.src]!;
        const size = src.batch * src.width;
        const G = node.deriv;
        const A = src.adj;
        for (let k = 0; k < size; k++) A[k] = A[k]! + seed * G[k]!;
      } else if (node.kind === DENSE) {
        const src = this.nodes[node.src]!;
        const layer = node.dense!;
        const B = node.batch;
        const m = node.width;
        const n = src.width;
        const dz = node.dz;
        const A = node.adj;
        const D = node.deriv;
        const size = B * m;
        // Z̄ = Ȳ ⊙ f′(Z)
        let any = false;
        for (let k = 0; k < size; k++) {
          const g = A[k]! * D[k]!;
          dz[k] = g;
          if (g !== 0) any = true;
        }
        if (!any) continue;
        const gb = layer.b.grad;
        for (let b = 0; b < B; b++) {
          const o = b * m;
          for (let j = 0; j < m; j++) gb[j] = gb[j]! + dz[o + j]!;
        }
        const W = layer.W.data;
        const gW = layer.W.grad;
        if (this.off.length < Math.max(B, m)) {
          this.off = new Int32Array(Math.max(B, m));
          this.gs = new Float64Array(Math.max(B, m));
        }
        if (n * m <= SMALL) {
          smallBackward(W, gW, dz, src.kind === INPUT, src.nzCol, src.nzVal, src.nnz, src.value, src.hasAdj ? src.adj : undefined, B, n, m);
          continue;
        }
        if (src.kind === INPUT) denseBackwardSparse(gW, dz, src.nzCol, src.nzVal, src.nnz, B, n, m, this.off, this.gs);
        else denseBackwardWeights(gW, dz, src.value, B, n, m, this.off, this.gs);
        if (src.hasAdj) denseBackwardInput(W, dz, src.adj, B, n, m, this.off, this.gs);
      }
    }
  }

  private push(kind: number): BlockNode {
    let node = this.nodes[this.n];
    if (node === undefined) {
      node = new BlockNode();
      this.nodes.push(node);
    }
    node.kind = kind;
    node.src = -1;
    node.dense = undefined;
    node.hasAdj = false;
    this.n++;
    return node;
  }

  private node(i: number): BlockNode {
    if (!(Number.isInteger(i) && i >= 0 && i < this.n)) throw new DiffError(`no block node ${String(i)}: the tape has ${this.n} node${this.n === 1 ? '' : 's'}`);
    return this.nodes[i]!;
  }
}

function opDefOf(a: Activation): OpDef | undefined {
  const op = activationOp(a);
  return op === undefined ? undefined : opDef(op);
}

const scratchZ: number[][] = [];
const scratchG: number[][] = [];
function scratchRow(pool: number[][], k: number): number[] {
  let r = pool[k];
  if (r === undefined) {
    r = new Array<number>(k).fill(0);
    pool[k] = r;
  }
  return r;
}

/**
 * Copies `width` values of x from `from` into value at `to`, and lists the
 * nonzero ones (column, value) at nzCol/nzVal from `to`; returns how many.
 */
function sparseRow(x: ArrayLike<number>, from: number, width: number, to: number, value: Float64Array, nzCol: Int32Array, nzVal: Float64Array): number {
  let q = to;
  for (let i = 0; i < width; i++) {
    const v = x[from + i]!;
    value[to + i] = v;
    if (v !== 0) {
      nzCol[q] = i;
      nzVal[q++] = v;
    }
  }
  return q - to;
}

function checkCount(v: number, what: string): void {
  if (!Number.isInteger(v) || v < 1) throw new DiffError(`${what} must be a positive integer, got ${v}`);
}

// ---------------------------------------------------------------------------
// Kernels. W is out × in, row-major (row j = unit j's weights), so every
// inner loop below runs along a row of W and a row of X or X̄.

// Small layers (n·m ≤ SMALL weights, like micrograd's 16 × 16) take plain
// loops: short functions that the engine compiles quickly, which is most of
// the cost of a short run.
const SMALL = 1024;

/** Z_bj = b_j + Σᵢ W_ji x_bi, over the nonzero entries of data rows, or over all of X. */
function smallForward(W: Float64Array, bias: Float64Array, sparse: boolean, col: Int32Array, val: Float64Array, nnz: Int32Array, X: Float64Array, Z: Float64Array, B: number, n: number, m: number): void {
  for (let b = 0; b < B; b++) {
    const r = b * n;
    const end = r + (sparse ? nnz[b]! : n);
    const zo = b * m;
    for (let j = 0; j < m; j++) {
      const o = j * n;
      let s = 0;
      if (sparse) for (let q = r; q < end; q++) s += W[o + col[q]!]! * val[q]!;
      else for (let i = 0; i < n; i++) s += W[o + i]! * X[r + i]!;
      Z[zo + j] = bias[j]! + s;
    }
  }
}

/** W̄_ji += Σ_b Z̄_bj x_bi and (with dX) X̄_bi += Σ_j Z̄_bj W_ji, skipping Z̄_bj = 0. */
function smallBackward(W: Float64Array, gW: Float64Array, dz: Float64Array, sparse: boolean, col: Int32Array, val: Float64Array, nnz: Int32Array, X: Float64Array, dX: Float64Array | undefined, B: number, n: number, m: number): void {
  for (let b = 0; b < B; b++) {
    const r = b * n;
    const end = r + (sparse ? nnz[b]! : 0);
    const zo = b * m;
    for (let j = 0; j < m; j++) {
      const g = dz[zo + j]!;
      if (g === 0) continue;
      const o = j * n;
      if (sparse) {
        for (let q = r; q < end; q++) {
          const w = o + col[q]!;
          gW[w] = gW[w]! + g * val[q]!;
        }
      } else for (let i = 0; i < n; i++) gW[o + i] = gW[o + i]! + g * X[r + i]!;
      if (dX !== undefined) for (let i = 0; i < n; i++) dX[r + i] = dX[r + i]! + g * W[o + i]!;
    }
  }
}

// The loops are tiled (four units, or four units × two rows, per pass) so
// that each value loaded from X or W feeds several multiply-adds; the tail
// of a width that is not a multiple of the tile takes the one-unit loop.

/** Z_bj = b_j + Σ_{i: x_bi ≠ 0} W_ji x_bi, over each row's nonzero entries; four units per pass. */
function denseForwardSparse(W: Float64Array, bias: Float64Array, col: Int32Array, val: Float64Array, nnz: Int32Array, Z: Float64Array, B: number, n: number, m: number): void {
  for (let b = 0; b < B; b++) {
    const r = b * n;
    const end = r + nnz[b]!;
    const zo = b * m;
    let j = 0;
    for (; j + 3 < m; j += 4) {
      const o0 = j * n;
      const o1 = o0 + n;
      const o2 = o1 + n;
      const o3 = o2 + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let q = r; q < end; q++) {
        const c = col[q]!;
        const v = val[q]!;
        s0 += W[o0 + c]! * v;
        s1 += W[o1 + c]! * v;
        s2 += W[o2 + c]! * v;
        s3 += W[o3 + c]! * v;
      }
      Z[zo + j] = bias[j]! + s0;
      Z[zo + j + 1] = bias[j + 1]! + s1;
      Z[zo + j + 2] = bias[j + 2]! + s2;
      Z[zo + j + 3] = bias[j + 3]! + s3;
    }
    for (; j < m; j++) {
      const o = j * n;
      let s = 0;
      for (let q = r; q < end; q++) s += W[o + col[q]!]! * val[q]!;
      Z[zo + j] = bias[j]! + s;
    }
  }
}

/** Z_bj = b_j + Σᵢ W_ji X_bi; four units × two rows per pass. */
function denseForward(W: Float64Array, bias: Float64Array, X: Float64Array, Z: Float64Array, B: number, n: number, m: number): void {
  let b = 0;
  for (; b + 1 < B; b += 2) {
    const xa = b * n;
    const xb = xa + n;
    const za = b * m;
    const zb = za + m;
    let j = 0;
    for (; j + 3 < m; j += 4) {
      const o0 = j * n;
      const o1 = o0 + n;
      const o2 = o1 + n;
      const o3 = o2 + n;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      for (let i = 0; i < n; i++) {
        const u = X[xa + i]!;
        const v = X[xb + i]!;
        const w0 = W[o0 + i]!;
        const w1 = W[o1 + i]!;
        const w2 = W[o2 + i]!;
        const w3 = W[o3 + i]!;
        a0 += w0 * u;
        a1 += w1 * u;
        a2 += w2 * u;
        a3 += w3 * u;
        b0 += w0 * v;
        b1 += w1 * v;
        b2 += w2 * v;
        b3 += w3 * v;
      }
      Z[za + j] = bias[j]! + a0;
      Z[za + j + 1] = bias[j + 1]! + a1;
      Z[za + j + 2] = bias[j + 2]! + a2;
      Z[za + j + 3] = bias[j + 3]! + a3;
      Z[zb + j] = bias[j]! + b0;
      Z[zb + j + 1] = bias[j + 1]! + b1;
      Z[zb + j + 2] = bias[j + 2]! + b2;
      Z[zb + j + 3] = bias[j + 3]! + b3;
    }
    for (; j < m; j++) {
      const o = j * n;
      let a = 0;
      let c = 0;
      for (let i = 0; i < n; i++) {
        const w = W[o + i]!;
        a += w * X[xa + i]!;
        c += w * X[xb + i]!;
      }
      Z[za + j] = bias[j]! + a;
      Z[zb + j] = bias[j]! + c;
    }
  }
  for (; b < B; b++) {
    const xo = b * n;
    const zo = b * m;
    for (let j = 0; j < m; j++) {
      const o = j * n;
      let s = 0;
      for (let i = 0; i < n; i++) s += W[o + i]! * X[xo + i]!;
      Z[zo + j] = bias[j]! + s;
    }
  }
}

/** Y = f(Z) in place, D = f′(Z), from the registry's eval and partials. */
function activate(act: ActKernel, Z: Float64Array, D: Float64Array, size: number): void {
  const def = act.def;
  if (def === undefined) {
    D.fill(1, 0, size); // d/dz z = 1
    return;
  }
  const args = act.args;
  const d = act.d;
  for (let k = 0; k < size; k++) {
    args[0] = Z[k]!;
    const y = def.eval(args);
    def.partials(args, y, d);
    Z[k] = y;
    D[k] = d[0]!;
  }
}

/**
 * Gathers the nonzero entries of a strided line of Z̄ (row b: start b·m,
 * stride 1; unit j: start j, stride m) as (offset, value) pairs; returns
 * how many. The offset is index·scale: the start of the matching row of W or X.
 */
function nonzeros(dz: Float64Array, start: number, stride: number, count: number, scale: number, off: Int32Array, g: Float64Array): number {
  let k = 0;
  for (let t = 0, p = start; t < count; t++, p += stride) {
    const v = dz[p]!;
    if (v !== 0) {
      off[k] = t * scale;
      g[k++] = v;
    }
  }
  return k;
}

/** W̄_ji += Σ_b Z̄_bj x_bi over each row's nonzero x_bi and nonzero Z̄_bj; four units per pass. */
function denseBackwardSparse(gW: Float64Array, dz: Float64Array, col: Int32Array, val: Float64Array, nnz: Int32Array, B: number, n: number, m: number, off: Int32Array, gs: Float64Array): void {
  for (let b = 0; b < B; b++) {
    const r = b * n;
    const end = r + nnz[b]!;
    const k = nonzeros(dz, b * m, 1, m, n, off, gs);
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const o0 = off[p]!;
      const o1 = off[p + 1]!;
      const o2 = off[p + 2]!;
      const o3 = off[p + 3]!;
      const g0 = gs[p]!;
      const g1 = gs[p + 1]!;
      const g2 = gs[p + 2]!;
      const g3 = gs[p + 3]!;
      for (let q = r; q < end; q++) {
        const c = col[q]!;
        const v = val[q]!;
        gW[o0 + c] = gW[o0 + c]! + g0 * v;
        gW[o1 + c] = gW[o1 + c]! + g1 * v;
        gW[o2 + c] = gW[o2 + c]! + g2 * v;
        gW[o3 + c] = gW[o3 + c]! + g3 * v;
      }
    }
    for (; p < k; p++) {
      const o = off[p]!;
      const g = gs[p]!;
      for (let q = r; q < end; q++) {
        const w = o + col[q]!;
        gW[w] = gW[w]! + g * val[q]!;
      }
    }
  }
}

/** X̄_bi += Σ_j Z̄_bj W_ji over the nonzero Z̄_bj; four units per pass. */
function denseBackwardInput(W: Float64Array, dz: Float64Array, dX: Float64Array, B: number, n: number, m: number, off: Int32Array, gs: Float64Array): void {
  for (let b = 0; b < B; b++) {
    const xo = b * n;
    const k = nonzeros(dz, b * m, 1, m, n, off, gs);
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const o0 = off[p]!;
      const o1 = off[p + 1]!;
      const o2 = off[p + 2]!;
      const o3 = off[p + 3]!;
      const g0 = gs[p]!;
      const g1 = gs[p + 1]!;
      const g2 = gs[p + 2]!;
      const g3 = gs[p + 3]!;
      for (let i = 0; i < n; i++) dX[xo + i] = dX[xo + i]! + (g0 * W[o0 + i]! + g1 * W[o1 + i]! + g2 * W[o2 + i]! + g3 * W[o3 + i]!);
    }
    for (; p < k; p++) {
      const o = off[p]!;
      const g = gs[p]!;
      for (let i = 0; i < n; i++) dX[xo + i] = dX[xo + i]! + g * W[o + i]!;
    }
  }
}

/** W̄_ji += Σ_b Z̄_bj X_bi over the nonzero Z̄_bj; four rows per pass. */
function denseBackwardWeights(gW: Float64Array, dz: Float64Array, X: Float64Array, B: number, n: number, m: number, off: Int32Array, gs: Float64Array): void {
  for (let j = 0; j < m; j++) {
    const o = j * n;
    const k = nonzeros(dz, j, m, B, n, off, gs);
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const x0 = off[p]!;
      const x1 = off[p + 1]!;
      const x2 = off[p + 2]!;
      const x3 = off[p + 3]!;
      const g0 = gs[p]!;
      const g1 = gs[p + 1]!;
      const g2 = gs[p + 2]!;
      const g3 = gs[p + 3]!;
      for (let i = 0; i < n; i++) gW[o + i] = gW[o + i]! + (g0 * X[x0 + i]! + g1 * X[x1 + i]! + g2 * X[x2 + i]! + g3 * X[x3 + i]!);
    }
    for (; p < k; p++) {
      const x = off[p]!;
      const g = gs[p]!;
      for (let i = 0; i < n; i++) gW[o + i] = gW[o + i]! + g * X[x + i]!;
    }
  }
}

// ---------------------------------------------------------------------------
// Training a Sequential on the block tape

/** A dense layer and the activation after it (none: the identity). */
export interface DenseStage {
  readonly dense: Dense;
  readonly activation: Activation | undefined;
}

/**
 * The network as dense stages, each a Dense layer and at most one activation
 * after it; undefined when it has other layers (maxout, or dropout that is
 * active in training mode), which take the scalar tape.
 */
export function denseStages(net: Sequential): DenseStage[] | undefined {
  const stages: DenseStage[] = [];
  const layers = net.layers;
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i]!;
    if (!(l instanceof Dense)) return undefined;
    let activation: Activation | undefined;
    let k = i + 1;
    if (layers[k] instanceof ActivationLayer) activation = (layers[k++] as ActivationLayer).activation;
    // inverted dropout with keep probability 1 is the identity
    while (layers[k] instanceof Dropout && (layers[k] as Dropout).p === 1) k++;
    stages.push({ dense: l, activation });
    i = k - 1;
  }
  return stages;
}

/**
 * Minibatch steps of a Sequential made of dense stages on the block tape:
 * gathers the batch's rows (augmented when asked), records input → dense… →
 * loss, and adds the gradient into the parameters.
 */
export class BlockTrainer {
  readonly tape = new BlockTape();
  private readonly stages: readonly DenseStage[];
  private readonly loss: LossName;
  private readonly inputs: number;
  private t = new Int32Array(0);
  /** Correctly classified rows of the last step. */
  correct = 0;

  private constructor(stages: readonly DenseStage[], loss: LossName) {
    this.stages = stages;
    this.loss = loss;
    this.inputs = stages[0]!.dense.inFeatures;
  }

  /** A trainer for the network, or undefined if it has layers the block tape does not record. */
  static of(net: Sequential, loss: LossName): BlockTrainer | undefined {
    const stages = denseStages(net);
    return stages === undefined || stages.length === 0 ? undefined : new BlockTrainer(stages, loss);
  }

  /**
   * The mean loss over the samples `idx` of `data`; adds its gradient into
   * the parameters' gradients and sets `correct`.
   */
  lossAndGrad(data: Dataset, idx: ArrayLike<number>, augment?: (x: Float64Array, rng: Rng) => ArrayLike<number>, rng?: Rng): number {
    const B = idx.length;
    if (this.t.length < B) this.t = new Int32Array(B);
    const t = this.t;
    for (let k = 0; k < B; k++) t[k] = data.y[idx[k]!]!;
    const tape = this.tape;
    tape.reset();
    let h = tape.inputRows(B, this.inputs, (k) => {
      const x = data.x[idx[k]!]!;
      return augment !== undefined && rng !== undefined ? augment(x, rng) : x;
    });
    for (const s of this.stages) h = tape.dense(h, s.dense, s.activation);
    const l = tape.loss(h, this.loss, B === this.t.length ? this.t : this.t.subarray(0, B));
    tape.backward(l);
    this.correct = tape.correct(l);
    return tape.value(l)[0]!;
  }
}
