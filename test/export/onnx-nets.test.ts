import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { exportOnnxModelReport } from '../../src/export/index.ts';
import { batch, coverageNets, logits, outputsOf, seedNets, type NamedNet } from './nets.ts';

async function onnxLogits(bytes: Uint8Array, X: readonly number[][]): Promise<Float64Array> {
  const session = await ort.InferenceSession.create(bytes);
  const x = new ort.Tensor('float64', Float64Array.from(X.flat()), [X.length, X[0]!.length]);
  return (await session.run({ x })).logits!.data as Float64Array;
}

async function check(net: NamedNet): Promise<void> {
  const k = outputsOf(net.model, net.inputs);
  const { X } = batch(net.inputs, k, 16, 99);
  const report = exportOnnxModelReport(net.model);
  const got = await onnxLogits(report.bytes, X);
  const want = logits(net.model, X).flat();
  expect(got.length).toBe(want.length);
  const tol = report.floatOps.length > 0 ? 1e-6 : 1e-12;
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want[i]!)));
}

describe('ONNX export of networks: Gemm and activation nodes, weights as initializers, run in ONNX Runtime', () => {
  it("the seeds' trained networks (neuron, XOR, moons, MNIST MLP) give difflab's logits", async () => {
    for (const net of await seedNets()) await check(net);
  });

  for (const net of coverageNets()) {
    it(`${net.name} gives difflab's logits`, async () => {
      await check(net);
    });
  }

  it('refuses a model that is not a saved difflab network', () => {
    expect(() => exportOnnxModelReport('{"format":"other"}')).toThrow(/saved model: "format" must be "difflab.nn"/);
  });
});
