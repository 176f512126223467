// Shared pieces of the command line: points, JSON, errors with carets.

import { canonicalName } from '../expr/names.ts';
import { DiffError, ParseError, showCaret } from '../expr/errors.ts';

/** JSON with NaN and ±Infinity written as the strings "NaN", "Infinity", "-Infinity". */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
    return v;
  });
}

/** Reads a number written in JSON or on the command line, including "NaN"/"Infinity" strings. */
export function toNumber(v: unknown, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim().replace(/^−/, '-');
    if (t === 'NaN') return NaN;
    if (/^[+-]?Infinity$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
    if (t !== '' && !Number.isNaN(Number(t))) return Number(t);
  }
  throw new DiffError(`${what} must be a number, got ${JSON.stringify(v)}`);
}

export type Point = Record<string, number>;

/** `x=2,y=5` (also `x₁=2 α=0.5`, separated by commas or spaces) → { x: 2, y: 5 } with canonical names. */
export function parsePoint(text: string): Point {
  const point: Point = {};
  for (const part of text.split(/[,\s]+/).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new DiffError(`expected name=value in the point, got ${JSON.stringify(part)}`);
    const name = canonicalName(part.slice(0, eq));
    if (name === undefined) throw new DiffError(`not a variable name: ${JSON.stringify(part.slice(0, eq))}`);
    point[name] = toNumber(part.slice(eq + 1), `the value of ${name}`);
  }
  return point;
}

/** A point given in JSON ({"x₁": 2}) → canonical names. */
export function normalizePoint(raw: unknown): Point {
  if (raw === undefined) return {};
  if (typeof raw === 'string') return parsePoint(raw);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new DiffError('"at" must be an object such as {"x": 2}');
  const point: Point = {};
  for (const [k, v] of Object.entries(raw)) {
    const name = canonicalName(k);
    if (name === undefined) throw new DiffError(`not a variable name: ${JSON.stringify(k)}`);
    point[name] = toNumber(v, `the value of ${name}`);
  }
  return point;
}

/**
 * Control characters made visible, so that text from the input or from a
 * file never drives the terminal: C0 controls become their Unicode control
 * pictures (ESC → ␛), DEL → ␡, C1 controls → �. Tabs and newlines stay.
 * One code point for one, so carets stay aligned.
 */
export function visibleControls(s: string): string {
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '␡';
    return '�';
  });
}

/** The error as JSON: {"error": {"message", "pos"?}}. */
export function errorJson(err: unknown): { error: { message: string; pos?: number } } {
  if (err instanceof DiffError) return { error: { message: err.message, ...(err.pos !== undefined ? { pos: err.pos } : {}) } };
  if (err instanceof RangeError && /call stack/.test(err.message)) return { error: { message: 'input too deeply nested' } };
  return { error: { message: err instanceof Error ? err.message : String(err) } };
}

/** The error for a person: message, and the input with a caret under the position. */
export function errorText(err: unknown, input?: string): string {
  return visibleControls(rawErrorText(err, input));
}

function rawErrorText(err: unknown, input?: string): string {
  if (err instanceof ParseError) return `parse error: ${err.message}\n${err.caret}`;
  if (err instanceof DiffError) {
    if (input !== undefined && err.pos !== undefined) return `error: ${err.message}\n${showCaret(input, err.pos)}`;
    return `error: ${err.message}`;
  }
  return `error: ${errorJson(err).error.message}`;
}
