// The REPL's `:` commands. Session commands (:at, :vars, :defs, :save, …)
// live here; the rest run the command line's own commands through the
// bridge, so :check is exactly `difflab check` with the session's point.

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DiffError, ParseError } from '../../expr/errors.ts';
import type { Expr } from '../../expr/expr.ts';
import { evaluate } from '../../expr/eval.ts';
import { canonicalName, unicodeName } from '../../expr/names.ts';
import { printAscii, printLatex, printUnicode } from '../../expr/print.ts';
import { freeVariables } from '../../expr/traverse.ts';
import { functionNames } from '../../ops/index.ts';
import { parse } from '../../parse/index.ts';
import { toNumber, visibleControls } from '../io.ts';
import { argumentsOf, cliCommandNames, cliHelp, commanderFor, findCliCommand, hasOption, NotAvailableError, splitOptions, shellWords } from './bridge.ts';
import { pointArg, pointText, table } from './format.ts';
import { headOf, parameterised, parameterNote } from './defs.ts';
import { readInput, type Input } from './input.ts';
import { caveats, type Computed, type Located, type Reply, type Session } from './session.ts';
import { expanded, simplified } from './symbolic.ts';

export interface ReplCommand {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** `:check <expr>` */
  readonly usage: string;
  readonly summary: string;
  /** A line that works as typed. */
  readonly example: string;
  /** The command-line command it runs, if any. */
  readonly cli?: string;
  run(session: Session, args: Located): Promise<Reply>;
}

const reply = (text: string): Reply => ({ text });

/** The default session file of :save and :load. */
export const SESSION_FILE = 'session.difflab';

// ---------------------------------------------------------------------------
// Arguments

/** The words at the start of a text, each with its offset. */
function leadingWords(at: Located, count: number): { words: string[]; rest: Located } {
  const words: string[] = [];
  let offset = 0;
  const t = at.text;
  for (let i = 0; i < count; i++) {
    const m = /^\s*(\S+)\s*/.exec(t.slice(offset));
    if (!m) break;
    words.push(m[1]!);
    offset += m[0].length;
  }
  return { words, rest: { text: t.slice(offset), offset: at.offset + offset, line: at.line } };
}

/**
 * The expression as the command line should receive it: the text as typed
 * when it means the same without the session, else the session's reading
 * (definitions and `ans` expanded) in explicit ASCII.
 */
export function expressionArgument(session: Session, at: Located): string {
  const e = session.parseExpr(at);
  let plain: Expr | undefined;
  try {
    plain = parse(at.text, { variables: session.vars });
  } catch {
    plain = undefined;
  }
  return plain === e ? at.text.trim() : printAscii(e);
}

const EXPR_ARGUMENT = /^(expr|expression|f|function)$/i;


/**
 * Runs a CLI command from a REPL line: leading words fill the arguments
 * before the expression, trailing words those after it, the middle is the
 * expression; `--options` pass through as typed.
 */
async function runCliLine(session: Session, cliName: string, at: Located, preset: readonly string[] = [], trailing?: string): Promise<Reply> {
  const c = await findCliCommand(cliName);
  if (c === undefined) throw new NotAvailableError(cliName);
  const cmd = commanderFor(c);
  const declared = argumentsOf(cmd);
  const { positional, options } = splitOptions(at.text);
  const located: Located = { text: positional, offset: at.offset + (at.text.length - at.text.trimStart().length), line: at.line };
  const k = declared.findIndex((a) => EXPR_ARGUMENT.test(a.name()));
  const argv: string[] = [];
  if (k >= 0) {
    const { words, rest } = leadingWords(located, k);
    argv.push(...words);
    if (rest.text.trim() !== '') argv.push(expressionArgument(session, rest));
    if (trailing !== undefined) argv.push(trailing);
  } else {
    argv.push(...shellWords(positional));
  }
  const out = await session.runCli(cliName, [...argv, ...preset, ...options], { point: session.point, vars: session.vars });
  return { text: out.text, error: !out.ok };
}

/** Reads a command's argument as a REPL input, positions counted in the whole line. */
function readArgument(session: Session, at: Located): Input {
  const padded = ' '.repeat(at.offset) + at.text;
  try {
    return readInput(padded, { variables: session.knownVariables() });
  } catch (err) {
    if (err instanceof ParseError) throw new ParseError(err.message, at.line, err.pos ?? 0);
    throw err;
  }
}

