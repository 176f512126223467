// difflab experiment <name>: the seeds' experiments, as tables and an SVG plot.

import type { Command } from 'commander';
import { DiffError } from '../../expr/errors.ts';
import { formatTable, type Table } from '../../nn/experiments/types.ts';
import { defineCommand, optBool, optInt, optString, type Request } from '../command.ts';

export const EXPERIMENT_NAMES = ['backprop-by-hand', 'xor-solution', 'vanishing-gradients', 'init', 'loss-surface', 'gradient-cost', 'optimizers'] as const;

type TableJson = Table;

export interface ExperimentCliResult extends Record<string, unknown> {
  experiment: string;
  title: string;
  tables: TableJson[];
  notes: string[];
  figures: Record<string, unknown>;
  /** Path of the SVG plot written, if any. */
  svg?: string;
  list?: { name: string; summary: string }[];
}

export const experimentCommand = defineCommand<ExperimentCliResult>({
  name: 'experiment',
  summary: "run one of the seeds' experiments: prints tables and writes an SVG plot (`difflab experiment list`)",
  configure: (cmd: Command) =>
    cmd
      .argument('[name]', `${EXPERIMENT_NAMES.join(', ')}, or list`)
      .option('--svg <file>', 'where to write the plot (default: <name>.svg)')
      .option('--no-svg', 'do not write a plot')
      .option('--seed <n>', 'random seed')
      .option('--width <n>', 'layer width (init: default 1024, the seed uses 4096; vanishing-gradients: 32)')
      .option('--depth <n>', 'number of layers (init: 6; vanishing-gradients: 12)')
      .option('--epochs <n>', 'epochs (optimizers: 60)')
      .option('--quick', 'a smaller, faster version'),
  toRequest: (args, opts) => ({
    cmd: 'experiment',
    name: args[0] ?? 'list',
    svg: opts.svg === false ? false : opts.svg,
    seed: opts.seed,
    width: opts.width,
    depth: opts.depth,
    epochs: opts.epochs,
    quick: opts.quick,
  }),
  run: async (req: Request) => {
    const name = optString(req, 'name') ?? 'list';
    const { EXPERIMENTS, findExperiment } = await import('../../nn/experiments/index.ts');
    if (name === 'list') {
      return {
        experiment: 'list',
        title: 'Experiments',
        tables: [],
        notes: [],
        figures: {},
        list: EXPERIMENTS.map((e) => ({ name: e.name, summary: e.summary })),
      };
    }
    const exp = findExperiment(name);
    const seed = optInt(req, 'seed', 0, 0xffffffff);
    const width = optInt(req, 'width', 1, 8192);
    const depth = optInt(req, 'depth', 1, 200);
    const epochs = optInt(req, 'epochs', 1, 100000);
    const r = await exp.run({
      ...(seed !== undefined ? { seed } : {}),
      ...(width !== undefined ? { width } : {}),
      ...(depth !== undefined ? { depth } : {}),
      ...(epochs !== undefined ? { epochs } : {}),
      quick: optBool(req, 'quick'),
    });
    let svg: string | undefined;
    if (req.svg !== false) {
      const path = req.svg === undefined || req.svg === true ? `${exp.name}.svg` : req.svg;
      if (typeof path !== 'string' || path === '') throw new DiffError('"svg" must be a file name (or false)');
      const { writeSvg } = await import('../../node/files.ts');
      svg = await writeSvg(path, r.plot);
    }
    return { experiment: r.name, title: r.title, tables: r.tables.map((t) => ({ ...t })), notes: [...r.notes], figures: r.figures, ...(svg ? { svg } : {}) };
  },
  text: (r) => {
    if (r.list) return ['Experiments (difflab experiment <name>):', ...r.list.map((e) => `  ${e.name.padEnd(20)} ${e.summary}`)].join('\n');
    return [
      r.title,
      '',
      ...r.tables.map((t) => formatTable(t) + '\n'),
      ...r.notes.map((n) => `• ${n}`),
      ...(r.svg ? ['', `plot: ${r.svg}`] : []),
    ].join('\n');
  },
});
