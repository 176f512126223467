// Export to ONNX: an expression (its value and, on request, its symbolic
// gradient) or a trained network, as a serialized ModelProto (IR version 8,
// opset 17). The protobuf is written by protobufjs from the official
// onnx.proto (onnx-schema.ts); each op's nodes come from its registry entry
// (`export.onnx`), and an op without one is refused by name.
//
// Tensors are doubles. ONNX Runtime's CPU provider has no double kernel for
// Tan, Asin, Acos, Atan, Asinh, Acosh, Atanh, Sinh, Cosh, Erf, Softplus, Elu
// or HardSigmoid, and ONNX has no Erfc, Expm1, Log1p or Trunc; the registry
// builds them from double ops (arcsin, arccos and arctan from a float32 guess
// and two Newton steps in double).
// A lowering that computes in float32 (`floatNode`) is reported in
// `floatOps`; none of the registry's does.

import protobuf from 'protobufjs';
import { DiffError } from '../expr/errors.ts';
import { assertNever, type Expr } from '../expr/expr.ts';
import { freeVariables, topoOrder } from '../expr/traverse.ts';
import { activationOp, parseActivation } from '../nn/activations.ts';
import { loadModel, type LayerSpec, type ModelJson } from '../nn/layers.ts';
import { opDef, type OpName } from '../ops/index.ts';
import type { OnnxAttr, OnnxBuilder } from '../ops/types.ts';
import { commentText, exportName, exprComment, type ExprExportOptions, identifiers, type NameMapping, planExpr } from './names.ts';
import { ONNX_PROTO } from './onnx-schema.ts';

export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 17;

const DOUBLE = 11;
const FLOAT = 1;
const INT64 = 7;
const ATTR = { FLOAT: 1, INT: 2, INTS: 7 } as const;

type Dims = readonly (number | string)[];

// The messages written, as plain objects in protobufjs's camelCase field names.
interface AttributeProto {
  readonly name: string;
  readonly type: number;
  readonly i?: number;
  readonly f?: number;
  readonly ints?: readonly number[];
}
interface NodeProto {
  readonly opType: string;
  readonly input: readonly string[];
  readonly output: readonly string[];
  readonly name: string;
  readonly attribute: readonly AttributeProto[];
}
interface TensorProto {
  readonly name: string;
  readonly dataType: number;
  readonly dims: readonly number[];
  readonly doubleData?: readonly number[];
  readonly int64Data?: readonly number[];
}
interface TensorTypeProto {
  readonly elemType: number;
  shape?: { readonly dim: readonly ({ readonly dimValue: number } | { readonly dimParam: string })[] };
}
interface ValueInfoProto {
  readonly name: string;
  readonly type: { readonly tensorType: TensorTypeProto };
}

let modelType: protobuf.Type | undefined;

/** onnx.ModelProto, parsed from the official onnx.proto on first use. */
function modelProto(): protobuf.Type {
  modelType ??= protobuf.parse(ONNX_PROTO).root.lookupType('onnx.ModelProto');
  return modelType;
}

/** Decodes a serialized ModelProto into plain objects (int64 fields as numbers): for inspecting exports. */
export function readOnnxModel(bytes: Uint8Array): Record<string, unknown> {
  const t = modelProto();
  return t.toObject(t.decode(bytes), { longs: Number, enums: Number, defaults: false }) as Record<string, unknown>;
}

/** The nodes of a graph under construction; implements the builder that registry lowerings use. */
class GraphBuilder implements OnnxBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  /** Registry ops whose lowering computes in float32. */
  readonly floatOps = new Set<string>();
  /** The registry op being lowered (for floatOps). */
  current = '';
  private k = 0;
  private readonly consts = new Map<string, string>();

  private fresh(): string {
    return `_t${this.k++}`;
  }

  private attributes(attrs: Readonly<Record<string, OnnxAttr>> | undefined): AttributeProto[] {
    if (attrs === undefined) return [];
    return Object.entries(attrs).map(([name, a]) =>
      'int' in a ? { name, type: ATTR.INT, i: a.int } : 'float' in a ? { name, type: ATTR.FLOAT, f: a.float } : { name, type: ATTR.INTS, ints: [...a.ints] },
    );
  }

  node(opType: string, inputs: readonly string[], attrs?: Readonly<Record<string, OnnxAttr>>, output?: string): string {
    const out = output ?? this.fresh();
    this.nodes.push({ opType, input: [...inputs], output: [out], name: `${opType}${out}`, attribute: this.attributes(attrs) });
    return out;
  }

  floatNode(opType: string, inputs: readonly string[], attrs?: Readonly<Record<string, OnnxAttr>>): string {
    if (this.current !== '') this.floatOps.add(this.current);
    const down = inputs.map((x) => this.node('Cast', [x], { to: { int: FLOAT } }));
    return this.node('Cast', [this.node(opType, down, attrs)], { to: { int: DOUBLE } });
  }

  floatSeed(opType: string, inputs: readonly string[]): string {
    const down = inputs.map((x) => this.node('Cast', [x], { to: { int: FLOAT } }));
    return this.node('Cast', [this.node(opType, down)], { to: { int: DOUBLE } });
  }

  num(v: number): string {
    const key = Object.is(v, -0) ? '-0' : String(v);
    let name = this.consts.get(key);
    if (name === undefined) {
      name = `_c${this.consts.size}`;
      this.consts.set(key, name);
      this.initializers.push({ name, dataType: DOUBLE, dims: [], doubleData: [v] });
    }
    return name;
  }

  /** A named double initializer (weights). */
  tensor(name: string, dims: readonly number[], values: readonly number[]): string {
    this.initializers.push({ name, dataType: DOUBLE, dims: [...dims], doubleData: [...values] });
    return name;
  }

  /** A named int64 initializer (shapes). */
  int64s(values: readonly number[]): string {
    const name = `_s${this.k++}`;
    this.initializers.push({ name, dataType: INT64, dims: [values.length], int64Data: [...values] });
    return name;
  }
}

