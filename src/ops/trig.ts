// Inverse and reciprocal trigonometric and hyperbolic functions, atan2 and
// sinc. Inverse functions of reciprocals are defined through the reciprocal's
// argument (arcsec x = arccos(1/x)), and computed near |x| = 1 from |x| − 1,
// which is exact there, instead of 1/x, which rounds off the digits they need.

import type { OpDef } from './types.ts';
import { onnxAcos, onnxAcosh, onnxAsin, onnxAsinh, onnxAtan, onnxAtan2, onnxAtanh, onnxCosh, onnxLog1p, onnxSinCos, onnxSinh } from './lower.ts';
import type { OnnxBuilder } from './types.ts';
import { fmt, unary } from './unary.ts';

/** sinc x = Σₖ (−1)ᵏ x²ᵏ/(2k + 1)!, to k = 10 (the next term is below 2e-21 for |x| ≤ 1). */
const SINC_SERIES: readonly number[] = Array.from({ length: 11 }, (_, k) => {
  let f = 1;
  for (let i = 2; i <= 2 * k + 1; i++) f *= i;
  return (k % 2 ? -1 : 1) / f;
});

/** dsinc x = Σⱼ≥₁ (−1)ʲ 2j x^(2j−1)/(2j + 1)! = x Σₖ cₖ x²ᵏ with cₖ = (−1)ᵏ⁺¹ 2(k + 1)/(2k + 3)!, to k = 10. */
const DSINC_SERIES: readonly number[] = Array.from({ length: 11 }, (_, k) => {
  let f = 1;
  for (let i = 2; i <= 2 * k + 3; i++) f *= i;
  return ((k % 2 ? 1 : -1) * 2 * (k + 1)) / f;
});

/** x^odd · Σ cₖ (x²)ᵏ in Horner form, as Python source (x is an expression, used twice). */
function hornerTorch(c: readonly number[], x: string, odd: 0 | 1): string {
  const t = `(${x}) ** 2`;
  let p = String(c[c.length - 1]!);
  for (let k = c.length - 2; k >= 0; k--) p = `(${p}) * ${t} + ${c[k]!}`;
  return odd ? `(${x}) * (${p})` : `(${p})`;
}

/** The same in ONNX. */
function hornerOnnx(g: OnnxBuilder, c: readonly number[], x: string, odd: 0 | 1): string {
  const t = g.node('Mul', [x, x]);
  let p = g.num(c[c.length - 1]!);
  for (let k = c.length - 2; k >= 0; k--) p = g.node('Add', [g.node('Mul', [p, t]), g.num(c[k]!)]);
  return odd ? g.node('Mul', [x, p]) : p;
}

/** sinc x = sin x / x, sinc 0 = 1 (unnormalised, as in SymPy). */
export function sinc(x: number): number {
  if (x === 0) return 1;
  if (!Number.isFinite(x)) return Number.isNaN(x) ? NaN : 0;
  return Math.sin(x) / x;
}

/**
 * sinc′ x = (x cos x − sin x)/x². Near 0 the difference cancels, so there
 * the Maclaurin series Σⱼ≥₁ (−1)ʲ 2j x^(2j−1)/(2j+1)! is summed instead.
 */
export function dsinc(x: number): number {
  if (Math.abs(x) < 1) {
    const x2 = x * x;
    let s = 0;
    let p = x; // x^(2j−1)
    let f = 6; // (2j+1)!
    for (let j = 1; j < 20; j++) {
      const t = ((j % 2 ? -2 : 2) * j * p) / f;
      s += t;
      if (Math.abs(t) < 1e-18 * Math.abs(s)) break;
      p *= x2;
      f *= (2 * j + 2) * (2 * j + 3);
    }
    return s;
  }
  if (!Number.isFinite(x)) return Number.isNaN(x) ? NaN : 0;
  return (Math.cos(x) - Math.sin(x) / x) / x; // not over x², which overflows for |x| > 1e154
}

