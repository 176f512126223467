import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parse/index.ts';
import { operatorCount } from '../../src/symbolic/size.ts';

describe('operatorCount: operators as written, like sympy.count_ops', () => {
  it('counts k − 1 operators for a call of k arguments and one for a unary call', () => {
    // counted by hand on the trees the parser reads
    expect(operatorCount(parse('x'))).toBe(0);
    expect(operatorCount(parse('a + b + c'))).toBe(2);
    expect(operatorCount(parse('−x'))).toBe(1);
    expect(operatorCount(parse('sin x'))).toBe(1);
    expect(operatorCount(parse('√x'))).toBe(1);
    expect(operatorCount(parse('x^2'))).toBe(1);
    expect(operatorCount(parse('x/(y + 1)'))).toBe(2);
    // 2·x·sin x: 3; x²·cos x: 3; the subtraction: 1 (sympy.count_ops(2*x*sin(x) - x**2*cos(x)) is 7 too)
    expect(operatorCount(parse('2x sin(x) − x^2 cos x'))).toBe(7);
  });

  it('counts a negative number as one negation, whether read as a literal or printed as −(6)', () => {
    // sympy.count_ops(-6/x**4) = 3: NEG, DIV, POW
    expect(operatorCount(parse('-6/x^4'))).toBe(3);
    expect(operatorCount(parse('−(6/x^4)'))).toBe(3);
  });

  it('counts the tree, not the DAG: a repeated subexpression counts each time', () => {
    // (x + 1)·(x + 1) + (x + 1): three additions of x + 1, one product, one sum
    expect(operatorCount(parse('(x + 1)(x + 1) + (x + 1)'))).toBe(5);
  });
});
