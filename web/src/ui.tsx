// Small shared pieces: typeset math, copy and download buttons, SVG plots.

import katex from 'katex';
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { ticks } from './format.ts';

export function Tex({ src, block = false, label }: { src: string; block?: boolean; label?: string }) {
  const html = useMemo(() => katex.renderToString(src, { throwOnError: false, displayMode: block, output: 'htmlAndMathml' }), [src, block]);
  return <span class={block ? 'tex tex-block' : 'tex'} aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Puts text on the clipboard; says so for a moment. */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const [done, setDone] = useState(false);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setDone(true);
      setTimeout(() => setDone(false), 1200);
    } catch {
      window.prompt(`Copy the ${what}:`, text);
    }
  };
  return (
    <button type="button" class="small" onClick={() => void copy()} aria-label={`copy as ${what}`} title={`copy as ${what}`}>
      {done ? 'copied' : what}
    </button>
  );
}

/** Saves text as a file (a blob URL, no request leaves the page). */
export function download(text: string | Uint8Array, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function DownloadButton({ label, text, name, type }: { label: string; text: () => string | Uint8Array; name: string; type: string }) {
  const save = (): void => {
    try {
      download(text(), name, type);
    } catch (err) {
      window.alert(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <button type="button" class="small" onClick={save} aria-label={`download ${label}`}>
      {label}
    </button>
  );
}

export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  readonly color: string;
  readonly dash?: string;
}

export interface PlotProps {
  readonly series: readonly Series[];
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly logX?: boolean;
  readonly logY?: boolean;
  /** Marked points (the chosen point). */
  readonly marks?: readonly { x: number; y: number; color: string }[];
  readonly id?: string;
  readonly children?: ComponentChildren;
}

const W = 520;
const H = 300;
const M = { l: 56, r: 12, t: 12, b: 40 };

const sup = (k: number): string => String(k).replace(/[-0-9]/g, (c) => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'['-0123456789'.indexOf(c)]!);

/** Ticks of a log axis, as log₁₀ values: the powers of ten, or 1, 2, 5 × 10ᵏ when the range spans less than two decades. */
function logTicks(lo: number, hi: number): number[] {
  const powers = ticks(Math.ceil(lo), Math.floor(hi), 6).filter(Number.isInteger);
  if (powers.length >= 2) return powers;
  const out: number[] = [];
  for (let k = Math.floor(lo); k <= Math.ceil(hi); k++) for (const m of [1, 2, 5]) out.push(k + Math.log10(m));
  return out.filter((t) => t >= lo && t <= hi);
}

/** 10ᵏ for a whole k, else the value itself (0.02, 500). */
function logLabel(t: number): string {
  if (Math.abs(t - Math.round(t)) < 1e-9) return `10${sup(Math.round(t))}`;
  return String(+(10 ** t).toPrecision(2));
}

/** A line plot as SVG, with linear or log axes; non-finite points break the line. */
export function LinePlot({ series, title, xLabel, yLabel, logX = false, logY = false, marks = [], id }: PlotProps) {
  const tx = (v: number): number => (logX ? Math.log10(v) : v);
  const ty = (v: number): number => (logY ? Math.log10(v) : v);
  const ok = (x: number, y: number): boolean => Number.isFinite(tx(x)) && Number.isFinite(ty(y));
  const all = series.flatMap((s) => s.points.filter(([x, y]) => ok(x, y)));
  if (all.length === 0) return <p class="muted">Nothing to plot: {title} has no finite values here.</p>;
  let [x0, x1] = [Math.min(...all.map((p) => tx(p[0]))), Math.max(...all.map((p) => tx(p[0])))];
  let [y0, y1] = [Math.min(...all.map((p) => ty(p[1]))), Math.max(...all.map((p) => ty(p[1])))];
  // clip wild values (poles) to a sensible window around the bulk of the data
  if (!logY) {
    const ys = all.map((p) => p[1]).sort((a, b) => a - b);
    const q = (f: number): number => ys[Math.floor(f * (ys.length - 1))]!;
    const spread = q(0.95) - q(0.05);
    y0 = Math.max(y0, q(0.05) - spread);
    y1 = Math.min(y1, q(0.95) + spread);
  }
  if (x1 === x0) [x0, x1] = [x0 - 1, x1 + 1];
  if (y1 === y0) [y0, y1] = [y0 - 1, y1 + 1];
  const pad = (y1 - y0) * 0.05;
  y0 -= pad;
  y1 += pad;
  const sx = (v: number): number => M.l + ((tx(v) - x0) / (x1 - x0)) * (W - M.l - M.r);
  const sy = (v: number): number => H - M.b - ((ty(v) - y0) / (y1 - y0)) * (H - M.t - M.b);
  const path = (pts: readonly (readonly [number, number])[]): string => {
    let d = '';
    let pen = false;
    for (const [x, y] of pts) {
      const Y = ty(y);
      if (!ok(x, y) || Y < y0 - (y1 - y0) || Y > y1 + (y1 - y0)) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`;
      pen = true;
    }
    return d;
  };
  const xt = logX ? logTicks(x0, x1) : ticks(x0, x1, 6);
  const yt = logY ? logTicks(y0, y1) : ticks(y0, y1, 5);
  const xl = (t: number): string => (logX ? logLabel(t) : String(t).replace('-', '−'));
  const yl = (t: number): string => (logY ? logLabel(t) : String(+t.toPrecision(4)).replace('-', '−'));
  return (
    <figure class="plot">
      <svg id={id} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="11">
        <title>{title}</title>
        <rect x={M.l} y={M.t} width={W - M.l - M.r} height={H - M.t - M.b} fill="#fff" stroke="#ccc" />
        <clipPath id={`${id ?? 'p'}-clip`}>
          <rect x={M.l} y={M.t} width={W - M.l - M.r} height={H - M.t - M.b} />
        </clipPath>
        {xt.map((t) => (
          <g key={`x${t}`}>
            <line x1={M.l + ((t - x0) / (x1 - x0)) * (W - M.l - M.r)} x2={M.l + ((t - x0) / (x1 - x0)) * (W - M.l - M.r)} y1={M.t} y2={H - M.b} stroke="#eee" />
            <text x={M.l + ((t - x0) / (x1 - x0)) * (W - M.l - M.r)} y={H - M.b + 14} text-anchor="middle" fill="#444">
              {xl(t)}
            </text>
          </g>
        ))}
        {yt.map((t) => (
          <g key={`y${t}`}>
            <line x1={M.l} x2={W - M.r} y1={H - M.b - ((t - y0) / (y1 - y0)) * (H - M.t - M.b)} y2={H - M.b - ((t - y0) / (y1 - y0)) * (H - M.t - M.b)} stroke="#eee" />
            <text x={M.l - 4} y={H - M.b - ((t - y0) / (y1 - y0)) * (H - M.t - M.b) + 4} text-anchor="end" fill="#444">
              {yl(t)}
            </text>
          </g>
        ))}
        <g clip-path={`url(#${id ?? 'p'}-clip)`}>
          {series.map((s) => (
            <path key={s.name} d={path(s.points)} fill="none" stroke={s.color} stroke-width="2" stroke-dasharray={s.dash} />
          ))}
          {marks.filter((m) => ok(m.x, m.y)).map((m, i) => (
            <circle key={i} cx={sx(m.x)} cy={sy(m.y)} r="4" fill={m.color} />
          ))}
        </g>
        <text x={(M.l + W - M.r) / 2} y={H - 6} text-anchor="middle" fill="#222">
          {xLabel}
        </text>
        <text transform={`translate(14 ${(M.t + H - M.b) / 2}) rotate(-90)`} text-anchor="middle" fill="#222">
          {yLabel}
        </text>
      </svg>
      <figcaption>
        {series.map((s) => (
          <span key={s.name} class="legend">
            <svg width="24" height="8" aria-hidden="true">
              <line x1="0" x2="24" y1="4" y2="4" stroke={s.color} stroke-width="2" stroke-dasharray={s.dash} />
            </svg>
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
