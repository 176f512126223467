// Tab completion: commands after `:`, their options and choices, files for
// :load/:save, and in math the function names, definitions, declared
// variables and spelled Greek letters. `\alpha`, `\partial`, `\nabla`
// complete to their glyphs (α, ∂, ∇), so textbook notation is easy to type.

import { readdirSync } from 'node:fs';
import { GREEK_GLYPH } from '../../expr/names.ts';
import { functionNames } from '../../ops/index.ts';
import { argumentsOf, commanderFor, findCliCommand } from './bridge.ts';
import { allCommandNames, findReplCommand } from './commands.ts';
import type { Session } from './session.ts';

/** Readline's shape: the candidates and the text they replace. */
export type Completion = [string[], string];

/** `\name` → glyph. */
export const GLYPHS: ReadonlyMap<string, string> = new Map([
  ...[...GREEK_GLYPH].map(([name, g]) => [name, g] as [string, string]),
  ['sigma', 'σ'],
  ['pi', 'π'],
  ['partial', '∂'],
  ['nabla', '∇'],
  ['sqrt', '√'],
  ['cdot', '·'],
  ['times', '×'],
  ['minus', '−'],
  ['infty', '∞'],
]);

const uniqueSorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
const startingWith = (xs: Iterable<string>, prefix: string): string[] => uniqueSorted([...xs].filter((x) => x.startsWith(prefix)));

export async function completeLine(line: string, session: Session): Promise<Completion> {
  // :comm…
  const cmd = /^\s*:(\S*)$/.exec(line);
  if (cmd) {
    const names = (await allCommandNames()).map((n) => ':' + n);
    return [startingWith(names, ':' + cmd[1]!), ':' + cmd[1]!];
  }
  // :help comm…
  const help = /^\s*:(?:help|h|\?)\s+(:?)(\S*)$/.exec(line);
  if (help) {
    const names = (await allCommandNames()).map((n) => help[1]! + n);
    return [startingWith(names, help[1]! + help[2]!), help[1]! + help[2]!];
  }
  // :load fi…, :save fi…
  const file = /^\s*:(?:load|save)\s+(\S*)$/.exec(line);
  if (file) return [filesStartingWith(session.cwd, file[1]!), file[1]!];
  // :command … --opt…, or its first word
  const withArgs = /^\s*:(\S+)\s+(.*)$/.exec(line);
  if (withArgs) {
    const words = await commandWords(withArgs[1]!, withArgs[2]!);
    if (words !== undefined) return words;
  }
  return completeMath(line, session);
}

/** Options and first-argument choices of a command. */
async function commandWords(name: string, rest: string): Promise<Completion | undefined> {
  const c = await findReplCommand(name);
  if (c === undefined) return undefined;
  const current = /(\S*)$/.exec(rest)![1]!;
  const firstWord = !/\s/.test(rest.trimStart()) || rest.trim() === '';
  if (c.name === 'trace' && firstWord) return [startingWith(['forward', 'reverse'], current), current];
  if (c.cli === undefined) return undefined;
  const cli = await findCliCommand(c.cli);
  if (cli === undefined) return undefined;
  const commander = commanderFor(cli);
  if (current.startsWith('-')) {
    const options = commander.options.flatMap((o) => [o.long, o.short]).filter((o): o is string => o !== undefined && o !== '--at');
    return [startingWith(options, current), current];
  }
  const first = argumentsOf(commander)[0];
  const choices = first?.argChoices ?? (first ? listedIn(first.description) : undefined);
  if (firstWord && choices !== undefined) return [startingWith(choices, current), current];
  return undefined;
}

/**
 * Names listed in an argument's description, when that is all it says:
 * "neuron, xor, moons, or list", or "logistic: l₁ = x, …; sin: sin(sin(…x))".
 */
export function listedIn(description: string): string[] | undefined {
  const d = description.trim();
  if (/^[a-z][a-z0-9-]*(?:,\s*(?:or\s+)?[a-z][a-z0-9-]*)+$/.test(d)) return d.split(/,\s*(?:or\s+)?/);
  const parts = d.split(/;\s*/);
  if (parts.length > 1 && parts.every((p) => /^[a-z][a-z0-9-]*:\s/.test(p))) return parts.map((p) => p.slice(0, p.indexOf(':')));
  return undefined;
}

function filesStartingWith(cwd: string, prefix: string): string[] {
  const slash = prefix.lastIndexOf('/');
  const dir = slash >= 0 ? prefix.slice(0, slash + 1) : '';
  let names: string[];
  try {
    names = readdirSync(dir === '' ? cwd : dir.startsWith('/') ? dir : `${cwd}/${dir}`, { withFileTypes: true }).map((d) => dir + d.name + (d.isDirectory() ? '/' : ''));
  } catch {
    return [];
  }
  return startingWith(names, prefix);
}

/** Function names, definitions, declared variables, Greek names; `\name` → glyph. */
export function completeMath(line: string, session: Session): Completion {
  const glyph = /\\([A-Za-z]*)$/.exec(line);
  if (glyph) {
    const word = '\\' + glyph[1]!;
    const exact = GLYPHS.get(glyph[1]!);
    if (exact !== undefined) return [[exact], word];
    return [startingWith([...GLYPHS.keys()].map((k) => '\\' + k), word), word];
  }
  const m = /([A-Za-z][A-Za-z0-9_]*)$/.exec(line);
  if (!m) return [[], ''];
  const word = m[1]!;
  const names = [
    ...[...functionNames.keys()].filter((n) => /^[A-Za-z]/.test(n)),
    ...session.defs.names(),
    ...session.vars,
    ...GREEK_GLYPH.keys(),
    'grad',
    ...(session.last !== undefined ? ['ans'] : []),
  ];
  return [startingWith(names, word), word];
}
