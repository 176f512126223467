// A REPL session: its state (the point, definitions, declared variables, the
// last result) and the answer to one input. `run` never throws: every
// error becomes text, parse errors with a caret under the position.

import { DiffError, ParseError } from '../../expr/errors.ts';
import { assertNever, type Expr } from '../../expr/expr.ts';
import { evaluate } from '../../expr/eval.ts';
import { unicodeName } from '../../expr/names.ts';
import { printAscii, printUnicode } from '../../expr/print.ts';
import { freeVariables } from '../../expr/traverse.ts';
import { parse } from '../../parse/index.ts';
import { errorText, type Point } from '../io.ts';
import { NotAvailableError } from './bridge.ts';
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
}

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

export class Session {
  point: Point = {};
  /** Declared multi-letter variable names (`rate` read whole, not r·a·t·e). */
  vars: string[] = [];
  readonly defs = new Definitions();
  /** The last expression computed, available as `ans`. */
  last: Expr | undefined;
  readonly style: Style;
  readonly cwd: string;

  constructor(options: SessionOptions = {}) {
    this.style = options.style ?? makeStyle(false);
    this.cwd = options.cwd ?? process.cwd();
  }

  /** The answer to one input (possibly several lines joined by \n). Never throws. */
  async run(line: string): Promise<Reply> {
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
        const { expr, detail } = await this.compute(input, line);
        this.last = expr;
        return { text: this.show(expr, detail) };
      }
      case 'gradient': {
        if (input.laplacian) {
          const { expr, detail } = await this.compute(input, line);
          this.last = expr;
          return { text: this.show(expr, detail) };
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

  /** The expression a value-producing input stands for (an expression or a derivative), with detail lines. */
  async compute(input: Input, line: string): Promise<{ expr: Expr; detail: string[] }> {
    if (input.kind === 'expression') {
      const e = this.parseExpr({ text: input.text, offset: input.offset, line });
      const r = await simplified(e);
      return { expr: r.expr, detail: [`read as ${printAscii(e)}`, ...caveats(r), ...this.productNotes(input.text)] };
    }
    if (input.kind === 'derivative') {
      const base = this.derivativeBase(input.spec, input.of, { text: input.body, offset: input.offset, line });
      const r = await derivative(base, input.spec.wrt);
      return { expr: r.expr, detail: caveats(r) };
    }
    if (input.kind === 'gradient' && input.laplacian) {
      const r = await laplacianOf(this.parseExpr({ text: input.body, offset: input.offset, line }));
      return { expr: r.expr, detail: caveats(r) };
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

  /** A result and its details: how it was read, its value at the point. */
  show(e: Expr, detail: readonly string[]): string {
    const s = this.style;
    const lines = [s.result(printUnicode(e)), ...detail.map((d) => s.dim(`  ${d}`))];
    const value = this.valueLine(e);
    if (value !== undefined) lines.push(value);
    return lines.join('\n');
  }

  /** `  = 4.78 at x = 2, y = 5`, a hint when the point misses variables, or nothing. */
  valueLine(e: Expr): string | undefined {
    const s = this.style;
    const free = freeVariables(e);
    const point = this.pointFor(free);
    if (point === undefined) {
      const missing = free.filter((v) => !(v in this.point));
      if (missing.length < free.length) return s.dim(`  (no value: the point does not set ${missing.map(unicodeName).join(', ')}; :at ${unicodeName(missing[0]!)}=…)`);
      return undefined;
    }
    if (free.length === 0 && e.kind === 'num') return undefined;
    const where = free.length === 0 ? '' : ` at ${pointText(point)}`;
    try {
      return `  = ${s.result(formatValue(evaluate(e, point)))}${s.dim(where)}`;
    } catch (err) {
      if (err instanceof DiffError) return s.warn(`  no value${where}: ${err.message}`);
      throw err;
    }
  }

  /** The point restricted to the variables, or undefined if it misses one. */
  pointFor(names: readonly string[]): Point | undefined {
    const p: Record<string, number> = {};
    for (const n of names) {
      const v = this.point[n];
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
    const rows = parts.map(({ variable: v, partial }) => {
      const row = [s.label(`∂/∂${unicodeName(v)}`), s.result(printUnicode(partial))];
      if (point !== undefined) {
        try {
          row.push(`= ${formatValue(evaluate(partial, this.pointFor(freeVariables(partial))!))}`);
        } catch (err) {
          if (!(err instanceof DiffError)) throw err;
          row.push(s.warn(`no value: ${err.message}`));
        }
      }
      return row;
    });
    const out = [table(rows), ...caveats(rest).map((c) => s.dim(`  ${c}`))];
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
    if (err instanceof NotAvailableError) return this.style.warn(err.message);
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
