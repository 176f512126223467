# Reference values for the tests, computed with mpmath at 50 digits.
# Independent of difflab: run `python3 scripts/refs.py > test/fixtures/refs.json`.
import json
from mpmath import mp, mpf, exp, log, erf, erfc, sqrt, pi, diff

mp.dps = 50
sig = lambda z: 1 / (1 + exp(-z))
softplus = lambda z: log(1 + exp(z))
r = {}
r["sigmoid"] = {str(z): float(sig(mpf(z))) for z in [-1000, -30, -1, 0, 0.5, 30, 1000]}
r["softplus"] = {str(z): float(softplus(mpf(z))) for z in [-1000, -30, -1, 0, 0.5, 30, 1000]}
r["logsigmoid"] = {str(z): float(log(sig(mpf(z)))) for z in [-1000, -30, -1, 0, 30, 1000]}
r["erf"] = {str(z): float(erf(mpf(z))) for z in [-3, -1.5, -0.3, 0, 1e-8, 0.2, 0.5, 1, 1.9, 2, 2.5, 4, 6]}
r["erfc_tail"] = {str(z): float(erfc(mpf(z))) for z in [2, 3, 5, 10, 26]}
r["logsumexp"] = {"1000,1000": float(log(exp(mpf(1000)) + exp(mpf(1000)))), "-1000,-1000": float(log(exp(mpf(-1000)) * 2)), "1,2,3": float(log(exp(1) + exp(2) + exp(3)))}
gelu = lambda x: x / 2 * (1 + erf(x / sqrt(2)))
r["gelu"] = {str(z): float(gelu(mpf(z))) for z in [-3, -1, 0.5, 2]}
r["gelu_prime"] = {str(z): float(diff(gelu, mpf(z))) for z in [-3, -1, 0.5, 2]}
# ln x + x^2 y - sin(xy) at (2, 5)
x, y = mpf(2), mpf(5)
r["textbook_value"] = float(log(x) + x**2 * y - mp.sin(x * y))
print(json.dumps(r, indent=1))
