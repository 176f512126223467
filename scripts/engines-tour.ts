// A tour of the engines as a library: `npx tsx scripts/engines-tour.ts`.
import { compile, crossCheck, forward, numeric, parse, reverse } from 'difflab';

// Reverse mode, define-by-run: micrograd's README example on the tape.
const t = new reverse.Tape();
const [a, b] = reverse.variables(t, [-4, 2]) as [reverse.Value, reverse.Value];
let c = a.add(b);
let d = a.mul(b).add(b.pow(3));
c = c.add(c.add(1));
c = c.add(reverse.Value.leaf(t, 1).add(c).add(a.neg()));
d = d.add(d.mul(2).add(b.add(a).relu()));
d = d.add(reverse.Value.leaf(t, 3).mul(d).add(b.sub(a).relu()));
const e = c.sub(d);
const f = e.pow(2);
const g = f.div(2).add(reverse.Value.leaf(t, 10).div(f));
g.backward();
console.log('micrograd:', g.value.toFixed(4), a.grad.toFixed(4), b.grad.toFixed(4), `(${t.length} tape nodes)`);

// Forward mode on tagged duals: derivatives of plain functions, nested without perturbation confusion.
const { mul, add, sin } = forward.ops;
const D = (h: (x: forward.Scalar) => forward.Scalar) => forward.derivative(h);
console.log('D(x ↦ x·D(y ↦ x + y)(1))(1) =', D((x) => mul(x, D((y) => add(x, y))(1)))(1));
console.log('sin⁗(0.5) − sin(0.5) =', (forward.derivative(sin, 4)(0.5) as number) - Math.sin(0.5));

// Expressions: gradient, Hessian by forward-over-reverse, replay at a new point.
const expr = parse('ln x₁ + x₁x₂ − sin x₂');
console.log('reverse gradient:', reverse.gradient(expr, { x1: 2, x2: 5 }).gradient);
console.log('forward gradient:', forward.gradient(expr, { x1: 2, x2: 5 }).gradient);
console.log('Hessian:', reverse.hessian(expr, { x1: 2, x2: 5 }).hessian);
const tape = reverse.tapeFromExpr([expr], { x1: 2, x2: 5 });
console.log('replayed at (3, 1):', tape.replay({ x1: 3, x2: 1 }).gradientOf());

// Numeric: central differences and Richardson extrapolation with error estimates.
const r = numeric.richardson(Math.exp, 1);
console.log('Richardson e′(1):', r.derivative, '±', r.errorEstimate.toExponential(1), `(${r.evaluations} evaluations)`);

// Compile: each shared node once, identifiers never from user text.
const fn = compile(parse('sin(xy) + sin(xy)²'));
console.log(fn.source);
console.log('compiled at (1, 2):', fn(1, 2));

// The four-way cross-check.
console.log('agree:', crossCheck(parse('σ(wx + b)'), { x: 1.5, w: 0.8, b: -0.3 }).agree);
