import { describe, expect, it } from 'vitest';
import refs from '../fixtures/refs.json' with { type: 'json' };
import { erf, erfc, logSigmoid, logSumExp, sigmoid, softplus } from '../../src/ops/math.ts';
import { registry } from '../../src/ops/index.ts';

// Reference values: mpmath at 50 digits (scripts/refs.py).
const rel = (a: number, b: number): number => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));
const table = (t: Record<string, number>): [number, number][] => Object.entries(t).map(([k, v]) => [Number(k), v]);

describe('σ, softplus and log σ are finite and correct for |z| = 1000', () => {
  it.each(table(refs.sigmoid))('σ(%d)', (z, want) => expect(rel(sigmoid(z), want)).toBeLessThan(1e-15));
  it.each(table(refs.softplus))('softplus(%d)', (z, want) => expect(rel(softplus(z), want)).toBeLessThan(1e-15));
  it.each(table(refs.logsigmoid))('log σ(%d)', (z, want) => {
    expect(Number.isFinite(logSigmoid(z))).toBe(true);
    expect(rel(logSigmoid(z), want)).toBeLessThan(1e-15);
  });
  it('the registry ops use the stable forms', () => {
    expect(registry.sigmoid.eval([-1000])).toBe(0);
    expect(registry.sigmoid.eval([1000])).toBe(1);
    expect(registry.softplus.eval([1000])).toBe(1000);
    expect(registry.logsigmoid.eval([-1000])).toBe(-1000);
    const d: number[] = [];
    registry.sigmoid.partials([1000], 1, d);
    expect(d[0]).toBe(0);
  });
});

describe('log-sum-exp does not overflow', () => {
  it('logsumexp(1000, 1000) = 1000 + ln 2', () => expect(rel(logSumExp([1000, 1000]), refs.logsumexp['1000,1000'])).toBeLessThan(1e-16));
  it('logsumexp(−1000, −1000) = −1000 + ln 2', () => expect(rel(logSumExp([-1000, -1000]), refs.logsumexp['-1000,-1000'])).toBeLessThan(1e-16));
  it('logsumexp(1, 2, 3)', () => expect(rel(logSumExp([1, 2, 3]), refs.logsumexp['1,2,3'])).toBeLessThan(1e-15));
  it('all −∞ gives −∞', () => expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity));
});

describe('erf to about 1e-15', () => {
  it.each(table(refs.erf))('erf(%d)', (x, want) => expect(rel(erf(x), want)).toBeLessThan(2e-15));
  it.each(table(refs.erfc_tail))('erfc(%d) in the tail', (x, want) => expect(rel(erfc(x), want)).toBeLessThan(1e-13));
  it('GELU value and derivative', () => {
    for (const [x, want] of table(refs.gelu)) expect(rel(registry.gelu.eval([x]), want)).toBeLessThan(1e-14);
    for (const [x, want] of table(refs.gelu_prime)) {
      const d: number[] = [];
      registry.gelu.partials([x], registry.gelu.eval([x]), d);
      expect(rel(d[0]!, want)).toBeLessThan(1e-14);
    }
  });
});
