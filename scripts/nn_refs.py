# Reference values for the nn tests, computed independently of difflab with
# mpmath at 50 digits (and plain Python for the bit-exact generator).
# Run: python3 scripts/nn_refs.py > test/fixtures/nn.json
import json
from mpmath import mp, mpf, exp, log, sqrt

mp.dps = 50
sig = lambda z: 1 / (1 + exp(-z))
r = {}

# --- seed 004: the hand backprop ------------------------------------------
x1, x2 = mpf('0.35'), mpf('0.9')
w13, w14, w23, w24, w35, w45 = map(mpf, ['0.1', '0.4', '0.8', '0.6', '0.3', '0.9'])
t5 = mpf('0.5')
x3 = w13 * x1 + w23 * x2
x4 = w14 * x1 + w24 * x2
o3, o4 = sig(x3), sig(x4)
x5 = w35 * o3 + w45 * o4
o5 = sig(x5)
E = (o5 - t5) ** 2 / 2
d5 = (o5 - t5) * o5 * (1 - o5)          # dE/dx5
d3 = d5 * w35 * o3 * (1 - o3)           # dE/dx3
d4 = d5 * w45 * o4 * (1 - o4)           # dE/dx4
r["seed004"] = {k: float(v) for k, v in dict(
    x3=x3, x4=x4, o3=o3, o4=o4, x5=x5, o5=o5, E=E, dE_dx5=d5, dE_dx3=d3, dE_dx4=d4,
    dE_dw35=d5 * o3, dE_dw45=d5 * o4,
    dE_dw13=d3 * x1, dE_dw23=d3 * x2, dE_dw14=d4 * x1, dE_dw24=d4 * x2).items()}

# --- the neuron f(x; w, b) = 1/(exp(-(wx + b)) + 1) ------------------------
def neuron(x, w, b):
    return 1 / (exp(-(w * x + b)) + 1)
x, w, b = mpf(1), mpf(0), mpf(0)
r["neuron"] = {"f": float(neuron(x, w, b)),
               "df_dw": float(mp.diff(lambda ww: neuron(x, ww, b), w)),
               "df_db": float(mp.diff(lambda bb: neuron(x, w, bb), b))}
# squared loss (σ(wx + b) − t)² and its gradient at w = 0.3, b = −0.2, x = 1.5, t = 1
xs, ws, bs, ts = mpf('1.5'), mpf('0.3'), mpf('-0.2'), mpf(1)
L = lambda ww, bb: (neuron(xs, ww, bb) - ts) ** 2
r["neuron_loss"] = {"L": float(L(ws, bs)), "dL_dw": float(mp.diff(lambda ww: L(ww, bs), ws)), "dL_db": float(mp.diff(lambda bb: L(ws, bb), bs))}

# --- losses ------------------------------------------------------------------
def bce(z, y):  # -y ln σ(z) - (1-y) ln(1-σ(z)), with 1 − σ(z) = σ(−z) (no cancellation at 50 digits)
    z = mpf(z); y = mpf(y)
    return -y * log(sig(z)) - (1 - y) * log(sig(-z))
r["bce"] = [[z, y, float(bce(z, y)), float(sig(mpf(z)) - y)] for z, y in [(1000, 1), (1000, 0), (-1000, 1), (-1000, 0), (30, 0), (-30, 1), (0.3, 1), (-2.5, 0), (0.7, 0.25)]]
def sce(zs, lab):
    zs = [mpf(z) for z in zs]
    S = sum(exp(z) for z in zs)
    return -log(exp(zs[lab]) / S), [float(exp(z) / S - (1 if k == lab else 0)) for k, z in enumerate(zs)]
r["softmax_ce"] = []
for zs, lab in [([1000, 0, -1000], 1), ([1000, 1000], 0), ([-1000, -1000, -999], 2), ([1, 2, 3], 0), ([0.5, -0.25, 2, 1], 3)]:
    v, g = sce(zs, lab)
    r["softmax_ce"].append([zs, lab, float(v), g])

