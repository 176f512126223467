import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { answerLine } from '../../src/cli/batch.ts';
import { exportCommand, type ExportResult } from '../../src/cli/commands/export.ts';
import { allowWrite, type RunContext } from '../../src/cli/files.ts';
import { ActivationLayer, Dense, saveModel, Sequential } from '../../src/nn/layers.ts';

const dir = mkdtempSync(join(tmpdir(), 'difflab-export-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = async (req: Record<string, unknown>, ctx?: RunContext): Promise<ExportResult> => (await exportCommand.run(req, ctx)) as ExportResult;

describe('difflab export', () => {
  it('prints PyTorch source for an expression and its gradient', async () => {
    const r = await run(exportCommand.toRequest(['x²y'], { to: 'pytorch', grad: true }));
    expect(r.source).toContain('def f(*, x, y):');
    expect(r.outputs).toEqual(['value', 'd/dx', 'd/dy']);
    expect(exportCommand.text(r, {})).toBe(r.source!.trimEnd());
  });

  it('writes an ONNX file with -o, which ONNX Runtime runs', async () => {
    const file = join(dir, 'f.onnx');
    const req = exportCommand.toRequest(['x²y'], { to: 'onnx', wrt: 'x', out: file });
    const r = await run(req);
    expect(exportCommand.text(r, req)).toBe(`wrote ${file}: ONNX model (IR 8, opset 17), ${r.bytes} bytes\n  inputs: x, y\n  outputs: value, grad.x`);
    const s = await ort.InferenceSession.create(readFileSync(file));
    const out = await s.run({ x: new ort.Tensor('float64', Float64Array.from([3]), [1]), y: new ort.Tensor('float64', Float64Array.from([5]), [1]) });
    expect(out.value!.data[0]).toBe(45);
    expect(out['grad.x']!.data[0]).toBe(30); // ∂(x²y)/∂x = 2xy
  });

  it('exports a network saved by train --save', async () => {
    const file = join(dir, 'net.json');
    writeFileSync(file, JSON.stringify(saveModel(new Sequential([new Dense(2, 1, { W: Float64Array.from([1, -2]), b: Float64Array.from([0.5]) }), new ActivationLayer('tanh')]))));
    const py = await run(exportCommand.toRequest([], { model: file, to: 'pytorch', name: 'Gate' }));
    expect(py.source).toContain('class Gate(nn.Sequential):');
    const onnx = await run(exportCommand.toRequest([], { model: file, to: 'onnx' }));
    const s = await ort.InferenceSession.create(Buffer.from(onnx.base64!, 'base64'));
    const out = await s.run({ x: new ort.Tensor('float64', Float64Array.from([2, 1]), [1, 2]) });
    expect(out.logits!.data[0]).toBe(Math.tanh(2 - 2 + 0.5));
  });

  it('says what is wrong: no target, an unknown target, ONNX to a terminal, a missing model file', async () => {
    await expect(run({ expr: 'x' })).rejects.toThrow(/--to pytorch or --to onnx/);
    await expect(run({ expr: 'x', to: 'tf' })).rejects.toThrow(/unknown export target "tf"/);
    const r = await run(exportCommand.toRequest(['x'], { to: 'onnx' }));
    expect(() => exportCommand.text(r, {})).toThrow(/ONNX model is binary: give -o/);
    await expect(run({ model: join(dir, 'missing.json'), to: 'onnx' })).rejects.toThrow(/cannot read the model .*missing.json: ENOENT/);
    await expect(run({ expr: 'x', model: 'net.json', to: 'onnx' })).rejects.toThrow(/not both/);
  });
});

describe('difflab export in batch mode', () => {
  it('returns the content in JSON: source as text, ONNX as base64', async () => {
    const py = JSON.parse(await answerLine('{"cmd":"export","expr":"sin x","to":"pytorch"}'));
    expect(py.source).toContain('torch.sin(x)');
    const onnx = JSON.parse(await answerLine('{"cmd":"export","expr":"sin x","to":"onnx","grad":true}'));
    expect(onnx.outputs).toEqual(['value', 'grad.x']);
    expect(Buffer.from(onnx.base64, 'base64').length).toBe(onnx.bytes);
  });

  it('writes no file without write permission', async () => {
    const file = join(dir, 'evil.py');
    const r = JSON.parse(await answerLine(JSON.stringify({ cmd: 'export', expr: 'x', to: 'pytorch', out: file })));
    expect(r.error.message).toMatch(/batch mode writes no files unless started with --allow-write DIR/);
    expect(() => readFileSync(file)).toThrow();
  });

  it('with --allow-write DIR, writes inside DIR and nowhere else', async () => {
    const ok = JSON.parse(await answerLine(JSON.stringify({ cmd: 'export', expr: 'x', to: 'pytorch', out: 'inside.py' }), allowWrite(dir)));
    expect(ok.file).toBe('inside.py');
    expect(readFileSync(join(dir, 'inside.py'), 'utf8')).toContain('def f(*, x):');
    await expect(run({ expr: 'x', to: 'pytorch', out: '../outside.py' }, allowWrite(dir))).rejects.toThrow(/outside the folder allowed by --allow-write/);
  });

  it('takes the saved network itself in the request', async () => {
    const model = saveModel(new Sequential([new Dense(1, 1, { W: Float64Array.from([2]), b: Float64Array.from([0]) })]));
    const r = JSON.parse(await answerLine(JSON.stringify({ cmd: 'export', model, to: 'pytorch' })));
    expect(r.source).toContain('class Net(nn.Sequential):');
  });
});

describe(':export in the REPL', () => {
  it('exports a definition (expanded) with the command line options, and writes with -o', async () => {
    const { transcript } = await import('../cli/repl/helpers.ts');
    const file = join(dir, 'g.onnx');
    const { out } = await transcript(['g(x) = x² sin x', ':export g(x) --to pytorch --grad', `:export g(x) --to onnx -o ${file}`]);
    expect(out).toContain('def f(*, x):');
    expect(out).toContain('torch.sin(x)');
    expect(out).toContain(`wrote ${file}: ONNX model (IR 8, opset 17)`);
    const s = await ort.InferenceSession.create(readFileSync(file));
    const r = await s.run({ x: new ort.Tensor('float64', Float64Array.from([2]), [1]) });
    expect(Math.abs((r.value!.data[0] as number) - 4 * Math.sin(2))).toBeLessThanOrEqual(1e-12 * 4 * Math.sin(2));
  });
});
