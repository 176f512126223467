import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { History, historyPath, startRepl } from '../../../src/cli/repl.ts';

const tempFile = (): string => join(mkdtempSync(join(tmpdir(), 'difflab-history-')), 'history');

describe('where history is kept', () => {
  it('~/.difflab_history by default, $DIFFLAB_HISTORY when set, nowhere when it is empty', () => {
    expect(historyPath({})).toBe(join(homedir(), '.difflab_history'));
    expect(historyPath({ DIFFLAB_HISTORY: '/tmp/h' })).toBe('/tmp/h');
    expect(historyPath({ DIFFLAB_HISTORY: '' })).toBeUndefined();
  });
});

describe('the History API', () => {
  it('a missing file is an empty history', () => {
    expect(new History(tempFile()).load().entries).toEqual([]);
  });
  it('saves oldest first, loads newest first', () => {
    const path = tempFile();
    const h = new History(path);
    h.add('d/dx sin x');
    h.add(':at x=2');
    h.add('∇ x²y');
    expect(h.entries).toEqual(['∇ x²y', ':at x=2', 'd/dx sin x']);
    expect(h.save()).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('d/dx sin x\n:at x=2\n∇ x²y\n');
    expect(new History(path).load().entries).toEqual(['∇ x²y', ':at x=2', 'd/dx sin x']);
  });
  it('drops blank lines and immediate repeats, keeps at most `size` entries', () => {
    const h = new History(undefined, 3);
    for (const l of ['a', 'a', '  ', 'b', 'c', 'd']) h.add(l);
    expect(h.entries).toEqual(['d', 'c', 'b']);
  });
  it('a multiline input is one entry', () => {
    const h = new History(undefined);
    h.add('f(x, y) = [x\n+ y]');
    expect(h.entries).toEqual(['f(x, y) = [x + y]']);
  });
  it('without a file, save does nothing', () => {
    expect(new History(undefined).save()).toBe(false);
  });
});

/** A terminal session over streams; `keys` are typed one chunk at a time. */
async function terminalSession(historyFile: string, keys: readonly string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const running = startRepl({ input, output, terminal: true, color: false, historyFile });
  for (const k of keys) {
    input.write(k);
    await new Promise((r) => setTimeout(r, 15));
  }
  input.end();
  await running;
  return out;
}

describe('a terminal session keeps and recalls history', () => {
  it('lines typed are written to the history file', async () => {
    const file = tempFile();
    await terminalSession(file, ['d/dx x³\r', '2 + 2\r', ':quit\r']);
    expect(readFileSync(file, 'utf8')).toBe('d/dx x³\n2 + 2\n:quit\n');
  });
  it('↑ recalls lines from an earlier session', async () => {
    const file = tempFile();
    writeFileSync(file, '7·6\n:quit\n');
    const out = await terminalSession(file, ['\x1b[A', '\x1b[A', '\r', ':quit\r']);
    expect(out).toContain('42');
  });
  it('piped sessions do not touch the history file', async () => {
    const file = tempFile();
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    const running = startRepl({ input, output, terminal: false, historyFile: file });
    input.end('1 + 1\n');
    await running;
    expect(existsSync(file)).toBe(false);
  });
});

describe('a terminal session: prompts, banner, Ctrl-C', () => {
  it('shows the banner and the prompt', async () => {
    const out = await terminalSession(tempFile(), [':quit\r']);
    expect(out).toMatch(/difflab [0-9.]+: symbolic and automatic differentiation/);
    expect(out).toContain('difflab> ');
  });
  it('an open bracket continues on a "..." prompt', async () => {
    const out = await terminalSession(tempFile(), ['(x +\r', '1)²\r', ':quit\r']);
    expect(out).toContain('     ... ');
    expect(out).toMatch(/\(x \+ 1\)²/);
  });
  it('Ctrl-C drops the line being typed; twice on an empty line leaves', async () => {
    const out = await terminalSession(tempFile(), ['sin(', '\x03', '5·5\r', '\x03', '\x03', '9·9\r']);
    expect(out).toContain('25');
    expect(out).not.toMatch(/parse error/);
    expect(out).toMatch(/to leave, press Ctrl-C again/);
    expect(out).not.toContain('81');
  });
});
