// The sigmoid neuron trained through the parsed graph: the model and the
// loss are textbook expressions (`σ(wx + b)`, `(y − t)²`), every gradient
// comes from the reverse-mode tape recorded from the parsed Expr and
// replayed at each sample.
//
// Variables: x (or x1, x2 for two inputs) and t are the data; y in a loss
// stands for the model; every other free variable is a parameter.

import { DiffError } from '../expr/errors.ts';
import { evaluate } from '../expr/eval.ts';
import { call, type Expr, variable } from '../expr/expr.ts';
import { unicodeName } from '../expr/names.ts';
import { printUnicode } from '../expr/print.ts';
import { freeVariables, mapBottomUp } from '../expr/traverse.ts';
import { definitionHead, parse, parseDefinition, readDefinitionHead } from '../parse/index.ts';
import { selectColumns, type Table } from './data/csv.ts';
import { tapeFromExpr, type ExprTape } from '../reverse/record.ts';
import { type Dataset, inputSize } from './data/dataset.ts';
import { gate, GATE_NAMES, threshold, type GateName } from './data/toy.ts';
import { makeOptimizer, type OptimizerName } from './optim.ts';
import { Param } from './param.ts';

export type { Table } from './data/csv.ts';

/** The model of the seeds, in the seeds' notation. */
export const NEURON_MODEL_1D = 'σ(wx + b)';
export const NEURON_MODEL_2D = 'σ(w1 x1 + w2 x2 + b)';
/** f(x; w, b) = 1/(exp(−(wx + b)) + 1), the computational graph of seed 002. */
export const NEURON_SEED_GRAPH = '1/(exp(−(wx + b)) + 1)';

/** Losses by name, with y the model's output and t the target. */
export const NEURON_LOSSES: Readonly<Record<string, string>> = {
  mse: '(y − t)²',
  ce: '−(t ln y + (1 − t) ln(1 − y))',
};

export const NEURON_DATA = [...GATE_NAMES, 'threshold'] as const;

export interface NeuronOptions {
  /** The model, in textbook notation (default σ(wx + b), or σ(w1 x1 + w2 x2 + b) for two inputs). */
  readonly model?: string;
  /** The loss: `mse`, `ce`, or an expression in y (the model) and t, or in the model's own variables. */
  readonly loss?: string;
  /** `and`, `or`, `nand`, `nor`, `xor`, `xnor` (two inputs) or `threshold` (one input, label x > 0.5). */
  readonly data?: string;
  /** A table with named columns (from a CSV file) instead of built-in data; for a model given as a definition f(x; w, b) = …. */
  readonly table?: Table;
  readonly optimizer?: OptimizerName;
  readonly lr?: number;
  readonly epochs?: number;
  /** Starting values of the parameters (default 0). */
  readonly init?: Readonly<Record<string, number>>;
  readonly onEpoch?: (epoch: number, loss: number) => void;
}

export interface NeuronResult {
  readonly model: string;
  readonly loss: string;
  readonly data: string;
  readonly params: Record<string, number>;
  readonly history: { epoch: number; loss: number }[];
  readonly predictions: { input: number[]; target: number; output: number }[];
  readonly accuracy: number;
  readonly finalLoss: number;
  readonly steps: number;
  readonly msPerStep: number;
  readonly tapeLength: number;
}

function neuronData(name: string): Dataset {
  if (name === 'threshold') return threshold(20, 0.5);
  if ((GATE_NAMES as readonly string[]).includes(name)) return gate(name as GateName);
  throw new DiffError(`unknown neuron data ${JSON.stringify(name)}: use one of ${NEURON_DATA.join(', ')}`);
}

/** The loss expression with y replaced by the model. */
export function neuronLoss(model: Expr, lossText: string): Expr {
  const text = NEURON_LOSSES[lossText.trim().toLowerCase()] ?? lossText;
  const loss = parse(text, { variables: [] });
  const y = variable('y');
  // y ↦ model, every other node rebuilt on its rebuilt arguments
  return mapBottomUp(loss, (n, args) => (n === y ? model : n.kind === 'call' ? call(n.op, args) : n));
}

/** Samples: inputs and a numeric target each. */
interface NeuronSamples {
  readonly name: string;
  readonly x: readonly ArrayLike<number>[];
  readonly y: ArrayLike<number>;
}

/**
 * The model, its inputs, its parameters (when the model is a definition
 * f(x; w, b) = …, else undefined: every other variable) and the samples.
 * A definition's inputs take the data's columns in order (built-in data) or
 * by name (a table).
 */
