// Numerical differentiation: central and forward differences with a step
// scaled to each variable, Richardson extrapolation with an error estimate,
// and step-size sweeps.

export {
  stepSize,
  centralDiff,
  forwardDiff,
  richardson,
  partial,
  sweep,
  type Fn1,
  type Scheme,
  type Estimate,
  type RichardsonOptions,
  type Method,
  type SweepRow,
} from './diff.ts';
export { gradient, type NumericOptions, type NumericGradient } from './expr.ts';
