// Numbers and small pieces of text as the page shows them.

/** A value in full (shortest round-trip form), with a real minus sign. */
export function fullNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  return String(v).replace('-', '−');
}

/** A difference or error: 0, or two significant digits in scientific form (1.2e−16). */
export function smallNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  return v.toExponential(1).replace('e+', 'e').replace(/-/g, '−');
}

/** A size or count with thin-space thousands groups; large values in scientific form. */
export function sizeNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v >= 1e9) return v.toExponential(2).replace('e+', 'e');
  return Math.round(v)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
}

/** A percentage with no decimals unless it is just short of 100 (99.3 %). */
export function percent(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const p = v * 100;
  return `${p > 99 && p < 100 ? p.toFixed(1) : Math.round(p)}\u00a0%`;
}

/** Round tick values covering [lo, hi], about `count` of them. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : +t.toPrecision(12));
  return out;
}

/** A file name from a title: lower case, dashes. */
export function fileName(title: string, ext: string): string {
  const base = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${base || 'difflab'}.${ext}`;
}
