# Numeric edge tables for every op of the registry, computed with mpmath at
# 50 digits. Independent of difflab: the values and the partial derivatives
# below are written from the textbook formulas, not from difflab's code.
#
#   python3 scripts/edge_refs.py > test/fixtures/edges.json
#
# Each op lists its points: 0, ±1e−300, ±1e300, ±∞ for every argument, plus
# its kinks and the edges of its domain. At each point the table states what
# the op gives there:
#   - a number (the value and each partial ∂f/∂xᵢ, rounded to the nearest
#     double, ±∞ when the true value overflows);
#   - ±∞ or NaN where that is the answer (ln 0⁺ … stated explicitly);
#   - "domain": the point is outside the domain, and strict evaluation is an
#     error naming it.
# At a kink the derivative is the registry's stated convention (PyTorch's:
# relu′(0) = 0, abs′(0) = 0, the x ≤ 0 branch of leaky ReLU and ELU, 0 at the
# corners of the hard functions, ½ each at a tie of max/min), written here
# by hand next to the one-sided derivatives mpmath computes. At ±∞ the value
# is the limit; where mpmath cannot take it (∞·0) the limit is written by
# hand with the reason.
#
# `sym` states where the symbolic rule, evaluated in IEEE arithmetic at the
# point, gives something other than the derivative (a product ∞·0 at ±∞),
# so the tests know it is expected, and why.
#
# To add an op: add an entry to OPS with its value `f`, its partials `d`
# (one function per argument), its domain (a predicate, default: all reals),
# its points (tuples of arguments; the standard points are in U), and
# `fixed` entries for kinks and limits; then rerun this script.

import json
import sys

from mpmath import mp, mpf

mp.dps = 50
INF = mp.inf

# The standard points for one argument.
U = [0, 1e-300, -1e-300, 1e300, -1e300, "inf", "-inf"]


def arg(v):
    if v == "inf":
        return INF
    if v == "-inf":
        return -INF
    if v == "-0":
        return mpf(0)
    return mpf(v)


def js_in(v):
    """An input as JSON: a number, or "Infinity", "-Infinity", "-0"."""
    if v == "inf":
        return "Infinity"
    if v == "-inf":
        return "-Infinity"
    if v == "-0":
        return "-0"
    return float(v)


def dbl(v):
    """An mpmath value rounded to a double, as JSON (non-finite as strings)."""
    if isinstance(v, str):
        return v
    if isinstance(v, mp.mpc):
        if v.imag != 0:
            return "NaN"
        v = v.real
    if mp.isnan(v):
        return "NaN"
    if mp.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    if abs(v) > mpf("1.7976931348623157e308") * (1 + mpf(2) ** -54):
        return "Infinity" if v > 0 else "-Infinity"
    f = float(v)
    return f


def sech(x):
    return 1 / mp.cosh(x)


def sig(x):
    return 1 / (1 + mp.exp(-x))


def Phi(x):
    return mp.ncdf(x)


def phi(x):
    return mp.npdf(x)


def H(x):
    return mpf(1) if x > 0 else mpf(0)


def sgn(x):
    return mpf(1) if x > 0 else mpf(-1) if x < 0 else mpf(0)


NAN = "NaN"
PINF = "Infinity"
NINF = "-Infinity"


def op(f, d, points, domain=None, fixed=None, sym=None, rtol=None, sym_rtol=None, note=None):
    return dict(f=f, d=d, points=points, domain=domain or (lambda *x: True), fixed=fixed or {}, sym=sym or {}, rtol=rtol, sym_rtol=sym_rtol, note=note)


def k(*x):
    """The key of a point."""
    return json.dumps([js_in(v) for v in x])


def pairs(fixed_other=2):
    """Every standard point in each argument of a binary op, the other fixed."""
    return [(u, fixed_other) for u in U] + [(fixed_other, u) for u in U]


