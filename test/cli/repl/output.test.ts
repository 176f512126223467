import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/cli/repl.ts';
import { makeStyle, table, visibleWidth, wantsColor } from '../../../src/cli/repl/format.ts';

const BIN = fileURLToPath(new URL('../../../bin/difflab.js', import.meta.url));

describe('color only on a terminal, never with NO_COLOR', () => {
  it('wantsColor', () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
    expect(wantsColor(undefined, {})).toBe(false);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(wantsColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });
  it('a colored session colors results and errors; the text is the same without the codes', async () => {
    const colored = new Session({ style: makeStyle(true) });
    const plain = new Session({ style: makeStyle(false) });
    for (const line of ['d/dx sin x', '2 + * x', 'f = x²', ':defs']) {
      const c = (await colored.run(line)).text;
      const p = (await plain.run(line)).text;
      expect(c).toMatch(/\x1b\[/);
      expect(c.replace(/\x1b\[[0-9;]*m/g, '')).toBe(p);
    }
  });
});

describe('tables align on what is visible', () => {
  it('ignores color codes and counts superscripts as one column', () => {
    const st = makeStyle(true);
    expect(visibleWidth(st.result('x²y'))).toBe(3);
    expect(table([[st.label('∂/∂x'), '2xy'], ['∂/∂long', 'x²']])).toBe(`${st.label('∂/∂x')}     2xy\n∂/∂long  x²`);
  });
});

describe('npx difflab with piped input', () => {
  it("printf 'd/dx sin x\\n' | difflab prints cos x and exits 0", async () => {
    const { stdout, code } = await new Promise<{ stdout: string; code: number | null }>((resolve) => {
      const child = execFile(process.execPath, [BIN], { encoding: 'utf8', env: { ...process.env, DIFFLAB_HISTORY: '' } }, (_err, stdout) =>
        resolve({ stdout, code: child.exitCode }),
      );
      child.stdin!.end('d/dx sin x\n');
    });
    expect(stdout).toBe('cos x\n');
    expect(code).toBe(0);
  });
});