# --- optimizers: two steps of each, written literally as in seed 003 --------
# f(x) = ½ Σ cᵢ xᵢ² with c = (1, 10): ∇f = c ⊙ x.
c = [mpf(1), mpf(10)]
x0 = [mpf('1.0'), mpf('-0.5')]
grad = lambda x: [ci * xi for ci, xi in zip(c, x)]
alpha = mpf('0.05')
beta = mpf('0.9')
eps = mpf('1e-7')
def run(kind, steps=3):
    x = list(x0); xprev = list(x0)
    s2 = [mpf(0)] * 2; v = [mpf(0)] * 2; s = [mpf(0)] * 2
    out = []
    for k in range(steps):
        if kind == 'sgd':
            dx = grad(x); x = [xi - alpha * g for xi, g in zip(x, dx)]
        elif kind == 'momentum':   # y = x + β(x − x_prev); x_next = y − α∇f(x)
            y = [xi + beta * (xi - xp) for xi, xp in zip(x, xprev)]
            dx = grad(x); xn = [yi - alpha * g for yi, g in zip(y, dx)]
            xprev, x = x, xn
        elif kind == 'nesterov':   # y = x + β(x − x_prev); x_next = y − α∇f(y)
            y = [xi + beta * (xi - xp) for xi, xp in zip(x, xprev)]
            dy = grad(y); xn = [yi - alpha * g for yi, g in zip(y, dy)]
            xprev, x = x, xn
        elif kind == 'adagrad':
            dx = grad(x); s2 = [a + g * g for a, g in zip(s2, dx)]
            x = [xi - alpha / sqrt(a + eps) * g for xi, a, g in zip(x, s2, dx)]
        elif kind == 'rmsprop':
            b = mpf('0.99'); dx = grad(x); s2 = [b * a + (1 - b) * g * g for a, g in zip(s2, dx)]
            x = [xi - alpha / sqrt(a + eps) * g for xi, a, g in zip(x, s2, dx)]
        elif kind == 'adam':
            b1, b2 = mpf('0.9'), mpf('0.999'); dx = grad(x)
            v = [b1 * vi + (1 - b1) * g for vi, g in zip(v, dx)]
            s = [b2 * si + (1 - b2) * g * g for si, g in zip(s, dx)]
            vh = [vi / (1 - b1 ** (k + 1)) for vi in v]
            sh = [si / (1 - b2 ** (k + 1)) for si in s]
            x = [xi - alpha / sqrt(shi + eps) * vhi for xi, shi, vhi in zip(x, sh, vh)]
        out.append([float(xi) for xi in x])
    return out
r["optim"] = {"c": [1, 10], "x0": [1.0, -0.5], "alpha": 0.05, "beta": 0.9,
              "steps": {k: run(k) for k in ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam']}}

# --- loss surface y = σ(w₂σ(w₁x)) at the sample (x, t) = (1, 1) -------------
pts = [(-4, -4), (-2, 3), (0, 0), (1.5, -0.5), (3, 4)]
r["loss_surface"] = [[w1, w2, float((sig(mpf(w2) * sig(mpf(w1))) - 1) ** 2), float(-log(sig(mpf(w2) * sig(mpf(w1)))))] for w1, w2 in pts]

# --- logistic gates with the seed's weights ---------------------------------
gates = {"and": (-30, 20, 20), "nor": (10, -20, -20), "or": (-10, 20, 20)}
r["gates"] = {g: [float(sig(mpf(b0) + b1 * a + b2 * bb)) for a, bb in [(0, 0), (0, 1), (1, 0), (1, 1)]] for g, (b0, b1, b2) in gates.items()}

# --- xoshiro128** seeded by splitmix32 (bit-exact reference) ----------------
M = 0xffffffff
def splitmix32(state):
    state[0] = (state[0] + 0x9e3779b9) & M
    z = state[0]
    z = ((z ^ (z >> 16)) * 0x85ebca6b) & M
    z = ((z ^ (z >> 13)) * 0xc2b2ae35) & M
    return (z ^ (z >> 16)) & M
rotl = lambda x, k: ((x << k) | (x >> (32 - k))) & M
def xoshiro(seed, n):
    st = [seed & M]
    s = [splitmix32(st) for _ in range(4)]
    out = []
    for _ in range(n):
        res = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 9) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11)
        out.append(res)
    return out
r["xoshiro128ss"] = {str(seed): xoshiro(seed, 8) for seed in [0, 1, 42, 4294967295]}

print(json.dumps(r, indent=1))
