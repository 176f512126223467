// The committed notebooks, checked without Jupyter: each parses, has its
// outputs, no errors and the tslab kernel. (npm run test:notebooks
// re-executes them and compares the outputs.) Also the output comparison
// that test:notebooks relies on.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCarriageReturns, compareOutputs, maskVolatile, truncateSvgDecimals, normalizeOutputs, parseNotebook, structuralProblems, type Notebook, type Output } from '../../scripts/notebooks/ipynb.ts';

const DIR = join(import.meta.dirname, '..', '..', 'notebooks');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.ipynb'))
  .sort();

describe('the committed notebooks', () => {
  it('are the six lessons, numbered', () => {
    expect(FILES.map((f) => f.slice(0, 3))).toEqual(['01-', '02-', '03-', '04-', '05-', '06-']);
  });
  it.each(FILES)('%s parses, has outputs and no errors', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const nb = parseNotebook(text, file);
    expect(structuralProblems(nb)).toEqual([]);
    expect(nb.cells.some((c) => c.cell_type === 'markdown')).toBe(true);
    // small enough to read on a code-hosting site
    expect(text.length).toBeLessThan(1_000_000);
  });
  it('are listed in notebooks/README.md', () => {
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
    for (const f of FILES) expect(readme).toContain(f);
  });
});

const nb = (outputs: Output[][]): Notebook => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'tslab' } },
  cells: outputs.map((o) => ({ cell_type: 'code', source: 'x', outputs: o })),
});

describe('comparing outputs', () => {
  it('joins stream chunks and applies carriage returns', () => {
    const a: Output[] = [{ output_type: 'stream', name: 'stdout', text: 'epoch 1\repoch 2\rdone   \nnext\n' }];
    const b: Output[] = [
      { output_type: 'stream', name: 'stdout', text: ['done', '   \n'] },
      { output_type: 'stream', name: 'stdout', text: 'next\n' },
    ];
    expect(normalizeOutputs(a)).toEqual(normalizeOutputs(b));
    expect(applyCarriageReturns('abcdef\rxy\n')).toBe('xycdef\n');
  });
  it('masks timings and addresses, nothing else', () => {
    expect(maskVolatile('trained in 12.5 s, took 80 ms at 0x7ffd1234abcd')).toBe('trained in <time>, took <time> at <address>');
    expect(maskVolatile('accuracy 95.5 %, 3 s')).toBe('accuracy 95.5 %, 3 s');
  });
  it('cuts SVG coordinates to 4 decimals, and nothing outside SVG', () => {
    expect(truncateSvgDecimals('<svg><path transform="translate(55.43,151.1049281663537)"/></svg>')).toBe('<svg><path transform="translate(55.43,151.1049)"/></svg>');
    expect(truncateSvgDecimals('<td>0.027674123</td>')).toBe('<td>0.027674123</td>');
    const a = nb([[{ output_type: 'display_data', data: { 'text/html': '<svg><circle cx="1.10492816635370"/></svg>' } }]]);
    const b = nb([[{ output_type: 'display_data', data: { 'text/html': '<svg><circle cx="1.10492816635366"/></svg>' } }]]);
    const c = nb([[{ output_type: 'display_data', data: { 'text/html': '<svg><circle cx="1.1059"/></svg>' } }]]);
    expect(compareOutputs(a, b)).toEqual([]);
    expect(compareOutputs(a, c)).toHaveLength(1);
  });
  it('ignores execution counts and metadata', () => {
    const a = nb([[{ output_type: 'execute_result', data: { 'text/plain': '1' }, execution_count: 1, metadata: { a: 1 } } as Output]]);
    const b = nb([[{ output_type: 'execute_result', data: { 'text/plain': '1' }, execution_count: 7, metadata: {} } as Output]]);
    expect(compareOutputs(a, b)).toEqual([]);
  });
  it('reports a changed number with the cell and the place', () => {
    const a = nb([[{ output_type: 'display_data', data: { 'text/html': '<td>0.25</td>' } }]]);
    const b = nb([[{ output_type: 'display_data', data: { 'text/html': '<td>0.26</td>' } }]]);
    const d = compareOutputs(a, b);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatch(/^cell 1 \(x\), output 1 \(text\/html\): at character 7: committed "<td>0.25<\/td>", now "<td>0.26<\/td>"$/);
    expect(d[0]).toContain('0.25');
    expect(d[0]).toContain('0.26');
  });
  it('reports a missing output and a changed MIME type', () => {
    const a = nb([[{ output_type: 'stream', name: 'stdout', text: 'a' }]]);
    expect(compareOutputs(a, nb([[]]))).toEqual(['cell 1 (x): 1 outputs committed, 0 now']);
    const l = nb([[{ output_type: 'display_data', data: { 'text/latex': '$$x$$' } }]]);
    const p = nb([[{ output_type: 'display_data', data: { 'text/plain': '$$x$$' } }]]);
    expect(compareOutputs(l, p)).toEqual(['cell 1 (x), output 1: text/latex missing', 'cell 1 (x), output 1: text/plain added']);
    const s = nb([[{ output_type: 'stream', name: 'stdout', text: 'loss 0.5\n' }]]);
    const t = nb([[{ output_type: 'stream', name: 'stdout', text: 'loss 0.6\n' }]]);
    expect(compareOutputs(s, t)).toEqual(['cell 1 (x), output 1 (stdout): at character 7: committed "loss 0.5\\n", now "loss 0.6\\n"']);
  });
  it('finds error outputs, stderr and a foreign kernel', () => {
    const bad: Notebook = {
      ...nb([[{ output_type: 'error', ename: 'TypeError', evalue: 'x is not a function' }], [{ output_type: 'stream', name: 'stderr', text: '1:3 - Cannot find name' }]]),
      metadata: { kernelspec: { name: 'python3' } },
    };
    expect(structuralProblems(bad)).toEqual([
      'cell 1: error output TypeError: x is not a function',
      'cell 2: writes to stderr: 1:3 - Cannot find name',
      'kernel "python3", expected tslab',
    ]);
    expect(structuralProblems(nb([[]]))).toEqual(['no outputs: run it with npm run notebooks before committing']);
  });
  it('refuses what is not a notebook', () => {
    expect(() => parseNotebook('{', 'a.ipynb')).toThrow(/a.ipynb: not JSON/);
    expect(() => parseNotebook('{"nbformat": 3, "cells": []}', 'b.ipynb')).toThrow(/nbformat 3, expected 4/);
  });
});

describe('the tslab kernel dependency', () => {
  const root = join(import.meta.dirname, '..', '..');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  it('is pinned', () => {
    expect(pkg.devDependencies['tslab']).toBe('1.0.22');
  });
  it("keeps tslab's own TypeScript 5.0 nested, so node_modules/.bin/tsc stays the project's TypeScript", () => {
    // hoisted, its `tsc` bin would replace typescript's in node_modules/.bin
    expect(Object.keys(lock.packages).filter((k) => k.endsWith('@tslab/typescript-for-tslab'))).toEqual(['node_modules/tslab/node_modules/@tslab/typescript-for-tslab']);
  });
});
