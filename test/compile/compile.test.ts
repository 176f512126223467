import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compile, compileMany, literal } from '../../src/compile/index.ts';
import { evaluate } from '../../src/expr/eval.ts';
import { add, call, fn, mul, num, pow, sub, variable, type Expr } from '../../src/expr/expr.ts';
import { rawKit } from '../../src/expr/kit.ts';
import { arityOk, opDef, opNames } from '../../src/ops/index.ts';

const x = variable('x');
const y = variable('y');

describe('compile: a JavaScript function from the DAG', () => {
  it('evaluates like the interpreter', () => {
    const e = sub(add(fn('ln', x), mul(x, y)), fn('sin', y));
    const f = compile(e);
    expect(f.vars).toEqual(['x', 'y']);
    expect(f(2, 5)).toBe(evaluate(e, { x: 2, y: 5 }));
    expect(f.at({ x: 2, y: 5 })).toBe(evaluate(e, { x: 2, y: 5 }));
    expect(f.fromArray([2, 5])).toBe(evaluate(e, { x: 2, y: 5 }));
  });

  it('computes each shared node once, as a local', () => {
    const u = fn('sin', mul(x, y));
    const e = add(mul(u, u), fn('exp', u));
    const f = compile(e);
    // x·y, sin, u·u, exp u, sum: five statements, sin appears once
    expect(f.statements).toBe(5);
    expect(f.source.match(/Math\.sin/g)).toHaveLength(1);
    expect(f(2, 3)).toBe(evaluate(e, { x: 2, y: 3 }));
  });

  it('ops without an inline template call the registry', () => {
    const e = fn('sigmoid', add(x, num(-1)));
    const f = compile(e);
    expect(f.source).toMatch(/E\d+\(s1\)/);
    expect(f(1.5)).toBe(evaluate(e, { x: 1.5 }));
  });

  it('literals are exact and safe as operands', () => {
    for (const v of [-2, -0, 0.1, 1e-300, -Infinity, Infinity, NaN, 2 ** 53 + 2]) {
      const got = new Function(`return ${literal(v)};`)() as number;
      expect(Object.is(got, v)).toBe(true);
    }
    expect(compile(sub(num(-2), fn('neg', num(-3))))()).toBe(-5);
  });

  it('a parameter list may add unused names and fixes the order', () => {
    const f = compile(sub(x, y), { vars: ['y', 'z', 'x'] });
    expect(f(1, 100, 10)).toBe(9);
    expect(() => compile(x, { vars: ['y'] })).toThrow(/variable x is not among the parameters/);
    expect(() => compile(x, { vars: ['x', 'x'] })).toThrow(/listed twice/);
    expect(() => compile(x)(1, 2)).toThrow(/expected 1 argument \(x\), got 2/);
  });
});

describe('compile: identifiers never come from user text', () => {
  const hostile = ['constructor', 'toString', 'eval', 'Function', 'process', 'require', 'return', 'this', 'arguments',
    'x', 't0', 'out', 'evals', 'E0', 's1', 'NaN', 'Infinity', 'undefined', 'compiled', 'chunk0', 'Math'];
  it('hostile variable names compile, evaluate correctly and do not appear in the source', () => {
    const vs = hostile.map((h) => variable(h));
    let e: Expr = num(0);
    vs.forEach((v, i) => (e = add(e, mul(num(i + 1), v))));
    const f = compile(e, { vars: hostile });
    const xs = hostile.map((_, i) => i * 0.5);
    let expected = 0;
    xs.forEach((v, i) => (expected += (i + 1) * v));
    expect(f(...xs)).toBe(expected);
    const point = Object.fromEntries(hostile.map((h, i) => [h, xs[i]!]));
    expect(f.at(point)).toBe(expected);
    for (const h of ['constructor', 'toString', 'process', 'require', 'arguments', 'this', 'undefined']) {
      expect(f.source.includes(h)).toBe(false);
    }
  });
});

describe('compile: large and deep DAGs', () => {
  it('a 10⁵-deep chain compiles in chunks and evaluates exactly', () => {
    let e: Expr = x;
    for (let i = 0; i < 100_000; i++) e = add(mul(e, num(1)), num(1));
    const f = compile(e);
    expect(f.statements).toBe(200_000);
    expect(f.source).toMatch(/function chunk1\(/);
    expect(f(0.5)).toBe(100_000.5);
  });
});

describe('compileMany: several outputs sharing nodes', () => {
  it('returns all values; a symbolic gradient compiles the same way', () => {
    const e = mul(pow(x, 3), fn('sin', y));
    // ∂/∂x and ∂/∂y built from the registry's symbolic rules, by hand: 3x²·sin y, x³·cos y
    const gx = mul(mul(num(3), pow(x, 2)), fn('sin', y));
    const gy = mul(pow(x, 3), fn('cos', y));
    const g = compileMany([e, gx, gy]);
    const r = g(2, 0.5);
    expect(Array.from(r)).toEqual([8 * Math.sin(0.5), 12 * Math.sin(0.5), 8 * Math.cos(0.5)]);
    const out = new Float64Array(3);
    expect(g.fromArray([2, 0.5], out)).toBe(out);
    expect(() => compileMany([])).toThrow(/nothing to compile/);
  });
});

describe('compile agrees with evaluate on every op (property)', () => {
  it('inline templates compute exactly what eval computes', () => {
    for (const op of opNames) {
      const a = opDef(op).arity;
      const n = typeof a === 'number' ? a : a.min === 1 ? 2 : a.min + 1;
      if (!arityOk(a, n)) continue;
      const vs = Array.from({ length: n }, (_, i) => variable(`a${i}`));
      const e = call(op, vs);
      const f = compile(e);
      fc.assert(
        fc.property(fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: n, maxLength: n }), (xs) => {
          const want = evaluate(e, Object.fromEntries(vs.map((v, i) => [v.name, xs[i]!])), { strict: false });
          const got = f(...xs);
          return Object.is(got, want) || got === want;
        }),
        { numRuns: 60 },
      );
    }
  });

  it('symbolic partials from the registry compile and evaluate (smoke test over every op)', () => {
    for (const op of opNames) {
      const a = opDef(op).arity;
      const n = typeof a === 'number' ? a : a.min;
      const vs = Array.from({ length: n }, (_, i) => variable(`a${i}`));
      const self = call(op, vs);
      const d = opDef(op).derivative(vs, self, 0, rawKit);
      const f = compile(d, { vars: vs.map((v) => v.name) });
      const xs = vs.map((_, i) => 0.3 + 0.2 * i);
      expect(f(...xs)).toBe(evaluate(d, Object.fromEntries(vs.map((v, i) => [v.name, xs[i]!])), { strict: false }));
    }
  });
});

describe('compile: the symbolic gradient', () => {
  it('compiles like any list of expressions and matches reverse mode', async () => {
    const { gradient } = await import('../../src/symbolic/index.ts');
    const { gradient: reverseGradient } = await import('../../src/reverse/index.ts');
    const e = add(mul(pow(x, 3), fn('sin', y)), fn('exp', mul(x, y)));
    const g = gradient(e, ['x', 'y']);
    const f = compileMany(g, { vars: ['x', 'y'] });
    const r = reverseGradient(e, { x: 0.7, y: -1.2 });
    const v = f(0.7, -1.2);
    expect(v[0]).toBeCloseTo(r.gradient.x!, 13);
    expect(v[1]).toBeCloseTo(r.gradient.y!, 13);
  });
});