function neuronSetup(opts: NeuronOptions): { model: Expr; inputs: string[]; names: string[] | undefined; data: NeuronSamples; head: string } {
  const text = opts.model;
  if (text !== undefined && readDefinitionHead(text) !== undefined) {
    const def = parseDefinition(text);
    const head = definitionHead(def, unicodeName);
    if (def.parameters.length === 0) throw new DiffError(`${head} has no parameters to learn: put them after a semicolon, as in ${def.name}(x; w, b)`);
    const taken = [...def.inputs, ...def.parameters].filter((n) => n === 't' || n === 'y');
    if (taken.length > 0) throw new DiffError(`${head}: ${taken.join(' and ')} ${taken.length > 1 ? 'are' : 'is'} taken by the loss (y the model's output, t the target); rename ${taken.length > 1 ? 'them' : 'it'}`);
    const inputs = [...def.inputs];
    if (opts.table !== undefined) {
      const { x, t } = selectColumns(opts.table, inputs);
      return { model: def.body, inputs, names: [...def.parameters], data: { name: opts.table.name, x, y: t }, head };
    }
    const data = neuronData(opts.data ?? 'and');
    const dim = inputSize(data);
    if (dim !== inputs.length) {
      throw new DiffError(`${head} has ${inputs.length} input${inputs.length === 1 ? '' : 's'}, the ${data.name} data ${dim} (use ${dim === 1 ? 'f(x; …)' : `f(${Array.from({ length: dim }, (_, i) => `x${i + 1}`).join(', ')}; …)`}, or --data threshold for one input)`);
    }
    return { model: def.body, inputs, names: [...def.parameters], data, head };
  }
  if (opts.table !== undefined) throw new DiffError('data from a file needs the model as a definition naming its inputs and parameters, as in --model "f(x; w, b) = σ(wx + b)"');
  const data = neuronData(opts.data ?? 'and');
  const dim = inputSize(data);
  const inputs = dim === 1 ? ['x'] : Array.from({ length: dim }, (_, i) => `x${i + 1}`);
  const model = parse(text ?? (dim === 1 ? NEURON_MODEL_1D : NEURON_MODEL_2D));
  return { model, inputs, names: undefined, data, head: printUnicode(model) };
}

/** Trains the neuron by full-batch gradient descent on the loss averaged over the data set. */
export function trainNeuron(opts: NeuronOptions = {}): NeuronResult {
  const { model, inputs, names: declared, data, head } = neuronSetup(opts);
  const loss = neuronLoss(model, opts.loss ?? 'mse');
  const free = freeVariables(loss);
  for (const v of inputs) if (!freeVariables(model).includes(v)) throw new DiffError(`the model ${printUnicode(model)} does not use the input ${v} of the ${data.name} data (inputs: ${inputs.join(', ')})`);
  if (!free.includes('t')) throw new DiffError(`the loss ${printUnicode(loss)} does not use the target t`);
  const names = declared ?? free.filter((v) => v !== 't' && !inputs.includes(v));
  if (declared !== undefined) {
    const stray = free.filter((v) => v !== 't' && !inputs.includes(v) && !declared.includes(v));
    if (stray.length > 0) throw new DiffError(`the model uses ${stray.join(', ')}, which is neither an input nor a parameter of ${head}`);
  }
  if (names.length === 0) throw new DiffError('the model has no parameters to learn');
  const params = names.map((n) => new Param(n, [1], Float64Array.of(opts.init?.[n] ?? 0)));
  const epochs = opts.epochs ?? 1000;
  if (!Number.isInteger(epochs) || epochs < 1) throw new DiffError(`epochs must be a positive integer, got ${epochs}`);
  const opt = makeOptimizer(opts.optimizer ?? 'sgd', params, { lr: opts.lr ?? 1 });
  const point: Record<string, number> = {};
  const setPoint = (i: number): void => {
    const x = data.x[i]!;
    inputs.forEach((v, k) => (point[v] = x[k]!));
    point.t = data.y[i]!;
    params.forEach((p) => (point[p.name] = p.data[0]!));
  };
  setPoint(0);
  const tape: ExprTape = tapeFromExpr([loss], point);
  const out = tape.outputs[0]!;
  const leaves = names.map((n) => tape.variables.get(n)!);
  const history: { epoch: number; loss: number }[] = [];
  const n = data.x.length;
  const t0 = performance.now();
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (const p of params) p.grad[0] = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      setPoint(i);
      tape.replay(point); // the recorded graph at this sample
      tape.backward(out);
      total += tape.value(out);
      // ∂(1/n Σ Lᵢ)/∂θ = (1/n) Σ ∂Lᵢ/∂θ
      leaves.forEach((leaf, k) => (params[k]!.grad[0] += tape.grad(leaf) / n));
    }
    history.push({ epoch, loss: total / n });
    opts.onEpoch?.(epoch, total / n);
    opt.step();
  }
  const ms = performance.now() - t0;
  const learned = Object.fromEntries(params.map((p) => [p.name, p.data[0]!]));
  const predictions = data.x.map((x, i) => {
    const pt: Record<string, number> = { ...learned };
    inputs.forEach((v, k) => (pt[v] = x[k]!));
    return { input: Array.from(x), target: data.y[i]!, output: evaluate(model, pt) };
  });
  let finalLoss = 0;
  for (let i = 0; i < n; i++) {
    setPoint(i);
    finalLoss += evaluate(loss, point) / n;
  }
  // accuracy means something for 0/1 targets only
  const binary = predictions.every((p) => p.target === 0 || p.target === 1);
  const correct = binary ? predictions.filter((p) => (p.output > 0.5 ? 1 : 0) === p.target).length : NaN;
  return {
    model: printUnicode(model),
    loss: printUnicode(loss),
    data: data.name,
    params: learned,
    history,
    predictions,
    accuracy: correct / n,
    finalLoss,
    steps: epochs,
    msPerStep: ms / epochs,
    tapeLength: tape.length,
  };
}

