// Messages between the page and the training worker.

import type { DataView2D, Progress, Regions, TrainConfig } from './trainer.ts';

export interface NeuronSummary {
  readonly model: string;
  readonly loss: string;
  readonly data: string;
  readonly params: Record<string, number>;
  readonly accuracy: number;
  readonly finalLoss: number;
  readonly predictions: readonly { input: number[]; target: number; output: number }[];
  readonly history: readonly { epoch: number; loss: number }[];
}

export type ToWorker =
  | { readonly type: 'start' | 'reset' | 'step'; readonly config: TrainConfig }
  | { readonly type: 'pause' | 'resume' }
  | { readonly type: 'neuron'; readonly data: string; readonly epochs: number };

export type FromWorker =
  | { readonly type: 'data'; readonly data: DataView2D }
  | { readonly type: 'progress'; readonly progress: Progress; readonly regions: Regions; readonly running: boolean }
  | { readonly type: 'neuron'; readonly result: NeuronSummary }
  | { readonly type: 'error'; readonly message: string };
