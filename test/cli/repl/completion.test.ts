import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/cli/repl.ts';
import { listedIn } from '../../../src/cli/repl/completion.ts';

const session = (cwd?: string): Session => new Session(cwd === undefined ? {} : { cwd });

describe('completing commands', () => {
  it('a prefix after : gives the matching commands', async () => {
    expect(await session().complete(':ch')).toEqual([[':check'], ':ch']);
    expect(await session().complete(':s')).toEqual([[':save', ':simplify', ':steps', ':swell'], ':s']);
  });
  it(': alone lists every command, the command line ones included', async () => {
    const [all] = await session().complete(':');
    for (const c of [':at', ':check', ':trace', ':steps', ':simplify', ':expand', ':latex', ':swell', ':graph', ':train', ':vars', ':defs', ':save', ':load', ':help', ':quit', ':eval', ':parse']) {
      expect(all).toContain(c);
    }
    expect(all).not.toContain(':batch');
  });
  it(':help completes command names', async () => {
    expect(await session().complete(':help tr')).toEqual([['trace', 'train'], 'tr']);
  });
  it('tasks of :train and families of :swell', async () => {
    expect(await session().complete(':train xo')).toEqual([['xor'], 'xo']);
    expect(await session().complete(':swell lo')).toEqual([['logistic'], 'lo']);
  });
  it(':trace completes its mode', async () => {
    expect(await session().complete(':trace f')).toEqual([['forward'], 'f']);
    expect(await session().complete(':trace ')).toEqual([['forward', 'reverse'], '']);
  });
  it('options of a command-line command, without --at (the session supplies it)', async () => {
    const [opts, word] = await session().complete(':eval x --');
    expect(word).toBe('--');
    expect(opts).toContain('--vars');
    expect(opts).toContain('--json');
    expect(opts).not.toContain('--at');
  });
  it('names listed in an argument description count as its choices', () => {
    expect(listedIn('neuron, xor, moons, spirals, iris, mnist')).toEqual(['neuron', 'xor', 'moons', 'spirals', 'iris', 'mnist']);
    expect(listedIn('init, optimizers, or list')).toEqual(['init', 'optimizers', 'list']);
    expect(listedIn('logistic: l₁ = x, lₙ₊₁ = 4lₙ(1 − lₙ); sin: sin(sin(…x))')).toEqual(['logistic', 'sin']);
    expect(listedIn('expression in textbook notation')).toBeUndefined();
    expect(listedIn('the point: x=2; or none')).toBeUndefined();
  });
  it(':load completes file names in the working directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'difflab-complete-'));
    writeFileSync(join(dir, 'calc.difflab'), '');
    writeFileSync(join(dir, 'cats.txt'), '');
    mkdirSync(join(dir, 'cache'));
    expect(await session(dir).complete(':load ca')).toEqual([['cache/', 'calc.difflab', 'cats.txt'], 'ca']);
    expect(await session(dir).complete(':load calc')).toEqual([['calc.difflab'], 'calc']);
  });
});

describe('completing math', () => {
  it('function names from the registry', async () => {
    const [names, word] = await session().complete('d/dx si');
    expect(word).toBe('si');
    expect(names).toContain('sin');
    expect(names).toContain('sinh');
    expect(names.every((n) => n.startsWith('si'))).toBe(true);
  });
  it('defined names, declared variables and ans', async () => {
    const s = session();
    await s.run('loss = (y − t)²');
    await s.run('lossy(a) = a');
    await s.run(':vars lr');
    expect((await s.complete('d/dy los'))[0]).toEqual(['loss', 'lossy']);
    expect((await s.complete('2 l'))[0]).toContain('lr');
    expect((await s.complete('an'))[0]).not.toContain('ans');
    await s.run('x + 1');
    expect((await s.complete('an'))[0]).toContain('ans');
  });
  it('spelled Greek letters', async () => {
    expect((await session().complete('alp'))[0]).toEqual(['alpha']);
  });
  it('\\name completes to its glyph', async () => {
    expect(await session().complete('\\alpha')).toEqual([['α'], '\\alpha']);
    expect(await session().complete('\\partial')).toEqual([['∂'], '\\partial']);
    expect(await session().complete('x + \\nabla')).toEqual([['∇'], '\\nabla']);
    expect(await session().complete('\\par')).toEqual([['\\partial'], '\\par']);
  });
  it('nothing to complete after a symbol', async () => {
    expect(await session().complete('x + ')).toEqual([[], '']);
  });
});
