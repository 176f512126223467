// difflab numeric "<expr>" --at x=1 [--wrt x] [--sweep [--svg FILE]]: the
// gradient by central differences, forward differences and Richardson
// extrapolation, each against reverse mode; with --sweep, the error against
// the step size h for both difference schemes.

import type { Command } from 'commander';
import { compile } from '../../compile/index.ts';
import { DiffError } from '../../expr/errors.ts';
import { canonicalName } from '../../expr/names.ts';
import { printAscii, printUnicode } from '../../expr/print.ts';
import { freeVariables } from '../../expr/traverse.ts';
import { gradient as numericGradient, stepSize, sweep, type Method, type SweepRow } from '../../numeric/index.ts';
import { gradient as reverseGradient } from '../../reverse/index.ts';
import { defineCommand, optBool, optList, optString, reqString, type Request } from '../command.ts';
import { outputPath, type RunContext } from '../files.ts';
import { parseArgument } from '../notation.ts';
import { normalizePoint } from '../io.ts';

interface Estimates {
  gradient: Record<string, number>;
  errorEstimate: Record<string, number>;
  /** |estimate − reverse mode|. */
  error: Record<string, number>;
  steps: Record<string, number>;
  evaluations: number;
}

export interface NumericResult extends Record<string, unknown> {
  expr: string;
  readAs: string;
  unicode: string;
  at: Record<string, number>;
  value: number;
  /** The reverse-mode gradient the estimates are compared with. */
  exact: Record<string, number>;
  methods?: Record<Method, Estimates>;
  sweep?: {
    wrt: string;
    rows: SweepRow[];
    /** The documented steps for each scheme at this point. */
    rule: { central: number; forward: number };
    best: { central: SweepRow; forward: SweepRow };
    svg?: string;
  };
}

const METHODS: readonly Method[] = ['central', 'forward', 'richardson'];

export const numericCommand = defineCommand<NumericResult>({
  name: 'numeric',
  summary: 'finite differences and Richardson extrapolation against reverse mode; --sweep plots error against h',
  configure: (cmd: Command) =>
    cmd
      .argument('<expr>', 'expression in textbook notation')
      .option('--at <point>', 'the point, e.g. x=1')
      .option('--wrt <name>', 'the variable for --sweep (default: the first)')
      .option('--sweep', 'tabulate the error against h from 1 to 1e-16 for central and forward differences')
      .option('--svg <file>', 'with --sweep: plot the errors (log-log) to an SVG file')
      .option('--vars <names>', 'declare multi-letter variable names, e.g. rate,theta'),
  toRequest: (args, opts) => ({ cmd: 'numeric', expr: args[0], at: opts.at, wrt: opts.wrt, sweep: opts.sweep, svg: opts.svg, vars: opts.vars }),
  run: async (req: Request, ctx?: RunContext) => {
    const expr = reqString(req, 'expr');
    const svgPath = optString(req, 'svg') === undefined ? undefined : outputPath(optString(req, 'svg')!, ctx, '--svg');
    const e = parseArgument(expr, { variables: optList(req, 'vars') ?? [] });
    const at = normalizePoint(req.at);
    const ref = reverseGradient(e, at);
    const base = { expr, readAs: printAscii(e), unicode: printUnicode(e), at, value: ref.value, exact: ref.gradient };
    if (!optBool(req, 'sweep')) {
      const methods = Object.fromEntries(
        METHODS.map((m) => {
          const r = numericGradient(e, at, { method: m });
          const error: Record<string, number> = {};
          for (const v of r.vars) error[v] = Math.abs(r.gradient[v]! - ref.gradient[v]!);
          return [m, { gradient: r.gradient, errorEstimate: r.errorEstimate, error, steps: r.steps, evaluations: r.evaluations }];
        }),
      ) as Record<Method, Estimates>;
      return { ...base, methods };
    }
    const vars = freeVariables(e);
    const wrtRaw = optString(req, 'wrt');
    const wrt = wrtRaw === undefined ? vars[0] : canonicalName(wrtRaw);
    if (wrt === undefined || !vars.includes(wrt)) {
      throw new DiffError(wrtRaw === undefined ? 'the expression has no variables' : `${wrtRaw} is not a variable of the expression (${vars.join(', ')})`);
    }
    const f = compile(e, { vars });
    const xs = Float64Array.from(vars, (v) => at[v]!);
    const k = vars.indexOf(wrt);
    const g = (t: number): number => {
      const old = xs[k]!;
      xs[k] = t;
      const y = f.fromArray(xs);
      xs[k] = old;
      return y;
    };
    const x0 = at[wrt]!;
    const rows = sweep(g, x0, ref.gradient[wrt]!);
    const best = (key: 'central' | 'forward'): SweepRow => rows.reduce((b, r) => (r[key] < b[key] ? r : b), rows[0]!);
    const result: NumericResult = {
      ...base,
      sweep: { wrt, rows, rule: { central: stepSize(x0, 'central'), forward: stepSize(x0, 'forward') }, best: { central: best('central'), forward: best('forward') } },
    };
    const svg = optString(req, 'svg');
    if (svg !== undefined && svgPath !== undefined) {
      const [{ lineChart }, { writeSvg }] = await Promise.all([import('../../plot/vega.ts'), import('../../node/files.ts')]);
      const floor = 1e-17; // an exact difference (error 0) is drawn at the floor of the log scale
      const data = rows.flatMap((r) => [
        { x: r.h, y: Math.max(r.central, floor), series: 'central difference' },
        { x: r.h, y: Math.max(r.forward, floor), series: 'forward difference' },
      ]);
      await writeSvg(
        svgPath,
        lineChart({
          title: `Relative error of finite differences for ∂/∂${wrt} of ${printUnicode(e)} at ${wrt} = ${x0}`,
          rows: data,
          xTitle: 'step h',
          yTitle: 'relative error',
          xLog: true,
          yLog: true,
          width: 560,
        }),
      );
      result.sweep!.svg = svg;
    }
    return result;
  },
  text: (r) => numericText(r),
});

