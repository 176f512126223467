// A session's state (the point, declared variables, definitions, the last
// result) as plain data, to cross to the REPL's worker thread and back.
// Expressions travel as a node table, children before parents, and are
// rebuilt through the constructors, so that they are interned on arrival:
// `===` stays structural equality on both sides, and shared subexpressions
// travel once. Everything here is iterative (depth is unbounded).

import { assertNever, bigInteger, call, constant, num, variable, type ConstName, type Expr } from '../../expr/expr.ts';
import type { OpName } from '../../ops/index.ts';
import type { Point } from '../io.ts';
import type { Definition } from './defs.ts';

/** One node: a number (with its exact digits beyond 2⁵³), a variable, a constant, or an op applied to earlier nodes. */
export type NodeCode =
  | readonly ['num', number]
  | readonly ['big', string]
  | readonly ['var', string]
  | readonly ['const', ConstName]
  | readonly ['call', OpName, readonly number[]];

export interface DefinitionCode {
  readonly name: string;
  readonly params: readonly string[] | undefined;
  readonly parameters?: readonly string[];
  /** Index into the node table. */
  readonly body: number;
}

export interface LastCode {
  readonly expr: number;
  /** What its values come from (the source: -1 when it was too large to build), if known. */
  readonly from: { readonly source: number; readonly what: string } | null;
}

/**
 * A session's state, or the part of it that changed: a field that is absent
 * did not change. `last: null` is "no last result".
 */
export interface SessionState {
  readonly nodes: readonly NodeCode[];
  readonly point?: Point;
  readonly vars?: readonly string[];
  readonly defs?: readonly DefinitionCode[];
  readonly last?: LastCode | null;
}

/** What the state lives in: the fields of a Session that make up its state. */
export interface StateHolder {
  point: Point;
  vars: string[];
  readonly defs: { list(): Definition[]; clear(): void; define(d: Definition): void };
  last: Expr | undefined;
  lastSource: { readonly source: Expr | undefined; readonly what: string } | undefined;
}

/** Builds a node table; each distinct node is written once. */
class Encoder {
  readonly nodes: NodeCode[] = [];
  private readonly index = new Map<Expr, number>();

  add(root: Expr): number {
    const known = this.index.get(root);
    if (known !== undefined) return known;
    // The new nodes below root; ids grow with creation, so sorting by id puts children first.
    const fresh: Expr[] = [];
    const seen = new Set<Expr>();
    const stack: Expr[] = [root];
    while (stack.length > 0) {
      const e = stack.pop()!;
      if (seen.has(e) || this.index.has(e)) continue;
      seen.add(e);
      fresh.push(e);
      if (e.kind === 'call') for (const c of e.args) stack.push(c);
    }
    fresh.sort((a, b) => a.id - b.id);
    for (const e of fresh) {
      this.index.set(e, this.nodes.length);
      this.nodes.push(this.code(e));
    }
    return this.index.get(root)!;
  }

  private code(e: Expr): NodeCode {
    switch (e.kind) {
      case 'num':
        return e.digits !== undefined ? ['big', e.digits] : ['num', e.value];
      case 'var':
        return ['var', e.name];
      case 'const':
        return ['const', e.name];
      case 'call':
        return ['call', e.op, e.args.map((a) => this.index.get(a)!)];
      default:
        return assertNever(e);
    }
  }
}

/** The expressions of a node table, in its order. */
function decodeNodes(nodes: readonly NodeCode[]): Expr[] {
  const out: Expr[] = [];
  for (const n of nodes) {
    switch (n[0]) {
      case 'num':
        out.push(num(n[1]));
        break;
      case 'big':
        out.push(bigInteger(BigInt(n[1])));
        break;
      case 'var':
        out.push(variable(n[1]));
        break;
      case 'const':
        out.push(constant(n[1]));
        break;
      case 'call':
        out.push(call(n[1], n[2].map((i) => out[i]!)));
        break;
      default:
        return assertNever(n);
    }
  }
  return out;
}

/** What the state fields held at one moment (references, and the variables' names), to tell later what changed. */
export interface StateMark {
  readonly point: Point;
  readonly vars: string;
  readonly defs: readonly Definition[];
  readonly last: Expr | undefined;
  readonly lastSource: StateHolder['lastSource'];
}

export function markState(s: StateHolder): StateMark {
  return { point: s.point, vars: s.vars.join(' '), defs: s.defs.list(), last: s.last, lastSource: s.lastSource };
}

function sameDefs(a: readonly Definition[], b: readonly Definition[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** The whole state (since undefined), or the fields that changed since the mark. */
export function encodeState(s: StateHolder, since?: StateMark): SessionState {
  const enc = new Encoder();
  const state: { -readonly [K in keyof SessionState]: SessionState[K] } = { nodes: enc.nodes };
  if (since === undefined || since.point !== s.point) state.point = { ...s.point };
  if (since === undefined || since.vars !== s.vars.join(' ')) state.vars = [...s.vars];
  const defs = s.defs.list();
  if (since === undefined || !sameDefs(since.defs, defs)) {
    state.defs = defs.map((d) => ({ name: d.name, params: d.params === undefined ? undefined : [...d.params], ...(d.parameters !== undefined ? { parameters: [...d.parameters] } : {}), body: enc.add(d.body) }));
  }
  if (since === undefined || since.last !== s.last || since.lastSource !== s.lastSource) {
    const from = s.lastSource === undefined ? null : { source: s.lastSource.source === undefined ? -1 : enc.add(s.lastSource.source), what: s.lastSource.what };
    state.last = s.last === undefined ? null : { expr: enc.add(s.last), from };
  }
  return state;
}

/** Sets the fields the state carries. */
export function applyState(s: StateHolder, state: SessionState): void {
  const exprs = decodeNodes(state.nodes);
  if (state.point !== undefined) s.point = { ...state.point };
  if (state.vars !== undefined) s.vars = [...state.vars];
  if (state.defs !== undefined) {
    s.defs.clear();
    for (const d of state.defs) {
      s.defs.define({ name: d.name, params: d.params === undefined ? undefined : [...d.params], ...(d.parameters !== undefined ? { parameters: [...d.parameters] } : {}), body: exprs[d.body]! });
    }
  }
  if (state.last === null) {
    s.last = undefined;
    s.lastSource = undefined;
  } else if (state.last !== undefined) {
    const from = state.last.from;
    s.last = exprs[state.last.expr]!;
    s.lastSource = from === null ? undefined : { source: from.source < 0 ? undefined : exprs[from.source]!, what: from.what };
  }
}
