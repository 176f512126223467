// Names the parser knows: Greek letters (glyphs and spellings), constants,
// and the lookup that resolves a spelling to a function, variable or
// constant. Function spellings come from the op registry at run time, so a
// new op (or alias) is parseable as soon as it is registered.

import type { ConstName } from '../expr/expr.ts';
import { GREEK_GLYPH, GREEK_VARIANTS } from '../expr/names.ts';
import type { OpName } from '../ops/index.ts';
import { functionNames } from '../ops/index.ts';
import { SUGAR, type Sugar } from './sugar.ts';
import type { UserFunction } from './types.ts';

/**
 * Greek glyph → spelled ASCII name, the canonical name of the variable the
 * glyph denotes (`α` is the variable `alpha`). `π` is the constant pi. `σ`
 * is absent: in textbook notation it is the sigmoid function (registered as
 * an alias of the op), never a variable. Built from the one table the
 * printers and `--at` use (src/expr/names.ts), so a letter that parses also
 * prints and takes a value under the same name.
 */
export const GREEK: ReadonlyMap<string, string> = new Map([
  ...[...GREEK_GLYPH].map(([n, g]) => [g, n] as [string, string]),
  ['π', 'pi'],
]);

/** Spelled Greek names that denote variables (pi is the constant; sigma is the function). */
const GREEK_VARIABLES: ReadonlySet<string> = new Set([...GREEK.values()].filter((n) => n !== 'pi'));

/** What a spelling denotes. */
export type Meaning =
  | { readonly kind: 'op'; readonly op: OpName; readonly sugar?: Sugar }
  | { readonly kind: 'sugar'; readonly sugar: Sugar }
  | { readonly kind: 'user'; readonly fn: UserFunction }
  | { readonly kind: 'var'; readonly name: string; readonly letter: boolean }
  | { readonly kind: 'const'; readonly name: ConstName };

/**
 * Resolves spellings for one parse. Priority: user functions, declared
 * variables, registry functions, the constant `pi`, Greek names.
 */
export class Names {
  /** Longest known multi-character spelling (bounds the splitting search). */
  readonly maxLength: number;
  private readonly declared: ReadonlySet<string>;
  private readonly functions: ReadonlyMap<string, UserFunction> | undefined;

  constructor(declared: readonly string[], functions: ReadonlyMap<string, UserFunction> | undefined) {
    this.declared = new Set(declared);
    this.functions = functions;
    let max = 0;
    for (const n of functionNames.keys()) max = Math.max(max, n.length);
    for (const n of SUGAR.keys()) max = Math.max(max, n.length);
    for (const n of GREEK_VARIABLES) max = Math.max(max, n.length);
    for (const n of declared) max = Math.max(max, n.length);
    for (const n of functions?.keys() ?? []) max = Math.max(max, n.length);
    this.maxLength = max;
  }

  /** Every function spelling: the registry's, the parser's sugar and the user's. */
  functionSpellings(): string[] {
    return [...functionNames.keys(), ...SUGAR.keys(), ...(this.functions?.keys() ?? [])];
  }

  /** The meaning of a whole spelling, or undefined when it is not a known name. */
  lookup(s: string): Meaning | undefined {
    const user = this.functions?.get(s);
    if (user !== undefined) return { kind: 'user', fn: user };
    if (this.declared.has(s)) return { kind: 'var', name: s, letter: false };
    const op = functionNames.get(s);
    const sugar = SUGAR.get(s);
    if (op !== undefined) return sugar === undefined ? { kind: 'op', op } : { kind: 'op', op, sugar };
    if (sugar !== undefined) return { kind: 'sugar', sugar };
    if (s === 'pi') return { kind: 'const', name: 'pi' };
    if (GREEK_VARIABLES.has(s)) return { kind: 'var', name: s, letter: true };
    return undefined;
  }

  /** The meaning of a single letter (ASCII or any other alphabet), or undefined if it is not a letter we read. */
  letter(c: string): Meaning | undefined {
    const known = this.lookup(c);
    if (known !== undefined) return known;
    if (/^[A-Za-z]$/.test(c)) return c === 'e' ? { kind: 'const', name: 'e' } : { kind: 'var', name: c, letter: true };
    const spelled = GREEK.get(c) ?? GREEK_VARIANTS.get(c);
    if (spelled === undefined) return undefined;
    return spelled === 'pi' ? { kind: 'const', name: 'pi' } : { kind: 'var', name: spelled, letter: true };
  }
}
