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
