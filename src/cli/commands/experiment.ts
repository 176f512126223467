// difflab experiment <name>: the seeds' experiments, as tables and an SVG plot.

import type { Command } from 'commander';
import { DiffError } from '../../expr/errors.ts';
import { formatTable, type Table } from '../../nn/experiments/types.ts';
import { defineCommand, optBool, optInt, optString, type Request } from '../command.ts';
import { outputPath, type RunContext } from '../files.ts';

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
  summary: "run one of the seeds' experiments: prints tables, and with --svg FILE writes its plot (`difflab experiment list`)",
  configure: (cmd: Command) =>
    cmd
      .argument('[name]', `${EXPERIMENT_NAMES.join(', ')}, or list`)
      .option('--svg <file>', 'write the plot to this SVG file (no file is written without it)')
      .option('--seed <n>', 'random seed')
      .option('--width <n>', 'layer width (init: default 1024, the seed uses 4096; vanishing-gradients: 32)')
      .option('--depth <n>', 'number of layers (init: 6; vanishing-gradients: 12)')
      .option('--epochs <n>', 'epochs (optimizers: 60)')
      .option('--quick', 'a smaller, faster version'),
  toRequest: (args, opts) => ({
    cmd: 'experiment',
    name: args[0] ?? 'list',
    svg: opts.svg,
    seed: opts.seed,
    width: opts.width,
    depth: opts.depth,
    epochs: opts.epochs,
    quick: opts.quick,
  }),
  run: async (req: Request, ctx?: RunContext) => {
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
    // A plot is written only when asked for: "svg": a file name (true: <name>.svg).
    const wanted = req.svg === undefined || req.svg === null || req.svg === false ? undefined : req.svg === true ? `${exp.name}.svg` : req.svg;
    if (wanted !== undefined && (typeof wanted !== 'string' || wanted === '')) throw new DiffError('"svg" must be a file name (or false)');
    const svgPath = wanted === undefined ? undefined : outputPath(wanted, ctx, '--svg');
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
    if (svgPath !== undefined) {
      const { writeSvg } = await import('../../node/files.ts');
      await writeSvg(svgPath, r.plot);
      svg = wanted;
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
