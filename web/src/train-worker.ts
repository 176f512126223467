// The training loop, off the page's thread: a few epochs per tick, progress
// and decision regions posted after each, pause/step/reset between ticks.

import { nn } from 'difflab';
import { pointsOf, Trainer, type TrainConfig } from './trainer.ts';
import type { ToWorker, FromWorker } from './messages.ts';

const ctx = self as unknown as { postMessage(m: FromWorker): void; onmessage: ((ev: MessageEvent<ToWorker>) => void) | null };

const EPOCHS_PER_TICK = 5;
const MAX_EPOCHS = 3000;

let trainer: Trainer | undefined;
let running = false;
let timer: ReturnType<typeof setTimeout> | undefined;

function post(m: FromWorker): void {
  ctx.postMessage(m);
}

function fail(err: unknown): void {
  running = false;
  post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
}

function create(cfg: TrainConfig): boolean {
  try {
    trainer = new Trainer(cfg);
    post({ type: 'data', data: pointsOf(trainer.data) });
    post({ type: 'progress', progress: { epoch: 0, loss: NaN, accuracy: NaN }, regions: trainer.regions(), running: false });
    return true;
  } catch (err) {
    trainer = undefined;
    fail(err);
    return false;
  }
}

function tick(k: number): void {
  timer = undefined;
  if (!trainer) return;
  const p = trainer.run(k);
  if (p.diverged !== undefined || trainer.epoch >= MAX_EPOCHS) running = false;
  post({ type: 'progress', progress: p, regions: trainer.regions(), running });
  if (running) timer = setTimeout(() => tick(EPOCHS_PER_TICK), 0);
}

ctx.onmessage = (ev) => {
  const m = ev.data;
  switch (m.type) {
    case 'start':
      if (timer !== undefined) clearTimeout(timer);
      running = create(m.config);
      if (running) timer = setTimeout(() => tick(EPOCHS_PER_TICK), 0);
      break;
    case 'reset':
      if (timer !== undefined) clearTimeout(timer);
      running = false;
      create(m.config);
      break;
    case 'pause':
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (trainer?.last) post({ type: 'progress', progress: trainer.last, regions: trainer.regions(), running: false });
      break;
    case 'resume':
      if (!trainer || running) break;
      running = true;
      timer = setTimeout(() => tick(EPOCHS_PER_TICK), 0);
      break;
    case 'step':
      if (!trainer && !create(m.config)) break;
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      tick(1);
      break;
    case 'neuron':
      try {
        const history: { epoch: number; loss: number }[] = [];
        const r = nn.trainNeuron({
          model: m.data === 'threshold' ? nn.NEURON_MODEL_1D : nn.NEURON_MODEL_2D,
          data: m.data,
          optimizer: 'sgd',
          lr: 2,
          epochs: m.epochs,
          onEpoch: (epoch, loss) => {
            if (epoch % 10 === 0) history.push({ epoch, loss });
          },
        });
        post({ type: 'neuron', result: { model: r.model, loss: r.loss, data: r.data, params: r.params, accuracy: r.accuracy, finalLoss: r.finalLoss, predictions: r.predictions, history: history.length > 0 ? history : r.history } });
      } catch (err) {
        fail(err);
      }
      break;
  }
};
