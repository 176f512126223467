import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainCommand } from '../../src/cli/commands/train.ts';
import { experimentCommand } from '../../src/cli/commands/experiment.ts';
import { findCommand } from '../../src/cli/commands/index.ts';
import { answerLine } from '../../src/cli/batch.ts';
import { loadModel } from '../../src/nn/layers.ts';

const dir = mkdtempSync(join(tmpdir(), 'difflab-nn-'));

describe('difflab train', () => {
  it('is registered and joins batch mode', async () => {
    expect(findCommand('train')).toBe(trainCommand);
    const out = JSON.parse(await answerLine('{"cmd":"train","task":"xor","epochs":200}')) as Record<string, unknown>;
    expect(out).toMatchObject({ task: 'xor', steps: 200, accuracy: 1 });
    expect(typeof out.msPerStep).toBe('number');
    expect(typeof out.loss).toBe('number');
    expect(out).not.toHaveProperty('network');
  });
  it('--json fields: task, steps, msPerStep, loss, accuracy; text with per-epoch rows and a final report', async () => {
    const req = trainCommand.toRequest(['moons'], { epochs: '20', json: true });
    const r = await trainCommand.run(req);
    for (const k of ['task', 'steps', 'msPerStep', 'loss', 'accuracy']) expect(r).toHaveProperty(k);
    const text = trainCommand.text(r, req);
    expect(text).toMatch(/epoch\s+loss\s+accuracy/);
    expect(text).toMatch(/final: loss [\d.]+, training accuracy [\d.]+ %/);
    expect(text).toMatch(/20 steps, [\d.]+ ms per step/);
  });
  it('--precision picks the WebAssembly kernels\' precision; the report says what trained', async () => {
    for (const [precision, engine] of [
      [undefined, 'WebAssembly SIMD, float64'],
      ['float32', 'WebAssembly SIMD, float32'],
    ] as const) {
      const req = trainCommand.toRequest(['moons'], { epochs: '5', json: true, ...(precision ? { precision } : {}) });
      const r = (await trainCommand.run(req)) as { settings: { engine: string } };
      expect(r.settings.engine).toBe(engine);
      expect(trainCommand.text(r as never, req)).toContain(`ms per step (${engine})`);
    }
    const bad = trainCommand.toRequest(['moons'], { precision: 'float16', json: true });
    await expect(trainCommand.run(bad)).rejects.toThrow(/--precision must be float64 or float32, got "float16"/);
    // a network the kernels do not cover (maxout) trains on the scalar tape, and says so
    const r = (await trainCommand.run(trainCommand.toRequest(['moons'], { epochs: '2', act: 'maxout:2', json: true }))) as { settings: { engine: string } };
    expect(r.settings.engine).toBe('scalar tape');
  });
  it('the neuron with --explain ends in ∂f/∂w = ∂f/∂b = 0.25', async () => {
    const req = trainCommand.toRequest(['neuron'], { explain: true, epochs: '100', json: true });
    const text = trainCommand.text(await trainCommand.run(req), req);
    expect(text).toMatch(/∂f\/∂w = [^\n]*\n\s+= \(-0\.25\)\(1\)\(1\)\(-1\)\(1\)\(1\) = 0\.25/);
    expect(text.trimEnd().endsWith('∂f/∂w = ∂f/∂b = 0.25')).toBe(true);
    expect(text).toMatch(/learned: b = /);
  });
  it('--svg and --save write files; the saved network loads', async () => {
    const svg = join(dir, 'spirals.svg');
    const save = join(dir, 'spirals.json');
    const r = await trainCommand.run(trainCommand.toRequest(['spirals'], { epochs: '3', svg, save, json: true }));
    expect(r.svg).toBe(svg);
    expect(readFileSync(svg, 'utf8').startsWith('<svg')).toBe(true);
    const net = loadModel(readFileSync(save, 'utf8'));
    expect(net.predict([0.1, 0.2]).length).toBe(3);
  });
  it('options reach the run: --hidden, --act, --opt, --lr, --batch, --seed, --reg, --dropout, --schedule', async () => {
    const r = await trainCommand.run(
      trainCommand.toRequest(['spirals'], { hidden: '8,8', act: 'tanh', opt: 'momentum', lr: '0.05', batch: '10', seed: '3', reg: 'l1:1e-4', dropout: '0.9', schedule: 'cosine', epochs: '2', json: true }),
    );
    expect(r.model).toBe('2 → dense 8 → tanh → dropout p=0.9 → dense 8 → tanh → dropout p=0.9 → dense 3');
    expect(r.steps).toBe(2 * 30);
    expect(r.settings).toMatchObject({ optimizer: 'momentum', lr: 0.05, schedule: 'cosine', seed: 3, regularizer: 'l1:1e-4' });
  });
  it('bad options are clear errors', async () => {
    await expect(trainCommand.run(trainCommand.toRequest(['cifar'], {}))).rejects.toThrow(/unknown task/);
    await expect(trainCommand.run(trainCommand.toRequest(['xor'], { hidden: '4,x' }))).rejects.toThrow(/layer sizes/);
    await expect(trainCommand.run(trainCommand.toRequest(['xor'], { opt: 'lbfgs' }))).rejects.toThrow(/unknown optimizer/);
    await expect(trainCommand.run(trainCommand.toRequest(['xor'], { lr: '-1' }))).rejects.toThrow(/positive/);
    await expect(trainCommand.run(trainCommand.toRequest(['xor'], { act: 'sine' }))).rejects.toThrow(/unknown activation/);
    await expect(trainCommand.run(trainCommand.toRequest(['neuron'], { save: join(dir, 'n.json') }))).rejects.toThrow(/no network to save/);
    expect(JSON.parse(await answerLine('{"cmd":"train","task":"xor","epochs":0}'))).toMatchObject({ error: { message: expect.stringMatching(/epochs/) } });
  });
});

describe('difflab experiment', () => {
  it('lists the experiments', async () => {
    const req = experimentCommand.toRequest([], {});
    const text = experimentCommand.text(await experimentCommand.run(req), req);
    for (const n of ['backprop-by-hand', 'xor-solution', 'vanishing-gradients', 'init', 'loss-surface', 'gradient-cost', 'optimizers']) expect(text).toContain(n);
  });
  it('prints tables and writes the SVG plot', async () => {
    const svg = join(dir, 'bp.svg');
    const req = experimentCommand.toRequest(['backprop-by-hand'], { svg });
    const r = await experimentCommand.run(req);
    expect(existsSync(svg)).toBe(true);
    const text = experimentCommand.text(r, req);
    expect(text).toMatch(/x₃ = w₁₃x₁ \+ w₂₃x₂\s+0\.755\s+0\.755000/);
    expect(text).toContain(`plot: ${svg}`);
  });
  it('--no-svg, options and batch', async () => {
    const out = JSON.parse(await answerLine('{"cmd":"experiment","name":"vanishing-gradients","svg":false,"quick":true,"depth":10}')) as { figures: { layers: number }; svg?: string };
    expect(out.figures.layers).toBe(11);
    expect(out.svg).toBeUndefined();
    await expect(experimentCommand.run(experimentCommand.toRequest(['nope'], {}))).rejects.toThrow(/unknown experiment/);
  });
});
