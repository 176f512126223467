// Layers on the tape. A module's parameters live in Float64Array buffers
// (Param); for each training step they are bound to fresh tape leaves, the
// forward pass records nodes, and after the reverse sweep the leaves'
// adjoints are added into the gradient buffers.
//
// A dense layer records one fused node per output unit: z_j = Σᵢ Wⱼᵢ xᵢ + bⱼ
// with ∂z_j/∂Wⱼᵢ = xᵢ, ∂z_j/∂xᵢ = Wⱼᵢ, ∂z_j/∂bⱼ = 1. On data inputs (the
// first layer) the xᵢ are constants and only the edges to Wⱼ· and bⱼ are
// recorded.

import { DiffError } from '../expr/errors.ts';
import { assertNever } from '../expr/expr.ts';
import { opDef } from '../ops/index.ts';
import type { Tape } from '../reverse/tape.ts';
import { type Activation, activationOp, activationText, parseActivation } from './activations.ts';
import { fillInit, type Init, parseInit } from './init.ts';
import { type FusedStage, fusedForward } from './fused.ts';
import { Param } from './param.ts';
import { validateModelJson } from './model-json.ts';
import { Rng, toRng } from './rng.ts';

/** A layer, as saved to JSON. */
export type LayerSpec =
  | { readonly type: 'dense'; readonly in: number; readonly out: number; readonly W: readonly number[]; readonly b: readonly number[] }
  | { readonly type: 'maxout'; readonly in: number; readonly out: number; readonly k: number; readonly W: readonly number[]; readonly b: readonly number[] }
  | { readonly type: 'activation'; readonly activation: string }
  | { readonly type: 'dropout'; readonly p: number };

/** A saved model: `JSON.stringify(saveModel(net))`, and back with `loadModel`. */
export interface ModelJson {
  readonly format: 'difflab.nn';
  readonly version: 1;
  readonly layers: readonly LayerSpec[];
}

export abstract class Module {
  /** Training mode: dropout active. `eval()` switches it off (inference). */
  training = true;
  abstract readonly type: LayerSpec['type'] | 'sequential';

  /** The trainable parameters, in a fixed order. */
  parameters(): Param[] {
    return [];
  }

  /** Parameters with dotted names (`0.W`, `0.b`, …), like a PyTorch state dict. */
  namedParameters(prefix = ''): [string, Param][] {
    return this.parameters().map((p) => [prefix + p.name, p]);
  }

  train(mode = true): this {
    this.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  zeroGrad(): void {
    for (const p of this.parameters()) p.zeroGrad();
  }

  /** Records one tape leaf per parameter value (call after `tape.reset()`, before `forward`). */
  bind(t: Tape): void {
    for (const p of this.parameters()) {
      p.leafBase = t.length;
      const d = p.data;
      for (let i = 0; i < d.length; i++) t.leaf(d[i]!);
    }
  }

  /** Adds the adjoints of the bound leaves (after `tape.backward`) into each parameter's gradient. */
  collectGrad(t: Tape): void {
    for (const p of this.parameters()) {
      const g = p.grad;
      const base = p.leafBase;
      if (base < 0) throw new DiffError(`parameter ${p.name} is not bound to the tape: call bind(tape) before forward`);
      for (let i = 0; i < g.length; i++) g[i] = g[i]! + t.grad(base + i);
    }
  }

  /**
   * One gradient evaluation: resets the tape, binds the parameters, records
   * `build()` (which returns the loss node), runs the reverse sweep and adds
   * ∂loss/∂θ into every `param.grad` (gradients accumulate until `zeroGrad`).
   * Returns the loss value.
   */
  lossAndGrad(t: Tape, build: () => number): number {
    t.reset();
    this.bind(t);
    const loss = build();
    t.backward(loss);
    this.collectGrad(t);
    return t.value(loss);
  }

  /** Records the layer on tape nodes. */
  abstract forward(t: Tape, x: readonly number[]): number[];

  /** Records the layer on constant inputs (data): no leaves, no edges to the inputs. */
  forwardData(t: Tape, x: ArrayLike<number>): number[] {
    const nodes: number[] = [];
    for (let i = 0; i < x.length; i++) nodes.push(t.leaf(x[i]!));
    return this.forward(t, nodes);
  }

  /** Inference on plain numbers, without a tape (dropout off). */
  abstract predict(x: ArrayLike<number>): Float64Array;

  /** Number of outputs for `n` inputs. */
  abstract outSize(n: number): number;

  abstract toSpec(): LayerSpec | readonly LayerSpec[];

  protected checkBound(p: Param, t: Tape): void {
    if (p.leafBase < 0 || p.leafBase + p.size > t.length) {
      throw new DiffError(`parameter ${p.name} is not bound to this tape recording: call bind(tape) after tape.reset()`);
    }
  }
}

/** A fully connected layer z = Wx + b, W of shape [out, in] (rows are units). */
export class Dense extends Module {
  readonly type = 'dense' as const;
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly W: Param;
  readonly b: Param;
  private rowsFor = -1; // W.leafBase the cached index rows were built for
  private rows: number[][] = []; // rows[j] = leaves of Wⱼ·
  private rowsBias: number[][] = []; // rows[j] followed by the leaf of bⱼ
  private readonly dataPartials: Float64Array;
  private readonly nzScratch: Int32Array;

