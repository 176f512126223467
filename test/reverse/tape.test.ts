import { describe, expect, it } from 'vitest';
import { add, call, fn, mul, num, variable, type Expr } from '../../src/expr/expr.ts';

const sin = (e: Expr): Expr => fn('sin', e);
const exp = (e: Expr): Expr => fn('exp', e);
import { DiffError } from '../../src/expr/errors.ts';
import { Tape, tapeFromExpr } from '../../src/reverse/index.ts';

describe('Tape: recording values and local partials', () => {
  it('records leaves and registry ops in execution order', () => {
    const t = new Tape();
    const x = t.leaf(2);
    const y = t.leaf(5);
    const p = t.apply('mul', [x, y]);
    const s = t.apply('sin', [y]);
    expect(t.length).toBe(4);
    expect(t.value(p)).toBe(10);
    expect(t.value(s)).toBe(Math.sin(5));
    // ∂(xy)/∂x = y, ∂(xy)/∂y = x; d/dy sin y = cos y
    expect(t.partials(p)).toEqual([5, 2]);
    expect(t.partials(s)).toEqual([Math.cos(5)]);
    expect(t.kind(x)).toBe('leaf');
    expect(t.op(p)).toBe('mul');
    expect(t.args(p)).toEqual([x, y]);
  });

  it("Baydin et al.'s example: f = ln x₁ + x₁x₂ − sin x₂ at (2, 5)", () => {
    const t = new Tape();
    const x1 = t.leaf(2);
    const x2 = t.leaf(5);
    const v1 = t.apply('ln', [x1]);
    const v2 = t.apply('mul', [x1, x2]);
    const v3 = t.apply('sin', [x2]);
    const v4 = t.apply('add', [v1, v2]);
    const v5 = t.apply('sub', [v4, v3]);
    t.backward(v5);
    // hand derivation: ∂f/∂x₁ = 1/x₁ + x₂ = 5.5, ∂f/∂x₂ = x₁ − cos x₂ = 2 − cos 5
    expect(t.value(v5)).toBeCloseTo(11.652, 3);
    expect(t.grad(x1)).toBe(5.5);
    expect(t.grad(x2)).toBeCloseTo(2 - Math.cos(5), 15);
    expect(t.grad(x2)).toBeCloseTo(1.716, 3);
  });
});

describe('Tape: reused nodes accumulate, backward is idempotent', () => {
  it('a = 1, b = a + a, c = b + b gives dc/da = 4', () => {
    const t = new Tape();
    const a = t.leaf(1);
    const b = t.apply('add', [a, a]);
    const c = t.apply('add', [b, b]);
    t.backward(c);
    expect(t.grad(a)).toBe(4);
    expect(t.grad(b)).toBe(2);
    t.backward(c);
    expect(t.grad(a)).toBe(4);
  });

  it('x·x gives 2x (two edges to one node)', () => {
    const t = new Tape();
    const x = t.leaf(3);
    const y = t.apply('mul', [x, x]);
    t.backward(y);
    expect(t.grad(x)).toBe(6);
  });

  it('a seed scales the gradient; nodes after the output get no adjoint', () => {
    const t = new Tape();
    const x = t.leaf(3);
    const y = t.apply('mul', [x, x]);
    const z = t.apply('exp', [y]);
    t.backward(y, 0.5);
    expect(t.grad(x)).toBe(3);
    expect(t.grad(z)).toBe(0);
  });

  it('backwardMany seeds several outputs: uᵀJ in one pass', () => {
    const t = new Tape();
    const x = t.leaf(2);
    const y = t.leaf(3);
    const f1 = t.apply('mul', [x, y]); // ∇ = (3, 2)
    const f2 = t.apply('add', [x, y]); // ∇ = (1, 1)
    t.backwardMany([f1, f2], [10, 1]);
    expect(t.grad(x)).toBe(31);
    expect(t.grad(y)).toBe(21);
  });
});

describe('Tape: custom and dot nodes', () => {
  it('custom nodes take the caller value and partials', () => {
    const t = new Tape();
    const x = t.leaf(2);
    const y = t.leaf(3);
    const f = t.custom([x, y], 7, [10, 20]);
    const g = t.apply('mul', [f, x]); // g = f·x
    t.backward(g);
    expect(t.value(f)).toBe(7);
    // ∂g/∂x = f + x·∂f/∂x = 7 + 2·10; ∂g/∂y = x·∂f/∂y = 40
    expect(t.grad(x)).toBe(27);
    expect(t.grad(y)).toBe(40);
    expect(() => t.custom([x], 1, [1, 2])).toThrow(DiffError);
  });

  it('dot is Σ wᵢxᵢ + b as one node with edges to every wᵢ, xᵢ and b', () => {
    const t = new Tape();
    const w = [t.leaf(1), t.leaf(-2), t.leaf(3)];
    const x = [t.leaf(4), t.leaf(5), t.leaf(6)];
    const b = t.leaf(0.5);
    const before = t.length;
    const z = t.dot(w, x, b);
    expect(t.length).toBe(before + 1);
    expect(t.value(z)).toBe(4 - 10 + 18 + 0.5);
    t.backward(z);
    expect(w.map((i) => t.grad(i))).toEqual([4, 5, 6]);
    expect(x.map((i) => t.grad(i))).toEqual([1, -2, 3]);
    expect(t.grad(b)).toBe(1);
    const z2 = t.dot(w, x);
    expect(t.value(z2)).toBe(12);
    expect(() => t.dot(w, [x[0]!])).toThrow(/3 weights but 1 inputs/);
  });
});

