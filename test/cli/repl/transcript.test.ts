// The REPL driven through piped transcripts: every input form, the session
// commands, and bad input. Reference values: refs.json (mpmath, 50 digits)
// and hand-derived formulas.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import refs from './refs.json' with { type: 'json' };
import { numberOn, transcript, valueOf } from './helpers.ts';

const lines = (out: string): string[] => out.replace(/\n$/, '').split('\n');
/** The answer to one input line, after setup lines (a `:at` line marks where the answer starts). */
async function answer(line: string, setup: string[] = []): Promise<string[]> {
  const { out } = await transcript([...setup, ':at', line]);
  const all = lines(out);
  const mark = all.map((l) => l.startsWith('at ')).lastIndexOf(true);
  return all.slice(mark + 1);
}

const textbook = 'ln x + x²y − sin xy';
const randomPoints = (n: number): { x: number; y: number }[] =>
  Array.from({ length: n }, (_, i) => ({ x: 0.3 + ((i * 0.618) % 1) * 2.5, y: -1.5 + ((i * 0.414) % 1) * 3 }));

describe('piped input: plain results, no prompts', () => {
  it('d/dx sin x prints cos x and nothing else', async () => {
    const { out } = await transcript(['d/dx sin x']);
    expect(out).toBe('cos x\n');
  });
  it('no color codes when the output is not a terminal', async () => {
    const { out } = await transcript([textbook, 'd/dx x²', ':help', '2 + * x']);
    expect(out).not.toMatch(/\x1b\[/);
    expect(out).not.toMatch(/difflab>/);
  });
});

describe('an expression: its reading, the simplified form, the value at the point', () => {
  it('shows how the textbook example was read', async () => {
    const out = await answer(textbook);
    expect(out[1]).toBe('  read as ln(x) + x^2 * y - sin(x * y)');
    expect(valueOf(out[0]!, { x: 2, y: 5 })).toBeCloseTo(refs.z, 12);
  });
  it('prints the simplified form first', async () => {
    const out = await answer('2x + 3x');
    expect(out[0]).toBe('5x');
    expect(out[1]).toBe('  read as 2 * x + 3 * x');
  });
  it('adds the value when the point sets every variable', async () => {
    const out = await answer(textbook, [':at x=2 y=5']);
    expect(numberOn(out[2])).toBeCloseTo(refs.z, 12);
    expect(out[2]).toMatch(/at x = 2, y = 5$/);
  });
  it('says which variable the point misses', async () => {
    const out = await answer(textbook, [':at x=2']);
    expect(out[2]).toMatch(/no value: the point does not set y; :at y=…/);
  });
  it('a constant expression gets its value without a point', async () => {
    const out = await answer('sin(π/4)');
    expect(numberOn(out[out.length - 1])).toBeCloseTo(refs.sin_pi_4, 15);
  });
  it('a value outside the domain is named, not NaN', async () => {
    const out = await answer('ln x', [':at x=-1']);
    expect(out[out.length - 1]).toMatch(/no value at x = -1: .*ln/);
  });
});

describe('derivatives typed as in a textbook', () => {
  it('∂/∂x of the textbook example is 1/x + 2xy − y cos(xy)', async () => {
    const out = await answer(`d/dx ${textbook}`);
    for (const p of randomPoints(8)) expect(valueOf(out[0]!, p)).toBeCloseTo(1 / p.x + 2 * p.x * p.y - p.y * Math.cos(p.x * p.y), 10);
  });
  it('∂/∂y, also typed d/dy, is x² − x cos(xy)', async () => {
    for (const head of ['∂/∂y', 'd/dy']) {
      const out = await answer(`${head} ${textbook}`);
      for (const p of randomPoints(5)) expect(valueOf(out[0]!, p)).toBeCloseTo(p.x ** 2 - p.x * Math.cos(p.x * p.y), 10);
    }
  });
  it('values at the point match mpmath', async () => {
    const setup = [':at x=2 y=5'];
    expect(numberOn((await answer(`∂/∂x ${textbook}`, setup))[1])).toBeCloseTo(refs.dz_dx, 10);
    expect(numberOn((await answer(`∂/∂y ${textbook}`, setup))[1])).toBeCloseTo(refs.dz_dy, 10);
    expect(numberOn((await answer(`∂²/∂x∂y ${textbook}`, setup))[1])).toBeCloseTo(refs.d2z_dxdy, 8);
    expect(numberOn((await answer(`d²/dx² ${textbook}`, setup))[1])).toBeCloseTo(refs.d2z_dx2, 8);
  });
  it('higher orders: d²/dx² x⁴ = 12x², d^3/dx^3 x^4 = 24x', async () => {
    const second = await answer('d²/dx² x⁴');
    const third = await answer('d^3/dx^3 x^4');
    for (const x of [-1.5, 0.5, 2]) {
      expect(valueOf(second[0]!, { x })).toBeCloseTo(12 * x * x, 10);
      expect(valueOf(third[0]!, { x })).toBeCloseTo(24 * x, 10);
    }
  });
  it('mixed partials: ∂³/∂x²∂y x³y² = 12xy', async () => {
    const out = await answer('∂³/∂x²∂y x³y²');
    for (const p of randomPoints(4)) expect(valueOf(out[0]!, p)).toBeCloseTo(12 * p.x * p.y, 9);
  });
  it('the issue table: σ, tanh, xˣ, 4x(1 − x)', async () => {
    const sig = (t: number): number => 1 / (1 + Math.exp(-t));
    const cases: [string, (x: number) => number][] = [
      ['d/dx σ(x)', (x) => sig(x) * (1 - sig(x))],
      ['d/dx tanh x', (x) => 1 - Math.tanh(x) ** 2],
      ['d/dx xˣ', (x) => x ** x * (Math.log(x) + 1)],
      ['d/dx 4x(1 − x)', (x) => 4 - 8 * x],
    ];
    for (const [line, f] of cases) {
      const out = await answer(line);
      for (const x of [0.3, 1.1, 2.7]) expect(valueOf(out[0]!, { x })).toBeCloseTo(f(x), 10);
    }
    expect((await answer('d/dx 4x(1 − x)'))[0]).toMatch(/^(4 − 8x|−8x \+ 4)$/);
  });
});

describe('gradients', () => {
  it('∇ gives one row per variable, with values at the point', async () => {
    const out = await answer(`∇ ${textbook}`, [':at x=2 y=5']);
    expect(out[0]).toMatch(/^∂\/∂x {2}/);
    expect(out[1]).toMatch(/^∂\/∂y {2}/);
    expect(numberOn(out[0])).toBeCloseTo(refs.dz_dx, 10);
    expect(numberOn(out[1])).toBeCloseTo(refs.dz_dy, 10);
    expect(out[2]).toBe('  at x = 2, y = 5');
  });
  it('grad is the same as ∇', async () => {
    expect(await answer('grad x²y')).toEqual(await answer('∇ x²y'));
  });
  it('a constant has no variables', async () => {
    expect((await answer('∇ 3'))[0]).toMatch(/∇ is empty: 3 has no variables/);
  });
  it('∇² is the Laplacian', async () => {
    const out = await answer(`∇² ${textbook}`, [':at x=2 y=5']);
    expect(numberOn(out[1])).toBeCloseTo(refs.laplacian_z, 8);
  });
});

describe('definitions', () => {
  it('f = … is usable in later lines: d/dx f, f + 1, df/dx', async () => {
    const { out } = await transcript(['f = x²y', 'd/dx f', 'f + 1', 'df/dx', ':at x=3 y=2', 'f + 1']);
    const o = lines(out);
    expect(o[0]).toBe('f = x²y');
    expect(valueOf(o[1]!, { x: 3, y: 2 })).toBe(12);
    expect(o[2]).toMatch(/^(x²y \+ 1|1 \+ x²y)$/);
    expect(valueOf(o[4]!, { x: 3, y: 2 })).toBe(12);
    expect(numberOn(o[o.length - 1])).toBe(19);
  });
  it('f(x, y) = … then f(2, 3), d/dx f, ∇ f', async () => {
    const { out } = await transcript(['g(x, y) = x² + y² + 1', 'g(2, 3)', 'd/dx g', '∇ g', 'g(t, 2t)']);
    const o = lines(out);
    expect(o[0]).toBe('g(x, y) = x² + y² + 1');
    expect(o[1]).toBe('14');
    expect(valueOf(o[3]!, { x: 1.5 })).toBe(3);
    expect(o[4]).toMatch(/^∂\/∂x {2}2x$/);
    expect(o[5]).toMatch(/^∂\/∂y {2}2y$/);
    expect(valueOf(o[6]!, { t: 2 })).toBe(21);
  });
  it('multi-letter names and Greek names', async () => {
    const { out } = await transcript(['loss = (y − t)²', 'd/dy loss', 'phi(α) = α³', 'phi(2)', 'φ = α + 1', 'φ²', 'φ(α) = α']);
    const o = lines(out);
    expect(o[0]).toBe('loss = (y − t)²');
    expect(valueOf(o[1]!, { y: 3, t: 1 })).toBe(4);
    expect(o[2]).toBe('phi(α) = α³');
    expect(o[3]).toBe('8');
    expect(o[5]).toBe('φ = α + 1');
    expect(o[6]).toBe('(α + 1)²');
    expect(o[8]).toMatch(/a function is named with Latin letters \(φ reads as a variable\): write phi\(…\) = …/);
  });
  it('f(2) with a plain definition f multiplies, and says so', async () => {
    const { out } = await transcript(['f = x²', 'f(2)', 'a = 3', 'a(x + 1)']);
    const o = lines(out);
    expect(valueOf(o[1]!, { x: 3 })).toBe(18);
    expect(o[3]).toBe('  f(…) multiplies: f is not a function; define f(x) = … to call it');
    expect(out).not.toMatch(/a\(…\) multiplies/);
  });
  it('a definition is expanded when made (later redefinitions do not change it)', async () => {
    const { out } = await transcript(['a = x + 1', 'b = 2a', 'a = x', 'b']);
    expect(valueOf(lines(out)[3]!, { x: 4 })).toBe(10);
  });
  it('parameters shadow definitions', async () => {
    const { out } = await transcript(['x = 5', 'h(x) = x²', 'h(3)']);
    const o = lines(out);
    expect(o[0]).toBe('x = 5');
    expect(o[1]).toMatch(/now stands for 5.*:at x=5/);
    expect(o.slice(-2)).toEqual(['9', '  read as 3^2']);
  });
  it('a new name cannot refer to itself; a redefinition uses the old meaning', async () => {
    const { out } = await transcript(['f(x) = f(x) + 1', 'g = g + 1', 'g = x', 'g = g + 1']);
    const o = lines(out);
    expect(o[0]).toBe('error: f appears in its own definition; a definition cannot refer to itself (give the new one another name)');
    expect(o[1]).toMatch(/^error: g appears in its own definition/);
    expect(o[3]).toBe('g = x + 1');
  });
  it('built-in functions and constants cannot be redefined', async () => {
    const { out } = await transcript(['sin = x', 'e = 2', 'ans = 1']);
    const o = lines(out);
    expect(o[0]).toMatch(/^parse error: sin is a built-in function/);
    expect(out).toMatch(/e is reserved \(a constant\)/);
    expect(out).toMatch(/ans is reserved \(the last result\)/);
  });
  it('df/dx of an undefined name says so', async () => {
    const { out } = await transcript(['dy/dx']);
    expect(out).toMatch(/dy\/dx: y is not defined; define it first/);
  });
});

describe('ans is the last result', () => {
  it('before any result, ans is an error', async () => {
    const { out } = await transcript(['2 ans']);
    expect(lines(out)).toEqual(['parse error: ans is the last result, and there is none yet', '2 ans', '  ^']);
  });
  it('d/dx x³ then d/dx ans', async () => {
    const { out } = await transcript(['d/dx x³', 'd/dx ans', 'ans + 1']);
    const o = lines(out);
    expect(valueOf(o[1]!, { x: 2 })).toBe(12);
    expect(valueOf(o[2]!, { x: 2 })).toBe(13);
  });
});

describe(':at sets the point', () => {
  it('merges, shows, clears; accepts constant expressions and any spelling', async () => {
    const { out, session } = await transcript([':at x=2 y=5', ':at y = π/4, x₁ = 1/2', ':at', ':at clear', ':at']);
    const o = lines(out);
    expect(o[0]).toBe('at x = 2, y = 5');
    expect(o[1]).toBe(`at x = 2, y = ${Math.PI / 4}, x₁ = 0.5`);
    expect(o[3]).toBe('point cleared');
    expect(o[4]).toBe('at (no point set)');
    expect(session.point).toEqual({});
  });
  it('rejects malformed points', async () => {
    const { out } = await transcript([':at x', ':at x=', ':at x=y+1']);
    const o = lines(out);
    expect(o[0]).toMatch(/expected name=value pairs/);
    expect(o[1]).toMatch(/x needs a value/);
    expect(o[2]).toMatch(/must be a number or a constant expression/);
  });
});

describe(':vars declares multi-letter variables', () => {
  it('rate is read whole once declared', async () => {
    const { out } = await transcript(['rate x', ':vars rate', 'rate x', 'd/drate rate² x', ':vars']);
    const o = lines(out);
    expect(o[1]).toBe('  read as r * a * t * e * x');
    expect(o[2]).toBe('declared: rate');
    expect(o[4]).toBe('  read as rate * x');
    expect(valueOf(o[5]!.replace('rate', 'r'), { r: 3, x: 2 })).toBe(12);
    expect(o[6]).toBe('declared: rate');
  });
  it('refuses function names and non-names', async () => {
    const { out } = await transcript([':vars sin', ':vars 2x']);
    expect(out).toMatch(/sin is a built-in function/);
    expect(out).toMatch(/not a variable name: "2x"/);
  });
});

describe(':defs and :del', () => {
  it('lists definitions aligned, removes them', async () => {
    const { out } = await transcript([':defs', 'f = x²', 'g(x, y) = xy', ':defs', ':del f', ':defs', ':del f']);
    const o = lines(out);
    expect(o[0]).toMatch(/^no definitions yet/);
    expect(o.slice(3, 5)).toEqual(['f        =  x²', 'g(x, y)  =  xy']);
    expect(o[5]).toBe('removed f');
    expect(o[6]).toBe('g(x, y)  =  xy');
    expect(o[7]).toMatch(/f is not defined/);
  });
});

describe(':save and :load', () => {
  it('round-trips definitions, declared variables and the point', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'difflab-repl-'));
    const first = await transcript([':vars rate', ':at x=2 y=5', 'f = x² rate', 'g(x, y) = x y + 1', ':save'], { cwd: dir });
    expect(lines(first.out).pop()).toBe('saved 2 definitions to session.difflab');
    const file = readFileSync(join(dir, 'session.difflab'), 'utf8');
    expect(file).toMatch(/^# difflab session/);
    expect(file).toContain(':vars rate\n');
    expect(file).toContain(':at x=2 y=5\n');
    const second = await transcript([':load', 'f', 'g(2, 3)', ':defs'], { cwd: dir });
    const o = lines(second.out);
    expect(o[0]).toBe('loaded 2 definitions from session.difflab');
    expect(second.session.vars).toEqual(['rate']);
    expect(second.session.point).toEqual({ x: 2, y: 5 });
    expect(o).toContain('7');
  });
  it('a session file holds only definitions and settings; problems are reported by line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'difflab-repl-'));
    writeFileSync(join(dir, 'bad.difflab'), 'f = x\n:train neuron\ng = 2 + * x\n');
    const { out, session } = await transcript([':load bad.difflab', ':load missing.difflab'], { cwd: dir });
    expect(out).toMatch(/loaded 1 definition from bad\.difflab/);
    expect(out).toMatch(/bad\.difflab:2: skipped/);
    expect(out).toMatch(/bad\.difflab:3: parse error/);
    expect(out).toMatch(/cannot read missing\.difflab: no such file/);
    expect(session.defs.names()).toEqual(['f']);
  });
});

