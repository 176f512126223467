// The derivative as derived: the chain rule applied, nothing rewritten. Values
// shown for a derivative come from it (./value.ts), not from the simplified
// form. Kept apart from ./value.ts so that the REPL loads the symbolic
// engine only when it first differentiates.

import type { Expr } from '../expr/expr.ts';
import { dagSize } from '../expr/traverse.ts';
import { derive, DerivativeCache } from '../symbolic/index.ts';

import { MAX_RAW_DAG } from './value.ts';

/** The derivative as derived: ∂/∂v₁ then ∂/∂v₂ … (first applied first), unsimplified; undefined past the size budget. */
export function rawDerivative(e: Expr, seq: readonly string[], maxDag = MAX_RAW_DAG): Expr | undefined {
  const cache = new DerivativeCache();
  let d = e;
  for (const x of seq) {
    if (dagSize(d) > maxDag) return undefined;
    d = derive(d, x, cache);
  }
  return dagSize(d) > maxDag ? undefined : d;
}

