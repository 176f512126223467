import { describe, expect, it } from 'vitest';
import { add, call, mul, num, variable, type Expr } from '../../src/expr/expr.ts';
import { DiffError } from '../../src/expr/errors.ts';
import { IdIndex, tapeFromExpr } from '../../src/reverse/record.ts';
import { Rng } from '../../src/nn/rng.ts';

describe('recording an expression DAG', () => {
  const x = variable('x');
  const y = variable('y');
  it('a shared subexpression is one tape node whose adjoint collects both parents', () => {
    const xy = mul(x, y);
    const f = add(xy, call('sin', [xy])); // xy + sin(xy)
    const t = tapeFromExpr([f], { x: 0.5, y: 3 });
    expect(t.length).toBe(5); // x, y, xy, sin, +
    const g = t.gradientOf();
    // ∂f/∂x = y(1 + cos xy), ∂f/∂y = x(1 + cos xy)
    expect(g.x).toBeCloseTo(3 * (1 + Math.cos(1.5)), 14);
    expect(g.y).toBeCloseTo(0.5 * (1 + Math.cos(1.5)), 14);
    expect(t.nodeOf(xy)).toBe(2);
  });

  it('several roots share their common nodes; a root recorded twice is one node', () => {
    const s = call('sin', [x]);
    const t = tapeFromExpr([mul(s, s), s, s], { x: 1 });
    expect(t.length).toBe(3); // x, sin x, (sin x)²
    expect(t.outputs).toEqual([2, 1, 1]);
  });

  it('an expression that was not recorded is refused by name lookup', () => {
    const t = tapeFromExpr([add(x, 1)], { x: 1 });
    expect(() => t.nodeOf(variable('z'))).toThrow(DiffError);
  });

  it('a chain 200,000 deep records without recursion, in execution order', () => {
    let e: Expr = x;
    for (let i = 0; i < 200_000; i++) e = call('sin', [e]);
    const t = tapeFromExpr([e], { x: 0.3 });
    expect(t.length).toBe(200_001);
    // d/dx sinⁿ(x) = Π cos(sinᵏ x), k = 0 … n − 1, computed directly
    let v = 0.3;
    let d = 1;
    for (let i = 0; i < 200_000; i++) {
      d *= Math.cos(v);
      v = Math.sin(v);
    }
    expect(t.value(t.outputs[0]!)).toBe(v);
    expect(t.gradientOf().x).toBeCloseTo(d, 15);
  });

  it('nodes built far apart in time (ids spread out) are found again', () => {
    const rng = new Rng(3);
    let e: Expr = x;
    for (let i = 0; i < 300; i++) {
      for (let k = 0; k < 50; k++) num(rng.next()); // other expressions interned in between
      e = i % 2 === 0 ? add(e, num(i)) : mul(e, y);
    }
    const t = tapeFromExpr([e], { x: 0.9, y: 1.001 });
    let v = 0.9;
    for (let i = 0; i < 300; i++) v = i % 2 === 0 ? v + i : v * 1.001;
    expect(t.value(t.outputs[0]!)).toBeCloseTo(v, 9);
  });
});

describe('IdIndex: the id → node table', () => {
  it('agrees with a Map on random ids, through collisions and growth', () => {
    const rng = new Rng(7);
    const idx = new IdIndex(16); // small: ids far above the table size collide and probe
    const ref = new Map<number, number>();
    for (let k = 0; k < 20_000; k++) {
      const id = rng.next() < 0.5 ? rng.int(1 << 30) : 1024 * rng.int(4096); // multiples of the table size
      if (ref.has(id)) continue;
      ref.set(id, k);
      idx.set(id, k);
    }
    for (const [id, v] of ref) expect(idx.get(id)).toBe(v);
    for (let k = 0; k < 1000; k++) {
      const id = rng.int(1 << 30);
      expect(idx.get(id)).toBe(ref.get(id) ?? -1);
    }
  });
});
