"""PyTorch eager side of `npm run bench -- nn`.

Reads the job that bench/nn.ts writes (the same data, the same initial
weights, the same settings), trains the same networks in PyTorch eager mode
and prints the results as one JSON object on stdout. Progress goes to stderr.

    python3 bench/nn_torch.py JOB.json

Timings use time.perf_counter (wall) and time.process_time (CPU time of
every thread of the process) around the same work as difflab's side:
  moons  the whole 100-step run (float64), from the first step to the final
         accuracy, including PyTorch's own warm-up on the first run;
  mnist  every training step of every epoch (float32, default thread count);
         the epoch's shuffle and ±1 px shifts are drawn before the clock
         starts (difflab's side draws them inside its timed loop).
"""

import json
import math
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def log(s):
    print(s, file=sys.stderr, flush=True)


def build(layers, dtype):
    """nn.Sequential of Linear/ReLU with the given weights (W is out × in, row-major)."""
    mods = []
    for k, l in enumerate(layers):
        lin = torch.nn.Linear(l["in"], l["out"]).to(dtype)
        with torch.no_grad():
            lin.weight.copy_(torch.tensor(l["W"], dtype=dtype).reshape(l["out"], l["in"]))
            lin.bias.copy_(torch.tensor(l["b"], dtype=dtype))
        mods.append(lin)
        if k + 1 < len(layers):
            mods.append(torch.nn.ReLU())
    return torch.nn.Sequential(*mods)


def moons(job):
    """micrograd's demo: hinge + 1e-4·Σp², full-batch SGD, lr = 1 − 0.9k/steps."""
    X = torch.tensor(job["x"], dtype=torch.float64).reshape(-1, 2)
    y = torch.tensor(job["y"], dtype=torch.float64)
    Y = 2 * y - 1  # labels ±1
    steps = job["steps"]
    lam = job["lambda"]
    runs = []
    for r in range(job["runs"]):
        model = build(job["layers"], torch.float64)
        params = list(model.parameters())
        opt = torch.optim.SGD(params, lr=1.0)
        t0 = time.perf_counter()
        c0 = time.process_time()
        for k in range(steps):
            scores = model(X).squeeze(1)
            data_loss = torch.relu(1 - Y * scores).mean()
            reg = lam * sum((p * p).sum() for p in params)
            loss = data_loss + reg
            opt.zero_grad()
            loss.backward()
            for g in opt.param_groups:
                g["lr"] = 1 - 0.9 * k / steps
            opt.step()
            last = loss.item()
        with torch.no_grad():
            acc = ((model(X).squeeze(1) > 0).to(torch.float64) == y).to(torch.float64).mean().item()
        ms = (time.perf_counter() - t0) * 1000
        cpu = (time.process_time() - c0) * 1000
        runs.append({"ms": ms, "cpuMs": cpu, "loss": last, "accuracy": acc})
        log(f"  torch moons run {r + 1}: {ms / steps:.3f} ms/step, loss {last:.4e}, accuracy {100 * acc:.0f} %")
    return runs


def shifted(X, dx, dy):
    """Each 28×28 image translated by (dx[i], dy[i]) pixels (right, down), zeros shifted in."""
    n = X.shape[0]
    img = X.reshape(n, 28, 28)
    out = np.zeros_like(img)
    for sx in (-1, 0, 1):
        for sy in (-1, 0, 1):
            sel = np.nonzero((dx == sx) & (dy == sy))[0]
            if sel.size == 0:
                continue
            src = img[sel]
            dst = np.zeros_like(src)
            r0, r1 = max(0, sy), 28 + min(0, sy)
            c0, c1 = max(0, sx), 28 + min(0, sx)
            dst[:, r0:r1, c0:c1] = src[:, r0 - sy : r1 - sy, c0 - sx : c1 - sx]
            out[sel] = dst
    return out.reshape(n, 784)


def mnist(job, net):
    """Adam (ε = 1e-7 outside the square root, PyTorch's form), cosine decay, batch 32, ±1 px shifts."""
    Xtr = np.fromfile(job["trainX"], dtype=np.float32).reshape(-1, 784)
    ytr = np.fromfile(job["trainY"], dtype=np.int32).astype(np.int64)
    Xte = torch.from_numpy(np.fromfile(job["testX"], dtype=np.float32).reshape(-1, 784))
    yte = torch.from_numpy(np.fromfile(job["testY"], dtype=np.int32).astype(np.int64))
    model = build(net["layers"], torch.float32)
    lr0 = job["lr"]
    opt = torch.optim.Adam(model.parameters(), lr=lr0, betas=(0.9, 0.999), eps=1e-7)
    n = Xtr.shape[0]
    B = job["batch"]
    epochs = net["epochs"]
    total = math.ceil(n / B) * epochs
    rng = np.random.default_rng(11)
    step = 0
    train_ms = 0.0
    train_cpu = 0.0
    history = []
    for e in range(epochs):
        perm = rng.permutation(n)
        dx = rng.integers(-1, 2, n)
        dy = rng.integers(-1, 2, n)
        xs = torch.from_numpy(shifted(Xtr[perm], dx, dy))
        ys = torch.from_numpy(ytr[perm])
        loss_sum = 0.0
        t0 = time.perf_counter()
        c0 = time.process_time()
        for s in range(0, n, B):
            for g in opt.param_groups:
                g["lr"] = lr0 * 0.5 * (1 + math.cos(math.pi * step / total))
            out = model(xs[s : s + B])
            loss = F.cross_entropy(out, ys[s : s + B])
            opt.zero_grad()
            loss.backward()
            opt.step()
            loss_sum += loss.item() * min(B, n - s)
            step += 1
        ms = (time.perf_counter() - t0) * 1000
        train_ms += ms
        train_cpu += (time.process_time() - c0) * 1000
        with torch.no_grad():
            acc = (model(Xte).argmax(1) == yte).to(torch.float64).mean().item()
        history.append({"ms": ms, "loss": loss_sum / n, "testAccuracy": acc})
        log(f"  torch {net['name']} epoch {e + 1}: {ms / 1000:.2f} s, loss {loss_sum / n:.4f}, test accuracy {100 * acc:.2f} %")
    return {"steps": step, "ms": train_ms, "cpuMs": train_cpu, "history": history}


def main():
    job = json.load(open(sys.argv[1]))
    out = {"torch": torch.__version__, "threads": torch.get_num_threads()}
    if "moons" in job:
        out["moons"] = moons(job["moons"])
    if "mnist" in job:
        out["mnist"] = [mnist(job["mnist"], net) for net in job["mnist"]["nets"]]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