/** sinc″ x = −sinc x − 2 sinc′(x)/x; near 0 the series Σⱼ≥₁ (−1)ʲ 2j(2j−1) x^(2j−2)/(2j+1)!. */
function d2sinc(x: number): number {
  if (Math.abs(x) < 1) {
    const x2 = x * x;
    let s = 0;
    let p = 1;
    let f = 6;
    for (let j = 1; j < 20; j++) {
      const t = ((j % 2 ? -2 : 2) * j * (2 * j - 1) * p) / f;
      s += t;
      if (Math.abs(t) < 1e-18 * Math.abs(s)) break;
      p *= x2;
      f *= (2 * j + 2) * (2 * j + 3);
    }
    return s;
  }
  return -sinc(x) - (2 * dsinc(x)) / x;
}

const outsideUnit = (name: string) => (x: number): string | undefined =>
  Math.abs(x) >= 1 ? undefined : `${name} is defined for |x| ≥ 1, got ${name}(${fmt(x)})`;
const nonZero = (name: string) => (x: number): string | undefined =>
  x !== 0 ? undefined : `${name} is undefined at 0, got ${name}(0)`;

/** √(x² − 1) for |x| ≥ 1 as √(|x| − 1)·√(|x| + 1): |x| − 1 is exact near 1, where x² − 1 keeps few digits, and nothing overflows. */
const rootSqMinus1 = (x: number): number => Math.sqrt(Math.abs(x) - 1) * Math.sqrt(Math.abs(x) + 1);

