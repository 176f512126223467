// Files: SVG plots and saved models. Everything here is a thin wrapper over
// a pure function of the core plus one read or write.

import { readFile, writeFile } from 'node:fs/promises';
import { DiffError } from '../expr/errors.ts';
import { loadModel, saveModel, type Module, type Sequential } from '../nn/layers.ts';
import type { VegaLiteSpec } from '../plot/vega.ts';
import { renderSvg } from '../render/vega.ts';

/** Renders a vega-lite spec and writes it as an SVG file; returns the path. */
export async function writeSvg(path: string, spec: VegaLiteSpec): Promise<string> {
  await writeFile(path, await renderSvg(spec), 'utf8');
  return path;
}

/** Writes a network as JSON (`saveModel`); returns the path. */
export async function saveModelFile(path: string, net: Module): Promise<string> {
  await writeFile(path, JSON.stringify(saveModel(net)) + '\n', 'utf8');
  return path;
}

/** Reads a network written by `saveModelFile` (or `train --save`). */
export async function loadModelFile(path: string): Promise<Sequential> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new DiffError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return loadModel(text);
}
