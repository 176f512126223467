// Logarithms to any base, roots, and the functions that stay accurate where
// the textbook formula cancels: expm1, log1p, hypot. Sugar that is exactly
// another op (pow(a, b), exp2, log10, lg, lb, ∛, ∜) is expanded by the
// parser (src/parse/sugar.ts) instead of adding ops.

import type { Expr } from '../expr/expr.ts';
import type { OpDef } from './types.ts';
import { onnxExpm1, onnxLog1p } from './lower.ts';
import type { OnnxBuilder } from './types.ts';
import { fmt, unary } from './unary.ts';

/**
 * PyTorch: x^r for x ≥ 0 and −(−x)^r for x < 0. Each branch's base is 1
 * where the branch is not taken, so that neither its value nor its gradient
 * (masked by the where) is NaN or ∞.
 */
function oddRootTorch(x: string, r: string): string {
  return `torch.where(${x} < 0, -torch.pow(torch.where(${x} < 0, -${x}, 1.0), ${r}), torch.pow(torch.where(${x} < 0, 1.0, ${x}), ${r}))`;
}

/** ONNX: sign-symmetric x^r, −(−x)^r for x < 0. */
function oddRootOnnx(g: OnnxBuilder, x: string, r: string): string {
  const neg = g.node('Less', [x, g.num(0)]);
  return g.node('Where', [neg, g.node('Neg', [g.node('Pow', [g.node('Neg', [x]), r])]), g.node('Pow', [x, r])]);
}

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
    // ln x / ln b (log10 and log2 of difflab's eval differ from it by an ulp at most)
    export: {
      torch: (x) => `torch.log(${x[0]}) / torch.log(${x[1]})`,
      onnx: (g, x) => g.node('Div', [g.node('Log', [x[0]!]), g.node('Log', [x[1]!])]),
    },
    notation: { type: 'function', unicode: 'log', latex: '\\log' },
  },
  expm1: unary({
    doc: 'expm1 x = eˣ − 1, accurate near 0 ; d/dx = eˣ',
    f: Math.expm1,
    df: (_x, y) => y + 1,
    sym: (x, _y, k) => k.call('exp', x),
    rule: 'exponential rule',
    // torch's backward is expm1 x + 1 = y + 1, as the partial; ONNX has no Expm1: Kahan's form
    export: { torch: (x) => `torch.expm1(${x[0]})`, onnx: (g, x) => onnxExpm1(g, x[0]!) },
    print: { unicode: 'expm1', latex: '\\operatorname{expm1}' },
  }),
  log1p: unary({
    doc: 'log1p x = ln(1 + x), accurate near 0 ; d/dx = 1/(1 + x)',
    f: Math.log1p,
    df: (x) => 1 / (1 + x),
    sym: (x, _y, k) => k.div(k.num(1), k.add(k.num(1), x)),
    rule: 'logarithm rule',
    domain: (x) => (x > -1 ? undefined : `log1p is defined for x > −1, got log1p(${fmt(x)})`),
    // ONNX has no Log1p: Goldberg's ln u · x/(u − 1), u = 1 + x rounded
    export: { torch: (x) => `torch.log1p(${x[0]})`, onnx: (g, x) => onnxLog1p(g, x[0]!) },
    print: { unicode: 'log1p', latex: '\\operatorname{log1p}' },
  }),
  cbrt: unary({
    doc: '∛x, the real cube root (∛−8 = −2) ; d/dx ∛x = 1/(3 ∛x²), +∞ at 0',
    f: Math.cbrt,
    df: (_x, y) => 1 / (3 * y * y),
    sym: (_x, y, k) => k.div(k.num(1), k.mul(k.num(3), k.pow(y, k.num(2)))),
    rule: 'root rule',
    // the real root from |x|^(1/3) (torch and ONNX have no cube root; 1/3 rounded costs |ln x|·2e-17 relative);
    // the branch not taken gets 1, so its gradient is finite and masked
    export: {
      torch: (x) => oddRootTorch(x[0]!, '0.3333333333333333'),
      onnx: (g, x) => oddRootOnnx(g, x[0]!, g.num(1 / 3)),
    },
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
    // x^(1/n) for x ≥ 0, −(−x)^(1/n) for x < 0 when n is an odd integer (|fmod(n, 2)| = 1), NaN for other n
    export: {
      torch: (x) => {
        const [v, n] = x as [string, string];
        return `torch.where((${v} < 0) & (torch.abs(torch.fmod(${n}, 2)) != 1), float('nan'), ${oddRootTorch(v, `torch.reciprocal(${n})`)})`;
      },
      onnx: (g, x) => {
        const [v, n] = x as [string, string];
        const even = g.node('Not', [g.node('Equal', [g.node('Abs', [g.node('Mod', [n, g.num(2)], { fmod: { int: 1 } })]), g.num(1)])]);
        const bad = g.node('And', [g.node('Less', [v, g.num(0)]), even]);
        return g.node('Where', [bad, g.num(NaN), oddRootOnnx(g, v, g.node('Div', [g.num(1), n]))]);
      },
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
    // torch.hypot is binary: nested, each step scaled, and 0 where both are 0 (with the gradient 0 there, where
    // torch.hypot's backward a/r is 0/0); ONNX: m √Σ(xᵢ/m)², m = max |xᵢ| (0 at the origin, ∞ if any is)
    export: {
      torch: (x) =>
        x.reduce((a, b) => {
          const zero = `(${a} == 0) & (${b} == 0)`;
          return `torch.where(${zero}, torch.zeros_like(${a}), torch.hypot(torch.where(${zero}, 1.0, ${a}), torch.where(${zero}, 1.0, ${b})))`;
        }),
      onnx: (g, x) => {
        const abs = x.map((v) => g.node('Abs', [v]));
        const m = g.node('Max', abs);
        const s = g.node('Sum', abs.map((a) => {
          const q = g.node('Div', [a, m]);
          return g.node('Mul', [q, q]);
        }));
        const r = g.node('Mul', [m, g.node('Sqrt', [s])]);
        return g.node('Where', [g.node('Equal', [m, g.num(0)]), g.num(0), g.node('Where', [g.node('IsInf', [m]), m, r])]);
      },
    },
    notation: { type: 'function', unicode: 'hypot', latex: '\\operatorname{hypot}' },
  },
} satisfies Record<string, OpDef>;
