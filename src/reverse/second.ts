// Forward-over-reverse: Hessian-vector products on a recorded tape.
//
// Push a tangent ẋ = v through the tape (forward mode), and with it the
// tangent of every edge partial, ẇ = d/dε ∂y/∂xⱼ(x + εẋ) = Σₗ ∂²y/∂xⱼ∂xₗ ẋₗ.
// Then run the reverse sweep on dual numbers (v̄, v̄̇):
//
//     v̄_src  += w · v̄ᵢ
//     v̄̇_src  += ẇ · v̄ᵢ + w · v̄̇ᵢ
//
// so v̄ = ∇f and v̄̇ = ∇²f · v at the leaves. The registry gives first
// partials numerically; the tangent of a partial comes from the registry's
// symbolic partial ∂y/∂xⱼ (an expression in placeholder arguments), pushed
// forward with the numeric partials of the ops it uses. Tangents that are
// exactly zero contribute nothing (so x² at x < 0 does not pick up the NaN
// of ln x through the constant exponent).

import { DiffError } from '../expr/errors.ts';
import { partialProgram } from '../expr/partials.ts';
import { opDef, type OpName } from '../ops/index.ts';
import type { Tape } from './tape.ts';

/**
 * The tangents ẇⱼ of the partials ∂y/∂xⱼ of op at x, along ẋ: one forward
 * (dual-number) pass over the op's symbolic partials.
 */
export function partialTangents(op: OpName, x: readonly number[], xdot: readonly number[]): number[] {
  const p = partialProgram(op, x.length);
  const val = new Array<number>(p.steps.length);
  const tan = new Array<number>(p.steps.length);
  const d: number[] = [];
  for (let s = 0; s < p.steps.length; s++) {
    const st = p.steps[s]!;
    if (st.kind === 'arg') {
      val[s] = x[st.j]!;
      tan[s] = xdot[st.j]!;
    } else if (st.kind === 'num') {
      val[s] = st.value;
      tan[s] = 0;
    } else {
      // 'self' is the op itself applied to the arguments x, with tangents ẋ.
      const self = st.kind === 'self';
      const def = opDef(self ? op : st.op);
      const a = self ? x.slice() : st.args.map((i) => val[i]!);
      const y = def.eval(a);
      d.length = a.length;
      def.partials(a, y, d);
      let t = 0;
      for (let j = 0; j < a.length; j++) {
        const tj = self ? xdot[j]! : tan[st.args[j]!]!;
        if (tj !== 0) t += d[j]! * tj; // ẏ = Σ ∂y/∂aⱼ · ȧⱼ
      }
      val[s] = y;
      tan[s] = t;
    }
  }
  return p.outputs.map((o) => tan[o]!);
}

export interface SecondOrderSweep {
  /** Adjoints v̄ (the gradient at the leaves). */
  readonly adjoint: Float64Array;
  /** Adjoint tangents v̄̇ (the Hessian-vector product at the leaves). */
  readonly adjointTangent: Float64Array;
  /** Forward tangents ẋ of every node (the directional derivative at the output). */
  readonly tangent: Float64Array;
}

/**
 * Forward-over-reverse on a recorded tape. `leafTangent[i]` is the direction
 * at leaf i (entries of other nodes are ignored). Returns ∇f and ∇²f·v at
 * every leaf.
 */
export function hessianVectorSweep(tape: Tape, output: number, leafTangent: ArrayLike<number>): SecondOrderSweep {
  const n = tape.length;
  if (!(Number.isInteger(output) && output >= 0 && output < n)) throw new DiffError(`no tape node ${output}`);
  if (leafTangent.length < n) throw new DiffError(`the direction has ${leafTangent.length} entries but the tape has ${n} nodes`);
  const tan = new Float64Array(n);
  const edgeW: number[][] = new Array<number[]>(n);
  const edgeWdot: number[][] = new Array<number[]>(n);
  const edgeSrc: number[][] = new Array<number[]>(n);
  for (let i = 0; i <= output; i++) {
    const kind = tape.kind(i);
    if (kind === 'leaf') {
      tan[i] = leafTangent[i]!;
      continue;
    }
    const args = tape.args(i);
    const w = tape.partials(i);
    let t = 0;
    for (let j = 0; j < args.length; j++) {
      const tj = tan[args[j]!]!;
      if (tj !== 0) t += w[j]! * tj;
    }
    tan[i] = t;
    edgeSrc[i] = args;
    edgeW[i] = w;
    if (kind === 'op') {
      edgeWdot[i] = partialTangents(tape.op(i)!, args.map((a) => tape.value(a)), args.map((a) => tan[a]!));
    } else if (kind === 'dot') {
      // y = Σ wₖxₖ + b: ∂y/∂wₖ = xₖ has tangent ẋₖ, ∂y/∂xₖ = wₖ has tangent ẇₖ
      const h = args.length >> 1;
      const wd = new Array<number>(args.length).fill(0);
      for (let k = 0; k < h; k++) {
        wd[k] = tan[args[h + k]!]!;
        wd[h + k] = tan[args[k]!]!;
      }
      edgeWdot[i] = wd;
    } else {
      throw new DiffError(`node ${i} is a custom node: its second derivatives are unknown, so Hessian-vector products cannot pass through it`);
    }
  }
  const adj = new Float64Array(n);
  const adjDot = new Float64Array(n);
  // first-order adjoints as in Tape.backward: a node with no path to the
  // output passes nothing back; one on a path passes even an adjoint of 0
  const reach = new Uint8Array(n);
  adj[output] = 1;
  reach[output] = 1;
  for (let i = output; i >= 0; i--) {
    const src = edgeSrc[i];
    if (src === undefined || reach[i] === 0) continue;
    const a = adj[i]!;
    const ad = adjDot[i]!;
    const w = edgeW[i]!;
    const wd = edgeWdot[i]!;
    for (let j = 0; j < src.length; j++) {
      const s = src[j]!;
      reach[s] = 1;
      adj[s] += w[j]! * a;
      // v̄̇_s += ẇ v̄ + w v̄̇, dropping exact zeros
      let inc = 0;
      if (a !== 0 && wd[j] !== 0) inc += wd[j]! * a;
      if (ad !== 0) inc += w[j]! * ad;
      adjDot[s] += inc;
    }
  }
  return { adjoint: adj, adjointTangent: adjDot, tangent: tan };
}
