// The seeds' experiments, by name.

import { DiffError } from '../../expr/errors.ts';
import { backpropByHand } from './backprop-by-hand.ts';
import { gradientCost } from './gradient-cost.ts';
import { initExperiment } from './init.ts';
import { lossSurface } from './loss-surface.ts';
import { optimizersExperiment } from './optimizers.ts';
import type { Experiment } from './types.ts';
import { vanishingGradients } from './vanishing-gradients.ts';
import { xorSolution } from './xor-solution.ts';

export const EXPERIMENTS: readonly Experiment[] = [backpropByHand, xorSolution, vanishingGradients, initExperiment, lossSurface, gradientCost, optimizersExperiment];

export function findExperiment(name: string): Experiment {
  const e = EXPERIMENTS.find((x) => x.name === name.trim().toLowerCase());
  if (e === undefined) throw new DiffError(`unknown experiment ${JSON.stringify(name)}: use one of ${EXPERIMENTS.map((x) => x.name).join(', ')}`);
  return e;
}

export type { Experiment, ExperimentOptions, ExperimentResult, Table, Cell } from './types.ts';
export { formatTable, fmt } from './types.ts';
export { runBackpropByHand, SEED004, seed004Layers } from './backprop-by-hand.ts';
export { runXorSolution, xorForward, XOR_SOLUTION, GATES, gateUnit } from './xor-solution.ts';
export { runVanishingGradients, layerGradNorms } from './vanishing-gradients.ts';
export { runInit, initStats, type LayerStats } from './init.ts';
export { runLossSurface, SURFACE_LOSSES, SURFACE_MODEL, minEigen2 } from './loss-surface.ts';
export { runGradientCost, logLogSlope } from './gradient-cost.ts';
export { runOptimizers, OPTIMIZER_LR } from './optimizers.ts';
