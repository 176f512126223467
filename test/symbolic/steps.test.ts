import { describe, expect, it } from 'vitest';
import { add, num, type Expr } from '../../src/expr/expr.ts';
import { DiffError } from '../../src/expr/errors.ts';
import { parse } from '../../src/parse/index.ts';
import { diff, formatSteps, steps } from '../../src/symbolic/index.ts';
import { x } from './helpers.ts';

const lines = (input: string, wrt = 'x'): string[] => steps(parse(input), wrt).steps.map((s) => `${'  '.repeat(s.depth)}${s.unicode}   [${s.rule}]`);

describe('a derivation as a reader would write it', () => {
  it('the seeds\' example: sum and difference, logarithm, constant multiple, power, chain rule with u, simplify', () => {
    expect(lines('ln x + x²y − sin xy')).toEqual([
      '∂/∂x (ln x + x²y − sin(xy)) = ∂/∂x ln x + ∂/∂x (x²y) − ∂/∂x sin(xy)   [sum rule and difference rule]',
      '  ∂/∂x ln x = 1/x   [logarithm rule]',
      '  ∂/∂x (x²y) = y · ∂/∂x x²   [constant multiple rule]',
      '    ∂/∂x x² = 2x   [power rule]',
      '  ⇒ ∂/∂x (x²y) = 2xy   [constant multiple rule]',
      '  ∂/∂x sin(xy) = d/du sin u · ∂u/∂x, where u = xy   [chain rule]',
      '    d/du sin u = cos u   [sine rule]',
      '    ∂u/∂x = ∂/∂x (xy)   [chain rule]',
      '      ∂/∂x (xy) = y · ∂/∂x x   [constant multiple rule]',
      '        ∂/∂x x = 1   [identity]',
      '      ⇒ ∂/∂x (xy) = y   [constant multiple rule]',
      '  ⇒ ∂/∂x sin(xy) = y cos(xy)   [chain rule]',
      '∂/∂x (ln x + x²y − sin(xy)) = 1/x + 2xy − y cos(xy)   [simplify]',
    ]);
  });

  it('xˣ: the power rule for the base and the exponential rule for the exponent, then simplified', () => {
    const d = steps(parse('xˣ'), 'x');
    expect(d.steps.map((s) => s.rule)).toEqual(['multivariable chain rule', 'power rule', 'identity', 'exponential rule', 'identity', 'simplify']);
    expect(d.steps[0]!.unicode).toContain('where u = x, v = x');
    expect(d.steps.at(-1)!.unicode).toMatch(/= xˣ\(ln x \+ 1\)$/);
  });

  it('product and quotient rules, with the combination shown before it is simplified', () => {
    const p = steps(parse('sin(x²) eˣ'), 'x');
    expect(p.steps[0]!.rule).toBe('product rule');
    expect(p.steps[0]!.unicode).toBe('d/dx (sin(x²)eˣ) = d/dx sin(x²) · eˣ + sin(x²) · d/dx eˣ');
    expect(p.steps.map((s) => s.rule)).toContain('exponential rule');
    const q = steps(parse('x/(1 + x²)'), 'x');
    expect(q.steps[0]!.rule).toBe('quotient rule');
    expect(q.steps.at(-1)!.unicode).toBe('d/dx (x/(1 + x²)) = (1(1 + x²) − x·2x)/(1 + x²)² = (1 − x²)/(x² + 1)²');
  });

  it('nested chain rules take fresh letters', () => {
    const d = steps(parse('exp(sin(x²))'), 'x');
    const chain = d.steps.filter((s) => s.rule === 'chain rule' && s.unicode.includes('where'));
    expect(chain.map((s) => s.unicode.replace(/.*where /, ''))).toEqual(['u = sin(x²)', 'v = x²']);
    expect(d.steps.map((s) => s.rule)).toEqual(expect.arrayContaining(['exponential rule', 'sine rule', 'power rule', 'simplify']));
  });

  it('the rule names come from the registry, activations included', () => {
    expect(steps(parse('σ(x)'), 'x').steps[0]).toMatchObject({ rule: 'logistic rule', unicode: 'd/dx σ(x) = σ(x) σ(−x)' });
    expect(steps(parse('tanh x'), 'x').steps[0]).toMatchObject({ rule: 'hyperbolic tangent rule', unicode: 'd/dx tanh x = 1/cosh²(x)' });
    expect(steps(parse('softplus(3x)'), 'x').steps.map((s) => s.rule)).toContain('softplus rule');
  });

  it('a subexpression met twice is derived once', () => {
    const d = steps(parse('sin x · sin x'), 'x');
    expect(d.steps.filter((s) => s.rule === 'sine rule')).toHaveLength(1);
    expect(d.steps.map((s) => s.rule)).toContain('as above');
  });

  it('constants: the constant rule, and constant terms of a sum are noted', () => {
    expect(steps(parse('3'), 'x').steps[0]).toMatchObject({ rule: 'constant rule', unicode: 'd/dx 3 = 0' });
    expect(steps(parse('x² + 7'), 'x').steps[0]!.unicode).toContain('(constant terms contribute 0)');
  });

  it('the result is diff\'s result, for every fixture-style input', () => {
    for (const input of ['ln x + x²y − sin xy', 'xˣ', 'σ(wx + b)', 'max(x, x²)', '√(1 − x²)', 'arctan(x y) + y³', '(x + 1)³/(x − 1)', '−x·eˣ']) {
      const e = parse(input);
      expect(steps(e, 'x').result).toBe(diff(e, 'x'));
    }
  });

  it('LaTeX: an aligned environment with the rule names as text', () => {
    const tex = formatSteps(steps(parse('sin(x²)'), 'x'), 'latex');
    expect(tex.startsWith('\\begin{aligned}')).toBe(true);
    expect(tex).toContain('\\frac{d}{d u} \\sin{u}');
    expect(tex).toContain('\\text{chain rule}');
    expect(tex).toContain('\\text{, where }');
  });
});

describe('limits', () => {
  it('a large input is refused with a DiffError that points to diff', () => {
    let e: Expr = x;
    for (let i = 0; i < 400; i++) e = add(e, num(i));
    expect(() => steps(e, 'x')).toThrow(DiffError);
    expect(() => steps(e, 'x')).toThrow(/too large for a step-by-step derivation.*diff works on any size/);
  });
  it('a bad variable name', () => {
    expect(() => steps(parse('x'), '1x')).toThrow(/not a variable name/);
  });
});
