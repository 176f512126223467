// Reverse mode: the tape, recording from expressions and define-by-run.

export { Tape, LEAF, CUSTOM, DOT, type NodeKind } from './tape.ts';
export { ExprTape, tapeFromExpr, type RecordOptions } from './record.ts';
