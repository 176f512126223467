"""Runs a module exported by difflab in PyTorch and prints what it computes as JSON.

Usage: python3 check_torch.py JOBS.json  (a list of jobs, written by test/export/torch.spec.ts;
one process runs them all, since importing torch takes seconds)

  kind "expr": the function's value at the points, torch.autograd.grad of the
               value with respect to every argument, every returned output,
               and the dtype for float32 and list inputs.
  kind "onnx": onnx.checker.check_model (full check, with shape inference) on
               an exported ONNX file; also prints its IR version and opsets.
  kind "net":  the logits, the parameters after one torch.optim.SGD step on
               the mean squared error, and the logits after torch.save and
               torch.load of the module and of its state dict.
"""
import importlib.util
import io
import json
import sys
import traceback

import torch


def load(path, name):
    name = f"{name}_{abs(hash(path))}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def run_expr(job):
    module = load(job["module"], "difflab_exported_expr")
    fn = getattr(module, job["func"])
    args = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in job["points"].items()}
    out = fn(**args)
    outputs = list(out) if isinstance(out, tuple) else [out]
    value = outputs[0]
    names = list(args)
    grads = torch.autograd.grad(value.sum(), [args[k] for k in names], allow_unused=True) if names else []
    n = len(value.reshape(-1))
    autograd = {k: (g.tolist() if g is not None else [0.0] * n) for k, g in zip(names, grads)}
    lists = fn(**dict(job["points"]))
    f32 = fn(**{k: torch.tensor(v, dtype=torch.float32) for k, v in job["points"].items()})
    return {
        "all": module.__all__,
        "value": value.detach().tolist(),
        "outputs": [o.detach().tolist() for o in outputs],
        "autograd": autograd,
        "listDtype": str((lists[0] if isinstance(lists, tuple) else lists).dtype),
        "float32Dtype": str((f32[0] if isinstance(f32, tuple) else f32).dtype),
    }


def run_net(job):
    module = load(job["module"], "difflab_exported_net")
    cls = getattr(module, job["cls"])
    net = cls().eval()
    x = torch.tensor(job["X"], dtype=torch.float64)
    t = torch.tensor(job["T"], dtype=torch.float64)
    logits = net(x).detach().tolist()

    buf = io.BytesIO()
    torch.save(net, buf)
    buf.seek(0)
    reloaded = torch.load(buf).eval()
    state = io.BytesIO()
    torch.save(net.state_dict(), state)
    state.seek(0)
    fresh = cls(trained=False).eval()
    fresh.load_state_dict(torch.load(state))

    opt = torch.optim.SGD(net.parameters(), lr=job["lr"])
    opt.zero_grad()
    loss = torch.nn.functional.mse_loss(net(x), t)
    loss.backward()
    opt.step()
    return {
        "all": module.__all__,
        "logits": logits,
        "loss": loss.item(),
        "after": {k: v.reshape(-1).tolist() for k, v in net.state_dict().items()},
        "reloaded": reloaded(x).detach().tolist(),
        "fromStateDict": fresh(x).detach().tolist(),
    }


def run_onnx(job):
    import onnx  # Debian's python3-onnx (1.12): the checker a widely installed toolchain applies

    model = onnx.load(job["module"])
    onnx.checker.check_model(model, full_check=True)
    return {"ir": model.ir_version, "opsets": [[o.domain, o.version] for o in model.opset_import], "onnx": onnx.__version__}


def main():
    with open(sys.argv[1]) as f:
        jobs = json.load(f)
    results = []
    for job in jobs:
        try:
            results.append({"expr": run_expr, "net": run_net, "onnx": run_onnx}[job["kind"]](job))
        except Exception:  # reported to the test, which fails with the traceback
            results.append({"error": traceback.format_exc()})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