// ---------------------------------------------------------------------------
// --explain: the local derivatives along the graph, as in the seeds

export interface ExplainRow {
  /** Node name: a variable, a constant, or h1, h2, … for intermediate nodes. */
  readonly node: string;
  /** How the node is computed (`h1 = w·x`). */
  readonly def: string;
  readonly value: number;
  /** Local partials ∂node/∂arg, as `∂h2/∂h1 = 1`. */
  readonly local: { readonly wrt: string; readonly value: number }[];
  /** ∂f/∂node after the reverse sweep. */
  readonly adjoint: number;
}

export interface ExplainResult {
  readonly expr: string;
  readonly at: Record<string, number>;
  readonly rows: ExplainRow[];
  readonly value: number;
  readonly gradient: Record<string, number>;
  /**
   * For each variable, every path from it to f as its local derivatives
   * (`∂h₁/∂w`, …, `∂f/∂h₅`); ∂f/∂v is the sum over paths of their products.
   */
  readonly paths: Record<string, { factors: { name: string; value: number }[]; product: number }[]>;
}

/**
 * The graph of f at a point, node by node: value, local partial derivatives
 * (stored on the tape's edges) and the adjoint ∂f/∂node.
 */
export function explainGraph(exprText = NEURON_SEED_GRAPH, at: Readonly<Record<string, number>> = { x: 1, w: 0, b: 0 }): ExplainResult {
  const f = parse(exprText);
  const t = tapeFromExpr([f], at);
  const out = t.outputs[0]!;
  t.backward(out);
  const names: string[] = [];
  let h = 0;
  const hIndex = new Map<number, number>(); // tape node → k of its name hₖ
  const rows: ExplainRow[] = [];
  for (let i = 0; i < t.length; i++) {
    const e = t.nodes[i]!;
    let name: string;
    let def: string;
    if (e.kind === 'var') {
      name = unicodeName(e.name);
      def = `${name} (variable)`;
    } else if (e.kind === 'num' || e.kind === 'const') {
      name = printUnicode(e);
      def = `${name} (constant)`;
    } else {
      name = i === out ? 'f' : unicodeName(`h${++h}`);
      const argExprs = t.args(i).map((a) => {
        const n = t.nodes[a]!;
        return n.kind === 'call' ? variable(`h${hIndex.get(a)!}`) : n;
      });
      def = `${name} = ${printUnicode(call(e.op, argExprs))}`;
    }
    if (e.kind === 'call' && i !== out) hIndex.set(i, h);
    names.push(name);
    const local = e.kind === 'call' ? t.args(i).map((a, k) => ({ wrt: names[a]!, value: t.partials(i)[k]! })) : [];
    rows.push({ node: name, def, value: t.value(i), local, adjoint: t.grad(i) });
  }
  const gradient: Record<string, number> = {};
  for (const [v, i] of t.variables) gradient[v] = t.grad(i);
  // paths from each variable up to f, by depth-first search over the parents (small graphs only)
  const parents: { node: number; k: number }[][] = Array.from({ length: t.length }, () => []);
  for (let i = 0; i < t.length; i++) t.args(i).forEach((a, k) => parents[a]!.push({ node: i, k }));
  const paths: ExplainResult['paths'] = {};
  for (const [v, leaf] of t.variables) {
    const found: { factors: { name: string; value: number }[]; product: number }[] = [];
    const stack: { node: number; factors: { name: string; value: number }[] }[] = [{ node: leaf, factors: [] }];
    while (stack.length > 0 && found.length < 16) {
      const { node, factors } = stack.pop()!;
      if (node === out) {
        found.push({ factors, product: factors.reduce((p, f) => p * f.value, 1) });
        continue;
      }
      for (const { node: p, k } of parents[node]!) stack.push({ node: p, factors: [{ name: `∂${names[p]}/∂${names[node]}`, value: t.partials(p)[k]! }, ...factors] });
    }
    paths[v] = found;
  }
  return { expr: printUnicode(f), at: { ...at }, rows, value: t.value(out), gradient, paths };
}
