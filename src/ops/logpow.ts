// Logarithms to any base, roots, and the functions that stay accurate where
// the textbook formula cancels: expm1, log1p, hypot. Sugar that is exactly
// another op (pow(a, b), exp2, log10, lg, lb, ∛, ∜) is expanded by the
// parser (src/parse/sugar.ts) instead of adding ops.

import type { Expr } from '../expr/expr.ts';
import type { OpDef } from './types.ts';
import { fmt, unary } from './unary.ts';

/** log_b x, exact where the base has a dedicated Math function (log(1000, 10) = 3). */
function logBase(x: number, b: number): number {
  if (b === 10) return Math.log10(x);
  if (b === 2) return Math.log2(x);
  return Math.log(x) / Math.log(b);
}

/** The real n-th root: x^(1/n), and −|x|^(1/n) for negative x and an odd integer n. */
export function realRoot(x: number, n: number): number {
  if (n === 2) return Math.sqrt(x);
  if (n === 3) return Math.cbrt(x);
  if (x < 0 && Number.isInteger(n) && Math.abs(n % 2) === 1) return -Math.pow(-x, 1 / n);
  return Math.pow(x, 1 / n);
}

export const logpow = {
  logbase: {
    arity: 2,
    doc: 'log(x, b) = ln x / ln b, the logarithm of x to the base b (log10 x, lg x = log(x, 10); log2 x, lb x = log(x, 2)) ; ∂/∂x = 1/(x ln b), ∂/∂b = −log_b x/(b ln b)',
    eval: (x) => logBase(x[0]!, x[1]!),
    partials: (x, y, d) => {
      const lnb = Math.log(x[1]!);
      d[0] = 1 / (x[0]! * lnb);
      d[1] = -y / (x[1]! * lnb);
    },
    derivative: (x, y, i, k) => {
      const lnb = k.call('ln', x[1]!);
      // d/dx log_b x = 1/(x ln b) ; d/db log_b x = d/db (ln x / ln b) = −log_b x/(b ln b)
      return i === 0 ? k.div(k.num(1), k.mul(x[0]!, lnb)) : k.neg(k.div(y, k.mul(x[1]!, lnb)));
    },
    rule: 'logarithm rule',
    argRules: ['logarithm rule', 'change of base rule'],
    domain: (x) => {
      const [v, b] = x as [number, number];
      if (!(b > 0) || b === 1) return `the base of a logarithm must be positive and not 1, got log(${fmt(v)}, ${fmt(b)})`;
      if (!(v > 0)) return `log is defined for x > 0, got log(${fmt(v)}, ${fmt(b)})`;
      return undefined;
    },
    notation: { type: 'function', unicode: 'log', latex: '\\log' },
  },
  expm1: unary({
    doc: 'expm1 x = eˣ − 1, accurate near 0 ; d/dx = eˣ',
    f: Math.expm1,
    df: (_x, y) => y + 1,
    sym: (x, _y, k) => k.call('exp', x),
    rule: 'exponential rule',
    print: { unicode: 'expm1', latex: '\\operatorname{expm1}' },
  }),
  log1p: unary({
    doc: 'log1p x = ln(1 + x), accurate near 0 ; d/dx = 1/(1 + x)',
    f: Math.log1p,
    df: (x) => 1 / (1 + x),
    sym: (x, _y, k) => k.div(k.num(1), k.add(k.num(1), x)),
    rule: 'logarithm rule',
    domain: (x) => (x > -1 ? undefined : `log1p is defined for x > −1, got log1p(${fmt(x)})`),
    print: { unicode: 'log1p', latex: '\\operatorname{log1p}' },
  }),
  cbrt: unary({
    doc: '∛x, the real cube root (∛−8 = −2) ; d/dx ∛x = 1/(3 ∛x²), +∞ at 0',
    f: Math.cbrt,
    df: (_x, y) => 1 / (3 * y * y),
    sym: (_x, y, k) => k.div(k.num(1), k.mul(k.num(3), k.pow(y, k.num(2)))),
    rule: 'root rule',
    print: { unicode: 'cbrt', latex: '\\operatorname{cbrt}' },
  }),
  root: {
    arity: 2,
    aliases: ['nthroot'],
    doc: 'root(x, n) = x^(1/n), the real n-th root; for x < 0 only odd integer n (root(−8, 3) = −2) ; ∂/∂x = y^(1−n)/n, ∂/∂n = −y ln|x|/n²',
    eval: (x) => realRoot(x[0]!, x[1]!),
    partials: (x, y, d) => {
      const n = x[1]!;
      d[0] = Math.pow(y, 1 - n) / n; // = y/(n x), and +∞ at x = 0 for n > 1
      // y = ±|x|^(1/n): ∂y/∂n = −y ln|x| / n², whose limit at x = 0 is 0
      d[1] = x[0] === 0 ? 0 : (-y * Math.log(Math.abs(x[0]!))) / (n * n);
    },
    derivative: (x, y, i, k) => {
      const n = x[1]!;
      if (i === 0) {
        const e: Expr = n.kind === 'num' ? k.num(1 - n.value) : k.sub(k.num(1), n);
        return k.div(k.pow(y, e), n); // d/dx x^(1/n) = (1/n) x^(1/n − 1) = y^(1−n)/n
      }
      return k.neg(k.div(k.mul(y, k.call('ln', k.call('abs', x[0]!))), k.pow(n, k.num(2))));
    },
    rule: 'root rule',
    domain: (x) => {
      const [v, n] = x as [number, number];
      if (n === 0) return `root(x, n) needs n ≠ 0, got root(${fmt(v)}, 0)`;
      if (v < 0 && !(Number.isInteger(n) && Math.abs(n % 2) === 1)) {
        return `a negative number has a real n-th root only for odd integer n, got root(${fmt(v)}, ${fmt(n)})`;
      }
      if (v === 0 && n < 0) return `root(0, ${fmt(n)}) is 1/0`;
      return undefined;
    },
    notation: { type: 'function', unicode: 'root', latex: '\\operatorname{root}' },
  },
  hypot: {
    arity: { min: 2, max: Infinity },
    doc: 'hypot(a, b, …) = √(a² + b² + …), without overflow or underflow ; ∂/∂xᵢ = xᵢ/hypot, 0 at the origin',
    eval: (x) => Math.hypot(...x),
    partials: (x, y, d) => {
      for (let i = 0; i < x.length; i++) {
        const v = x[i]!;
        // the cone's tip: 0 at the origin, as abs′(0) = 0; ±1 along an infinite coordinate
        d[i] = y === 0 ? 0 : y === Infinity ? (v === Infinity ? 1 : v === -Infinity ? -1 : 0) : v / y;
      }
    },
    derivative: (x, y, i, k) => k.div(x[i]!, y),
    rule: 'hypotenuse rule',
    js: (x) => `Math.hypot(${x.join(', ')})`,
    notation: { type: 'function', unicode: 'hypot', latex: '\\operatorname{hypot}' },
  },
} satisfies Record<string, OpDef>;
