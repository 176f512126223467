// Ctrl-C at a real terminal (a pseudo-terminal driven by a Python script):
// one press stops :train, prints "interrupted", and the session goes on.

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/difflab.js', import.meta.url));
const DRIVER = fileURLToPath(new URL('./fixtures/pty_session.py', import.meta.url));

function atTerminal(steps: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('python3', [DRIVER, BIN, ...steps], { encoding: 'utf8', timeout: 90_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

describe('Ctrl-C at a terminal', () => {
  it('stops :train, says interrupted, keeps the definitions and the prompt', async () => {
    const t = await atTerminal(['f = x^2', ':train moons --epochs 1000000', '^C', 'f + 1', ':quit']);
    const lines = t.replace(/\r/g, '').split('\n');
    const i = lines.findIndex((l) => l.trim() === 'interrupted');
    expect(i).toBeGreaterThan(0);
    expect(lines.slice(i + 1).join('\n')).toMatch(/difflab> f \+ 1\n+x² \+ 1/);
    expect(t).not.toMatch(/final: loss/); // training did not run to the end
  }, 120_000);
});
