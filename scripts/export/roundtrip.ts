// Round-trip figures for the README: every registry op exported to ONNX (run
// in onnxruntime-node) and to PyTorch (run in /usr/bin/python3 with torch, if
// present) at 64 seeded points in its domain; the largest relative
// difference from difflab's value (and, for torch, of autograd from the
// reverse-mode tape), and the ops each target refuses.
//
//   npx tsx scripts/export/roundtrip.ts

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { call, variable } from '../../src/expr/expr.ts';
import { evaluate } from '../../src/expr/eval.ts';
import { exportOnnxReport, exportPyTorch } from '../../src/export/index.ts';
import { opDef, opNames } from '../../src/ops/index.ts';
import { gradient } from '../../src/reverse/index.ts';
import { arities, maxRelDiff, samplePoints } from '../../test/export/helpers.ts';

const ARGS = ['a', 'b', 'c'];
const dir = mkdtempSync(join(tmpdir(), 'difflab-roundtrip-'));
const rows: { op: string; onnx: string; torch: string; torchGrad: string }[] = [];
const jobs: Record<string, unknown>[] = [];
const refs: { value: Float64Array; grads: Float64Array[] }[] = [];
let worstDouble = 0;
let worstFloat = 0;

for (const op of opNames) {
  for (const n of arities(op)) {
    const vars = ARGS.slice(0, n);
    const e = call(op, vars.map((v) => variable(v)));
    const cols = samplePoints(op, n, 64, 17 + n);
    const m = cols[0]!.length;
    const value = Float64Array.from({ length: m }, (_, i) => evaluate(e, Object.fromEntries(vars.map((v, j) => [v, cols[j]![i]!]))));
    const grads = vars.map(() => new Float64Array(m));
    for (let i = 0; i < m; i++) {
      const g = gradient(e, Object.fromEntries(vars.map((v, j) => [v, cols[j]![i]!])), vars);
      vars.forEach((v, j) => (grads[j]![i] = g.gradient[v]!));
    }
    let onnx = 'refused';
    if (opDef(op).export?.onnx !== undefined) {
      const r = exportOnnxReport(e);
      const s = await ort.InferenceSession.create(r.bytes);
      const out = await s.run(Object.fromEntries(vars.map((v, j) => [v, new ort.Tensor('float64', Float64Array.from(cols[j]!), [m])])));
      const d = maxRelDiff(out.value!.data as Float64Array, value);
      if (r.floatOps.length > 0) worstFloat = Math.max(worstFloat, d);
      else worstDouble = Math.max(worstDouble, d);
      onnx = d.toExponential(1) + (r.floatOps.length > 0 ? ' (float32)' : '');
    }
    let torch = 'refused';
    if (opDef(op).export?.torch !== undefined) {
      const module = join(dir, `m${jobs.length}.py`);
      writeFileSync(module, exportPyTorch(e, { vars }));
      jobs.push({ kind: 'expr', func: 'f', module, points: Object.fromEntries(vars.map((v, j) => [v, cols[j]!])) });
      refs.push({ value, grads });
      torch = `#${jobs.length - 1}`;
    }
    rows.push({ op: `${op}/${n}`, onnx, torch, torchGrad: '' });
  }
}

let torchWorst = 0;
let torchGradWorst = 0;
try {
  writeFileSync(join(dir, 'jobs.json'), JSON.stringify(jobs));
  const results = JSON.parse(execFileSync(process.env.DIFFLAB_PYTHON ?? '/usr/bin/python3', ['scripts/export/check_torch.py', join(dir, 'jobs.json')], { encoding: 'utf8', maxBuffer: 1 << 28 })) as { value: number[]; autograd: Record<string, number[]> }[];
  for (const row of rows) {
    if (!row.torch.startsWith('#')) continue;
    const k = Number(row.torch.slice(1));
    const r = results[k]!;
    const dv = maxRelDiff(r.value, refs[k]!.value);
    const dg = Math.max(...Object.values(r.autograd).map((g, j) => maxRelDiff(g, refs[k]!.grads[j]!)));
    torchWorst = Math.max(torchWorst, dv);
    torchGradWorst = Math.max(torchGradWorst, dg);
    row.torch = dv.toExponential(1);
    row.torchGrad = dg.toExponential(1);
  }
} catch (e) {
  console.log(`(PyTorch not run: ${(e as Error).message.split('\n')[0]})`);
}
rmSync(dir, { recursive: true, force: true });

console.log('op/arity        ONNX value   torch value  torch autograd');
for (const r of rows) console.log(`${r.op.padEnd(16)}${r.onnx.padEnd(13)}${r.torch.padEnd(13)}${r.torchGrad}`);
console.log(`\nlargest relative difference from difflab: ONNX ${worstDouble.toExponential(1)} in double, ${worstFloat.toExponential(1)} for the float32 ops; PyTorch value ${torchWorst.toExponential(1)}, autograd against the reverse-mode tape ${torchGradWorst.toExponential(1)}`);
const refusedOnnx = opNames.filter((op) => opDef(op).export?.onnx === undefined);
const refusedTorch = opNames.filter((op) => opDef(op).export?.torch === undefined);
console.log(`ops: ${opNames.length} in the registry; ONNX refuses ${refusedOnnx.join(', ') || 'none'}; PyTorch refuses ${refusedTorch.join(', ') || 'none'}`);
