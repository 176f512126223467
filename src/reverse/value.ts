// Define-by-run: handles on tape nodes. Ordinary code that calls these
// methods records its own Wengert list as it runs (the dynamic graph).
//
//   const t = new Tape();
//   const [x, y] = variables(t, [2, 5]);
//   const f = x.ln().add(x.mul(y)).sub(y.sin());
//   f.backward();            // x.grad = 5.5, y.grad = 2 − cos 5
//
// Every registry op is a method: `x.op(...others)` applies op to
// [x, ...others], so `x.sin()`, `x.pow(2)`, `a.max(b)`, `a.logsumexp(b, c)`.
// Numbers mix freely with handles and become constant leaves.

import { DiffError } from '../expr/errors.ts';
import { opNames, type OpName } from '../ops/index.ts';
import { Tape } from './tape.ts';

/** A handle or a plain number (a constant). */
export type ValueLike = Value | number;

/** One method per registry op: `x.op(...others)` = op(x, ...others). */
export type OpMethods = { readonly [K in OpName]: (...others: ValueLike[]) => Value };

// Methods for every op are installed on the prototype below; this merges
// their types into the class.
export interface Value extends OpMethods {}

/** A node of a tape, with arithmetic and every registry op as methods. */
export class Value {
  readonly tape: Tape;
  readonly index: number;

  constructor(tape: Tape, index: number) {
    this.tape = tape;
    this.index = index;
  }

  /** A new leaf (a variable) on the tape. */
  static leaf(tape: Tape, value: number): Value {
    return new Value(tape, tape.leaf(value));
  }

  get value(): number {
    return this.tape.value(this.index);
  }

  /** ∂output/∂this after the last backward sweep on this tape. */
  get grad(): number {
    return this.tape.grad(this.index);
  }

  /** Reverse sweep from this node (zeroes the tape's adjoints first). */
  backward(seed = 1): void {
    this.tape.backward(this.index, seed);
  }

  /** A constant leaf with this value: gradients stop here (JAX's stop_gradient, PyTorch's detach). */
  detach(): Value {
    return new Value(this.tape, this.tape.leaf(this.value));
  }

  /** Applies a registry op to this and the others. */
  apply(op: OpName, ...others: ValueLike[]): Value {
    const args = [this.index];
    for (const o of others) args.push(this.indexOf(o));
    return new Value(this.tape, this.tape.apply(op, args));
  }

  /** Σ wᵢxᵢ (+ b) as one fused node. */
  static dot(ws: readonly Value[], xs: readonly Value[], bias?: ValueLike): Value {
    const first = ws[0] ?? xs[0];
    if (first === undefined) throw new DiffError('dot of two empty lists: give at least one weight');
    const t = first.tape;
    const idx = (v: ValueLike): number => first.indexOf(v);
    return new Value(t, t.dot(ws.map(idx), xs.map(idx), bias === undefined ? undefined : idx(bias)));
  }

  private indexOf(o: ValueLike): number {
    if (typeof o === 'number') return this.tape.leaf(o);
    if (!(o instanceof Value)) throw new DiffError(`expected a number or a Value, got ${typeof o}`);
    if (o.tape !== this.tape) throw new DiffError('these values live on different tapes: record a computation on one tape');
    return o.index;
  }

  toString(): string {
    return `Value(${this.value})`;
  }
}

for (const op of opNames) {
  Object.defineProperty(Value.prototype, op, {
    value: function (this: Value, ...others: ValueLike[]): Value {
      return this.apply(op, ...others);
    },
    writable: true,
    configurable: true,
  });
}

/** Leaves for the given values, on the tape. */
export function variables(tape: Tape, xs: readonly number[]): Value[] {
  return xs.map((x) => Value.leaf(tape, x));
}

/** A registry op applied to handles or numbers (at least one must be a handle). */
export function applyOp(op: OpName, ...args: ValueLike[]): Value {
  const k = args.findIndex((a) => a instanceof Value);
  if (k < 0) throw new DiffError(`${op}: at least one argument must be a Value to know which tape to record on`);
  const h = args[k] as Value;
  const idx = args.map((a) => (a instanceof Value ? checkTape(a, h.tape) : h.tape.leaf(a)));
  return new Value(h.tape, h.tape.apply(op, idx));
}

function checkTape(v: Value, t: Tape): number {
  if (v.tape !== t) throw new DiffError('these values live on different tapes: record a computation on one tape');
  return v.index;
}
