// Ctrl-C on a long plain line (a 20th derivative, worked out on the REPL's
// worker thread), through the real command: piped input with SIGINT, and a
// pseudo-terminal where the key is pressed. One press prints "interrupted"
// within a second and the session goes on with its definitions and point.

import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/difflab.js', import.meta.url));
const DRIVER = fileURLToPath(new URL('../fixtures/pty_session.py', import.meta.url));
const LONG = 'd^20/dx^20 sin(x)^x'; // seconds of symbolic work

describe('Ctrl-C stops a long plain line', () => {
  it('piped: SIGINT one second into the line; "interrupted" within a second; the session intact', async () => {
    const r = await new Promise<{ out: string; err: string; latency: number }>((resolve) => {
      const child = spawn(process.execPath, [BIN], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, DIFFLAB_HISTORY: '' } });
      let out = '';
      let err = '';
      let pressed = 0;
      let latency = Infinity;
      let typed = false;
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString('utf8');
        if (!typed && out.includes('at x = 0.5')) {
          typed = true;
          child.stdin.write(LONG + '\n');
          setTimeout(() => {
            pressed = Date.now();
            child.kill('SIGINT');
          }, 1000);
        }
      });
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString('utf8');
        if (pressed > 0 && latency === Infinity && /^interrupted$/m.test(err)) {
          latency = Date.now() - pressed;
          child.stdin.end('f + 1\n:at\nd/dx sin x\n');
        }
      });
      child.stdin.write('f = x^2\n:at x=0.5\n');
      child.on('close', () => resolve({ out, err, latency }));
    });
    expect(r.err).toBe('interrupted\n'); // a piped session's failures go to standard error
    expect(r.latency).toBeLessThan(1000);
    // f and the point survive (0.5² + 1), and the next line is answered
    expect(r.out).toBe('f = x²\nat x = 0.5\nx² + 1\n  read as x^2 + 1\n  = 1.25 at x = 0.5\nat x = 0.5\ncos x\n  = 0.8775825618903728 at x = 0.5\n');
  }, 90_000);

  it('at a terminal: one press, then the prompt and the same session', async () => {
    const t = await new Promise<string>((resolve, reject) => {
      execFile('python3', [DRIVER, BIN, 'f = x^2', ':at x=0.5', LONG, '^C', 'f + 1', ':quit'], { encoding: 'utf8', timeout: 90_000 }, (e, stdout) => (e ? reject(e) : resolve(stdout)));
    });
    const lines = t.replace(/\r/g, '').split('\n');
    const i = lines.findIndex((l) => l.trim() === 'interrupted');
    expect(i).toBeGreaterThan(0);
    expect(lines[i - 1]).toMatch(/difflab> d\^20\/dx\^20 sin\(x\)\^x$/); // nothing printed between the line and the press
    expect(lines.slice(i + 1).join('\n')).toMatch(/difflab> f \+ 1\n+x² \+ 1\n {2}read as x\^2 \+ 1\n {2}= 1\.25 at x = 0\.5/);
    expect(t).not.toMatch(/to leave, press Ctrl-C again/);
  }, 120_000);
});
