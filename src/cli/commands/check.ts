// difflab check "<expr>" --at x=2,y=5: value and gradient by symbolic,
// forward, reverse and numeric differentiation, compared against reverse mode.

import type { Command } from 'commander';
import { crossCheck, DEFAULT_TOLERANCES, METHODS, type MethodResult } from '../../check/index.ts';
import { DiffError } from '../../expr/errors.ts';
import { unicodeName } from '../../expr/names.ts';
import { printAscii, printUnicode } from '../../expr/print.ts';
import { freeVariables } from '../../expr/traverse.ts';
import type { Method } from '../../numeric/index.ts';
import { defineCommand, optList, optString, reqString, type Request } from '../command.ts';
import { parseArgument } from '../notation.ts';
import { normalizePoint, toNumber } from '../io.ts';

interface MethodJson extends Record<string, unknown> {
  value: number;
  gradient: Record<string, number>;
  errorEstimate?: Record<string, number>;
  cost: string;
  error?: string;
}

export interface CheckResult extends Record<string, unknown> {
  expr: string;
  readAs: string;
  unicode: string;
  at: Record<string, number>;
  vars: string[];
  value: number;
  methods: Record<'symbolic' | 'forward' | 'reverse' | 'numeric', MethodJson>;
  differences: Record<string, Record<string, number>>;
  tolerances: { atol: number; rtol: number; exactRtol: number };
  agree: boolean;
  problems: string[];
  /** Names given in the point that are not variables of the expression. */
  ignored: string[];
  /** Diagnoses of disagreements. */
  notes: string[];
}

/** An optional number field (number or numeric string). */
export function optNumber(req: Request, key: string): number | undefined {
  const v = req[key];
  if (v === undefined || v === null) return undefined;
  return toNumber(v, `"${key}"`);
}

const NUMERIC: readonly Method[] = ['central', 'forward', 'richardson'];

export const checkCommand = defineCommand<CheckResult>({
  name: 'check',
  summary: 'cross-check the gradient: symbolic, forward, reverse and numeric, with a verdict (exit 1 on disagreement)',
  configure: (cmd: Command) =>
    cmd
      .argument('<expr>', 'expression in textbook notation')
      .option('--at <point>', 'the point, e.g. x=2,y=5')
      .option('--wrt <names>', 'the variables of the gradient (default: all)')
      .option('--vars <names>', 'declare multi-letter variable names, e.g. rate,theta')
      .option('--numeric <method>', 'finite differences: richardson (default), central or forward')
      .option('--atol <n>', `numeric: absolute tolerance (default ${DEFAULT_TOLERANCES.atol})`)
      .option('--rtol <n>', `numeric: relative tolerance (default ${DEFAULT_TOLERANCES.rtol})`)
      .option('--exact-rtol <n>', `symbolic and forward against reverse (default ${DEFAULT_TOLERANCES.exactRtol})`),
  toRequest: (args, opts) => ({
    cmd: 'check',
    expr: args[0],
    at: opts.at,
    wrt: opts.wrt,
    vars: opts.vars,
    numeric: opts.numeric,
    atol: opts.atol,
    rtol: opts.rtol,
    exactRtol: opts.exactRtol,
  }),
  run: (req: Request) => {
    const expr = reqString(req, 'expr');
    const e = parseArgument(expr, { variables: optList(req, 'vars') ?? [] });
    const method = optString(req, 'numeric') ?? 'richardson';
    if (!NUMERIC.includes(method as Method)) throw new DiffError(`--numeric must be one of ${NUMERIC.join(', ')}, got ${method}`);
    const wrt = optList(req, 'wrt');
    const atol = optNumber(req, 'atol');
    const rtol = optNumber(req, 'rtol');
    const exactRtol = optNumber(req, 'exactRtol');
    const point = normalizePoint(req.at);
    const free = new Set(freeVariables(e));
    const ignored = Object.keys(point).filter((k) => !free.has(k) && !(wrt ?? []).includes(k));
    const r = crossCheck(e, point, {
      numeric: method as Method,
      ...(wrt ? { vars: wrt } : {}),
      ...(atol !== undefined ? { atol } : {}),
      ...(rtol !== undefined ? { rtol } : {}),
      ...(exactRtol !== undefined ? { exactRtol } : {}),
    });
    const methods = Object.fromEntries(
      METHODS.map((m) => {
        const x: MethodResult = r.methods[m];
        const j: MethodJson = { value: x.value, gradient: x.gradient, cost: x.cost };
        if (x.errorEstimate) j.errorEstimate = x.errorEstimate;
        if (x.error !== undefined) j.error = x.error;
        return [m, j];
      }),
    ) as CheckResult['methods'];
    return {
      expr,
      readAs: printAscii(e),
      unicode: printUnicode(e),
      at: r.at,
      vars: [...r.vars],
      value: r.value,
      methods,
      differences: r.differences,
      tolerances: r.tolerances,
      agree: r.agree,
      problems: [...r.problems],
      notes: [...r.notes],
      ignored,
    };
  },
  text: (r) => checkText(r),
  exitCode: (r) => (r.agree ? 0 : 1),
});