OPS = {
    # ---- arithmetic
    "add": op(lambda *x: mp.fsum(x), None, pairs() + [("inf", "-inf"), (1, 2, 3)],
              fixed={k("inf", "-inf"): dict(value=NAN, d=[1, 1], note="∞ − ∞ has no value; the partials are constant")}),
    "sub": op(lambda a, b: a - b, [lambda a, b: 1, lambda a, b: -1], pairs() + [("inf", "inf")],
              fixed={k("inf", "inf"): dict(value=NAN, d=[1, -1], note="∞ − ∞ has no value; the partials are constant")}),
    "mul": op(lambda *x: mp.fprod(x), None, pairs() + [(0, "inf"), (2, 3, 4), (0, 3, 4)],
              fixed={k(0, "inf"): dict(value=NAN, d=[PINF, 0], note="0·∞ has no value; ∂/∂a = b = ∞, ∂/∂b = a = 0")}),
    "div": op(lambda a, b: a / b, [lambda a, b: 1 / b, lambda a, b: -a / b**2],
              [(u, 2) for u in U] + [(2, u) for u in U if u != 0] + [(2, 0), (0, 0)],
              domain=lambda a, b: b != 0),
    "neg": op(lambda a: -a, [lambda a: -1], [(u,) for u in U]),
    "pow": op(lambda a, b: a**b, [lambda a, b: b * a ** (b - 1), lambda a, b: a**b * mp.log(a)],
              [(2, 3), (2, 0.5), (2, -1), (0.5, 2), (0, 2), (0, 0.5), (0, 0), (0, -1), (-8, 1 / 3), (-2, 3), (-2, -2),
               (1e-300, 2), (-1e-300, 2), (1e300, 2), (-1e300, 2), (1e300, -2), (2, 1e300), (2, -1e300), ("inf", 2), ("inf", -2), (2, "inf"), (2, "-inf"),
               (0.5, "inf"), ("-inf", 3), (1e-300, 0.5)],
              domain=lambda a, b: not (a == 0 and b < 0) and not (a < 0 and mp.isfinite(b) and b != mp.floor(b)),
              fixed={
                  k(0, 2): dict(value=0, d=[0, 0], note="∂/∂b 0ᵇ = 0 for b > 0 (the limit of aᵇ ln a as a → 0⁺)"),
                  k(0, 0.5): dict(value=0, d=[PINF, 0], note="∂/∂a = ½·0^(−½) = +∞; ∂/∂b = 0 as above"),
                  k(0, 0): dict(value=1, d=[0, NAN], note="0⁰ = 1; ∂/∂a = 0·0⁻¹ taken as 0 (b = 0 makes aᵇ constant in a); ∂/∂b has no limit"),
                  k(-2, 3): dict(value=-8, d=[12, NAN], note="∂/∂b = aᵇ ln a is not real for a < 0"),
                  k(-1e-300, 2): dict(value=0, d=[-2e-300, NAN], note="1e−600 underflows to 0; ∂/∂b = aᵇ ln a is not real for a < 0"),
                  k(-1e300, 2): dict(value=PINF, d=[-2e300, NAN], note="1e600 overflows; ∂/∂b = aᵇ ln a is not real for a < 0"),
                  k(-2, -2): dict(value=0.25, d=[0.25, NAN], note="∂/∂b = aᵇ ln a is not real for a < 0"),
                  k("-inf", 3): dict(value=NINF, d=[PINF, NAN], note="∂/∂b = aᵇ ln a is not real for a < 0"),
                  k(2, "inf"): dict(value=PINF, d=[PINF, PINF], note="limits"),
                  k(2, "-inf"): dict(value=0, d=[0, 0], note="limits"),
                  k(0.5, "inf"): dict(value=0, d=[0, 0], note="limits"),
                  k("inf", -2): dict(value=0, d=[0, 0], note="limit: a⁻² ln a → 0 as a → ∞"),
              },
              sym={k("inf", -2): dict(d=[0, NAN], why="the rule aᵇ ln a is 0·∞ at a = ∞"),
                   k(0, 2): dict(d=[0, NAN], why="the rule aᵇ ln a is 0·(−∞) for a variable base at 0 (a literal base 0 gets 0)"),
                   k(0, 0.5): dict(d=[PINF, NAN], why="the rule aᵇ ln a is 0·(−∞) for a variable base at 0 (a literal base 0 gets 0)"),
                   k(0, 0): dict(d=[NAN, NINF], why="the rules give 0·0⁻¹ = 0·∞ and 0⁰ ln 0 = −∞"),
                   k(2, "-inf"): dict(d=[NAN, 0], why="the rule b·a^(b−1) is −∞·0"),
                   k(0.5, "inf"): dict(d=[NAN, 0], why="the rule b·a^(b−1) is ∞·0")},
              note="domain: 0 to a negative power and a negative base to a non-integer power are errors"),
    # ---- elementary
    "exp": op(mp.exp, [mp.exp], [(u,) for u in U] + [(709.7,), (710,), (-745,)]),
    "ln": op(mp.log, [lambda x: 1 / x], [(u,) for u in U] + [("-0",), (1,)], domain=lambda x: x > 0,
             note="domain x > 0: ln 0 is an error, not −∞"),
    "sqrt": op(mp.sqrt, [lambda x: 1 / (2 * mp.sqrt(x))], [(u,) for u in U] + [("-0",), (4,)], domain=lambda x: x >= 0,
               fixed={k(0): dict(value=0, d=[PINF], note="sqrt′(0) = +∞ (the one-sided derivative; PyTorch/JAX)"),
                      k("-0"): dict(value=0, d=[PINF], note="√(−0) = +0, so sqrt′ is +∞ whatever the sign of the zero")},
               note="domain x ≥ 0"),
    "abs": op(abs, [sgn], [(u,) for u in U] + [(-3,)],
              fixed={k(0): dict(value=0, d=[0], note="kink: slopes −1 and 1; abs′(0) = 0 (PyTorch/JAX)")}),
    "sign": op(sgn, [lambda x: 0], [(u,) for u in U] + [(-3,)],
               fixed={k(0): dict(value=0, d=[0], note="jump: derivative 0 by convention")}),
    "heaviside": op(H, [lambda x: 0], [(u,) for u in U],
                    fixed={k(0): dict(value=0, d=[0], note="H(0) = 0; jump: derivative 0 by convention")}),
    "sin": op(mp.sin, [mp.cos], [(u,) for u in U] + [(3,)],
              fixed={k("inf"): dict(value=NAN, d=[NAN], note="no limit"), k("-inf"): dict(value=NAN, d=[NAN], note="no limit")}),
    "cos": op(mp.cos, [lambda x: -mp.sin(x)], [(u,) for u in U] + [(3,)],
              fixed={k("inf"): dict(value=NAN, d=[NAN], note="no limit"), k("-inf"): dict(value=NAN, d=[NAN], note="no limit")}),
    "tan": op(mp.tan, [lambda x: 1 / mp.cos(x) ** 2], [(u,) for u in U] + [(1.5707963267948966,), (1,)],
              fixed={k("inf"): dict(value=NAN, d=[NAN], note="no limit"), k("-inf"): dict(value=NAN, d=[NAN], note="no limit")},
              note="the double nearest π/2 is not a pole: tan = 1.633e16"),
    "sec": op(lambda x: 1 / mp.cos(x), [lambda x: mp.tan(x) / mp.cos(x)], [(u,) for u in U] + [(1.5707963267948966,), (1,)],
              fixed={k("inf"): dict(value=NAN, d=[NAN], note="no limit"), k("-inf"): dict(value=NAN, d=[NAN], note="no limit")}),
    "csc": op(lambda x: 1 / mp.sin(x), [lambda x: -mp.cos(x) / mp.sin(x) ** 2], [(u,) for u in U] + [(3.141592653589793,), (1,)],
              domain=lambda x: mp.sin(x) != 0,
              fixed={k("inf"): dict(value=NAN, d=[NAN], note="no limit"), k("-inf"): dict(value=NAN, d=[NAN], note="no limit")},
              note="domain sin x ≠ 0: csc 0 is an error"),
    "cot": op(lambda x: mp.cos(x) / mp.sin(x), [lambda x: -1 / mp.sin(x) ** 2], [(u,) for u in U] + [(3.141592653589793,), (1,)],
              domain=lambda x: mp.sin(x) != 0,
              fixed={k("inf"): dict(value=NAN, d=[NAN], note="no limit"), k("-inf"): dict(value=NAN, d=[NAN], note="no limit")},
              note="domain sin x ≠ 0: cot 0 is an error"),
    "asin": op(mp.asin, [lambda x: 1 / mp.sqrt(1 - x**2)], [(u,) for u in U] + [(1,), (-1,), (0.5,)],
               domain=lambda x: abs(x) <= 1,
               fixed={k(1): dict(value=mp.pi / 2, d=[PINF], note="domain edge: arcsin′(±1) = +∞"),
                      k(-1): dict(value=-mp.pi / 2, d=[PINF], note="domain edge: arcsin′(±1) = +∞")},
               note="domain −1 ≤ x ≤ 1"),
    "acos": op(mp.acos, [lambda x: -1 / mp.sqrt(1 - x**2)], [(u,) for u in U] + [(1,), (-1,), (0.5,)],
               domain=lambda x: abs(x) <= 1,
               fixed={k(1): dict(value=0, d=[NINF], note="domain edge: arccos′(±1) = −∞"),
                      k(-1): dict(value=mp.pi, d=[NINF], note="domain edge: arccos′(±1) = −∞")},
               note="domain −1 ≤ x ≤ 1"),
    "atan": op(mp.atan, [lambda x: 1 / (1 + x**2)], [(u,) for u in U] + [(1,)]),
    "sinh": op(mp.sinh, [mp.cosh], [(u,) for u in U] + [(710,), (-710,), (1,)]),
    "cosh": op(mp.cosh, [mp.sinh], [(u,) for u in U] + [(710,), (-710,), (1,)]),
    "tanh": op(mp.tanh, [lambda x: sech(x) ** 2], [(u,) for u in U] + [(30,), (-30,), (19.1,), (2,), (350,)]),
    "erf": op(mp.erf, [lambda x: 2 / mp.sqrt(mp.pi) * mp.exp(-x**2)], [(u,) for u in U] + [(1,), (2,), (6,), (-30,)],
              fixed={k(1e300): dict(value=1, d=[0], note="1 − erf(10³⁰⁰) < e^(−10⁶⁰⁰): 1 and 0 in doubles"),
                     k(-1e300): dict(value=-1, d=[0], note="as at 1e300")}),
    "erfc": op(mp.erfc, [lambda x: -2 / mp.sqrt(mp.pi) * mp.exp(-x**2)],
               [(u,) for u in U] + [(0.5,), (1,), (1.9,), (2,), (3,), (-3,), (5,), (10,), (26,), (27,), (30,)],
               fixed={k(1e300): dict(value=0, d=[0], note="erfc(10³⁰⁰) < e^(−10⁶⁰⁰): 0 in doubles"),
                      k(-1e300): dict(value=2, d=[0], note="2 − erfc(10³⁰⁰): 2 in doubles")}),
    "max": op(lambda a, b: max(a, b), [lambda a, b: H(a - b), lambda a, b: H(b - a)],
              [(u, 2) for u in U] + [(2, u) for u in U] + [(2, 2), (0, 0)],
              fixed={k(2, 2): dict(value=2, d=[0.5, 0.5], note="tie: ½ each (PyTorch/JAX)"),
                     k(0, 0): dict(value=0, d=[0.5, 0.5], note="tie: ½ each (PyTorch/JAX)")},
              note="(∞, ∞) is left out until max/min become n-ary (their tie at infinity gives NaN partials today)"),
    "min": op(lambda a, b: min(a, b), [lambda a, b: H(b - a), lambda a, b: H(a - b)],
              [(u, 2) for u in U] + [(2, u) for u in U] + [(2, 2), (0, 0)],
              fixed={k(2, 2): dict(value=2, d=[0.5, 0.5], note="tie: ½ each (PyTorch/JAX)"),
                     k(0, 0): dict(value=0, d=[0.5, 0.5], note="tie: ½ each (PyTorch/JAX)")}),
    "logsumexp": op(lambda *x: mp.log(mp.fsum(mp.exp(v) for v in x)), None,
                    [(0, 0), (1000, 1000), (-1000, -1000), (1e300, 0), (-1e300, 0), (1e-300, -1e-300), (-1e-300, 0), (1, 2, 3), (5,),
                     ("inf", 1), ("-inf", 1), ("-inf", "-inf"), ("inf", "inf")],
                    fixed={k("inf", 1): dict(value=PINF, d=[1, 0], note="softmax at +∞: all weight on the infinite argument"),
                           k("inf", "inf"): dict(value=PINF, d=[0.5, 0.5], note="softmax at a tie of +∞: ½ each"),
                           k("-inf", 1): dict(value=1, d=[0, 1], note="e^(−∞) = 0"),
                           k("-inf", "-inf"): dict(value=NINF, d=[NAN, NAN], note="ln 0 = −∞; the softmax 0/0 has no value")},
                    # the rule e^(xᵢ − y) carries the rounding of y: |y|·ε relative (6e−14 at y = 1000)
                    sym_rtol=1e-13,
                    sym={k("inf", 1): dict(d=[NAN, 0], why="the rule e^(xᵢ − y) is e^(∞ − ∞)"),
                         k("inf", "inf"): dict(d=[NAN, NAN], why="the rule e^(xᵢ − y) is e^(∞ − ∞)")}),
    # ---- activations
    "sigmoid": op(sig, [lambda x: sig(x) * sig(-x)], [(u,) for u in U] + [(40,), (30,), (-40,), (745,), (-745,)]),
    "logsigmoid": op(lambda x: -mp.log(1 + mp.exp(-x)), [lambda x: sig(-x)], [(u,) for u in U] + [(40,), (-40,), (-1000,)],
                     fixed={k("-inf"): dict(value=NINF, d=[1], note="ln σ(x) ~ x as x → −∞")}),
    "relu": op(lambda x: max(x, 0), [H], [(u,) for u in U],
               fixed={k(0): dict(value=0, d=[0], note="kink: slopes 0 and 1; relu′(0) = 0 (PyTorch/JAX)")}),
    "softplus": op(lambda x: mp.log(1 + mp.exp(x)), [sig], [(u,) for u in U] + [(40,), (-40,), (-800,)]),
    "gelu": op(lambda x: x * Phi(x), [lambda x: Phi(x) + x * phi(x)], [(u,) for u in U] + [(-10,), (-5,), (-3,), (-1,), (0.5,), (2,), (-40,)],
               fixed={k("inf"): dict(value=PINF, d=[1], note="limit: Φ(∞) + ∞·φ(∞) → 1"),
                      k(1e300): dict(value=1e300, d=[1], note="1 − Φ(10³⁰⁰) < e^(−10⁶⁰⁰)"),
                      k(-1e300): dict(value=0, d=[0], note="10³⁰⁰ Φ(−10³⁰⁰) < e^(−10⁶⁰⁰)"),
                      k("-inf"): dict(value=0, d=[0], note="limits: x Φ(x) → 0 and Φ(x) + x φ(x) → 0")},
               sym={k("inf"): dict(d=[NAN], why="the rule's x·e^(−x²/2) is ∞·0 at ∞"),
                    k("-inf"): dict(d=[NAN], why="the rule's x·e^(−x²/2) is ∞·0 at −∞")}),
    "hardsigmoid": op(lambda x: max(min(x / 4 + mpf(1) / 2, 1), 0), [lambda x: mpf(1) / 4 if -2 < x < 2 else 0],
                      [(u,) for u in U] + [(2,), (-2,), (1.9,)],
                      fixed={k(2): dict(value=1, d=[0], note="corner: slopes ¼ and 0; 0 by convention"),
                             k(-2): dict(value=0, d=[0], note="corner: slopes 0 and ¼; 0 by convention")}),
    "hardtanh": op(lambda x: max(min(x, 1), -1), [lambda x: 1 if -1 < x < 1 else 0], [(u,) for u in U] + [(1,), (-1,)],
                   fixed={k(1): dict(value=1, d=[0], note="corner: 0 by convention"), k(-1): dict(value=-1, d=[0], note="corner: 0 by convention")}),
    "leakyrelu": op(lambda x, g=mpf("0.01"): x if x > 0 else g * x, None,
                    [(u,) for u in U] + [(-2, 0.2), (3, 0.2), (0, 0.2)],
                    fixed={k(0): dict(value=0, d=[0.01], note="kink: the x ≤ 0 branch, γ (PyTorch)"),
                           k(0, 0.2): dict(value=0, d=[0.2, 0], note="kink: the x ≤ 0 branch, γ; ∂/∂γ = x = 0")}),
    "elu": op(lambda x, a=1: x if x > 0 else a * mp.expm1(x), None,
              [(u,) for u in U] + [(800,), (-1, 2), (800, 2), (0, 2)],
              fixed={k(0): dict(value=0, d=[1], note="kink of slopes α and 1: the x ≤ 0 branch, α = 1"),
                     k(0, 2): dict(value=0, d=[2, 0], note="kink: the x ≤ 0 branch, α = 2; ∂/∂α = e⁰ − 1 = 0")}),
    "swish": op(lambda x, b=1: x * sig(b * x), None, [(u,) for u in U] + [(40,), (-40,), (2, 0.5), (-3, 2)],
                fixed={k("-inf"): dict(value=0, d=[0], note="limits: x σ(x) → 0, σ(x) + x σ′(x) → 0"),
                       k("inf"): dict(value=PINF, d=[1], note="limit: σ(x) + x σ′(x) → 1")},
                sym={k("inf"): dict(d=[NAN], why="the rule's βx·σ(βx)σ(−βx) is ∞·0 at ∞"),
                     k("-inf"): dict(d=[NAN], why="the rule's βx·σ(βx)σ(−βx) is ∞·0 at −∞")}),
}


