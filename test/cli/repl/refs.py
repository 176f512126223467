# Reference values for the REPL transcript tests, computed with mpmath at 50
# digits (derivatives by mpmath's own numerical differentiation, not by hand).
# Run: python3 test/cli/repl/refs.py > test/cli/repl/refs.json
import json
from mpmath import mp, mpf, log, sin, cos, diff, pi, sqrt, exp

mp.dps = 50
z = lambda x, y: log(x) + x**2 * y - sin(x * y)
X, Y = mpf(2), mpf(5)
r = {}
r["z"] = float(z(X, Y))
r["dz_dx"] = float(diff(lambda x: z(x, Y), X))
r["dz_dy"] = float(diff(lambda y: z(X, y), Y))
r["d2z_dxdy"] = float(diff(z, (X, Y), (1, 1)))
r["d2z_dx2"] = float(diff(lambda x: z(x, Y), X, 2))
r["laplacian_z"] = float(diff(lambda x: z(x, Y), X, 2) + diff(lambda y: z(X, y), Y, 2))
# f(x, y) = x^2 y at the point, g(2, 3) with g(x, y) = x^2 + y^2 + 1
r["sin_pi_4"] = float(sin(pi / 4))
r["dsig_at_half"] = float(diff(lambda w: 1 / (1 + exp(-(w * mpf(3) + mpf("0.5")))), mpf("0.5")))
print(json.dumps(r, indent=1))
