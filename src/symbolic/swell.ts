// Expression swell, measured. For a family of expressions fₙ, the sizes of
// fₙ, of its naive symbolic derivative and of the simplified derivative, as
// a tree (what a printer or a CAS without sharing holds) and as a DAG (what
// the hash-consed engine holds). Sizes are counted on the DAG, so a tree of
// 10⁷ nodes costs microseconds.
//
// "Derivative" means the gradient with respect to every free variable of fₙ
// (for the one-variable families, d/dx): the partials are counted together,
// trees summed and DAG nodes shared across partials counted once.

import { DiffError } from '../expr/errors.ts';
import { add, call, fn, mul, sub, variable, type Expr } from '../expr/expr.ts';
import { freeVariables, topoOrder } from '../expr/traverse.ts';
import { derive, DerivativeCache } from './derive.ts';
import { simplifyAll } from './simplify.ts';

export interface SwellFamily {
  readonly name: string;
  /** fₙ in textbook notation. */
  readonly formula: string;
  /** fₙ for n ≥ 1, built as the parser reads the formula. */
  build(n: number): Expr;
}

const x = variable('x');

export const SWELL_FAMILIES: readonly SwellFamily[] = [
  {
    name: 'logistic',
    formula: 'l₁ = x, lₙ₊₁ = 4lₙ(1 − lₙ)',
    build: (n) => {
      // 4l(1 − l) reads as (4·l)·(1 − l)
      let l: Expr = x;
      for (let i = 1; i < n; i++) l = mul(mul(4, l), sub(1, l));
      return l;
    },
  },
  {
    name: 'sin',
    formula: 'sin(sin(⋯sin x⋯)), n sines',
    build: (n) => {
      let f: Expr = x;
      for (let i = 0; i < n; i++) f = fn('sin', f);
      return f;
    },
  },
  {
    name: 'product',
    formula: 'x₁x₂⋯xₙ',
    build: (n) => {
      let p: Expr = variable('x1');
      for (let i = 2; i <= n; i++) p = mul(p, variable(`x${i}`));
      return p;
    },
  },
  {
    name: 'sigmoid',
    formula: 'σ(wₙσ(⋯σ(w₁x + b₁)⋯) + bₙ)',
    build: (n) => {
      let h: Expr = x;
      for (let i = 1; i <= n; i++) h = call('sigmoid', [add(mul(variable(`w${i}`), h), variable(`b${i}`))]);
      return h;
    },
  },
];

export function swellFamily(name: string): SwellFamily {
  const f = SWELL_FAMILIES.find((s) => s.name === name);
  if (f === undefined) {
    throw new DiffError(`unknown family ${JSON.stringify(name)}: choose one of ${SWELL_FAMILIES.map((s) => s.name).join(', ')}`);
  }
  return f;
}

export interface Sizes {
  readonly tree: number;
  readonly dag: number;
}

export interface SwellRow {
  readonly n: number;
  readonly f: Sizes;
  readonly derivative: Sizes;
  readonly simplified: Sizes;
  /** Nodes on the reverse-mode tape for the gradient; null when no tape is available. */
  readonly tape: number | null;
  /** Why the simplified column is the unsimplified derivative, if it is. */
  readonly note?: string;
}

export interface SwellTable {
  readonly family: string;
  readonly formula: string;
  readonly rows: readonly SwellRow[];
}

/** Tree and DAG size of several expressions taken together (one pass over the shared DAG). */
export function sizesOf(es: readonly Expr[]): Sizes {
  if (es.length === 0) return { tree: 0, dag: 0 };
  const order = topoOrder(...es);
  const size = new Map<Expr, number>();
  for (const n of order) {
    let t = 1;
    if (n.kind === 'call') for (const c of n.args) t += size.get(c)!;
    size.set(n, t);
  }
  let tree = 0;
  for (const e of es) tree += size.get(e)!;
  return { tree, dag: order.length };
}

export interface SwellOptions {
  /** The tape length for fₙ's gradient (the CLI supplies it from the reverse-mode engine). */
  readonly tape?: (f: Expr) => number;
}

/** The largest n measured. */
export const MAX_SWELL_N = 200;

/** One row: fₙ, its naive gradient, the simplified gradient, the tape. */
export function swellRow(family: SwellFamily, n: number, options: SwellOptions = {}): SwellRow {
  return row(family, n, options, undefined).row;
}

/**
 * Work units for simplifying a whole table: a fixed allowance plus a share per
 * row. Once spent, the remaining rows keep their exact size columns and say
 * that their simplified column is the unsimplified derivative.
 */
export const SWELL_TABLE_BUDGET = 1_500_000;
const SWELL_BUDGET_PER_ROW = 10_000;
/** DAG nodes the naive derivatives of a whole table may build. */
export const SWELL_TABLE_NODES = 600_000;

function row(family: SwellFamily, n: number, options: SwellOptions, budget: number | undefined): { row: SwellRow; work: number } {
  const f = family.build(n);
  const vars = freeVariables(f);
  const cache = new DerivativeCache();
  const raw = vars.map((v) => derive(f, v, cache));
  const simplified =
    budget === undefined || budget > 0
      ? simplifyAll(raw, budget === undefined ? {} : { budget })
      : { exprs: raw, work: 0, notes: [`not simplified: the table's simplification budget (${SWELL_TABLE_BUDGET} steps plus ${SWELL_BUDGET_PER_ROW} per row) is spent`] };
  return { work: simplified.work ?? 0, row: {
    n,
    f: sizesOf([f]),
    derivative: sizesOf(raw),
    simplified: sizesOf(simplified.exprs),
    tape: options.tape ? options.tape(f) : null,
    ...(simplified.notes.length > 0 ? { note: simplified.notes[0]! } : {}),
  } };
}

/** Rows n = 1 … maxN for a family. */
export function swell(name: string, maxN: number, options: SwellOptions = {}): SwellTable {
  if (!Number.isInteger(maxN) || maxN < 1 || maxN > MAX_SWELL_N) {
    throw new DiffError(`n must be an integer from 1 to ${MAX_SWELL_N}, got ${maxN}`);
  }
  const family = swellFamily(name);
  const rows: SwellRow[] = [];
  let left = SWELL_TABLE_BUDGET + SWELL_BUDGET_PER_ROW * maxN;
  let built = 0;
  for (let n = 1; n <= maxN; n++) {
    const r = row(family, n, options, left);
    left -= r.work;
    built += r.row.derivative.dag;
    if (built > SWELL_TABLE_NODES && n < maxN) {
      // The naive gradients alone grow like n² nodes per row (n³ for the table): stop, and say so.
      const note = `the table stops at n = ${n} of ${maxN}: its derivatives have built ${built} DAG nodes (budget ${SWELL_TABLE_NODES})`;
      rows.push({ ...r.row, note: r.row.note === undefined ? note : `${r.row.note}; ${note}` });
      break;
    }
    rows.push(r.row);
  }
  return { family: family.name, formula: family.formula, rows };
}