export const trig = {
  asec: unary({
    doc: 'arcsec x = arccos(1/x), |x| ≥ 1 ; d/dx arcsec x = 1/(|x| √(x² − 1))',
    aliases: ['arcsec'],
    // arctan √(x² − 1) for x ≥ 1, π − that for x ≤ −1: acos(1/x) loses the digits that 1/x rounds off near |x| = 1
    f: (x) => (x > 0 ? Math.atan(rootSqMinus1(x)) : Math.PI - Math.atan(rootSqMinus1(x))),
    df: (x) => 1 / Math.abs(x) / rootSqMinus1(x),
    sym: (x, _y, k) => k.div(k.num(1), k.mul(k.call('abs', x), k.call('sqrt', k.sub(k.pow(x, k.num(2)), k.num(1))))),
    rule: 'arcsecant rule',
    domain: outsideUnit('arcsec'),
    export: { torch: (x) => `torch.acos(torch.reciprocal(${x[0]}))`, onnx: (g, x) => onnxAcos(g, g.node('Div', [g.num(1), x[0]!])) },
    print: { unicode: 'arcsec', latex: '\\operatorname{arcsec}', bare: true },
  }),
  acsc: unary({
    doc: 'arccsc x = arcsin(1/x), |x| ≥ 1 ; d/dx arccsc x = −1/(|x| √(x² − 1))',
    aliases: ['arccsc', 'acosec', 'arccosec'],
    // ±arctan(1/√(x² − 1)), the sign of x: asin(1/x) loses the digits that 1/x rounds off near |x| = 1
    f: (x) => Math.sign(x) * Math.atan2(1, rootSqMinus1(x)),
    df: (x) => -1 / Math.abs(x) / rootSqMinus1(x),
    sym: (x, _y, k) => k.neg(k.div(k.num(1), k.mul(k.call('abs', x), k.call('sqrt', k.sub(k.pow(x, k.num(2)), k.num(1)))))),
    rule: 'arccosecant rule',
    domain: outsideUnit('arccsc'),
    export: { torch: (x) => `torch.asin(torch.reciprocal(${x[0]}))`, onnx: (g, x) => onnxAsin(g, g.node('Div', [g.num(1), x[0]!])) },
    print: { unicode: 'arccsc', latex: '\\operatorname{arccsc}', bare: true },
  }),
  acot: unary({
    doc: 'arccot x = arctan(1/x), values in (−π/2, π/2] (arccot 0 = π/2, as mpmath and SymPy) ; d/dx arccot x = −1/(1 + x²)',
    aliases: ['arccot'],
    f: (x) => Math.atan(1 / x),
    df: (x) => -1 / (1 + x * x),
    sym: (x, _y, k) => k.neg(k.div(k.num(1), k.add(k.num(1), k.pow(x, k.num(2))))),
    rule: 'arccotangent rule',
    // torch: atan2(s, s·x) with s = ±1 by the sign bit of x is arctan(1/x), and its autograd is −1/(1 + x²) at 0 too
    export: {
      torch: (x) => `torch.atan2(torch.where(torch.signbit(${x[0]}), -1.0, 1.0), torch.where(torch.signbit(${x[0]}), -1.0, 1.0) * ${x[0]})`,
      onnx: (g, x) => onnxAtan(g, g.node('Div', [g.num(1), x[0]!])),
    },
    print: { unicode: 'arccot', latex: '\\operatorname{arccot}', bare: true },
  }),
  sech: unary({
    doc: 'sech x = 1/cosh x ; d/dx sech x = −sech x tanh x',
    f: (x) => 1 / Math.cosh(x),
    df: (x, y) => -y * Math.tanh(x),
    sym: (x, y, k) => k.neg(k.mul(y, k.call('tanh', x))),
    rule: 'hyperbolic secant rule',
    // torch: 1/cosh x for |x| < 20, 2e^(−|x|) beyond (equal to rounding there), whose gradient does not underflow
    // as 1/cosh's −y² sinh x does; the branch not taken gets a clamped argument
    export: {
      torch: (x) => `torch.where(torch.abs(${x[0]}) < 20, torch.reciprocal(torch.cosh(torch.clamp(${x[0]}, -20.0, 20.0))), 2 * torch.exp(-torch.abs(${x[0]})))`,
      onnx: (g, x) => g.node('Div', [g.num(1), onnxCosh(g, x[0]!)]),
    },
    print: { unicode: 'sech', latex: '\\operatorname{sech}', bare: true },
  }),
  csch: unary({
    doc: 'csch x = 1/sinh x ; d/dx csch x = −csch x coth x',
    aliases: ['cosech'],
    f: (x) => 1 / Math.sinh(x),
    df: (x, y) => -y / Math.tanh(x),
    sym: (x, y, k) => k.neg(k.mul(y, k.call('coth', x))),
    rule: 'hyperbolic cosecant rule',
    domain: nonZero('csch'),
    // torch: 1/sinh x for |x| < 20, 2 sign x e^(−|x|) beyond (as sech)
    export: {
      torch: (x) => `torch.where(torch.abs(${x[0]}) < 20, torch.reciprocal(torch.sinh(torch.clamp(${x[0]}, -20.0, 20.0))), torch.sign(${x[0]}) * (2 * torch.exp(-torch.abs(${x[0]}))))`,
      onnx: (g, x) => g.node('Div', [g.num(1), onnxSinh(g, x[0]!)]),
    },
    print: { unicode: 'csch', latex: '\\operatorname{csch}', bare: true },
  }),
  coth: unary({
    doc: 'coth x = cosh x / sinh x ; d/dx coth x = −csch² x',
    f: (x) => 1 / Math.tanh(x),
    df: (x) => {
      const c = 1 / Math.sinh(x); // not 1 − coth², which cancels to 0 for large x
      return -c * c;
    },
    sym: (x, _y, k) => k.neg(k.pow(k.call('csch', x), k.num(2))),
    rule: 'hyperbolic cotangent rule',
    domain: nonZero('coth'),
    // torch: sign x (1 + 2/expm1(2|x|)) for |x| < 20, sign x (1 + 2e^(−2|x|)) beyond: their autograd is −csch² x
    // without the cancellation of tanh's backward 1 − y²
    export: {
      torch: (x) =>
        `torch.sign(${x[0]}) * torch.where(torch.abs(${x[0]}) < 20, 1 + 2 / torch.expm1(2 * torch.clamp(torch.abs(${x[0]}), max=20.0)), 1 + 2 * torch.exp(-2 * torch.abs(${x[0]})))`,
      onnx: (g, x) => g.node('Div', [g.num(1), g.node('Tanh', x)]),
    },
    print: { unicode: 'coth', latex: '\\coth', bare: true },
  }),
  asinh: unary({
    doc: 'arsinh x = ln(x + √(x² + 1)) ; d/dx arsinh x = 1/√(x² + 1)',
    aliases: ['arsinh', 'arcsinh'],
    f: Math.asinh,
    df: (x) => 1 / Math.hypot(x, 1), // √(x² + 1) without overflow
    sym: (x, _y, k) => k.div(k.num(1), k.call('sqrt', k.add(k.pow(x, k.num(2)), k.num(1)))),
    rule: 'inverse hyperbolic sine rule',
    export: { torch: (x) => `torch.asinh(${x[0]})`, onnx: (g, x) => onnxAsinh(g, x[0]!) },
    print: { unicode: 'arsinh', latex: '\\operatorname{arsinh}', bare: true },
  }),
  acosh: unary({
    doc: 'arcosh x = ln(x + √(x² − 1)), x ≥ 1 ; d/dx arcosh x = 1/√(x² − 1)',
    aliases: ['arcosh', 'arccosh'],
    f: Math.acosh,
    df: (x) => 1 / (Math.sqrt(x - 1) * Math.sqrt(x + 1)),
    sym: (x, _y, k) => k.div(k.num(1), k.call('sqrt', k.sub(k.pow(x, k.num(2)), k.num(1)))),
    rule: 'inverse hyperbolic cosine rule',
    domain: (x) => (x >= 1 ? undefined : `arcosh is defined for x ≥ 1, got arcosh(${fmt(x)})`),
    // torch: ln(1 + (x − 1) + √((x − 1)(x + 1))), whose autograd is 1/√((x − 1)(x + 1)) (torch.acosh's backward
    // 1/√(x² − 1) cancels near 1); ln 2x past 1e8
    export: {
      torch: (x) =>
        `torch.where(${x[0]} > 1e8, torch.log(${x[0]}) + ${Math.LN2}, torch.log1p((torch.clamp(${x[0]}, max=1e8) - 1) + torch.sqrt((torch.clamp(${x[0]}, max=1e8) - 1) * (torch.clamp(${x[0]}, max=1e8) + 1))))`,
      onnx: (g, x) => onnxAcosh(g, x[0]!),
    },
    print: { unicode: 'arcosh', latex: '\\operatorname{arcosh}', bare: true },
  }),
  atanh: unary({
    doc: 'artanh x = ½ ln((1 + x)/(1 − x)), |x| < 1 ; d/dx artanh x = 1/(1 − x²)',
    aliases: ['artanh', 'arctanh'],
    f: Math.atanh,
    df: (x) => 1 / ((1 - x) * (1 + x)), // 1 − x² keeps few digits near |x| = 1; 1 − x is exact there
    sym: (x, _y, k) => k.div(k.num(1), k.sub(k.num(1), k.pow(x, k.num(2)))),
    rule: 'inverse hyperbolic tangent rule',
    domain: (x) => (Math.abs(x) < 1 ? undefined : `artanh is defined for |x| < 1, got artanh(${fmt(x)})`),
    export: { torch: (x) => `torch.atanh(${x[0]})`, onnx: (g, x) => onnxAtanh(g, x[0]!) },
    print: { unicode: 'artanh', latex: '\\operatorname{artanh}', bare: true },
  }),
  asech: unary({
    doc: 'arsech x = arcosh(1/x), 0 < x ≤ 1 ; d/dx arsech x = −1/(x √(1 − x²))',
    aliases: ['arsech', 'arcsech'],
    // arcosh(1/x) = ln(1 + ((1 − x) + √((1 − x)(1 + x)))/x): 1/x rounds off the digits arcosh needs near 1
    f: (x) => Math.log1p((1 - x + Math.sqrt((1 - x) * (1 + x))) / x),
    df: (x) => -1 / (x * Math.sqrt((1 - x) * (1 + x))),
    sym: (x, _y, k) => k.neg(k.div(k.num(1), k.mul(x, k.call('sqrt', k.sub(k.num(1), k.pow(x, k.num(2))))))),
    rule: 'inverse hyperbolic secant rule',
    domain: (x) => (x > 0 && x <= 1 ? undefined : `arsech is defined for 0 < x ≤ 1, got arsech(${fmt(x)})`),
    // arcosh(1/x) in terms of x: ln(1 + ((1 − x) + √((1 − x)(1 + x)))/x), accurate near 1 in value and autograd
    export: {
      torch: (x) => `torch.log1p(((1 - ${x[0]}) + torch.sqrt((1 - ${x[0]}) * (1 + ${x[0]}))) / ${x[0]})`,
      onnx: (g, x) => {
        const m = g.node('Sub', [g.num(1), x[0]!]);
        const t = g.node('Add', [m, g.node('Sqrt', [g.node('Mul', [m, g.node('Add', [g.num(1), x[0]!])])])]);
        return onnxLog1p(g, g.node('Div', [t, x[0]!]));
      },
    },
    print: { unicode: 'arsech', latex: '\\operatorname{arsech}', bare: true },
  }),
  acsch: unary({
    doc: 'arcsch x = arsinh(1/x), x ≠ 0 ; d/dx arcsch x = −1/(|x| √(1 + x²))',
    aliases: ['arcsch', 'arccsch', 'arcosech'],
    f: (x) => Math.asinh(1 / x),
    df: (x) => -1 / (Math.abs(x) * Math.hypot(1, x)),
    sym: (x, _y, k) => k.neg(k.div(k.num(1), k.mul(k.call('abs', x), k.call('sqrt', k.add(k.num(1), k.pow(x, k.num(2))))))),
    rule: 'inverse hyperbolic cosecant rule',
    domain: nonZero('arcsch'),
    export: { torch: (x) => `torch.asinh(torch.reciprocal(${x[0]}))`, onnx: (g, x) => onnxAsinh(g, g.node('Div', [g.num(1), x[0]!])) },
    print: { unicode: 'arcsch', latex: '\\operatorname{arcsch}', bare: true },
  }),
  acoth: unary({
    doc: 'arcoth x = artanh(1/x), |x| > 1 ; d/dx arcoth x = 1/(1 − x²)',
    aliases: ['arcoth', 'arccoth'],
    // ½ ln((x + 1)/(x − 1)) = ½ ln(1 + 2/(x − 1)) for x > 1, odd: atanh(1/x) loses the digits that 1/x rounds off near |x| = 1
    f: (x) => (Math.sign(x) * Math.log1p(2 / (Math.abs(x) - 1))) / 2,
    df: (x) => 1 / ((1 - x) * (1 + x)), // 1 − x² keeps few digits near |x| = 1; 1 − x is exact there
    sym: (x, _y, k) => k.div(k.num(1), k.sub(k.num(1), k.pow(x, k.num(2)))),
    rule: 'inverse hyperbolic cotangent rule',
    domain: (x) => (Math.abs(x) > 1 ? undefined : `arcoth is defined for |x| > 1, got arcoth(${fmt(x)})`),
    export: { torch: (x) => `torch.atanh(torch.reciprocal(${x[0]}))`, onnx: (g, x) => onnxAtanh(g, g.node('Div', [g.num(1), x[0]!])) },
    print: { unicode: 'arcoth', latex: '\\operatorname{arcoth}', bare: true },
  }),
  atan2: {
    arity: 2,
    doc: 'atan2(y, x), the angle of the point (x, y) in (−π, π] ; ∂/∂y = x/(x² + y²), ∂/∂x = −y/(x² + y²) (NaN at the origin, as PyTorch)',
    aliases: ['arctan2'],
    eval: (x) => Math.atan2(x[0]!, x[1]!),
    partials: (x, _y, d) => {
      const h = Math.hypot(x[0]!, x[1]!); // x/(x² + y²) = (x/h)/h without overflow
      d[0] = x[1]! / h / h;
      d[1] = -x[0]! / h / h;
    },
    derivative: (x, _y, i, k) => {
      const r2 = k.add(k.pow(x[1]!, k.num(2)), k.pow(x[0]!, k.num(2)));
      return i === 0 ? k.div(x[1]!, r2) : k.neg(k.div(x[0]!, r2));
    },
    rule: 'two-argument arctangent rule',
    js: (x) => `Math.atan2(${x[0]}, ${x[1]})`,
    // ONNX: arctan(y/x), plus ±π by the sign of y where x < 0; the signed zeros and the infinities as IEEE atan2
    export: { torch: (x) => `torch.atan2(${x[0]}, ${x[1]})`, onnx: (g, x) => onnxAtan2(g, x[0]!, x[1]!) },
    notation: { type: 'function', unicode: 'atan2', latex: '\\operatorname{atan2}' },
  },
  sinc: unary({
    doc: 'sinc x = sin x / x, sinc 0 = 1 (unnormalised) ; d/dx sinc x = dsinc x = (x cos x − sin x)/x², 0 at 0',
    f: sinc,
    df: (x) => dsinc(x),
    sym: (x, _y, k) => k.call('dsinc', x),
    rule: 'sinc rule',
    // the Taylor series below |x| = 1, where the autograd of sin x / x cancels (cos x/x − sin x/x²); torch.sinc is sin(πx)/(πx)
    export: {
      torch: (x) => `torch.where(torch.isinf(${x[0]}), 0.0, torch.where(torch.abs(${x[0]}) < 1, ${hornerTorch(SINC_SERIES, `torch.clamp(${x[0]}, -1.0, 1.0)`, 0)}, torch.sin(torch.where(torch.abs(${x[0]}) < 1, 1.0, ${x[0]})) / torch.where(torch.abs(${x[0]}) < 1, 1.0, ${x[0]})))`,
      onnx: (g, x) => {
        const v = x[0]!;
        const r = g.node('Where', [g.node('Equal', [v, g.num(0)]), g.num(1), g.node('Div', [onnxSinCos(g, v)[0], v])]);
        return g.node('Where', [g.node('IsInf', [v]), g.num(0), r]);
      },
    },
    print: { unicode: 'sinc', latex: '\\operatorname{sinc}', bare: true },
  }),
  dsinc: unary({
    doc: 'dsinc x = d/dx sinc x = (x cos x − sin x)/x², 0 at 0 ; d/dx dsinc x = −sinc x − 2 dsinc(x)/x (−1/3 at 0 numerically; the symbolic form divides by x)',
    f: dsinc,
    df: (x) => d2sinc(x),
    sym: (x, y, k) => k.sub(k.neg(k.call('sinc', x)), k.div(k.mul(k.num(2), y), x)),
    rule: 'sinc rule',
    // the series below |x| = 1 and (cos x − sin x/x)/x above, as the eval
    export: {
      torch: (x) => {
        const big = `torch.where(torch.abs(${x[0]}) < 1, 1.0, ${x[0]})`;
        return `torch.where(torch.isinf(${x[0]}), 0.0, torch.where(torch.abs(${x[0]}) < 1, ${hornerTorch(DSINC_SERIES, `torch.clamp(${x[0]}, -1.0, 1.0)`, 1)}, (torch.cos(${big}) - torch.sin(${big}) / ${big}) / ${big}))`;
      },
      onnx: (g, x) => {
        const v = x[0]!;
        const small = hornerOnnx(g, DSINC_SERIES, g.node('Max', [g.node('Min', [v, g.num(1)]), g.num(-1)]), 1);
        const [s, c] = onnxSinCos(g, v);
        const big = g.node('Div', [g.node('Sub', [c, g.node('Div', [s, v])]), v]);
        const r = g.node('Where', [g.node('Less', [g.node('Abs', [v]), g.num(1)]), small, big]);
        return g.node('Where', [g.node('IsInf', [v]), g.num(0), r]);
      },
    },
    print: { unicode: 'dsinc', latex: '\\operatorname{sinc}\'' },
  }),
} satisfies Record<string, OpDef>;
