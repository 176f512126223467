// The REPL's :check, :trace, :graph, :numeric… run the command line's own
// commands with the session's point, declared variables and definitions.

import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import refs from './refs.json' with { type: 'json' };
import { transcript } from './helpers.ts';

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
