// A REPL session: its state (the point, definitions, declared variables, the
// last result) and the answer to one input. `run` never throws: every
// error becomes text, parse errors with a caret under the position.

import { DiffError, ParseError } from '../../expr/errors.ts';
import { assertNever, type Expr } from '../../expr/expr.ts';
import { unicodeName } from '../../expr/names.ts';
import { printAscii, printUnicode } from '../../expr/print.ts';
import { freeVariables } from '../../expr/traverse.ts';
import { parse } from '../../parse/index.ts';
import { errorText, visibleControls, type Point } from '../io.ts';
import { refuseDerivativeNotation } from '../notation.ts';
import { checkedValue, mismatchText } from '../value.ts';
import { inProcess, Interrupted, NotAvailableError, type CliRunner } from './bridge.ts';
import { findReplCommand, suggestCommand } from './commands.ts';
import { completeLine, type Completion } from './completion.ts';
import { Definitions, headOf, parameterised, parameterNote } from './defs.ts';
import { formatValue, makeStyle, pointText, table, type Style } from './format.ts';
import { derivativeName, readInput, type DerivativeSpec, type Input } from './input.ts';
import { derivative, gradientOf, laplacianOf, simplified } from './symbolic.ts';

export interface Reply {
  readonly text: string;
  /** The input asked to leave (:quit). */
  readonly quit?: boolean;
  /** The input failed (its text is the error). */
  readonly error?: boolean;
}

export interface SessionOptions {
  readonly style?: Style;
  /** Directory for relative file names (:save, :load, :graph). */
  readonly cwd?: string;
  /** How command-line commands run (default: in this thread). */
  readonly runCli?: CliRunner;
  /**
   * Answers lines elsewhere (the REPL's worker thread, WorkerRunner.answer)
   * from this session's state, and sets in it what the line changed.
   * Default: every line is answered in this thread.
   */
  readonly remote?: RemoteAnswer;
}

/** Answers a line (already made visible) for a session, elsewhere; may reject (Interrupted). */
export type RemoteAnswer = (line: string, session: Session) => Promise<Reply>;

/** A line with the offset of a part of it: errors in the part are shown under the whole line. */
export interface Located {
  readonly text: string;
  readonly offset: number;
  readonly line: string;
}

/** What a result relies on and why it may be unsimplified, as detail lines. */
export function caveats(r: { readonly assumptions: readonly string[]; readonly notes: readonly string[] }): string[] {
  return [...(r.assumptions.length ? [`where ${r.assumptions.join(', ')}`] : []), ...r.notes];
}

const AS_READ = 'the expression as read';
const AS_DERIVED = 'the derivative as derived';

/** A value-producing input worked out: the form to show and what its values come from. */
export interface Computed {
  /** The simplified form, for display. */
  readonly expr: Expr;
  readonly detail: readonly string[];
  /** The expression as read, or the derivative as derived (chain rule, unsimplified); undefined when too large to build. */
  readonly source: Expr | undefined;
  /** How to name the source in a warning. */
  readonly what: string;
}

export class Session {
  point: Point = {};
  /** Declared multi-letter variable names (`rate` read whole, not r·a·t·e). */
  vars: string[] = [];
  readonly defs = new Definitions();
  /** The last expression computed, available as `ans`. */
  last: Expr | undefined;
  /** What the last result's values come from. */
  lastSource: Pick<Computed, 'source' | 'what'> | undefined;
  readonly style: Style;
  readonly cwd: string;
  /** Runs the command line's commands (:check, :train, :diff …). */
  readonly runCli: CliRunner;

  constructor(options: SessionOptions = {}) {
    this.style = options.style ?? makeStyle(false);
    this.cwd = options.cwd ?? process.cwd();
    this.runCli = options.runCli ?? inProcess;
    this.remote = options.remote;
  }

  private readonly remote: RemoteAnswer | undefined;

  /** The answer to one input (possibly several lines joined by \n). Never throws. */
  async run(typed: string): Promise<Reply> {
    // Control characters (a pasted ESC sequence, a :load-ed file) are shown, never sent to the terminal.
    const line = visibleControls(typed);
    const reply = this.remote !== undefined ? await this.answerRemotely(this.remote, line) : await this.answerLine(line);
    if (reply.error === true) this.failures++;
    return reply;
  }

