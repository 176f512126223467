#!/usr/bin/env python3
"""SymPy's simplified derivative sizes for the simplification-quality table of
`npm run bench -- symbolic`. Generated once and committed:
    python3 scripts/sympy_sizes.py > test/fixtures/sympy_sizes.json
Each case: the input in difflab's notation, the order, SymPy's operator count
(count_ops) of simplify(diff(f, x, n)), and the value at a point as a check."""
import json
import sympy as sp

x, y = sp.symbols("x y")
sig = lambda u: 1 / (1 + sp.exp(-u))

CASES = [
    ("ln(x) + x^2*y - sin(x*y)", sp.log(x) + x**2 * y - sp.sin(x * y), 1),
    ("sigmoid(x)", sig(x), 1),
    ("sigmoid(x)", sig(x), 2),
    ("tanh(x)", sp.tanh(x), 3),
    ("x^x", x**x, 3),
    ("x/(1 + x^2)", x / (1 + x**2), 3),
    ("sin(x^2)*e^x", sp.sin(x**2) * sp.exp(x), 2),
    ("sqrt(1 - x^2)", sp.sqrt(1 - x**2), 2),
    ("(x + 1)^3/(x - 1)", (x + 1) ** 3 / (x - 1), 1),
    ("atan(x*y) + y^3", sp.atan(x * y) + y**3, 2),
    ("e^(x^2)", sp.exp(x**2), 6),
    ("16*x*(1 - x)*(1 - 2*x)^2", 16 * x * (1 - x) * (1 - 2 * x) ** 2, 1),
    ("(x^2 - 1)/(x - 1)", (x**2 - 1) / (x - 1), 1),
    ("2*y*x*sin(x)*cos(x)*ln(x)*e^x", 2 * y * x * sp.sin(x) * sp.cos(x) * sp.log(x) * sp.exp(x), 6),
    ("ln(1 + e^x)", sp.log(1 + sp.exp(x)), 2),
    ("x^2*e^(-x)*cos(x)", x**2 * sp.exp(-x) * sp.cos(x), 3),
]
POINT = {x: sp.Rational(13, 20), y: sp.Rational(7, 10)}

out = []
for text, f, n in CASES:
    d = sp.diff(f, x, n)
    s = sp.simplify(d)
    out.append({"input": text, "order": n, "sympyOps": int(sp.count_ops(s)), "sympyExpandedOps": int(sp.count_ops(sp.expand(d))), "at": {"x": 0.65, "y": 0.7}, "value": float(sp.N(d.subs(POINT), 20))})
print(json.dumps({"generator": "scripts/sympy_sizes.py", "sympy": sp.__version__, "cases": out}, indent=1))
