// The four-way cross-check: the value and the full gradient of one
// expression by symbolic differentiation, forward mode, reverse mode and
// finite differences, compared component by component against reverse mode.
//
// Tolerance policy (like torch.autograd.gradcheck):
//   numeric  — pass when |n − r| ≤ atol + rtol·|n|   (defaults atol = 1e-7, rtol = 1e-6)
//   exact    — symbolic and forward must match reverse to exactRtol relative
//              (default 1e-12): |a − r| ≤ exactRtol · max(|a|, |r|, m), where m
//              is the magnitude of the chain-rule terms that add up to the
//              component (Σ over paths of |products of local partials|). A
//              component that cancels to zero (∂(z/z)/∂z = 1/z − z/z²) is then
//              judged against the size of what cancelled, not against 0.
// A method that fails (a domain error, a derivative too large to build)
// makes the check fail with its message.

import { compile } from '../compile/index.ts';
import { DiffError } from '../expr/errors.ts';
import { evaluate, lookup, own, setOwn, type Point } from '../expr/eval.ts';
import type { Expr } from '../expr/expr.ts';
import { dagSize, freeVariables } from '../expr/traverse.ts';
import * as forward from '../forward/index.ts';
import * as numeric from '../numeric/index.ts';
import * as reverse from '../reverse/index.ts';
import * as symbolic from '../symbolic/index.ts';

export type MethodName = 'symbolic' | 'forward' | 'reverse' | 'numeric';
export const METHODS: readonly MethodName[] = ['symbolic', 'forward', 'reverse', 'numeric'];

export interface MethodResult {
  readonly value: number;
  readonly gradient: Record<string, number>;
  /** Numeric only: estimated absolute error per component. */
  readonly errorEstimate?: Record<string, number>;
  /** What the method did, in its own unit: passes, sweeps, evaluations, nodes. */
  readonly cost: string;
  /** Wall time in milliseconds (indicative; see `npm run bench` for measurements). */
  readonly ms: number;
  /** Set when the method could not run. */
  readonly error?: string;
}

export interface CheckOptions {
  /** Variables of the gradient (default: the free variables, sorted). */
  readonly vars?: readonly string[];
  /** Finite-difference method (default richardson). */
  readonly numeric?: numeric.Method;
  readonly atol?: number;
  readonly rtol?: number;
  readonly exactRtol?: number;
}

export const DEFAULT_TOLERANCES = { atol: 1e-7, rtol: 1e-6, exactRtol: 1e-12 } as const;

export interface CheckReport {
  readonly vars: readonly string[];
  readonly at: Record<string, number>;
  readonly value: number;
  readonly methods: Record<MethodName, MethodResult>;
  /** method → variable → (method − reverse). */
  readonly differences: Record<Exclude<MethodName, 'reverse'>, Record<string, number>>;
  readonly tolerances: { readonly atol: number; readonly rtol: number; readonly exactRtol: number };
  readonly agree: boolean;
  /** Why the check failed, one line per problem. */
  readonly problems: readonly string[];
  /** Diagnoses of the problems (a kink where finite differences straddle two slopes). */
  readonly notes: readonly string[];
}

/**
 * One-sided slopes of f along variable v at the point, with a small step:
 * when they differ, f has a kink there and a central difference returns
 * their average, while the engines return the registry's convention.
 */
function kinkNote(e: Expr, at: Record<string, number>, v: string): string | undefined {
  const names = Object.keys(at);
  const f = compile(e, { vars: names });
  const x = Float64Array.from(names, (n) => own(at, n)!);
  const k = names.indexOf(v);
  const x0 = x[k]!;
  const h = 1e-6 * Math.max(Math.abs(x0), 1);
  const f0 = f.fromArray(x);
  x[k] = x0 + h;
  const right = (f.fromArray(x) - f0) / h;
  x[k] = x0 - h;
  const left = (f0 - f.fromArray(x)) / h;
  const scale = Math.max(Math.abs(left), Math.abs(right), 1e-8);
  if (!(Math.abs(right - left) > 1e-3 * scale)) return undefined;
  const r = (t: number): string => String(+t.toPrecision(6));
  return `f has a kink along ${v} here: slope ${r(left)} from the left, ${r(right)} from the right; finite differences average them, the engines use the registry's convention at the kink`;
}

/**
 * |a − b| ≤ bound for finite a and b. An infinity agrees only with the same
 * infinity: a bound proportional to |a| would otherwise accept ∞ against any
 * finite number, and ∞ against −∞.
 */
export function within(a: number, b: number, bound: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= bound;
}

function timed(f: () => Omit<MethodResult, 'ms'>): MethodResult {
  const t0 = performance.now();
  try {
    const r = f();
    return { ...r, ms: performance.now() - t0 };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { value: NaN, gradient: {}, cost: '—', ms: performance.now() - t0, error: message };
  }
}

