import { parse, printUnicode } from 'difflab';
import { describe, expect, it } from 'vitest';
import { caretParts, checkAnswer, derivatives, exportsOf, fourWay, pointFor, readInput, stepsOf, upperIndex, valueAt, verdictText } from '../src/compute.ts';

const u = printUnicode;

describe('readInput', () => {
  it('gives the reading, its printed forms and the variables', () => {
    const r = readInput('ln x + x²y − sin xy');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.ascii).toBe('ln(x) + x^2 * y - sin(x * y)');
    expect(r.vars).toEqual(['x', 'y']);
    expect(r.latex).toContain('\\ln');
  });
  it('keeps the position of a parse error', () => {
    const r = readInput('2 + * x');
    expect(r).toMatchObject({ ok: false, pos: 4 });
    if (r.ok) return;
    expect(r.message).toMatch(/expected an operand after '\+'/);
  });
  it('reads declared multi-letter names whole', () => {
    const r = readInput('rate·x', ['rate']);
    expect(r.ok && r.vars).toEqual(['rate', 'x']);
  });
  it('asks for an expression when the field is empty', () => {
    expect(readInput('  ')).toMatchObject({ ok: false, pos: undefined });
  });
});

describe('caretParts', () => {
  it('splits around the character at the position', () => {
    expect(caretParts('2 + * x', 4)).toEqual({ before: '2 + ', at: '*', after: ' x' });
  });
  it('marks a blank past the end (an unfinished input)', () => {
    expect(caretParts('2 +', 3)).toEqual({ before: '2 +', at: ' ', after: '' });
  });
  it('keeps a surrogate pair whole', () => {
    expect(caretParts('a𝑥b', 1)).toEqual({ before: 'a', at: '𝑥', after: 'b' });
  });
});

describe('pointFor', () => {
  it('takes the given values and 1 for the rest, ignoring other names', () => {
    expect(pointFor(['x', 'y'], { x: 2, z: 9 })).toEqual({ x: 2, y: 1 });
  });
});

describe('derivatives by mode (answers by hand)', () => {
  const f = parse('x²y + y³');
  it('d/dx, n times', () => {
    expect(derivatives(f, 'd', 'x', 1).map((d) => u(d.simplified))).toEqual(['2xy']);
    expect(derivatives(parse('x³'), 'd', 'x', 2).map((d) => u(d.simplified))).toEqual(['6x']);
    expect(derivatives(parse('x³'), 'd', '', 3).map((d) => u(d.simplified))).toEqual(['6']);
  });
  it('the gradient: 2xy and x² + 3y²', () => {
    const g = derivatives(f, 'grad', '', 1);
    expect(g.map((d) => d.name)).toEqual(['∂/∂x', '∂/∂y']);
    expect(u(g[0]!.simplified)).toBe('2xy');
    expect(['x² + 3y²', '3y² + x²']).toContain(u(g[1]!.simplified));
  });
  it('the Hessian’s upper triangle: 2y, 2x, 6y', () => {
    const h = derivatives(f, 'hessian', '', 1);
    expect(h.map((d) => d.name)).toEqual(['∂2/∂x∂x', '∂2/∂x∂y', '∂2/∂y∂y']);
    expect(h.map((d) => u(d.simplified))).toEqual(['2y', '2x', '6y']);
  });
  it('places each Hessian entry by its upper-triangle index', () => {
    const h = derivatives(parse('x²y + y³ + xz'), 'hessian', '', 1);
    // rows x, y, z: [2y, 2x, 1; 2x, 6y, 0; 1, 0, 0]
    const m = [0, 1, 2].map((i) => [0, 1, 2].map((j) => u(h[upperIndex(3, i, j)]!.simplified)));
    expect(m).toEqual([
      ['2y', '2x', '1'],
      ['2x', '6y', '0'],
      ['1', '0', '0'],
    ]);
  });
  it('the Laplacian of x² + y² + z² is 6', () => {
    const l = derivatives(parse('x² + y² + z²'), 'laplacian', '', 1);
    expect(u(l[0]!.simplified)).toBe('6');
  });
  it('measures the raw form as larger than the simplified one', () => {
    const d = derivatives(parse('ln x + x²y − sin xy'), 'd', 'x', 1)[0]!;
    expect(u(d.simplified)).toBe('1/x + 2xy − y cos(xy)');
    expect(d.rawSizes.tree).toBeGreaterThan(d.simplifiedSizes.tree);
    expect(d.rawSizes.dag).toBeLessThanOrEqual(d.rawSizes.tree);
  });
});

