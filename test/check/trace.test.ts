import { describe, expect, it } from 'vitest';
import { graph, trace, traceText } from '../../src/check/index.ts';
import { add, fn, mul, variable, type Expr } from '../../src/expr/expr.ts';
import { parse } from '../../src/parse/index.ts';

const baydin = (): Expr => parse('ln x₁ + x₁x₂ − sin x₂');
const neuron = (): Expr => parse('1/(exp(−(wx+b))+1)');

describe("Baydin et al. (2018), Table 2: forward mode", () => {
  const t = trace(baydin(), { x1: 2, x2: 5 }, { mode: 'forward', wrt: 'x1' });
  it('numbers the inputs v₋₁, v₀ and the operations v₁ … v₅ in the table order', () => {
    expect(t.inputs.map((x) => x.v)).toEqual(['v₋₁', 'v₀']);
    expect(t.steps.map((s) => `${s.v} = ${s.text}`)).toEqual(['v₁ = ln v₋₁', 'v₂ = v₋₁ · v₀', 'v₃ = sin v₀', 'v₄ = v₁ + v₂', 'v₅ = v₄ − v₃']);
  });
  it('v₅ = 11.652 and ẏ = 5.5 for ẋ₁ = 1', () => {
    expect(t.value).toBeCloseTo(11.652, 3);
    // hand derivation: v̇₁ = 1/2, v̇₂ = 5, v̇₃ = 0, v̇₄ = v̇₅ = 5.5
    expect(t.tangents!.steps.map((s) => s.value)).toEqual([0.5, 5, 0, 5.5, 5.5]);
    expect(t.tangents!.derivative).toBe(5.5);
  });
  it('prints side by side', () => {
    const text = traceText(t);
    expect(text).toContain('Forward tangent trace (ẋ₁ = 1, ẋ₂ = 0)');
    expect(text).toMatch(/v₅\s+= v₄ − v₃\s+= 11\.652/);
    expect(text).toMatch(/v̇₂\s+= 5 × v̇₋₁ \+ 2 × v̇₀\s+= 5/);
    expect(text).toContain('∂f/∂x₁ = ẏ = 5.5');
  });
});

describe("Baydin et al. (2018), Table 3: reverse mode", () => {
  const t = trace(baydin(), { x1: 2, x2: 5 });
  it('accumulates adjoints in the table order: x̄₁ = 5.5, x̄₂ = 1.716', () => {
    const steps = t.adjoints!.steps.map((s) => `${s.target}←${s.from}`);
    expect(steps).toEqual(['v̄₄←v̄₅', 'v̄₃←v̄₅', 'v̄₁←v̄₄', 'v̄₂←v̄₄', 'v̄₀←v̄₃', 'v̄₋₁←v̄₂', 'v̄₀←v̄₂', 'v̄₋₁←v̄₁']);
    const v0 = t.adjoints!.steps[6]!;
    expect(v0.before).toBeCloseTo(-Math.cos(5), 15); // v̄₀ = v̄₃ cos v₀ = −0.284 first
    expect(v0.value).toBeCloseTo(2 - Math.cos(5), 15);
    expect(t.adjoints!.gradient.x1).toBe(5.5);
    expect(t.adjoints!.gradient.x2).toBeCloseTo(1.716, 3);
  });
  it('prints each accumulation', () => {
    const text = traceText(t);
    expect(text).toMatch(/v̄₀\s+= v̄₀ \+ v̄₂ × ∂v₂\/∂v₀ = −0\.284 \+ 1 × 2\s+= 1\.716/);
    expect(text).toMatch(/x̄₁ = v̄₋₁ = 5\.5/);
  });
});

describe("the seeds' sigmoid neuron 1/(exp(−(wx+b))+1) at x = 1, w = 0, b = 0", () => {
  const t = trace(neuron(), { x: 1, w: 0, b: 0 });
  it('∂f/∂w = ∂f/∂b = 0.25', () => {
    expect(t.adjoints!.gradient).toEqual({ b: 0.25, w: 0.25, x: 0 });
  });
  it('the local derivatives along the path to w are 1, −0.25, 1, 1, −1, 1, 1', () => {
    const p = t.paths!.w!;
    expect(p.paths).toHaveLength(1);
    expect(p.paths[0]!.partials).toEqual([1, -0.25, 1, 1, -1, 1, 1]);
    expect(p.total).toBe(0.25);
    expect(t.paths!.b!.paths[0]!.partials).toEqual([1, -0.25, 1, 1, -1, 1]);
  });
  it('forward mode shows the same path and derivative', () => {
    const f = trace(neuron(), { x: 1, w: 0, b: 0 }, { mode: 'forward', wrt: 'w' });
    expect(f.tangents!.derivative).toBe(0.25);
    expect(f.paths!.w!.paths[0]!.partials).toEqual([1, -0.25, 1, 1, -1, 1, 1]);
  });
});

describe('trace: shared nodes, constants, bad input', () => {
  it('a shared subexpression is one step with two outgoing uses', () => {
    const x = variable('x');
    const u = fn('sin', x);
    const t = trace(add(mul(u, u), u), { x: 0.5 });
    expect(t.steps.filter((s) => s.op === 'sin')).toHaveLength(1);
    // d/dx (sin²x + sin x) = (2 sin x + 1) cos x
    expect(t.adjoints!.gradient.x).toBeCloseTo((2 * Math.sin(0.5) + 1) * Math.cos(0.5), 15);
  });
  it('names problems', () => {
    expect(() => trace(baydin(), { x1: 2 })).toThrow(/unbound variable x2/);
    expect(() => trace(baydin(), { x1: -2, x2: 5 })).toThrow(/ln is defined for x > 0/);
    expect(() => trace(baydin(), { x1: 2, x2: 5 }, { mode: 'forward', wrt: 'y' })).toThrow(/y is not a variable/);
    expect(() => trace(parse('2'), {})).toThrow(/constant has no trace/);
    let e: Expr = variable('x');
    for (let i = 0; i < 600; i++) e = fn('sin', e);
    expect(() => trace(e, { x: 1 })).toThrow(/at most 500/);
  });
});

describe('graph: values and adjoints on the nodes', () => {
  it('one node per input, constant and operation; edges carry local partials', () => {
    const g = graph(neuron(), { x: 1, w: 0, b: 0 });
    expect(g.nodes.filter((n) => n.kind === 'input').map((n) => n.text)).toEqual(['b', 'w', 'x']);
    expect(g.nodes.filter((n) => n.kind === 'op')).toHaveLength(6);
    const w = g.nodes.find((n) => n.text === 'w')!;
    expect(w.adjoint).toBe(0.25);
    expect(g.edges.some((e) => e.partial === -0.25)).toBe(true);
    expect(g.dot).toMatch(/^digraph difflab \{/);
    expect(g.dot).toContain('adjoint 0.25');
  });
});