function valueInfo(name: string, dims: Dims | undefined): ValueInfoProto {
  const tensorType: TensorTypeProto = { elemType: DOUBLE };
  if (dims !== undefined) tensorType.shape = { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) };
  return { name, type: { tensorType } };
}

function encodeModel(g: GraphBuilder, name: string, inputs: ValueInfoProto[], outputs: ValueInfoProto[], doc: string): Uint8Array {
  const t = modelProto();
  const model = t.fromObject({
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'difflab',
    producerVersion: '0.1.0',
    docString: doc,
    graph: { name, node: g.nodes, initializer: g.initializers, input: inputs, output: outputs, docString: doc },
  });
  return t.encode(model).finish();
}

/** The ops of an expression that the target cannot express, or an error naming them. */
export function refuseUnlowered(order: readonly Expr[], target: 'onnx' | 'torch'): void {
  const missing = new Set<string>();
  for (const n of order) if (n.kind === 'call' && opDef(n.op).export?.[target] === undefined) missing.add(n.op);
  if (missing.size > 0) {
    const list = [...missing].sort().join(', ');
    throw new DiffError(`cannot export to ${target === 'onnx' ? 'ONNX' : 'PyTorch'}: no ${target === 'onnx' ? 'ONNX' : 'PyTorch'} form for ${list} (the op registry declares none)`);
  }
}

/** An ONNX export with what it contains. */
export interface OnnxExport {
  /** The serialized ModelProto. */
  readonly bytes: Uint8Array;
  /** Graph inputs: one per variable, by its identifier. */
  readonly inputs: readonly NameMapping[];
  /** Graph outputs: `value`, then `grad.<input>` per partial (networks: `logits`). */
  readonly outputs: readonly string[];
  /** Registry ops computed in float32 (ONNX Runtime has no double kernel for them). */
  readonly floatOps: readonly string[];
  /** Number of nodes in the graph. */
  readonly nodes: number;
}

/** The expression (and with `grad`/`wrt` its symbolic gradient) as an ONNX model; see `exportOnnx`. */
export function exportOnnxReport(e: Expr, options: ExprExportOptions = {}): OnnxExport {
  const name = exportName(options.name);
  const plan = planExpr(e, options);
  const order = topoOrder(...plan.outputs);
  refuseUnlowered(order, 'onnx');
  const inputs = identifiers(plan.vars, new Set(['value']));
  const idOf = new Map(inputs.map((m) => [m.variable, m.id]));
  const dims: Dims | undefined = inputs.length > 0 ? ['N'] : [];
  const g = new GraphBuilder();
  const ref = new Map<Expr, string>();
  for (const n of order) {
    switch (n.kind) {
      case 'num':
      case 'const':
        ref.set(n, g.num(n.value));
        break;
      case 'var':
        ref.set(n, idOf.get(n.name)!);
        break;
      case 'call': {
        g.current = n.op;
        ref.set(n, opDef(n.op).export!.onnx!(g, n.args.map((a) => ref.get(a)!)));
        break;
      }
      default:
        assertNever(n);
    }
  }
  g.current = '';
  const outNames = ['value', ...plan.wrt.map((v) => `grad.${idOf.get(v)!}`)];
  plan.outputs.forEach((out, i) => {
    const r = ref.get(out)!;
    // every output has the batch's shape, constants included
    if (inputs.length > 0 && freeVariables(out).length === 0) g.node('Expand', [r, g.node('Shape', [inputs[0]!.id])], undefined, outNames[i]);
    else g.node('Identity', [r], undefined, outNames[i]);
  });
  const doc = [
    `difflab export: ${name}(${plan.vars.join(', ')}) = ${exprComment(e)}`,
    `inputs (graph input <- difflab variable): ${inputs.map((m) => `${m.id} <- ${m.variable}`).join(', ') || 'none'}`,
    `outputs: ${outNames.join(', ')}`,
    ...(g.floatOps.size > 0 ? [`computed in float32 (no double kernel in ONNX Runtime's CPU provider): ${[...g.floatOps].sort().join(', ')}`] : []),
  ].join('\n');
  const bytes = encodeModel(g, name, inputs.map((m) => valueInfo(m.id, dims)), outNames.map((o) => valueInfo(o, dims)), doc);
  return { bytes, inputs, outputs: outNames, floatOps: [...g.floatOps].sort(), nodes: g.nodes.length };
}