# ---- the functions added in issue 13 (logpow, trig, piecewise). Listed here
# ahead of their ops: the tests check every op the registry has, so an entry
# for an op the registry does not have yet is simply not used.


def real_cbrt(x):
    return mp.sign(x) * abs(x) ** (mpf(1) / 3)


def dsinc(x):
    """(x cos x − sin x)/x², by its series near 0 (the formula cancels)."""
    if abs(x) < mpf("1e-6"):
        return -x / 3 + x**3 / 30 - x**5 / 840
    return (x * mp.cos(x) - mp.sin(x)) / x**2


def ddsinc(x):
    """d/dx dsinc x = −sinc x − 2 dsinc(x)/x, by its series near 0."""
    if abs(x) < mpf("1e-6"):
        return -mpf(1) / 3 + x**2 / 10 - x**4 / 168
    return -mp.sin(x) / x - 2 * dsinc(x) / x


def round_away(x):
    return mp.sign(x) * mp.floor(abs(x) + mpf(1) / 2)


def lim(value, d, note):
    return dict(value=value, d=d, note=note)


NO_LIMIT = lim(NAN, [NAN], "no limit")

OPS.update({
    "logbase": op(lambda x, b: mp.log(x) / mp.log(b), [lambda x, b: 1 / (x * mp.log(b)), lambda x, b: -mp.log(x) / (b * mp.log(b) ** 2)],
                  [(u, 2) for u in U] + [(2, u) for u in U] + [(8, 2), (2, 1), (0.5, 10)],
                  domain=lambda x, b: x > 0 and b > 0 and b != 1,
                  fixed={k("inf", 2): lim(PINF, [0, NINF], "limits: ∂/∂b = −ln x/(b ln² b) → −∞"),
                         k(2, "inf"): lim(0, [0, 0], "limits: ln 2/ln b → 0")},
                  note="domain: x > 0 and a base b > 0, b ≠ 1"),
    "expm1": op(mp.expm1, [mp.exp], [(u,) for u in U] + [(1,), (-1,)]),
    "log1p": op(mp.log1p, [lambda x: 1 / (1 + x)], [(u,) for u in U] + [(-1,), (-0.5,)], domain=lambda x: x > -1,
                note="domain x > −1"),
    "cbrt": op(real_cbrt, [lambda x: 1 / (3 * real_cbrt(x) ** 2)], [(u,) for u in U] + [(-8,), (27,)],
               fixed={k(0): lim(0, [PINF], "cbrt′(0) = +∞, as sqrt′(0)")}),
    "root": op(lambda x, n: mp.sign(x) * abs(x) ** (1 / n), [lambda x, n: mp.sign(x) * abs(x) ** (1 / n) / (n * x),
                                                            lambda x, n: -mp.sign(x) * abs(x) ** (1 / n) * mp.log(abs(x)) / n**2],
               [(u, 3) for u in U] + [(8, 3), (-8, 3), (-8, 2), (2, 0), (16, 4), (0, -2)],
               domain=lambda x, n: n != 0 and not (x < 0 and not (n == mp.floor(n) and int(n) % 2 == 1)) and not (x == 0 and n < 0),
               fixed={k(0, 3): lim(0, [PINF, 0], "∂/∂x = +∞ at 0 (n > 1); ∂/∂n = −y ln|x|/n² → 0"),
                      k("inf", 3): lim(PINF, [0, NINF], "limits: ∂/∂n = −y ln|x|/n² → −∞"),
                      k("-inf", 3): lim(NINF, [0, PINF], "limits")},
               sym={k(0, 3): dict(d=[PINF, NAN], why="the rule −y ln|x|/n² is 0·(−∞) at x = 0")},
               note="domain: n ≠ 0; a negative x only for odd integer n; 0 to a negative n is 1/0"),
    "hypot": op(lambda *x: mp.sqrt(mp.fsum(v * v for v in x)), None,
                [(u, 2) for u in U] + [(2, u) for u in U] + [(3, 4), (0, 0), (1e300, 1e300), (1e-300, 1e-300), (3, 4, 12), ("inf", "-inf")],
                fixed={k(0, 0): lim(0, [0, 0], "the cone's tip: 0 (as abs′(0) = 0)"),
                       k("inf", 2): lim(PINF, [1, 0], "limits: a/hypot → 1, b/hypot → 0"),
                       k("-inf", 2): lim(PINF, [-1, 0], "limits: a/hypot → −1, b/hypot → 0"),
                       k(2, "inf"): lim(PINF, [0, 1], "limits"),
                       k(2, "-inf"): lim(PINF, [0, -1], "limits"),
                       k("inf", "-inf"): lim(PINF, [1, -1], "limits along each infinite coordinate")},
                sym={k("inf", 2): dict(d=[NAN, 0], why="the rule xᵢ/hypot is ∞/∞"), k("-inf", 2): dict(d=[NAN, 0], why="the rule xᵢ/hypot is ∞/∞"),
                     k(2, "inf"): dict(d=[0, NAN], why="the rule xᵢ/hypot is ∞/∞"), k(2, "-inf"): dict(d=[0, NAN], why="the rule xᵢ/hypot is ∞/∞"),
                     k("inf", "-inf"): dict(d=[NAN, NAN], why="the rule xᵢ/hypot is ∞/∞"), k(0, 0): dict(d=[NAN, NAN], why="the rule xᵢ/hypot is 0/0")}),
    "asec": op(mp.asec, [lambda x: 1 / (abs(x) * mp.sqrt(x * x - 1))], [(u,) for u in U] + [(1,), (-1,), (2,)],
               domain=lambda x: abs(x) >= 1,
               fixed={k(1): lim(0, [PINF], "domain edge: 1/(1·√0) = +∞"), k(-1): lim(mp.pi, [PINF], "domain edge: +∞"),
                      k("inf"): lim(mp.pi / 2, [0], "limit"), k("-inf"): lim(mp.pi / 2, [0], "limit")},
               note="domain |x| ≥ 1"),
    "acsc": op(mp.acsc, [lambda x: -1 / (abs(x) * mp.sqrt(x * x - 1))], [(u,) for u in U] + [(1,), (-1,), (2,)],
               domain=lambda x: abs(x) >= 1,
               fixed={k(1): lim(mp.pi / 2, [NINF], "domain edge: −∞"), k(-1): lim(-mp.pi / 2, [NINF], "domain edge: −∞"),
                      k("inf"): lim(0, [0], "limit"), k("-inf"): lim(0, [0], "limit")},
               note="domain |x| ≥ 1"),
    "acot": op(mp.acot, [lambda x: -1 / (1 + x * x)], [(u,) for u in U] + [(1,), (-1,)],
               fixed={k(0): lim(mp.pi / 2, [-1], "arccot 0 = π/2: values in (−π/2, π/2], as mpmath and SymPy")}),
    "sech": op(mp.sech, [lambda x: -mp.sech(x) * mp.tanh(x)], [(u,) for u in U] + [(1,), (800,)]),
    "csch": op(mp.csch, [lambda x: -mp.csch(x) * mp.coth(x)], [(u,) for u in U] + [(1,), (-800,)], domain=lambda x: x != 0,
               fixed={k("inf"): lim(0, [0], "limit"), k("-inf"): lim(0, [0], "limit")}, note="domain x ≠ 0"),
    "coth": op(mp.coth, [lambda x: -mp.csch(x) ** 2], [(u,) for u in U] + [(1,), (30,)], domain=lambda x: x != 0,
               fixed={k("inf"): lim(1, [0], "limit"), k("-inf"): lim(-1, [0], "limit")}, note="domain x ≠ 0"),
    "asinh": op(mp.asinh, [lambda x: 1 / mp.sqrt(x * x + 1)], [(u,) for u in U] + [(1,)],
                sym={k(1e300): dict(d=[0], why="x² overflows in the rule (the numeric partial avoids it)"), k(-1e300): dict(d=[0], why="x² overflows in the rule (the numeric partial avoids it)")}),
    "acosh": op(mp.acosh, [lambda x: 1 / mp.sqrt(x * x - 1)], [(u,) for u in U] + [(1,), (2,)], domain=lambda x: x >= 1,
                fixed={k(1): lim(0, [PINF], "domain edge: 1/√0 = +∞")}, sym={k(1e300): dict(d=[0], why="x² overflows in the rule (the numeric partial avoids it)")}, note="domain x ≥ 1"),
    "atanh": op(mp.atanh, [lambda x: 1 / (1 - x * x)], [(u,) for u in U] + [(1,), (-1,), (0.5,)], domain=lambda x: abs(x) < 1,
                note="domain |x| < 1: artanh ±1 is an error, not ±∞"),
    "asech": op(mp.asech, [lambda x: -1 / (x * mp.sqrt(1 - x * x))], [(u,) for u in U] + [(1,), (0.5,)], domain=lambda x: 0 < x <= 1,
                fixed={k(1): lim(0, [NINF], "domain edge: −1/(1·√0) = −∞")}, note="domain 0 < x ≤ 1"),
    "acsch": op(mp.acsch, [lambda x: -1 / (abs(x) * mp.sqrt(1 + x * x))], [(u,) for u in U] + [(1,)], domain=lambda x: x != 0,
                fixed={k("inf"): lim(0, [0], "limit"), k("-inf"): lim(0, [0], "limit")}, note="domain x ≠ 0"),
    "acoth": op(mp.acoth, [lambda x: 1 / (1 - x * x)], [(u,) for u in U] + [(1,), (-1,), (2,)], domain=lambda x: abs(x) > 1,
                fixed={k("inf"): lim(0, [0], "limit"), k("-inf"): lim(0, [0], "limit")}, note="domain |x| > 1"),
    "atan2": op(mp.atan2, [lambda y, x: x / (x * x + y * y), lambda y, x: -y / (x * x + y * y)],
                [(u, 2) for u in U] + [(2, u) for u in U] + [(1, 1), (0, -1), (0, 0)],
                sym={k(1e300, 2): dict(d=[0, 0], why="x² overflows in the rule (the numeric partial avoids it)"), k(-1e300, 2): dict(d=[0, 0], why="x² overflows in the rule (the numeric partial avoids it)"),
                     k(2, 1e300): dict(d=[0, 0], why="x² overflows in the rule (the numeric partial avoids it)"), k(2, -1e300): dict(d=[0, 0], why="x² overflows in the rule (the numeric partial avoids it)")},
                fixed={k(0, 0): lim(0, [NAN, NAN], "the origin: 0/0, as PyTorch"),
                       k("inf", 2): lim(mp.pi / 2, [0, NAN], "−y/(x² + y²) is ∞/∞ (NaN, as PyTorch); the limit is 0"),
                       k("-inf", 2): lim(-mp.pi / 2, [0, NAN], "∞/∞ (NaN, as PyTorch); the limit is 0"),
                       k(2, "inf"): lim(0, [NAN, 0], "x/(x² + y²) is ∞/∞ (NaN, as PyTorch); the limit is 0"),
                       k(2, "-inf"): lim(mp.pi, [NAN, 0], "∞/∞ (NaN, as PyTorch); the limit is 0"),
                       k(2, 0): lim(mp.pi / 2, [0, -0.5], "on the y axis")}),
    "sinc": op(lambda x: mp.sinc(x), [dsinc], [(u,) for u in U] + [(1,), (3.141592653589793,)],
               fixed={k(0): lim(1, [0], "sinc 0 = 1, sinc′(0) = 0"),
                      k("inf"): lim(0, [0], "limits: sin x/x → 0"), k("-inf"): lim(0, [0], "limits: sin x/x → 0")}),
    "dsinc": op(dsinc, [ddsinc], [(u,) for u in U] + [(1,), (1e-3,)],
                fixed={k(0): lim(0, [-mpf(1) / 3], "dsinc 0 = 0, dsinc′(0) = −1/3"),
                       k("inf"): lim(0, [0], "limits"), k("-inf"): lim(0, [0], "limits")},
                sym={k(0): dict(d=[NAN], why="the rule −sinc x − 2 dsinc(x)/x divides by x")}),
    "floor": op(mp.floor, [lambda x: 0], [(u,) for u in U] + [(2,), (-2.5,)], fixed={k(2): lim(2, [0], "jump: derivative 0 by convention")}),
    "ceil": op(mp.ceil, [lambda x: 0], [(u,) for u in U] + [(2,), (-2.5,)], fixed={k(2): lim(2, [0], "jump: derivative 0 by convention")}),
    "round": op(round_away, [lambda x: 0], [(u,) for u in U] + [(2.5,), (-2.5,), (0.49999999999999994,)],
                fixed={k(2.5): lim(3, [0], "halves away from zero; jump: derivative 0"), k(-2.5): lim(-3, [0], "halves away from zero; jump: derivative 0")}),
    "frac": op(lambda x: x - mp.floor(x), [lambda x: 1], [(u,) for u in U] + [(2,), (-2.5,)],
               fixed={k("inf"): lim(NAN, [1], "∞ − ⌊∞⌋ has no value; the derivative is 1"),
                      k("-inf"): lim(NAN, [1], "−∞ − ⌊−∞⌋ has no value; the derivative is 1"),
                      k(2): lim(0, [1], "jump: derivative 1 by convention")}),
})


