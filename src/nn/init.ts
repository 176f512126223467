// Weight initializations (seed 003). For y = Wz with Wᵢⱼ ~ N(0, w²),
// Var[yᵢ] = n_in · w² · Var[zᵢ], so w = 1/√n_in keeps the variance
// (LeCun; the seed's "Xavier" derivation); behind a ReLU half the units are
// zero, Var[yᵢ] = ½ n_in w² Var[zᵢ], so w = √(2/n_in) (He). Glorot and
// Bengio average fan-in and fan-out: w = √(2/(n_in + n_out)).

import { DiffError } from '../expr/errors.ts';
import { assertNever } from '../expr/expr.ts';
import type { Rng } from './rng.ts';

export type Init =
  | { readonly kind: 'normal'; readonly std: number }
  | { readonly kind: 'uniform'; readonly limit: number }
  | { readonly kind: 'xavier' } // Glorot normal: std √(2/(n_in + n_out))
  | { readonly kind: 'xavier-uniform' } // Glorot uniform: ±√(6/(n_in + n_out))
  | { readonly kind: 'lecun' } // std 1/√n_in
  | { readonly kind: 'he' } // std √(2/n_in)
  | { readonly kind: 'he-uniform' } // ±√(6/n_in)
  | { readonly kind: 'zeros' };

export const INIT_NAMES = ['normal', 'uniform', 'xavier', 'xavier-uniform', 'lecun', 'he', 'he-uniform', 'zeros'] as const;

/** Standard deviation of the weights drawn by `init` for a layer of the given fans. */
export function initStd(init: Init, fanIn: number, fanOut: number): number {
  switch (init.kind) {
    case 'normal':
      return init.std;
    case 'uniform':
      return init.limit / Math.sqrt(3);
    case 'xavier':
    case 'xavier-uniform':
      return Math.sqrt(2 / (fanIn + fanOut));
    case 'lecun':
      return 1 / Math.sqrt(fanIn);
    case 'he':
    case 'he-uniform':
      return Math.sqrt(2 / fanIn);
    case 'zeros':
      return 0;
    default:
      return assertNever(init);
  }
}

/** Fills `out` with weights for a layer of fan-in `fanIn` and fan-out `fanOut`. */
export function fillInit(out: Float64Array, init: Init, fanIn: number, fanOut: number, rng: Rng): Float64Array {
  switch (init.kind) {
    case 'normal':
    case 'xavier':
    case 'lecun':
    case 'he': {
      const std = initStd(init, fanIn, fanOut);
      for (let i = 0; i < out.length; i++) out[i] = rng.normal(0, std);
      return out;
    }
    case 'uniform':
    case 'xavier-uniform':
    case 'he-uniform': {
      // uniform on (−a, a) has standard deviation a/√3
      const a = init.kind === 'uniform' ? init.limit : Math.sqrt(3) * initStd(init, fanIn, fanOut);
      for (let i = 0; i < out.length; i++) out[i] = rng.uniform(-a, a);
      return out;
    }
    case 'zeros':
      return out.fill(0);
    default:
      return assertNever(init);
  }
}

/**
 * Reads an initialization: `he`, `xavier`, `xavier-uniform`, `lecun`,
 * `he-uniform`, `zeros`, `normal:0.05` (σ = 0.05), `uniform:1` (±1).
 */
export function parseInit(text: string): Init {
  const [name, arg] = text.trim().toLowerCase().split(/[:=(]/, 2) as [string, string | undefined];
  const num = (what: string): number => {
    const v = Number(arg?.replace(/\)$/, ''));
    if (arg === undefined || !(v > 0) || !Number.isFinite(v)) throw new DiffError(`init ${name} needs a positive ${what}, e.g. ${name}:0.05`);
    return v;
  };
  switch (name) {
    case 'normal':
    case 'gaussian':
      return { kind: 'normal', std: num('standard deviation') };
    case 'uniform':
      return { kind: 'uniform', limit: num('limit') };
    case 'xavier':
    case 'glorot':
      return { kind: 'xavier' };
    case 'xavier-uniform':
    case 'glorot-uniform':
      return { kind: 'xavier-uniform' };
    case 'lecun':
      return { kind: 'lecun' };
    case 'he':
    case 'kaiming':
      return { kind: 'he' };
    case 'he-uniform':
    case 'kaiming-uniform':
      return { kind: 'he-uniform' };
    case 'zeros':
      return { kind: 'zeros' };
    default:
      throw new DiffError(`unknown init ${JSON.stringify(text)}: use one of ${INIT_NAMES.join(', ')} (normal:σ, uniform:a)`);
  }
}

/** The initialization as text (inverse of parseInit). */
export function initText(init: Init): string {
  return init.kind === 'normal' ? `normal:${init.std}` : init.kind === 'uniform' ? `uniform:${init.limit}` : init.kind;
}
