// Public option types of the parser.

import type { Expr } from '../expr/expr.ts';

/** A function defined by the user (say in the REPL, `f(x, y) = x² + y`), expanded at parse time. */
export interface UserFunction {
  readonly arity: number;
  /**
   * For f(x; w, b) = …: the number of inputs, before the semicolon (the rest
   * are parameters). A call may then write f(1; 0, 0).
   */
  readonly inputs?: number;
  expand(args: readonly Expr[]): Expr;
}

export interface ParseOptions {
  /** Declared multi-letter variable names (`rate`, `lr`): read whole instead of letter by letter. */
  readonly variables?: readonly string[];
  /** User-defined functions by name; they take precedence over registry functions of the same name. */
  readonly functions?: ReadonlyMap<string, UserFunction>;
}