/** The value-producing input of :simplify, :expand, :latex (an expression or a derivative), or the last result. */
async function operand(session: Session, at: Located, what: string): Promise<Computed> {
  if (at.text.trim() === '') {
    if (session.last === undefined) throw new DiffError(`:${what} needs an expression (or a result to work on): :${what} (x + 1)²`);
    return { expr: session.last, detail: [], source: session.lastSource?.source ?? session.last, what: session.lastSource?.what ?? 'the last result' };
  }
  const input = readArgument(session, at);
  if (input.kind !== 'derivative' && input.kind !== 'expression' && !(input.kind === 'gradient' && input.laplacian)) {
    throw new DiffError(`:${what} takes an expression or a derivative such as d/dx sin x`);
  }
  const r = await session.compute(input, at.line);
  // How an expression was read is shown by typing it alone; here only what the result relies on.
  return { ...r, detail: r.detail.filter((d) => !d.startsWith('read as ')) };
}

// ---------------------------------------------------------------------------
// The point

/** `x=2 y=5`, `x = π/4, y = 1/3`: values may be constant expressions. */
export function readPoint(text: string): Record<string, number> {
  const point: Record<string, number> = {};
  const re = /([\p{L}][\p{L}\p{N}_{}]*)\s*=\s*/gu;
  const marks: { name: string; start: number; valueAt: number }[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) marks.push({ name: m[1]!, start: m.index, valueAt: m.index + m[0].length });
  if (marks.length === 0 || text.slice(0, marks[0]!.start).trim() !== '') {
    throw new DiffError(`expected name=value pairs such as :at x=2 y=5, got ${JSON.stringify(text.trim())}`);
  }
  marks.forEach((mark, i) => {
    const name = canonicalName(mark.name);
    if (name === undefined) throw new DiffError(`not a variable name: ${JSON.stringify(mark.name)}`);
    const raw = text
      .slice(mark.valueAt, i + 1 < marks.length ? marks[i + 1]!.start : text.length)
      .trim()
      .replace(/,$/, '')
      .trim();
    if (raw === '') throw new DiffError(`${name} needs a value: ${name}=2`);
    let v: number;
    try {
      v = toNumber(raw, `the value of ${name}`);
    } catch {
      const e = parse(raw);
      const free = freeVariables(e);
      if (free.length > 0) throw new DiffError(`the value of ${name} must be a number or a constant expression (π/4, √2), got ${JSON.stringify(raw)}`);
      v = evaluate(e, {});
    }
    point[name] = v;
  });
  return point;
}

// ---------------------------------------------------------------------------
// Session files

function sessionText(session: Session): string {
  const lines = ['# difflab session: definitions, declared variables and the point (:load reads it back)'];
  if (session.vars.length) lines.push(`:vars ${session.vars.join(' ')}`);
  if (Object.keys(session.point).length) lines.push(`:at ${pointArg(session.point).replace(/,/g, ' ')}`);
  for (const d of session.defs.list()) {
    lines.push(`${headOf(d, (n) => n)} = ${printAscii(d.body)}`);
  }
  return lines.join('\n') + '\n';
}

