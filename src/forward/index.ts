// Forward mode: tagged dual numbers for plain functions (nestable to any
// order), and flat dual passes over expressions.

export {
  Dual,
  applyOp,
  ops,
  freshTag,
  valueOf,
  primalOf,
  tangentOf,
  derivative,
  jvpOf,
  grad,
  jacfwd,
  hessianOf,
  type Scalar,
  type ScalarFn,
  type VectorScalarFn,
  type VectorFn,
} from './dual.ts';
export {
  ForwardProgram,
  jvp,
  jvpMany,
  gradient,
  jacobian,
  hessian,
  evaluateDual,
  type ForwardOptions,
  type JvpResult,
  type GradientResult,
  type JacobianResult,
  type HessianResult,
} from './expr.ts';
