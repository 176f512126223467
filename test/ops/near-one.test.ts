// Inverse functions next to their domain edge |x| = 1 (arcsec, arccsc, arcoth,
// artanh, arsech, arcosh), against mpmath at 50 digits from the exact double
// arguments (scripts/near_one_refs.py). There x² − 1 computed in doubles keeps
// few digits (at x = 1 + 1e−10 it is off by 1e−6 relative), so values and
// numeric partials are computed from x − 1 and x + 1, which are exact.
import { describe, expect, it } from 'vitest';
import refs from '../fixtures/near-one.json' with { type: 'json' };
import { opDef, type OpName } from '../../src/ops/index.ts';

interface Case {
  op: OpName;
  x: number;
  value: number;
  derivative: number;
}
const cases = refs as Case[];
const rel = (got: number, want: number): number => (got === want ? 0 : Math.abs(got - want) / Math.abs(want));
const label = (c: Case): string => `${c.op}(${c.x})`;

describe('values next to |x| = 1 agree with mpmath to a few ulps', () => {
  it.each(cases.map((c) => [label(c), c] as const))('%s', (_l, c) => {
    const def = opDef(c.op);
    expect(def.domain?.([c.x])).toBeUndefined();
    const y = def.eval([c.x]);
    expect(rel(y, c.value), `${y} vs ${c.value}`).toBeLessThan(4e-15);
  });
});

describe('numeric partials next to |x| = 1 agree with mpmath to a few ulps', () => {
  it.each(cases.map((c) => [label(c), c] as const))('%s', (_l, c) => {
    const def = opDef(c.op);
    const d = [NaN];
    def.partials([c.x], def.eval([c.x]), d);
    expect(rel(d[0]!, c.derivative), `${d[0]} vs ${c.derivative}`).toBeLessThan(4e-15);
  });
});
