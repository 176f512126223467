// Compiling expressions to JavaScript functions.
//
// The DAG is emitted in topological order, one statement per unique node, so
// a shared subexpression is computed once and reused as a local. Nothing
// from the user's text reaches the generated code: variables are read as
// x[0], x[1], … by position, temporaries are t0, t1, …, constants are
// numeric literals, and ops come from the registry (an inline JavaScript
// template where the op declares one, a call of its `eval` otherwise).
// Large DAGs are split into chunks that share a Float64Array of
// temporaries, so the generated functions stay small enough for the engine
// to optimize. Compiled code follows IEEE semantics: a value outside an
// op's domain gives NaN or ±∞ rather than an error.

import { DiffError } from '../expr/errors.ts';
import { lookup, type Point } from '../expr/eval.ts';
import { assertNever, type Expr } from '../expr/expr.ts';
import { compareNames, freeVariables, topoOrder } from '../expr/traverse.ts';
import { opDef, opNames, type OpName } from '../ops/index.ts';

export interface CompileOptions {
  /** The parameters, in order (default: the free variables, sorted). Extra names are allowed and ignored. */
  readonly vars?: readonly string[];
}

/** A compiled scalar function. Call it with numbers in `vars` order, or use `fromArray`/`at`. */
export interface CompiledFunction {
  (...args: number[]): number;
  /** Parameter names, in order. */
  readonly vars: readonly string[];
  /** The generated JavaScript. */
  readonly source: string;
  /** Number of statements (unique DAG nodes that need computing). */
  readonly statements: number;
  /** Evaluates at x (x[i] is the value of vars[i]). */
  fromArray(x: ArrayLike<number>): number;
  /** Evaluates at a point given by name. */
  at(point: Point): number;
}

/** A compiled vector function. */
export interface CompiledVectorFunction {
  (...args: number[]): Float64Array;
  readonly vars: readonly string[];
  readonly source: string;
  readonly statements: number;
  /** Evaluates at x, writing into `out` when given. */
  fromArray(x: ArrayLike<number>, out?: Float64Array): Float64Array;
  at(point: Point): Float64Array;
}

/** Statements per generated function before splitting into chunks. */
const CHUNK = 2000;

const EVALS: readonly ((x: readonly number[]) => number)[] = opNames.map((op) => opDef(op).eval);
const OP_CODE = new Map(opNames.map((op, i) => [op, i]));

/** A JavaScript literal for a double, exact and safe as an operand. */
export function literal(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '(-Infinity)';
  if (Object.is(v, -0)) return '(-0)';
  return v < 0 ? `(${String(v)})` : String(v);
}

interface Generated {
  readonly source: string;
  readonly statements: number;
  readonly make: (evals: readonly ((x: readonly number[]) => number)[]) => (x: ArrayLike<number>, out: Float64Array) => void;
}

