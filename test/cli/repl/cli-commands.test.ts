// The REPL's :check, :trace, :graph, :numeric… run the command line's own
// commands with the session's point, declared variables and definitions.

import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import refs from './refs.json' with { type: 'json' };
import { transcript, valueOf } from './helpers.ts';

const textbook = 'ln x + x²y − sin xy';
const json = (out: string): Record<string, unknown> => JSON.parse(out.split('\n').find((l) => l.startsWith('{'))!) as Record<string, unknown>;

describe(':check compares the four ways at the session point', () => {
  it('prints the table and the verdict', async () => {
    const { out } = await transcript([':at x=2 y=5', `:check ${textbook}`]);
    expect(out).toMatch(/symbolic +21\.2371682914/);
    expect(out).toMatch(/^reverse\b/m);
    expect(out).toMatch(/^numeric\b/m);
    expect(out).toMatch(/verdict: AGREE/);
  });
  it('its gradient is the textbook one (mpmath), with definitions expanded', async () => {
    const { out } = await transcript([':at x=2 y=5', `z = ${textbook}`, ':check z --json']);
    const r = json(out) as { agree: boolean; methods: Record<string, { gradient: Record<string, number> }> };
    expect(r.agree).toBe(true);
    for (const m of ['symbolic', 'forward', 'reverse']) {
      expect(r.methods[m]!.gradient.x).toBeCloseTo(refs.dz_dx, 10);
      expect(r.methods[m]!.gradient.y).toBeCloseTo(refs.dz_dy, 10);
    }
  });
  it('without a point it says which variable needs a value, the REPL way', async () => {
    const { out } = await transcript([':check x + y']);
    expect(out).toBe('error: unbound variable x: give it a value (e.g. :at x=1)\n');
  });
});

describe(':trace forward and reverse', () => {
  // d/dx (x²y + sin x) = 2xy + cos x = 20 + cos 2 at (2, 5)
  const dfdx = 20 + Math.cos(2);
  it('reverse: the adjoint trace', async () => {
    const { out } = await transcript([':at x=2 y=5', ':trace reverse x²y + sin x']);
    expect(out).toMatch(/Reverse adjoint trace/);
    expect(out).not.toMatch(/tangent trace/);
    const r = json((await transcript([':at x=2 y=5', ':trace reverse x²y + sin x --json'])).out);
    expect(JSON.stringify(r)).toContain(String(dfdx).slice(0, 10));
  });
  it('forward: the tangent trace', async () => {
    const { out } = await transcript([':at x=2 y=5', ':trace forward x²y + sin x']);
    expect(out).toMatch(/Forward tangent trace/);
    expect(out).not.toMatch(/Reverse adjoint trace/);
  });
  it('the mode may be left out', async () => {
    const { out } = await transcript([':at x=2 y=5', ':trace x y']);
    expect(out).toMatch(/trace/);
  });
});

describe(':graph draws the computational graph to a file', () => {
  it('writes the SVG under the session directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'difflab-graph-'));
    const { out } = await transcript([':at x=1 y=2', ':graph x²y + sin(xy) g.svg'], { cwd: dir });
    expect(out).toMatch(/wrote .*g\.svg/);
    expect(readFileSync(join(dir, 'g.svg'), 'utf8')).toMatch(/<svg[ >]/);
  });
  it('a .dot file gets the Graphviz source', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'difflab-graph-'));
    await transcript([':at x=1 y=2', ':graph x y g.dot'], { cwd: dir });
    expect(existsSync(join(dir, 'g.dot'))).toBe(true);
    expect(readFileSync(join(dir, 'g.dot'), 'utf8')).toMatch(/digraph/);
  });
});

describe(':numeric and the other command-line commands', () => {
  it(':numeric estimates the derivative at the point', async () => {
    const { out } = await transcript([':at x=2', ':numeric sin x --json']);
    expect(JSON.stringify(json(out))).toMatch(/-0\.41614683654/);
  });
});