const e2 = (v: number): string => (v === 0 ? '0' : Number.isFinite(v) ? v.toExponential(2) : String(v));

function grid(rows: readonly (readonly string[])[]): string[] {
  const w = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  return rows.map((r) => r.map((cell, c) => cell + ' '.repeat(w[c]! - [...cell].length)).join('   ').trimEnd());
}

function numericText(r: NumericResult): string {
  const out = [`f = ${r.unicode}   value ${r.value}`, ''];
  if (r.methods) {
    for (const v of Object.keys(r.exact)) {
      out.push(`∂f/∂${v} = ${r.exact[v]} (reverse mode)`);
      out.push(
        ...grid([
          ['method', 'estimate', 'step h', 'error estimate', 'actual error', 'evaluations'],
          ...METHODS.map((m) => {
            const x = r.methods![m];
            return [m, String(x.gradient[v]), e2(x.steps[v]!), e2(x.errorEstimate[v]!), e2(x.error[v]!), String(x.evaluations)];
          }),
        ]).map((l) => '  ' + l),
        '',
      );
    }
    out.push('steps: central h = ∛ε·max(|x|, 1), forward h = √ε·max(|x|, 1); Richardson starts at 0.1·max(|x|, 1) and shrinks by 1.4');
    return out.join('\n');
  }
  const s = r.sweep!;
  out.push(`relative error of ∂f/∂${s.wrt} = ${r.exact[s.wrt]} against the step h`, '');
  out.push(...grid([['h', 'central', 'forward'], ...s.rows.map((row) => [e2(row.h), e2(row.central), e2(row.forward)])]).map((l) => '  ' + l));
  out.push(
    '',
    `best h: central ${e2(s.best.central.h)} (error ${e2(s.best.central.central)}), forward ${e2(s.best.forward.h)} (error ${e2(s.best.forward.forward)})`,
    `the step rule picks: central ${e2(s.rule.central)}, forward ${e2(s.rule.forward)}`,
    'large h: truncation error (∝ h² central, ∝ h forward); small h: rounding error (∝ ε/h)',
  );
  if (s.svg !== undefined) out.push(`wrote ${s.svg}`);
  return out.join('\n');
}
