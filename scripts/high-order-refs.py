#!/usr/bin/env python3
"""Reference values for high-order derivatives (test/symbolic/orders.test.ts),
by mpmath's numerical differentiation at 60 digits. Run: python3 scripts/high-order-refs.py"""
from mpmath import mp, mpf, exp, diff

mp.dps = 60
CASES = [
    ("e^(x^2)", lambda x: exp(x**2), "0.3", 20),
    ("e^(x^2)", lambda x: exp(x**2), "0.3", 64),
    ("x^x", lambda x: x**x, "1.3", 10),
    ("x^x", lambda x: x**x, "1.3", 40),
]
for text, f, at, n in CASES:
    print(f"['{text}', {n}, {at}, {mp.nstr(diff(f, mpf(at), n), 17)}],")

# The 6th derivative of 2yx·sin x·cos x·ln x·eˣ (issue 13): SymPy's size and value.
import sympy as sp

x, y = sp.symbols("x y")
d6 = sp.diff(2 * y * x * sp.sin(x) * sp.cos(x) * sp.log(x) * sp.exp(x), x, 6)
print("sympy count_ops: raw", sp.count_ops(d6), "expanded", sp.count_ops(sp.expand(d6)))
print("value at x = 13/10, y = 7/10:", sp.N(d6.subs({x: sp.Rational(13, 10), y: sp.Rational(7, 10)}), 17))
