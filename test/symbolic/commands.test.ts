// The diff, grad, hessian and swell commands, through the request objects
// that the command line and `difflab batch` both build.

import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerLine } from '../../src/cli/batch.ts';
import type { CliCommand, Request, Result } from '../../src/cli/command.ts';
import { findCommand } from '../../src/cli/commands/index.ts';
import { parse } from '../../src/parse/index.ts';

function command(name: string): CliCommand<Result> {
  const c = findCommand(name);
  if (c === undefined) throw new Error(`${name} is not registered`);
  return c;
}

async function run(req: Request): Promise<{ json: Result; text: string }> {
  const c = command(req.cmd as string);
  const json = await c.run(req);
  return { json, text: c.text(json, req) };
}

describe('difflab diff', () => {
  it('prints the textbook derivative, the reading and the value; JSON has the documented keys', async () => {
    const { json, text } = await run({ cmd: 'diff', expr: 'ln x + x²y − sin xy', at: { x: 2, y: 5 } });
    expect(text.split('\n')).toEqual(['∂/∂x (ln x + x²y − sin(xy)) = 1/x + 2xy − y cos(xy)', '  read as ln(x) + x^2 * y - sin(x * y)', '  at x = 2, y = 5: 24.695357645382263']);
    expect(json).toMatchObject({
      expr: 'ln x + x²y − sin xy',
      readAs: 'ln(x) + x^2 * y - sin(x * y)',
      wrt: 'x',
      derivative: '1 / x + 2 * x * y - y * cos(x * y)',
      unicode: '1/x + 2xy − y cos(xy)',
      latex: '\\frac{1}{x} + 2 x y - y \\cos\\left(x y\\right)',
      sizes: { tree: 16, dag: 12 },
    });
    expect(json.value).toBeCloseTo(24.695357645382263, 13);
    // the ASCII re-parses to the derivative itself
    expect(parse(json.derivative as string)).toBe(parse('1/x + 2x y − y cos(x y)'));
  });

  it('the issue table through the command line', async () => {
    for (const [expr, out] of [
      ['σ(x)', 'd/dx σ(x) = σ(x) σ(−x)'],
      ['tanh x', 'd/dx tanh x = 1/cosh²(x)'],
      ['xˣ', 'd/dx xˣ = xˣ(ln x + 1)'],
      ['4x(1 − x)', 'd/dx (4x(1 − x)) = 4 − 8x'],
    ]) {
      expect((await run({ cmd: 'diff', expr })).text.split('\n')[0]).toBe(out);
    }
  });

  it('--wrt y, --order, mixed partials, --expand, --raw', async () => {
    expect((await run({ cmd: 'diff', expr: 'ln x + x²y − sin xy', wrt: 'y' })).json.unicode).toBe('x² − x cos(xy)');
    const third = await run({ cmd: 'diff', expr: 'sin x', order: '3' });
    expect(third.text.split('\n')[0]).toBe('d³/dx³ sin x = −cos x');
    const mixed = await run({ cmd: 'diff', expr: 'x²y³', wrt: 'x,y' });
    expect(mixed.text.split('\n')[0]).toBe('∂²/∂y∂x (x²y³) = 6xy²');
    expect((await run({ cmd: 'diff', expr: '16x(1 − x)(1 − 2x)²', expand: true })).json.unicode).toBe('16 − 160x + 384x² − 256x³');
    const raw = await run({ cmd: 'diff', expr: 'x^3', raw: true });
    expect(raw.json).toMatchObject({ unicode: '3x²·1', naive: true });
  });

  it('--steps includes the derivation, --latex prints LaTeX', async () => {
    const s = await run({ cmd: 'diff', expr: 'sin(x²)', steps: true });
    expect((s.json.steps as { rule: string }[]).map((x) => x.rule)).toEqual(['chain rule', 'sine rule', 'chain rule', 'power rule', 'simplify']);
    expect(s.text).toContain('where u = x²   [chain rule]');
    const l = await run({ cmd: 'diff', expr: 'x/(1 + x²)', latex: true });
    expect(l.text.split('\n')[0]).toBe('\\frac{d}{d x} \\left(\\frac{x}{1 + x^{2}}\\right) = \\frac{1 - x^{2}}{\\left(x^{2} + 1\\right)^{2}}');
  });

  it('reports the conditions a simplification relied on', async () => {
    const { json, text } = await run({ cmd: 'diff', expr: 'x² ln x / x' });
    expect(json.assumptions).toEqual(['x ≠ 0']);
    expect(text).toContain('where x ≠ 0');
  });

  it('clear errors: several variables, a point outside the domain, a bad name, order and variables together', async () => {
    await expect(run({ cmd: 'diff', expr: 'a b' })).rejects.toThrow(/several variables \(a, b\): choose one with --wrt/);
    await expect(run({ cmd: 'diff', expr: 'ln x', at: { x: -1 } })).rejects.toThrow(/not defined at x = -1: ln is defined for x > 0/);
    await expect(run({ cmd: 'diff', expr: 'x', wrt: '2x' })).rejects.toThrow(/not a variable name/);
    await expect(run({ cmd: 'diff', expr: 'x y', wrt: 'x,y', order: 2 })).rejects.toThrow(/not both/);
  });
});