  private async answerRemotely(remote: RemoteAnswer, line: string): Promise<Reply> {
    try {
      return await remote(line, this);
    } catch (err) {
      return { text: this.errorReport(err, { text: line, offset: 0, line }), error: true };
    }
  }

  /** Lines that failed so far (a piped REPL exits non-zero when any did). */
  failures = 0;

  private async answerLine(line: string): Promise<Reply> {
    let located: Located = { text: line, offset: 0, line };
    try {
      const input = readInput(line, { variables: this.knownVariables() });
      if (input.kind === 'command') located = { text: input.rest, offset: input.offset, line };
      return await this.answer(input, line);
    } catch (err) {
      return { text: this.errorReport(err, located), error: true };
    }
  }

  /** Tab completion for a partial line. */
  complete(line: string): Promise<Completion> {
    return completeLine(line, this);
  }

  private async answer(input: Input, line: string): Promise<Reply> {
    switch (input.kind) {
      case 'blank':
        return { text: '' };
      case 'command': {
        if (input.name === '') throw new DiffError('a command follows the colon, as in :help or :at x=2');
        const c = await findReplCommand(input.name);
        if (c === undefined) {
          const hint = await suggestCommand(input.name);
          throw new DiffError(`unknown command :${input.name}${hint ? `; did you mean :${hint}?` : ''} (:help lists the commands)`);
        }
        return c.run(this, { text: input.rest, offset: input.offset, line });
      }
      case 'definition':
        return { text: this.define(input.name, input.params, { text: input.body, offset: input.offset, line }, input.parameters) };
      case 'derivative':
      case 'expression': {
        const r = await this.compute(input, line);
        this.remember(r);
        return { text: this.show(r) };
      }
      case 'gradient': {
        if (input.laplacian) {
          const r = await this.compute(input, line);
          this.remember(r);
          return { text: this.show(r) };
        }
        return { text: await this.gradient({ text: input.body, offset: input.offset, line }) };
      }
      default:
        return assertNever(input);
    }
  }

  // -------------------------------------------------------------------------
  // Reading expressions

  /** Multi-letter names the line reader must know: declared variables and plain definitions. */
  knownVariables(): string[] {
    const names = new Set(this.vars);
    for (const d of this.defs.list()) if (d.name.length > 1) names.add(d.name);
    return [...names];
  }

  /**
   * Parses an expression of the session: definitions expanded, `ans` bound to
   * the last result, a lone function name (`f` for f(x, y) = …) standing for
   * its body. `bound` names (parameters) are plain variables.
   */
  parseExpr(at: Located, bound: readonly string[] = []): Expr {
    const text = at.text.trim();
    const lone = this.defs.get(text);
    if (lone?.params !== undefined && !bound.includes(text)) return lone.body;
    const eq = at.text.indexOf('=');
    if (eq >= 0) {
      throw new ParseError(`'=' belongs in a definition such as f = x² or f(x, y) = x + y; equations are not supported`, at.line, at.offset + eq);
    }
    refuseDerivativeNotation(at.text, 'a derivative starts the line (d/dx (d/dx sin x) and d²/dx² sin x work; d/dx ans differentiates the last result)', at.line, at.offset);
    const mentionsAns = !bound.includes('ans') && /(?<![\p{L}\p{N}_])ans(?![\p{L}\p{N}_])/u.exec(at.text);
    if (mentionsAns && this.last === undefined) {
      throw new ParseError('ans is the last result, and there is none yet', at.line, at.offset + mentionsAns.index);
    }
    const useAns = mentionsAns !== null && this.last !== undefined;
    const options = this.defs.parseOptions(this.vars, bound, useAns ? ['ans'] : []);
    let e: Expr;
    try {
      e = parse(at.text, options);
    } catch (err) {
      if (err instanceof ParseError && at.offset + at.text.length <= at.line.length && at.line !== at.text) {
        throw new ParseError(err.message, at.line, at.offset + (err.pos ?? 0));
      }
      throw err;
    }
    return this.defs.expand(e, bound, useAns ? new Map([['ans', this.last!]]) : new Map());
  }

  /** Sets `ans` and what its values come from. */
  remember(r: Computed): void {
    this.last = r.expr;
    this.lastSource = { source: r.source, what: r.what };
  }

