// Names that are properties of Object.prototype (issue 9, item 9): every
// engine looks a variable up as an own property of the point (or in a Map),
// so an unset `constructor` is an unbound variable, never Object's
// constructor function, and a set one has exactly the value given.

import { describe, expect, it } from 'vitest';
import { compile, crossCheck, evaluate, forward, numeric, reverse, trace } from '../../src/index.ts';
import { add, call, mul, num, variable, type Expr } from '../../src/expr/expr.ts';
import { transcript } from '../cli/repl/helpers.ts';

// (`__proto__` is not a valid variable name, see the last test.)
const NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'];

/** f = name · x + sin(name), with ∂f/∂name = x + cos(name) and ∂f/∂x = name (hand derivation). */
function f(name: string): Expr {
  const v = variable(name);
  return add(mul(v, variable('x')), call('sin', [v]));
}

/** A point with `name` as an own property (JSON.parse creates own properties, as a JSON request would). */
function pointWith(name: string, value: number): Record<string, number> {
  return JSON.parse(`{"x": 3, ${JSON.stringify(name)}: ${value}}`) as Record<string, number>;
}

const ENGINES: readonly [string, (e: Expr, p: Record<string, number>) => unknown][] = [
  ['eval', (e, p) => evaluate(e, p)],
  ['forward', (e, p) => forward.gradient(e, p)],
  ['forward jvp', (e, p) => forward.jvp(e, p, { x: 1 })],
  ['forward hessian', (e, p) => forward.hessian(e, p)],
  ['reverse', (e, p) => reverse.gradient(e, p)],
  ['reverse hvp', (e, p) => reverse.hvp(e, p, {})],
  ['numeric', (e, p) => numeric.gradient(e, p)],
  ['check', (e, p) => crossCheck(e, p)],
  ['trace (reverse)', (e, p) => trace(e, p)],
  ['trace (forward)', (e, p) => trace(e, p, { mode: 'forward', wrt: 'x' })],
  ['compile(e).at', (e, p) => compile(e).at(p)],
];

describe('an unset prototype name is "unbound variable NAME" in every engine', () => {
  for (const name of NAMES) {
    for (const [engine, run] of ENGINES) {
      it(`${name} in ${engine}`, () => {
        expect(() => run(f(name), { x: 3 })).toThrow(`unbound variable ${name}`);
        expect(() => run(f(name), new Map([['x', 3]]) as unknown as Record<string, number>)).toThrow(`unbound variable ${name}`);
      });
    }
  }
  it('compile(e).at({}) for a lone name', () => {
    expect(() => compile(variable('constructor')).at({})).toThrow('unbound variable constructor');
  });
});

describe('a set prototype name has exactly its value, and gradients carry it as an own key', () => {
  for (const name of NAMES) {
    it(name, () => {
      const p = pointWith(name, 2);
      const value = 2 * 3 + Math.sin(2);
      const dName = 3 + Math.cos(2);
      expect(evaluate(f(name), p)).toBe(value);
      expect(compile(f(name)).at(p)).toBe(value);
      for (const g of [forward.gradient(f(name), p).gradient, reverse.gradient(f(name), p).gradient]) {
        expect(Object.prototype.hasOwnProperty.call(g, name)).toBe(true);
        expect(Object.getOwnPropertyDescriptor(g, name)!.value).toBeCloseTo(dName, 14);
        expect(g.x).toBe(2);
      }
      const n = numeric.gradient(f(name), p, { method: 'richardson' });
      expect(Object.getOwnPropertyDescriptor(n.gradient, name)!.value).toBeCloseTo(dName, 9);
      const r = crossCheck(f(name), p);
      expect(r.agree).toBe(true);
      expect(Object.getOwnPropertyDescriptor(r.methods.symbolic.gradient, name)!.value).toBeCloseTo(dName, 14);
      const t = trace(f(name), p);
      expect(t.inputs.find((i) => i.name === name)!.value).toBe(2);
      expect(Object.getOwnPropertyDescriptor(t.adjoints!.gradient, name)!.value).toBeCloseTo(dName, 14);
    });
  }
  it('a Map point works the same', () => {
    const p = new Map([['constructor', 2], ['x', 3]]);
    expect(evaluate(f('constructor'), p)).toBe(6 + Math.sin(2));
    expect(reverse.gradient(f('constructor'), p).gradient.x).toBe(2);
    expect(evaluate(num(1), new Map())).toBe(1);
  });
  it('`__proto__` is not a variable name, and a point that names it changes nothing', () => {
    expect(() => variable('__proto__')).toThrow(/invalid variable name/);
    const p = JSON.parse('{"__proto__": 5, "x": 3}') as Record<string, number>;
    expect(evaluate(f('constructor'), { ...p, constructor: 1 })).toBe(3 + Math.sin(1));
    expect(reverse.gradient(f('constructor'), Object.assign(p, { constructor: 1 })).gradient.x).toBe(1);
  });
});

describe('the REPL reads its point as own properties too', () => {
  it('an unset constructor is a missing value, a set one has its value', async () => {
    const { out } = await transcript([':vars constructor', ':at x=1', 'constructor + x', ':at constructor=2', 'constructor + x']);
    expect(out).not.toMatch(/−∞|must be a number/);
    expect(out).toMatch(/the point does not set constructor/);
    expect(out).toMatch(/= 3 at constructor = 2, x = 1/);
  });
});
