// Definitions made in a session: `f = x²y` names an expression, `f(x, y) = …`
// a function. A definition is expanded when it is made (later lines see its
// body, and redefining a name does not change what was built from it, as in
// most programming languages). Names are canonical (`α` → alpha, `f₁` → f1).

import { DiffError } from '../../expr/errors.ts';
import { call, type Expr } from '../../expr/expr.ts';
import { canonicalName, unicodeName } from '../../expr/names.ts';
import { mapBottomUp } from '../../expr/traverse.ts';
import { functionNames } from '../../ops/index.ts';
import { definitionHead, SUGAR, type ParseOptions, type UserFunction } from '../../parse/index.ts';

export interface Definition {
  readonly name: string;
  /** Arguments of a function definition; undefined for `f = …`. */
  readonly params: readonly string[] | undefined;
  /**
   * Of the arguments, those after the semicolon of f(x; w, b) = …: the
   * parameters (learned by :train, the default of ∇ f and :check f). The
   * others are the inputs.
   */
  readonly parameters?: readonly string[];
  /** The body, with earlier definitions already substituted. */
  readonly body: Expr;
}

/** Names that cannot be defined: the constants, the gradient keyword, the last-result name. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['e', 'pi', 'grad', 'ans']);

/** Replaces variables by expressions, all at once (a replacement is not itself rewritten). */
export function substitute(e: Expr, bindings: ReadonlyMap<string, Expr>): Expr {
  if (bindings.size === 0) return e;
  return mapBottomUp(e, (node, args) => {
    if (node.kind === 'var') return bindings.get(node.name) ?? node;
    if (node.kind === 'call') return call(node.op, args);
    return node;
  });
}

export class Definitions {
  private readonly defs = new Map<string, Definition>();

  get size(): number {
    return this.defs.size;
  }

  get(name: string): Definition | undefined {
    return this.defs.get(name);
  }

  /** In the order they were first made. */
  list(): Definition[] {
    return [...this.defs.values()];
  }

  names(): string[] {
    return [...this.defs.keys()];
  }

  /** Why a name cannot be defined, or undefined when it can. */
  static refusal(name: string): string | undefined {
    if (RESERVED_NAMES.has(name)) return `${name} is reserved (${name === 'ans' ? 'the last result' : name === 'grad' ? 'the gradient' : 'a constant'}); choose another name`;
    if (functionNames.has(name) || SUGAR.has(name)) return `${name} is a built-in function; choose another name`;
    return undefined;
  }

  define(def: Definition): void {
    const refusal = Definitions.refusal(def.name);
    if (refusal !== undefined) throw new DiffError(refusal);
    this.defs.delete(def.name); // a redefinition moves to the end, after the names it may use
    this.defs.set(def.name, def);
  }

  delete(name: string): boolean {
    return this.defs.delete(name);
  }

  clear(): void {
    this.defs.clear();
  }

  /**
   * Parser options for a line: declared variables plus the multi-letter names
   * of plain definitions (so `loss + 1` reads `loss`), and the function
   * definitions. Names in `bound` (parameters of a definition being made)
   * are plain variables there.
   */
  parseOptions(declared: readonly string[], bound: readonly string[] = [], extra: readonly string[] = []): ParseOptions {
    const variables = new Set<string>([...declared, ...bound.filter((b) => b.length > 1), ...extra]);
    const functions = new Map<string, UserFunction>();
    for (const d of this.defs.values()) {
      if (bound.includes(d.name)) continue;
      if (d.params === undefined) {
        if (d.name.length > 1) variables.add(d.name);
      } else {
        functions.set(d.name, userFunction(d));
      }
    }
    return { variables: [...variables], functions };
  }

  /** Substitutes plain definitions (`f = …`) into e, except names in `bound`. */
  expand(e: Expr, bound: readonly string[] = [], extra: ReadonlyMap<string, Expr> = new Map()): Expr {
    const bindings = new Map<string, Expr>(extra);
    for (const d of this.defs.values()) if (d.params === undefined && !bound.includes(d.name)) bindings.set(d.name, d.body);
    for (const b of bound) bindings.delete(b);
    return substitute(e, bindings);
  }
}

/** A function definition as the parser sees it: f(a, b) is the body with the parameters replaced by a and b. */
function userFunction(d: Definition): UserFunction {
  const params = d.params ?? [];
  const learned = d.parameters?.length ?? 0;
  return {
    arity: params.length,
    ...(learned > 0 ? { inputs: params.length - learned } : {}),
    expand: (args) => substitute(d.body, new Map(params.map((p, i) => [p, args[i]!]))),
  };
}

/** The inputs of a function definition: its arguments before the semicolon (all of them without one). */
export function inputsOf(d: Definition): readonly string[] {
  const params = d.params ?? [];
  return params.slice(0, params.length - (d.parameters?.length ?? 0));
}

/** `f(x; w, b)` or `f(x, y)`, names spelled by `spell`. */
export function headOf(d: Definition, spell: (n: string) => string): string {
  if (d.params === undefined) return spell(d.name);
  return definitionHead({ name: d.name, inputs: inputsOf(d), parameters: d.parameters ?? [] }, spell);
}

/** The definition f(x; w, b) = … that a text names on its own, if it has parameters. */
export function parameterised(defs: Definitions, text: string): Definition | undefined {
  const name = canonicalName(text.trim());
  const d = name === undefined ? undefined : defs.get(name);
  return d?.parameters !== undefined && d.parameters.length > 0 ? d : undefined;
}

/** Says that a command on f(x; w, b) works by the parameters. */
export function parameterNote(d: Definition, others: string): string {
  const ps = d.parameters!.map(unicodeName).join(', ');
  return `by the parameters ${ps} of ${headOf(d, unicodeName)}, the gradient training uses (${others})`;
}
