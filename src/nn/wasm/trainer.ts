// Training steps of a dense network with the WebAssembly kernels
// (kernels.wat): the same block tape as block.ts (input → dense… → loss, and
// its reverse sweep), with the parameters, their gradients and the
// optimizer's state held in the kernels' memory for the length of a `fit`.
//
// Why a second implementation: the JavaScript kernels pay for the engine's
// warm-up (a short run is mostly interpreted), for one multiply-add at a
// time, and for a square root and a division per parameter in Adam, where
// 128-bit SIMD does two. The kernels below compile in well under a
// millisecond and run at full speed from the first step.
//
// Layout: each dense layer keeps Wᵀ (input i's weights to every unit in one
// row, so the sparse first layer and the weight gradient run along
// contiguous rows), its bias, and a row per sample of outputs, f′ and
// adjoints; widths are rounded up to whole registers (2 float64 or 4
// float32 values) with zero padding. All parameters
// sit in one region P (Wᵀ₁, b₁, Wᵀ₂, b₂, …), their gradients in G and the
// optimizer's state in V and S with the same layout, so one kernel call
// updates every parameter.
//
// The network's own parameters (Param.data, .grad) and the optimizer's
// state buffers are copied in when a trainer is made (`syncIn`) and out
// whenever someone may look at them (`syncOut`: before each callback and
// at the end of fit). The training set is copied in once too (`snapshot`,
// each row as its nonzero entries), so a step gathers its rows inside the
// kernels' memory, when there is no augmentation or it is a translation the
// kernels apply themselves (randomShift); any other augmentation function is
// called on each row, which is then copied in. The activation must be the identity or
// declare `linearPieces` in the registry (ReLU, leaky ReLU); the optimizer
// SGD, momentum or Adam; the regularizer none or L2 over every parameter.
// Anything else takes the JavaScript block tape.

import { DiffError } from '../../expr/errors.ts';
import { opDef } from '../../ops/index.ts';
import { activationOp } from '../activations.ts';
import { denseStages, type DenseStage } from '../block.ts';
import type { Dataset } from '../data/dataset.ts';
import type { ShiftSpec } from '../data/mnist.ts';
import type { Sequential } from '../layers.ts';
import { lossAndGrad, predictClass, type LossName } from '../losses.ts';
import { Adam, Momentum, type Optimizer, SGD } from '../optim.ts';
import type { ParamLike } from '../param.ts';
import type { Regularizer } from '../regularize.ts';
import type { Rng } from '../rng.ts';
import { type KernelInstance, MAX_BYTES, type Precision, wasmKernels } from './kernels.ts';

interface Layer {
  readonly n: number; // inputs
  readonly np: number; // input row stride (values)
  readonly m: number; // units
  readonly mp: number; // m rounded up to whole registers
  readonly identity: boolean;
  readonly below: number;
  readonly above: number;
  // byte offsets
  readonly wt: number; // Wᵀ in P
  readonly bias: number; // b in P
  readonly gwt: number; // in G
  readonly gb: number;
  readonly z: number; // outputs, B × mp
  readonly d: number; // f′(Z)
  readonly adj: number; // ∂L/∂Y, then Z̄ in place
}

interface Pieces {
  readonly identity: boolean;
  readonly below: number;
  readonly above: number;
}

/** What a trainer needs to know of the run. */
export interface WasmTrainerOptions {
  readonly loss: LossName;
  readonly optimizer: Optimizer;
  readonly regularizer?: Regularizer | undefined;
  /** The parameters the regularizer applies to. */
  readonly regularized?: readonly ParamLike[] | undefined;
  /** The largest batch a step will see. */
  readonly batch: number;
  /**
   * float64 (the default) or float32: parameters, gradients, optimizer
   * state, activations and data held and computed in single precision, as
   * PyTorch trains by default; the network's parameters are rounded to it
   * when copied in. Losses and their gradients are computed in float64.
   */
  readonly precision?: Precision | undefined;
}

/** A parameter's place in P (in values), its shape, and whether it is kept transposed (Wᵀ, rows of `stride`). */
interface Slot {
  readonly at: number;
  readonly rows: number;
  readonly cols: number;
  readonly stride: number;
  readonly transposed: boolean;
}

