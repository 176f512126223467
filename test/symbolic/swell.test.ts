import { describe, expect, it } from 'vitest';
import { add, call, mul, neg, num, sub, type Expr } from '../../src/expr/expr.ts';
import { evaluate } from '../../src/expr/eval.ts';
import { DiffError } from '../../src/expr/errors.ts';
import { dagSize, topoOrder, treeSize } from '../../src/expr/traverse.ts';
import { derive, sizesOf, swell, swellFamily, SWELL_FAMILIES } from '../../src/symbolic/index.ts';

/**
 * An independent, textbook differentiator for +, −, ·: d(u ± v) = u′ ± v′,
 * d(uv) = u′v + uv′, constants give 0 and nothing is simplified (0·l is kept).
 * Written here, separately from the engine, to pin down the convention behind
 * the reference figure.
 */
function textbookDerivative(root: Expr): Expr {
  const d = new Map<Expr, Expr>();
  for (const n of topoOrder(root)) {
    if (n.kind === 'var') d.set(n, num(1));
    else if (n.kind !== 'call') d.set(n, num(0));
    else {
      const [a, b] = n.args as [Expr, Expr];
      if (n.op === 'add') d.set(n, add(d.get(a)!, d.get(b)!));
      else if (n.op === 'sub') d.set(n, sub(d.get(a)!, d.get(b)!));
      else if (n.op === 'mul') d.set(n, add(mul(d.get(a)!, b), mul(a, d.get(b)!)));
      else throw new Error(`textbook rules cover +, −, · only, not ${n.op}`);
    }
  }
  return d.get(root)!;
}

const logistic = swellFamily('logistic');

describe('the logistic map l₁ = x, lₙ₊₁ = 4lₙ(1 − lₙ), read as (4·lₙ)·(1 − lₙ)', () => {
  // Tree: T(1) = 1, T(n+1) = 2T(n) + 5, so T(n) = 3·2ⁿ − 5. DAG: 3n (n ≥ 2): each step adds 4·l, 1 − l and their product.
  it('f grows as a tree like 2ⁿ and as a DAG linearly', () => {
    for (let n = 1; n <= 30; n++) {
      const l = logistic.build(n);
      expect(treeSize(l)).toBe(3 * 2 ** n - 5);
      expect(dagSize(l)).toBe(n === 1 ? 1 : 3 * n);
    }
  });

  // The registry engine: d(4l) = 4·l′ and d(1 − l) = (−1)·l′ (constant arguments skipped), and
  // d((4l)(1 − l)) = (1 − l)·d(4l) + (4l)·d(1 − l). So D(n+1) = 2D(n) + 2T(n) + 11, D(1) = 1, which solves to
  // D(n) = (3n − 2)·2ⁿ − 1 (the n·2ⁿ law); the DAG gains 8 nodes a step: 8n − 5.
  it('the naive derivative: tree (3n − 2)·2ⁿ − 1, DAG 8n − 5', () => {
    for (let n = 2; n <= 30; n++) {
      const d = derive(logistic.build(n), 'x');
      expect(treeSize(d)).toBe((3 * n - 2) * 2 ** n - 1);
      expect(dagSize(d)).toBe(8 * n - 5);
    }
    const at10 = derive(logistic.build(10), 'x');
    expect([treeSize(at10), dagSize(at10)]).toEqual([28671, 75]);
  });

  // The textbook rules keep d(4) = 0 and d(1) = 0 as terms: d(4l) = 0·l + 4·l′, d(1 − l) = 0 − l′, so
  // D(n+1) = 2D(n) + 3T(n) + 14, D(1) = 1, which solves to D(n) = 9(n − 1)·2ⁿ⁻¹ + 1; the DAG gains 10 a step.
  it('the issue\'s reference, 41473 tree nodes and 93 DAG nodes at n = 10, is the textbook rules without skipping constants', () => {
    for (let n = 2; n <= 25; n++) {
      const d = textbookDerivative(logistic.build(n));
      expect(treeSize(d)).toBe(9 * (n - 1) * 2 ** (n - 1) + 1);
      expect(dagSize(d)).toBe(10 * n - 7);
    }
    const at10 = textbookDerivative(logistic.build(10));
    expect([treeSize(at10), dagSize(at10)]).toEqual([41473, 93]);
  });

  it('the derivative is right: l′ₙ(0) = 4ⁿ⁻¹, and at the fixed point ¾ it is (−2)ⁿ⁻¹', () => {
    for (const n of [2, 5, 12]) {
      const l = logistic.build(n);
      expect(evaluate(derive(l, 'x'), { x: 0 })).toBe(4 ** (n - 1));
      expect(evaluate(derive(l, 'x'), { x: 0.75 })).toBe((-2) ** (n - 1));
    }
  });

  it('the table up to n = 20: the tree passes 6·10⁷ nodes, the DAG stays linear, simplification removes the factor n', () => {
    const t = swell('logistic', 20);
    expect(t.rows).toHaveLength(20);
    const r20 = t.rows[19]!;
    expect(r20.f).toEqual({ tree: 3 * 2 ** 20 - 5, dag: 60 });
    expect(r20.derivative).toEqual({ tree: 58 * 2 ** 20 - 1, dag: 155 });
    expect(r20.tape).toBeNull();
    // The simplified derivative, 4ⁿ⁻¹ Π (1 − 2lₖ) over flattened products, is a tree of 5·2ⁿ⁻¹ − 3 nodes:
    // order 2ⁿ, not n·2ⁿ. Coefficients are exact integers however far they pass 2⁵³, so this holds
    // at every n. Flattening the products costs sharing: its DAG grows like n², not n (one more node
    // from n = 16, the exact coefficient that used to round to a float already present).
    for (const r of t.rows.slice(2)) expect(r.simplified.tree).toBe(5 * 2 ** (r.n - 1) - 3);
    for (const r of t.rows) expect(r.simplified.dag).toBeLessThanOrEqual(r.n * r.n + 53);
  });
});