describe('difflab grad and hessian', () => {
  it('the gradient, every partial with its value', async () => {
    const { json, text } = await run({ cmd: 'grad', expr: 'ln x + x²y − sin xy', at: 'x=2,y=5' });
    expect(json.vars).toEqual(['x', 'y']);
    expect((json.gradient as { unicode: string }[]).map((g) => g.unicode)).toEqual(['1/x + 2xy − y cos(xy)', 'x² − x cos(xy)']);
    expect(text.split('\n')[0]).toBe('∇(ln x + x²y − sin(xy)) = (1/x + 2xy − y cos(xy), x² − x cos(xy))');
    expect(text).toContain('∂/∂y = x² − x cos(xy)          = 5.678143058152905');
  });

  it('the Hessian as a matrix, with values', async () => {
    const { json, text } = await run({ cmd: 'hessian', expr: 'x²y + y³', at: { x: 1, y: 2 } });
    expect((json.hessian as { unicode: string }[][]).map((r) => r.map((c) => c.unicode))).toEqual([
      ['2y', '2x'],
      ['2x', '6y'],
    ]);
    expect(text.split('\n')).toEqual(['Hessian of x²y + y³, rows and columns x, y:', '  ⎡ 2y   2x ⎤', '  ⎣ 2x   6y ⎦', 'at x = 1, y = 2:', '  ⎡ 4    2 ⎤', '  ⎣ 2   12 ⎦', '  read as x^2 * y + y^3']);
  });
});

describe('difflab swell', () => {
  it('JSON shaped {family, rows: [{n, f, derivative, simplified, tape}]}, the tape from the reverse-mode engine', async () => {
    const { json, text } = await run({ cmd: 'swell', family: 'logistic', n: 10 });
    const rows = json.rows as { n: number; f: object; derivative: object; simplified: object; tape: number }[];
    expect(json.family).toBe('logistic');
    expect(rows).toHaveLength(10);
    expect(Object.keys(rows[0]!).sort()).toEqual(['derivative', 'f', 'n', 'simplified', 'tape']);
    expect(rows[9]).toMatchObject({ n: 10, f: { tree: 3067, dag: 30 }, derivative: { tree: 28671, dag: 75 }, tape: 30 });
    expect(text).toMatch(/^\s*10\s+3067\s+30\s+28671\s+75\s+2557\s+123\s+30\s+382\.3$/m);
  });

  it('--svg writes a vega-lite plot', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'swell-')), 'swell.svg');
    const { json } = await run({ cmd: 'swell', family: 'sin', n: 4, svg: file });
    expect(json.svg).toBe(file);
    const svg = readFileSync(file, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('derivative, tree');
  });

  it('an unknown family lists the known ones', async () => {
    await expect(run({ cmd: 'swell', family: 'cosine' })).rejects.toThrow(/logistic, sin, product, sigmoid/);
  });
});

describe('difflab batch answers every one of these commands', () => {
  it('one JSON line each; errors as {"error"}', async () => {
    expect(JSON.parse(await answerLine('{"cmd":"diff","expr":"tanh x"}')).unicode).toBe('1/cosh²(x)');
    expect(JSON.parse(await answerLine('{"cmd":"grad","expr":"x y"}')).vars).toEqual(['x', 'y']);
    expect(JSON.parse(await answerLine('{"cmd":"hessian","expr":"x y"}')).hessian[0][1].derivative).toBe('1');
    expect(JSON.parse(await answerLine('{"cmd":"swell","family":"sin","n":2}')).rows).toHaveLength(2);
    expect(JSON.parse(await answerLine('{"cmd":"diff","expr":"x","wrt":"2x"}'))).toEqual({ error: { message: 'not a variable name: "2x"' } });
  });
});