async function loadSession(session: Session, path: string, shown: string): Promise<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new DiffError(`cannot read ${shown}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  let defs = 0;
  const problems: string[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const input = readInputSafe(raw, session);
    if (input === 'blank') continue;
    if (input === 'other') {
      problems.push(`${shown}:${i + 1}: skipped (a session file holds definitions, :vars and :at): ${visibleControls(raw.trim())}`);
      continue;
    }
    const r = await session.run(raw);
    if (r.error) problems.push(`${shown}:${i + 1}: ${r.text.split('\n')[0]}`);
    else if (input === 'definition') defs++;
  }
  const summary = `loaded ${defs} definition${defs === 1 ? '' : 's'} from ${shown}`;
  return [summary, ...problems].join('\n');
}

function readInputSafe(raw: string, session: Session): 'blank' | 'definition' | 'setting' | 'other' {
  try {
    const input = readInput(raw, { variables: session.knownVariables() });
    if (input.kind === 'blank') return 'blank';
    if (input.kind === 'definition') return 'definition';
    if (input.kind === 'command' && (input.name === 'vars' || input.name === 'at')) return 'setting';
    return 'other';
  } catch {
    return 'definition'; // let run() report the error with its caret
  }
}

// ---------------------------------------------------------------------------
// The table

const VAR_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export const REPL_COMMANDS: readonly ReplCommand[] = [
  {
    name: 'at',
    usage: ':at x=2 y=5',
    summary: 'set the point; :at alone shows it, :at clear forgets it',
    example: ':at x=2 y=π/4',
    run: async (s, at) => {
      const t = at.text.trim();
      if (t === 'clear' || t === 'none') {
        s.point = {};
        return reply('point cleared');
      }
      if (t !== '') s.point = { ...s.point, ...readPoint(t) };
      return reply(`at ${pointText(s.point)}`);
    },
  },
  {
    name: 'check',
    cli: 'check',
    usage: ':check <expr>',
    summary: 'four-way comparison: symbolic, forward, reverse, numeric',
    example: ':check ln x + x²y − sin xy',
    run: async (s, at) => {
      // :check f for f(x; w, b) = …: the gradient training needs, by the parameters
      const def = parameterised(s.defs, splitOptions(at.text).positional);
      if (def === undefined || /(?:^|\s)--wrt\b/.test(at.text)) return runCliLine(s, 'check', at);
      const r = await runCliLine(s, 'check', at, ['--wrt', def.parameters!.join(',')]);
      return { ...r, text: `${s.style.dim(`:check ${def.name} ${parameterNote(def, '--wrt names other variables')}`)}\n${r.text}` };
    },
  },
  {
    name: 'trace',
    cli: 'trace',
    usage: ':trace [forward|reverse] <expr>',
    summary: 'evaluation trace: forward (tangents) or reverse (adjoints)',
    example: ':trace reverse x²y + sin x',
    run: async (s, at) => {
      const { words, rest } = leadingWords(at, 1);
      const mode = words[0]?.toLowerCase();
      if (mode !== 'forward' && mode !== 'reverse') return runCliLine(s, 'trace', at);
      const c = await findCliCommand('trace');
      if (c === undefined) throw new NotAvailableError('trace');
      const cmd = commanderFor(c);
      if (hasOption(cmd, '--mode')) return runCliLine(s, 'trace', rest, ['--mode', mode]);
      if (hasOption(cmd, `--${mode}`)) return runCliLine(s, 'trace', rest, [`--${mode}`]);
      return runCliLine(s, 'trace', at);
    },
  },
  {
    name: 'steps',
    cli: 'diff',
    usage: ':steps [d/dx] <expr>',
    summary: 'the derivation step by step, naming each rule',
    example: ':steps d/dx x² sin x',
    run: async (s, at) => {
      const input = readArgument(s, at);
      if (input.kind === 'derivative' && input.of === undefined) {
        const body: Located = { text: input.body, offset: input.offset, line: at.line };
        const distinct = [...new Set(input.spec.wrt)];
        // The command line lists variables in the order they are applied: ∂²/∂x∂y is --wrt y,x.
        const wrt = distinct.length === 1 ? ['--wrt', distinct[0]!, ...(input.spec.order > 1 ? ['--order', String(input.spec.order)] : [])] : ['--wrt', [...input.spec.wrt].reverse().join(',')];
        return runCliLine(s, 'diff', body, ['--steps', ...wrt]);
      }
      return runCliLine(s, 'diff', at, ['--steps']);
    },
  },
  {
    name: 'simplify',
    usage: ':simplify <expr>',
    summary: 'textbook form (of the last result if none is given)',
    example: ':simplify x·x² + 2x + 3x',
    run: async (s, at) => {
      // Expressions and derivatives are simplified as they are computed.
      const o = await operand(s, at, 'simplify');
      const r = at.text.trim() === '' ? await simplified(o.expr) : { expr: o.expr, assumptions: [], notes: [] };
      const out: Computed = { ...o, expr: r.expr, detail: [...o.detail, ...caveats(r)] };
      s.remember(out);
      return reply(s.show(out));
    },
  },
  {
    name: 'expand',
    usage: ':expand <expr>',
    summary: 'multiply out and collect (of the last result if none is given)',
    example: ':expand d/dx 16x(1 − x)(1 − 2x)²',
    run: async (s, at) => {
      const o = await operand(s, at, 'expand');
      const r = await expanded(o.expr);
      const out: Computed = { ...o, expr: r.expr, detail: [...new Set([...o.detail, ...caveats(r)])] };
      s.remember(out);
      return reply(s.show(out));
    },
  },
  {
    name: 'latex',
    usage: ':latex <expr>',
    summary: 'LaTeX source (of the last result if none is given)',
    example: ':latex d/dx σ(wx + b)',
    run: async (s, at) => reply(printLatex((await operand(s, at, 'latex')).expr)),
  },
  {
    name: 'swell',
    cli: 'swell',
    usage: ':swell <family> <n>',
    summary: 'expression swell: tree against DAG sizes for n = 1…N',
    example: ':swell logistic 10',
    run: async (s, at) => {
      const c = await findCliCommand('swell');
      if (c === undefined) throw new NotAvailableError('swell');
      const cmd = commanderFor(c);
      const { positional, options } = splitOptions(at.text);
      const words = shellWords(positional);
      const slots = argumentsOf(cmd).length;
      // `:swell logistic 10`: the count is the command line's --n when it is not an argument.
      if (words.length > slots && /^\d+$/.test(words[words.length - 1]!) && hasOption(cmd, '--n') && !options.includes('--n')) {
        const n = words.pop()!;
        options.push('--n', n);
      }
      const out = await s.runCli('swell', [...words, ...options], { point: s.point, vars: s.vars });
      return { text: out.text, error: !out.ok };
    },
  },
  {
    name: 'graph',
    cli: 'graph',
    usage: ':graph <expr> <file.svg>',
    summary: 'draw the computational graph to an .svg (or .dot) file: the last word; quote a name with spaces',
    example: ':graph x²y + sin(xy) graph.svg',
    run: async (s, at) => {
      const c = await findCliCommand('graph');
      if (c === undefined) throw new NotAvailableError('graph');
      const cmd = commanderFor(c);
      const { positional, options } = splitOptions(at.text);
      // The file is the last word; a name with spaces is quoted: :graph x² "my dir/out.svg".
      const m = /\s(?:"([^"]+)"|'([^']+)'|(\S+\.(?:svg|dot|gv|png)))\s*$/i.exec(' ' + positional);
      if (m === null) return runCliLine(s, 'graph', at);
      const file = resolve(s.cwd, m[1] ?? m[2] ?? m[3]!);
      const exprText: Located = { text: positional.slice(0, positional.length - m[0].length + 1), offset: at.offset + (at.text.length - at.text.trimStart().length), line: at.line };
      const graphviz = /\.(dot|gv)$/i.test(file);
      const fileOption = (graphviz ? ['--dot'] : ['--svg', '--out', '--output', '--file', '-o']).find((o) => hasOption(cmd, o) || cmd.options.some((x) => x.short === o));
      const declared = argumentsOf(cmd);
      if (declared.length >= 2) return runCliLine(s, 'graph', { ...exprText, text: exprText.text + ' ' + options.join(' ') }, [], file);
      if (fileOption !== undefined) return runCliLine(s, 'graph', exprText, [fileOption, file, ...options]);
      return runCliLine(s, 'graph', at);
    },
  },
  {
    name: 'train',
    cli: 'train',
    usage: ':train <task> | :train f (a definition f(x; w, b) = …)',
    summary: 'train a network on the tape, with progress; or learn the parameters of your own f(x; w, b)',
    example: ':train neuron',
    run: (s, at) => {
      // :train f --data and: the neuron task with the definition as its model
      const { positional, options } = splitOptions(at.text);
      const def = s.defs.get(canonicalName(positional) ?? positional);
      if (def?.params === undefined) return runCliLine(s, 'train', at);
      if (def.parameters === undefined) {
        throw new DiffError(`${headOf(def, unicodeName)} has no parameters to learn: define it as ${def.name}(x; w, b) = …, with the parameters after a semicolon`);
      }
      if (options.includes('--model')) throw new DiffError(`:train ${def.name} trains ${def.name} itself; --model is for :train neuron`);
      return runCliLine(s, 'train', { ...at, text: `neuron ${options.map((o) => (/\s/.test(o) ? JSON.stringify(o) : o)).join(' ')}` }, ['--model', `${headOf(def, (n) => n)} = ${printAscii(def.body)}`]);
    },
  },
  {
    name: 'vars',
    usage: ':vars [names…]',
    summary: 'declare multi-letter variables (rate, not r·a·t·e)',
    example: ':vars rate theta',
    run: async (s, at) => {
      for (const name of at.text.split(/[\s,]+/).filter((w) => w !== '')) {
        if (!VAR_NAME.test(name)) throw new DiffError(`not a variable name: ${JSON.stringify(name)} (a letter followed by letters, digits or _)`);
        if (functionNames.has(name)) throw new DiffError(`${name} is a built-in function and cannot be a variable`);
        if (!s.vars.includes(name)) s.vars.push(name);
      }
      return reply(s.vars.length ? `declared: ${s.vars.join(', ')}` : 'no declared variables (single letters, Greek letters and x₁ need no declaration): :vars rate theta');
    },
  },
  {
    name: 'defs',
    usage: ':defs',
    summary: 'list the definitions',
    example: ':defs',
    run: async (s) => {
      const defs = s.defs.list();
      if (defs.length === 0) return reply('no definitions yet: f = x²y defines a name, f(x, y) = x + y a function');
      const rows = defs.map((d) => [s.style.label(headOf(d, unicodeName)), '=', printUnicode(d.body)]);
      return reply(table(rows));
    },
  },
  {
    name: 'del',
    aliases: ['undef'],
    usage: ':del <name…>',
    summary: 'remove definitions',
    example: ':del f',
    run: async (s, at) => {
      const names = at.text.split(/[\s,]+/).filter((w) => w !== '');
      if (names.length === 0) throw new DiffError(':del needs the names to remove: :del f g');
      const gone: string[] = [];
      for (const raw of names) {
        const name = canonicalName(raw);
        if (name === undefined || !s.defs.delete(name)) throw new DiffError(`${raw} is not defined (:defs lists the definitions)`);
        gone.push(unicodeName(name));
      }
      return reply(`removed ${gone.join(', ')}`);
    },
  },
  {
    name: 'save',
    usage: `:save [file]`,
    summary: `save definitions, :vars and :at (default ${SESSION_FILE})`,
    example: ':save calculus.difflab',
    run: async (s, at) => {
      const name = at.text.trim() || SESSION_FILE;
      const path = resolve(s.cwd, name);
      try {
        writeFileSync(path, sessionText(s));
      } catch (err) {
        throw new DiffError(`cannot write ${name}: ${(err as Error).message}`);
      }
      const n = s.defs.size;
      return reply(`saved ${n} definition${n === 1 ? '' : 's'} to ${name}`);
    },
  },
  {
    name: 'load',
    usage: `:load [file]`,
    summary: 'load a session file written by :save',
    example: ':load calculus.difflab',
    run: async (s, at) => {
      const name = at.text.trim() || SESSION_FILE;
      return reply(await loadSession(s, resolve(s.cwd, name), name));
    },
  },
  {
    name: 'help',
    aliases: ['h', '?'],
    usage: ':help [command]',
    summary: 'this list, or one command in detail',
    example: ':help check',
    run: async (s, at) => reply(await helpText(s, at.text.trim().replace(/^:/, ''))),
  },
  {
    name: 'quit',
    aliases: ['q', 'exit'],
    usage: ':quit',
    summary: 'leave (Ctrl-D too)',
    example: ':quit',
    run: async () => ({ text: '', quit: true }),
  },
];

/**
 * Command-line commands the REPL reaches under their own names (:diff,
 * :grad, …) besides those it wraps; named here so that a command of the
 * plan that has not landed says "not available yet" rather than "unknown".
 */
const PASS_THROUGH_PLANNED: readonly string[] = ['diff', 'grad', 'hessian', 'numeric', 'experiment', 'eval', 'parse'];

/** A REPL command by name or alias, else a command-line command run through the bridge (:diff, :grad, …). */
export async function findReplCommand(name: string): Promise<ReplCommand | undefined> {
  const own = REPL_COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
  if (own !== undefined) return own;
  if (name === 'batch' || name === 'repl') return undefined;
  if (!PASS_THROUGH_PLANNED.includes(name) && !(await cliCommandNames()).includes(name)) return undefined;
  return {
    name,
    cli: name,
    usage: `:${name} …`,
    summary: `the command line's ${name}`,
    example: `:${name} --help`,
    run: async (s, at) => runCliLine(s, name, at),
  };
}

