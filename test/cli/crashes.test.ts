// Crashes and hangs, through the real command: a closed output pipe ends
// quietly; a graph too large for Graphviz is refused within seconds.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerLine } from '../../src/cli/batch.ts';
import { allowWrite } from '../../src/cli/files.ts';

const BIN = fileURLToPath(new URL('../../bin/difflab.js', import.meta.url));

/** Runs difflab with the input, reads `keep` lines of output, then closes the pipe (as `| head -n keep` does). */
function readThenClose(args: string[], input: string, keep: number): Promise<{ lines: string[]; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, DIFFLAB_HISTORY: '' } });
    let out = '';
    let err = '';
    let closed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (!closed && out.split('\n').length > keep) {
        closed = true;
        child.stdout.destroy();
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
    child.on('close', (code) => resolve({ lines: out.split('\n').slice(0, keep), stderr: err, code }));
  });
}

describe('a closed output pipe ends quietly', () => {
  const requests = Array.from({ length: 20000 }, (_, i) => JSON.stringify({ cmd: 'eval', expr: `x^2 + ${i}`, at: { x: 2 } })).join('\n') + '\n';
  it('difflab batch < big.jsonl | head -2', async () => {
    const r = await readThenClose(['batch'], requests, 2);
    expect(r.lines[0]).toBe('{"expr":"x^2 + 0","readAs":"x^2 + 0","value":4}');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, 60_000);
  it('the REPL piped into head -1', async () => {
    const lines = Array.from({ length: 20000 }, (_, i) => `d/dx x^${i + 2}`).join('\n') + '\n';
    const r = await readThenClose([], lines, 1);
    expect(r.lines[0]).toBe('2x');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, 60_000);
});

describe('graph --svg has a budget on the Graphviz input', () => {
  it('a 400-op DAG is refused at once with a note naming the limit and --dot', async () => {
    const expr = Array.from({ length: 133 }, (_, i) => `sin(${i + 1}x)`).join(' + '); // 133 sin, 133 mul, 132 add: 398 ops
    const t = Date.now();
    const dir = mkdtempSync(join(tmpdir(), 'difflab-graph-'));
    const r = JSON.parse(await answerLine(JSON.stringify({ cmd: 'graph', expr, at: { x: 1 }, svg: 'never-written.svg' }), allowWrite(dir))) as { error: { message: string } };
    expect(existsSync(join(dir, 'never-written.svg'))).toBe(false);
    expect(Date.now() - t).toBeLessThan(5000);
    expect(r.error.message).toMatch(/too many to lay out as SVG .*at most 360 nodes and edges.*--dot FILE/);
  });
});
