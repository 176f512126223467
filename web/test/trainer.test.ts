import { describe, expect, it } from 'vitest';
import { taskDefaults } from '../src/state.ts';
import { bounds, dataFor, Trainer } from '../src/trainer.ts';

describe('Trainer', () => {
  it('learns XOR (4 rows) to 100 % with the default settings', () => {
    const t = new Trainer({ task: 'xor', seed: 0, ...taskDefaults('xor') });
    const p = t.run(200);
    expect(p.accuracy).toBe(1);
    expect(p.epoch).toBe(200);
  });
  it('draws decision regions that classify the XOR corners', () => {
    const t = new Trainer({ task: 'xor', seed: 0, ...taskDefaults('xor') });
    t.run(200);
    const r = t.regions(40);
    const cls = (a: number, b: number): number => r.cls[Math.floor(((a - r.x0) / (r.x1 - r.x0)) * r.n) * r.n + Math.floor(((b - r.y0) / (r.y1 - r.y0)) * r.n)]!;
    expect([cls(0, 0), cls(0, 1), cls(1, 0), cls(1, 1)]).toEqual([0, 1, 1, 0]);
  });
  it('raises the alarm when the loss stops being finite', () => {
    const t = new Trainer({ task: 'moons', hidden: [16, 16], act: 'tanh', loss: 'mse', opt: 'sgd', lr: 1e6, seed: 0 });
    const p = t.run(200);
    expect(p.diverged).toBeDefined();
    expect(p.epoch).toBeLessThan(200);
  });
  it('asks for softmax cross-entropy on three classes', () => {
    expect(() => new Trainer({ task: 'spirals', seed: 0, ...taskDefaults('spirals'), loss: 'bce' })).toThrow(/softmax-ce/);
  });
  it('trains on clicked points, and asks for both classes', () => {
    expect(() => dataFor({ task: 'custom', seed: 0, points: [[0, 0, 0]] })).toThrow(/both classes/);
    const pts = [
      [-1, -1, 0],
      [-1, 1, 0],
      [1, -1, 1],
      [1, 1, 1],
    ] as const;
    const t = new Trainer({ task: 'custom', seed: 0, points: pts, ...taskDefaults('custom') });
    expect(t.run(100).accuracy).toBe(1);
  });
  it('pads the bounding box of the data', () => {
    const b = bounds(dataFor({ task: 'and', seed: 0 }));
    expect(b).toEqual({ x0: -0.5, x1: 1.5, y0: -0.5, y1: 1.5 });
  });
});
