// Exact values of functions at numbers, where the value is exact: the
// trigonometric functions at multiples of π/6 and π/4 (sin(π/6) = 1/2,
// cos(π/4) = √2/2, tan(π/3) = √3), and the inverse functions at the numbers
// they come from (arctan 1 = π/4, arccos(1/2) = π/3). Everything else, sin 4
// included, stays symbolic: a number is folded only when the result is exact.

import type { Call, Expr } from '../expr/expr.ts';
import { constant } from '../expr/expr.ts';
import type { OpName } from '../ops/index.ts';
import * as Qn from './numbers.ts';
import type { CallRule, RuleContext } from './rules.ts';

/** a·√r, with r ∈ {1, 2, 3}. */
type Surd = readonly [a: Qn.Q, r: 1 | 2 | 3];

const h = Qn.QHALF;
/** sin(mπ/12) for m = 0 … 12 where it is exact with r ≤ 3 (m a multiple of 2 or 3). */
const SIN: ReadonlyMap<number, Surd> = new Map<number, Surd>([
  [0, [Qn.Q0, 1]],
  [2, [h, 1]],
  [3, [h, 2]],
  [4, [h, 3]],
  [6, [Qn.Q1, 1]],
  [8, [h, 3]],
  [9, [h, 2]],
  [10, [h, 1]],
  [12, [Qn.Q0, 1]],
]);

/** sin(mπ/12) for any integer m, if exact: sin(x + π) = −sin x. */
function sinAt(m: number): Surd | undefined {
  const t = ((m % 24) + 24) % 24;
  if (t <= 12) return SIN.get(t);
  const s = SIN.get(t - 12);
  return s === undefined ? undefined : [Qn.neg(s[0]), s[1]];
}

/** x/y for two surds, y ≠ 0 (the radicands that occur: equal, or one of them 1). */
function quotient(x: Surd, y: Surd): Surd | undefined {
  if (Qn.isZero(y[0])) return undefined;
  const q = Qn.mul(x[0], Qn.inv(y[0]));
  if (Qn.isZero(x[0])) return [Qn.Q0, 1];
  if (x[1] === y[1]) return [q, 1];
  if (y[1] === 1) return [q, x[1]];
  if (x[1] === 1) return [Qn.mul(q, Qn.inv(Qn.int(y[1]))), y[1]]; // a/(b√r) = (a/(br))√r
  return undefined;
}

const TRIG: Readonly<Partial<Record<OpName, (m: number) => Surd | undefined>>> = {
  sin: (m) => sinAt(m),
  cos: (m) => sinAt(m + 6), // cos x = sin(x + π/2)
  tan: (m) => quotient(sinAt(m)!, sinAt(m + 6)!),
  cot: (m) => quotient(sinAt(m + 6)!, sinAt(m)!),
  sec: (m) => quotient([Qn.Q1, 1], sinAt(m + 6)!),
  csc: (m) => quotient([Qn.Q1, 1], sinAt(m)!),
};

/** The rational q with e = q·π, if e is one. */
function multipleOfPi(e: Expr): Qn.Q | undefined {
  if (e.kind === 'const' && e.name === 'pi') return Qn.Q1;
  if (e.kind === 'call' && e.op === 'mul' && e.args.length === 2) {
    const [c, p] = e.args as [Expr, Expr];
    const q = Qn.asQ(c);
    if (q !== undefined && Qn.isExact(q) && p.kind === 'const' && p.name === 'pi') return q;
  }
  return undefined;
}

function surdExpr([a, r]: Surd, k: RuleContext): Expr {
  return r === 1 ? Qn.toExpr(a) : k.mul([Qn.toExpr(a), k.pow(Qn.toExpr(Qn.int(r)), Qn.toExpr(Qn.QHALF))]);
}

/** qπ as a canonical expression. */
const piTimes = (q: Qn.Q, k: RuleContext): Expr => k.mul([Qn.toExpr(q), constant('pi')]);

/** Inverse functions at the numbers 0, ±1/2, ±1: the angle, in units of π. */
const INVERSE: Readonly<Partial<Record<OpName, ReadonlyMap<string, Qn.Q>>>> = {
  asin: new Map([['1/2', Qn.rat(1n, 6n)], ['1/1', h]]),
  acos: new Map([['1/2', Qn.rat(1n, 3n)], ['1/1', Qn.Q0], ['0/1', h], ['-1/2', Qn.rat(2n, 3n)], ['-1/1', Qn.Q1]]),
  atan: new Map([['1/1', Qn.rat(1n, 4n)]]),
};
const ODD_INVERSE: ReadonlySet<OpName> = new Set(['asin', 'atan']);

export const EXACT_VALUE_RULES: readonly CallRule[] = [
  {
    name: 'trig-exact-values',
    math: 'sin, cos, tan, cot, sec, csc at multiples of π/6 and π/4: sin π → 0, cos π → −1, sin(π/6) → 1/2, cos(π/4) → √2/2, tan(π/3) → √3 (poles such as tan(π/2) stay as written)',
    trust: 'identity',
    ops: ['sin', 'cos', 'tan', 'cot', 'sec', 'csc'],
    apply: (n: Call, k: RuleContext) => {
      const q = n.args.length === 1 ? multipleOfPi(n.args[0]!) : undefined;
      if (q === undefined) return undefined;
      const twelfths = Qn.mul(q, Qn.int(12));
      const m = Qn.smallInt(twelfths);
      if (m === undefined || (m % 2 !== 0 && m % 3 !== 0)) return undefined;
      const v = TRIG[n.op]?.(m);
      return v === undefined ? undefined : surdExpr(v, k);
    },
  },
  {
    name: 'inverse-trig-exact-values',
    math: 'arcsin, arccos, arctan at 0, ±1/2, ±1 where the angle is a multiple of π/6 or π/4: arctan 1 → π/4, arcsin(1/2) → π/6, arccos(−1) → π',
    trust: 'identity',
    ops: ['asin', 'acos', 'atan'],
    apply: (n: Call, k: RuleContext) => {
      const a = n.args.length === 1 ? Qn.asQ(n.args[0]!) : undefined;
      if (a === undefined || !Qn.isExact(a)) return undefined;
      const table = INVERSE[n.op]!;
      const direct = table.get(`${a.p}/${a.q}`);
      if (direct !== undefined) return piTimes(direct, k);
      // arcsin(−u) = −arcsin u, arctan(−u) = −arctan u
      const odd = ODD_INVERSE.has(n.op) ? table.get(`${-a.p}/${a.q}`) : undefined;
      return odd === undefined ? undefined : piTimes(Qn.neg(odd), k);
    },
  },
];
