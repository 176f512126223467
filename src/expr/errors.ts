// Errors are values with a message a person can act on, and a position when
// there is text to point into.

/** An error in difflab's domain: evaluation, differentiation, bad arguments. */
export class DiffError extends Error {
  override readonly name: string = 'DiffError';
  /** Offset into the input text, when the error has one. */
  readonly pos: number | undefined;
  constructor(message: string, pos?: number) {
    super(message);
    this.pos = pos;
  }
}

/** A syntax error in textbook notation, with the offset (UTF-16 index) where it was found. */
export class ParseError extends DiffError {
  override readonly name: string = 'ParseError';
  readonly input: string;
  constructor(message: string, input: string, pos: number) {
    super(message, pos);
    this.input = input;
  }

  /** The input with a caret under the position, for terminals. */
  get caret(): string {
    return showCaret(this.input, this.pos ?? 0);
  }
}

/** Renders `input` with a caret under `pos` (column counted in code points). */
export function showCaret(input: string, pos: number): string {
  const lines = input.split('\n');
  let start = 0;
  for (const line of lines) {
    if (pos <= start + line.length) {
      const col = [...line.slice(0, pos - start)].length;
      return `${line}\n${' '.repeat(col)}^`;
    }
    start += line.length + 1;
  }
  const last = lines[lines.length - 1] ?? '';
  return `${last}\n${' '.repeat([...last].length)}^`;
}