/** The optimizers with a kernel (exactly these classes: a subclass may change the rule). */
const SUPPORTED_OPTIMIZERS: ReadonlySet<unknown> = new Set([SGD, Momentum, Adam]);

export class WasmTrainer {
  /** Correctly classified rows of the last step. */
  correct = 0;
  /** λR(θ) of the last step (0 without a regularizer). */
  penalty = 0;
  /** The precision of every value the kernels hold and compute with. */
  readonly precision: Precision;
  private readonly vb: number; // bytes per value: 8 or 4
  private readonly lanes: number; // values per 128-bit register: 2 or 4
  private readonly layers: Layer[];
  private readonly mem: KernelInstance;
  private readonly opt: Optimizer;
  private readonly loss: LossName;
  private readonly lambda: number;
  private readonly maxBatch: number;
  private readonly inputs: number;
  // byte offsets of the regions
  private readonly P: number;
  private readonly G: number;
  private readonly V: number;
  private readonly S: number;
  private readonly count: number; // values in P
  private readonly X: number; // dense input rows, batch × n
  private readonly col: number; // the batch's nonzeros by row
  private readonly val: number;
  private readonly nnz: number;
  private readonly cstart: number; // … and by column
  private readonly cur: number;
  private readonly crow: number;
  private readonly cval: number;
  private readonly idx: number; // the step's sample numbers
  private readonly shifts: number; // the step's (dx, dy), by row
  private rowOf = 0; // c ÷ width for each input column, once a translation is applied
  private readonly rowZ: number[];
  private readonly rowG: number[];
  private readonly slots: Slot[];
  /** The training set held in memory (`snapshot`): its rows' entries at scol/sval[start[i] … start[i+1]]. */
  private stored: Dataset | undefined;
  private start = 0;
  private scol = 0;
  private sval = 0;

  private constructor(stages: readonly DenseStage[], pieces: readonly Pieces[], opts: WasmTrainerOptions, mem: KernelInstance) {
    this.precision = opts.precision ?? 'float64';
    this.vb = this.precision === 'float32' ? 4 : 8;
    this.lanes = 16 / this.vb;
    this.opt = opts.optimizer;
    this.loss = opts.loss;
    this.lambda = opts.regularizer?.lambda ?? 0;
    const B = opts.batch;
    this.maxBatch = B;
    this.mem = mem;
    const n0 = stages[0]!.dense.inFeatures;
    this.inputs = n0;
    // all parameters in one region, layer by layer: Wᵀ (n × mp), then b (mp)
    let count = 0;
    const paramAt = stages.map((s) => {
      const mp = this.pad(s.dense.outFeatures);
      const at = { wt: count, bias: count + s.dense.inFeatures * mp };
      count += s.dense.inFeatures * mp + mp;
      return at;
    });
    this.count = count;
    this.P = mem.alloc(count * this.vb);
    this.G = mem.alloc(count * this.vb);
    this.V = this.opt instanceof SGD ? 0 : mem.alloc(count * this.vb);
    this.S = this.opt instanceof Adam ? mem.alloc(count * this.vb) : 0;
    this.X = mem.alloc(B * n0 * this.vb);
    this.col = mem.alloc(B * n0 * 4);
    this.val = mem.alloc(B * n0 * this.vb);
    this.nnz = mem.alloc(B * 4);
    this.cstart = mem.alloc((n0 + 1) * 4);
    this.cur = mem.alloc(n0 * 4);
    this.crow = mem.alloc(B * n0 * 4);
    this.cval = mem.alloc(B * n0 * this.vb);
    this.idx = mem.alloc(B * 4);
    this.shifts = mem.alloc(B * 8); // two i32 per row
    let np = n0;
    this.layers = stages.map((s, i) => {
      const n = s.dense.inFeatures;
      const m = s.dense.outFeatures;
      const mp = this.pad(m);
      const l: Layer = {
        n,
        np,
        m,
        mp,
        ...pieces[i]!,
        wt: this.P + paramAt[i]!.wt * this.vb,
        bias: this.P + paramAt[i]!.bias * this.vb,
        gwt: this.G + paramAt[i]!.wt * this.vb,
        gb: this.G + paramAt[i]!.bias * this.vb,
        z: mem.alloc(B * mp * this.vb),
        d: mem.alloc(B * mp * this.vb),
        adj: mem.alloc(B * mp * this.vb),
      };
      np = mp;
      return l;
    });
    const K = stages[stages.length - 1]!.dense.outFeatures;
    this.rowZ = new Array<number>(K).fill(0);
    this.rowG = new Array<number>(K).fill(0);
    const slotOf = new Map<ParamLike, Slot>();
    stages.forEach((s, i) => {
      const l = this.layers[i]!;
      slotOf.set(s.dense.W, { at: paramAt[i]!.wt, rows: l.m, cols: l.n, stride: l.mp, transposed: true });
      slotOf.set(s.dense.b, { at: paramAt[i]!.bias, rows: 1, cols: l.m, stride: l.mp, transposed: false });
    });
    this.slots = this.opt.params.map((p) => slotOf.get(p)!);
    this.syncIn();
  }