  constructor(inFeatures: number, outFeatures: number, opts: { init?: Init | string; rng?: Rng | number; W?: Float64Array; b?: Float64Array } = {}) {
    super();
    checkSize(inFeatures, 'input size');
    checkSize(outFeatures, 'output size');
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.W = new Param('W', [outFeatures, inFeatures], opts.W);
    this.b = new Param('b', [outFeatures], opts.b);
    if (opts.W === undefined) {
      const init = typeof opts.init === 'string' ? parseInit(opts.init) : (opts.init ?? { kind: 'xavier' });
      fillInit(this.W.data, init, inFeatures, outFeatures, toRng(opts.rng));
    }
    this.dataPartials = new Float64Array(inFeatures + 1);
    this.nzScratch = new Int32Array(inFeatures);
  }

  override parameters(): Param[] {
    return [this.W, this.b];
  }

  private indexRows(): void {
    const base = this.W.leafBase;
    if (base === this.rowsFor) return;
    const n = this.inFeatures;
    const bBase = this.b.leafBase;
    this.rows = [];
    this.rowsBias = [];
    for (let j = 0; j < this.outFeatures; j++) {
      const r: number[] = [];
      for (let i = 0; i < n; i++) r.push(base + j * n + i);
      this.rows.push(r);
      this.rowsBias.push([...r, bBase + j]);
    }
    this.rowsFor = base;
  }

  forward(t: Tape, x: readonly number[]): number[] {
    if (x.length !== this.inFeatures) throw new DiffError(`dense layer expects ${this.inFeatures} inputs, got ${x.length}`);
    this.checkBound(this.W, t);
    this.indexRows();
    const bBase = this.b.leafBase;
    const out: number[] = [];
    for (let j = 0; j < this.outFeatures; j++) out.push(t.dot(this.rows[j]!, x, bBase + j));
    return out;
  }

  override forwardData(t: Tape, x: ArrayLike<number>): number[] {
    const n = this.inFeatures;
    if (x.length !== n) throw new DiffError(`dense layer expects ${n} inputs, got ${x.length}`);
    this.checkBound(this.W, t);
    this.indexRows();
    const W = this.W.data;
    const b = this.b.data;
    const out: number[] = [];
    // Count the nonzero inputs: an input xᵢ = 0 puts the partial ∂z_j/∂Wⱼᵢ = 0
    // on its edge, which adds nothing in the reverse sweep, so it is left out.
    let nz = 0;
    for (let i = 0; i < n; i++) if (x[i] !== 0) nz++;
    if (nz === n) {
      // dense input: ∂z_j/∂Wⱼᵢ = xᵢ, ∂z_j/∂bⱼ = 1 on the cached index rows
      const d = this.dataPartials;
      for (let i = 0; i < n; i++) d[i] = x[i]!;
      d[n] = 1;
      for (let j = 0; j < this.outFeatures; j++) {
        let s = b[j]!;
        const o = j * n;
        for (let i = 0; i < n; i++) s += W[o + i]! * d[i]!;
        out.push(t.custom(this.rowsBias[j]!, s, d));
      }
      return out;
    }
    const cols = new Int32Array(nz);
    const d = new Float64Array(nz + 1);
    for (let i = 0, q = 0; i < n; i++) {
      if (x[i] !== 0) {
        cols[q] = i;
        d[q++] = x[i]!;
      }
    }
    d[nz] = 1;
    const args: number[] = [];
    for (let q = 0; q <= nz; q++) args.push(0);
    const base = this.W.leafBase;
    const bBase = this.b.leafBase;
    for (let j = 0; j < this.outFeatures; j++) {
      let s = b[j]!;
      const o = j * n;
      for (let q = 0; q < nz; q++) {
        const i = cols[q]!;
        s += W[o + i]! * d[q]!;
        args[q] = base + o + i;
      }
      args[nz] = bBase + j;
      out.push(t.custom(args, s, d));
    }
    return out;
  }

