// Training a small network on 2-D data, one epoch at a time, with the
// library's layers, losses, optimizers and fit loop. The worker drives it;
// it has no DOM or worker API of its own, so the tests run it directly.

import { nn } from 'difflab';
import type { TrainTask } from './state.ts';

export interface TrainConfig {
  readonly task: TrainTask;
  readonly hidden: readonly number[];
  readonly act: string;
  readonly loss: string;
  readonly opt: string;
  readonly lr: number;
  readonly seed: number;
  /** The custom task's points: x1, x2, class. */
  readonly points?: readonly (readonly [number, number, number])[];
}

export interface Progress {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  /** What trained the last epoch (fit's report: WebAssembly SIMD or the JavaScript block tape). */
  readonly engine?: string;
  /** Set when the loss stopped being a finite number. */
  readonly diverged?: string;
}

export interface Regions {
  /** Cells per side. */
  readonly n: number;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  /** Predicted class of cell (i, j) at i·n + j: i along x1 (left to right), j along x2 (bottom to top). */
  readonly cls: Uint8Array;
}

export interface DataView2D {
  readonly points: readonly (readonly [number, number, number])[];
  readonly classes: number;
}

/** The data set of a task, from the library's generators (seeded). */
export function dataFor(cfg: Pick<TrainConfig, 'task' | 'seed' | 'points'>): nn.Dataset {
  switch (cfg.task) {
    case 'moons':
      return nn.moons(100, 0.1, cfg.seed);
    case 'circles':
      return nn.circles(100, 0.08, 0.5, cfg.seed);
    case 'spirals':
      return nn.spirals(50, 3, 0.2, cfg.seed);
    case 'custom': {
      const pts = cfg.points ?? [];
      if (pts.length < 2 || !pts.some((p) => p[2] === 0) || !pts.some((p) => p[2] === 1)) throw new Error('click points of both classes on the plot (a click adds class 0, shift-click class 1)');
      return nn.makeDataset('your points', pts.map((p) => [p[0], p[1]]), pts.map((p) => p[2]), ['0', '1'], ['x1', 'x2']);
    }
    default:
      return nn.gate(cfg.task);
  }
}

export class Trainer {
  readonly data: nn.Dataset;
  readonly loss: nn.LossName;
  private readonly net: nn.Sequential;
  private readonly optimizer: nn.Optimizer;
  private readonly rng: nn.Rng;
  private readonly regularizer: nn.Regularizer | undefined;
  epoch = 0;
  last: Progress | undefined;

  constructor(cfg: TrainConfig) {
    this.data = dataFor(cfg);
    this.loss = nn.parseLoss(cfg.loss);
    const classes = this.data.classes.length;
    if (classes > 2 && this.loss !== 'softmax-ce') throw new Error(`this data has ${classes} classes: use the softmax-ce loss`);
    const outputs = classes === 2 && this.loss !== 'softmax-ce' ? 1 : classes;
    const rng = new nn.Rng(cfg.seed);
    this.net = nn.mlp([2, ...cfg.hidden, outputs], { activation: cfg.act, rng: rng.fork() });
    this.optimizer = nn.makeOptimizer(nn.parseOptimizer(cfg.opt), this.net.parameters(), { lr: cfg.lr });
    this.rng = rng.fork();
    // hinge loss with a little weight decay, as in micrograd's moons demo
    this.regularizer = this.loss === 'hinge' ? nn.parseRegularizer('l2:1e-4') : undefined;
  }

  /** Trains k more epochs (full batch); stops early if the loss diverges. */
  run(k: number): Progress {
    for (let i = 0; i < k; i++) {
      let r: nn.FitReport;
      try {
        r = nn.fit(this.net, this.data, {
          loss: this.loss,
          optimizer: this.optimizer,
          epochs: 1,
          rng: this.rng,
          ...(this.regularizer ? { regularizer: this.regularizer } : {}),
        });
      } catch (err) {
        this.last = { epoch: this.epoch, loss: NaN, accuracy: NaN, diverged: err instanceof Error ? err.message : String(err) };
        return this.last;
      }
      this.epoch++;
      const h = r.history[0]!;
      if (!Number.isFinite(h.loss) || !Number.isFinite(r.loss)) {
        this.last = { epoch: this.epoch, loss: NaN, accuracy: h.accuracy, diverged: `the loss became ${r.loss} at epoch ${this.epoch}: lower the learning rate` };
        return this.last;
      }
      this.last = { epoch: this.epoch, loss: r.loss, accuracy: r.accuracy, engine: r.engine };
    }
    return this.last!;
  }

  /** Predicted classes on an n × n grid around the data. */
  regions(n = 48): Regions {
    const b = bounds(this.data);
    const cls = new Uint8Array(n * n);
    this.net.eval();
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const a = b.x0 + ((b.x1 - b.x0) * (i + 0.5)) / n;
        const c = b.y0 + ((b.y1 - b.y0) * (j + 0.5)) / n;
        cls[i * n + j] = nn.predictClass(this.loss, this.net.predict([a, c]));
      }
    }
    this.net.train();
    return { n, ...b, cls };
  }
}

/** The data's bounding box, padded by 15 % (at least ±0.5 around a single value). */
/** The plotting box around the data: 15 % of its extent on each side, at least 0.5. */
export function bounds(d: nn.Dataset): { x0: number; x1: number; y0: number; y1: number } {
  return nn.plotBounds(d, 0.15, 0.5);
}

export function pointsOf(d: nn.Dataset): DataView2D {
  return { points: d.x.map((p, i) => [p[0]!, p[1]!, d.y[i]!] as const), classes: d.classes.length };
}
