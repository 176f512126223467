// Seeing and checking derivatives: the four-way cross-check, evaluation
// traces (Baydin et al. tables) and computational graphs.

export { crossCheck, METHODS, DEFAULT_TOLERANCES, type CheckOptions, type CheckReport, type MethodName, type MethodResult } from './check.ts';
export {
  trace,
  traceText,
  fmt as formatTraceValue,
  type Trace,
  type TraceMode,
  type TraceOptions,
  type TraceInput,
  type TraceStep,
  type TangentStep,
  type AdjointStep,
  type PathInfo,
} from './trace.ts';
export { graph, type Graph, type GraphNode, type GraphEdge } from './graph.ts';
