import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerLine } from '../../src/cli/batch.ts';
import { allowWrite } from '../../src/cli/files.ts';
import { checkCommand } from '../../src/cli/commands/check.ts';
import { numericCommand } from '../../src/cli/commands/numeric.ts';
import { traceCommand } from '../../src/cli/commands/trace.ts';

const ask = async (req: object): Promise<Record<string, unknown>> => JSON.parse(await answerLine(JSON.stringify(req))) as Record<string, unknown>;

describe('difflab check', () => {
  it('--json has the documented shape', async () => {
    const r = await ask({ cmd: 'check', expr: 'ln x₁ + x₁x₂ − sin x₂', at: 'x1=2,x2=5' });
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['expr', 'readAs', 'at', 'value', 'methods', 'agree']));
    const methods = r.methods as Record<string, { value: number; gradient: Record<string, number>; errorEstimate?: Record<string, number> }>;
    expect(Object.keys(methods)).toEqual(['symbolic', 'forward', 'reverse', 'numeric']);
    expect(methods.reverse!.gradient).toEqual({ x1: 5.5, x2: 2 - Math.cos(5) });
    expect(methods.numeric!.errorEstimate!.x1).toBeGreaterThan(0);
    expect(r.agree).toBe(true);
  });
  it('exits non-zero on disagreement', async () => {
    const req = { cmd: 'check', expr: 'relu(x)', at: { x: 0 } };
    const r = (await checkCommand.run(req)) as Parameters<NonNullable<typeof checkCommand.exitCode>>[0];
    expect(checkCommand.exitCode!(r)).toBe(1);
    expect(checkCommand.text(r, req)).toMatch(/verdict: DISAGREE/);
  });
  it('the text has one row per method, differences and a verdict', async () => {
    const req = { cmd: 'check', expr: 'x^x', at: 'x=2' };
    const text = checkCommand.text(await checkCommand.run(req), req);
    expect(text).toMatch(/^symbolic\s+4\s+6\.77258872223978/m);
    expect(text).toMatch(/^reverse\s+4\s+6\.77258872223978/m);
    expect(text).toContain('difference from reverse mode');
    expect(text).toMatch(/verdict: AGREE/);
  });
  it('names given in the point that the expression does not use are reported', async () => {
    // e is Euler's number, not a variable
    const r = await ask({ cmd: 'check', expr: 'x e', at: { x: 2, e: 5 } });
    expect(r.ignored).toEqual(['e']);
    expect((r.methods as { reverse: { gradient: Record<string, number> } }).reverse.gradient).toEqual({ x: Math.E });
  });
  it('bad options are DiffErrors', async () => {
    expect(await ask({ cmd: 'check', expr: 'x', at: 'x=1', numeric: 'simpson' })).toEqual({ error: { message: '--numeric must be one of central, forward, richardson, got simpson' } });
  });
});

describe('difflab trace', () => {
  it('reproduces the survey numbers in text and JSON', async () => {
    const req = { cmd: 'trace', expr: 'ln x₁ + x₁x₂ − sin x₂', at: 'x1=2,x2=5', mode: 'forward', wrt: 'x₁' };
    const r = await traceCommand.run(req);
    const text = traceCommand.text(r, req);
    expect(text).toMatch(/y\s+= v₅\s+= 11\.652/);
    expect(text).toMatch(/ẏ\s+= v̇₅\s+= 5\.5/);
    const j = await ask({ ...req, mode: 'reverse' });
    expect((j.trace as { adjoints: { gradient: Record<string, number> } }).adjoints.gradient.x1).toBe(5.5);
  });
});

describe('difflab graph', () => {
  it('writes an SVG drawn by Graphviz', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'difflab-graph-'));
    const svg = join(dir, 'g.svg');
    // batch writes files only with --allow-write DIR, inside DIR
    const r = JSON.parse(await answerLine(JSON.stringify({ cmd: 'graph', expr: '1/(exp(−(wx+b))+1)', at: { x: 1, w: 0, b: 0 }, svg }), allowWrite(dir))) as Record<string, unknown>;
    expect(r.svg).toBe(svg);
    const text = readFileSync(svg, 'utf8');
    expect(text).toContain('<svg');
    expect(text).toContain('adjoint 0.25');
  });
});

describe('difflab numeric', () => {
  it('central, forward and Richardson against reverse mode', async () => {
    const r = (await ask({ cmd: 'numeric', expr: 'sin(x) e^x', at: 'x=0.5' })) as { methods: Record<string, { error: Record<string, number> }> };
    expect(r.methods.central!.error.x).toBeLessThan(1e-8);
    expect(r.methods.richardson!.error.x).toBeLessThan(1e-11);
    expect(r.methods.forward!.error.x).toBeGreaterThan(r.methods.central!.error.x!);
  });
  it('--sweep tabulates and plots the error against h', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'difflab-sweep-'));
    const svg = join(dir, 's.svg');
    const req = { cmd: 'numeric', expr: 'exp(x)', at: 'x=1', sweep: true, svg };
    const r = await numericCommand.run(req);
    const text = numericCommand.text(r, req);
    expect(text).toContain('best h: central');
    expect(readFileSync(svg, 'utf8')).toContain('<svg');
    const best = (r as { sweep: { best: { central: { h: number } } } }).sweep.best.central.h;
    expect(best).toBeGreaterThan(1e-7);
    expect(best).toBeLessThan(1e-3);
  });
});