describe(':simplify, :expand, :latex', () => {
  it('rewrite an expression, a derivative, or the last result', async () => {
    const { out } = await transcript([':simplify x·x² + 2x + 3x', ':expand (x + 1)²', ':latex d/dx x³', 'x/y', ':latex']);
    const o = lines(out);
    for (const x of [-2, 0.5, 3]) expect(valueOf(o[0]!, { x })).toBeCloseTo(x ** 3 + 5 * x, 12);
    expect(o[0]).not.toMatch(/x·x²/);
    expect(o[1]).toMatch(/^(x² \+ 2x \+ 1|1 \+ 2x \+ x²)$/);
    expect(o[2]).toBe('3 x^{2}');
    expect(o[o.length - 1]).toBe('\\frac{x}{y}');
  });
  it('the expanded derivative of the logistic map l₃ is 16(1 − 10x + 24x² − 16x³)', async () => {
    const { out } = await transcript([':expand d/dx 16x(1 − x)(1 − 2x)²']);
    const o = lines(out);
    expect(o[0]).not.toMatch(/\(/);
    for (const x of [-1, 0.25, 0.7, 2]) expect(valueOf(o[0]!, { x })).toBeCloseTo(16 * (1 - 10 * x + 24 * x ** 2 - 16 * x ** 3), 9);
  });
  it('keep what the result relies on', async () => {
    const { out } = await transcript([':simplify x/x', ':expand x/x·(x + 1)²']);
    expect(lines(out)).toEqual(['1', '  where x ≠ 0', 'x² + 2x + 1', '  where x ≠ 0']);
  });
  it('with nothing to work on, say so', async () => {
    const { out } = await transcript([':latex']);
    expect(out).toMatch(/:latex needs an expression/);
  });
});

describe(':help', () => {
  it('lists every input form and command, with an example each', async () => {
    const { out } = await transcript([':help']);
    for (const form of ['d/dx <expr>', 'd²/dx² <expr>', '∇ <expr>', 'f = <expr>', 'f(x, y) = <expr>']) expect(out).toContain(form);
    for (const cmd of ['at', 'check', 'trace', 'steps', 'simplify', 'expand', 'latex', 'swell', 'graph', 'train', 'vars', 'defs', 'save', 'load', 'help', 'quit']) {
      expect(out).toMatch(new RegExp(`^:${cmd}\\b`, 'm'));
    }
    expect(out.match(/e\.g\. /g)!.length).toBeGreaterThanOrEqual(20);
  });
  it(':help <command> gives the command line options of a wrapped command', async () => {
    const { out } = await transcript([':help eval']);
    expect(out).toMatch(/Usage: difflab eval/);
    expect(out).toMatch(/--at <point>/);
  });
  it(':help of an unknown command suggests the nearest', async () => {
    const { out } = await transcript([':help chek']);
    expect(out).toMatch(/no command :chek; did you mean :check\?/);
  });
});

describe(':quit', () => {
  it('stops reading: later lines are not answered', async () => {
    const { out } = await transcript(['1 + 1', ':quit', '2 + 2']);
    expect(out).toBe('2\n  read as 1 + 1\n');
  });
});

describe('the command line commands run in the REPL with the session', () => {
  it(':eval uses the point and definitions', async () => {
    const { out } = await transcript([':at x=2 y=5', 'f = x²y', ':eval f + 1', `:eval ${textbook}`]);
    const o = lines(out);
    expect(o[2]).toBe('21');
    expect(o[3]).toBe('  (read as x^2 * y + 1)');
    expect(Number(o[4])).toBeCloseTo(refs.z, 12);
  });
  it('options pass through: --json, --at', async () => {
    const { out } = await transcript([':eval x + 1 --at x=4 --json']);
    expect(JSON.parse(out)).toEqual({ expr: 'x + 1', readAs: 'x + 1', value: 5 });
  });
  it(':parse shows sizes', async () => {
    const { out } = await transcript([':parse x·x + x·x']);
    expect(out).toMatch(/size: {5}tree 7, DAG 3/);
  });
  it('command-line usage errors are shown, with a pointer to :help', async () => {
    const { out } = await transcript([':eval', ':eval x --bogus']);
    expect(out).toMatch(/missing required argument 'expr'/);
    expect(out).toMatch(/unknown option '--bogus'/);
    expect(out).toMatch(/\(:help eval shows its usage\)/);
  });
});

describe('bad input never leaves the REPL', () => {
  it('a parse error shows the line with a caret under the position, then the session goes on', async () => {
    const { out } = await transcript(['2 + * x', 'd/dx 2 + * x', 'f(x) = x + sin', 'x + 1']);
    const o = lines(out);
    expect(o.slice(0, 3)).toEqual(["parse error: expected an operand after '+'", '2 + * x', '    ^']);
    expect(o.slice(3, 6)).toEqual(["parse error: expected an operand after '+'", 'd/dx 2 + * x', '         ^']);
    expect(o[6]).toMatch(/^parse error: sin needs an argument/);
    expect(o.slice(7, 9)).toEqual(['f(x) = x + sin', '           ^']);
    expect(o[o.length - 2]).toBe('x + 1');
  });
  it('errors in a command argument point into the whole line', async () => {
    const { out } = await transcript([':latex 1 + * 2']);
    expect(lines(out).slice(1)).toEqual([':latex 1 + * 2', '           ^']);
  });
  it('a colon alone asks for a command', async () => {
    const { out } = await transcript([':']);
    expect(out).toBe('error: a command follows the colon, as in :help or :at x=2\n');
  });
  it('unknown commands suggest the nearest', async () => {
    const { out } = await transcript([':chek x', ':xyzzy']);
    expect(out).toMatch(/unknown command :chek; did you mean :check\?/);
    expect(out).toMatch(/unknown command :xyzzy \(:help lists the commands\)/);
  });
  it("an '=' outside a definition is explained", async () => {
    const { out } = await transcript(['2x = 4']);
    expect(out).toMatch(/'=' belongs in a definition/);
    expect(lines(out)[2]).toBe('   ^');
  });
  it('differentiating by a name that is not a variable', async () => {
    const { out } = await transcript(['d/dπ x']);
    expect(lines(out)).toEqual(['parse error: expected a variable after d, as in dx (π is not a variable)', 'd/dπ x', '   ^']);
  });
  it('deep input is answered or refused clearly, never a crash', async () => {
    const deep = '('.repeat(20_000) + 'x' + ')'.repeat(20_000);
    const sum = Array.from({ length: 3000 }, () => 'x').join(' + ');
    const { out } = await transcript([deep, `d/dx ${sum}`, '1 + 1']);
    const o = lines(out);
    expect(o[0] === 'x' || /^(parse )?error: /.test(o[0]!)).toBe(true);
    expect(out).toContain('3000');
    expect(o[o.length - 2]).toBe('2');
  });
});

describe('multiline input while brackets are open', () => {
  it('joins lines until the brackets balance', async () => {
    const { out } = await transcript(['d/dx (x² +', '  sin x)', 'f(x, y) = [x', '+ y]', 'f(1, 2)']);
    const o = lines(out);
    for (const x of [0.5, 2]) expect(valueOf(o[0]!, { x })).toBeCloseTo(2 * x + Math.cos(x), 12);
    expect(o[1]).toBe('f(x, y) = x + y');
    expect(o[2]).toBe('3');
  });
  it('input that ends inside a bracket is answered with the parser’s message', async () => {
    const { out } = await transcript(['sin(x +']);
    expect(out).toMatch(/^parse error: unclosed '\('/);
  });
});