  predict(x: ArrayLike<number>): Float64Array {
    const n = this.inFeatures;
    if (x.length !== n) throw new DiffError(`dense layer expects ${n} inputs, got ${x.length}`);
    const W = this.W.data;
    const b = this.b.data;
    const out = new Float64Array(this.outFeatures);
    // only the nonzero inputs contribute (sparse images, inactive ReLUs)
    const nz = this.nzScratch;
    let k = 0;
    for (let i = 0; i < n; i++) if (x[i] !== 0) nz[k++] = i;
    for (let j = 0; j < this.outFeatures; j++) {
      let s = b[j]!;
      const o = j * n;
      for (let q = 0; q < k; q++) {
        const i = nz[q]!;
        s += W[o + i]! * x[i]!;
      }
      out[j] = s;
    }
    return out;
  }

  outSize(n: number): number {
    if (n !== this.inFeatures) throw new DiffError(`dense layer expects ${this.inFeatures} inputs, got ${n}`);
    return this.outFeatures;
  }

  toSpec(): LayerSpec {
    return { type: 'dense', in: this.inFeatures, out: this.outFeatures, W: Array.from(this.W.data), b: Array.from(this.b.data) };
  }
}

/**
 * Maxout (Goodfellow et al.): k affine pieces per unit, out_j = maxₚ (Wⱼₚ·x + bⱼₚ);
 * the gradient flows through the piece that attains the maximum.
 */
export class Maxout extends Module {
  readonly type = 'maxout' as const;
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly k: number;
  private readonly inner: Dense;

  constructor(inFeatures: number, outFeatures: number, k: number, opts: { init?: Init | string; rng?: Rng | number; W?: Float64Array; b?: Float64Array } = {}) {
    super();
    checkSize(k, 'number of maxout pieces');
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.k = k;
    // piece p of unit j is row j·k + p
    this.inner = new Dense(inFeatures, outFeatures * k, opts);
  }

  override parameters(): Param[] {
    return this.inner.parameters();
  }

  private pool(t: Tape, z: readonly number[]): number[] {
    const out: number[] = [];
    const args = new Array<number>(this.k).fill(0);
    const d = new Float64Array(this.k);
    for (let j = 0; j < this.outFeatures; j++) {
      let best = 0;
      for (let p = 0; p < this.k; p++) {
        args[p] = z[j * this.k + p]!;
        if (t.value(args[p]!) > t.value(args[best]!)) best = p;
      }
      d.fill(0);
      d[best] = 1; // ∂ max/∂ piece = 1 for the maximal piece
      out.push(t.custom(args, t.value(args[best]!), d));
    }
    return out;
  }

  forward(t: Tape, x: readonly number[]): number[] {
    return this.pool(t, this.inner.forward(t, x));
  }

  override forwardData(t: Tape, x: ArrayLike<number>): number[] {
    return this.pool(t, this.inner.forwardData(t, x));
  }

  predict(x: ArrayLike<number>): Float64Array {
    const z = this.inner.predict(x);
    const out = new Float64Array(this.outFeatures);
    for (let j = 0; j < this.outFeatures; j++) {
      let m = -Infinity;
      for (let p = 0; p < this.k; p++) m = Math.max(m, z[j * this.k + p]!);
      out[j] = m;
    }
    return out;
  }

  outSize(n: number): number {
    this.inner.outSize(n);
    return this.outFeatures;
  }

