// The notation, as a specification: each input with the expression it must
// read as, built independently with the constructors. Every accepted input
// must have exactly one parse (the grammar is unambiguous).

import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/expr/expr.ts';
import { add, call, constant, div, fn, mul, neg, num, pow, sub, variable } from '../../src/expr/expr.ts';
import type { ParseError } from '../../src/expr/errors.ts';
import type { ParseOptions, UserFunction } from '../../src/parse/index.ts';
import { countParses, parse, SUGAR } from '../../src/parse/index.ts';
import { SUGAR_SPELLINGS } from '../../src/ops/index.ts';
import { printAscii, printUnicode } from '../../src/expr/print.ts';

const [a, b, c, d, i, n, x, y, z] = ['a', 'b', 'c', 'd', 'i', 'n', 'x', 'y', 'z'].map((v) => variable(v)) as [Expr, Expr, Expr, Expr, Expr, Expr, Expr, Expr, Expr];
const e = constant('e');
const pi = constant('pi');
const v = (name: string): Expr => variable(name);

type Case = readonly [input: string, expected: Expr];

function reads(cases: readonly Case[], options?: ParseOptions): void {
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)}`, () => {
      expect(countParses(input, options)).toBe(1);
      const got = parse(input, options);
      // `===` is structural equality (hash-consing); toBe reports the structures on failure.
      expect(got).toBe(expected);
    });
  }
}

describe('numbers', () => {
  reads([
    ['2', num(2)],
    ['0', num(0)],
    ['2.5', num(2.5)],
    ['.5', num(0.5)],
    ['3.', num(3)],
    ['10.25', num(10.25)],
    ['1.5e-3', num(0.0015)],
    ['1.5e−3', num(0.0015)],
    ['2e3', num(2000)],
    ['2E3', num(2000)],
    ['1e+2', num(100)],
  ]);
});

describe("'e' is an exponent only when digits follow", () => {
  reads([
    ['2e^x', mul(2, fn('exp', x))],
    ['2e-x', sub(mul(2, e), x)],
    ['2e', mul(2, e)],
    ['1e5x', mul(100000, x)],
    ['2ex', mul(mul(2, e), x)],
  ]);
});

describe('a minus directly before a numeric literal makes a negative literal', () => {
  reads([
    ['-2', num(-2)],
    ['−2.5', num(-2.5)],
    ['-(2)', neg(2)],
    ['--2', neg(num(-2))],
    ['x + -2', add(x, num(-2))],
    ['(-2)', num(-2)],
    ['-2x', neg(mul(2, x))],
    ['-2^2', neg(pow(2, 2))],
  ]);
});

describe('additive and multiplicative operators, with Unicode spellings', () => {
  reads([
    ['x + y', add(x, y)],
    ['x - y', sub(x, y)],
    ['x − y', sub(x, y)],
    ['x * y', mul(x, y)],
    ['x × y', mul(x, y)],
    ['x · y', mul(x, y)],
    ['x ⋅ y', mul(x, y)],
    ['x / y', div(x, y)],
    ['x ÷ y', div(x, y)],
    ['x-y-z', sub(sub(x, y), z)],
    ['x/y/z', div(div(x, y), z)],
    ['x+y*z', add(x, mul(y, z))],
    ['x*y+z', add(mul(x, y), z)],
    ['(x+y)*z', mul(add(x, y), z)],
    ['x ÷ y × z', mul(div(x, y), z)],
    ['x - -y', sub(x, neg(y))],
    ['x--y', sub(x, neg(y))],
    ['x * -y', mul(x, neg(y))],
    ['x / -2', div(x, num(-2))],
    ['+x', x],
    ['a -b', sub(a, b)],
    ['a - b + c', add(sub(a, b), c)],
  ]);
});

describe('powers: ^, ** and Unicode superscripts', () => {
  reads([
    ['x ^ y', pow(x, y)],
    ['x ** y', pow(x, y)],
    ['x²', pow(x, 2)],
    ['x³', pow(x, 3)],
    ['x¹²', pow(x, 12)],
    ['x⁻¹', pow(x, -1)],
    ['x⁺²', pow(x, 2)],
    ['2ⁿ', pow(2, n)],
    ['xⁱ', pow(x, i)],
    ['xˣ', pow(x, x)],
    ['yʸ', pow(y, y)],
    ['x⁻ⁿ', pow(x, neg(n))],
    ['x²y³', mul(pow(x, 2), pow(y, 3))],
    ['(x+1)²', pow(add(x, 1), 2)],
    ['x^2²', pow(x, pow(2, 2))],
    ['x^2.5', pow(x, 2.5)],
    ['x^.5', pow(x, 0.5)],
  ]);
});

describe('^ is right-associative, binds tighter than unary minus, and takes a single atom', () => {
  reads([
    ['2^3^2', pow(2, pow(3, 2))],
    ['x^y^z', pow(x, pow(y, z))],
    ['-x²', neg(pow(x, 2))],
    ['-x^2', neg(pow(x, 2))],
    ['x^2y', mul(pow(x, 2), y)],
    ['2^x y', mul(pow(2, x), y)],
    ['x^-2', pow(x, -2)],
    ['x^-y', pow(x, neg(y))],
    ['x^+2', pow(x, 2)],
    ['x^-2^2', pow(x, neg(pow(2, 2)))],
    ['x^(2y)', pow(x, mul(2, y))],
    ['x^{2y}', pow(x, mul(2, y))],
    ['x^[2y]', pow(x, mul(2, y))],
    ['x^|y|', pow(x, fn('abs', y))],
    ['x^√2', pow(x, fn('sqrt', 2))],
    ['2^√x^2', pow(2, fn('sqrt', pow(x, 2)))],
    ['x^sin(y)', pow(x, fn('sin', y))],
    ['2^3²', pow(2, pow(3, 2))],
  ]);
});

describe('e as a base is exp; π and pi are the constant', () => {
  reads([
    ['e', e],
    ['e^x', fn('exp', x)],
    ['e^-x', fn('exp', neg(x))],
    ['e^(x+1)', fn('exp', add(x, 1))],
    ['e^{−x}', fn('exp', neg(x))],
    ['e^{-x^2/2}', fn('exp', div(neg(pow(x, 2)), 2))],
    ['e^x^2', fn('exp', pow(x, 2))],
    ['eˣ', fn('exp', x)],
    ['e²', fn('exp', 2)],
    ['e^sin(x)', fn('exp', fn('sin', x))],
    ['2^e^x', pow(2, fn('exp', x))],
    ['2^e', pow(2, e)],
    ['(e)^x', pow(e, x)],
    ['exp(x)', fn('exp', x)],
    ['exp x', fn('exp', x)],
    ['xe^x', mul(x, fn('exp', x))],
    ['π', pi],
    ['pi', pi],
    ['π^2', pow(pi, 2)],
    ['eπ', mul(e, pi)],
  ]);
});

describe('grouping with (), [] and {}', () => {
  reads([
    ['(x)', x],
    ['((x))', x],
    ['[x + 1]', add(x, 1)],
    ['{x + 1}', add(x, 1)],
    ['[(x + 1) y]', mul(add(x, 1), y)],
    ['{x}^2', pow(x, 2)],
    ['2[x - 1]', mul(2, sub(x, 1))],
  ]);
});

describe('absolute value |…|: a bar closes when it follows an operand inside an open |', () => {
  reads([
    ['|x|', fn('abs', x)],
    ['2|x|', mul(2, fn('abs', x))],
    ['|a|b|c|', mul(mul(fn('abs', a), b), fn('abs', c))],
    ['||x|+|y||', fn('abs', add(fn('abs', x), fn('abs', y)))],
    ['||x||', fn('abs', fn('abs', x))],
    ['|x - y|', fn('abs', sub(x, y))],
    ['|−x|', fn('abs', neg(x))],
    ['x|y|', mul(x, fn('abs', y))],
    ['|x||y|', mul(fn('abs', x), fn('abs', y))],
    ['|x|²', pow(fn('abs', x), 2)],
    ['|x|^2', pow(fn('abs', x), 2)],
    ['|sin x|', fn('abs', fn('sin', x))],
    ['|(x)|', fn('abs', x)],
  ]);
});

describe('√ applies to the following power-atom', () => {
  reads([
    ['√x', fn('sqrt', x)],
    ['√(x+1)', fn('sqrt', add(x, 1))],
    ['√x²', fn('sqrt', pow(x, 2))],
    ['√x^2', fn('sqrt', pow(x, 2))],
    ['√(x)²', fn('sqrt', pow(x, 2))],
    ['2√x y', mul(mul(2, fn('sqrt', x)), y)],
    ['√√x', fn('sqrt', fn('sqrt', x))],
    ['√sin(x)', fn('sqrt', fn('sin', x))],
    ['√[x]', fn('sqrt', x)],
    ['√(x²+y²)', fn('sqrt', add(pow(x, 2), pow(y, 2)))],
    ['1/√x', div(1, fn('sqrt', x))],
  ]);
});

describe('juxtaposition multiplies and binds tighter than * and /', () => {
  reads([
    ['2x', mul(2, x)],
    ['x y', mul(x, y)],
    ['x 2', mul(x, 2)],
    ['x(x+1)', mul(x, add(x, 1))],
    ['(x+1)(x−1)', mul(add(x, 1), sub(x, 1))],
    ['(x)(y)(z)', mul(mul(x, y), z)],
    ['2πx', mul(mul(2, pi), x)],
    ['2x^2', mul(2, pow(x, 2))],
    ['3xy²', mul(mul(3, x), pow(y, 2))],
    ['x/2y', div(x, mul(2, y))],
    ['1/2x', div(1, mul(2, x))],
    ['x*2y', mul(x, mul(2, y))],
    ['ab/cd', div(mul(a, b), mul(c, d))],
    ['-2x', neg(mul(2, x))],
    ['-x y', neg(mul(x, y))],
    ['x(y)', mul(x, y)],
    ['2(3)', mul(2, 3)],
  ]);
});

describe('names: one letter with an optional subscript, Greek glyphs and spellings', () => {
  reads([
    ['x1', v('x1')],
    ['x_1', v('x1')],
    ['x₁', v('x1')],
    ['x_{1}', v('x1')],
    ['x12', v('x12')],
    ['x₁₂', v('x12')],
    ['x_i', v('x_i')],
    ['x_{ij}', v('x_ij')],
    ['α', v('alpha')],
    ['alpha', v('alpha')],
    ['α + alpha', add(v('alpha'), v('alpha'))],
    ['α₁', v('alpha1')],
    ['alpha_1', v('alpha1')],
    ['θ', v('theta')],
    ['theta', v('theta')],
    ['ϵ', v('epsilon')],
    ['Δx', mul(v('Delta'), x)],
    ['Σ', v('Sigma')],
    ['λx', mul(v('lambda'), x)],
  ]);
});

describe('letter runs split greedily into known names, else single letters', () => {
  reads([
    ['xy', mul(x, y)],
    ['xyz', mul(mul(x, y), z)],
    ['x1x2', mul(v('x1'), v('x2'))],
    ['sinx', fn('sin', x)],
    ['sinhx', fn('sinh', x)],
    ['sinh x', fn('sinh', x)],
    ['xi', v('xi')],
    ['pix', mul(pi, x)],
    ['etax', mul(v('eta'), x)],
    ['lnx', fn('ln', x)],
    ['expx', fn('exp', x)],
    ['asinx', fn('asin', x)],
    ['sinsin x', fn('sin', fn('sin', x))],
    ['xsin y', mul(x, fn('sin', y))],
  ]);
});

describe('digits after a letter run: a subscript of a variable, a number after a function or constant', () => {
  reads([
    ['sin2x', fn('sin', mul(2, x))],
    ['pi2', mul(pi, 2)],
    ['e2', mul(e, 2)],
    ['xy2', mul(x, v('y2'))],
    ['2x1', mul(2, v('x1'))],
  ]);
});

describe('σ and sigma are the logistic function', () => {
  reads([
    ['σ(x)', fn('sigmoid', x)],
    ['σx', fn('sigmoid', x)],
    ['sigma x', fn('sigmoid', x)],
    ['sigmoid(x)', fn('sigmoid', x)],
    ['logistic x', fn('sigmoid', x)],
    ['2σ(x)(1 − σ(x))', mul(mul(2, fn('sigmoid', x)), sub(1, fn('sigmoid', x)))],
  ]);
});

describe('functions with parentheses; a postfix power applies to the call', () => {
  reads([
    ['sin(x)', fn('sin', x)],
    ['sin (x+1)', fn('sin', add(x, 1))],
    ['max(x, y)', fn('max', x, y)],
    ['min(1, 2)', fn('min', 1, 2)],
    ['sin(x)²', pow(fn('sin', x), 2)],
    ['sin(x)^2', pow(fn('sin', x), 2)],
    ['cos(x)y', mul(fn('cos', x), y)],
    ['sin(x)(y)', mul(fn('sin', x), y)],
    ['ln(x)/x', div(fn('ln', x), x)],
    ['logsumexp(x, y, z)', fn('logsumexp', x, y, z)],
    ['lse(1, 2, 3)', fn('logsumexp', 1, 2, 3)],
    ['leakyrelu(x)', fn('leakyrelu', x)],
    ['leakyrelu(x, 0.1)', fn('leakyrelu', x, 0.1)],
    ['elu(x, 2)', fn('elu', x, 2)],
    ['swish(x, 1)', fn('swish', x, 1)],
    ['arcsin(x)', fn('asin', x)],
    ['log(x)', fn('ln', x)],
    ['sqrt(x)', fn('sqrt', x)],
    ['abs(x)', fn('abs', x)],
    ['sgn(x)', fn('sign', x)],
    ['max(x, y)^2', pow(fn('max', x, y), 2)],
    ['f(x)', mul(v('f'), x)],
  ]);
});

describe('every registry function is reachable by each of its spellings', () => {
  reads([
    ['erf(x)', fn('erf', x)],
    ['heaviside(x)', fn('heaviside', x)],
    ['relu(x)', fn('relu', x)],
    ['softplus x', fn('softplus', x)],
    ['gelu x', fn('gelu', x)],
    ['hardtanh x', fn('hardtanh', x)],
    ['hardsigmoid x', fn('hardsigmoid', x)],
    ['hardlogistic x', fn('hardsigmoid', x)],
    ['logsigmoid x', fn('logsigmoid', x)],
    ['tanh x', fn('tanh', x)],
    ['cosh x', fn('cosh', x)],
    ['sec x', fn('sec', x)],
    ['csc x', fn('csc', x)],
    ['cot x', fn('cot', x)],
    ['arccos x', fn('acos', x)],
    ['atan x', fn('atan', x)],
  ]);
});

describe('function application without parentheses takes the following implicit product', () => {
  reads([
    ['sin x', fn('sin', x)],
    ['sin xy', fn('sin', mul(x, y))],
    ['sin 2x', fn('sin', mul(2, x))],
    ['ln x²', fn('ln', pow(x, 2))],
    ['sin x^2 y', fn('sin', mul(pow(x, 2), y))],
    ['sin |x| y', fn('sin', mul(fn('abs', x), y))],
    ['sin [x+1] y', fn('sin', mul(add(x, 1), y))],
    ['sin x (y)', fn('sin', mul(x, y))],
    ['sin πx', fn('sin', mul(pi, x))],
    ['sin √x', fn('sin', fn('sqrt', x))],
    ['sin e^x', fn('sin', fn('exp', x))],
    ['ln|x|', fn('ln', fn('abs', x))],
    ['x sin x', mul(x, fn('sin', x))],
    ['-sin x', neg(fn('sin', x))],
  ]);
});

describe('the implicit argument stops at + − * /, another function, and a closing bracket', () => {
  reads([
    ['sin x + 1', add(fn('sin', x), 1)],
    ['sin x - y', sub(fn('sin', x), y)],
    ['sin x * y', mul(fn('sin', x), y)],
    ['tan x / x', div(fn('tan', x), x)],
    ['sin x cos y', mul(fn('sin', x), fn('cos', y))],
    ['2sin x cos x', mul(mul(2, fn('sin', x)), fn('cos', x))],
    ['sin x cos(y)', mul(fn('sin', x), fn('cos', y))],
    ['sin x cos(y) z', mul(mul(fn('sin', x), fn('cos', y)), z)],
    ['(sin x)y', mul(fn('sin', x), y)],
    ['|sin x|y', mul(fn('abs', fn('sin', x)), y)],
    ['e^x sin x', mul(fn('exp', x), fn('sin', x))],
  ]);
});

describe('a function name followed by a function applies to its result', () => {
  reads([
    ['sin cos x', fn('sin', fn('cos', x))],
    ['sin cos tan x', fn('sin', fn('cos', fn('tan', x)))],
    ['sin cos(x)', fn('sin', fn('cos', x))],
    ['sin cos(x) y', mul(fn('sin', fn('cos', x)), y)],
    ['ln ln x', fn('ln', fn('ln', x))],
    ['sin cos x tan y', mul(fn('sin', fn('cos', x)), fn('tan', y))],
  ]);
});

describe('a power written on a function name applies to the result', () => {
  reads([
    ['sin²x', pow(fn('sin', x), 2)],
    ['sin^2 x', pow(fn('sin', x), 2)],
    ['sin^2(x)', pow(fn('sin', x), 2)],
    ['sin²(x)', pow(fn('sin', x), 2)],
    ['sin^2 x cos x', mul(pow(fn('sin', x), 2), fn('cos', x))],
    ['cos³ 2x', pow(fn('cos', mul(2, x)), 3)],
    ['sin^(2) (x)', pow(fn('sin', x), 2)],
    ['sin² cos x', pow(fn('sin', fn('cos', x)), 2)],
    ['ln² x + 1', add(pow(fn('ln', x), 2), 1)],
  ]);
});

describe('declared multi-letter variables are read whole', () => {
  reads(
    [
      ['rate', v('rate')],
      ['2rate', mul(2, v('rate'))],
      ['ratex', mul(v('rate'), x)],
      ['lr rate', mul(v('lr'), v('rate'))],
      ['rate2', v('rate2')],
      ['w12', v('w12')],
      ['sin rate', fn('sin', v('rate'))],
    ],
    { variables: ['rate', 'lr', 'w12'] },
  );
});

describe('user functions expand through expand(args)', () => {
  const functions = new Map<string, UserFunction>([
    ['f', { arity: 2, expand: (args) => add(pow(args[0]!, 2), args[1]!) }],
    ['g', { arity: 1, expand: (args) => mul(2, args[0]!) }],
    ['sin', { arity: 1, expand: (args) => fn('cos', args[0]!) }],
  ]);
  reads(
    [
      ['f(x, y)', add(pow(x, 2), y)],
      ['f(1, 2)', add(pow(1, 2), 2)],
      ['g x', mul(2, x)],
      ['g(x)²', pow(mul(2, x), 2)],
      ['gf(x, y)', mul(2, add(pow(x, 2), y))],
      ['g g x', mul(2, mul(2, x))],
      ['2g(x + 1)', mul(2, mul(2, add(x, 1)))],
      ['sin x', fn('cos', x)],
    ],
    { functions },
  );
});

describe('whitespace is insignificant between tokens', () => {
  reads([
    ['  x\t+\ny  ', add(x, y)],
    ['sin\u00a0x', fn('sin', x)],
    ['( x )', x],
  ]);
});

describe('textbook formulas', () => {
  reads([
    ['ln x + x²y − sin xy', sub(add(fn('ln', x), mul(pow(x, 2), y)), fn('sin', mul(x, y)))],
    ['x e^{−x²}', mul(x, fn('exp', neg(pow(x, 2))))],
    ['1/(1 + e^-x)', div(1, add(1, fn('exp', neg(x))))],
    ['σ(x)(1 − σ(x))', mul(fn('sigmoid', x), sub(1, fn('sigmoid', x)))],
    ['(e^x − e^-x)/(e^x + e^-x)', div(sub(fn('exp', x), fn('exp', neg(x))), add(fn('exp', x), fn('exp', neg(x))))],
    ['x^x', pow(x, x)],
    ['√(1 − x²)', fn('sqrt', sub(1, pow(x, 2)))],
    ['sin²x + cos²x', add(pow(fn('sin', x), 2), pow(fn('cos', x), 2))],
    ['2x³ − 3x + 1', add(sub(mul(2, pow(x, 3)), mul(3, x)), 1)],
    ['ln(1 + e^x)', fn('ln', add(1, fn('exp', x)))],
    ['max(0, x)', fn('max', 0, x)],
    ['|x|/x', div(fn('abs', x), x)],
    ['x^2 y + x y^2', add(mul(pow(x, 2), y), mul(x, pow(y, 2)))],
    ['(x − 1)/(x + 1)', div(sub(x, 1), add(x, 1))],
    ['a x² + b x + c', add(add(mul(a, pow(x, 2)), mul(b, x)), c)],
    ['tanh(w x + b)', fn('tanh', add(mul(v('w'), x), b))],
    ['θ₁x₁ + θ₂x₂', add(mul(v('theta1'), v('x1')), mul(v('theta2'), v('x2')))],
    ['1/2 (x − μ)²/σ(d)', div(div(1, mul(2, pow(sub(x, v('mu')), 2))), fn('sigmoid', d))],
  ]);
});

describe('logarithms to a base, roots and the other sugar read as registry ops', () => {
  const lb = (a: Expr, b: number): Expr => call('logbase', [a, num(b)]);
  reads([
    ['log10(6x)', lb(mul(6, x), 10)],
    ['log₁₀ x', lb(x, 10)],
    ['log_10 x', lb(x, 10)],
    ['log_{10}(x)', lb(x, 10)],
    ['lg x', lb(x, 10)],
    ['log2 x', lb(x, 2)],
    ['log₂x', lb(x, 2)],
    ['lb x', lb(x, 2)],
    ['log(x, 3)', call('logbase', [x, num(3)])],
    ['log x', fn('ln', x)],
    ['pow(x, y)', pow(x, y)],
    ['exp2 x', pow(2, x)],
    ['∛x', fn('cbrt', x)],
    ['∛(−8)', fn('cbrt', num(-8))],
    ['∜x', call('root', [x, num(4)])],
    ['nthroot(x, 5)', call('root', [x, num(5)])],
    ['log1p(x)', fn('log1p', x)],
    ['log1px', fn('log1p', x)],
    ['expm1 x', fn('expm1', x)],
    ['cosec x', fn('csc', x)],
    ['asinh(2x)', fn('asinh', mul(2, x))],
    ['arsinh x', fn('asinh', x)],
    ['arcsinh x', fn('asinh', x)],
    ['sech x', fn('sech', x)],
    ['arcoth x', fn('acoth', x)],
    ['arccot x', fn('acot', x)],
    ['max(x, y, z)', call('max', [x, y, z])],
    ['hypot(x, y)', call('hypot', [x, y])],
    ['atan2(y, x)', call('atan2', [y, x])],
  ]);
});

describe('unknown function names are errors, not products', () => {
  it.each([
    ['foo(x)', /unknown function foo/],
    ['sqr(x)', /unknown function sqr; did you mean sqrt\?/],
    ['cbrtx (x)', /unknown function cbrtx/],
    ['abc (x + 1)', /unknown function abc/],
  ])('%s', (input, msg) => {
    expect(() => parse(input)).toThrow(msg);
    try {
      parse(input);
    } catch (e) {
      expect((e as ParseError).pos).toBe(0);
    }
  });
  it('one or two single letters before ( still multiply', () => {
    expect(parse('x(x+1)')).toBe(mul(x, add(x, 1)));
    expect(parse('xy(x+1)')).toBe(mul(mul(x, y), add(x, 1)));
  });
  it('a defined or declared name before ( is not unknown', () => {
    const functions = new Map([['foo', { arity: 1, expand: (a: readonly Expr[]): Expr => mul(2, a[0]!) }]]);
    expect(parse('foo(x)', { functions })).toBe(mul(2, x));
    expect(parse('rate(x+1)', { variables: ['rate'] })).toBe(mul(v('rate'), add(x, 1)));
  });
  it('a function name in a letter run takes one letter (logx = log x); more is an error', () => {
    expect(parse('logx')).toBe(fn('ln', x));
    expect(parse('sinpix')).toBe(fn('sin', mul(pi, x)));
    expect(() => parse('sinxy')).toThrow(/unknown name sinxy.*sin xy or sin\(xy\)/);
    expect(() => parse('logit(x)')).toThrow(/unknown name logit/);
  });
});

describe('a function name with a digit inside reads whole after other letters', () => {
  reads([
    ['xlog1p(x)', mul(x, fn('log1p', x))],
    ['2xlog1p x', mul(mul(2, x), fn('log1p', x))],
  ]);
});

describe('the sugar spellings are function names everywhere', () => {
  it('the registry lists each, by the op it expands to', () => {
    const pure = [...SUGAR.keys()].filter((k) => k !== 'log').sort();
    expect(Object.keys(SUGAR_SPELLINGS).sort()).toEqual(pure);
    for (const k of pure) {
      const e = SUGAR.get(k)!.expand([x, y].slice(0, SUGAR.get(k)!.arity as number));
      expect(e.kind === 'call' && e.op).toBe(SUGAR_SPELLINGS[k]);
    }
  });
  it('with only their own arity: lg(x, 2) is not log(x, 2)', () => {
    expect(() => parse('lg(x, 2)')).toThrow(/lg takes 1 argument, got 2/);
    expect(() => parse('pow(x)')).toThrow(/pow takes 2 arguments, got 1/);
  });
  it('three letters before a parenthesis print with a dot, so that they do not read as an unknown function', () => {
    const e = mul(mul(mul(v('i'), x), y), add(v('l'), x));
    expect(printUnicode(e)).toBe('ixy·(l + x)');
    expect(parse(printUnicode(e))).toBe(e);
  });
  it('a product of l and g prints so that it reads back (not as lg)', () => {
    const lg = mul(v('l'), v('g'));
    expect(parse(printUnicode(lg))).toBe(lg);
    expect(parse(printAscii(lg))).toBe(lg);
  });
});