  /** k rounded up to whole registers. */
  private pad(k: number): number {
    return Math.ceil(k / this.lanes) * this.lanes;
  }

  /**
   * A trainer for the network, or undefined when the kernels cannot run
   * here or the network, loss, optimizer or regularizer is one they do not
   * cover (then the JavaScript block tape trains it).
   */
  static of(net: Sequential, opts: WasmTrainerOptions): WasmTrainer | undefined {
    const stages = denseStages(net);
    if (stages === undefined || stages.length === 0) return undefined;
    if (!SUPPORTED_OPTIMIZERS.has(opts.optimizer.constructor)) return undefined;
    const pieces: Pieces[] = [];
    for (const s of stages) {
      const a = s.activation;
      const op = a === undefined ? undefined : activationOp(a);
      if (op === undefined) {
        pieces.push({ identity: true, below: 1, above: 1 });
        continue;
      }
      const lp = opDef(op).linearPieces;
      if (lp === undefined) return undefined;
      pieces.push({ identity: false, ...lp(a!.param === undefined ? [] : [a!.param]) });
    }
    // the optimizer updates exactly the network's parameters (any order)
    const own = new Set<ParamLike>();
    for (const s of stages) own.add(s.dense.W).add(s.dense.b);
    if (!sameSet(opts.optimizer.params, own)) return undefined;
    const reg = opts.regularizer;
    if (reg !== undefined && (reg.kind !== 'l2' || !sameSet(opts.regularized ?? opts.optimizer.params, own))) return undefined;
    if (!Number.isInteger(opts.batch) || opts.batch < 1) throw new DiffError(`batch size must be a positive integer, got ${opts.batch}`);
    const mem = wasmKernels(1 << 16, opts.precision ?? 'float64');
    if (mem === undefined) return undefined;
    try {
      return new WasmTrainer(stages, pieces, opts, mem);
    } catch (err) {
      if (err instanceof RangeError) return undefined; // more than the kernels' memory can hold: the JavaScript kernels
      throw err;
    }
  }

  /**
   * Copies the rows of a data set into the kernels' memory as their nonzero
   * entries, once, so that steps on it (with no augmentation) and its
   * evaluation gather rows there. The copy is what the run trains on: rows
   * changed afterwards are not seen. Returns false (and keeps nothing) if it
   * would pass the memory limit.
   */
  snapshot(data: Dataset): boolean {
    const N = data.x.length;
    const n = this.inputs;
    const mem = this.mem;
    const base = mem.top;
    let cap = Math.max(n, Math.ceil((N * n) / 4)); // grows if the rows are denser than 1 in 4
    if (base + (N + 1) * 4 + cap * 12 > MAX_BYTES / 2) return false;
    const start = mem.alloc((N + 1) * 4);
    let scol = mem.alloc(cap * 4);
    let sval = mem.alloc(cap * this.vb);
    let off = 0;
    for (let i = 0; i < N; i++) {
      const row = sample(data, i);
      if (row.length !== n) throw new DiffError(`data set ${data.name}: sample ${i} has ${row.length} features, the network takes ${n}`);
      if (off + n > cap) {
        const more = Math.max(2 * cap, off + n);
        if (mem.top + more * 12 > MAX_BYTES / 2) {
          mem.top = base;
          return false;
        }
        const scol2 = mem.alloc(more * 4);
        const sval2 = mem.alloc(more * this.vb);
        mem.i32.copyWithin(scol2 / 4, scol / 4, scol / 4 + off);
        mem.f.copyWithin(sval2 / this.vb, sval / this.vb, sval / this.vb + off);
        scol = scol2;
        sval = sval2;
        cap = more;
      }
      // the row's nonzero entries, straight from the data (no dense copy)
      const cols = mem.i32;
      const vals = mem.f;
      const c0 = scol / 4 + off;
      const v0 = sval / this.vb + off;
      let k = 0;
      for (let c = 0; c < n; c++) {
        const v = row[c]!;
        if (v !== 0) {
          cols[c0 + k] = c;
          vals[v0 + k++] = v;
        }
      }
      mem.i32[start / 4 + i] = off;
      off += k;
    }
    mem.i32[start / 4 + N] = off;
    this.stored = data;
    this.start = start;
    this.scol = scol;
    this.sval = sval;
    return true;
  }

