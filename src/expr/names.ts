// Spellings of variable names: Greek letters, subscripts and superscripts.
// Canonical names are ASCII (`alpha`, `x1`); printers turn them back into
// glyphs (`α`, `x₁`).

/** Spelled Greek name → lower-case glyph. σ/sigma is absent: it is the logistic function. */
export const GREEK_GLYPH: ReadonlyMap<string, string> = new Map([
  ['alpha', 'α'], ['beta', 'β'], ['gamma', 'γ'], ['delta', 'δ'], ['epsilon', 'ε'], ['zeta', 'ζ'],
  ['eta', 'η'], ['theta', 'θ'], ['iota', 'ι'], ['kappa', 'κ'], ['lambda', 'λ'], ['mu', 'μ'],
  ['nu', 'ν'], ['xi', 'ξ'], ['omicron', 'ο'], ['rho', 'ρ'], ['tau', 'τ'], ['upsilon', 'υ'],
  ['phi', 'φ'], ['chi', 'χ'], ['psi', 'ψ'], ['omega', 'ω'],
  ['Gamma', 'Γ'], ['Delta', 'Δ'], ['Theta', 'Θ'], ['Lambda', 'Λ'], ['Xi', 'Ξ'], ['Pi', 'Π'],
  ['Sigma', 'Σ'], ['Upsilon', 'Υ'], ['Phi', 'Φ'], ['Psi', 'Ψ'], ['Omega', 'Ω'],
]);

/**
 * Variant glyphs, read as the same letter (ϵ is ε): one name per letter, so
 * the variant parses, prints and is given a value (`--at ϰ=2`) as `kappa`.
 * ϖ is a variant of π, the constant.
 */
export const GREEK_VARIANTS: ReadonlyMap<string, string> = new Map([
  ['ϵ', 'epsilon'], ['ϑ', 'theta'], ['ϕ', 'phi'], ['ϰ', 'kappa'], ['ϱ', 'rho'], ['ϖ', 'pi'], ['ϒ', 'Upsilon'],
]);

/** Glyph → spelled name (also accepts the variant forms ϵ, ϑ, ϕ, ϰ, ϱ, ϖ, ϒ). */
export const GREEK_NAME: ReadonlyMap<string, string> = new Map([
  ...[...GREEK_GLYPH].map(([n, g]) => [g, n] as [string, string]),
  ...GREEK_VARIANTS,
]);

const SUB_DIGITS = '₀₁₂₃₄₅₆₇₈₉';
const SUP_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** ASCII → superscript glyph, for the characters that have one. */
export const SUPERSCRIPT: ReadonlyMap<string, string> = new Map([
  ...[...SUP_DIGITS].map((g, i) => [String(i), g] as [string, string]),
  ['-', '⁻'], ['+', '⁺'], ['n', 'ⁿ'], ['i', 'ⁱ'], ['x', 'ˣ'], ['y', 'ʸ'], ['k', 'ᵏ'], ['m', 'ᵐ'], ['t', 'ᵗ'],
  ['a', 'ᵃ'], ['b', 'ᵇ'], ['c', 'ᶜ'], ['d', 'ᵈ'], ['p', 'ᵖ'], ['j', 'ʲ'], ['z', 'ᶻ'],
]);
/** Superscript glyph → ASCII. */
export const FROM_SUPERSCRIPT: ReadonlyMap<string, string> = new Map([...SUPERSCRIPT].map(([a, g]) => [g, a]));

export const toSubscriptDigits = (digits: string): string => digits.replace(/\d/g, (d) => SUB_DIGITS[Number(d)]!);
export const fromSubscriptDigits = (s: string): string => s.replace(/[₀-₉]/g, (c) => String(SUB_DIGITS.indexOf(c)));

/** `x1` → `x₁`, `alpha2` → `α₂`; other names unchanged. */
export function unicodeName(name: string): string {
  const m = /^([A-Za-z]+?)(\d*)$/.exec(name);
  if (!m) return name;
  const [, stem, digits] = m as unknown as [string, string, string];
  const base = GREEK_GLYPH.get(stem) ?? stem;
  return base + toSubscriptDigits(digits);
}

/** `x1` → `x_{1}`, `alpha` → `\alpha`. */
export function latexName(name: string): string {
  const m = /^([A-Za-z]+?)(\d*)$/.exec(name);
  if (!m) return name;
  const [, stem, digits] = m as unknown as [string, string, string];
  const base = GREEK_GLYPH.has(stem) ? `\\${stem}` : stem.length > 1 ? `\\mathit{${stem}}` : stem;
  return digits ? `${base}_{${digits}}` : base;
}

/** The superscript form of s if every character has one (`-1` → `⁻¹`), else undefined. */
export function superscript(s: string): string | undefined {
  let out = '';
  for (const ch of s) {
    const g = SUPERSCRIPT.get(ch);
    if (g === undefined) return undefined;
    out += g;
  }
  return out;
}

/**
 * The canonical ASCII name for any accepted spelling of a variable:
 * `x₁`, `x_1`, `x_{1}` → `x1`; `α` → `alpha`. Returns undefined if it is not a name.
 */
export function canonicalName(spelling: string): string | undefined {
  let s = spelling.trim().replace(/_\{(\d+)\}$/, '$1').replace(/_(\d+)$/, '$1');
  s = fromSubscriptDigits(s);
  const m = /^(\p{L}+)(\d*)$/u.exec(s);
  if (!m) return undefined;
  const stem = GREEK_NAME.get(m[1]!) ?? m[1]!;
  const name = stem + m[2]!;
  return /^[A-Za-z][A-Za-z0-9]*$/.test(name) ? name : undefined;
}
