# Reference values for the engine tests (forward, reverse, numeric, check),
# computed with mpmath at 50 digits, independently of difflab:
#   python3 scripts/engine_refs.py > test/fixtures/engines.json
import json
from mpmath import mp, mpf, exp, log, sin, cos, tan, sqrt, atan, tanh, diff, erf

mp.dps = 50
r = {}

# one-variable derivatives: name -> (function, points)
sig = lambda z: 1 / (1 + exp(-z))
funcs = {
    "sin": (sin, [0.7, -2.5, 10]),
    "exp": (exp, [0, 3, -5]),
    "ln": (log, [0.05, 1.5, 1000]),
    "x^x": (lambda x: x**x, [0.5, 2, 3.3]),
    "atan": (atan, [0, 100, -0.3]),
    "sqrt": (sqrt, [1e-3, 2, 1e6]),
    "sigmoid": (sig, [0, -4, 7]),
    "x^3": (lambda x: x**3, [1e3, -0.2]),
    "tan": (tan, [0.1, 1.2]),
    "sin(x)/x": (lambda x: sin(x) / x, [0.25, 3]),
    "exp(sin(x^2))": (lambda x: exp(sin(x**2)), [0.9, -1.7]),
    "erf": (erf, [0.3, -1.1]),
}
r["derivatives"] = {
    name: [{"x": x, "f": float(f(mpf(x))), "d": float(diff(f, mpf(x))), "d2": float(diff(f, mpf(x), 2))} for x in xs]
    for name, (f, xs) in funcs.items()
}

# micrograd's README example, recomputed
def micrograd(a, b):
    relu = lambda v: v if v > 0 else mpf(0)
    c = a + b
    d = a * b + b**3
    c = c + c + 1
    c = c + 1 + c + (-a)
    d = d + d * 2 + relu(b + a)
    d = d + 3 * d + relu(b - a)
    e = c - d
    f = e**2
    g = f / 2
    g = g + 10 / f
    return g
a, b = mpf(-4), mpf(2)
r["micrograd"] = {
    "g": float(micrograd(a, b)),
    "dg_da": float(diff(lambda t: micrograd(t, b), a)),
    "dg_db": float(diff(lambda t: micrograd(a, t), b)),
}

# the sigmoid neuron sigma(w x + b) at (1.5, 0.8, -0.3)
x, w, bb = mpf(1.5), mpf(0.8), mpf(-0.3)
r["neuron"] = {
    "f": float(sig(w * x + bb)),
    "df_dw": float(diff(lambda t: sig(t * x + bb), w)),
    "df_db": float(diff(lambda t: sig(w * x + t), bb)),
}

# Baydin et al. f = ln x1 + x1 x2 - sin x2 at (2, 5)
f = lambda x1, x2: log(x1) + x1 * x2 - sin(x2)
r["baydin"] = {
    "f": float(f(mpf(2), mpf(5))),
    "df_dx1": float(diff(lambda t: f(t, mpf(5)), mpf(2))),
    "df_dx2": float(diff(lambda t: f(mpf(2), t), mpf(5))),
}

# a two-variable function for gradients and Hessians: exp(x y) / (1 + x^2) + sin(x) y^3 at (0.6, -0.8)
g = lambda x, y: exp(x * y) / (1 + x**2) + sin(x) * y**3
px, py = mpf("0.6"), mpf("-0.8")
r["hessian2"] = {
    "expr": "exp(x*y)/(1 + x^2) + sin(x)*y^3",
    "at": {"x": 0.6, "y": -0.8},
    "f": float(g(px, py)),
    "grad": [float(diff(g, (px, py), (1, 0))), float(diff(g, (px, py), (0, 1)))],
    "hessian": [
        [float(diff(g, (px, py), (2, 0))), float(diff(g, (px, py), (1, 1)))],
        [float(diff(g, (px, py), (1, 1))), float(diff(g, (px, py), (0, 2)))],
    ],
}
print(json.dumps(r, indent=1))
