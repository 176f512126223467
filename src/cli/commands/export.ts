// difflab export: an expression (optionally with its gradient) or a saved
// network, as PyTorch source or an ONNX model.
//
//   difflab export "<expr>" --to pytorch|onnx [--grad] [--wrt x,y] [-o FILE]
//   difflab export --model net.json --to pytorch|onnx [-o FILE]
//
// The exporters are pure (src/export/); this command reads the model file and
// writes the output. From the command line and the REPL `-o` writes a file
// (PyTorch source without it goes to stdout; ONNX, being binary, needs -o or
// --json). `difflab batch` writes only when started with --allow-write DIR,
// and then only inside DIR; without -o the result carries the content: the
// source as text, the ONNX model as base64.

import type { Command } from 'commander';
import { DiffError } from '../../expr/errors.ts';
import { exportOnnxModelReport, exportOnnxReport, exportPyTorchModel, exportPyTorchReport, type OnnxExport } from '../../export/index.ts';
import type { ModelJson } from '../../nn/layers.ts';
import { parse } from '../../parse/index.ts';
import { defineCommand, optBool, optList, optString, type Request } from '../command.ts';
import { outputPath, type RunContext } from '../files.ts';

export interface ExportResult extends Record<string, unknown> {
  /** `pytorch` or `onnx`. */
  to: 'pytorch' | 'onnx';
  /** What was exported: `expression` or `network`. */
  what: 'expression' | 'network';
  /** The PyTorch source (when not written to a file). */
  source?: string;
  /** The ONNX model, base64 (when not written to a file). */
  base64?: string;
  /** Size of the output in bytes. */
  bytes: number;
  /** Arguments or graph inputs, by difflab variable and name in the output. */
  inputs: { variable: string; id: string }[];
  outputs: string[];
  /** Registry ops computed in float32 (ONNX). */
  floatOps?: string[];
  /** The file written. */
  file?: string;
}

function target(req: Request): 'pytorch' | 'onnx' {
  const t = (optString(req, 'to') ?? '').toLowerCase();
  if (t === 'pytorch' || t === 'torch') return 'pytorch';
  if (t === 'onnx') return 'onnx';
  throw new DiffError(t === '' ? 'export needs a target: --to pytorch or --to onnx' : `unknown export target ${JSON.stringify(t)}: use pytorch or onnx`);
}

async function readModel(req: Request): Promise<ModelJson | string> {
  const m = req.model;
  if (typeof m === 'object' && m !== null && !Array.isArray(m)) return m as unknown as ModelJson; // a batch request may carry the model itself
  if (typeof m !== 'string') throw new DiffError('"model" must be the path of a saved network (train --save) or the saved JSON object');
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(m, 'utf8');
  } catch (e) {
    throw new DiffError(`cannot read the model ${m}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function writeOutput(path: string, file: string, data: string | Uint8Array): Promise<string> {
  const { writeFile } = await import('node:fs/promises');
  try {
    await writeFile(path, data);
  } catch (e) {
    throw new DiffError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return file;
}

export const exportCommand = defineCommand<ExportResult>({
  name: 'export',
  summary: 'export an expression, its gradient or a trained network to PyTorch source or ONNX',
  configure: (cmd: Command) =>
    cmd
      .argument('[expr]', 'expression in textbook notation (or give --model)')
      .option('--to <target>', 'pytorch (a Python module) or onnx (a model file)')
      .option('--model <file>', 'a network saved by train --save, instead of an expression')
      .option('--grad', 'also output the symbolic gradient (ONNX: outputs grad.<name>; PyTorch: returns a tuple)')
      .option('--wrt <names>', 'the variables of the gradient, e.g. x,y (implies --grad)')
      .option('--vars <names>', 'the arguments in order, and multi-letter variable names, e.g. rate,theta')
      .option('--name <name>', 'the function (PyTorch) or graph (ONNX) name; for --model, the class name (default f, Net)')
      .option('-o, --out <file>', 'write the output to this file'),
  toRequest: (args, opts) => ({
    cmd: 'export',
    expr: args[0],
    to: opts.to,
    model: opts.model,
    grad: opts.grad,
    wrt: opts.wrt,
    vars: opts.vars,
    name: opts.name,
    out: opts.out,
  }),
  run: async (req: Request, ctx?: RunContext) => {
    const to = target(req);
    const out = optString(req, 'out');
    // checked before the work: batch without --allow-write, or a path outside its folder, is refused at once
    const outPath = out === undefined ? undefined : outputPath(out, ctx, '-o');
    const name = optString(req, 'name');
    let data: string | Uint8Array;
    let inputs: { variable: string; id: string }[];
    let outputs: string[];
    let floatOps: readonly string[] = [];
    let what: ExportResult['what'];
    if (req.model !== undefined && req.model !== null) {
      if (req.expr !== undefined && req.expr !== null) throw new DiffError('give an expression or --model, not both');
      const model = await readModel(req);
      what = 'network';
      if (to === 'pytorch') {
        data = exportPyTorchModel(model, name !== undefined ? { name } : {});
        inputs = [{ variable: 'x', id: 'x' }];
        outputs = ['logits'];
      } else {
        const r: OnnxExport = exportOnnxModelReport(model);
        data = r.bytes;
        inputs = [...r.inputs];
        outputs = [...r.outputs];
        floatOps = r.floatOps;
      }
    } else {
      const text = optString(req, 'expr');
      if (text === undefined) throw new DiffError('export needs an expression, or --model FILE for a saved network');
      const vars = optList(req, 'vars');
      const e = parse(text, { variables: vars ?? [] });
      const wrt = optList(req, 'wrt');
      const options = { ...(name !== undefined ? { name } : {}), ...(wrt !== undefined ? { wrt } : {}), grad: optBool(req, 'grad') };
      what = 'expression';
      if (to === 'pytorch') {
        const r = exportPyTorchReport(e, options);
        data = r.source;
        inputs = [...r.inputs];
        outputs = [...r.outputs];
      } else {
        const r = exportOnnxReport(e, options);
        data = r.bytes;
        inputs = [...r.inputs];
        outputs = [...r.outputs];
        floatOps = r.floatOps;
      }
    }
    const result: ExportResult = { to, what, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.length, inputs, outputs };
    if (floatOps.length > 0) result.floatOps = [...floatOps];
    if (out !== undefined && outPath !== undefined) result.file = await writeOutput(outPath, out, data);
    else if (typeof data === 'string') result.source = data;
    else result.base64 = Buffer.from(data).toString('base64');
    return result;
  },
  text: (r) => {
    if (r.file === undefined && r.source !== undefined) return r.source.trimEnd();
    if (r.file === undefined) throw new DiffError('an ONNX model is binary: give -o FILE.onnx (or --json for base64)');
    const kind = r.to === 'pytorch' ? 'PyTorch module' : 'ONNX model (IR 8, opset 17)';
    const lines = [`wrote ${r.file}: ${kind}, ${r.bytes} bytes`];
    lines.push(`  inputs: ${r.inputs.map((m) => (m.id === m.variable ? m.id : `${m.id} (difflab ${m.variable})`)).join(', ') || 'none'}`);
    lines.push(`  outputs: ${r.outputs.join(', ')}`);
    if (r.floatOps !== undefined) lines.push(`  computed in float32 (ONNX Runtime has no double kernel): ${r.floatOps.join(', ')}`);
    return lines.join('\n');
  },
});
