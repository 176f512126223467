import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/expr/errors.ts';
import { derivativeName, needsMoreInput, openBrackets, readInput, type Input } from '../../../src/cli/repl/input.ts';

const read = (line: string, variables: string[] = []): Input => readInput(line, { variables });
const derivative = (line: string, variables: string[] = []) => {
  const r = read(line, variables);
  if (r.kind !== 'derivative') throw new Error(`not a derivative: ${line} (${r.kind})`);
  return r;
};
/** The error's position as a column under the line. */
const errorAt = (line: string): { message: string; pos: number } => {
  try {
    read(line);
  } catch (e) {
    if (e instanceof ParseError) return { message: e.message, pos: e.pos! };
    throw e;
  }
  throw new Error(`no error for ${line}`);
};

describe('derivative heads', () => {
  it('d/dx and ∂/∂y, the body following', () => {
    expect(derivative('d/dx sin x')).toMatchObject({ spec: { order: 1, wrt: ['x'], symbol: 'd' }, body: 'sin x', of: undefined });
    expect(derivative('∂/∂y x²y')).toMatchObject({ spec: { order: 1, wrt: ['y'], symbol: '∂' }, body: 'x²y' });
    expect(derivative('d/dy x²y').spec.wrt).toEqual(['y']);
  });
  it('the body starts where the head ends (offset into the line)', () => {
    const r = derivative('  d/dx   sin x');
    expect(r.offset).toBe(9);
    expect('  d/dx   sin x'.slice(r.offset)).toBe('sin x');
  });
  it('a bracket may follow the variable directly', () => {
    expect(derivative('d/dx(x²)').body).toBe('(x²)');
    expect(derivative('d/dx[x + 1]').body).toBe('[x + 1]');
  });
  it('higher orders: d²/dx², d^2/dx^2, d^{3}/dx^{3}', () => {
    expect(derivative('d²/dx² x⁴').spec).toMatchObject({ order: 2, wrt: ['x', 'x'] });
    expect(derivative('d^2/dx^2 x^4').spec).toMatchObject({ order: 2, wrt: ['x', 'x'] });
    expect(derivative('d^{3}/dx^{3} x^4').spec).toMatchObject({ order: 3, wrt: ['x', 'x', 'x'] });
  });
  it('mixed partials keep the written order: ∂²/∂x∂y, ∂³/∂x²∂y, ∂²/∂x ∂y', () => {
    expect(derivative('∂²/∂x∂y x²y').spec.wrt).toEqual(['x', 'y']);
    expect(derivative('∂³/∂x²∂y x³y²').spec.wrt).toEqual(['x', 'x', 'y']);
    expect(derivative('∂²/∂x ∂y x y').spec.wrt).toEqual(['x', 'y']);
  });
  it('variables in any spelling: x₁, x_1, x1, α, alpha, declared names', () => {
    expect(derivative('d/dx₁ x₁²').spec.wrt).toEqual(['x1']);
    expect(derivative('d/dx_1 x₁²').spec.wrt).toEqual(['x1']);
    expect(derivative('∂/∂x2 x1 x2').spec.wrt).toEqual(['x2']);
    expect(derivative('d/dα α²').spec.wrt).toEqual(['alpha']);
    expect(derivative('d/dalpha α²').spec.wrt).toEqual(['alpha']);
    expect(derivative('d/drate rate²', ['rate']).spec.wrt).toEqual(['rate']);
  });
  it('df/dx, ∂²f/∂x∂y name a definition', () => {
    expect(derivative('df/dx')).toMatchObject({ of: 'f', body: '', spec: { wrt: ['x'] } });
    expect(derivative('∂²g/∂x∂y')).toMatchObject({ of: 'g', spec: { wrt: ['x', 'y'] } });
    expect(derivative('d²f/dx²')).toMatchObject({ of: 'f', spec: { order: 2 } });
  });
  it('names the notation back: derivativeName', () => {
    expect(derivativeName(['x', 'x', 'y'], '∂', (n) => n)).toBe('∂³/∂x²∂y');
    expect(derivativeName(['x'], 'd', (n) => n)).toBe('d/dx');
  });
});

