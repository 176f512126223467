import { describe, expect, it } from 'vitest';
import { DiffError } from '../../src/expr/errors.ts';
import { Tape, Value, applyOp, variables } from '../../src/reverse/index.ts';

describe('Value: define-by-run recording', () => {
  it("micrograd's README example: g = 24.7041, ∂g/∂a = 138.8338, ∂g/∂b = 645.5773", () => {
    const t = new Tape();
    const [a, b] = variables(t, [-4, 2]) as [Value, Value];
    let c = a.add(b);
    let d = a.mul(b).add(b.pow(3));
    c = c.add(c.add(1));
    c = c.add(Value.leaf(t, 1).add(c).add(a.neg()));
    d = d.add(d.mul(2).add(b.add(a).relu()));
    d = d.add(Value.leaf(t, 3).mul(d).add(b.sub(a).relu()));
    const e = c.sub(d);
    const f = e.pow(2);
    let g = f.div(2);
    g = g.add(Value.leaf(t, 10).div(f));
    g.backward();
    expect(g.value.toFixed(4)).toBe('24.7041');
    expect(a.grad.toFixed(4)).toBe('138.8338');
    expect(b.grad.toFixed(4)).toBe('645.5773');
  });

  it('the sigmoid neuron σ(wx + b) at (x, w, b) = (1.5, 0.8, −0.3)', () => {
    const t = new Tape();
    const [x, w, b] = variables(t, [1.5, 0.8, -0.3]) as [Value, Value, Value];
    const f = w.mul(x).add(b).sigmoid();
    f.backward();
    expect(f.value).toBeCloseTo(0.71094950262500398, 15);
    expect(w.grad).toBeCloseTo(0.30825046101339516, 15);
    expect(b.grad).toBeCloseTo(0.20550030734226344, 15);
  });

  it('every registry op is a method; n-ary ops take the others', () => {
    const t = new Tape();
    const [x, y] = variables(t, [1000, 1000]) as [Value, Value];
    const l = x.logsumexp(y);
    l.backward();
    expect(l.value).toBeCloseTo(1000.6931471805599453, 12);
    expect(x.grad).toBeCloseTo(0.5, 12);
    const z = Value.leaf(t, 0).softplus();
    expect(z.value).toBeCloseTo(Math.LN2, 15);
    expect(applyOp('max', 3, x).value).toBe(1000);
  });

  it('detach stops the gradient', () => {
    const t = new Tape();
    const x = Value.leaf(t, 3);
    const y = x.mul(x.detach()); // x · stop(x): d/dx = stop(x) = 3, not 2x
    y.backward();
    expect(x.grad).toBe(3);
  });

  it('dot is one fused node', () => {
    const t = new Tape();
    const ws = variables(t, [1, 2]);
    const xs = variables(t, [3, 4]);
    const z = Value.dot(ws, xs, 1);
    z.backward();
    expect(z.value).toBe(12);
    expect(ws.map((v) => v.grad)).toEqual([3, 4]);
  });

  it('rejects mixing tapes and non-values', () => {
    const a = Value.leaf(new Tape(), 1);
    const b = Value.leaf(new Tape(), 2);
    expect(() => a.add(b)).toThrow(/different tapes/);
    expect(() => a.add('2' as unknown as number)).toThrow(DiffError);
    expect(() => applyOp('add', 1, 2)).toThrow(/at least one argument must be a Value/);
    expect(() => a.sin(a)).toThrow(/sin takes 1 argument, got 2/);
  });
});
