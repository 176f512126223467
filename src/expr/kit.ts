// The plain symbolic kit: builds exactly the nodes a rule asks for, with no
// rewriting. The symbolic engine may hand rules a simplifying kit instead.

import { isOpName, type SymbolicKit } from '../ops/index.ts';
import { DiffError } from './errors.ts';
import { add, call, constant, div, mul, neg, num, pow, sub } from './expr.ts';

export const rawKit: SymbolicKit = {
  num,
  add,
  sub,
  mul,
  div,
  pow,
  neg,
  constant,
  call: (op, ...args) => {
    if (!isOpName(op)) throw new DiffError(`unknown op ${op}`);
    return call(op, args);
  },
};
