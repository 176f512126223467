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

describe('recording: ids far apart, errors in tape order, re-entrant points', () => {
  it('a DAG whose leaves were interned long before its other nodes records right', () => {
    const a = variable('old_a'); // interned now, far below the ids built next
    const c = num(0.123456789);
    for (let k = 0; k < 200_000; k++) num(1e6 + k); // other expressions interned in between
    // e = (a + c)²⁰⁰⁰⁰, as a chain of 20,000 products
    let e: Expr = num(1);
    const s = add(a, c);
    for (let k = 0; k < 20_000; k++) e = mul(e, s);
    const b = variable('new_b'); // a leaf interned after all of those
    const f = add(e, mul(b, a));
    const t = tapeFromExpr([f, s], { old_a: 0.876543211, new_b: 2 });
    // the same products in the same order, in plain arithmetic
    let v = 1;
    const sv = 0.876543211 + 0.123456789;
    for (let k = 0; k < 20_000; k++) v *= sv;
    expect(t.value(t.outputs[0]!)).toBe(v + 2 * 0.876543211);
    expect(t.value(t.outputs[1]!)).toBe(sv);
    // ∂f/∂a = 20000·(a + c)^19999 + b, ∂f/∂b = a
    const g = t.gradientOf();
    let p = 1;
    for (let k = 0; k < 19_999; k++) p *= sv;
    expect(g.old_a).toBeCloseTo(20_000 * p + 2, 6);
    expect(g.new_b).toBe(0.876543211);
    expect(t.nodeOf(a)).toBe(t.variables.get('old_a'));
    expect(t.nodeOf(s)).toBe(t.outputs[1]);
  });

  it('the first problem in execution order is reported: an unbound variable or a domain error', () => {
    const x = variable('x');
    const y = variable('y');
    // ln(x) is computed before y is reached: its domain error comes first
    expect(() => tapeFromExpr([add(call('ln', [x]), y)], { x: -1 })).toThrow(/ln is defined for x > 0/);
    // y is placed before ln(x): the unbound variable comes first
    expect(() => tapeFromExpr([add(y, call('ln', [x]))], { x: -1 })).toThrow(/unbound variable y/);
  });

  it('a point whose lookups record tapes of their own does not disturb the recording', () => {
    const x = variable('x');
    const y = variable('y');
    const inner = mul(call('sin', [x]), call('cos', [y]));
    class Recording extends Map<string, number> {
      override get(name: string): number | undefined {
        // a lookup that itself records (and drops) another tape
        tapeFromExpr([add(inner, num(name.length))], { x: 0.1, y: 0.2 });
        return super.get(name);
      }
    }
    const f = add(mul(x, y), call('exp', [x]));
    const t = tapeFromExpr([f], new Recording([['x', 0.5], ['y', -1.5]]));
    expect(t.length).toBe(5); // x, y, xy, eˣ, + and nothing of the inner tapes
    expect(t.value(t.outputs[0]!)).toBe(0.5 * -1.5 + Math.exp(0.5));
    const g = t.gradientOf();
    // ∂f/∂x = y + eˣ, ∂f/∂y = x
    expect(g.x).toBe(-1.5 + Math.exp(0.5));
    expect(g.y).toBe(0.5);
  });

  it('recording the same DAG again, after larger and smaller ones, gives the same tape', () => {
    const x = variable('x');
    let big: Expr = x;
    for (let i = 0; i < 50_000; i++) big = call('tanh', [add(big, x)]);
    const small = mul(add(x, 1), x);
    const first = tapeFromExpr([small], { x: 0.7 });
    tapeFromExpr([big], { x: 0.7 });
    const again = tapeFromExpr([small], { x: 0.7 });
    expect(again.length).toBe(first.length);
    expect(Array.from(again.values())).toEqual(Array.from(first.values()));
    for (let i = 0; i < first.length; i++) {
      expect(again.args(i)).toEqual(first.args(i));
      expect(again.partials(i)).toEqual(first.partials(i));
    }
    // (x + 1)·x at 0.7 = 1.19, d/dx = 2x + 1 = 2.4
    expect(again.value(again.outputs[0]!)).toBeCloseTo(1.19, 15);
    expect(again.gradientOf().x).toBeCloseTo(2.4, 15);
  });
});
