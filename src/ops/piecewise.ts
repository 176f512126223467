// Piecewise functions: n-ary max and min, and the rounding functions.
//
// Conventions at the points where a derivative does not exist:
//  - max/min split the gradient evenly among the arguments that attain the
//    extremum (½ each at a tie of two, also at (∞, ∞)), as JAX does.
//  - floor, ceil and round are constant between the integers: derivative 0
//    there, and 0 at the jumps as well (PyTorch). frac x = x − ⌊x⌋ has
//    derivative 1 everywhere by the same convention.

import type { Expr } from '../expr/expr.ts';
import type { OpDef, SymbolicKit } from './types.ts';
import { direct, onnxSignBit, onnxTrunc } from './lower.ts';
import { unary } from './unary.ts';

/** ∂ extremum/∂xᵢ: 1/m for each of the m arguments equal to y, 0 for the others. */
function extremumPartials(x: readonly number[], y: number, d: number[]): void {
  if (Number.isNaN(y)) {
    d.fill(NaN, 0, x.length);
    return;
  }
  let m = 0;
  for (const v of x) if (v === y) m++;
  for (let i = 0; i < x.length; i++) d[i] = x[i] === y ? 1 / m : 0;
}

/**
 * The symbolic counterpart of extremumPartials. For two arguments
 * ∂max(a, b)/∂a = (1 + sign(a − b))/2. For more, xᵢ attains the maximum when
 * H(xⱼ − xᵢ) = 0 for every j (H(0) = 0), so with eᵢ = Πⱼ≠ᵢ (1 − H(xⱼ − xᵢ))
 * the partial is eᵢ / Σₖ eₖ (for min, H(xᵢ − xⱼ)).
 */
function extremumRule(x: readonly Expr[], i: number, k: SymbolicKit, sense: 1 | -1): Expr {
  if (x.length === 2) {
    const s = k.call('sign', k.sub(x[0]!, x[1]!));
    const up = (i === 0) === (sense === 1);
    return k.div(up ? k.add(k.num(1), s) : k.sub(k.num(1), s), k.num(2));
  }
  const attains = (a: number): Expr => {
    let e: Expr | undefined;
    for (let j = 0; j < x.length; j++) {
      if (j === a) continue;
      const gap = sense === 1 ? k.sub(x[j]!, x[a]!) : k.sub(x[a]!, x[j]!);
      const f = k.sub(k.num(1), k.call('heaviside', gap));
      e = e === undefined ? f : k.mul(e, f);
    }
    return e!;
  };
  let count: Expr | undefined;
  for (let a = 0; a < x.length; a++) count = count === undefined ? attains(a) : k.add(count, attains(a));
  return k.div(attains(i), count!);
}

/** Rounds half away from zero (round(2.5) = 3, round(−2.5) = −3), exactly: x − trunc x is exact. */
export function roundHalfAway(x: number): number {
  const t = Math.trunc(x);
  const f = x - t;
  return f >= 0.5 ? t + 1 : f <= -0.5 ? t - 1 : t === 0 && x < 0 ? -0 : t;
}

export const piecewise = {
  max: {
    arity: { min: 2, max: Infinity },
    doc: 'max(a, b, …) ; ∂/∂xᵢ = 1 for the largest argument, 0 for the others, split evenly at a tie (½ each for two)',
    eval: (x) => Math.max(...x),
    partials: extremumPartials,
    derivative: (x, _y, i, k) => extremumRule(x, i, k, 1),
    rule: 'max rule',
    js: (x) => `Math.max(${x.join(', ')})`,
    export: { torch: (x) => x.reduce((a, b) => `torch.maximum(${a}, ${b})`), onnx: (g, x) => g.node('Max', x) },
    notation: { type: 'function', unicode: 'max', latex: '\\max' },
  },
  min: {
    arity: { min: 2, max: Infinity },
    doc: 'min(a, b, …) ; ∂/∂xᵢ = 1 for the smallest argument, 0 for the others, split evenly at a tie (½ each for two)',
    eval: (x) => Math.min(...x),
    partials: extremumPartials,
    derivative: (x, _y, i, k) => extremumRule(x, i, k, -1),
    rule: 'min rule',
    js: (x) => `Math.min(${x.join(', ')})`,
    export: { torch: (x) => x.reduce((a, b) => `torch.minimum(${a}, ${b})`), onnx: (g, x) => g.node('Min', x) },
    notation: { type: 'function', unicode: 'min', latex: '\\min' },
  },
  floor: unary({
    doc: '⌊x⌋, the largest integer ≤ x ; derivative 0 (also at the jumps, by convention)',
    f: Math.floor,
    df: () => 0,
    sym: (_x, _y, k) => k.num(0),
    rule: 'step rule',
    export: direct('torch.floor', 'Floor'),
    print: { unicode: 'floor', latex: '\\operatorname{floor}' },
  }),
  ceil: unary({
    doc: '⌈x⌉, the smallest integer ≥ x ; derivative 0 (also at the jumps, by convention)',
    aliases: ['ceiling'],
    f: Math.ceil,
    df: () => 0,
    sym: (_x, _y, k) => k.num(0),
    rule: 'step rule',
    export: direct('torch.ceil', 'Ceil'),
    print: { unicode: 'ceil', latex: '\\operatorname{ceil}' },
  }),
  round: unary({
    doc: 'round x, the nearest integer, halves away from zero (round 2.5 = 3, round −2.5 = −3) ; derivative 0 (also at the jumps, by convention)',
    f: roundHalfAway,
    df: () => 0,
    sym: (_x, _y, k) => k.num(0),
    rule: 'step rule',
    // halves away from zero, as the eval: t = trunc x, then t ± 1 where x − t (exact) reaches ±½; not torch.round
    // or ONNX Round, which round halves to even
    export: {
      torch: (x) =>
        `torch.where(${x[0]} - torch.trunc(${x[0]}) >= 0.5, torch.trunc(${x[0]}) + 1, torch.where(${x[0]} - torch.trunc(${x[0]}) <= -0.5, torch.trunc(${x[0]}) - 1, torch.trunc(${x[0]})))`,
      onnx: (g, x) => {
        const t = onnxTrunc(g, x[0]!);
        const f = g.node('Sub', [x[0]!, t]);
        const down = g.node('Where', [g.node('LessOrEqual', [f, g.num(-0.5)]), g.node('Sub', [t, g.num(1)]), t]);
        const r = g.node('Where', [g.node('GreaterOrEqual', [f, g.num(0.5)]), g.node('Add', [t, g.num(1)]), down]);
        // the result has the sign of x, −0 included (ONNX Runtime's Where turns −0 into +0)
        return g.node('Mul', [g.node('Abs', [r]), onnxSignBit(g, x[0]!)]);
      },
    },
    print: { unicode: 'round', latex: '\\operatorname{round}' },
  }),
  frac: unary({
    doc: 'frac x = x − ⌊x⌋ ∈ [0, 1) ; derivative 1 (also at the jumps, by convention)',
    f: (x) => x - Math.floor(x),
    df: () => 1,
    sym: (_x, _y, k) => k.num(1),
    rule: 'step rule',
    // x − ⌊x⌋ (torch.frac is x − trunc x)
    export: { torch: (x) => `${x[0]} - torch.floor(${x[0]})`, onnx: (g, x) => g.node('Sub', [x[0]!, g.node('Floor', x)]) },
    print: { unicode: 'frac', latex: '\\operatorname{frac}' },
  }),
} satisfies Record<string, OpDef>;
