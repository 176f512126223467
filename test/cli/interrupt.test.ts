// One Ctrl-C (SIGINT) stops a long REPL command, prints "interrupted" and
// returns to the prompt with the session intact. Driven through the real
// command as a child process.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/difflab.js', import.meta.url));

/** Starts the REPL on piped input; sends SIGINT `delay` ms after `trigger` appears in the output. */
function replWithInterrupt(first: string[], then: string[], trigger: string, delay: number): Promise<{ out: string; err: string; code: number | null; ms: number }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [BIN], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, DIFFLAB_HISTORY: '' } });
    let out = '';
    let err = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (!sent && out.includes(trigger)) {
        sent = true;
        setTimeout(() => {
          child.kill('SIGINT');
          // the next lines come after the interruption
          setTimeout(() => child.stdin.end(then.map((l) => l + '\n').join('')), 300);
        }, delay);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.stdin.write(first.map((l) => l + '\n').join(''));
    child.on('close', (code) => resolve({ out, err, code, ms: Date.now() - t0 }));
  });
}

describe('Ctrl-C stops a long command and keeps the session', () => {
  it(':train with a million epochs', async () => {
    const r = await replWithInterrupt(['f = x^2', ':at x=3', ':train moons --epochs 1000000'], ['f + 1', ':at'], 'at x = 3', 2500);
    const all = r.out + r.err;
    expect(all).toMatch(/^interrupted$/m);
    // the definition and the point survive: f + 1 at x = 3 is 10
    expect(r.out).toMatch(/x² \+ 1\n(?:.*\n)*?  = 10 at x = 3/);
    expect(r.out).toMatch(/at x = 3\n$/);
    expect(r.ms).toBeLessThan(60_000);
  }, 90_000);
  it('a high-order :diff', async () => {
    const r = await replWithInterrupt([':at x=0.5', ':diff x^x --order 40'], ['d/dx sin x'], 'at x = 0.5', 2500);
    expect(r.out + r.err).toMatch(/^interrupted$/m);
    expect(r.out).toMatch(/cos x\n/);
  }, 90_000);
});
