// Swell tables off the page's thread: a family up to n = 40 can take seconds.

import { reverse, swell, type SwellTable } from 'difflab';

export type SwellRequest = { readonly id: number; readonly family: string; readonly n: number };
export type SwellReply = { readonly id: number } & ({ readonly ok: true; readonly table: SwellTable } | { readonly ok: false; readonly message: string });

const ctx = self as unknown as { postMessage(m: SwellReply): void; onmessage: ((ev: MessageEvent<SwellRequest>) => void) | null };

ctx.onmessage = (ev) => {
  const { id, family, n } = ev.data;
  try {
    const t = swell(family, n, { tape: (f) => reverse.tapeFromExpr([f]).length });
    ctx.postMessage({ id, ok: true, table: { family: t.family, formula: t.formula, rows: t.rows } });
  } catch (err) {
    ctx.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