/** Runs all four methods on e at the point and compares them. */
export function crossCheck(e: Expr, point: Point, options: CheckOptions = {}): CheckReport {
  const vars = options.vars?.slice() ?? freeVariables(e);
  if (options.vars !== undefined) {
    if (vars.length === 0) throw new DiffError('no variables to check: the list of variables (--wrt) is empty');
    const bad = vars.find((v) => typeof v !== 'string' || v === '');
    if (bad !== undefined) throw new DiffError(`not a variable name: ${JSON.stringify(bad)}`);
  }
  const tol = {
    atol: options.atol ?? DEFAULT_TOLERANCES.atol,
    rtol: options.rtol ?? DEFAULT_TOLERANCES.rtol,
    exactRtol: options.exactRtol ?? DEFAULT_TOLERANCES.exactRtol,
  };
  for (const [k, v] of Object.entries(tol)) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new DiffError(`${k} must be a non-negative number, got ${v}`);
  }
  const at: Record<string, number> = {};
  for (const v of new Set([...freeVariables(e), ...vars])) {
    const x = lookup(point, v);
    if (x === undefined) throw new DiffError(`unbound variable ${v}: give it a value (e.g. --at ${v}=1)`);
    setOwn(at, v, x);
  }
  const value = evaluate(e, at); // a domain problem at the point itself is the caller's error

  const methods: Record<MethodName, MethodResult> = {
    reverse: timed(() => {
      const r = reverse.gradient(e, at, vars);
      return { value: r.value, gradient: r.gradient, cost: `1 backward sweep over a tape of ${r.tapeLength} nodes` };
    }),
    forward: timed(() => {
      const r = forward.gradient(e, at, vars);
      return { value: r.value, gradient: r.gradient, cost: `${r.passes} forward pass${r.passes === 1 ? '' : 'es'}` };
    }),
    symbolic: timed(() => {
      const g = symbolic.gradient(e, vars);
      const gradient: Record<string, number> = {};
      g.forEach((d, i) => setOwn(gradient, vars[i]!, evaluate(d, at, { strict: false })));
      let nodes = 0;
      for (const d of g) nodes += dagSize(d);
      return { value: evaluate(e, at), gradient, cost: `${vars.length} derivative${vars.length === 1 ? '' : 's'}, ${nodes} DAG nodes in all` };
    }),
    numeric: timed(() => {
      const r = numeric.gradient(e, at, { vars, method: options.numeric ?? 'richardson' });
      return { value: r.value, gradient: r.gradient, errorEstimate: r.errorEstimate, cost: `${r.evaluations} evaluations (${r.method})` };
    }),
  };

  const problems: string[] = [];
  const ref = methods.reverse;
  const magnitude: Record<string, number> = {};
  try {
    const t = reverse.tapeFromExpr([e], at, { strict: false });
    const m = t.magnitudes(t.outputs[0]!);
    for (const v of vars) {
      const i = t.variables.get(v);
      setOwn(magnitude, v, i === undefined ? 0 : m[i]!);
    }
  } catch {
    // the reverse method reports its own failure
  }
  const differences = { symbolic: {}, forward: {}, numeric: {} } as CheckReport['differences'];
  for (const m of METHODS) {
    const r = methods[m];
    if (r.error !== undefined) problems.push(`${m}: ${r.error}`);
  }
  if (ref.error === undefined) {
    for (const m of ['symbolic', 'forward', 'numeric'] as const) {
      const r = methods[m];
      if (r.error !== undefined) continue;
      for (const v of vars) {
        const a = own(r.gradient, v)!;
        const b = own(ref.gradient, v)!;
        const d = a - b;
        setOwn(differences[m], v, d);
        const ok =
          m === 'numeric'
            ? within(a, b, tol.atol + tol.rtol * Math.abs(a))
            : within(a, b, tol.exactRtol * Math.max(Math.abs(a), Math.abs(b), own(magnitude, v) ?? 0)) || (Number.isNaN(a) && Number.isNaN(b));
        if (!ok) {
          const bound = Number.isNaN(a) || Number.isNaN(b)
            ? m === 'numeric' && Number.isNaN(a) && Number.isNaN(b) ? 'a NaN estimate confirms nothing' : 'NaN agrees with no number'
            : !Number.isFinite(a) || !Number.isFinite(b)
            ? 'an infinity agrees only with the same infinity'
            : m === 'numeric' ? `atol + rtol·|n| = ${(tol.atol + tol.rtol * Math.abs(a)).toExponential(2)}` : `${tol.exactRtol} relative`;
          problems.push(
            Number.isNaN(d)
              ? `${m} ∂/∂${v} = ${a} against reverse mode's ${b}: ${bound}`
              : `${m} ∂/∂${v} = ${a} differs from reverse mode (${b}) by ${Math.abs(d).toExponential(2)}, beyond ${bound}`,
          );
        }
      }
    }
    for (const m of METHODS) {
      const r = methods[m];
      if (r.error === undefined && !(Object.is(r.value, value) || within(r.value, value, 1e-12 * Math.abs(value)))) {
        problems.push(`${m} value ${r.value} differs from ${value}`);
      }
    }
  }
  const notes: string[] = [];
  for (const v of vars) {
    if (!problems.some((p) => p.startsWith(`numeric ∂/∂${v} `))) continue;
    try {
      const note = kinkNote(e, at, v);
      if (note !== undefined) notes.push(note);
    } catch {
      // no diagnosis
    }
  }
  for (const v of vars) {
    const nan = (['forward', 'reverse'] as const).filter((m) => methods[m].error === undefined && Number.isNaN(own(methods[m].gradient, v)));
    if (nan.length > 0 && !Number.isNaN(value)) {
      notes.push(
        `∂f/∂${v} is NaN in ${nan.join(' and ')} mode: the chain rule meets 0·∞ or ∞ − ∞ at this point (a singular point, or an intermediate value that overflowed); the engines give NaN rather than a number they cannot vouch for`,
      );
    }
  }
  return { vars, at, value, methods, differences, tolerances: tol, agree: problems.length === 0, problems, notes };
}
