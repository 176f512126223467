# Reference values for the inverse functions whose domain edge is |x| = 1
# (arcsec, arccsc, arcoth, artanh, arsech, arcosh), at arguments a few ulps to
# 1e-6 from the edge, where x² − 1 computed in doubles keeps few digits.
# mpmath at 50 digits, from the exact double arguments, independently of difflab:
#   /usr/bin/python3 scripts/near_one_refs.py > test/fixtures/near-one.json
# Each case: op, argument, value, derivative (the textbook formula, checked
# against mpmath.diff).
import json
from mpmath import mp, mpf, sqrt, asec, acsc, acoth, atanh, asech, acosh, diff

mp.dps = 50

NEAR = [2.0**-30, 1e-10, 1e-13, 2.0**-45, 1e-6]

ops = {
    # d/dx arcsec x = 1/(|x| √(x² − 1)), arccsc its negative
    "asec": (asec, lambda x: 1 / (abs(x) * sqrt(x * x - 1)), [1 + d for d in NEAR] + [-(1 + d) for d in NEAR[:3]]),
    "acsc": (acsc, lambda x: -1 / (abs(x) * sqrt(x * x - 1)), [1 + d for d in NEAR] + [-(1 + d) for d in NEAR[:3]]),
    # d/dx arcoth x = d/dx artanh x = 1/(1 − x²)
    "acoth": (acoth, lambda x: 1 / (1 - x * x), [1 + d for d in NEAR] + [-(1 + d) for d in NEAR[:3]]),
    "atanh": (atanh, lambda x: 1 / (1 - x * x), [1 - d for d in NEAR] + [-(1 - d) for d in NEAR[:3]]),
    # d/dx arsech x = −1/(x √(1 − x²))
    "asech": (asech, lambda x: -1 / (x * sqrt(1 - x * x)), [1 - d for d in NEAR] + [0.75, 0.001]),
    "acosh": (acosh, lambda x: 1 / sqrt(x * x - 1), [1 + d for d in NEAR]),
}

out = []
for op, (f, df, points) in ops.items():
    for x in points:
        a = mpf(x)  # the double, exactly
        d = df(a)
        # the formula against a numeric derivative, with a step far inside the distance to the edge
        h = abs(abs(a) - 1) * mpf(10) ** -12
        assert abs(diff(f, a, h=h) / d - 1) < mpf(10) ** -15, (op, x)
        out.append({"op": op, "x": x, "value": float(f(a)), "derivative": float(d)})

print(json.dumps(out, indent=1))
