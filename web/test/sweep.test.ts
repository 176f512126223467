import { parse } from 'difflab';
import { describe, expect, it } from 'vitest';
import { buildSweep } from '../src/sweep.ts';

describe('the sweeps of σ(wx + b) at x = 1, w = 0, b = 0', () => {
  const at = { x: 1, w: 0, b: 0 };
  it('reveals the primal values, then the adjoints, ending in ∂f/∂w = ∂f/∂b = 1/4 (σ′(0)) and ∂f/∂x = w·σ′ = 0', () => {
    const r = buildSweep(parse('σ(wx + b)'), at, 'reverse', '');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.sweep;
    // inputs, three operations (wx, + b, σ), the seed, then one frame per edge of the reverse sweep
    expect(s.frames.length).toBe(1 + 3 + 1 + s.trace.adjoints!.steps.length);
    expect(s.frames[0]!.rows.values).toEqual({ [s.inputs[0]!.v]: '0', [s.inputs[1]!.v]: '0', [s.inputs[2]!.v]: '1' });
    const primalEnd = s.frames[3]!;
    expect(primalEnd.rows.values[s.output]).toBe('0.5');
    expect(primalEnd.gradient).toEqual({});
    const last = s.frames.at(-1)!;
    expect(last.gradient).toEqual({ b: '0.25', w: '0.25', x: '0' });
    // every frame of the reverse sweep highlights one node and one edge of the graph
    for (const f of s.frames.slice(5)) {
      expect(f.current.length).toBe(2);
      expect(f.current[1]).toMatch(/^n\d+->n\d+$/);
      expect(s.graph.edges.some((e) => `${e.from}->${e.to}` === f.current[1])).toBe(true);
    }
  });
  it('sums over paths: one path from f to w, with product 0.25', () => {
    const r = buildSweep(parse('σ(wx + b)'), at, 'reverse', 'w');
    expect(r.ok && r.sweep.paths).toMatchObject({ totalText: '0.25' });
    if (r.ok) expect(r.sweep.paths!.rows.length).toBe(1);
  });
  it('in forward mode carries the tangent beside each value and ends with the derivative', () => {
    const r = buildSweep(parse('σ(wx + b)'), at, 'forward', 'w');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.sweep.frames.length).toBe(4);
    expect(r.sweep.frames.at(-1)!.result).toBe('∂f/∂w = 0.25');
  });
  it('turns a failure (a point outside the domain) into a message', () => {
    expect(buildSweep(parse('ln x'), { x: -1 }, 'reverse', '')).toMatchObject({ ok: false });
  });
});