  /**
   * The expression a value-producing input stands for (an expression or a
   * derivative), simplified for display, with detail lines and the source of
   * its values (the expression as read, the derivative as derived).
   */
  async compute(input: Input, line: string): Promise<Computed> {
    if (input.kind === 'expression') {
      const e = this.parseExpr({ text: input.text, offset: input.offset, line });
      const r = await simplified(e);
      return { expr: r.expr, source: e, what: AS_READ, detail: [`read as ${printAscii(e)}`, ...caveats(r), ...this.productNotes(input.text)] };
    }
    if (input.kind === 'derivative') {
      const base = this.derivativeBase(input.spec, input.of, { text: input.body, offset: input.offset, line });
      const r = await derivative(base, input.spec.wrt);
      return { expr: r.expr, source: r.source, what: AS_DERIVED, detail: caveats(r) };
    }
    if (input.kind === 'gradient' && input.laplacian) {
      const r = await laplacianOf(this.parseExpr({ text: input.body, offset: input.offset, line }));
      return { expr: r.expr, source: r.source, what: AS_DERIVED, detail: caveats(r) };
    }
    throw new DiffError(`expected an expression or a derivative such as d/dx sin x, got ${JSON.stringify(line.trim())}`);
  }

  /** `f(2)` with a plain definition f = … multiplies: say so, since it looks like a call. */
  private productNotes(text: string): string[] {
    const notes: string[] = [];
    for (const d of this.defs.list()) {
      // Names are letters, digits and subscripts: nothing to escape.
      if (d.params !== undefined || freeVariables(d.body).length === 0) continue;
      if (new RegExp(`(?<![\\p{L}\\p{N}_])(?:${d.name}|${unicodeName(d.name)})\\s*\\(`, 'u').test(text)) {
        notes.push(`${unicodeName(d.name)}(…) multiplies: ${unicodeName(d.name)} is not a function; define ${d.name}(x) = … to call it`);
      }
    }
    return notes;
  }

  private derivativeBase(spec: DerivativeSpec, of: string | undefined, body: Located): Expr {
    if (of === undefined) return this.parseExpr(body);
    const d = this.defs.get(of);
    if (d === undefined) {
      throw new DiffError(
        `${spec.head}: ${unicodeName(of)} is not defined; define it first (${unicodeName(of)} = x²y) or write ${derivativeName(spec.wrt, spec.symbol, unicodeName)} followed by an expression`,
      );
    }
    return d.body;
  }

  // -------------------------------------------------------------------------
  // Answers

  /** A result and its details: how it was read, its value at the point (taken from its source). */
  show(r: Computed): string {
    const s = this.style;
    const lines = [s.result(printUnicode(r.expr)), ...r.detail.map((d) => s.dim(`  ${d}`))];
    const value = this.valueLine(r.expr, r.source, r.what);
    if (value !== undefined) lines.push(value);
    return lines.join('\n');
  }

  /**
   * `  = 4.78 at x = 2, y = 5`, a hint when the point misses variables, or
   * nothing. The value is that of `source` (the expression as read, the
   * derivative as derived), checked against the shown form e: a difference
   * is a loud warning, never hidden.
   */
  valueLine(e: Expr, source: Expr | undefined, what: string = AS_READ): string | undefined {
    const s = this.style;
    const free = freeVariables(source ?? e);
    const point = this.pointFor(free);
    if (point === undefined) {
      const missing = free.filter((v) => !Object.prototype.hasOwnProperty.call(this.point, v));
      if (missing.length < free.length) return s.dim(`  (no value: the point does not set ${missing.map(unicodeName).join(', ')}; :at ${unicodeName(missing[0]!)}=…)`);
      return undefined;
    }
    const where = free.length === 0 ? '' : ` at ${pointText(point)}`;
    const c = checkedValue(source, e, point);
    // A number needs no value line, unless it is wrong.
    if (free.length === 0 && e.kind === 'num' && c.shownDiffers === undefined && c.unchecked === undefined) return undefined;
    const lines = ['value' in c.outcome ? `  = ${s.result(formatValue(c.outcome.value))}${s.dim(where)}` : s.warn(`  no value${where}: ${c.outcome.error}`)];
    const warning = mismatchText(c, formatValue, what);
    if (warning !== undefined) lines.push(s.error(`  ${warning}`));
    if (c.unchecked !== undefined) lines.push(s.dim(`  (${c.unchecked})`));
    return lines.join('\n');
  }

  /** The point restricted to the variables, or undefined if it misses one. */
  pointFor(names: readonly string[]): Point | undefined {
    const p: Record<string, number> = {};
    for (const n of names) {
      const v = Object.prototype.hasOwnProperty.call(this.point, n) ? this.point[n] : undefined; // never Object.prototype's constructor
      if (v === undefined) return undefined;
      p[n] = v;
    }
    return p;
  }

