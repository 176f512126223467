import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.ts';
import { lazyCommandNames, loadCommand } from '../../src/cli/commands/lazy.ts';

describe('loading one command by name', () => {
  it('knows exactly the commands of the registry', () => {
    expect([...lazyCommandNames].sort()).toEqual(commands.map((c) => c.name).sort());
  });
  it('loads the same command object as the registry', async () => {
    for (const c of commands) expect(await loadCommand(c.name)).toBe(c);
  });
  it('knows no other word, not even Object.prototype names', async () => {
    for (const w of ['x+1', 'constructor', 'toString', '__proto__', '']) expect(await loadCommand(w)).toBeUndefined();
  });
});
