// The fast path of a multilayer perceptron on the tape: each dense unit and
// its activation are recorded as ONE node y_j = f(z_j), z_j = Σᵢ Wⱼᵢ xᵢ + bⱼ,
// with the local partials of the chain rule already multiplied out:
//   ∂y_j/∂Wⱼᵢ = f′(z_j)·xᵢ,   ∂y_j/∂xᵢ = f′(z_j)·Wⱼᵢ,   ∂y_j/∂bⱼ = f′(z_j).
// Edges whose partial is exactly zero carry nothing in the reverse sweep
// (v̄_src += 0·v̄), so they are not recorded:
//   • a unit with f′(z_j) = 0 (an inactive ReLU) becomes a constant leaf;
//   • an input xᵢ = 0 gets no edge to Wⱼᵢ;
//   • an input that is such a constant leaf gets no edge of its own.
// The gradient is exactly the same as with one node per operation.

import { DiffError } from '../expr/errors.ts';
import { opDef, type OpDef } from '../ops/index.ts';
import type { Tape } from '../reverse/tape.ts';
import { type Activation, activationOp } from './activations.ts';
import type { Dense } from './layers.ts';

export interface FusedStage {
  readonly dense: Dense;
  readonly activation: Activation | undefined;
}

/** 0: identity, 1: ReLU (inline), 2: any other registry op; with scratch buffers reused from call to call. */
interface Act {
  readonly kind: 'identity' | 'op';
  readonly def?: OpDef;
  readonly args: number[];
  readonly nzIdx: Int32Array;
  readonly liveIdx: Int32Array;
  readonly outVals: Float64Array;
  readonly outAlive: Uint8Array;
  readonly outNodes: number[];
}

function actOf(s: FusedStage): Act {
  const a = s.activation;
  const n = s.dense.inFeatures;
  const m = s.dense.outFeatures;
  const outNodes: number[] = [];
  for (let j = 0; j < m; j++) outNodes.push(0);
  const scratch = { nzIdx: new Int32Array(n), liveIdx: new Int32Array(n), outVals: new Float64Array(m), outAlive: new Uint8Array(m), outNodes };
  const op = a === undefined ? undefined : activationOp(a);
  if (op === undefined) return { kind: 'identity', args: [], ...scratch };
  return { kind: 'op', def: opDef(op), args: a!.param === undefined ? [0] : [0, a!.param], ...scratch };
}

const pool: { args: number[]; part: Float64Array }[] = [];
function buffers(k: number): { args: number[]; part: Float64Array } {
  let b = pool[k];
  if (b === undefined) {
    const args: number[] = [];
    for (let i = 0; i < k; i++) args.push(0);
    b = { args, part: new Float64Array(k) };
    pool[k] = b;
  }
  return b;
}

const dScratch = [0, 0];

/**
 * Records the stages on the tape. `xNodes` undefined: the inputs are data
 * (constants, no edges); otherwise every input node receives its adjoint.
 */
export function fusedForward(t: Tape, stages: readonly FusedStage[], xVals: ArrayLike<number>, xNodes?: readonly number[]): number[] {
  let vals: ArrayLike<number> = xVals;
  let nodes: readonly number[] | undefined = xNodes;
  let alive: Uint8Array | undefined; // with nodes: 1 where the input node passes adjoints on
  let out: number[] = [];
  for (let s = 0; s < stages.length; s++) {
    const { dense: d } = stages[s]!;
    const act = acts.get(stages[s]!) ?? cacheAct(stages[s]!);
    const n = d.inFeatures;
    const m = d.outFeatures;
    if (vals.length !== n) throw new DiffError(`dense layer expects ${n} inputs, got ${vals.length}`);
    const wBase = d.W.leafBase;
    const bBase = d.b.leafBase;
    if (wBase < 0 || wBase + d.W.size > t.length || bBase < 0 || bBase + d.b.size > t.length) {
      throw new DiffError('parameter W is not bound to this tape recording: call bind(tape) after tape.reset()');
    }
    const W = d.W.data;
    const b = d.b.data;
    // inputs with a nonzero value (edges to W) and inputs that pass adjoints on (edges to x)
    let nz = 0;
    let live = 0;
    for (let i = 0; i < n; i++) {
      if (vals[i] !== 0) nz++;
      if (nodes !== undefined && (alive === undefined || alive[i] === 1)) live++;
    }
    const { nzIdx, liveIdx, outVals, outAlive } = act;
    for (let i = 0, p = 0, q = 0; i < n; i++) {
      if (vals[i] !== 0) nzIdx[p++] = i;
      if (nodes !== undefined && (alive === undefined || alive[i] === 1)) liveIdx[q++] = i;
    }
    const k = nz + live + 1;
    const { args, part } = buffers(k);
    outAlive.fill(0);
    // the last stage returns a fresh array (the caller keeps it); the others reuse theirs
    out = s === stages.length - 1 ? [] : act.outNodes;
    const last = s === stages.length - 1;
    for (let j = 0; j < m; j++) {
      const o = j * n;
      let z = b[j]!;
      for (let p = 0; p < nz; p++) {
        const i = nzIdx[p]!;
        z += W[o + i]! * vals[i]!;
      }
      // y = f(z), dy = f′(z)
      let y: number;
      let dy: number;
      if (act.kind === 'identity') {
        y = z;
        dy = 1;
      } else {
        // value and local partial from the op registry
        act.args[0] = z;
        y = act.def!.eval(act.args);
        act.def!.partials(act.args, y, dScratch);
        dy = dScratch[0]!;
      }
      outVals[j] = y;
      if (dy === 0) {
        const leaf = t.leaf(y); // nothing flows back through this unit
        if (last) out.push(leaf);
        else out[j] = leaf;
        continue;
      }
      outAlive[j] = 1;
      let e = 0;
      for (let p = 0; p < nz; p++) {
        const i = nzIdx[p]!;
        args[e] = wBase + o + i;
        part[e++] = dy * vals[i]!;
      }
      for (let q = 0; q < live; q++) {
        const i = liveIdx[q]!;
        args[e] = nodes![i]!;
        part[e++] = dy * W[o + i]!;
      }
      args[e] = bBase + j;
      part[e] = dy;
      const node = t.custom(args, y, part);
      if (last) out.push(node);
      else out[j] = node;
    }
    vals = outVals;
    nodes = out;
    alive = outAlive;
  }
  return out;
}

const acts = new WeakMap<FusedStage, Act>();
function cacheAct(s: FusedStage): Act {
  const a = actOf(s);
  acts.set(s, a);
  return a;
}