describe(':train and :experiment', () => {
  it(':train neuron learns the AND gate (the truth table is the reference)', async () => {
    const { out } = await transcript([':train neuron --json']);
    const r = json(out) as { task: string; accuracy: number; predictions: { input: number[]; target: number; output: number }[] };
    expect(r.task).toBe('neuron');
    expect(r.accuracy).toBe(1);
    for (const p of r.predictions) expect(p.target).toBe(p.input[0]! === 1 && p.input[1]! === 1 ? 1 : 0);
    for (const p of r.predictions) expect(Math.round(p.output)).toBe(p.target);
  });
  it(':train neuron prints the epochs and the final line', async () => {
    const { out } = await transcript([':train neuron --epochs 50']);
    expect(out).toMatch(/^ +epoch +loss/m);
    expect(out).toMatch(/^final: loss /m);
  });
  it(':experiment lists the experiments', async () => {
    const { out } = await transcript([':experiment']);
    expect(out).toMatch(/backprop-by-hand/);
  });
  it(':train with an unknown task says so and the session goes on', async () => {
    const { out } = await transcript([':train nonsense', '1 + 1']);
    expect(out).toMatch(/^error: .*nonsense/m);
    expect(out).toMatch(/^2$/m);
  });
});

describe(':steps runs diff --steps', () => {
  it('names each rule and ends with the simplified derivative', async () => {
    const { out } = await transcript([':steps d/dx x² sin x']);
    expect(out).toMatch(/\[product rule\]/);
    expect(out).toMatch(/\[power rule\]/);
    const r = json((await transcript([':steps d/dx x² sin x --json'])).out) as { derivative: string; wrt: string; steps: { rule: string }[] };
    expect(r.wrt).toBe('x');
    expect(r.steps.map((s) => s.rule)).toContain('product rule');
    // hand derivation: d/dx x² sin x = 2x sin x + x² cos x
    for (const x of [-1, 0.5, 2]) expect(valueOf(r.derivative, { x })).toBeCloseTo(2 * x * Math.sin(x) + x * x * Math.cos(x), 12);
  });
  it('without a head it differentiates by the default variable; d/dy picks another', async () => {
    const r = json((await transcript([`:steps ${textbook} --json`])).out) as { wrt: string };
    expect(r.wrt).toBe('x');
    const ry = json((await transcript([`:steps d/dy ${textbook} --json`])).out) as { wrt: string; derivative: string };
    expect(ry.wrt).toBe('y');
    for (const p of [{ x: 1.5, y: 0.5 }]) expect(valueOf(ry.derivative, p)).toBeCloseTo(p.x ** 2 - p.x * Math.cos(p.x * p.y), 12);
  });
  it('of a definition', async () => {
    const r = json((await transcript(['f = x³', ':steps d/dx f --json'])).out) as { derivative: string };
    expect(valueOf(r.derivative, { x: 2 })).toBe(12);
  });
});

describe(':swell family n', () => {
  it('the logistic map up to n = 10: f by hand (tree 6·2ⁿ⁻¹ − 5; DAG 3n, since 4 and 1 are shared and each step adds 4l, 1 − l and their product)', async () => {
    const r = json((await transcript([':swell logistic 10 --json'])).out) as { family: string; rows: { n: number; f: { tree: number; dag: number }; derivative: { tree: number; dag: number } }[] };
    expect(r.family).toBe('logistic');
    expect(r.rows.map((row) => row.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const row of r.rows.slice(1)) expect(row.f).toEqual({ tree: 6 * 2 ** (row.n - 1) - 5, dag: 3 * row.n });
    // the derivative's tree at least doubles with each step while its DAG grows by a constant
    const d = r.rows.map((row) => row.derivative);
    for (let i = 3; i < 10; i++) {
      expect(d[i]!.tree / d[i - 1]!.tree).toBeGreaterThan(2);
      expect(d[i]!.dag - d[i - 1]!.dag).toBe(d[i - 1]!.dag - d[i - 2]!.dag);
    }
  });
  it('prints the table', async () => {
    const { out } = await transcript([':swell logistic 3']);
    expect(out).toMatch(/^n +f tree +f DAG/m);
    expect(out).toMatch(/^3 +19 +9 /m);
  });
});

describe(':diff, :grad, :hessian are the command line ones', () => {
  it(':grad and :hessian at the session point', async () => {
    const g = json((await transcript([':at x=2 y=5', ':grad x²y --json'])).out) as { gradient: { wrt: string; value: number }[] };
    expect(g.gradient.map((p) => [p.wrt, p.value])).toEqual([['x', 20], ['y', 4]]);
    const h = json((await transcript([':at x=2 y=5', ':hessian x²y --json'])).out) as { hessian: { value: number }[][] };
    expect(h.hessian.map((row) => row.map((c) => c.value))).toEqual([[10, 4], [4, 0]]);
  });
  it(':diff --latex', async () => {
    const { out } = await transcript([':diff x³ --latex']);
    expect(out).toMatch(/3 x\^\{2\}/);
  });
});
