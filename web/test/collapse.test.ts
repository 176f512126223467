import { graph, parse, reverse } from 'difflab';
import { describe, expect, it } from 'vitest';
import { collapse } from '../src/collapse.ts';

describe('collapse', () => {
  const e = parse('sin(sin(x² + y²))');
  const at = { x: 1, y: 2 };
  it('folds what lies below the depth into stand-ins valued at the point', () => {
    const c = collapse(e, at, 2)!;
    // depth 0: sin(…), 1: sin(…), 2: x² + y² → u1 = 5
    expect(c.folded).toEqual([{ name: 'u1', text: 'x² + y²' }]);
    expect(c.at).toEqual({ u1: 5 });
    expect(graph(c.expr, c.at).nodes.length).toBe(3);
  });
  it('keeps the values and adjoints of the top of the graph', () => {
    const c = collapse(e, at, 2)!;
    const top = graph(c.expr, c.at).nodes;
    const full = graph(e, at).nodes;
    // f = sin(sin u), u = 5: ∂f/∂u = cos(sin 5)·cos 5, the adjoint of x² + y² in the full graph
    const u = top.find((n) => n.kind === 'input')!;
    const sum = full.find((n) => n.text.includes('+'))!;
    expect(u.adjoint).toBeCloseTo(Math.cos(Math.sin(5)) * Math.cos(5), 14);
    expect(sum.adjoint).toBeCloseTo(u.adjoint, 14);
    expect(reverse.gradient(c.expr, c.at).value).toBeCloseTo(Math.sin(Math.sin(5)), 14);
  });
  it('leaves a shallow expression alone', () => {
    expect(collapse(parse('x + y'), { x: 1, y: 1 }, 3)).toBeUndefined();
  });
  it('picks a stand-in letter the expression does not use', () => {
    const c = collapse(parse('sin(sin(u + v))'), { u: 1, v: 2 }, 2)!;
    expect(c.folded[0]!.name).toBe('g1');
  });
});
