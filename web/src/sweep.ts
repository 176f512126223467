// The sweeps of a trace as frames to step through: the forward (primal)
// sweep one node at a time, then the reverse sweep one edge at a time (or,
// in forward mode, the tangents beside the primal values). The trace, the
// graph and every number come from the library; a frame only says what is
// revealed so far and which graph elements to highlight.

import { formatTraceValue as fmt, graph, trace, type Expr, type Graph, type Trace } from 'difflab';
import { errorMessage } from './compute.ts';

export interface SweepFrame {
  readonly label: string;
  /** Graphviz titles of the highlighted nodes and edges (n3, n1->n3). */
  readonly current: readonly string[];
  readonly done: readonly string[];
  readonly rows: {
    /** Trace label → shown value. */
    readonly values: Readonly<Record<string, string>>;
    /** Trace label → shown tangent or adjoint. */
    readonly second: Readonly<Record<string, string>>;
    readonly current?: string;
  };
  /** The computation of this frame, written out. */
  readonly equation?: string;
  /** Reverse mode: input name → adjoint so far (the gradient on the last frame). */
  readonly gradient: Readonly<Record<string, string>>;
  /** Forward mode, last frame: the derivative. */
  readonly result?: string;
}

export interface Sweep {
  readonly mode: 'forward' | 'reverse';
  readonly trace: Trace;
  readonly graph: Graph;
  readonly inputs: Trace['inputs'];
  readonly output: string;
  readonly rows: readonly { readonly v: string; readonly text: string }[];
  readonly frames: readonly SweepFrame[];
  readonly paths?: {
    readonly input: string;
    readonly totalText: string;
    readonly rows: readonly { readonly via: string; readonly factors: string; readonly product: string }[];
    readonly truncated: boolean;
  };
}

/** v̄₁ or v̇₁ → v₁ (a combining macron or dot after the v). */
const plain = (label: string): string => label.replace(/^v[\u0304\u0307]/, 'v');

export function buildSweep(e: Expr, at: Readonly<Record<string, number>>, mode: 'forward' | 'reverse', wrt: string): { ok: true; sweep: Sweep } | { ok: false; message: string } {
  try {
    const opts = wrt !== '' ? { mode, wrt } : { mode };
    const t = trace(e, at, opts);
    const g = graph(e, at);
    return { ok: true, sweep: framesOf(t, g) };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

export function framesOf(t: Trace, g: Graph): Sweep {
  const idOf = new Map<string, string>();
  for (const n of g.nodes) if (n.kind !== 'constant') idOf.set(n.label, n.id);
  const nodeId = (label: string): string => idOf.get(label) ?? '';
  const frames: SweepFrame[] = [];
  const values: Record<string, string> = {};
  const second: Record<string, string> = {};
  const gradient: Record<string, string> = {};
  const done: string[] = [];
  const push = (f: Omit<SweepFrame, 'rows' | 'done' | 'gradient'> & { row?: string }): void => {
    frames.push({ ...f, done: [...done], rows: { values: { ...values }, second: { ...second }, ...(f.row !== undefined ? { current: f.row } : {}) }, gradient: { ...gradient } });
  };
  // frame 0: the inputs
  for (const x of t.inputs) values[x.v] = fmt(x.value);
  if (t.mode === 'forward') for (const x of t.tangents!.inputs) second[plain(x.v)] = fmt(x.value);
  push({ label: 'inputs', current: t.inputs.map((x) => nodeId(x.v)) });
  for (const x of t.inputs) done.push(nodeId(x.v));
  // the forward sweep
  t.steps.forEach((s, k) => {
    values[s.v] = fmt(s.value);
    let equation = `${s.v} = ${s.text} = ${fmt(s.value)}`;
    if (t.mode === 'forward') {
      const ts = t.tangents!.steps[k]!;
      second[s.v] = fmt(ts.value);
      const terms = ts.terms.map((term) => `${fmt(term.partial)} × ${term.of}`).join(' + ');
      equation += `;  ${ts.v} = ${terms || '0'} = ${fmt(ts.value)}`;
    }
    const edges = g.edges.filter((ed) => ed.to === nodeId(s.v)).map((ed) => `${ed.from}->${ed.to}`);
    push({ label: `forward sweep: ${s.v}`, current: [nodeId(s.v), ...edges], row: s.v, equation });
    done.push(nodeId(s.v), ...edges);
  });
  let result: string | undefined;
  if (t.mode === 'forward') {
    result = `∂f/∂${t.inputs.find((x) => x.name === t.wrt)?.label ?? t.wrt} = ${fmt(t.tangents!.derivative)}`;
    frames[frames.length - 1] = { ...frames[frames.length - 1]!, result };
  } else {
    // the reverse sweep: seed the output's adjoint, then one edge at a time
    done.length = 0;
    second[t.output] = '1';
    push({ label: `reverse sweep: seed ${t.output.replace('v', 'v̄')} = 1`, current: [nodeId(t.output)], row: t.output, equation: `${t.output.replace('v', 'v̄')} = ∂f/∂${t.output} = 1` });
    done.push(nodeId(t.output));
    for (const a of t.adjoints!.steps) {
      const target = plain(a.target);
      const from = plain(a.from);
      second[target] = fmt(a.value);
      const input = t.inputs.find((x) => x.v === target);
      if (input) gradient[input.name] = fmt(a.value);
      const edge = `${nodeId(target)}->${nodeId(from)}`;
      const before = a.before === null ? '' : `${fmt(a.before)} + `;
      push({
        label: `reverse sweep: ${a.target}`,
        current: [nodeId(target), edge],
        row: target,
        equation: `${a.target} = ${a.before === null ? '' : `${a.target} + `}${a.from} × ∂${from}/∂${target} = ${before}${fmt(a.fromValue)} × ${fmt(a.partial)} = ${fmt(a.value)}`,
      });
      done.push(nodeId(target), edge);
    }
    // the last frame states the gradient in full (inputs that f does not depend on have 0)
    for (const x of t.inputs) gradient[x.name] = fmt(t.adjoints!.gradient[x.name] ?? 0);
    frames[frames.length - 1] = { ...frames[frames.length - 1]!, gradient: { ...gradient }, label: `${frames[frames.length - 1]!.label} — done` };
  }
  const rows = [...t.inputs.map((x) => ({ v: x.v, text: x.label })), ...t.steps.map((s) => ({ v: s.v, text: s.text }))];
  const pathEntry = t.paths ? Object.entries(t.paths)[0] : undefined;
  const paths = pathEntry
    ? {
        input: t.inputs.find((x) => x.name === pathEntry[0])?.label ?? pathEntry[0],
        totalText: fmt(pathEntry[1].total),
        rows: pathEntry[1].paths.map((p) => ({ via: p.via.join(' ← '), factors: p.partials.map(fmt).join(' × '), product: fmt(p.product) })),
        truncated: pathEntry[1].truncated,
      }
    : undefined;
  return { mode: t.mode, trace: t, graph: g, inputs: t.inputs, output: t.output, rows, frames, ...(paths ? { paths } : {}) };
}
