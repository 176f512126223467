import { describe, expect, it } from 'vitest';
import { fileName, fullNumber, percent, sizeNumber, smallNumber, ticks } from '../src/format.ts';

describe('number formats', () => {
  it('shows values in full with a real minus sign', () => {
    expect(fullNumber(11.652071455223084)).toBe('11.652071455223084');
    expect(fullNumber(-0.25)).toBe('−0.25');
    expect(fullNumber(NaN)).toBe('NaN');
    expect(fullNumber(-Infinity)).toBe('−∞');
  });
  it('shows differences in short scientific form', () => {
    expect(smallNumber(0)).toBe('0');
    expect(smallNumber(1.234e-16)).toBe('1.2e−16');
    expect(smallNumber(-3.5e-9)).toBe('−3.5e−9');
    expect(smallNumber(250)).toBe('2.5e2');
  });
  it('groups sizes by thousands and switches to scientific form past 10⁹', () => {
    expect(sizeNumber(12)).toBe('12');
    expect(sizeNumber(1234567)).toBe('1\u2009234\u2009567');
    expect(sizeNumber(3.2e9)).toBe('3.20e9');
  });
  it('writes percentages with a no-break space, keeping a decimal just below 100', () => {
    expect(percent(1)).toBe('100\u00a0%');
    expect(percent(0.995)).toBe('99.5\u00a0%');
    expect(percent(0.5)).toBe('50\u00a0%');
    expect(percent(NaN)).toBe('—');
  });
});

describe('ticks', () => {
  it('picks round steps of 1, 2 or 5 times a power of ten', () => {
    expect(ticks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(ticks(-4, 4, 6)).toEqual([-4, -2, 0, 2, 4]);
    expect(ticks(0.13, 0.61, 5)).toEqual([0.2, 0.3, 0.4, 0.5, 0.6]);
  });
  it('returns the one value for an empty range', () => {
    expect(ticks(3, 3)).toEqual([3]);
  });
});

describe('fileName', () => {
  it('makes a safe file name from a title', () => {
    expect(fileName('ln x + x²y − sin xy', 'dot')).toBe('ln-x-x-y-sin-xy.dot');
    expect(fileName('σ', 'svg')).toBe('difflab.svg');
  });
});
