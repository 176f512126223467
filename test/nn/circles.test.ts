import { describe, expect, it } from 'vitest';
import { circles } from '../../src/nn/data/index.ts';

describe('circles: two concentric rings', () => {
  it('puts class 0 on the unit circle and class 1 on the inner one (no noise)', () => {
    const d = circles(40, 0, 0.5, 1);
    expect(d.x.length).toBe(40);
    let zeros = 0;
    d.x.forEach((p, i) => {
      const r = Math.hypot(p[0]!, p[1]!);
      if (d.y[i] === 0) zeros++;
      expect(r).toBeCloseTo(d.y[i] === 0 ? 1 : 0.5, 12);
    });
    expect(zeros).toBe(20);
  });
  it('is seeded and rejects a bad factor', () => {
    expect(Array.from(circles(30, 0.1, 0.5, 2).x[3]!)).toEqual(Array.from(circles(30, 0.1, 0.5, 2).x[3]!));
    expect(() => circles(30, 0.1, 1.5)).toThrow(/factor/);
  });
});