describe('what is not a derivative head', () => {
  it('ordinary quotients and products that start with d', () => {
    expect(read('d/2').kind).toBe('expression');
    expect(read('d/d + 1').kind).toBe('expression');
    expect(read('dx + 1').kind).toBe('expression');
    expect(read('d x').kind).toBe('expression');
  });
});

describe('malformed derivative heads are positioned errors', () => {
  it('∂ always starts a derivative', () => {
    expect(errorAt('∂/∂').message).toMatch(/expected a variable after ∂/);
    expect(errorAt('∂ x')).toEqual({ message: expect.stringMatching(/expected a partial derivative such as ∂\/∂x/) as unknown as string, pos: 2 });
    expect(errorAt('∂x/2').pos).toBe(3);
  });
  it('orders that do not add up', () => {
    const e = errorAt('d²/dx sin x');
    expect(e.message).toMatch(/orders do not match.*write d²\/dx²/);
    expect(e.pos).toBe(3);
  });
  it('a variable run into the expression', () => {
    const e = errorAt('d/dxy');
    expect(e.message).toMatch(/d\/dx is followed by 'y': leave a space/);
    expect(e.pos).toBe(4);
  });
  it('no expression after the head', () => {
    const e = errorAt('d/dx   ');
    expect(e.message).toMatch(/d\/dx needs an expression/);
  });
  it('something after df/dx', () => {
    expect(errorAt('df/dx x').message).toMatch(/already names what to differentiate/);
  });
  it('order 0', () => {
    expect(errorAt('d^0/dx^0 x').message).toMatch(/at least 1/);
  });
});

describe('gradients', () => {
  it('∇ and grad; ∇² is the Laplacian', () => {
    expect(read('∇ x²y')).toMatchObject({ kind: 'gradient', laplacian: false, body: 'x²y', offset: 2 });
    expect(read('grad(x y)')).toMatchObject({ kind: 'gradient', body: '(x y)' });
    expect(read('∇² x² + y²')).toMatchObject({ kind: 'gradient', laplacian: true, body: 'x² + y²' });
    expect(read('gradient').kind).toBe('expression');
    expect(errorAt('grad').message).toMatch(/grad needs an expression/);
  });
  it('needs an expression', () => {
    expect(errorAt('∇').message).toMatch(/needs an expression/);
  });
});

describe('definitions', () => {
  it('f = …, f(x, y) = …, with canonical names', () => {
    expect(read('f = x²y')).toMatchObject({ kind: 'definition', name: 'f', params: undefined, body: 'x²y', offset: 4 });
    expect(read('g(x, y) = x + y')).toMatchObject({ kind: 'definition', name: 'g', params: ['x', 'y'], body: 'x + y' });
    expect(read('phi(α, x₁) = α x₁')).toMatchObject({ name: 'phi', params: ['alpha', 'x1'] });
    expect(read('φ = α')).toMatchObject({ name: 'phi', params: undefined });
    expect(read('loss = (y − t)²')).toMatchObject({ name: 'loss' });
  });
  it('repeated or malformed parameters are errors at their position', () => {
    expect(() => read('f(x, x) = x')).toThrow(/parameter x appears twice/);
    const line = 'f(x, 2) = x';
    try {
      read(line);
      throw new Error('no error');
    } catch (e) {
      expect((e as ParseError).pos).toBe(5);
    }
  });
  it('an empty body is an error', () => {
    expect(() => read('f =')).toThrow(/needs an expression after '='/);
  });
});

describe('commands, comments and blank lines', () => {
  it(':name and the rest, offset into the line', () => {
    expect(read(':check  sin x')).toEqual({ kind: 'command', name: 'check', rest: 'sin x', offset: 8 });
    expect(read(' :QUIT')).toMatchObject({ kind: 'command', name: 'quit' });
    expect(read('   ').kind).toBe('blank');
    expect(read('# a comment').kind).toBe('blank');
  });
});

describe('multiline input', () => {
  it('continues while a bracket is open', () => {
    expect(needsMoreInput('sin(x +')).toBe(true);
    expect(needsMoreInput('sin(x +\n[y')).toBe(true);
    expect(needsMoreInput('sin(x +\n[y])')).toBe(false);
    expect(needsMoreInput('x)')).toBe(false);
    expect(openBrackets('((x')).toBe(2);
    expect(openBrackets('x))')).toBe(-2);
  });
});
