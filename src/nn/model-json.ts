// A saved model (`saveModel`'s JSON) is checked whole before any layer is
// built: every field's type, every array's length and values, the layer
// kinds, and that each layer's input size is the previous layer's output.
// A problem is a DiffError naming the field (`layer 2 W[7]`), so a
// corrupted file fails at load, not at the first forward pass.

import { DiffError } from '../expr/errors.ts';
import { parseActivation } from './activations.ts';
import type { LayerSpec, ModelJson } from './layers.ts';

const LAYER_TYPES = ['dense', 'maxout', 'activation', 'dropout'] as const;

/** Array sizes above this are refused before allocation (a dense layer of 10⁴ × 10⁴ weights is 10⁸). */
const MAX_WEIGHTS = 100_000_000;

function fail(field: string, problem: string): never {
  throw new DiffError(`saved model: ${field} ${problem}`);
}

const describeValue = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v) : typeof v === 'object' ? 'an object' : String(v));

function object(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(field, `must be an object, got ${describeValue(v)}`);
  return v as Record<string, unknown>;
}

function size(o: Record<string, unknown>, key: string, field: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_WEIGHTS) fail(`${field} "${key}"`, `must be a positive integer, got ${describeValue(v)}`);
  return v;
}

function numbers(o: Record<string, unknown>, key: string, n: number, field: string): void {
  const v = o[key];
  const f = `${field} ${key}`;
  if (!Array.isArray(v)) fail(f, `must be ${n} numbers (an array), got ${describeValue(v)}`);
  if (v.length !== n) fail(f, `must be ${n} numbers (the layer's shape), got ${v.length}`);
  for (let i = 0; i < n; i++) {
    const x: unknown = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${f}[${i}]`, `must be a finite number, got ${describeValue(x)}`);
  }
}

/** The saved model, checked whole; throws a DiffError naming the first bad field. */
export function validateModelJson(m: unknown): ModelJson {
  const o = object(m, 'the file');
  if (o.format !== 'difflab.nn') fail('"format"', `must be "difflab.nn", got ${describeValue(o.format)} (not a saved difflab model)`);
  if (o.version !== 1) fail('"version"', `${describeValue(o.version)} is not supported (expected 1)`);
  if (!Array.isArray(o.layers)) fail('"layers"', `must be an array of layers, got ${describeValue(o.layers)}`);
  if (o.layers.length === 0) fail('"layers"', 'is empty');
  let features: number | undefined; // the previous layer's output size
  let weights = 0;
  o.layers.forEach((raw: unknown, i: number) => {
    const field = `layer ${i}`;
    const l = object(raw, field);
    const type = l.type;
    if (typeof type !== 'string' || !(LAYER_TYPES as readonly string[]).includes(type)) fail(`${field} "type"`, `must be one of ${LAYER_TYPES.join(', ')}, got ${describeValue(type)}`);
    switch (type as LayerSpec['type']) {
      case 'dense':
      case 'maxout': {
        const inputs = size(l, 'in', field);
        const outputs = size(l, 'out', field);
        const k = type === 'maxout' ? size(l, 'k', field) : 1;
        if (features !== undefined && inputs !== features) fail(`${field} "in"`, `is ${inputs}, but the layer before it gives ${features} features`);
        weights += inputs * outputs * k;
        if (weights > MAX_WEIGHTS) fail(field, `makes the model larger than ${MAX_WEIGHTS} weights`);
        numbers(l, 'W', inputs * outputs * k, field);
        numbers(l, 'b', outputs * k, field);
        features = outputs;
        break;
      }
      case 'activation': {
        if (typeof l.activation !== 'string') fail(`${field} "activation"`, `must be an activation name such as "relu", got ${describeValue(l.activation)}`);
        try {
          parseActivation(l.activation);
        } catch (err) {
          fail(`${field} "activation"`, `is not an activation: ${(err as Error).message}`);
        }
        break;
      }
      case 'dropout': {
        const p = l.p;
        if (typeof p !== 'number' || !(p > 0 && p <= 1)) fail(`${field} "p"`, `must be a keep probability in (0, 1], got ${describeValue(p)}`);
        break;
      }
    }
  });
  if (features === undefined) fail('"layers"', 'has no dense or maxout layer');
  return o as unknown as ModelJson;
}