describe('Tape: memory', () => {
  it('grows past its initial capacity', () => {
    const t = new Tape(16);
    let s = t.leaf(0);
    const x = t.leaf(1);
    for (let i = 0; i < 10_000; i++) s = t.apply('add', [s, x]);
    expect(t.length).toBe(10_002);
    expect(t.value(s)).toBe(10_000);
    t.backward(s);
    expect(t.grad(x)).toBe(10_000);
  });

  it('reset forgets nodes but keeps the memory', () => {
    const t = new Tape(16);
    for (let i = 0; i < 1000; i++) t.leaf(i);
    const bytes = t.byteLength;
    t.reset();
    expect(t.length).toBe(0);
    const x = t.leaf(4);
    const y = t.apply('sqrt', [x]);
    t.backward(y);
    expect(t.grad(x)).toBe(0.25);
    expect(t.byteLength).toBe(bytes);
  });
});

describe('Tape: bad input', () => {
  it('rejects unknown nodes, wrong arities and unknown ops with a DiffError', () => {
    const t = new Tape();
    const x = t.leaf(1);
    expect(() => t.apply('sin', [x, x])).toThrow(/sin takes 1 argument, got 2/);
    expect(() => t.apply('sin', [7])).toThrow(/no tape node 7/);
    expect(() => t.backward(3)).toThrow(DiffError);
    expect(() => t.grad(-1)).toThrow(DiffError);
    expect(() => t.apply('nope' as 'sin', [x])).toThrow(/unknown op/);
  });
});

describe('Tape: replay at a new point (static graph)', () => {
  it('recomputes values and partials from new leaves', () => {
    const t = new Tape();
    const x = t.leaf(1);
    const y = t.apply('mul', [x, t.apply('sin', [x])]);
    t.setLeaf(x, 2);
    t.forward();
    expect(t.value(y)).toBe(2 * Math.sin(2));
    t.backward(y);
    // d/dx x sin x = sin x + x cos x
    expect(t.grad(x)).toBeCloseTo(Math.sin(2) + 2 * Math.cos(2), 15);
    expect(() => t.setLeaf(y, 0)).toThrow(/not a leaf/);
  });

  it('refuses to replay custom nodes', () => {
    const t = new Tape();
    const x = t.leaf(1);
    t.custom([x], 1, [1]);
    expect(() => t.forward()).toThrow(/custom node/);
  });
});

describe('tapeFromExpr: recording an expression DAG', () => {
  const x = variable('x');
  const y = variable('y');

  it('records each shared node once', () => {
    // u = sin(xy) appears twice; the tape has x, y, xy, u, u·u, exp(u), u·u + exp(u)
    const u = sin(mul(x, y));
    const e = add(mul(u, u), exp(u));
    const t = tapeFromExpr([e], { x: 2, y: 3 });
    expect(t.length).toBe(7);
    expect(t.value(t.outputs[0]!)).toBeCloseTo(Math.sin(6) ** 2 + Math.exp(Math.sin(6)), 14);
    const g = t.gradientOf();
    // ∂/∂x (u² + eᵘ) = (2u + eᵘ) cos(xy) y
    const du = 2 * Math.sin(6) + Math.exp(Math.sin(6));
    expect(g.x).toBeCloseTo(du * Math.cos(6) * 3, 13);
    expect(g.y).toBeCloseTo(du * Math.cos(6) * 2, 13);
  });

  it('counts nodes without a point', () => {
    let e: Expr = x;
    for (let i = 0; i < 10; i++) e = mul(num(4), mul(e, call('sub', [num(1), e])));
    const t = tapeFromExpr([e]);
    // leaves x, 1, 4 (hash-consed, once each) and three nodes per step
    expect(t.length).toBe(3 + 10 * 3);
  });

  it('several roots share one tape', () => {
    const t = tapeFromExpr([mul(x, y), add(x, y)], { x: 2, y: 3 });
    expect(t.outputs.length).toBe(2);
    expect(t.length).toBe(4);
    expect(t.gradientOf(1)).toEqual({ x: 1, y: 1 });
    expect(t.gradientOf(0)).toEqual({ x: 3, y: 2 });
  });

  it('replays at a new point', () => {
    const e = mul(x, sin(y));
    const t = tapeFromExpr([e], { x: 1, y: 1 });
    t.replay({ x: 3, y: 0.5 });
    expect(t.value(t.outputs[0]!)).toBe(3 * Math.sin(0.5));
    expect(t.gradientOf()).toEqual({ x: Math.sin(0.5), y: 3 * Math.cos(0.5) });
  });

  it('names unbound variables and domain problems', () => {
    expect(() => tapeFromExpr([mul(x, y)], { x: 1 })).toThrow(/unbound variable y/);
    expect(() => tapeFromExpr([call('ln', [x])], { x: -1 })).toThrow(/ln is defined for x > 0/);
    const t = tapeFromExpr([call('ln', [x])], { x: -1 }, { strict: false });
    expect(t.value(t.outputs[0]!)).toBeNaN();
    expect(() => tapeFromExpr([])).toThrow(DiffError);
  });

  it('records a 10⁵-deep expression without recursion', () => {
    let e: Expr = x;
    for (let i = 0; i < 100_000; i++) e = add(e, num(1));
    const t = tapeFromExpr([e], { x: 0.5 });
    expect(t.value(t.outputs[0]!)).toBe(100_000.5);
    expect(t.gradientOf().x).toBe(1);
  });
});

describe('Tape: magnitudes of the chain-rule terms', () => {
  it('Σ over paths of |products of partials|: z/z cancels to 0 but its terms are 1/z and z/z²', () => {
    const t = new Tape();
    const z = t.leaf(0.25);
    const q = t.apply('div', [z, z]);
    t.backward(q);
    expect(t.grad(z)).toBe(0);
    expect(t.magnitudes(q)[z]).toBe(4 + 4);
    expect(t.grad(z)).toBe(0); // adjoints untouched
  });
});
