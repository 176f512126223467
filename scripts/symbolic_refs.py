# Reference values for test/symbolic, computed with SymPy (exact derivatives)
# evaluated at 30 digits. Independent of difflab:
#   python3 scripts/symbolic_refs.py > test/fixtures/symbolic.json
# Each case gives the input in difflab's textbook notation, the same function
# in SymPy, and values of derivatives at points.
import json
import sympy as sp

x, y, z = sp.symbols('x y z')
sig = lambda u: 1 / (1 + sp.exp(-u))

# (difflab input, sympy expression, variables, points)
CASES = [
    ('ln x + x²y − sin xy', sp.log(x) + x**2 * y - sp.sin(x * y), [x, y], [{'x': 2, 'y': 5}, {'x': 0.7, 'y': -1.3}]),
    ('σ(x)', sig(x), [x], [{'x': 0.3}, {'x': -2}]),
    ('tanh x', sp.tanh(x), [x], [{'x': 0.3}, {'x': -1.1}]),
    ('xˣ', x**x, [x], [{'x': 1.7}, {'x': 0.4}]),
    ('4x(1 − x)', 4 * x * (1 - x), [x], [{'x': 0.3}]),
    ('x/(1 + x²)', x / (1 + x**2), [x], [{'x': 0.5}, {'x': -2}]),
    ('sin(x²) eˣ', sp.sin(x**2) * sp.exp(x), [x], [{'x': 0.9}]),
    ('√(1 − x²)', sp.sqrt(1 - x**2), [x], [{'x': 0.6}]),
    ('exp(sin(x²))', sp.exp(sp.sin(x**2)), [x], [{'x': 1.2}]),
    ('arctan(x y) + y³', sp.atan(x * y) + y**3, [x, y], [{'x': 0.5, 'y': 2}]),
    ('e^(x + 2y) − x²y²', sp.exp(x + 2 * y) - x**2 * y**2, [x, y], [{'x': 0.1, 'y': -0.4}]),
    ('softplus(x) + ln σ(x)', sp.log(1 + sp.exp(x)) + sp.log(sig(x)), [x], [{'x': 0.8}]),
    ('x y z + sin(x z)', x * y * z + sp.sin(x * z), [x, y, z], [{'x': 1, 'y': 2, 'z': 3}]),
    ('(x + 1)³/(x − 1)', (x + 1)**3 / (x - 1), [x], [{'x': 3}]),
    ('arcsin x + arccos(x/2)', sp.asin(x) + sp.acos(x / 2), [x], [{'x': 0.25}]),
    ('cosh x sinh x − tan x', sp.cosh(x) * sp.sinh(x) - sp.tan(x), [x], [{'x': 0.4}]),
    ('erf(x) + x erf(x)²', sp.erf(x) + x * sp.erf(x)**2, [x], [{'x': 0.6}]),
    ('sec x + csc x + cot x', sp.sec(x) + sp.csc(x) + sp.cot(x), [x], [{'x': 0.9}]),
    ('2^x + x^(1/3)', 2**x + x**sp.Rational(1, 3), [x], [{'x': 1.5}]),
]

def num(v):
    return float(sp.N(v, 30))

cases = []
for text, f, vs, points in CASES:
    names = [str(v) for v in vs]
    entry = {'input': text, 'sympy': sp.sstr(f), 'vars': names, 'points': []}
    for p in points:
        subs = {sp.Symbol(k): sp.nsimplify(v) for k, v in p.items()}
        grad = {str(v): num(sp.diff(f, v).subs(subs)) for v in vs}
        hess = [[num(sp.diff(f, a, b).subs(subs)) for b in vs] for a in vs]
        third = {str(v): num(sp.diff(f, v, 3).subs(subs)) for v in vs}
        entry['points'].append({'at': p, 'value': num(f.subs(subs)), 'gradient': grad, 'hessian': hess, 'third': third})
    cases.append(entry)

# The logistic map l1 = x, l(n+1) = 4 l(n) (1 - l(n)) (Baydin et al., Table 1), expanded.
logistic = []
l = x
for n in range(1, 6):
    poly = sp.Poly(sp.expand(l), x)
    dpoly = sp.Poly(sp.expand(sp.diff(l, x)), x)
    logistic.append({
        'n': n,
        'coefficients': [int(c) for c in reversed(poly.all_coeffs())],      # ascending powers of x
        'derivative': [int(c) for c in reversed(dpoly.all_coeffs())],
    })
    l = 4 * l * (1 - l)

print(json.dumps({'cases': cases, 'logistic': logistic}, indent=1))
