// Terminals and small errors, through the real command: escape bytes shown
// escaped, clear messages for odd options, order 0, quoted :graph paths, and
// the piped REPL's standard error and exit status.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { visibleControls } from '../../src/cli/io.ts';
import { Session } from '../../src/cli/repl.ts';

const BIN = fileURLToPath(new URL('../../bin/difflab.js', import.meta.url));

function difflab(args: string[], input = '', cwd?: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd, env: { ...process.env, DIFFLAB_HISTORY: '' } }, (_e, stdout, stderr) =>
      resolve({ stdout, stderr, code: child.exitCode }),
    );
    child.stdin!.end(input);
  });
}

const ESC = '\x1b';

describe('escape bytes are shown escaped, never sent to the terminal', () => {
  it('visibleControls maps controls to one visible code point each', () => {
    expect(visibleControls(`a${ESC}[2Jb\x07\x7f\x9b\tc\n`)).toBe('a␛[2Jb␇␡�\tc\n');
  });
  it('a typed line with ESC: the error shows ␛ with the caret under it', async () => {
    const r = await difflab([], `2 + ${ESC}[31mx\n`);
    expect(r.stdout + r.stderr).not.toContain(ESC);
    expect(r.stderr).toBe("parse error: unknown character '␛'\n2 + ␛[31mx\n    ^\n");
  });
  it('a :load-ed file with escapes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'difflab-esc-'));
    writeFileSync(join(dir, 's.difflab'), `f = x^2\n${ESC}]0;title\x07\n:train ${ESC}[2J\ng = ${ESC}[1mx\n`);
    const r = await difflab([], ':load s.difflab\n', dir);
    expect(r.stdout + r.stderr).not.toContain(ESC);
    expect(r.stdout + r.stderr).not.toContain('\x07');
    expect(r.stdout).toMatch(/loaded 1 definition from s\.difflab/);
    expect(r.stdout).toContain('␛[2J');
  });
  it('the command line escapes its argument in errors', async () => {
    const r = await difflab(['eval', `x${ESC}[2J`]);
    expect(r.stderr).not.toContain(ESC);
    expect(r.stderr).toContain('x␛[2J');
    expect(r.code).toBe(1);
  });
});

describe('small errors say what is wrong', () => {
  it('diff --wrt "" names the option', async () => {
    const r = await difflab(['diff', 'x^2', '--wrt', '']);
    expect(r.stderr).toBe('error: --wrt names no variable: give one or more, e.g. --wrt x or --wrt x,y\n');
    expect(r.code).toBe(1);
    const g = await difflab(['grad', 'x y', '--wrt', '', '--json']);
    expect(JSON.parse(g.stdout)).toEqual({ error: { message: '--wrt names no variable: give one or more, e.g. --wrt x or --wrt x,y' } });
  });
  it('eval x --bogus is an unknown option; two expressions are too many arguments', async () => {
    const r = await difflab(['eval', 'x', '--bogus', '--at', 'x=1']);
    expect(r.stderr).toBe('error: unknown option --bogus (see difflab eval --help)\n');
    expect(r.code).toBe(1);
    const t = await difflab(['eval', 'x', 'y']);
    expect(t.stderr).toMatch(/^error: too many arguments: eval takes one \(expr\), got "x" "y"/);
    expect(t.code).toBe(1);
  });
  it('diff --order 0 gives the expression itself; above 64 is refused naming the limit', async () => {
    const r = await difflab(['diff', 'x^3 + sin x', '--order', '0', '--at', 'x=2', '--json']);
    const j = JSON.parse(r.stdout) as { order: number; derivative: string; value: number };
    expect(j.order).toBe(0);
    expect(j.derivative).toBe('x^3 + sin(x)');
    expect(j.value).toBe(8 + Math.sin(2));
    const t = await difflab(['diff', 'x^3', '--order', '0']);
    expect(t.stdout.split('\n')[0]).toBe('x³ = x³');
    const big = await difflab(['diff', 'x^3', '--order', '65']);
    expect(big.stderr).toMatch(/"order" must be an integer from 0 to 64, got "65"/);
    expect(big.code).toBe(1);
  });
});

describe(':graph takes the file as the last word, quoted when it has spaces', () => {
  it('writes into a folder with a space in its name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'difflab-graph-'));
    mkdirSync(join(dir, 'my dir'));
    const s = new Session({ cwd: dir });
    await s.run(':at x=1');
    const r = await s.run(':graph x^2 "my dir/out.svg"');
    expect(r.error).not.toBe(true);
    expect(r.text).toMatch(/^3 nodes, 2 edges \(read as x\^2\)/);
    expect(readFileSync(join(dir, 'my dir', 'out.svg'), 'utf8')).toMatch(/<svg/);
  });
});

describe('piped REPL: errors on standard error, non-zero exit when a line failed', () => {
  it('answers on stdout, errors on stderr, exit 1', async () => {
    const r = await difflab([], 'd/dx sin x\n2 + * x\nd/dx x^2\n');
    expect(r.stdout).toBe('cos x\n2x\n');
    expect(r.stderr).toBe("parse error: expected an operand after '+'\n2 + * x\n    ^\n");
    expect(r.code).toBe(1);
  });
  it('exit 0 when every line worked', async () => {
    const r = await difflab([], 'd/dx sin x\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
