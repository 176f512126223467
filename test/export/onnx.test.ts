import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { call, num, variable, type Expr } from '../../src/expr/expr.ts';
import { evaluate } from '../../src/expr/eval.ts';
import { parse } from '../../src/parse/index.ts';
import { gradient as reverseGradient } from '../../src/reverse/index.ts';
import { exportOnnx, exportOnnxReport, readOnnxModel } from '../../src/export/index.ts';
import { opDef, opNames } from '../../src/ops/index.ts';
import { arities, maxRelDiff, samplePoints } from './helpers.ts';

const ARGS = ['a', 'b', 'c'];

async function run(bytes: Uint8Array, feeds: Record<string, number[]>): Promise<Record<string, Float64Array>> {
  const session = await ort.InferenceSession.create(bytes);
  const inputs: Record<string, ort.Tensor> = {};
  for (const [k, v] of Object.entries(feeds)) inputs[k] = new ort.Tensor('float64', Float64Array.from(v), [v.length]);
  const out = await session.run(inputs);
  return Object.fromEntries(Object.entries(out).map(([k, t]) => [k, t.data as Float64Array]));
}

function difflabValues(e: Expr, feeds: Record<string, number[]>, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => evaluate(e, Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, v[i]!]))));
}

describe('ONNX export of every registry op that ONNX can express, run in ONNX Runtime', () => {
  const cases = opNames.filter((op) => opDef(op).export?.onnx !== undefined).flatMap((op) => arities(op).map((n) => [op, n] as const));

  it('covers the registry (every op lowers, or is refused by name)', () => {
    expect(cases.length).toBeGreaterThan(30);
  });

  for (const [op, n] of cases) {
    it(`${op} with ${n} argument${n === 1 ? '' : 's'}`, async () => {
      const e = call(op, ARGS.slice(0, n).map((a) => variable(a)));
      const cols = samplePoints(op, n, 64, 17 + n);
      const feeds = Object.fromEntries(ARGS.slice(0, n).map((a, i) => [a, cols[i]!]));
      const report = exportOnnxReport(e);
      const out = await run(report.bytes, feeds);
      const ref = difflabValues(e, feeds, cols[0]!.length);
      // double throughout, except the ops ONNX Runtime computes only in float32 (documented)
      if (report.floatOps.length === 0) expect(maxRelDiff(out.value!, ref)).toBeLessThanOrEqual(1e-12);
      else for (let i = 0; i < ref.length; i++) expect(Math.abs(out.value![i]! - ref[i]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(ref[i]!)));
    });
  }

  it('every op is computed in double (no float32 node)', () => {
    const float = opNames.filter((op) => opDef(op).export?.onnx !== undefined && arities(op).some((n) => exportOnnxReport(call(op, ARGS.slice(0, n).map((a) => variable(a)))).floatOps.length > 0));
    expect(float).toEqual([]);
  });
});

/**
 * Points the seeded samples rarely or never reach: the rounding functions at halves and where x + ½ would
 * round (0.49999999999999994, 2⁵² + 1), signed zeros, atan2's quadrants and axes, arguments near the ends
 * of the domains. The expected values are written by hand (IEEE atan2, rounding halves away from zero), and
 * difflab's eval must agree with them too.
 */
