// Reverse mode: the tape, recording from expressions and define-by-run
// handles, gradients, Jacobians, vector-Jacobian and Hessian-vector products.

export { Tape, LEAF, CUSTOM, DOT, type NodeKind } from './tape.ts';
export { ExprTape, tapeFromExpr, type RecordOptions } from './record.ts';
export { Value, variables, applyOp, type ValueLike, type OpMethods } from './value.ts';
export { hessianVectorSweep, partialTangents, type SecondOrderSweep } from './second.ts';
export {
  gradient,
  jacobian,
  vjp,
  hvp,
  hessian,
  grad,
  valueAndGrad,
  jacrev,
  vjpOf,
  hvpOf,
  hessianOf,
  record,
  RecordedFunction,
  type GradientResult,
  type JacobianResult,
  type VjpResult,
  type HvpResult,
  type HessianResult,
  type ScalarFn,
  type VectorFn,
} from './api.ts';