describe('the other families, by hand', () => {
  it('nested sines: f has n + 1 nodes; d/dx = Π cos(sinᵏx) has DAG 3n + 1, tree n²/2 + 5n/2 + 1', () => {
    const t = swell('sin', 12);
    for (const r of t.rows) {
      expect(r.f).toEqual({ tree: r.n + 1, dag: r.n + 1 });
      expect(r.derivative).toEqual({ tree: (r.n * r.n + 5 * r.n + 2) / 2, dag: 3 * r.n + 1 });
    }
  });

  it('a product x₁x₂⋯xₙ: each of the n partials has a tree of 2n − 1 nodes', () => {
    const t = swell('product', 10);
    for (const r of t.rows) {
      expect(r.f).toEqual({ tree: 2 * r.n - 1, dag: 2 * r.n - 1 });
      expect(r.derivative.tree).toBe(r.n * (2 * r.n - 1));
    }
    // simplified: ∂/∂xᵢ = Π_{j≠i} xⱼ, printed with n − 2 multiplications: 2n − 3 nodes each
    for (const r of t.rows.slice(1)) expect(r.simplified.tree).toBe(r.n * (2 * r.n - 3));
  });

  it('a sigmoid chain σ(wₙσ(⋯) + bₙ): the gradient has 2n + 1 partials and grows quadratically', () => {
    const t = swell('sigmoid', 8);
    for (const r of t.rows) expect(r.f).toEqual({ tree: 5 * r.n + 1, dag: 5 * r.n + 1 });
    const d = t.rows.map((r) => r.derivative.dag);
    // second differences of a quadratic are constant
    const second = d.slice(2).map((v, i) => v - 2 * d[i + 1]! + d[i]!);
    expect(new Set(second).size).toBe(1);
  });

  it('every family builds and measures; a tape length comes from the caller', () => {
    for (const f of SWELL_FAMILIES) {
      const t = swell(f.name, 3, { tape: (e) => dagSize(e) });
      expect(t.rows.map((r) => r.tape)).toEqual(t.rows.map((r) => r.f.dag));
      expect(f.formula.length).toBeGreaterThan(3);
    }
  });
});

describe('sizes are counted on the DAG', () => {
  it('sizesOf adds trees and shares DAG nodes across expressions', () => {
    const x = logistic.build(1);
    const a = mul(x, x);
    const b = neg(a);
    expect(sizesOf([a, b])).toEqual({ tree: 3 + 4, dag: 3 });
    expect(sizesOf([])).toEqual({ tree: 0, dag: 0 });
    expect(sizesOf([call('sin', [a])])).toEqual({ tree: 4, dag: 3 });
  });
});

describe('bad requests', () => {
  it('an unknown family names the known ones', () => {
    expect(() => swell('cosine', 3)).toThrow(DiffError);
    expect(() => swell('cosine', 3)).toThrow(/logistic, sin, product, sigmoid/);
  });
  it('n out of range', () => {
    expect(() => swell('sin', 0)).toThrow(/from 1 to/);
    expect(() => swell('sin', 1e6)).toThrow(/from 1 to/);
  });
});