# Partials of the ops whose formula depends on the number of arguments.
def partials(name, xs):
    if name == "mul":
        return [mp.fprod(xs[:i] + xs[i + 1:]) for i in range(len(xs))]
    if name == "logsumexp":
        y = mp.log(mp.fsum(mp.exp(v) for v in xs))
        return [mp.exp(v - y) for v in xs]
    if name == "add":
        return [1 for _ in xs]
    if name == "hypot":
        h = mp.sqrt(mp.fsum(v * v for v in xs))
        return [v / h for v in xs]
    if name == "leakyrelu":
        x = xs[0]
        g = xs[1] if len(xs) > 1 else mpf("0.01")
        return [1 if x > 0 else g] + ([0 if x > 0 else x] if len(xs) > 1 else [])
    if name == "elu":
        x = xs[0]
        a = xs[1] if len(xs) > 1 else 1
        return [1 if x > 0 else a * mp.exp(x)] + ([0 if x > 0 else mp.expm1(x)] if len(xs) > 1 else [])
    if name == "swish":
        x = xs[0]
        b = xs[1] if len(xs) > 1 else 1
        s = sig(b * x)
        ds = s * sig(-b * x)
        return [s + b * x * ds] + ([x * x * ds] if len(xs) > 1 else [])
    return [d(*xs) for d in OPS[name]["d"]]