const num = (v: number | undefined): string => (v === undefined ? '—' : Number.isNaN(v) ? 'NaN' : !Number.isFinite(v) ? (v > 0 ? '∞' : '−∞') : String(v));
const small = (v: number | undefined): string => (v === undefined ? '—' : v === 0 ? '0' : Number.isFinite(v) ? v.toExponential(1) : num(v));

function grid(rows: readonly (readonly string[])[]): string[] {
  const w = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  return rows.map((r) => r.map((cell, c) => cell + ' '.repeat(w[c]! - [...cell].length)).join('   ').trimEnd());
}

const tolText = (v: number): string => (v !== 0 && v < 1e-3 ? v.toExponential().replace('e-', 'e−') : String(v));

function checkText(r: CheckResult): string {
  const at = Object.entries(r.at).map(([k, v]) => `${unicodeName(k)} = ${num(v)}`).join(', ');
  const out = [`f = ${r.unicode}   at ${at}`];
  if (r.ignored.length > 0) out.push(`(ignored in the point: ${r.ignored.map(unicodeName).join(', ')}, not ${r.ignored.length === 1 ? 'a variable' : 'variables'} of the expression as read: ${r.readAs})`);
  out.push('');
  const names = r.vars;
  const groups: string[][] = [];
  for (let i = 0; i < Math.max(names.length, 1); i += 4) groups.push(names.slice(i, i + 4));
  groups.forEach((g, gi) => {
    const withValue = gi === 0;
    const head = ['method', ...(withValue ? ['value'] : []), ...g.map((v) => `∂f/∂${unicodeName(v)}`)];
    const rows = METHODS.map((m) => {
      const x = r.methods[m];
      if (x.error !== undefined) return [m, `error: ${x.error}`];
      return [m, ...(withValue ? [num(x.value)] : []), ...g.map((v) => num(x.gradient[v]))];
    });
    const est = r.methods.numeric.errorEstimate;
    if (est) rows.push(['  ± estimate', ...(withValue ? [''] : []), ...g.map((v) => small(est[v]))]);
    out.push(...grid([head, ...rows]), '');
    const diffs = (['symbolic', 'forward', 'numeric'] as const).map((m) => [m, ...g.map((v) => small(r.differences[m]?.[v]))]);
    out.push('difference from reverse mode', ...grid([['method', ...g.map((v) => `∂f/∂${unicodeName(v)}`)], ...diffs]), '');
  });
  out.push('cost');
  out.push(...grid(METHODS.map((m) => [m, r.methods[m].cost])).map((l) => '  ' + l), '');
  const t = r.tolerances;
  if (r.agree) {
    out.push(`verdict: AGREE — symbolic and forward match reverse within ${tolText(t.exactRtol)} relative; numeric within ${tolText(t.atol)} + ${tolText(t.rtol)}·|n|`);
  } else {
    out.push('verdict: DISAGREE', ...r.problems.map((p) => `  ${p}`), ...r.notes.map((n) => `  note: ${n}`));
  }
  return out.join('\n');
}