  /**
   * Records a step on the samples `idx` of `data`: forward pass, mean loss,
   * reverse sweep, and the L2 penalty's gradient. Returns the mean data loss
   * (`penalty` and `correct` are set too). The gradient is this step's alone.
   */
  step(data: Dataset, idx: ArrayLike<number>, augment?: (x: Float64Array, rng: Rng) => ArrayLike<number>, rng?: Rng): number {
    const B = idx.length;
    const { k } = this.mem;
    this.checkBatch(B);
    const shift = augment === undefined ? undefined : this.shiftOf(augment);
    if ((augment === undefined || shift !== undefined) && data === this.stored) {
      this.gather(B, (r) => idx[r]!);
      if (shift !== undefined && rng !== undefined) this.translate(B, shift, rng);
    } else
      this.copyRows(data, B, (r) => {
        const src = sample(data, idx[r]!);
        return augment !== undefined && rng !== undefined ? augment(src, rng) : src;
      });
    this.forward(B);
    // the loss, row by row, from losses.ts; ∂L/∂Y into the last layer's adjoints
    const total = this.lossRows(data, B, (r) => idx[r]!, true);
    // the reverse sweep; every gradient entry is written (=), none accumulated
    const layers = this.layers;
    for (let li = layers.length - 1; li >= 0; li--) {
      const l = layers[li]!;
      if (!l.identity) k.mulInPlace(l.adj, l.d, B * l.mp);
      k.colSum(l.adj, l.gb, B, l.mp);
      if (li === 0) {
        k.columns(this.col, this.val, this.nnz, B, l.n, this.cstart, this.cur, this.crow, this.cval);
        k.gradWeightsSparse(l.gwt, l.adj, this.cstart, this.crow, this.cval, l.n, l.mp);
      } else {
        const prev = layers[li - 1]!;
        k.gradWeightsDense(l.gwt, l.adj, prev.z, B, l.n, l.np, l.mp);
        k.gradInput(l.wt, l.adj, prev.adj, B, l.n, l.np, l.mp);
      }
    }
    this.penalty = this.lambda === 0 ? 0 : this.lambda * k.l2(this.P, this.G, this.count, 2 * this.lambda);
    return total / B;
  }

  /**
   * Mean loss and accuracy of the network on a data set, with the current
   * parameters (as evaluateModel in train.ts, batch by batch).
   */
  evaluate(data: Dataset): { loss: number; accuracy: number } {
    const N = data.x.length;
    let total = 0;
    let correct = 0;
    for (let s = 0; s < N; s += this.maxBatch) {
      const B = Math.min(this.maxBatch, N - s);
      this.checkBatch(B);
      if (data === this.stored) this.gather(B, (r) => s + r);
      else this.copyRows(data, B, (r) => sample(data, s + r));
      this.forward(B);
      total += this.lossRows(data, B, (r) => s + r, false);
      correct += this.correct;
    }
    const n = Math.max(1, N);
    return { loss: total / n, accuracy: correct / n };
  }