  toSpec(): LayerSpec {
    const s = this.inner.toSpec() as Extract<LayerSpec, { type: 'dense' }>;
    return { type: 'maxout', in: this.inFeatures, out: this.outFeatures, k: this.k, W: s.W, b: s.b };
  }
}

/** An elementwise activation, recorded as the registry op. */
export class ActivationLayer extends Module {
  readonly type = 'activation' as const;
  readonly activation: Activation;
  private readonly op: ReturnType<typeof activationOp>;
  private readonly args: number[];
  private readonly d = [0, 0];

  constructor(activation: Activation | string) {
    super();
    this.activation = typeof activation === 'string' ? parseActivation(activation) : activation;
    this.op = activationOp(this.activation);
    this.args = this.activation.param === undefined ? [0] : [0, this.activation.param];
  }

  forward(t: Tape, x: readonly number[]): number[] {
    const op = this.op;
    if (op === undefined) return x.slice();
    const out: number[] = [];
    if (this.activation.param === undefined) {
      const one = [0];
      for (let i = 0; i < x.length; i++) {
        one[0] = x[i]!;
        out.push(t.apply(op, one));
      }
      return out;
    }
    // a parametric activation with its parameter fixed: one edge, to x
    const def = opDef(op);
    const a = this.args;
    const d = this.d;
    const one = [0];
    const p = [0];
    for (let i = 0; i < x.length; i++) {
      a[0] = t.value(x[i]!);
      const y = def.eval(a);
      def.partials(a, y, d);
      one[0] = x[i]!;
      p[0] = d[0]!;
      out.push(t.custom(one, y, p));
    }
    return out;
  }

  predict(x: ArrayLike<number>): Float64Array {
    const op = this.op;
    const out = Float64Array.from(x as ArrayLike<number>);
    if (op === undefined) return out;
    const def = opDef(op);
    const a = this.args;
    for (let i = 0; i < out.length; i++) {
      a[0] = out[i]!;
      out[i] = def.eval(a);
    }
    return out;
  }

  outSize(n: number): number {
    return n;
  }

  toSpec(): LayerSpec {
    return { type: 'activation', activation: activationText(this.activation) };
  }
}

/**
 * Inverted dropout (seed 003): in training each unit is kept with
 * probability p and scaled by 1/p, so inference needs no rescaling; in
 * `eval()` mode it is the identity.
 */
export class Dropout extends Module {
  readonly type = 'dropout' as const;
  /** Keep probability. */
  readonly p: number;
  rng: Rng;

  constructor(p: number, rng?: Rng | number) {
    super();
    if (!(p > 0 && p <= 1)) throw new DiffError(`dropout keep probability must be in (0, 1], got ${p}`);
    this.p = p;
    this.rng = toRng(rng, 0x5eed);
  }

  forward(t: Tape, x: readonly number[]): number[] {
    if (!this.training || this.p === 1) return x.slice();
    const out: number[] = [];
    const one = [0];
    const d = [0];
    const scale = 1 / this.p;
    for (let i = 0; i < x.length; i++) {
      const m = this.rng.next() < this.p ? scale : 0; // mask: 1/p with probability p, else 0
      one[0] = x[i]!;
      d[0] = m;
      out.push(t.custom(one, m * t.value(x[i]!), d));
    }
    return out;
  }

  predict(x: ArrayLike<number>): Float64Array {
    return Float64Array.from(x as ArrayLike<number>);
  }

  outSize(n: number): number {
    return n;
  }

  toSpec(): LayerSpec {
    return { type: 'dropout', p: this.p };
  }
}

/** Layers applied in order. */
export class Sequential extends Module {
  readonly type = 'sequential' as const;
  readonly layers: readonly Module[];
  /**
   * Record each dense layer and the activation after it as one fused node
   * per unit, leaving out edges whose partial is exactly zero (see fused.ts).
   * False: every layer records on its own (one dot node per unit, one node
   * per activation). Both give the same gradient.
   */
  fused = true;
  private readonly stages: FusedStage[] | undefined;
  private readonly params: Param[];

  constructor(layers: readonly Module[]) {
    super();
    if (layers.length === 0) throw new DiffError('a network needs at least one layer');
    this.layers = layers.slice();
    this.stages = fusedStages(this.layers);
    this.params = this.layers.flatMap((l) => l.parameters());
  }

