// Function definitions in the seeds' notation: `f(x; w, b) = σ(wx + b)`.
// Names before the semicolon are the inputs, names after it the parameters
// (what training learns and what ∇ f differentiates by default). Without a
// semicolon every name is an input: `g(x, y) = x² + y`.

import { ParseError } from '../expr/errors.ts';
import { call, type Expr } from '../expr/expr.ts';
import { mapBottomUp } from '../expr/traverse.ts';
import { canonicalName } from '../expr/names.ts';
import { parse } from './index.ts';
import type { ParseOptions, UserFunction } from './types.ts';

export interface FunctionDefinition {
  readonly name: string;
  /** The names before the semicolon (all of them when there is none). */
  readonly inputs: readonly string[];
  /** The names after the semicolon. */
  readonly parameters: readonly string[];
  readonly body: Expr;
}

/** The head of a definition, `f(x; w, b) =`, split into its parts; undefined if the text does not start with one. */
export interface DefinitionHead {
  readonly name: string;
  readonly inputs: readonly string[];
  readonly parameters: readonly string[];
  /** Where the body starts. */
  readonly bodyOffset: number;
}

const HEAD = /^(\s*)([A-Za-z][A-Za-z0-9_]*)\s*\(([^()=]*)\)\s*=(?!=)/u;

/**
 * Reads `name(a, b; c, d) =`. Throws ParseError (positioned in `text`) for a
 * malformed argument list: a name that is not a variable, a repeated name,
 * more than one semicolon.
 */
export function readDefinitionHead(text: string): DefinitionHead | undefined {
  const m = HEAD.exec(text);
  if (m === null) return undefined;
  const open = text.indexOf('(', m[1]!.length) + 1;
  const { inputs, parameters } = readArgumentNames(text, m[3]!, open);
  return { name: m[2]!, inputs, parameters, bodyOffset: m[0].length };
}

/**
 * Splits the argument names of a definition head (`x; w, b`, at `offset` in
 * `line`) into inputs and parameters, as canonical names.
 */
export function readArgumentNames(line: string, list: string, offset: number): { inputs: string[]; parameters: string[] } {
  const groups = list.split(';');
  if (groups.length > 2) {
    throw new ParseError(`a definition has at most one ';', between the inputs and the parameters, as in f(x; w, b)`, line, offset + groups[0]!.length + 1 + groups[1]!.length);
  }
  const seen = new Set<string>();
  const read = (group: string, at: number, what: string): string[] => {
    const names: string[] = [];
    let pos = at;
    for (const raw of group.split(',')) {
      const p = canonicalName(raw);
      const where = pos + (raw.length - raw.trimStart().length);
      if (p === undefined) {
        const shown = raw.trim() === '' ? `nothing` : JSON.stringify(raw.trim());
        throw new ParseError(`${what} is a variable name, got ${shown}`, line, where);
      }
      if (seen.has(p)) throw new ParseError(`parameter ${p} appears twice in the definition's arguments`, line, where);
      seen.add(p);
      names.push(p);
      pos += raw.length + 1;
    }
    return names;
  };
  const inputs = read(groups[0]!, offset, 'an input');
  const parameters = groups.length === 2 ? read(groups[1]!, offset + groups[0]!.length + 1, 'a parameter') : [];
  return { inputs, parameters };
}

/**
 * Parses `f(x; w, b) = σ(wx + b)`. The body is parsed with the argument
 * names declared (a multi-letter `rate` reads whole). Throws ParseError.
 */
export function parseDefinition(text: string, options: ParseOptions = {}): FunctionDefinition {
  const head = readDefinitionHead(text);
  if (head === undefined) throw new ParseError(`expected a definition such as f(x; w, b) = σ(wx + b)`, text, 0);
  const names = [...head.inputs, ...head.parameters];
  const body = text.slice(head.bodyOffset);
  if (body.trim() === '') throw new ParseError(`the definition of ${head.name} needs an expression after '='`, text, text.length);
  const variables = [...(options.variables ?? []), ...names.filter((n) => n.length > 1)];
  let e: Expr;
  try {
    e = parse(body, { ...options, variables });
  } catch (err) {
    if (err instanceof ParseError) throw new ParseError(err.message, text, head.bodyOffset + (err.pos ?? 0));
    throw err;
  }
  return { name: head.name, inputs: head.inputs, parameters: head.parameters, body: e };
}

/** The head as written in textbooks, `f(x; w, b)`, with names spelled by `spell`. */
export function definitionHead(d: Pick<FunctionDefinition, 'name' | 'inputs' | 'parameters'>, spell: (n: string) => string = (n) => n): string {
  const ins = d.inputs.map(spell).join(', ');
  return d.parameters.length > 0 ? `${d.name}(${ins}; ${d.parameters.map(spell).join(', ')})` : `${d.name}(${ins})`;
}

/** A definition as a function the parser can call: f(1; 0, 0) and f(1, 0, 0) substitute into the body. */
export function userFunction(d: FunctionDefinition): UserFunction {
  const names = [...d.inputs, ...d.parameters];
  return {
    arity: names.length,
    ...(d.parameters.length > 0 ? { inputs: d.inputs.length } : {}),
    expand: (args) => {
      const bindings = new Map(names.map((p, i) => [p, args[i]!]));
      // all at once: a replacement is not itself rewritten
      return mapBottomUp(d.body, (node, kids) => (node.kind === 'var' ? (bindings.get(node.name) ?? node) : node.kind === 'call' ? call(node.op, kids) : node));
    },
  };
}
