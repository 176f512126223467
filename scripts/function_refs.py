# Reference values for the functions added to the op registry (logarithms to
# a base, roots, expm1/log1p, hypot, inverse and reciprocal trigonometric and
# hyperbolic functions, atan2, sinc, rounding), computed with mpmath at 50
# digits, independently of difflab:
#   python3 scripts/function_refs.py > test/fixtures/functions.json
# Each case: op, arguments, value, and the partial derivatives (mpmath.diff),
# or null where a partial does not exist.
import json
from mpmath import mp, mpf, log, expm1, log1p, hypot, asec, acsc, acot
from mpmath import sech, csch, coth, asinh, acosh, atanh, asech, acsch, acoth, atan2, sin, cos, diff, floor, ceil

mp.dps = 50


def sinc(x):
    return mpf(1) if x == 0 else sin(x) / x


def dsinc(x):
    # (x cos x − sin x)/x², with its limit 0 at 0
    return mpf(0) if x == 0 else (x * cos(x) - sin(x)) / x**2


def real_root(x, n):
    return -((-x) ** (mpf(1) / n)) if x < 0 else x ** (mpf(1) / n)


def rnd(x):
    # halves away from zero
    return floor(x + mpf(1) / 2) if x >= 0 else -floor(-x + mpf(1) / 2)


ops = {
    "logbase": (lambda x, b: log(x) / log(b), [(1000, 10), (8, 2), (0.3, 7), (5, 0.5), (1e-300, 10), (1024, 2)]),
    "expm1": (expm1, [(1e-10,), (-1e-10,), (0.5,), (-3,), (30,)]),
    "log1p": (log1p, [(1e-10,), (-1e-10,), (0.5,), (-0.9,), (1e10,)]),
    "cbrt": (lambda x: real_root(x, 3), [(-8,), (27,), (0.001,), (-5,), (1e-300,)]),
    "root": (real_root, [(16, 4), (-32, 5), (2, 0.5), (10, -2), (-8, 3), (7, 3)]),
    "hypot": (hypot, [(3, 4), (1e200, 1e200), (1e-200, 1e-200), (-5, 12)]),
    "hypot3": (lambda a, b, c: (a * a + b * b + c * c) ** mpf(0.5), [(1, 2, 2), (1e200, 2e200, 2e200), (-3, 0, 4)]),
    "asec": (asec, [(2,), (-2,), (1.5,), (100,)]),
    "acsc": (acsc, [(2,), (-2,), (1.5,), (100,)]),
    "acot": (acot, [(1,), (-1,), (0.2,), (50,)]),
    "sech": (sech, [(0,), (1,), (-2.5,), (30,)]),
    "csch": (csch, [(1,), (-2.5,), (0.01,), (30,)]),
    "coth": (coth, [(1,), (-2.5,), (0.01,), (20,)]),
    "asinh": (asinh, [(0.5,), (-3,), (1e-10,), (1e200,)]),
    "acosh": (acosh, [(1.5,), (10,), (1e200,)]),
    "atanh": (atanh, [(0.5,), (-0.9,), (1e-10,)]),
    "asech": (asech, [(0.5,), (0.1,), (0.99,)]),
    "acsch": (acsch, [(0.5,), (-3,), (100,)]),
    "acoth": (acoth, [(2,), (-1.5,), (100,)]),
    "atan2": (atan2, [(1, 1), (1, -1), (-2, -3), (0.5, 4), (3, 0)]),
    "sinc": (sinc, [(0,), (1e-8,), (0.5,), (3,), (-7,)]),
    "dsinc": (dsinc, [(0,), (1e-8,), (0.5,), (0.99,), (1.01,), (3,), (-7,)]),
    "floor": (floor, [(2.5,), (-2.5,), (3,)]),
    "ceil": (ceil, [(2.5,), (-2.5,), (3,)]),
    "round": (rnd, [(2.5,), (-2.5,), (2.4,), (-0.6,)]),
    "frac": (lambda x: x - floor(x), [(2.25,), (-2.25,)]),
}

out = []
for name, (f, points) in ops.items():
    op = "hypot" if name == "hypot3" else name
    for args in points:
        a = [mpf(v) for v in args]
        value = f(*a)
        partials = []
        for i in range(len(a)):
            def g(t, i=i):
                b = list(a)
                b[i] = t
                return f(*b)
            if name in ("floor", "ceil", "round"):
                partials.append(0.0)  # constant between the integers
            elif name == "frac":
                partials.append(1.0)
            else:
                # a relative step: the cases include arguments of 1e±200
                h = abs(a[i]) * mpf(10) ** -20 if a[i] != 0 else mpf(10) ** -20
                d = diff(g, a[i], h=h)
                assert abs(mp.im(d)) < mpf(10) ** -30, (name, args, d)
                partials.append(float(mp.re(d)))
        assert abs(mp.im(value)) < mpf(10) ** -30, (name, args, value)
        out.append({"op": op, "args": [float(v) for v in args], "value": float(mp.re(value)), "partials": partials})

print(json.dumps(out, indent=1))
