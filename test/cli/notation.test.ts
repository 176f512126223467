// Nested derivative notation reads as a higher derivative; derivative
// notation anywhere else is refused with a position, never read as the
// letters d and x. Reference derivatives are derived by hand.

import { describe, expect, it } from 'vitest';
import { answerLine } from '../../src/cli/batch.ts';
import { derivativeNotationAt } from '../../src/cli/notation.ts';
import { Session } from '../../src/cli/repl.ts';
import { readInput } from '../../src/cli/repl/input.ts';
import { valueOf } from './repl/helpers.ts';

async function answer(line: string, setup: string[] = []): Promise<{ text: string; error: boolean }> {
  const s = new Session();
  for (const l of setup) await s.run(l);
  const r = await s.run(line);
  return { text: r.text, error: r.error === true };
}

const points = [0.3, 0.9, 1.7, 2.6];

describe('a derivative of a derivative is a higher derivative', () => {
  const cases: [string, (x: number, y: number) => number][] = [
    ['d/dx (d/dx sin x)', (x) => -Math.sin(x)], // −sin x
    ['d/dx d/dx x^3', (x) => 6 * x], // 6x
    ['(d/dx sin x)', (x) => Math.cos(x)],
    ['d/dx (d²/dx² x^4)', (x) => 24 * x], // d³/dx³ x⁴ = 24x
    ['d/dx [d/dx (x^5)]', (x) => 20 * x ** 3],
    ['d/dx d/dx d/dx e^(2x)', (x) => 8 * Math.exp(2 * x)],
    ['d/dx d/dy x²y³', (x, y) => 6 * x * y * y], // ∂²/∂x∂y x²y³ = 6xy²
    ['∂/∂x (∂/∂y x²y³)', (x, y) => 6 * x * y * y],
    ['d/dy (d/dx sin(xy))', (x, y) => Math.cos(x * y) - x * y * Math.sin(x * y)],
  ];
  for (const [line, f] of cases) {
    it(line, async () => {
      const { text, error } = await answer(line);
      expect(error).toBe(false);
      const shown = text.split('\n')[0]!;
      for (const x of points) expect(valueOf(shown, { x, y: x / 2 + 0.4 })).toBeCloseTo(f(x, x / 2 + 0.4), 10);
    });
  }
  it('reads as one derivative of the summed order, variables as written', () => {
    const r = readInput('d/dx (d/dy x²y)');
    expect(r.kind).toBe('derivative');
    if (r.kind !== 'derivative') return;
    expect(r.spec.wrt).toEqual(['x', 'y']);
    expect(r.spec.order).toBe(2);
    expect(r.body).toBe('x²y');
  });
  it('d/dx df/dx for a definition f', async () => {
    const { text } = await answer('d/dx df/dx', ['f = x^3']);
    expect(text).toBe('6x');
  });
  it('the value line is that of the second derivative', async () => {
    const { text } = await answer('d/dx (d/dx sin x)', [':at x=0.5']);
    expect(text.split('\n')[1]).toBe(`  = ${-Math.sin(0.5)} at x = 0.5`);
  });
});

describe('derivative notation elsewhere is an error with a caret, never letters', () => {
  for (const [line, col] of [
    ['d/dx 2·d/dx x', 7],
    ['d/dx (d/dx x)^2', 6],
    ['1 + d/dx sin x', 4],
    ['sin x + ∂/∂y y', 8],
    ['f = d/dx x²', 4],
  ] as const) {
    it(line, async () => {
      const { text, error } = await answer(line);
      expect(error).toBe(true);
      const [msg, echoed, caret] = text.split('\n');
      expect(msg).toMatch(/derivative notation is not read inside an expression/);
      expect(echoed).toBe(line);
      expect(caret).toBe(' '.repeat(col) + '^');
    });
  }
  it('ordinary uses of the letter d are still expressions', async () => {
    expect((await answer('d/2')).text.split('\n')[0]).toBe('d/2');
    expect(derivativeNotationAt('d/(d x)')).toBe(-1);
    expect(derivativeNotationAt('ad/dx')).toBe(-1);
    expect(derivativeNotationAt('x + dy/dx')).toBe(4);
  });
  it('the command line refuses it too, with the position', async () => {
    for (const cmd of ['eval', 'diff', 'grad', 'check']) {
      const r = JSON.parse(await answerLine(JSON.stringify({ cmd, expr: 'x + d/dx x^3', at: { x: 1 } }))) as { error: { message: string; pos: number } };
      expect(r.error.message).toMatch(/derivative notation is not read inside an expression/);
      expect(r.error.pos).toBe(4);
    }
  });
});
