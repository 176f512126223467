// difflab as a library. Imports flow one way:
// ops → expr → parse / engines (symbolic, forward, reverse, numeric) → check → nn → cli.
//
// This entry is pure: no `node:` import and no file access, so it bundles for
// browsers and runs in notebooks. Files live in `difflab/node`; the heavy
// renderers (vega, Graphviz) in `difflab/render`.

export { version } from './version.ts';

export { registry, opNames, opDef, isOpName, functionNames } from './ops/index.ts';
export type { OpName, OpDef, Arity, Notation, SymbolicKit } from './ops/index.ts';
export { sigmoid, softplus, logSigmoid, logSumExp, softmax, erf, erfc } from './ops/math.ts';

export * from './expr/expr.ts';
export { DiffError, ParseError, showCaret } from './expr/errors.ts';
export { evaluate, evaluateAll, type Point, type EvalOptions } from './expr/eval.ts';
export { topoOrder, treeSize, dagSize, depth, freeVariables, mapBottomUp } from './expr/traverse.ts';
export { printAscii, printUnicode, printLatex } from './expr/print.ts';
export { canonicalName } from './expr/names.ts';
export { rawKit } from './expr/kit.ts';

export { parse, type ParseOptions, type UserFunction } from './parse/index.ts';
export { parseDefinition, definitionHead, type FunctionDefinition } from './parse/index.ts';
export * from './symbolic/index.ts';
export * as forward from './forward/index.ts';
export * as reverse from './reverse/index.ts';
export * as numeric from './numeric/index.ts';
export * from './compile/index.ts';
export * from './check/index.ts';
export { compareExprs, type EqualityOptions, type EqualityReport } from './check/equal.ts';
export * as nn from './nn/index.ts';
export * as display from './display/index.ts';
export { exportPyTorch, exportPyTorchReport, exportPyTorchModel, exportOnnx, exportOnnxReport, exportOnnxModel, exportOnnxModelReport, type ExprExportOptions, type ModelExportOptions, type OnnxExport, type PyTorchExport, type NameMapping } from './export/index.ts';