  override parameters(): Param[] {
    return this.params.slice();
  }

  override bind(t: Tape): void {
    for (const p of this.params) {
      p.leafBase = t.length;
      const d = p.data;
      for (let i = 0; i < d.length; i++) t.leaf(d[i]!);
    }
  }

  override collectGrad(t: Tape): void {
    for (const p of this.params) {
      const g = p.grad;
      const base = p.leafBase;
      if (base < 0) throw new DiffError(`parameter ${p.name} is not bound to the tape: call bind(tape) before forward`);
      for (let i = 0; i < g.length; i++) g[i] = g[i]! + t.grad(base + i);
    }
  }

  override zeroGrad(): void {
    for (const p of this.params) p.grad.fill(0);
  }

  override namedParameters(prefix = ''): [string, Param][] {
    return this.layers.flatMap((l, i) => l.namedParameters(`${prefix}${i}.`));
  }

  override train(mode = true): this {
    this.training = mode;
    for (const l of this.layers) l.train(mode);
    return this;
  }

  forward(t: Tape, x: readonly number[]): number[] {
    if (this.fused && this.stages !== undefined) {
      const v = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) v[i] = t.value(x[i]!);
      return fusedForward(t, this.stages, v, x);
    }
    let h = x;
    for (const l of this.layers) h = l.forward(t, h);
    return h as number[];
  }

  override forwardData(t: Tape, x: ArrayLike<number>): number[] {
    if (this.fused && this.stages !== undefined) return fusedForward(t, this.stages, x);
    let h = this.layers[0]!.forwardData(t, x);
    for (let i = 1; i < this.layers.length; i++) h = this.layers[i]!.forward(t, h);
    return h;
  }

  predict(x: ArrayLike<number>): Float64Array {
    let h: ArrayLike<number> = x;
    for (const l of this.layers) h = l.predict(h);
    return h as Float64Array;
  }

  outSize(n: number): number {
    let m = n;
    for (const l of this.layers) m = l.outSize(m);
    return m;
  }

  toSpec(): LayerSpec[] {
    return this.layers.flatMap((l) => l.toSpec());
  }

  /** The parameter values by dotted name, as plain arrays (like a state dict). */
  stateDict(): Record<string, number[]> {
    return Object.fromEntries(this.namedParameters().map(([n, p]) => [n, Array.from(p.data)]));
  }

  /** Loads values saved by `stateDict` into this network (names and sizes must match). */
  loadStateDict(state: Readonly<Record<string, readonly number[]>>): this {
    const named = this.namedParameters();
    for (const [n, p] of named) {
      const v = state[n];
      if (v === undefined) throw new DiffError(`state dict has no ${n}`);
      if (v.length !== p.size) throw new DiffError(`state dict: ${n} has ${v.length} values, the network needs ${p.size}`);
      p.data.set(v);
    }
    const extra = Object.keys(state).filter((k) => !named.some(([n]) => n === k));
    if (extra.length > 0) throw new DiffError(`state dict has parameters the network does not: ${extra.join(', ')}`);
    return this;
  }
}

/** Dense layers each followed by at most one activation, or undefined if the network has other layers. */
function fusedStages(layers: readonly Module[]): FusedStage[] | undefined {
  const stages: FusedStage[] = [];
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i];
    if (!(l instanceof Dense)) return undefined;
    const next = layers[i + 1];
    if (next instanceof ActivationLayer) {
      stages.push({ dense: l, activation: next.activation });
      i++;
    } else stages.push({ dense: l, activation: undefined });
  }
  return stages;
}

export interface MlpOptions {
  /** Hidden activation (default relu). `maxout:k` makes every hidden layer a maxout layer with k pieces. */
  readonly activation?: Activation | string;
  /** Output activation (default linear: the losses take logits). */
  readonly output?: Activation | string;
  /** Weight initialization (default He for the ReLU family, Xavier otherwise). */
  readonly init?: Init | string;
  /** Keep probability of inverted dropout after each hidden activation (default: no dropout). */
  readonly dropout?: number;
  readonly rng?: Rng | number;
}