/** Commands of the command line that the REPL reaches under their own names (:diff, :grad, …). */
async function passThroughNames(): Promise<string[]> {
  const own = new Set(REPL_COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]));
  return (await cliCommandNames()).filter((n) => !own.has(n));
}

/** Every command name the REPL accepts, without the colon. */
export async function allCommandNames(): Promise<string[]> {
  return [...REPL_COMMANDS.map((c) => c.name), ...(await passThroughNames())];
}

/** The closest command name, when one is close enough to be a typo. */
export async function suggestCommand(name: string): Promise<string | undefined> {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of await allCommandNames()) {
    const d = editDistance(name, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return bestD <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

// ---------------------------------------------------------------------------
// Help

const INPUT_FORMS: readonly (readonly [string, string, string])[] = [
  ['<expr>', 'how it was read, the simplified form, the value at the point', 'ln x + x²y − sin xy'],
  ['d/dx <expr>', 'a derivative (also ∂/∂y, d/dy, and df/dx for a definition f)', 'd/dx ln x + x²y − sin xy'],
  ['d²/dx² <expr>', 'higher orders and mixed partials', '∂²/∂x∂y x³y²'],
  ['∇ <expr>', 'the gradient (also grad); ∇² is the Laplacian', '∇ x²y + sin y'],
  ['f = <expr>', 'define a name for later lines', 'f = x²y, then d/dx f or f + 1'],
  ['f(x, y) = <expr>', 'define a function', 'g(x, y) = x² + y², then g(1, 2)'],
  ['ans', 'the last result', 'd/dx ans'],
];

async function helpText(s: Session, topic: string): Promise<string> {
  const st = s.style;
  if (topic !== '') {
    const c = await findReplCommand(topic);
    if (c === undefined) {
      const hint = await suggestCommand(topic);
      throw new DiffError(`no command :${topic}${hint ? `; did you mean :${hint}?` : ''}`);
    }
    const own = REPL_COMMANDS.includes(c);
    const lines = own ? [`${st.code(c.usage)}  ${c.summary}`, `  e.g. ${st.code(c.example)}`] : [];
    if (c.cli !== undefined) {
      const help = await cliHelp(c.cli);
      if (help === undefined) lines.push(st.warn(`not available yet: this build has no "${c.cli}" command`));
      else lines.push('', `It runs \`difflab ${c.cli}\`, with the point (:at) and declared variables (:vars) of the session; its options may follow the expression:`, help);
    }
    if (!own && c.cli !== undefined && lines.length === 0) throw new DiffError(`no command :${topic}`);
    return lines.join('\n');
  }
  const available = new Set(await cliCommandNames());
  const forms = table(INPUT_FORMS.flatMap(([form, what, ex]) => [[st.code(form), what], ['', st.dim(`e.g. ${ex}`)]]));
  const rows: string[][] = [];
  for (const c of REPL_COMMANDS) {
    const missing = c.cli !== undefined && !available.has(c.cli);
    rows.push([st.code(c.usage), c.summary + (missing ? st.warn(' (not available yet)') : '')]);
    if (c.example !== c.usage) rows.push(['', st.dim(`e.g. ${c.example}`)]);
  }
  const extra = await passThroughNames();
  const lines = [st.heading('Type math as in a textbook'), forms, '', st.heading('Commands'), table(rows)];
  if (extra.length) {
    lines.push('', `The command line's ${extra.map((n) => st.code(':' + n)).join(', ')} work here too, with the session's point; :help <command> shows their options.`);
  }
  lines.push('', st.dim('Tab completes commands, functions and names; ↑ recalls history; an open bracket continues on the next line.'));
  return lines.join('\n');
}
