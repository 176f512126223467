import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { call, num, variable, type Expr } from '../../src/expr/expr.ts';
import { evaluate } from '../../src/expr/eval.ts';
import { rawKit } from '../../src/expr/kit.ts';
import { arityOk, opDef, opNames, registry, type OpName } from '../../src/ops/index.ts';
import { Rng } from '../../src/nn/rng.ts';

// Fourth-order central difference of g at x, with an error estimate from two steps.
function cd(g: (t: number) => number, x: number): { d: number; err: number } {
  const at = (h: number): number => (-g(x + 2 * h) + 8 * g(x + h) - 8 * g(x - h) + g(x - 2 * h)) / (12 * h);
  const h = 1e-3 * Math.max(1, Math.abs(x));
  const d1 = at(h);
  const d2 = at(h / 2);
  return { d: d2, err: Math.abs(d1 - d2) };
}

/** How many arguments to test each op with (both counts for optional parameters). */
function arities(op: OpName): number[] {
  const a = opDef(op).arity;
  if (typeof a === 'number') return [a];
  return [a.min, Math.min(a.max, a.min + 2)].filter((n, i, xs) => xs.indexOf(n) === i && arityOk(a, n));
}

/** A point inside the op's domain, away from kinks: rejection sampling on the op's own domain check. */
function samplePoint(op: OpName, n: number, rand: () => number): number[] | undefined {
  const def = opDef(op);
  for (let tries = 0; tries < 200; tries++) {
    const x = Array.from({ length: n }, () => -3 + 6 * rand());
    if (op === 'pow') x[0] = 0.2 + 2.8 * rand(); // a real power of a positive base
    if (def.domain?.(x) !== undefined) continue;
    const y = def.eval(x);
    if (!Number.isFinite(y) || Math.abs(y) > 1e6) continue;
    // Near a kink or a pole the two difference steps disagree; choose another point.
    let smooth = true;
    for (let i = 0; i < n && smooth; i++) {
      const g = (t: number): number => def.eval(x.map((v, j) => (j === i ? t : v)));
      const { d, err } = cd(g, x[i]!);
      if (!Number.isFinite(d) || !(err <= 1e-7 * Math.max(1, Math.abs(d)))) smooth = false; // NaN (a step left the domain) is not smooth
    }
    if (smooth) return x;
  }
  return undefined;
}

function seeded(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

const close = (a: number, b: number, tol: number): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

describe('every op has a complete declaration', () => {
  it('lists at least the textbook primitives and activations', () => {
    for (const op of ['add', 'sub', 'mul', 'div', 'pow', 'neg', 'exp', 'ln', 'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'softplus', 'erf', 'gelu', 'max', 'min']) {
      expect(opNames).toContain(op);
    }
  });
  it.each(opNames)('%s has doc, rule and notation', (op) => {
    const def = opDef(op);
    expect(def.doc.length).toBeGreaterThan(3);
    expect(def.rule.length).toBeGreaterThan(3);
    expect(['infix', 'special', 'function']).toContain(def.notation.type);
  });
});

describe('numeric partials agree with central differences at random points', () => {
  it.each(opNames)('%s', (op) => {
    const def = opDef(op);
    const rand = seeded(op.length * 7919 + op.charCodeAt(0));
    let tested = 0;
    for (const n of arities(op)) {
      for (let k = 0; k < 25; k++) {
        const x = samplePoint(op, n, rand);
        if (x === undefined) continue;
        const y = def.eval(x);
        const d: number[] = new Array<number>(n).fill(NaN);
        def.partials(x, y, d);
        for (let i = 0; i < n; i++) {
          const ref = cd((t) => def.eval(x.map((v, j) => (j === i ? t : v))), x[i]!);
          expect(close(d[i]!, ref.d, 1e-6), `${op}(${x.join(', ')}) ∂${i}: ${d[i]} vs ${ref.d}`).toBe(true);
        }
        tested++;
      }
    }
    // Step functions have no smooth points with a non-zero slope to miss; everything else must be exercised.
    expect(tested).toBeGreaterThan(10);
  });
});

describe('symbolic rules agree with central differences at random points', () => {
  it.each(opNames)('%s', (op) => {
    const def = opDef(op);
    const rand = seeded(op.length * 104729 + op.charCodeAt(1 % op.length));
    for (const n of arities(op)) {
      const vars = Array.from({ length: n }, (_, i) => variable(`x${i + 1}`));
      const node = call(op, vars);
      for (let k = 0; k < 10; k++) {
        const x = samplePoint(op, n, rand);
        if (x === undefined) continue;
        const point = Object.fromEntries(vars.map((v, i) => [v.name, x[i]!]));
        for (let i = 0; i < n; i++) {
          const dExpr: Expr = def.derivative(vars, node, i, rawKit);
          const got = evaluate(dExpr, point, { strict: false });
          const ref = cd((t) => def.eval(x.map((v, j) => (j === i ? t : v))), x[i]!);
          expect(close(got, ref.d, 1e-6), `${op} ∂${i} at ${x.join(', ')}: ${got} vs ${ref.d}`).toBe(true);
        }
      }
    }
  });
});

describe('non-differentiable points follow PyTorch/JAX', () => {
  const partial = (op: OpName, x: number[], i = 0): number => {
    const d: number[] = [];
    opDef(op).partials(x, opDef(op).eval(x), d);
    return d[i]!;
  };
  it("relu′(0) = 0", () => expect(partial('relu', [0])).toBe(0));
  it('abs′(0) = 0', () => expect(partial('abs', [0])).toBe(0));
  it('sqrt′(0) = +∞', () => expect(partial('sqrt', [0])).toBe(Infinity));
  it('max and min at a tie give ½ to each argument', () => {
    expect([partial('max', [2, 2], 0), partial('max', [2, 2], 1)]).toEqual([0.5, 0.5]);
    expect([partial('min', [2, 2], 0), partial('min', [2, 2], 1)]).toEqual([0.5, 0.5]);
  });
  it('the symbolic rules give the same values at the kinks', () => {
    const x = variable('x');
    const y = variable('y');
    const sym = (op: OpName, args: Expr[], i: number, point: Record<string, number>): number =>
      evaluate(opDef(op).derivative(args, call(op, args), i, rawKit), point);
    expect(sym('relu', [x], 0, { x: 0 })).toBe(0);
    expect(sym('abs', [x], 0, { x: 0 })).toBe(0);
    expect(sym('max', [x, y], 0, { x: 2, y: 2 })).toBe(0.5);
    expect(sym('min', [x, y], 1, { x: 2, y: 2 })).toBe(0.5);
  });
  it('leaky ReLU and ELU take the x ≤ 0 branch at 0', () => {
    expect(partial('leakyrelu', [0, 0.1])).toBe(0.1);
    expect(partial('elu', [0, 2])).toBe(2);
  });
});

describe('the registry is the single source of op knowledge', () => {
  it('every call node evaluates through its op (spot check against Math)', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), (v) => {
        expect(evaluate(call('sin', [num(v)]))).toBe(Math.sin(v));
        expect(registry.add.eval([v, 1])).toBe(v + 1);
      }),
      { numRuns: 50 },
    );
  });
});
