// Arithmetic: + − × ÷, negation and powers.

import type { Expr } from '../expr/expr.ts';
import { direct } from './lower.ts';
import type { OpDef } from './types.ts';

const fmt = (v: number): string => String(+v.toPrecision(12));

export const arith = {
  add: {
    arity: { min: 2, max: Infinity },
    doc: 'x₁ + x₂ + … ; ∂/∂xᵢ = 1',
    eval: (x) => {
      let s = 0;
      for (const v of x) s += v;
      return s;
    },
    partials: (x, _y, d) => {
      for (let i = 0; i < x.length; i++) d[i] = 1;
    },
    derivative: (_x, _y, _i, k) => k.num(1),
    rule: 'sum rule',
    js: (x) => x.join(' + '),
    export: { torch: (x) => `(${x.join(' + ')})`, onnx: (g, x) => g.node('Sum', x) },
    notation: { type: 'infix', prec: 1, ascii: '+', unicode: '+', latex: '+' },
  },
  sub: {
    arity: 2,
    doc: 'a − b ; ∂/∂a = 1, ∂/∂b = −1',
    eval: (x) => x[0]! - x[1]!,
    partials: (_x, _y, d) => {
      d[0] = 1;
      d[1] = -1;
    },
    derivative: (_x, _y, i, k) => k.num(i === 0 ? 1 : -1),
    rule: 'difference rule',
    js: (x) => `${x[0]} - ${x[1]}`,
    export: { torch: (x) => `(${x[0]} - ${x[1]})`, onnx: (g, x) => g.node('Sub', x) },
    notation: { type: 'infix', prec: 1, ascii: '-', unicode: '−', latex: '-' },
  },
  mul: {
    arity: { min: 2, max: Infinity },
    doc: 'x₁ · x₂ · … ; ∂/∂xᵢ = Πⱼ≠ᵢ xⱼ',
    eval: (x) => {
      let p = 1;
      for (const v of x) p *= v;
      return p;
    },
    partials: (x, _y, d) => {
      // Products of all the other factors, by prefix and suffix products, so a
      // zero factor does not poison the others (no division by xᵢ).
      const n = x.length;
      if (n === 2) {
        d[0] = x[1]!;
        d[1] = x[0]!;
        return;
      }
      let pre = 1;
      for (let i = 0; i < n; i++) {
        d[i] = pre;
        pre *= x[i]!;
      }
      let suf = 1;
      for (let i = n - 1; i >= 0; i--) {
        d[i] = d[i]! * suf;
        suf *= x[i]!;
      }
    },
    derivative: (x, _y, i, k) => {
      // ∂(x₁⋯xₙ)/∂xᵢ = the product of the other factors
      let p: Expr | undefined;
      for (let j = 0; j < x.length; j++) if (j !== i) p = p === undefined ? x[j]! : k.mul(p, x[j]!);
      return p ?? k.num(1);
    },
    rule: 'product rule',
    js: (x) => x.join(' * '),
    export: { torch: (x) => `(${x.join(' * ')})`, onnx: (g, x) => x.slice(1).reduce((p, v) => g.node('Mul', [p, v]), x[0]!) },
    notation: { type: 'infix', prec: 2, ascii: '*', unicode: '·', latex: '\\cdot' },
  },
  div: {
    arity: 2,
    doc: 'a / b ; ∂/∂a = 1/b, ∂/∂b = −a/b²',
    eval: (x) => x[0]! / x[1]!,
    partials: (x, _y, d) => {
      const b = x[1]!;
      d[0] = 1 / b;
      d[1] = -x[0]! / (b * b);
    },
    derivative: (x, _y, i, k) =>
      i === 0 ? k.div(k.num(1), x[1]!) : k.neg(k.div(x[0]!, k.pow(x[1]!, k.num(2)))),
    rule: 'quotient rule',
    domain: (x) => (x[1] === 0 ? `division by zero (${fmt(x[0]!)}/0)` : undefined),
    js: (x) => `${x[0]} / ${x[1]}`,
    export: { torch: (x) => `(${x[0]} / ${x[1]})`, onnx: (g, x) => g.node('Div', x) },
    notation: { type: 'infix', prec: 2, ascii: '/', unicode: '/', latex: '/' },
  },
  neg: {
    arity: 1,
    doc: '−x ; d/dx = −1',
    eval: (x) => -x[0]!,
    partials: (_x, _y, d) => {
      d[0] = -1;
    },
    derivative: (_x, _y, _i, k) => k.num(-1),
    rule: 'constant multiple rule',
    js: (x) => `-${x[0]}`,
    export: { torch: (x) => `(-${x[0]})`, onnx: (g, x) => g.node('Neg', x) },
    notation: { type: 'special' },
  },
  pow: {
    arity: 2,
    doc: 'aᵇ ; ∂/∂a = b·a^(b−1) (power rule), ∂/∂b = aᵇ ln a (exponential rule)',
    eval: (x) => Math.pow(x[0]!, x[1]!),
    partials: (x, y, d) => {
      const a = x[0]!;
      const b = x[1]!;
      // ∂/∂a = b·a^(b−1); with an infinite exponent and aᵇ = 0 the limit is 0
      // (0.5^∞, 2^(−∞)), not ∞·0
      d[0] = b === 0 ? 0 : y === 0 && !Number.isFinite(b) ? 0 : b * Math.pow(a, b - 1);
      // ∂/∂b = aᵇ ln a; at a = 0 the limit is 0 for b > 0, and where aᵇ is 0
      // for a positive base it is 0 (∞⁻² ln ∞ → 0, not 0·∞)
      d[1] = a === 0 ? (b > 0 ? 0 : NaN) : y === 0 && a > 0 ? 0 : y * Math.log(a);
    },
    derivative: (x, y, i, k) => {
      const a = x[0]!;
      const b = x[1]!;
      if (i === 0) {
        // power rule: d/da aᵇ = b·a^(b−1); a numeric exponent is folded (x³ → 3x²)
        const bm1 = b.kind === 'num' ? k.num(b.value - 1) : k.sub(b, k.num(1));
        return k.mul(b, k.pow(a, bm1));
      }
      // exponential rule: d/db aᵇ = aᵇ ln a. With the literal base 0 it is
      // 0 wherever 0ᵇ is defined and differentiable (b > 0), as the numeric
      // partial says; aᵇ ln a would be 0·ln 0 = NaN there.
      if (a.kind === 'num' && a.value === 0) return k.num(0);
      return k.mul(y, k.call('ln', a));
    },
    rule: 'power rule',
    argRules: ['power rule', 'exponential rule'],
    domain: (x) => {
      const [a, b] = x as [number, number];
      if (a === 0 && b < 0) return `0 raised to the negative power ${fmt(b)}`;
      if (a < 0 && !Number.isInteger(b)) return `negative base ${fmt(a)} raised to the non-integer power ${fmt(b)}`;
      return undefined;
    },
    js: (x) => `Math.pow(${x[0]}, ${x[1]})`,
    export: direct('torch.pow', 'Pow'),
    notation: { type: 'special' },
  },
} satisfies Record<string, OpDef>;