describe('ONNX export of the rounding, inverse and two-argument ops at their edges', () => {
  const big = 2 ** 52 + 1;
  // the arguments by variable name, and the expected values
  const cases: [string, string, Record<string, number[]>, number[]][] = [
    ['round', 'round(x)', { x: [0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994, big, -big, -0.2, -0, 1e300, 3.7, -Infinity] }, [1, -1, 2, -2, 3, -3, 0, -0, big, -big, -0, -0, 1e300, 4, -Infinity]],
    ['floor', 'floor(x)', { x: [2.5, -2.5, -0.2, big, -big] }, [2, -3, -1, big, -big]],
    ['ceil', 'ceil(x)', { x: [2.5, -2.5, -0.2, big, -big] }, [3, -2, -0, big, -big]],
    ['frac', 'frac(x)', { x: [2.25, -2.25, -0.5, 7] }, [0.25, 0.75, 0.5, 0]],
    ['atan2', 'atan2(y, x)', { y: [1, 1, -1, -1, 0, -0, 0, -0, 1, -1, Infinity, -Infinity, 1e-300], x: [1, -1, -1, 1, -1, -1, 1, 1, 0, -0, -Infinity, Infinity, -1] },
      [Math.PI / 4, (3 * Math.PI) / 4, (-3 * Math.PI) / 4, -Math.PI / 4, Math.PI, -Math.PI, 0, -0, Math.PI / 2, -Math.PI / 2, (3 * Math.PI) / 4, -Math.PI / 4, Math.PI]],
    ['acot', 'acot(x)', { x: [0, -0, 1, -1, 1e8, -1e-8, Infinity] }, [Math.PI / 2, -Math.PI / 2, Math.PI / 4, -Math.PI / 4, 1e-8, -(Math.PI / 2 - 1e-8), 0]],
    ['arctan far out', 'arctan(x)', { x: [1e8, -1e15, 1e300] }, [Math.PI / 2 - 1e-8, -(Math.PI / 2 - 1e-15), Math.PI / 2]],
    ['sinc', 'sinc(x)', { x: [0, -0, Infinity, Math.PI] }, [1, 1, 0, Math.sin(Math.PI) / Math.PI]],
    ['dsinc', 'dsinc(x)', { x: [0, Infinity, -Infinity] }, [0, 0, 0]],
    ['asinh and acosh far out', 'arsinh(x) + arcosh(x)', { x: [1e200] }, [2 * (Math.log(1e200) + Math.LN2)]],
    ['root of a negative number', 'root(x, n)', { x: [-8, -8, -8, 8], n: [3, -3, 2, 0.5] }, [-2, -0.5, NaN, 64]],
    ['hypot at the origin and at ∞', 'hypot(x, y)', { x: [0, Infinity, 3e300], y: [0, 1, 4e300] }, [0, Infinity, 5e300]],
  ];
  for (const [name, text, cols, want] of cases) {
    it(`${name}: ${want.length} points`, async () => {
      const e = parse(text);
      const report = exportOnnxReport(e);
      const vars = report.inputs.map((m) => m.variable);
      expect(vars.slice().sort()).toEqual(Object.keys(cols).sort());
      const out = await run(report.bytes, cols);
      for (let i = 0; i < want.length; i++) {
        const at = `${text} at ${vars.map((v) => `${v} = ${cols[v]![i]}`).join(', ')}`;
        // zeros, integers and infinities exactly (with their sign), other values to 1e-12 relative
        const close = (a: number, b: number): boolean => Object.is(a, b) || (!Number.isInteger(b) && Math.abs(a - b) <= 1e-12 * Math.abs(b));
        let ref: number;
        try {
          ref = evaluate(e, Object.fromEntries(vars.map((v) => [v, cols[v]![i]!])));
        } catch {
          ref = NaN; // outside the domain: difflab refuses, the export gives NaN
        }
        expect(close(ref, want[i]!), `difflab: ${at} = ${ref}`).toBe(true);
        expect(close(out.value![i]!, want[i]!), `ONNX: ${at} = ${out.value![i]}`).toBe(true);
      }
    });
  }
});

