// The computational graph of an expression, with values on the nodes,
// adjoints beside them and local partials on the edges, as Graphviz DOT.
// SVG rendering uses Graphviz compiled to WebAssembly (@viz-js/viz), loaded
// only when a drawing is asked for.

import type { Point } from '../expr/eval.ts';
import type { Expr } from '../expr/expr.ts';
import { fmt, trace } from './trace.ts';

export interface GraphNode {
  /** DOT identifier (n0, n1, …): never user text. */
  readonly id: string;
  /** Trace label (v₋₁, v₁, …), or the constant's value. */
  readonly label: string;
  readonly kind: 'input' | 'constant' | 'op';
  /** The variable name (inputs) or the operation (ops). */
  readonly text: string;
  readonly value: number;
  /** ∂f/∂node (0 for constants). */
  readonly adjoint: number;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  /** ∂to/∂from. */
  readonly partial: number;
}

export interface Graph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly dot: string;
}

/** DOT string literal. */
function q(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** The graph of e at the point: one node per input, constant and operation. */
export function graph(e: Expr, point: Point, options: { maxSteps?: number } = {}): Graph {
  const t = trace(e, point, { mode: 'reverse', ...(options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {}) });
  const adj = new Map<string, number>([[t.output, 1]]);
  for (const s of t.adjoints!.steps) adj.set(s.target.replace('v̄', 'v'), s.value);
  const nodes: GraphNode[] = [];
  const id = new Map<string, string>();
  const add = (label: string, kind: GraphNode['kind'], text: string, value: number): string => {
    const n = `n${nodes.length}`;
    nodes.push({ id: n, label, kind, text, value, adjoint: kind === 'constant' ? 0 : adj.get(label) ?? 0 });
    id.set(kind === 'constant' ? `#${value}` : label, n);
    return n;
  };
  for (const x of t.inputs) add(x.v, 'input', x.label, x.value);
  const edges: GraphEdge[] = [];
  for (const s of t.steps) {
    const from = s.args.map((a) => (typeof a === 'string' ? id.get(a)! : (id.get(`#${a}`) ?? add(fmt(a), 'constant', fmt(a), a))));
    const to = add(s.v, 'op', s.text, s.value);
    from.forEach((f, j) => edges.push({ from: f, to, partial: s.partials[j]! }));
  }
  const lines = [
    'digraph difflab {',
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=10, color="#555555"];',
  ];
  for (const n of nodes) {
    if (n.kind === 'constant') {
      lines.push(`  ${n.id} [shape=plaintext, label=${q(n.label)}];`);
      continue;
    }
    const head = n.kind === 'input' ? `${n.label} = ${n.text}` : `${n.label} = ${n.text}`;
    const color = n.kind === 'input' ? '#dbeafe' : n.label === t.output ? '#fde68a' : '#f3f4f6';
    lines.push(`  ${n.id} [shape=box, style="rounded,filled", fillcolor="${color}", label=${q(`${head}\nvalue ${fmt(n.value)}\nadjoint ${fmt(n.adjoint)}`)}];`);
  }
  for (const ed of edges) lines.push(`  ${ed.from} -> ${ed.to} [label=${q(fmt(ed.partial))}];`);
  lines.push('}');
  return { nodes, edges, dot: lines.join('\n') };
}

