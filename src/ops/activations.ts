// Activation functions of neural networks, with the seeds' definitions.
// Kinks follow PyTorch: the derivative at a kink is the left (x ≤ 0) branch,
// so relu′(0) = 0, leakyrelu′(0) = γ, elu′(0) = α; hard functions have
// derivative 0 at their corners.

import type { OpDef } from './types.ts';
import { heaviside as H, logSigmoid, normalCdf, normalPdf, sigmoid, softplus } from './math.ts';
import { direct, onnxErfc, onnxExpm1, onnxPositiveElse, onnxSigmoid, onnxSoftplus } from './lower.ts';
import { unary } from './unary.ts';


/** Default γ of leaky ReLU, α of ELU and β of swish when not given. */
export const DEFAULTS = { leakyrelu: 0.01, elu: 1, swish: 1 } as const;

export const activations = {
  sigmoid: unary({
    doc: 'σ(x) = 1/(1 + e^(−x)) ; σ′ = σ(1 − σ) = σ(x)σ(−x)',
    aliases: ['σ', 'sigma', 'logistic'],
    f: sigmoid,
    // σ(x)σ(−x), not σ(1 − σ), which is 0 once σ rounds to 1 (x ≥ 36.7):
    // σ′(40) = 4.25e−18, and σ′(30) to the last digit. For x ≤ 0, 1 − σ is
    // in [½, 1) and exact enough, and saves an exponential.
    df: (x, y) => (x <= 0 ? y * (1 - y) : y * sigmoid(-x)),
    sym: (x, y, k) => k.mul(y, k.call('sigmoid', k.neg(x))),
    rule: 'logistic rule',
    export: { torch: (x) => `torch.sigmoid(${x[0]})`, onnx: (g, x) => onnxSigmoid(g, x[0]!) },
    print: { unicode: 'σ', latex: '\\sigma' },
  }),
  logsigmoid: unary({
    doc: 'ln σ(x) = −softplus(−x), stable for x → −∞ ; d/dx = 1 − σ(x) = σ(−x)',
    f: logSigmoid,
    df: (x) => sigmoid(-x),
    sym: (x, _y, k) => k.call('sigmoid', k.neg(x)),
    rule: 'log-logistic rule',
    // ln σ(x) = −softplus(−x)
    export: { torch: (x) => `torch.nn.functional.logsigmoid(${x[0]})`, onnx: (g, x) => g.node('Neg', [onnxSoftplus(g, g.node('Neg', x))]) },
    print: { unicode: 'logσ', latex: '\\log\\sigma' },
  }),
  relu: unary({
    doc: 'relu x = max(0, x) ; relu′ = H(x), relu′(0) = 0',
    f: (x) => (x > 0 ? x : x <= 0 ? 0 : NaN),
    df: (x) => H(x),
    sym: (x, _y, k) => k.call('heaviside', x),
    rule: 'ReLU rule',
    export: direct('torch.relu', 'Relu'),
    print: { unicode: 'relu', latex: '\\operatorname{relu}' },
    linearPieces: { below: 0, above: 1 },
  }),
  softplus: unary({
    doc: 'softplus x = ln(1 + eˣ), stable for |x| large ; softplus′ = σ',
    f: softplus,
    df: (x) => sigmoid(x),
    sym: (x, _y, k) => k.call('sigmoid', x),
    rule: 'softplus rule',
    // torch's softplus computes ln(1 + eˣ) with log1p up to its threshold, x above it: at 37, e⁻ˣ is below
    // half an ulp of x, where the default 20 would be 1e-9 off; the stable form in ONNX
    export: { torch: (x) => `torch.nn.functional.softplus(${x[0]}, beta=1.0, threshold=37.0)`, onnx: (g, x) => onnxSoftplus(g, x[0]!) },
    print: { unicode: 'softplus', latex: '\\operatorname{softplus}' },
  }),
  gelu: unary({
    doc: 'gelu x = x Φ(x) = (x/2) erfc(−x/√2) ; gelu′ = Φ(x) + x φ(x)',
    // Φ through erfc, not 1 + erf, which cancels for x < 0: gelu(−10) = −7.62e−23
    f: (x) => (x === -Infinity ? -0 : x * normalCdf(x)),
    // at ±∞ the limits 1 and 0 (x φ(x) would be ∞·0)
    df: (x) => (Number.isFinite(x) ? normalCdf(x) + x * normalPdf(x) : x > 0 ? 1 : x < 0 ? 0 : NaN),
    sym: (x, _y, k) =>
      k.add(
        k.mul(k.div(k.num(1), k.num(2)), k.call('erfc', k.neg(k.div(x, k.call('sqrt', k.num(2)))))),
        k.mul(
          k.div(x, k.call('sqrt', k.mul(k.num(2), k.constant('pi')))),
          k.call('exp', k.neg(k.div(k.pow(x, k.num(2)), k.num(2)))),
        ),
      ),
    rule: 'GELU rule',
    // x Φ(x) with Φ(x) = erfc(−x/√2)/2: in torch its autograd is Φ + xφ (F.gelu's 1 + erf and torch 1.13's
    // ndtr cancel for x < 0); in ONNX erfc is built in double
    export: {
      torch: (x) => `${x[0]} * (0.5 * torch.special.erfc(${x[0]} * -0.7071067811865476))`,
      onnx: (g, x) => g.node('Mul', [g.node('Mul', [g.num(0.5), x[0]!]), onnxErfc(g, g.node('Mul', [x[0]!, g.num(-Math.SQRT1_2)]))]),
    },
    print: { unicode: 'gelu', latex: '\\operatorname{gelu}' },
  }),
  hardsigmoid: unary({
    doc: 'hard-logistic x = max(min(x/4 + 1/2, 1), 0) (the seeds\' definition) ; derivative 1/4 on (−2, 2), else 0',
    aliases: ['hardlogistic'],
    f: (x) => Math.max(Math.min(0.25 * x + 0.5, 1), 0),
    df: (x) => (x > -2 && x < 2 ? 0.25 : 0),
    sym: (x, _y, k) =>
      k.mul(k.div(k.num(1), k.num(4)), k.mul(k.call('heaviside', k.add(x, k.num(2))), k.call('heaviside', k.sub(k.num(2), x)))),
    rule: 'hard-logistic rule',
    export: {
      torch: (x) => `torch.clamp(${x[0]} * 0.25 + 0.5, 0.0, 1.0)`,
      onnx: (g, x) => g.node('Max', [g.node('Min', [g.node('Add', [g.node('Mul', [x[0]!, g.num(0.25)]), g.num(0.5)]), g.num(1)]), g.num(0)]),
    },
    print: { unicode: 'hardσ', latex: '\\operatorname{hard\\sigma}' },
  }),
  hardtanh: unary({
    doc: 'hard-tanh x = max(min(x, 1), −1) ; derivative 1 on (−1, 1), else 0',
    f: (x) => Math.max(Math.min(x, 1), -1),
    df: (x) => (x > -1 && x < 1 ? 1 : 0),
    sym: (x, _y, k) => k.mul(k.call('heaviside', k.add(x, k.num(1))), k.call('heaviside', k.sub(k.num(1), x))),
    rule: 'hard-tanh rule',
    export: { torch: (x) => `torch.nn.functional.hardtanh(${x[0]})`, onnx: (g, x) => g.node('Max', [g.node('Min', [x[0]!, g.num(1)]), g.num(-1)]) },
    print: { unicode: 'hardtanh', latex: '\\operatorname{hardtanh}' },
  }),
  leakyrelu: {
    arity: { min: 1, max: 2 },
    doc: `leakyrelu(x, γ) = x for x > 0, γx otherwise (γ = ${DEFAULTS.leakyrelu} if omitted) ; ∂/∂x = 1 or γ, ∂/∂γ = min(x, 0)`,
    eval: (x) => {
      const v = x[0]!;
      return v > 0 ? v : (x[1] ?? DEFAULTS.leakyrelu) * v;
    },
    partials: (x, _y, d) => {
      const v = x[0]!;
      d[0] = v > 0 ? 1 : (x[1] ?? DEFAULTS.leakyrelu);
      if (x.length > 1) d[1] = v > 0 ? 0 : v;
    },
    derivative: (x, _y, i, k) => {
      const h = k.call('heaviside', x[0]!);
      const off = k.sub(k.num(1), h);
      if (i === 1) return k.mul(x[0]!, off);
      const g = x[1] ?? k.num(DEFAULTS.leakyrelu);
      return k.add(h, k.mul(g, off));
    },
    rule: 'leaky ReLU rule',
    export: {
      torch: (x) => `torch.where(${x[0]} > 0, ${x[0]}, ${x[1] ?? DEFAULTS.leakyrelu} * ${x[0]})`,
      onnx: (g, x) => onnxPositiveElse(g, x[0]!, g.node('Mul', [x[1] ?? g.num(DEFAULTS.leakyrelu), x[0]!])),
    },
    notation: { type: 'function', unicode: 'leakyrelu', latex: '\\operatorname{leakyrelu}' },
    linearPieces: (p) => ({ below: p[0] ?? DEFAULTS.leakyrelu, above: 1 }),
  },
  elu: {
    arity: { min: 1, max: 2 },
    doc: `elu(x, α) = x for x > 0, α(eˣ − 1) otherwise (α = ${DEFAULTS.elu} if omitted) ; ∂/∂x = 1 or αeˣ`,
    eval: (x) => {
      const v = x[0]!;
      return v > 0 ? v : (x[1] ?? DEFAULTS.elu) * Math.expm1(v);
    },
    partials: (x, _y, d) => {
      const v = x[0]!;
      d[0] = v > 0 ? 1 : (x[1] ?? DEFAULTS.elu) * Math.exp(v);
      if (x.length > 1) d[1] = v > 0 ? 0 : Math.expm1(v);
    },
    derivative: (x, _y, i, k) => {
      // H(x) + (1 − H(x))·α e^(min(x, 0)): the exponent is clipped at 0 so
      // that the dead branch is 0·α, not 0·∞ = NaN, for x > 709
      const h = k.call('heaviside', x[0]!);
      const off = k.sub(k.num(1), h);
      const e = k.call('exp', k.call('min', x[0]!, k.num(0)));
      if (i === 1) return k.mul(off, k.sub(e, k.num(1)));
      const a = x[1] ?? k.num(DEFAULTS.elu);
      return k.add(h, k.mul(off, k.mul(a, e)));
    },
    rule: 'ELU rule',
    // α·expm1(min(x, 0)) on the left, so the right branch never overflows (nor poisons autograd); torch:
    // eˣ − 1 below −1, where expm1's backward (expm1 x + 1) would lose eˣ, expm1 above, where eˣ − 1 would cancel
    export: {
      torch: (x) =>
        `torch.where(${x[0]} > 0, ${x[0]}, ${x[1] ?? DEFAULTS.elu} * torch.where(${x[0]} < -1, torch.exp(torch.clamp(${x[0]}, max=0.0)) - 1, torch.expm1(torch.clamp(${x[0]}, max=0.0))))`,
      onnx: (g, x) => onnxPositiveElse(g, x[0]!, g.node('Mul', [x[1] ?? g.num(DEFAULTS.elu), onnxExpm1(g, g.node('Min', [x[0]!, g.num(0)]))])),
    },
    notation: { type: 'function', unicode: 'elu', latex: '\\operatorname{elu}' },
  },
  swish: {
    arity: { min: 1, max: 2 },
    doc: `swish(x, β) = x σ(βx) (β = ${DEFAULTS.swish} if omitted) ; ∂/∂x = σ(βx) + βx σ(βx)(1 − σ(βx))`,
    eval: (x) => {
      const v = x[0]!;
      const s = sigmoid((x[1] ?? DEFAULTS.swish) * v);
      return s === 0 ? 0 * Math.sign(v) : v * s; // x σ(βx) → 0 where σ underflows (x = −∞: not ∞·0)
    },
    partials: (x, _y, d) => {
      const v = x[0]!;
      const b = x[1] ?? DEFAULTS.swish;
      const s = sigmoid(b * v);
      const ds = s * sigmoid(-b * v); // σ′ = σ(z)σ(−z), accurate in the tails
      const bv = b * v;
      // at βx = ±∞ the limits σ(βx) (βx σ′ would be ∞·0)
      d[0] = Number.isFinite(bv) || Number.isNaN(bv) ? s + bv * ds : s;
      if (x.length > 1) d[1] = v * v * ds;
    },
    derivative: (x, _y, i, k) => {
      const b = x[1] ?? k.num(DEFAULTS.swish);
      const s = k.call('sigmoid', k.mul(b, x[0]!));
      const ds = k.mul(s, k.call('sigmoid', k.neg(k.mul(b, x[0]!))));
      if (i === 1) return k.mul(k.pow(x[0]!, k.num(2)), ds);
      return k.add(s, k.mul(k.mul(b, x[0]!), ds));
    },
    rule: 'swish rule',
    export: {
      torch: (x) => `${x[0]} * torch.sigmoid(${x[1] ?? DEFAULTS.swish} * ${x[0]})`,
      onnx: (g, x) => g.node('Mul', [x[0]!, onnxSigmoid(g, g.node('Mul', [x[1] ?? g.num(DEFAULTS.swish), x[0]!]))]),
    },
    notation: { type: 'function', unicode: 'swish', latex: '\\operatorname{swish}' },
  },
} satisfies Record<string, OpDef>;
