// Numeric edge tables for every registry op (issue 9, "keep it out for
// good"): the value, the numeric partials (which the forward and reverse
// engines use) and the symbolic rule at 0, ±1e−300, ±1e300, ±∞, the kinks and
// the domain edges, against 50-digit mpmath references written by
// scripts/edge_refs.py into test/fixtures/edges.json. Each point of the
// table states what the op gives there: a number, ±∞, NaN, or a domain
// error.
//
// The table is driven by the registry: every op must have an entry. To add
// an op, add it to OPS in scripts/edge_refs.py (its value, its partials from
// the textbook formulas, its domain and its points; kinks and limits in
// `fixed`), and run `python3 scripts/edge_refs.py > test/fixtures/edges.json`.

import { describe, expect, it } from 'vitest';
import { DiffError } from '../../src/expr/errors.ts';
import { evaluate } from '../../src/expr/eval.ts';
import { call, variable, type Expr } from '../../src/expr/expr.ts';
import { rawKit } from '../../src/expr/kit.ts';
import * as forward from '../../src/forward/index.ts';
import * as reverse from '../../src/reverse/index.ts';
import { compile } from '../../src/compile/index.ts';
import { opDef, opNames, type OpName } from '../../src/ops/index.ts';
import edges from '../fixtures/edges.json' with { type: 'json' };

type Num = number | string;
interface Row {
  readonly x: readonly Num[];
  readonly domain?: boolean;
  readonly value?: Num;
  readonly d?: readonly Num[];
  readonly note?: string;
  readonly sym?: { readonly d: readonly Num[]; readonly why: string };
}
interface Entry {
  readonly points: readonly Row[];
  readonly rtol?: number;
  /** Looser tolerance for the symbolic rule, where its formula rounds more (stated in the script). */
  readonly symRtol?: number;
  readonly note?: string;
}
const TABLE = edges.ops as unknown as Record<string, Entry>;

/** Relative tolerance of the numeric value and partials (a few ulp), unless the entry says otherwise. */
const RTOL = 4e-15;
/** Relative tolerance of the symbolic rule, evaluated as an expression tree (each node rounds). */
const SYM_RTOL = 4e-14;
/** Below this, results are subnormal and carry few digits. */
const ATOL = 1e-320;

function toNumber(v: Num): number {
  if (typeof v === 'number') return v;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (v === 'NaN') return NaN;
  if (v === '-0') return -0;
  throw new Error(`bad number ${v} in the fixture`);
}

function close(got: number, want: number, rtol: number): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want)) return got === want;
  return Math.abs(got - want) <= rtol * Math.abs(want) + ATOL;
}

const NAMES = ['a', 'b', 'c', 'd'];
function node(op: OpName, n: number): { e: Expr; vars: Expr[]; names: string[] } {
  const names = NAMES.slice(0, n);
  const vars = names.map((v) => variable(v));
  return { e: call(op, vars), vars, names };
}

function point(names: readonly string[], x: readonly number[]): Record<string, number> {
  return Object.fromEntries(names.map((v, i) => [v, x[i]!]));
}

describe('every registry op has an edge table', () => {
  it('an entry in test/fixtures/edges.json for each op (add one in scripts/edge_refs.py)', () => {
    const missing = opNames.filter((op) => !Object.prototype.hasOwnProperty.call(TABLE, op));
    expect(missing, `no edge table for ${missing.join(', ')}: add them to OPS in scripts/edge_refs.py and rerun it`).toEqual([]);
  });
  it('each table probes 0, ±1e−300, ±1e300 and ±∞ in the first argument', () => {
    for (const op of opNames) {
      const firsts = new Set((TABLE[op]?.points ?? []).map((r) => toNumber(r.x[0]!)));
      for (const w of [0, 1e-300, -1e-300, 1e300, -1e300, Infinity, -Infinity]) expect(firsts.has(w), `${op}: no point with x₀ = ${w}`).toBe(true);
    }
  });
});

for (const op of opNames) {
  const entry = TABLE[op];
  if (entry === undefined) continue;
  const def = opDef(op);
  const rtol = entry.rtol ?? RTOL;
  describe(`${op}: ${def.doc}`, () => {
    for (const row of entry.points) {
      const x = row.x.map(toNumber);
      const label = `${op}(${row.x.join(', ')})${row.note ? ` — ${row.note}` : ''}`;
      const { e, vars, names } = node(op, x.length);
      const at = point(names, x);
      if (row.domain) {
        it(`${label}: outside the domain, an error`, () => {
          expect(def.domain?.(x), `${op} has no domain check at this point`).toBeTypeOf('string');
          expect(() => evaluate(e, at)).toThrow(DiffError);
          expect(() => reverse.gradient(e, at)).toThrow(DiffError);
          expect(() => forward.gradient(e, at)).toThrow(DiffError);
        });
        continue;
      }
      it(label, () => {
        const problems: string[] = [];
        const want = toNumber(row.value!);
        const wantD = row.d!.map(toNumber);
        const problem = def.domain?.(x);
        if (problem !== undefined) problems.push(`the domain check refuses it: ${problem}`);
        const y = def.eval(x);
        if (!close(y, want, rtol)) problems.push(`value ${y}, want ${want}`);
        const d = new Array<number>(x.length).fill(0);
        def.partials(x, y, d);
        wantD.forEach((w, i) => {
          if (!close(d[i]!, w, rtol)) problems.push(`numeric ∂/∂x${i} ${d[i]}, want ${w}`);
        });
        // the engines, through the registry, on the call node
        const fg = forward.gradient(e, at, names, { strict: false }).gradient;
        const rg = reverse.gradient(e, at, names, { strict: false }).gradient;
        names.forEach((v, i) => {
          if (!close(fg[v]!, wantD[i]!, rtol)) problems.push(`forward ∂/∂x${i} ${fg[v]}, want ${wantD[i]}`);
          if (!close(rg[v]!, wantD[i]!, rtol)) problems.push(`reverse ∂/∂x${i} ${rg[v]}, want ${wantD[i]}`);
        });
        // compiled code computes what eval computes
        const c = compile(e, { vars: names }).fromArray(x);
        if (!(Object.is(c, y) || (Number.isNaN(c) && Number.isNaN(y)))) problems.push(`compiled ${c}, eval ${y}`);
        // the symbolic rule, evaluated in IEEE arithmetic
        const symWant = row.sym ? row.sym.d.map(toNumber) : wantD;
        x.forEach((_, i) => {
          const s = evaluate(def.derivative(vars, e, i, rawKit), at, { strict: false });
          if (!close(s, symWant[i]!, entry.symRtol ?? Math.max(rtol, SYM_RTOL))) problems.push(`symbolic ∂/∂x${i} ${s}, want ${symWant[i]}${row.sym ? ` (${row.sym.why})` : ''}`);
        });
        expect(problems.map((p) => `${op}(${row.x.join(", ")}): ${p}`)).toEqual([]);
      });
    }
  });
}
