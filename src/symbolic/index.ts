// Symbolic differentiation: derivatives by the registry's rules, simplified
// to textbook form, with step-by-step derivations and measured swell.

export { diff, diffReport, gradient, hessian, type DiffOptions, type DiffReport, type Gradient, type Hessian } from './diff.ts';
export { derive, DerivativeCache, type VarLike } from './derive.ts';
export { simplify, simplifyReport, simplifyAll, expand, expandReport, MAX_DAG, type SimplifyOptions, type Simplified } from './simplify.ts';
export { ALL_RULES, type RuleDoc, type Trust } from './rules.ts';
export { steps, formatSteps, operandIsBare, MAX_STEPS_TREE, type Step, type Derivation } from './steps.ts';
export { swell, swellRow, swellFamily, sizesOf, SWELL_FAMILIES, MAX_SWELL_N, type SwellFamily, type SwellRow, type SwellTable, type Sizes, type SwellOptions } from './swell.ts';