  /**
   * The translation an augmentation function declares (randomShift), if its
   * images have as many pixels as the network has inputs; undefined for any
   * other function, which is then called on each row.
   */
  shiftOf(augment: (x: Float64Array, rng: Rng) => ArrayLike<number>): ShiftSpec | undefined {
    const s = (augment as { shift?: ShiftSpec }).shift;
    if (s === undefined || !(Number.isInteger(s.width) && Number.isInteger(s.height) && Number.isInteger(s.max)) || s.width < 1 || s.height < 1 || s.max < 0) return undefined;
    return s.width * s.height === this.inputs ? s : undefined;
  }

  /** Translates the batch's B rows, drawing each row's dx and dy from rng as the function would. */
  private translate(B: number, s: ShiftSpec, rng: Rng): void {
    if (s.max === 0) return; // the function draws nothing then
    const mem = this.mem;
    if (this.rowOf === 0) {
      this.rowOf = mem.alloc(this.inputs * 4);
      for (let c = 0; c < this.inputs; c++) mem.i32[this.rowOf / 4 + c] = Math.floor(c / s.width);
    }
    const i32 = mem.i32;
    const at = this.shifts / 4;
    const span = 2 * s.max + 1;
    for (let r = 0; r < B; r++) {
      i32[at + 2 * r] = rng.int(span) - s.max;
      i32[at + 2 * r + 1] = rng.int(span) - s.max;
    }
    mem.k.shiftRows(this.col, this.val, this.nnz, B, this.inputs, s.width, s.height, this.shifts, this.rowOf);
  }

  /** B rows of the stored data set into the batch's lists. */
  private gather(B: number, sampleOf: (r: number) => number): void {
    const { k, i32 } = this.mem;
    const N = this.stored!.x.length;
    const at = this.idx / 4;
    for (let r = 0; r < B; r++) {
      const i = sampleOf(r);
      if (!(i >= 0 && i < N)) throw new DiffError(`no sample ${i} in data set ${this.stored!.name}`);
      i32[at + r] = i;
    }
    k.gatherRows(this.idx, B, this.start, this.scol, this.sval, this.col, this.val, this.nnz, this.inputs);
  }

  /** B rows given by `row` into the batch's lists. */
  private copyRows(data: Dataset, B: number, row: (r: number) => ArrayLike<number>): void {
    const { k, f } = this.mem;
    const n = this.inputs;
    const x0 = this.X / this.vb;
    for (let r = 0; r < B; r++) {
      const v = row(r);
      if (v.length !== n) throw new DiffError(`data set ${data.name}: a sample has ${v.length} features, the network takes ${n}`);
      f.set(v, x0 + r * n);
    }
    k.sparsify(this.X, B, n, this.col, this.val, this.nnz);
  }

  private checkBatch(B: number): void {
    if (!(Number.isInteger(B) && B >= 1 && B <= this.maxBatch)) throw new DiffError(`a step of ${B} samples on a trainer made for at most ${this.maxBatch}`);
  }

  /** The forward pass over the batch's B rows, every layer. */
  private forward(B: number): void {
    const { k } = this.mem;
    const layers = this.layers;
    for (let li = 0; li < layers.length; li++) {
      const l = layers[li]!;
      if (li === 0) k.fwdSparse(l.wt, l.bias, this.col, this.val, this.nnz, l.z, B, l.n, l.mp);
      else k.fwdDense(l.wt, l.bias, layers[li - 1]!.z, l.z, B, l.n, l.np, l.mp);
      if (!l.identity) k.activate(l.z, l.d, B * l.mp, l.below, l.above);
    }
  }

  /** Σ of the rows' losses (losses.ts); sets `correct`, and with `grad` writes ∂L/∂Y = ∂ℓ/∂y / B into the top layer's adjoints. */
  private lossRows(data: Dataset, B: number, sampleOf: (r: number) => number, grad: boolean): number {
    const f = this.mem.f;
    const top = this.layers[this.layers.length - 1]!;
    const K = top.m;
    const y0 = top.z / this.vb;
    const a0 = top.adj / this.vb;
    const rowZ = this.rowZ;
    const rowG = this.rowG;
    let total = 0;
    let correct = 0;
    for (let r = 0; r < B; r++) {
      const o = r * top.mp;
      for (let c = 0; c < K; c++) rowZ[c] = f[y0 + o + c]!;
      const t = data.y[sampleOf(r)]!;
      total += lossAndGrad(this.loss, rowZ, t, rowG);
      if (grad) for (let c = 0; c < K; c++) f[a0 + o + c] = rowG[c]! / B;
      if (predictClass(this.loss, rowZ) === t) correct++;
    }
    this.correct = correct;
    return total;
  }