  private async gradient(at: Located): Promise<string> {
    const e = this.parseExpr(at);
    // ∇ f for f(x; w, b) = …: by the parameters, the gradient training needs
    const def = parameterised(this.defs, at.text);
    const { entries: parts, ...rest } = await gradientOf(e, def?.parameters);
    if (parts.length === 0) return this.style.dim(`∇ is empty: ${printUnicode(e)} has no variables`);
    const point = this.pointFor(parts.map((p) => p.variable));
    const s = this.style;
    const warnings: string[] = [];
    const rows = parts.map(({ variable: v, partial, raw }) => {
      const row = [s.label(`∂/∂${unicodeName(v)}`), s.result(printUnicode(partial))];
      if (point !== undefined) {
        // The value of the partial as derived, checked against the simplified form shown.
        const c = checkedValue(raw, partial, this.pointFor(freeVariables(raw ?? partial)) ?? point);
        row.push('value' in c.outcome ? `= ${formatValue(c.outcome.value)}` : s.warn(`no value: ${c.outcome.error}`));
        const w = mismatchText(c, formatValue, 'the partial as derived');
        if (w !== undefined) warnings.push(s.error(`  ∂/∂${unicodeName(v)}: ${w}`));
        if (c.unchecked !== undefined) warnings.push(s.dim(`  ∂/∂${unicodeName(v)}: ${c.unchecked}`));
      }
      return row;
    });
    const out = [table(rows), ...warnings, ...caveats(rest).map((c) => s.dim(`  ${c}`))];
    if (def !== undefined) out.unshift(s.dim(`∇ ${def.name} ${parameterNote(def, `∇ ${printUnicode(def.body)} differentiates by every variable`)}`));
    if (point !== undefined) out.push(s.dim(`  at ${pointText(point)}`));
    return out.join('\n');
  }

  /** f = …, f(x, y) = …: returns the confirmation line. */
  define(name: string, params: readonly string[] | undefined, body: Located, parameters: readonly string[] = []): string {
    const refusal = Definitions.refusal(name);
    if (refusal !== undefined) throw new ParseError(refusal, body.line, body.line.length - body.line.trimStart().length);
    const bound = params ?? [];
    const e = this.parseExpr(body, bound);
    if (this.defs.get(name) === undefined && !bound.includes(name) && freeVariables(e).includes(name)) {
      throw new DiffError(`${unicodeName(name)} appears in its own definition; a definition cannot refer to itself (give the new one another name)`);
    }
    if (params !== undefined) {
      const unused = params.filter((p) => !freeVariables(e).includes(p));
      const def = { name, params, ...(parameters.length > 0 ? { parameters } : {}), body: e };
      this.defs.define(def);
      const head = headOf(def, unicodeName);
      const note = unused.length ? this.style.dim(`  (${unused.map(unicodeName).join(', ')} not used in the body)`) : '';
      return [`${this.style.label(head)} = ${printUnicode(e)}`, note].filter((l) => l !== '').join('\n');
    }
    this.defs.define({ name, params: undefined, body: e });
    const lines = [`${this.style.label(unicodeName(name))} = ${printUnicode(e)}`];
    if (e.kind === 'num') {
      lines.push(this.style.dim(`  (${unicodeName(name)} now stands for ${printUnicode(e)} in later lines; to evaluate at a point instead, use :at ${name}=${printAscii(e)}; :del ${name} removes it)`));
    }
    return lines.join('\n');
  }

  /** The error as text, with a caret under the position in the line typed. */
  errorReport(err: unknown, at: Located): string {
    if (err instanceof NotAvailableError || err instanceof Interrupted) return this.style.warn(err.message);
    let text: string;
    if (err instanceof ParseError) {
      text = errorText(err);
    } else if (err instanceof DiffError && err.pos !== undefined) {
      text = errorText(new ParseError(err.message, at.line, at.offset + err.pos)).replace(/^parse error: /, 'error: ');
    } else {
      text = errorText(err, at.text);
    }
    // Advice written for the command line, said the REPL's way.
    text = text.replace(/\(e\.g\. --at ([^)]*)\)/g, '(e.g. :at $1)');
    const [first, ...rest] = text.split('\n');
    return [this.style.error(first!), ...rest].join('\n');
  }
}
