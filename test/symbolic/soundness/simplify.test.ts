// Soundness campaign (see campaign.ts): simplified and expanded forms keep the value.
// 10⁴ cases in CI on a fixed seed; SOUNDNESS_RUNS=1000000 for the long run.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arbCase, arbPoints, breathe, checkCase, newTally, runsFor, seedFor, summary } from './campaign.ts';

describe('soundness campaign: simplify', () => {
  it('simplified and expanded forms keep the value at random points', async () => {
    const tally = newTally();
    const runs = runsFor(10_000);
    await fc.assert(
      fc.asyncProperty(arbCase(3), arbPoints, async (e, points) => {
        await breathe();
        if (!checkCase(e, points, ['simplify', 'expand'], tally)) throw new Error(tally.disagreements.at(-1));
      }),
      { numRuns: runs, seed: seedFor(9001), endOnFailure: true },
    );
    console.log(summary('simplify', tally));
    expect(tally.disagreements).toEqual([]);
    expect(tally.cases).toBeGreaterThanOrEqual(runs);
  });
});
