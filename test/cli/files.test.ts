// Files are written only when asked: batch needs --allow-write DIR and stays
// inside DIR; experiment writes a plot only with --svg; bad paths fail before
// training; diverging training stops, names the step and exits non-zero.

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answerLine } from '../../src/cli/batch.ts';
import { allowWrite, outputPath } from '../../src/cli/files.ts';

const BIN = fileURLToPath(new URL('../../bin/difflab.js', import.meta.url));

function difflab(args: string[], options: { input?: string; cwd?: string } = {}): Promise<{ stdout: string; stderr: string; code: number | null; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: options.cwd, env: { ...process.env, DIFFLAB_HISTORY: '' } }, (_e, stdout, stderr) =>
      resolve({ stdout, stderr, code: child.exitCode, ms: Date.now() - t0 }),
    );
    child.stdin!.end(options.input ?? '');
  });
}

const fresh = (): string => mkdtempSync(join(tmpdir(), 'difflab-files-'));
const error = (line: string): string => (JSON.parse(line) as { error?: { message: string } }).error?.message ?? '';

describe('batch writes no file unless started with --allow-write DIR', () => {
  it('a graph "svg" path or an experiment plot is refused, and nothing is written', async () => {
    const dir = fresh();
    const target = join(dir, 'overwritten.svg');
    writeFileSync(target, 'keep me');
    const lines = [
      JSON.stringify({ cmd: 'graph', expr: 'x^2', at: { x: 1 }, svg: target }),
      JSON.stringify({ cmd: 'experiment', name: 'backprop-by-hand', svg: true }),
      JSON.stringify({ cmd: 'train', task: 'xor', epochs: 1, save: join(dir, 'm.json') }),
    ];
    const r = await difflab(['batch'], { input: lines.join('\n') + '\n', cwd: dir });
    const out = r.stdout.trim().split('\n');
    for (const o of out) expect(error(o)).toMatch(/batch mode writes no files unless started with --allow-write DIR/);
    expect(readdirSync(dir)).toEqual(['overwritten.svg']);
    expect(r.code).toBe(1);
  });
  it('an experiment without "svg" writes nothing', async () => {
    const dir = fresh();
    const r = await difflab(['batch'], { input: JSON.stringify({ cmd: 'experiment', name: 'backprop-by-hand' }) + '\n', cwd: dir });
    expect(error(r.stdout)).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });
  it('with --allow-write DIR: written inside DIR, refused outside it (.., absolute paths, links)', async () => {
    const root = fresh();
    const dir = join(root, 'out');
    mkdirSync(dir);
    symlinkSync(join(root, 'elsewhere.svg'), join(dir, 'link.svg'));
    const lines = [
      { cmd: 'graph', expr: 'x^2', at: { x: 1 }, svg: 'g.svg' },
      { cmd: 'graph', expr: 'x^2', at: { x: 1 }, svg: '../escape.svg' },
      { cmd: 'graph', expr: 'x^2', at: { x: 1 }, svg: join(root, 'abs.svg') },
      { cmd: 'graph', expr: 'x^2', at: { x: 1 }, svg: 'link.svg' },
      { cmd: 'experiment', name: 'backprop-by-hand', svg: true },
    ].map((l) => JSON.stringify(l));
    const r = await difflab(['batch', '--allow-write', dir], { input: lines.join('\n') + '\n', cwd: root });
    const out = r.stdout.trim().split('\n');
    expect(error(out[0]!)).toBe('');
    expect(error(out[1]!)).toMatch(/outside the folder allowed by --allow-write/);
    expect(error(out[2]!)).toMatch(/outside the folder allowed by --allow-write/);
    expect(error(out[3]!)).toMatch(/symbolic link/);
    expect(error(out[4]!)).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['backprop-by-hand.svg', 'g.svg', 'link.svg']);
    expect(readdirSync(root).sort()).toEqual(['out']);
  });
  it('--allow-write needs an existing folder', async () => {
    const r = await difflab(['batch', '--allow-write', '/no/such/folder'], { input: '' });
    expect(r.stderr).toMatch(/--allow-write \/no\/such\/folder: no such directory/);
    expect(r.code).toBe(1);
  });
  it('answerLine refuses by default', async () => {
    expect(error(await answerLine(JSON.stringify({ cmd: 'swell', family: 'sin', n: 2, svg: 'x.svg' })))).toMatch(/writes no files/);
    const dir = fresh();
    expect(error(await answerLine(JSON.stringify({ cmd: 'swell', family: 'sin', n: 2, svg: 's.svg' }), allowWrite(dir)))).toBe('');
    expect(existsSync(join(dir, 's.svg'))).toBe(true);
  });
});

describe('the command line writes a file only when an option names it', () => {
  it('difflab experiment writes no plot without --svg, and one with it', async () => {
    const dir = fresh();
    const r = await difflab(['experiment', 'backprop-by-hand'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    const w = await difflab(['experiment', 'backprop-by-hand', '--svg', 'bp.svg'], { cwd: dir });
    expect(w.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['bp.svg']);
  });
});

describe('bad paths fail before the work starts', () => {
  it('train --svg / --save into a missing folder fails at once', async () => {
    for (const opt of ['--svg', '--save']) {
      const r = await difflab(['train', 'moons', '--epochs', '100000', opt, '/no/such/dir/out.file']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`${opt} /no/such/dir/out.file: the directory /no/such/dir does not exist`));
      expect(r.ms).toBeLessThan(20_000); // 10⁵ epochs of moons would take minutes
    }
  });
  it('outputPath names what is wrong', () => {
    const dir = fresh();
    expect(outputPath(join(dir, 'a.svg'), undefined, '--svg')).toBe(join(dir, 'a.svg'));
    expect(() => outputPath(dir, undefined, '--svg')).toThrow(/is a directory/);
    expect(() => outputPath('', undefined, '--svg')).toThrow(/needs a file name/);
  });
});

describe('training that diverges says so', () => {
  it('train moons --lr 1e300 stops at the first non-finite loss, names the step, exits non-zero', async () => {
    const r = await difflab(['train', 'moons', '--lr', '1e300']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/training diverged: the loss is (NaN|[+−]∞) at step \d+ \(epoch \d+\).*try a smaller learning rate/);
  });
});
