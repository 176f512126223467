// A build in which only parse and eval are registered: the REPL's commands
// for the others say clearly that they are not available yet.

import { describe, expect, it, vi } from 'vitest';
import { transcript } from './helpers.ts';

vi.mock('../../../src/cli/commands/index.ts', async () => {
  const { parseCommand } = await import('../../../src/cli/commands/parse.ts');
  const { evalCommand } = await import('../../../src/cli/commands/eval.ts');
  const commands = [parseCommand, evalCommand];
  return { commands, findCommand: (name: string) => commands.find((c) => c.name === name) };
});

describe('commands whose command-line command is missing', () => {
  it('say "not available yet", naming the command, and the session goes on', async () => {
    const { out } = await transcript([':check x', ':trace reverse x', ':steps x²', ':swell logistic 5', ':graph x g.svg', ':train neuron', ':hessian x', '1 + 1']);
    expect(out.split('\n').slice(0, 7)).toEqual(
      ['check', 'trace', 'diff', 'swell', 'graph', 'train', 'hessian'].map((c) => `not available yet: this build has no "${c}" command`),
    );
    expect(out).toMatch(/^2$/m);
  });
  it(':help marks them', async () => {
    const { out } = await transcript([':help']);
    expect(out).toMatch(/^:check <expr> .*\(not available yet\)$/m);
    expect(out).toMatch(/^:at x=2 y=5 +set the point.*forgets it$/m);
  });
});
