// Soundness campaign for the rational normal form (src/symbolic/ratfun.ts):
// quotients built to have common factors, A·G/(B·G) and sums of such, over
// x, y, z and opaque parts (sin x, eʸ, √z), simplified and differentiated,
// each result checked against the oracle at random points (campaign.ts).

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { add, call, mul, num, pow, sub, variable, type Expr } from '../../../src/expr/expr.ts';
import { parse } from '../../../src/parse/index.ts';
import { simplifyReport } from '../../../src/symbolic/index.ts';
import { arbPoints, breathe, checkCase, newTally, runsFor, seedFor, summary } from './campaign.ts';

const ATOMS: readonly Expr[] = [variable('x'), variable('y'), variable('z'), parse('sin x'), parse('e^y'), parse('√z')];

/** A small polynomial in the atoms: a sum of up to three terms c·a^k·b^m. */
const arbPoly: fc.Arbitrary<Expr> = fc
  .array(
    fc.tuple(fc.integer({ min: -3, max: 3 }).filter((c) => c !== 0), fc.constantFrom(...ATOMS), fc.integer({ min: 0, max: 2 }), fc.constantFrom(...ATOMS), fc.integer({ min: 0, max: 1 })),
    { minLength: 1, maxLength: 3 },
  )
  .map((ts) =>
    ts
      .map(([c, a, k, b, m]): Expr => {
        let t: Expr = num(c);
        if (k > 0) t = mul(t, k === 1 ? a : pow(a, k));
        if (m > 0) t = mul(t, b);
        return t;
      })
      .reduce((s, t) => add(s, t)),
  );

/** A·G/(B·G), its sum or difference with another, or a power of one. */
const arbQuotient: fc.Arbitrary<Expr> = fc
  .tuple(arbPoly, arbPoly, arbPoly, arbPoly, fc.integer({ min: 0, max: 3 }))
  .map(([a, b, g, h, shape]) => {
    const q = call('div', [mul(a, g), mul(b, g)]);
    if (shape === 0) return q;
    if (shape === 1) return add(q, call('div', [h, b]));
    if (shape === 2) return sub(q, mul(h, g));
    return pow(q, 2);
  });

describe('soundness campaign: rational normal form', () => {
  it('quotients with common factors keep their value when simplified and differentiated', async () => {
    const tally = newTally();
    const runs = runsFor(1_500);
    let fired = 0;
    await fc.assert(
      fc.asyncProperty(arbQuotient, arbPoints, async (e, points) => {
        await breathe();
        if (simplifyReport(e).rules['cancel-rational'] !== undefined) fired++;
        if (!checkCase(e, points, ['simplify', 'diff'], tally)) throw new Error(tally.disagreements.at(-1));
      }),
      { numRuns: runs, seed: seedFor(1313), endOnFailure: true },
    );
    console.log(summary('rational', tally), `; the rational normal form kept in ${fired} of ${runs}`);
    expect(tally.disagreements).toEqual([]);
    // the campaign exercises the rewrite, not only the simplifier around it
    expect(fired).toBeGreaterThan(runs / 10);
  });
});