  /** One update of every parameter by the optimizer's rule, at its current learning rate; counts the step. */
  update(): void {
    const { k } = this.mem;
    const o = this.opt;
    const lr = o.lr;
    if (o instanceof Momentum) k.momentum(this.P, this.G, this.V, this.count, lr, o.beta);
    else if (o instanceof Adam) {
      const a = o;
      // as Adam.step: c = 1 − βᵏ⁺¹, then (α/c₁) v/√(s/c₂ + ε)
      const k1 = o.steps + 1;
      const c1 = 1 - Math.pow(a.beta1, k1);
      const c2 = 1 - Math.pow(a.beta2, k1);
      k.adam(this.P, this.G, this.V, this.S, this.count, a.beta1, 1 - a.beta1, a.beta2, 1 - a.beta2, lr / c1, 1 / c2, a.eps);
    } else k.sgd(this.P, this.G, this.count, lr);
    o.steps++;
  }

  /** Copies the parameters, their gradients and the optimizer's state out to the network and the optimizer. */
  syncOut(): void {
    const f = this.mem.f;
    const state = stateBuffers(this.opt);
    this.opt.params.forEach((p, j) => {
      const s = this.slots[j]!;
      copyOut(f, this.P / this.vb + s.at, p.data, s);
      copyOut(f, this.G / this.vb + s.at, p.grad, s);
      if (state.v) copyOut(f, this.V / this.vb + s.at, state.v[j]!, s);
      if (state.s) copyOut(f, this.S / this.vb + s.at, state.s[j]!, s);
    });
  }

  /** Copies the parameters and the optimizer's state in from the network and the optimizer. */
  syncIn(): void {
    const f = this.mem.f;
    const state = stateBuffers(this.opt);
    this.opt.params.forEach((p, j) => {
      const s = this.slots[j]!;
      copyIn(f, this.P / this.vb + s.at, p.data, s);
      if (state.v) copyIn(f, this.V / this.vb + s.at, state.v[j]!, s);
      if (state.s) copyIn(f, this.S / this.vb + s.at, state.s[j]!, s);
    });
  }
}

function sample(data: Dataset, i: number): Float64Array {
  const x = data.x[i];
  if (x === undefined) throw new DiffError(`no sample ${i} in data set ${data.name}`);
  return x;
}

/** The optimizer's first and second moment buffers, by parameter (momentum: v; Adam: v and s). */
function stateBuffers(o: Optimizer): { v?: readonly Float64Array[]; s?: readonly Float64Array[] } {
  const st = o.state();
  return { ...(st['v'] ? { v: st['v'] } : {}), ...(st['s'] ? { s: st['s'] } : {}) };
}

function sameSet(params: readonly ParamLike[], own: ReadonlySet<ParamLike>): boolean {
  if (params.length !== own.size) return false;
  const seen = new Set<ParamLike>();
  for (const p of params) {
    if (!own.has(p) || seen.has(p)) return false;
    seen.add(p);
  }
  return true;
}

/** A rows × cols buffer (row-major) into memory at `at`: transposed (cols rows of `stride`), or as it is. */
function copyIn(f: Float64Array | Float32Array, at: number, src: Float64Array, s: Slot): void {
  if (!s.transposed) {
    f.set(src, at);
    return;
  }
  const { rows, cols, stride } = s;
  for (let j = 0; j < rows; j++) {
    const o = j * cols;
    for (let i = 0; i < cols; i++) f[at + i * stride + j] = src[o + i]!;
  }
}

function copyOut(f: Float64Array | Float32Array, at: number, dst: Float64Array, s: Slot): void {
  if (!s.transposed) {
    dst.set(f.subarray(at, at + s.cols));
    return;
  }
  const { rows, cols, stride } = s;
  for (let j = 0; j < rows; j++) {
    const o = j * cols;
    for (let i = 0; i < cols; i++) dst[o + i] = f[at + i * stride + j]!;
  }
}