/**
 * The expression as a serialized ONNX model: one double input of shape [N]
 * per variable (named by its ASCII name), the value as output `value`, and
 * with `grad` (or `wrt`) the symbolic partials as outputs `grad.<name>`.
 */
export function exportOnnx(e: Expr, options: ExprExportOptions = {}): Uint8Array {
  return exportOnnxReport(e, options).bytes;
}

/**
 * A network saved by `saveModel` as an ONNX model: input `x` of shape
 * [N, inputs], output `logits`; dense layers are Gemm nodes with the weights
 * as initializers (`0.W`, `0.b`, as in the state dict), maxout layers Gemm,
 * Reshape and ReduceMax, activations their registry lowering. Dropout is the
 * identity at inference and is left out.
 */
export function exportOnnxModelReport(model: ModelJson | string): OnnxExport {
  const net = loadModel(model);
  const specs = net.toSpec();
  const first = specs.find((s): s is Extract<LayerSpec, { in: number }> => s.type === 'dense' || s.type === 'maxout');
  if (first === undefined) throw new DiffError('the model has no dense or maxout layer to take its input size from');
  const g = new GraphBuilder();
  let h = 'x';
  let width = first.in;
  specs.forEach((s, i) => {
    switch (s.type) {
      case 'dense':
        h = g.node('Gemm', [h, g.tensor(`${i}.W`, [s.out, s.in], s.W), g.tensor(`${i}.b`, [s.out], s.b)], { transB: { int: 1 } });
        width = s.out;
        break;
      case 'maxout': {
        // piece p of unit j is row j·k + p: z of shape [N, out·k] → [N, out, k] → max over k
        const z = g.node('Gemm', [h, g.tensor(`${i}.W`, [s.out * s.k, s.in], s.W), g.tensor(`${i}.b`, [s.out * s.k], s.b)], { transB: { int: 1 } });
        h = g.node('ReduceMax', [g.node('Reshape', [z, g.int64s([0, s.out, s.k])])], { axes: { ints: [2] }, keepdims: { int: 0 } });
        width = s.out;
        break;
      }
      case 'activation': {
        const a = parseActivation(s.activation);
        const op: OpName | undefined = activationOp(a);
        if (op === undefined) break;
        const lower = opDef(op).export?.onnx;
        if (lower === undefined) throw new DiffError(`cannot export to ONNX: no ONNX form for the activation ${s.activation} (${op})`);
        g.current = op;
        h = lower(g, a.param === undefined ? [h] : [h, g.num(a.param)]);
        g.current = '';
        break;
      }
      case 'dropout':
        break; // inverted dropout: the identity at inference
      default:
        assertNever(s);
    }
  });
  g.node('Identity', [h], undefined, 'logits');
  const doc = `difflab export: network ${first.in} -> ${specs.map((s) => (s.type === 'activation' ? s.activation : s.type === 'dropout' ? `dropout ${s.p}` : `${s.type} ${s.out}`)).join(' -> ')}`;
  const xInfo: ValueInfoProto = { name: 'x', type: { tensorType: { elemType: DOUBLE, shape: { dim: [{ dimParam: 'N' }, { dimValue: first.in }] } } } };
  const bytes = encodeModel(g, 'network', [xInfo], [valueInfo('logits', ['N', width])], commentText(doc, 2000));
  return { bytes, inputs: [{ variable: 'x', id: 'x' }], outputs: ['logits'], floatOps: [...g.floatOps].sort(), nodes: g.nodes.length };
}

/** A saved network as a serialized ONNX model; see `exportOnnxModelReport`. */
export function exportOnnxModel(model: ModelJson | string): Uint8Array {
  return exportOnnxModelReport(model).bytes;
}
