// The canonical order of factors and terms. It must not depend on creation
// order (node ids), so it is structural: a short readable key (numbers,
// constants, variables alphabetically with x2 before x10, functions, sums),
// made unique by a structural hash. Keys are computed bottom-up and
// memoized, so ordering a DAG never recurses.

import { assertNever, type Expr } from '../expr/expr.ts';
import { postOrder } from './walk.ts';

const KEY_LEN = 40;
// Held weakly, like the intern table: a node's key lives as long as the node (strong maps kept
// every node ever sorted alive, so a long run of simplifications grew without bound).
const keys = new WeakMap<Expr, string>();
const hashes = new WeakMap<Expr, number>();

function hashString(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const mix = (h: number, v: number): number => (Math.imul((h ^ v) >>> 0, 0x9e3779b1) ^ (h >>> 15)) >>> 0;

/** Variable names with their digits padded, so x2 sorts before x10. */
const padDigits = (name: string): string => name.replace(/\d+/g, (d) => d.padStart(6, '0'));

/**
 * Rank of a node in a product, before the key: numbers, constants (π),
 * variables, powers rank as their base; function calls; products; sums.
 */
function rankOf(e: Expr): string {
  switch (e.kind) {
    case 'num':
      return '0';
    case 'const':
      return '1';
    case 'var':
      return '2';
    case 'call':
      return e.op === 'pow' ? '' : e.op === 'add' ? '6' : e.op === 'mul' ? '5' : e.op === 'div' ? '0' : '4';
    default:
      return assertNever(e);
  }
}

function compute(e: Expr): void {
  // Only the nodes without a key yet: asking for the keys of ever deeper nodes stays linear.
  for (const n of postOrder(e, (x) => keys.has(x))) {
    let body: string;
    let h: number;
    switch (n.kind) {
      case 'num':
        body = `0${n.value}`;
        h = hashString(`n${n.value}`, 1);
        break;
      case 'const':
        body = `1${n.name}`;
        h = hashString(`c${n.name}`, 2);
        break;
      case 'var':
        body = `2${padDigits(n.name)}`;
        h = hashString(`v${n.name}`, 3);
        break;
      case 'call': {
        h = hashString(n.op, 4);
        for (const a of n.args) h = mix(h, hashes.get(a)!);
        const ks = n.args.map((a) => keys.get(a)!);
        // A power sorts with its base (x² next to x), then by exponent.
        // A power sorts with its base (x² next to x), then by exponent; a symbolic
        // power after the plain factors (n·x^(n−1), xˣ before functions).
        const numericPower = n.op === 'pow' && /^0/.test(ks[1]!);
        body = n.op !== 'pow' ? `${rankOf(n)}${n.op}(${ks.join(',')})` : numericPower || ks[0]!.startsWith('0') ? `${ks[0]}^${ks[1]}` : `3${ks[0]}^${ks[1]}`;
        break;
      }
      default:
        assertNever(n);
    }
    hashes.set(n, h);
    keys.set(n, body.length > KEY_LEN ? `${body.slice(0, KEY_LEN)}#${h.toString(16).padStart(8, '0')}` : body);
  }
}

/** The sort key of a node. */
export function sortKey(e: Expr): string {
  let k = keys.get(e);
  if (k === undefined) {
    compute(e);
    k = keys.get(e)!;
  }
  return k;
}

/** Structural hash of a node (equal structure, equal hash, in every run). */
export function structuralHash(e: Expr): number {
  if (!hashes.has(e)) compute(e);
  return hashes.get(e)!;
}

/** Total order: by key, then by hash; ids only break a (vanishingly rare) full collision. */
export function compareExpr(a: Expr, b: Expr): number {
  if (a === b) return 0;
  const ka = sortKey(a);
  const kb = sortKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  const ha = structuralHash(a);
  const hb = structuralHash(b);
  if (ha !== hb) return ha - hb;
  return a.id - b.id;
}