def table():
    out = {}
    for name, spec in OPS.items():
        rows = []
        for pt in spec["points"]:
            key = k(*pt)
            xs = [arg(v) for v in pt]
            row = {"x": [js_in(v) for v in pt]}
            if not spec["domain"](*xs):
                row["domain"] = True
                row["note"] = spec["note"] or "outside the domain"
                rows.append(row)
                continue
            if key in spec["fixed"]:
                fx = spec["fixed"][key]
                row["value"] = dbl(fx["value"] if isinstance(fx["value"], str) else mpf(fx["value"]))
                row["d"] = [dbl(v if isinstance(v, str) else mpf(v)) for v in fx["d"]]
                row["note"] = fx["note"]
            else:
                with mp.workdps(60):
                    v = spec["f"](*xs)
                    ds = partials(name, xs)
                row["value"] = dbl(v)
                row["d"] = [dbl(d if not isinstance(d, int) else mpf(d)) for d in ds]
                if "NaN" in [row["value"]] + row["d"]:
                    sys.exit(f"{name} at {key}: NaN from mpmath; state the limit or the behaviour in `fixed`")
            if key in spec["sym"]:
                row["sym"] = {"d": spec["sym"][key]["d"], "why": spec["sym"][key]["why"]}
            rows.append(row)
        entry = {"points": rows}
        if spec["rtol"] is not None:
            entry["rtol"] = spec["rtol"]
        if spec["sym_rtol"] is not None:
            entry["symRtol"] = spec["sym_rtol"]
        if spec["note"] is not None:
            entry["note"] = spec["note"]
        out[name] = entry
    return out


def probes():
    """Compositions from issue 9, item 6, by hand from the formulas."""
    z = mpf(40)
    return {
        # binary cross-entropy from the logit: softplus(z) − yz, and its derivative σ(z) − y
        "bce_40_1": dbl(mp.log(1 + mp.exp(z)) - z),
        "bce_grad_40_1": dbl(sig(z) - 1),
        "bce_-40_0": dbl(mp.log(1 + mp.exp(-z))),
        "bce_grad_-40_0": dbl(sig(-z)),
        "bce_3_0.25": dbl(mp.log(1 + mp.exp(3)) - mpf("0.25") * 3),
        "bce_grad_3_0.25": dbl(sig(3) - mpf("0.25")),
    }


print(json.dumps({"generator": "scripts/edge_refs.py (mpmath, 50 digits)", "probes": probes(), "ops": table()}, indent=1, ensure_ascii=False))