function generate(roots: readonly Expr[], vars: readonly string[]): Generated {
  const order = topoOrder(...roots);
  const slot = new Map(vars.map((v, i) => [v, i]));
  // the operand text of each node: a literal, x[i], or a temporary
  const ref = new Map<Expr, string>();
  const computed = order.filter((n) => n.kind === 'call');
  const chunked = computed.length > CHUNK;
  const temp = (k: number): string => (chunked ? `t[${k}]` : `t${k}`);
  const usedOps = new Set<number>();
  const scratch = new Set<number>();
  const body: string[] = [];
  let k = 0;
  for (const n of order) {
    switch (n.kind) {
      case 'num':
      case 'const':
        ref.set(n, literal(n.value));
        break;
      case 'var': {
        const i = slot.get(n.name);
        if (i === undefined) throw new DiffError(`variable ${n.name} is not among the parameters (${vars.join(', ') || 'none'})`);
        ref.set(n, `x[${i}]`);
        break;
      }
      case 'call': {
        const args = n.args.map((a) => ref.get(a)!);
        const js = opDef(n.op).js;
        let rhs: string;
        if (js) rhs = js(args);
        else {
          const c = OP_CODE.get(n.op as OpName)!;
          usedOps.add(c);
          scratch.add(args.length);
          rhs = `(${args.map((a, j) => `s${args.length}[${j}] = ${a}`).join(', ')}, E${c}(s${args.length}))`;
        }
        const name = temp(k++);
        body.push(chunked ? `${name} = ${rhs};` : `const ${name} = ${rhs};`);
        ref.set(n, name);
        break;
      }
      default:
        assertNever(n);
    }
  }
  const outs = roots.map((r, i) => `out[${i}] = ${ref.get(r)!};`);
  const prelude = [
    ...[...usedOps].sort((a, b) => a - b).map((c) => `const E${c} = evals[${c}];`),
    ...[...scratch].sort((a, b) => a - b).map((n) => `const s${n} = new Array(${n}).fill(0);`),
  ];
  let source: string;
  if (!chunked) {
    source = [...prelude, 'return function compiled(x, out) {', ...body.map((s) => '  ' + s), ...outs.map((s) => '  ' + s), '};'].join('\n');
  } else {
    const chunks: string[] = [];
    for (let c = 0; c * CHUNK < body.length; c++) {
      chunks.push(`function chunk${c}(x, t) {\n${body.slice(c * CHUNK, (c + 1) * CHUNK).map((s) => '  ' + s).join('\n')}\n}`);
    }
    source = [
      ...prelude,
      `const t = new Float64Array(${computed.length});`,
      ...chunks,
      'return function compiled(x, out) {',
      ...chunks.map((_, c) => `  chunk${c}(x, t);`),
      ...outs.map((s) => '  ' + s),
      '};',
    ].join('\n');
  }
  const make = new Function('evals', `"use strict";\n${source}`) as Generated['make'];
  return { source, statements: computed.length, make };
}

function parameters(es: readonly Expr[], vars?: readonly string[]): string[] {
  if (vars !== undefined) {
    const seen = new Set<string>();
    for (const v of vars) {
      if (typeof v !== 'string') throw new DiffError('parameter names must be strings');
      if (seen.has(v)) throw new DiffError(`parameter ${v} is listed twice`);
      seen.add(v);
    }
    return vars.slice();
  }
  const all = new Set<string>();
  for (const e of es) for (const v of freeVariables(e)) all.add(v);
  return [...all].sort(compareNames);
}

function pointArray(vars: readonly string[], point: Point): Float64Array {
  return Float64Array.from(vars, (name) => {
    const v = lookup(point, name);
    if (v === undefined) throw new DiffError(`unbound variable ${name}: give it a value (e.g. --at ${name}=1)`);
    return v;
  });
}

/** Compiles e to a JavaScript function of its variables (positional, in `vars` order). */
export function compile(e: Expr, options: CompileOptions = {}): CompiledFunction {
  const many = compileMany([e], options);
  const out = new Float64Array(1);
  const fromArray = (x: ArrayLike<number>): number => many.fromArray(x, out)[0]!;
  const f = ((...args: number[]): number => many(...args)[0]!) as CompiledFunction;
  return Object.assign(f, {
    vars: many.vars,
    source: many.source,
    statements: many.statements,
    fromArray,
    at: (point: Point) => many.at(point)[0]!,
  });
}

/** Compiles several expressions into one function returning all their values; shared nodes are computed once. */
export function compileMany(es: readonly Expr[], options: CompileOptions = {}): CompiledVectorFunction {
  if (es.length === 0) throw new DiffError('nothing to compile: give at least one expression');
  const vars = parameters(es, options.vars);
  const g = generate(es, vars);
  const run = g.make(EVALS);
  const fromArray = (x: ArrayLike<number>, out?: Float64Array): Float64Array => {
    const o = out ?? new Float64Array(es.length);
    if (o.length < es.length) throw new DiffError(`the output array needs ${es.length} entries, got ${o.length}`);
    run(x, o);
    return o;
  };
  const f = ((...args: number[]): Float64Array => {
    if (args.length !== vars.length) throw new DiffError(`expected ${vars.length} argument${vars.length === 1 ? '' : 's'} (${vars.join(', ')}), got ${args.length}`);
    return fromArray(args);
  }) as CompiledVectorFunction;
  return Object.assign(f, {
    vars,
    source: g.source,
    statements: g.statements,
    fromArray,
    at: (point: Point) => fromArray(pointArray(vars, point)),
  });
}