describe('ONNX export of expressions and gradients', () => {
  const exprs = ['ln x + x²y − sin xy', 'σ(w1 x1 + w2 x2 + b)', 'xˣ', 'arctan(x/y) + arcsin(x/4) cosh y', 'logsumexp(x, y, 2x) − softplus(x − y)', 'elu(x, y) + leakyrelu(x y, 0.2) + swish(x, 2)'];
  for (const text of exprs) {
    it(`${text}: value and symbolic gradient agree with the reverse-mode tape to 1e-12`, async () => {
      const e = parse(text, { variables: ['w1', 'w2', 'x1', 'x2'] });
      const report = exportOnnxReport(e, { grad: true });
      const vars = report.inputs.map((m) => m.variable);
      const cols = samplePointsFor(e, vars, 32);
      const out = await run(report.bytes, cols);
      const n = cols[vars[0]!]!.length;
      const value = new Float64Array(n);
      const grads = vars.map(() => new Float64Array(n));
      for (let i = 0; i < n; i++) {
        const r = reverseGradient(e, Object.fromEntries(vars.map((v) => [v, cols[v]![i]!])));
        value[i] = r.value;
        vars.forEach((v, j) => (grads[j]![i] = r.gradient[v]!));
      }
      expect(maxRelDiff(out.value!, value)).toBeLessThanOrEqual(1e-12);
      vars.forEach((v, j) => expect(maxRelDiff(out[`grad.${v}`]!, grads[j]!)).toBeLessThanOrEqual(1e-12));
    });
  }

  it('an output that does not depend on the inputs still has the batch shape', async () => {
    const out = await run(exportOnnx(parse('3x'), { grad: true }), { x: [1, 2, 5] });
    expect(Array.from(out['grad.x']!)).toEqual([3, 3, 3]);
  });

  it('writes IR version 8, opset 17, one double input per variable named by its ASCII name', () => {
    const m = readOnnxModel(exportOnnx(parse('x₁α + β', { variables: [] }))) as {
      irVersion: number;
      opsetImport: { domain?: string; version: number }[];
      graph: { input: { name: string; type: { tensorType: { elemType: number } } }[] };
    };
    expect(m.irVersion).toBe(8);
    expect(m.opsetImport.map((o) => [o.domain ?? '', o.version])).toEqual([['', 17]]);
    expect(m.graph.input.map((i) => i.name)).toEqual(['alpha', 'beta', 'x1']);
    expect(m.graph.input.every((i) => i.type.tensorType.elemType === 11)).toBe(true);
  });

  it('a variable named like the output moves aside (ONNX names may be any string; only clashes matter)', async () => {
    const e = parse('value + lambda·None', { variables: ['value', 'lambda', 'None'] });
    const report = exportOnnxReport(e);
    expect(report.inputs).toEqual([
      { variable: 'lambda', id: 'lambda' },
      { variable: 'None', id: 'None' },
      { variable: 'value', id: 'value_' },
    ]);
    const out = await run(report.bytes, { lambda: [2], None: [3], value_: [4] });
    expect(out.value![0]).toBe(10);
  });

  it('a deep expression (10⁴ nested tanh) exports and runs: no recursion in the exporter', async () => {
    let e: Expr = variable('x');
    for (let i = 0; i < 10_000; i++) e = call('tanh', [e]);
    const report = exportOnnxReport(e);
    expect(report.nodes).toBe(10_001); // the Tanh nodes and the output's Identity
    const out = await run(report.bytes, { x: [0.5] });
    expect(Math.abs(out.value![0]! - evaluate(e, { x: 0.5 })) / evaluate(e, { x: 0.5 })).toBeLessThanOrEqual(1e-12);
  });

  it('an expression whose tree is too large to print (30 steps of the logistic map, 3.2e9 tree nodes) exports with its gradient', async () => {
    let e: Expr = variable('x');
    for (let i = 1; i < 30; i++) e = call('mul', [call('mul', [num(4), e]), call('sub', [num(1), e])]);
    const out = await run(exportOnnx(e, { grad: true }), { x: [0.3, 0.7] });
    [0.3, 0.7].forEach((x, i) => {
      const r = reverseGradient(e, { x });
      expect(Math.abs(out.value![i]! - r.value)).toBeLessThanOrEqual(1e-12 * Math.abs(r.value));
      // the map is chaotic: 29 steps amplify rounding by up to 2²⁹, in both engines alike
      expect(Math.abs(out['grad.x']![i]! - r.gradient.x!)).toBeLessThanOrEqual(1e-6 * Math.abs(r.gradient.x!));
    });
  });

  it('refuses an op without an ONNX form, naming it', () => {
    // a registry op stripped of its lowering stands in for an op added without one
    const def = opDef('erf') as { export?: unknown };
    const saved = def.export;
    try {
      Object.defineProperty(def, 'export', { value: undefined, configurable: true, writable: true });
      expect(() => exportOnnx(parse('erf(x) + 1'))).toThrow(/cannot export to ONNX: no ONNX form for erf/);
    } finally {
      Object.defineProperty(def, 'export', { value: saved, configurable: true, writable: true });
    }
  });
});

/** Points where the expression and its partials are finite. */
function samplePointsFor(e: Expr, vars: readonly string[], count: number): Record<string, number[]> {
  const cols: Record<string, number[]> = Object.fromEntries(vars.map((v) => [v, []]));
  let seed = 12345;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let tries = 0; cols[vars[0]!]!.length < count && tries < 100 * count; tries++) {
    const p = Object.fromEntries(vars.map((v) => [v, 0.2 + 2.8 * rand()]));
    let ok: boolean;
    try {
      const r = reverseGradient(e, p);
      ok = Number.isFinite(r.value) && Object.values(r.gradient).every(Number.isFinite);
    } catch {
      ok = false;
    }
    if (ok) for (const v of vars) cols[v]!.push(p[v]!);
  }
  return cols;
}
