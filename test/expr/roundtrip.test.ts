// Printed forms read back as what they mean: for random expressions (and
// their simplified forms), the Unicode and the ASCII printouts re-parse to an
// expression with the same value at random points, by the independent
// evaluator of the soundness campaign. 10⁴ cases in CI; SOUNDNESS_RUNS for
// the long run.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { call, num, type Expr } from '../../src/expr/expr.ts';
import { mapBottomUp } from '../../src/expr/traverse.ts';
import { printAscii, printUnicode } from '../../src/expr/print.ts';
import { parse } from '../../src/parse/index.ts';
import { simplify } from '../../src/symbolic/index.ts';
import { arbCase, runsFor, seedFor } from '../symbolic/soundness/campaign.ts';
import { oracleWithSpread } from '../symbolic/soundness/oracle.ts';

/** Single letters that spell function names and constants when juxtaposed (l n → ln, p i → pi, e x p → exp), a Greek name and a subscript. */
const VARS = ['x', 'y', 'l', 'n', 's', 'i', 'p', 'o', 'g', 'alpha', 'x1'] as const;

const arbPoint = fc.record(Object.fromEntries(VARS.map((v) => [v, fc.double({ min: -3, max: 3, noNaN: true }).map((t) => t + 0.0123456789)])) as Record<(typeof VARS)[number], fc.Arbitrary<number>>);

/** e with every non-integer number at the 12 significant digits the Unicode form shows (what that form means). */
const shown = (e: Expr): Expr =>
  mapBottomUp(e, (n, args) => (n.kind === 'num' ? ((Number.isInteger(n.value) && Math.abs(n.value) < 1e21) || n.digits !== undefined || !Number.isFinite(n.value) ? n : num(+n.value.toPrecision(12))) : n.kind === 'call' ? call(n.op, args) : n));

function readsBack(e: Expr, point: Record<string, number>, failures: string[]): void {
  for (const [how, text, meant] of [['unicode', printUnicode(e), shown(e)], ['ascii', printAscii(e), e]] as const) {
    const ref = oracleWithSpread(meant, point, {});
    if (!Number.isFinite(ref.value) || ref.nearKink) continue;
    let back: Expr;
    try {
      back = parse(text);
    } catch (err) {
      failures.push(`${how} ${JSON.stringify(text)} does not parse: ${(err as Error).message}`);
      continue;
    }
    const got = oracleWithSpread(back, point, {});
    // A product printed flat may re-associate: with factors near 1e300, (ab)c can overflow where a(bc) does not.
    if (!Number.isFinite(got.value) && ref.largest > 1e150) continue;
    const spread = Number.isFinite(ref.valueSpread) && Number.isFinite(got.valueSpread) ? ref.valueSpread + got.valueSpread : Infinity;
    // Not stable under a relative 1e−10 nudge (a negative base whose exponent is 3 only up to rounding): rounding decides, skip.
    if (!Number.isFinite(spread)) continue;
    // The Unicode form writes floats to 12 significant digits: a relative 1e−12 per constant.
    const tol = 1e-9 * Math.abs(ref.value) + 0.1 * spread + 1e-11 * (ref.valueScale + got.valueScale) + 1e-13;
    if (!(got.value === ref.value || Math.abs(got.value - ref.value) <= tol)) {
      failures.push(`${how} ${JSON.stringify(text)} of ${printAscii(e)} reads back as ${printAscii(back)}: ${got.value}, want ${ref.value}`);
    }
  }
}

describe('printed forms read back as what they mean', () => {
  it('random expressions and their simplified forms, in Unicode and ASCII, at random points', () => {
    let cases = 0;
    const runs = runsFor(10_000);
    fc.assert(
      fc.property(arbCase(3, VARS), arbPoint, (e, point) => {
        cases++;
        const failures: string[] = [];
        readsBack(e, point, failures);
        readsBack(simplify(e), point, failures);
        if (failures.length > 0) throw new Error(failures.join('\n'));
      }),
      { numRuns: runs, seed: seedFor(31337) },
    );
    expect(cases).toBeGreaterThanOrEqual(runs);
  });
});
