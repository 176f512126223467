// Elementary functions: exp, ln, roots, absolute value, trigonometric,
// inverse trigonometric, hyperbolic, erf, log-sum-exp (max/min: piecewise.ts).

import type { OpDef } from './types.ts';
import { erf as erfNum, erfc as erfcNum, expNegSquare, heaviside as H, logSumExp, sign as sgn } from './math.ts';
import { direct, onnxAcos, onnxAsin, onnxAtan, onnxCosh, onnxErf, onnxErfc, onnxHeaviside, onnxSinCos, onnxSinh } from './lower.ts';
import { fmt, unary } from './unary.ts';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

export const elementary = {
  exp: unary({
    doc: 'eˣ ; d/dx eˣ = eˣ',
    f: Math.exp,
    df: (_x, y) => y, // d/dx eˣ = eˣ
    sym: (_x, y) => y,
    rule: 'exponential rule',
    export: direct('torch.exp', 'Exp'),
    print: 'special',
  }),
  ln: unary({
    doc: 'ln x (natural logarithm) ; d/dx ln x = 1/x',
    aliases: ['log'],
    f: Math.log,
    df: (x) => 1 / x,
    sym: (x, _y, k) => k.div(k.num(1), x),
    rule: 'logarithm rule',
    domain: (x) => (x > 0 ? undefined : `ln is defined for x > 0, got ln(${fmt(x)})`),
    export: direct('torch.log', 'Log'),
    print: { unicode: 'ln', latex: '\\ln', bare: true },
  }),
  sqrt: unary({
    doc: '√x ; d/dx √x = 1/(2√x), +∞ at 0',
    // √(−0) is +0 (IEEE gives −0), so that sqrt′(0) = 1/(2·0) = +∞ whatever
    // the sign of the zero, and d/dx √(−x) at 0 = −∞ by the chain rule
    f: (x) => Math.sqrt(x) + 0,
    js: (x) => `(Math.sqrt(${x}) + 0)`,
    df: (_x, y) => 1 / (2 * y), // sqrt′(0) = +∞ (PyTorch/JAX)
    sym: (_x, y, k) => k.div(k.num(1), k.mul(k.num(2), y)),
    rule: 'root rule',
    domain: (x) => (x >= 0 ? undefined : `√ is defined for x ≥ 0, got √(${fmt(x)})`),
    export: direct('torch.sqrt', 'Sqrt'),
    print: 'special',
  }),
  abs: unary({
    doc: '|x| ; d/dx |x| = sign x, 0 at 0',
    f: Math.abs,
    df: (x) => sgn(x), // abs′(0) = 0 (PyTorch/JAX)
    sym: (x, _y, k) => k.call('sign', x),
    rule: 'absolute value rule',
    export: direct('torch.abs', 'Abs'),
    print: 'special',
  }),
  sign: unary({
    doc: 'sign x ∈ {−1, 0, 1} ; derivative 0 (almost everywhere)',
    aliases: ['sgn'],
    f: sgn,
    df: () => 0,
    sym: (_x, _y, k) => k.num(0),
    rule: 'step rule',
    export: direct('torch.sign', 'Sign'),
    print: { unicode: 'sign', latex: '\\operatorname{sign}' },
  }),
  heaviside: unary({
    doc: 'H(x) = 1 for x > 0, 0 for x ≤ 0 ; derivative 0 (almost everywhere)',
    f: H,
    df: () => 0,
    sym: (_x, _y, k) => k.num(0),
    rule: 'step rule',
    export: { torch: (x) => `torch.sign(torch.relu(${x[0]}))`, onnx: (g, x) => onnxHeaviside(g, x[0]!) },
    print: { unicode: 'H', latex: 'H' },
  }),
  sin: unary({
    doc: 'sin x ; d/dx sin x = cos x',
    f: Math.sin,
    df: Math.cos,
    sym: (x, _y, k) => k.call('cos', x),
    rule: 'sine rule',
    export: { torch: (x) => `torch.sin(${x[0]})`, onnx: (g, x) => onnxSinCos(g, x[0]!)[0] },
    print: { unicode: 'sin', latex: '\\sin', bare: true },
  }),
  cos: unary({
    doc: 'cos x ; d/dx cos x = −sin x',
    f: Math.cos,
    df: (x) => -Math.sin(x),
    sym: (x, _y, k) => k.neg(k.call('sin', x)),
    rule: 'cosine rule',
    export: { torch: (x) => `torch.cos(${x[0]})`, onnx: (g, x) => onnxSinCos(g, x[0]!)[1] },
    print: { unicode: 'cos', latex: '\\cos', bare: true },
  }),
  tan: unary({
    doc: 'tan x ; d/dx tan x = 1 + tan² x = sec² x',
    f: Math.tan,
    df: (_x, y) => 1 + y * y,
    sym: (x, _y, k) => k.pow(k.call('sec', x), k.num(2)),
    rule: 'tangent rule',
    export: { torch: (x) => `torch.tan(${x[0]})`, onnx: (g, x) => g.node('Div', onnxSinCos(g, x[0]!)) },
    print: { unicode: 'tan', latex: '\\tan', bare: true },
  }),
  sec: unary({
    doc: 'sec x = 1/cos x ; d/dx sec x = sec x tan x',
    f: (x) => 1 / Math.cos(x),
    df: (x, y) => y * Math.tan(x),
    sym: (x, y, k) => k.mul(y, k.call('tan', x)),
    rule: 'secant rule',
    export: { torch: (x) => `torch.reciprocal(torch.cos(${x[0]}))`, onnx: (g, x) => g.node('Div', [g.num(1), onnxSinCos(g, x[0]!)[1]]) },
    print: { unicode: 'sec', latex: '\\sec', bare: true },
  }),
  csc: unary({
    doc: 'csc x = 1/sin x ; d/dx csc x = −csc x cot x',
    f: (x) => 1 / Math.sin(x),
    df: (x, y) => -y / Math.tan(x),
    sym: (x, y, k) => k.neg(k.mul(y, k.call('cot', x))),
    rule: 'cosecant rule',
    domain: (x) => (Math.sin(x) === 0 ? `csc is undefined where sin x = 0, got csc(${fmt(x)})` : undefined),
    export: { torch: (x) => `torch.reciprocal(torch.sin(${x[0]}))`, onnx: (g, x) => g.node('Div', [g.num(1), onnxSinCos(g, x[0]!)[0]]) },
    print: { unicode: 'csc', latex: '\\csc', bare: true },
  }),
  cot: unary({
    doc: 'cot x = cos x / sin x ; d/dx cot x = −csc² x',
    f: (x) => 1 / Math.tan(x),
    df: (x) => {
      const s = Math.sin(x);
      return -1 / (s * s);
    },
    sym: (x, _y, k) => k.neg(k.pow(k.call('csc', x), k.num(2))),
    rule: 'cotangent rule',
    domain: (x) => (Math.sin(x) === 0 ? `cot is undefined where sin x = 0, got cot(${fmt(x)})` : undefined),
    export: { torch: (x) => `torch.reciprocal(torch.tan(${x[0]}))`, onnx: (g, x) => g.node('Div', onnxSinCos(g, x[0]!).reverse()) },
    print: { unicode: 'cot', latex: '\\cot', bare: true },
  }),
  asin: unary({
    doc: 'arcsin x ; d/dx arcsin x = 1/√(1 − x²)',
    aliases: ['arcsin'],
    f: Math.asin,
    df: (x) => 1 / Math.sqrt(1 - x * x),
    sym: (x, _y, k) => k.div(k.num(1), k.call('sqrt', k.sub(k.num(1), k.pow(x, k.num(2))))),
    rule: 'arcsine rule',
    domain: (x) => (Math.abs(x) <= 1 ? undefined : `arcsin is defined for −1 ≤ x ≤ 1, got arcsin(${fmt(x)})`),
    // float32 guess, then Newton on sin y = x; asin(±1) = ±π/2 exactly
    export: { torch: (x) => `torch.asin(${x[0]})`, onnx: (g, x) => onnxAsin(g, x[0]!) },
    print: { unicode: 'arcsin', latex: '\\arcsin', bare: true },
  }),
  acos: unary({
    doc: 'arccos x ; d/dx arccos x = −1/√(1 − x²)',
    aliases: ['arccos'],
    f: Math.acos,
    df: (x) => -1 / Math.sqrt(1 - x * x),
    sym: (x, _y, k) => k.neg(k.div(k.num(1), k.call('sqrt', k.sub(k.num(1), k.pow(x, k.num(2)))))),
    rule: 'arccosine rule',
    domain: (x) => (Math.abs(x) <= 1 ? undefined : `arccos is defined for −1 ≤ x ≤ 1, got arccos(${fmt(x)})`),
    // float32 guess, then Newton on cos y = x; acos 1 = 0, acos −1 = π exactly
    export: { torch: (x) => `torch.acos(${x[0]})`, onnx: (g, x) => onnxAcos(g, x[0]!) },
    print: { unicode: 'arccos', latex: '\\arccos', bare: true },
  }),
  atan: unary({
    doc: 'arctan x ; d/dx arctan x = 1/(1 + x²)',
    aliases: ['arctan'],
    f: Math.atan,
    df: (x) => 1 / (1 + x * x),
    sym: (x, _y, k) => k.div(k.num(1), k.add(k.num(1), k.pow(x, k.num(2)))),
    rule: 'arctangent rule',
    // float32 guess, then Newton on tan y = x: y − cos y (sin y − x cos y); atan ±∞ = ±π/2
    export: { torch: (x) => `torch.atan(${x[0]})`, onnx: (g, x) => onnxAtan(g, x[0]!) },
    print: { unicode: 'arctan', latex: '\\arctan', bare: true },
  }),
  sinh: unary({
    doc: 'sinh x ; d/dx sinh x = cosh x',
    f: Math.sinh,
    df: Math.cosh,
    sym: (x, _y, k) => k.call('cosh', x),
    rule: 'hyperbolic sine rule',
    // sinh x = (expm1 x − expm1(−x))/2: no cancellation near 0 (ONNX Runtime has Sinh in float only)
    export: { torch: (x) => `torch.sinh(${x[0]})`, onnx: (g, x) => onnxSinh(g, x[0]!) },
    print: { unicode: 'sinh', latex: '\\sinh', bare: true },
  }),
  cosh: unary({
    doc: 'cosh x ; d/dx cosh x = sinh x',
    f: Math.cosh,
    df: Math.sinh,
    sym: (x, _y, k) => k.call('sinh', x),
    rule: 'hyperbolic cosine rule',
    // cosh x = (eˣ + e⁻ˣ)/2 (ONNX Runtime has Cosh in float only)
    export: { torch: (x) => `torch.cosh(${x[0]})`, onnx: (g, x) => onnxCosh(g, x[0]!) },
    print: { unicode: 'cosh', latex: '\\cosh', bare: true },
  }),
  tanh: unary({
    doc: 'tanh x ; d/dx tanh x = 1 − tanh² x = 1/cosh² x',
    f: Math.tanh,
    // sech² x = 1/cosh² x where |tanh x| > ½, not 1 − tanh² x, which is 0
    // once tanh x rounds to ±1 (|x| ≥ 19.1): tanh′(30) = 3.5e−26. Near 0,
    // 1 − tanh² x ≥ ¾ is exact enough and saves the cosh.
    df: (x, y) => {
      if (Math.abs(y) <= 0.5) return 1 - y * y;
      const s = 1 / Math.cosh(x);
      return s * s;
    },
    sym: (x, _y, k) => k.div(k.num(1), k.pow(k.call('cosh', x), k.num(2))),
    rule: 'hyperbolic tangent rule',
    export: direct('torch.tanh', 'Tanh'),
    print: { unicode: 'tanh', latex: '\\tanh', bare: true },
  }),
  erf: unary({
    doc: 'erf x = (2/√π) ∫₀ˣ e^(−t²) dt ; d/dx erf x = (2/√π) e^(−x²)',
    f: erfNum,
    df: (x) => TWO_OVER_SQRT_PI * expNegSquare(x, 1),
    sym: (x, _y, k) =>
      k.mul(k.div(k.num(2), k.call('sqrt', k.constant('pi'))), k.call('exp', k.neg(k.pow(x, k.num(2))))),
    rule: 'error function rule',
    // ONNX: built in double (ONNX Runtime has Erf in float only)
    export: { torch: (x) => `torch.erf(${x[0]})`, onnx: (g, x) => onnxErf(g, x[0]!) },
    print: { unicode: 'erf', latex: '\\operatorname{erf}' },
  }),
  erfc: unary({
    doc: 'erfc x = 1 − erf x, accurate in the tail (erfc 10 = 2.09e−45) ; d/dx erfc x = −(2/√π) e^(−x²)',
    f: erfcNum,
    df: (x) => -TWO_OVER_SQRT_PI * expNegSquare(x, 1),
    sym: (x, _y, k) =>
      k.neg(k.mul(k.div(k.num(2), k.call('sqrt', k.constant('pi'))), k.call('exp', k.neg(k.pow(x, k.num(2)))))),
    rule: 'complementary error function rule',
    // ONNX: built in double (ONNX has no Erfc, ONNX Runtime has Erf in float only)
    export: { torch: (x) => `torch.special.erfc(${x[0]})`, onnx: (g, x) => onnxErfc(g, x[0]!) },
    print: { unicode: 'erfc', latex: '\\operatorname{erfc}' },
  }),
  logsumexp: {
    arity: { min: 1, max: Infinity },
    doc: 'ln Σ e^(xᵢ), computed stably ; ∂/∂xᵢ = softmaxᵢ = e^(xᵢ − y)',
    aliases: ['lse'],
    eval: logSumExp,
    partials: (x, _y, d) => {
      // softmax shifted by the maximum m: e^(xᵢ − m) / Σ e^(xⱼ − m), exact to
      // a few ulp (e^(xᵢ − y) would carry y's rounding, |y|·ε: 6e−14 at
      // y = 1000); at m = +∞ the weight is shared by the infinite arguments
      let m = -Infinity;
      for (const v of x) if (v > m) m = v;
      if (m === Infinity) {
        let n = 0;
        for (const v of x) if (v === Infinity) n++;
        for (let i = 0; i < x.length; i++) d[i] = x[i] === Infinity ? 1 / n : 0;
        return;
      }
      let s = 0;
      for (let i = 0; i < x.length; i++) s += d[i] = Math.exp(x[i]! - m);
      for (let i = 0; i < x.length; i++) d[i] = d[i]! / s;
    },
    derivative: (x, y, i, k) => k.call('exp', k.sub(x[i]!, y)),
    rule: 'log-sum-exp rule',
    // m + ln Σ e^(xᵢ − m), m = max xᵢ (m itself where m = ±∞)
    export: {
      torch: (x) => `torch.logsumexp(torch.stack(torch.broadcast_tensors(${x.join(', ')})), 0)`,
      onnx: (g, x) => {
        if (x.length === 1) return x[0]!;
        const m = g.node('Max', x);
        const s = g.node('Sum', x.map((v) => g.node('Exp', [g.node('Sub', [v, m])])));
        return g.node('Where', [g.node('IsInf', [m]), m, g.node('Add', [m, g.node('Log', [s])])]);
      },
    },
    notation: { type: 'function', unicode: 'logsumexp', latex: '\\operatorname{logsumexp}' },
  },
} satisfies Record<string, OpDef>;