describe('valueAt', () => {
  it('evaluates a result at the point: ∂/∂x (ln x + x²y − sin xy) = 1/x + 2xy − y cos(xy) at (2, 5)', () => {
    const d = derivatives(parse('ln x + x²y − sin xy'), 'd', 'x', 1)[0]!.simplified;
    const r = valueAt(d, { x: 2, y: 5 });
    // 1/2 + 20 − 5 cos 10
    expect(r.ok && r.value).toBeCloseTo(0.5 + 20 - 5 * Math.cos(10), 12);
  });
  it('names the problem outside the domain', () => {
    expect(valueAt(parse('ln x'), { x: -1 })).toMatchObject({ ok: false });
  });
});

describe('stepsOf', () => {
  it('names each rule and ends with the answer', () => {
    const r = stepsOf(parse('x² sin x'), 'x');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.steps.map((s) => s.rule)).toContain('product rule');
    expect(r.steps.at(-1)!.unicode).toContain('2x sin x + x² cos x');
  });
  it('declines an expression too large to write out', () => {
    const big = parse(Array.from({ length: 200 }, (_, i) => `x^${i + 2}`).join(' + '));
    expect(stepsOf(big, 'x').ok).toBe(false);
  });
});

describe('checkAnswer', () => {
  const d = derivatives(parse('ln x + x²y − sin xy'), 'd', 'x', 1)[0]!.simplified;
  it('accepts an equal answer, symbolically', () => {
    const r = checkAnswer(d, '2xy + 1/x − y cos(yx)');
    expect(r.ok && r.report).toMatchObject({ equal: true, method: 'symbolic' });
    if (r.ok) expect(verdictText(r.report)).toMatch(/^Correct.*Decided symbolically\.$/);
  });
  it('rejects a wrong answer and says what the difference is', () => {
    const r = checkAnswer(d, '1/x + 2xy');
    expect(r.ok && r.report.equal).toBe(false);
    if (r.ok) expect(verdictText(r.report)).toMatch(/^Not equal/);
  });
  it('passes on a parse error in the answer with its position', () => {
    expect(checkAnswer(d, '1/x +')).toMatchObject({ ok: false, pos: 5 });
  });
  it('says when it checked at points', () => {
    const r = checkAnswer(parse('2 cos(2x)'), '2cos²x − 2sin²x');
    expect(r.ok).toBe(true);
    if (r.ok && r.report.method === 'numeric') expect(verdictText(r.report)).toMatch(/checked numerically/);
  });
});

describe('fourWay', () => {
  it('runs the cross-check at the point: the seed values at (2, 5)', () => {
    const r = fourWay(parse('ln x₁ + x₁x₂ − sin x₂'), { x1: 2, x2: 5 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.report.agree).toBe(true);
    // ln 2 + 10 − sin 5; 1/2 + 5; 2 − cos 5
    expect(r.report.value).toBeCloseTo(11.652071455223084, 12);
    expect(r.report.methods.reverse.gradient.x1).toBeCloseTo(5.5, 12);
    expect(r.report.methods.reverse.gradient.x2).toBeCloseTo(1.7163378145367738, 12);
  });
  it('reports a point outside the domain as a message', () => {
    const r = fourWay(parse('ln x'), { x: -1 });
    expect(r).toMatchObject({ ok: false });
  });
});

describe('exportsOf (the export buttons)', () => {
  it('gives a PyTorch module with one keyword argument per variable, and an ONNX model that ONNX Runtime runs to the value and gradient', async () => {
    const { pytorch, onnx } = exportsOf(parse('x^2 y'));
    expect(pytorch).toMatch(/^def f\(\*, x, y\):$/m);
    const ort = await import('onnxruntime-node');
    const s = await ort.InferenceSession.create(onnx);
    const feeds = { x: new ort.Tensor('float64', Float64Array.from([3]), [1]), y: new ort.Tensor('float64', Float64Array.from([5]), [1]) };
    const out = await s.run(feeds);
    // f = x²y = 45, ∂f/∂x = 2xy = 30, ∂f/∂y = x² = 9 at (3, 5), by hand
    expect([...(out['value']!.data as Float64Array)]).toEqual([45]);
    expect([...(out['grad.x']!.data as Float64Array)]).toEqual([30]);
    expect([...(out['grad.y']!.data as Float64Array)]).toEqual([9]);
  });
});
