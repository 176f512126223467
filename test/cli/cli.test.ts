import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import refs from '../fixtures/refs.json' with { type: 'json' };
import { answerLine } from '../../src/cli/batch.ts';
import { normalizePoint, parsePoint, toJson } from '../../src/cli/io.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/difflab.js', import.meta.url));

async function difflab(args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  const child = run(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  if (input !== undefined) {
    child.child.stdin!.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}

const ask = async (req: object): Promise<Record<string, unknown>> => JSON.parse(await answerLine(JSON.stringify(req))) as Record<string, unknown>;

describe('difflab eval', () => {
  it('prints the textbook example value (ln x + x²y − sin xy at x=2, y=5)', async () => {
    const { stdout, code } = await difflab(['eval', 'ln x + x²y − sin xy', '--at', 'x=2,y=5']);
    expect(code).toBe(0);
    expect(Number(stdout.split('\n')[0])).toBeCloseTo(refs.textbook_value, 12);
    expect(stdout.split('\n')[0]).toMatch(/^21\.2371682914/);
  });
  it('--json gives {expr, readAs, value}', async () => {
    const { stdout } = await difflab(['eval', 'ln x + x²y − sin xy', '--at', 'x=2,y=5', '--json']);
    const r = JSON.parse(stdout) as { expr: string; readAs: string; value: number };
    expect(Object.keys(r)).toEqual(['expr', 'readAs', 'value']);
    expect(r.readAs).toBe('ln(x) + x^2 * y - sin(x * y)');
    expect(r.value).toBeCloseTo(refs.textbook_value, 12);
  });
  it('a parse error prints the input with a caret and exits non-zero', async () => {
    const { stderr, code } = await difflab(['eval', '2 + * x']);
    expect(code).not.toBe(0);
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^parse error: /);
    expect(lines[1]).toBe('2 + * x');
    expect(lines[2]).toBe('    ^');
  });
  it('names an unbound variable', async () => {
    const { stderr, code } = await difflab(['eval', 'x + y', '--at', 'x=1']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/unbound variable y/);
  });
  it('an expression may start with a minus; a mistyped --option is still an error', async () => {
    const ok = await difflab(['eval', '-x^2', '--at', 'x=3']);
    expect(ok.code).toBe(0);
    expect(ok.stdout.split('\n')[0]).toBe('-9');
    const bad = await difflab(['eval', 'x', '--jsn']);
    expect(bad.code).not.toBe(0);
  });
  it('--help works on every command', async () => {
    for (const cmd of ['parse', 'eval', 'batch']) {
      const { stdout, code } = await difflab([cmd, '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`Usage: difflab ${cmd}`));
    }
  });
});

describe('points accept either spelling of a name', () => {
  it('x₁ and x1, α and alpha', () => {
    expect(parsePoint('x₁=2,α=0.5')).toEqual({ x1: 2, alpha: 0.5 });
    expect(parsePoint('x_1=2 alpha=0.5')).toEqual({ x1: 2, alpha: 0.5 });
    expect(normalizePoint({ 'x₂': 3, θ: 1 })).toEqual({ x2: 3, theta: 1 });
  });
  it('rejects malformed points clearly', () => {
    expect(() => parsePoint('x')).toThrow(/expected name=value/);
    expect(() => parsePoint('x=abc')).toThrow(/the value of x must be a number/);
  });
  it('evaluates with a Greek/subscript point', async () => {
    const r = await ask({ cmd: 'eval', expr: 'α x₁', at: { alpha: 2, 'x₁': 3 } });
    expect(r.value).toBe(6);
  });
});

describe('JSON output', () => {
  it('writes NaN and ±Infinity as strings', () => {
    expect(toJson({ a: NaN, b: Infinity, c: -Infinity, d: 1 })).toBe('{"a":"NaN","b":"Infinity","c":"-Infinity","d":1}');
  });
  it('non-strict values are not produced silently: a domain problem is an error', async () => {
    const r = await ask({ cmd: 'eval', expr: '1/x', at: { x: 0 } });
    expect((r.error as { message: string }).message).toMatch(/division by zero/);
  });
});

describe('difflab batch', () => {
  it('answers each line in order, errors included, and keeps going', async () => {
    const input = [
      '{"cmd":"eval","expr":"ln x + x²y − sin xy","at":{"x":2,"y":5}}',
      'not json',
      '{"cmd":"eval","expr":"(x"}',
      '{"cmd":"nope"}',
      '{"cmd":"parse","expr":"x/2y"}',
    ].join('\n');
    const { stdout, code } = await difflab(['batch'], input);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(lines[0]!.value).toBeCloseTo(refs.textbook_value, 12);
    expect((lines[1]!.error as { message: string }).message).toMatch(/not valid JSON/);
    expect(lines[2]!.error).toMatchObject({ pos: 0 });
    expect((lines[3]!.error as { message: string }).message).toMatch(/unknown command "nope"/);
    expect(lines[4]!.readAs).toBe('x / (2 * y)');
    expect(code).toBe(1);
  });
  it('parse results carry the three notations and both sizes', async () => {
    const r = await ask({ cmd: 'parse', expr: 'sin x cos x' });
    expect(r).toMatchObject({ readAs: 'sin(x) * cos(x)', unicode: 'sin x cos x', latex: '\\sin{x} \\cos{x}', treeSize: 5, dagSize: 4 });
  });
});
