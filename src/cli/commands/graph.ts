// difflab graph "<expr>" --at x=1,w=0,b=0 [--svg FILE] [--dot FILE]: the
// computational graph with values and adjoints, drawn by Graphviz.

import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { graph, type GraphEdge, type GraphNode } from '../../check/index.ts';
import { DiffError } from '../../expr/errors.ts';
import { printAscii } from '../../expr/print.ts';
import { defineCommand, optList, optString, reqString, type Request } from '../command.ts';
import { outputPath, type RunContext } from '../files.ts';
import { parseArgument } from '../notation.ts';
import { normalizePoint } from '../io.ts';

/**
 * Graphviz's layout time grows steeply with the graph (on a 2-core machine,
 * about 1 s for 160 nodes and 200 edges, 9 s for 240 and 300, 37 s for 320
 * and 400): past this many nodes plus edges an SVG is refused with a note,
 * before any work, and the DOT source remains available.
 */
export const MAX_SVG_ELEMENTS = 360;

export interface GraphResult extends Record<string, unknown> {
  expr: string;
  readAs: string;
  at: Record<string, number>;
  nodes: GraphNode[];
  edges: GraphEdge[];
  dot: string;
  svg?: string;
  dotFile?: string;
}

export const graphCommand = defineCommand<GraphResult>({
  name: 'graph',
  summary: 'draw the computational graph with values, adjoints and local partials (Graphviz)',
  configure: (cmd: Command) =>
    cmd
      .argument('<expr>', 'expression in textbook notation')
      .option('--at <point>', 'the point, e.g. x=1,w=0,b=0')
      .option('--svg <file>', 'write the drawing as SVG')
      .option('--dot <file>', 'write the Graphviz source')
      .option('--vars <names>', 'declare multi-letter variable names, e.g. rate,theta'),
  toRequest: (args, opts) => ({ cmd: 'graph', expr: args[0], at: opts.at, svg: opts.svg, dot: opts.dot, vars: opts.vars }),
  run: async (req: Request, ctx?: RunContext) => {
    const expr = reqString(req, 'expr');
    const svgArg = optString(req, 'svg');
    const dotArg = optString(req, 'dot');
    const svgPath = svgArg === undefined ? undefined : outputPath(svgArg, ctx, '--svg');
    const dotPath = dotArg === undefined ? undefined : outputPath(dotArg, ctx, '--dot');
    const e = parseArgument(expr, { variables: optList(req, 'vars') ?? [] });
    const at = normalizePoint(req.at);
    const g = graph(e, at);
    const result: GraphResult = { expr, readAs: printAscii(e), at, nodes: [...g.nodes], edges: [...g.edges], dot: g.dot };
    const svg = optString(req, 'svg');
    const elements = g.nodes.length + g.edges.length;
    if (svg !== undefined && elements > MAX_SVG_ELEMENTS) {
      throw new DiffError(
        `the graph has ${g.nodes.length} nodes and ${g.edges.length} edges, too many to lay out as SVG in reasonable time (at most ${MAX_SVG_ELEMENTS} nodes and edges together); --dot FILE writes the Graphviz source, which \`dot -Tsvg\` can draw`,
      );
    }
    if (svg !== undefined) {
      const { renderDot } = await import('../../render/graphviz.ts');
      await writeFile(svgPath!, await renderDot(g.dot), 'utf8');
      result.svg = svg;
    }
    const dotFile = optString(req, 'dot');
    if (dotFile !== undefined) {
      await writeFile(dotPath!, g.dot + '\n', 'utf8');
      result.dotFile = dotFile;
    }
    return result;
  },
  text: (r) => {
    const lines = [`${r.nodes.length} nodes, ${r.edges.length} edges (read as ${r.readAs})`];
    if (r.svg !== undefined) lines.push(`wrote ${r.svg}`);
    if (r.dotFile !== undefined) lines.push(`wrote ${r.dotFile}`);
    if (r.svg === undefined && r.dotFile === undefined) lines.push('', r.dot);
    return lines.join('\n');
  },
});
