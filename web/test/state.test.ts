import { describe, expect, it } from 'vitest';
import { decodeState, DEFAULT_STATE, encodeState, parseHidden, parsePoint, taskDefaults, type State } from '../src/state.ts';

describe('state ↔ URL hash', () => {
  it('writes nothing for the defaults and reads them back', () => {
    expect(encodeState(DEFAULT_STATE)).toBe('');
    expect(decodeState('')).toEqual(DEFAULT_STATE);
    expect(decodeState('#')).toEqual(DEFAULT_STATE);
  });

  it('round-trips every field', () => {
    const s: State = {
      view: 'graph',
      expr: 'σ(w₁x + b) & 1/2 # ?',
      vars: ['rate', 'theta'],
      mode: 'hessian',
      wrt: 'w1',
      order: 3,
      at: { x: 1, w1: -0.5, b: 1e-3 },
      answer: 'x + y = z',
      traceMode: 'forward',
      pathsWrt: 'b',
      lo: -2.5,
      hi: 7,
      family: 'sigmoid',
      familyN: 12,
      task: 'custom',
      hidden: [3, 5],
      act: 'relu',
      loss: 'mse',
      opt: 'rmsprop',
      lr: 0.003,
      seed: 7,
      points: [
        [0.5, -1.25, 0],
        [1, 2, 1],
      ],
      neuronData: 'threshold',
    };
    const hash = encodeState(s);
    expect(decodeState(`#${hash}`)).toEqual(s);
  });

  it('writes only what differs from the defaults', () => {
    const hash = encodeState({ ...DEFAULT_STATE, view: 'compare', at: { x: 3, y: 2 } });
    expect(new URLSearchParams(hash).get('view')).toBe('compare');
    expect(new URLSearchParams(hash).get('at')).toBe('x:3,y:2');
    expect([...new URLSearchParams(hash).keys()].sort()).toEqual(['at', 'view']);
  });

  it('falls back to the default for every unreadable field', () => {
    const s = decodeState('#view=nope&mode=curl&n=0&lr=-1&seed=1.5&famn=999&task=mnist&act=swishy&hidden=4-x&at=x:abc,y:2,:3&pts=1,2,5;3,4,1');
    expect(s.view).toBe(DEFAULT_STATE.view);
    expect(s.mode).toBe(DEFAULT_STATE.mode);
    expect(s.order).toBe(1);
    expect(s.lr).toBe(taskDefaults(s.task).lr);
    expect(s.seed).toBe(0);
    expect(s.familyN).toBe(DEFAULT_STATE.familyN);
    expect(s.task).toBe(DEFAULT_STATE.task);
    expect(s.act).toBe(taskDefaults(s.task).act);
    expect(s.hidden).toEqual(taskDefaults(s.task).hidden);
    expect(s.at).toEqual({ y: 2 });
    expect(s.points).toEqual([[3, 4, 1]]);
  });

  it('takes the task’s own defaults for settings a link leaves out', () => {
    const s = decodeState('#task=moons');
    expect(s).toMatchObject({ task: 'moons', hidden: [16, 16], loss: 'hinge', opt: 'sgd' });
    expect(encodeState(s)).toBe('task=moons');
  });
});

describe('parsePoint and parseHidden', () => {
  it('reads name:value lists, with Unicode names and negative or exponent values', () => {
    expect(parsePoint('x:2,α:-1.5,x1:1e-3')).toEqual({ x: 2, α: -1.5, x1: 0.001 });
    expect(parsePoint('x:,:2,2x:1,y:Infinity')).toEqual({});
  });
  it('reads layer sizes written with dashes, commas or spaces', () => {
    expect(parseHidden('16-16')).toEqual([16, 16]);
    expect(parseHidden('8, 4 2')).toEqual([8, 4, 2]);
    expect(parseHidden('')).toEqual([]);
    expect(parseHidden('0')).toBeNull();
    expect(parseHidden('1-2-3-4-5')).toBeNull();
    expect(parseHidden('2.5')).toBeNull();
  });
});
