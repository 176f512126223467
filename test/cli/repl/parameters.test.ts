// The seeds' sentence, end to end in the REPL: define f(x; w, b) = σ(wx + b),
// show its graph's local derivatives at x = 1, w = 0, b = 0, then train it.
// By hand at x = 1, w = 0, b = 0: f = σ(0) = ½, σ′(0) = ¼, so ∂f/∂w = x·¼ = ¼ and ∂f/∂b = ¼.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/cli/repl/session.ts';

async function run(lines: readonly string[]): Promise<string[]> {
  const s = new Session({});
  const out: string[] = [];
  for (const l of lines) {
    const r = await s.run(l);
    out.push(r.text);
  }
  return out;
}

describe('f(x; w, b) in the REPL', () => {
  it('records the inputs and the parameters', async () => {
    const [def, defs] = await run(['f(x; w, b) = σ(wx + b)', ':defs']);
    expect(def).toBe('f(x; w, b) = σ(wx + b)');
    expect(defs).toMatch(/f\(x; w, b\)\s+=\s+σ\(wx \+ b\)/);
  });
  it('f(1; 0, 0) evaluates to ½', async () => {
    const [, v] = await run(['f(x; w, b) = σ(wx + b)', 'f(1; 0, 0)']);
    expect(v).toMatch(/= 0\.5$/m);
  });
  it('∇ f is by the parameters, and says so', async () => {
    const [, , grad] = await run(['f(x; w, b) = σ(wx + b)', ':at x=1, w=0, b=0', '∇ f']);
    expect(grad).toMatch(/by the parameters w, b of f\(x; w, b\)/);
    expect(grad).toMatch(/∂\/∂w .*= 0\.25/);
    expect(grad).toMatch(/∂\/∂b .*= 0\.25/);
    expect(grad).not.toMatch(/∂\/∂x/);
  });
  it(':check f compares the gradient by the parameters', async () => {
    const [, , check] = await run(['f(x; w, b) = σ(wx + b)', ':at x=1, w=0, b=0', ':check f']);
    expect(check).toMatch(/:check f by the parameters w, b/);
    expect(check).toMatch(/∂f\/∂w\s+∂f\/∂b/);
    expect(check).not.toMatch(/∂f\/∂x/);
    expect(check).toMatch(/verdict: AGREE/);
  });
  it(':train f --explain shows the local derivatives at x = 1, w = 0, b = 0, then trains f', async () => {
    const [, train] = await run(['f(x; w, b) = σ(wx + b)', ':train f --data threshold --epochs 300 --explain']);
    expect(train).toMatch(/The graph of f = σ\(w·?x \+ b\) at x = 1, w = 0, b = 0/);
    expect(train).toMatch(/∂f\/∂w = ∂f\/∂b = 0\.25/);
    expect(train).toMatch(/learned: w = [0-9.]+, b = -?[0-9.]+/);
    expect(train).toMatch(/training accuracy 100\.0 %/);
  });
  it(':train g --data and trains a two-input definition on a gate', async () => {
    const [, train] = await run(['g(x1, x2; w1, w2, b) = σ(w1 x1 + w2 x2 + b)', ':train g --data and --epochs 500']);
    expect(train).toMatch(/learned: w₁ = .*, w₂ = .*, b = /);
    expect(train).toMatch(/training accuracy 100\.0 %/);
  });
  it(':train f with a CSV file of named columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'difflab-'));
    const file = join(dir, 'points.csv');
    writeFileSync(file, 't,x\n0,-2\n0,-1\n1,1\n1,2\n');
    const [, train] = await run(['f(x; w, b) = σ(wx + b)', `:train f --data ${file} --epochs 300`]);
    expect(train).toMatch(/training accuracy 100\.0 %/);
  });
  it('a definition without parameters cannot be trained, and says how to write one', async () => {
    const [, train] = await run(['h(x, w) = σ(wx)', ':train h']);
    expect(train).toMatch(/has no parameters to learn: define it as h\(x; w, b\)/);
  });
});

describe('the parser’s function spellings cannot be redefined', () => {
  it.each(['lg', 'pow', 'log10', 'cbrt', 'asinh'])('%s', async (name) => {
    const [out] = await run([`${name}(x) = x`]);
    expect(out).toMatch(new RegExp(`${name} is a built-in function`));
  });
});