/** A multilayer perceptron: sizes = [inputs, hidden…, outputs]. */
export function mlp(sizes: readonly number[], opts: MlpOptions = {}): Sequential {
  if (sizes.length < 2) throw new DiffError(`an MLP needs at least an input and an output size, got [${sizes.join(', ')}]`);
  const rng = toRng(opts.rng);
  const actText = typeof opts.activation === 'string' ? opts.activation.trim() : undefined;
  const maxoutK = actText !== undefined && /^maxout(:\d+)?$/i.test(actText) ? Number(actText.split(':')[1] ?? 2) : 0;
  const act = maxoutK > 0 ? undefined : typeof opts.activation === 'object' ? opts.activation : parseActivation(opts.activation ?? 'relu');
  const out = typeof opts.output === 'string' ? parseActivation(opts.output) : (opts.output ?? { name: 'linear' as const });
  const reluLike = maxoutK > 0 || act?.name === 'relu' || act?.name === 'leaky-relu' || act?.name === 'elu';
  const init = typeof opts.init === 'string' ? parseInit(opts.init) : (opts.init ?? (reluLike ? { kind: 'he' as const } : { kind: 'xavier' as const }));
  const layers: Module[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const last = l + 2 === sizes.length;
    const [a, b] = [sizes[l]!, sizes[l + 1]!];
    if (!last && maxoutK > 0) layers.push(new Maxout(a, b, maxoutK, { init, rng }));
    else layers.push(new Dense(a, b, { init, rng }));
    if (!last) {
      if (act !== undefined && act.name !== 'linear') layers.push(new ActivationLayer(act));
      if (opts.dropout !== undefined && opts.dropout < 1) layers.push(new Dropout(opts.dropout, rng.fork()));
    } else if (out.name !== 'linear') layers.push(new ActivationLayer(out));
  }
  return new Sequential(layers);
}

/** The network as JSON-able data (architecture and values). */
export function saveModel(net: Module): ModelJson {
  const spec = net.toSpec();
  return { format: 'difflab.nn', version: 1, layers: Array.isArray(spec) ? spec : [spec as LayerSpec] };
}

/** Rebuilds a network saved by `saveModel` (an object or its JSON text). */
export function loadModel(json: ModelJson | string): Sequential {
  let m: unknown;
  try {
    m = typeof json === 'string' ? JSON.parse(json) : json;
  } catch (e) {
    throw new DiffError(`not a saved model: ${(e as Error).message}`);
  }
  // The whole file is checked first: a bad field is named here, not found at the first forward pass.
  const o = validateModelJson(m);
  const layers = (o.layers as readonly LayerSpec[]).map((s, i): Module => {
    const where = `layer ${i}`;
    switch (s.type) {
      case 'dense':
        return new Dense(s.in, s.out, { W: numbers(s.W, s.in * s.out, `${where} W`), b: numbers(s.b, s.out, `${where} b`) });
      case 'maxout':
        return new Maxout(s.in, s.out, s.k, { W: numbers(s.W, s.in * s.out * s.k, `${where} W`), b: numbers(s.b, s.out * s.k, `${where} b`) });
      case 'activation':
        return new ActivationLayer(s.activation);
      case 'dropout':
        return new Dropout(s.p);
      default:
        assertNever(s);
    }
  });
  return new Sequential(layers);
}

function numbers(v: unknown, n: number, what: string): Float64Array {
  if (!Array.isArray(v) || v.length !== n || !v.every((x) => typeof x === 'number')) {
    throw new DiffError(`saved model: ${what} must be ${n} numbers`);
  }
  return Float64Array.from(v as number[]);
}

function checkSize(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) throw new DiffError(`${what} must be a positive integer, got ${n}`);
}

/** The description of a network: `2 → dense 16 → relu → dense 1`. */
export function describe(net: Sequential, inputs: number): string {
  const parts = [String(inputs)];
  for (const l of net.layers) {
    const s = l.toSpec() as LayerSpec;
    if (s.type === 'dense') parts.push(`dense ${s.out}`);
    else if (s.type === 'maxout') parts.push(`maxout ${s.out}×${s.k}`);
    else if (s.type === 'activation') parts.push(s.activation);
    else parts.push(`dropout p=${s.p}`);
  }
  return parts.join(' → ');
}

