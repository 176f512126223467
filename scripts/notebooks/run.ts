// Executes the notebooks in notebooks/ with Debian's Jupyter and the tslab
// kernel.
//
//   tsx scripts/notebooks/run.ts setup   kernel spec into .jupyter/, notebooks/node_modules/difflab link
//   tsx scripts/notebooks/run.ts run     re-executes every notebook in place (npm run notebooks)
//   tsx scripts/notebooks/run.ts test    executes each into a temporary copy and compares (npm run test:notebooks)
//
// Names after the command pick notebooks (`run 03` runs 03-*.ipynb). The
// kernel spec goes into the project's git-ignored .jupyter/ (found through
// JUPYTER_PATH), never into the user's home. The notebooks import the built
// package, so dist/ must be current: run `npm run build` first (the npm
// scripts do).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, lstatSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareOutputs, parseNotebook, structuralProblems } from './ipynb.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NOTEBOOKS = join(ROOT, 'notebooks');
const PREFIX = join(ROOT, '.jupyter');
const JUPYTER = process.env['JUPYTER'] ?? '/usr/bin/jupyter';
const PYTHON = process.env['JUPYTER_PYTHON'] ?? '/usr/bin/python3';
/** The budget per notebook, in seconds. */
const BUDGET_S = Number(process.env['NOTEBOOK_BUDGET_S'] ?? 120);

function fail(message: string): never {
  process.stderr.write(`notebooks: ${message}\n`);
  process.exit(1);
}

function env(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    JUPYTER_PATH: join(PREFIX, 'share', 'jupyter'),
    PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env['PATH'] ?? ''}`,
    // nbclient is Python: keep it off any pyenv shim
    PYTHONNOUSERSITE: '1',
  };
}

function setup(): void {
  if (!existsSync(JUPYTER)) fail(`${JUPYTER} not found: install Debian's python3-nbclient jupyter-nbconvert python3-ipykernel jupyter-client (or set JUPYTER)`);
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) fail('dist/ is missing: run npm run build');
  const tslab = join(ROOT, 'node_modules', '.bin', 'tslab');
  if (!existsSync(tslab)) fail('tslab is missing: run npm ci');
  const spec = join(PREFIX, 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json');
  if (!existsSync(spec) || !readFileSync(spec, 'utf8').includes(tslab)) {
    const r = spawnSync(tslab, ['install', `--python=${PYTHON}`, `--prefix=${PREFIX}`, `--binary=${tslab}`], { encoding: 'utf8' });
    if (r.status !== 0 || !existsSync(spec)) fail(`tslab install failed:\n${r.stdout}${r.stderr}`);
  }
  // tslab type-checks with Node10 module resolution, which looks for difflab
  // in a node_modules folder: link the package root there. At run time
  // require('difflab') resolves the same files through package.json's exports.
  const link = join(NOTEBOOKS, 'node_modules', 'difflab');
  let linked = false;
  try {
    linked = lstatSync(link).isSymbolicLink();
  } catch {
    linked = false;
  }
  if (!linked) {
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(relative(dirname(link), ROOT), link, 'dir');
  }
}

function notebooks(filters: readonly string[]): string[] {
  const all = readdirSync(NOTEBOOKS)
    .filter((f) => f.endsWith('.ipynb'))
    .sort();
  const picked = filters.length === 0 ? all : all.filter((f) => filters.some((p) => f.startsWith(p) || f === p));
  if (picked.length === 0) fail(`no notebook matches ${filters.join(' ')}`);
  return picked;
}

/** JSON with sorted keys and one-space indent, as nbformat writes it. */
function nbformatJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sort(value), null, 1) + '\n';
}

/**
 * Numbers the code cells 1, 2, … as a kernel that announces its inputs
 * would: tslab sends no execute_input, so nbclient leaves the prompts empty.
 */
function numberCells(path: string): void {
  const nb = JSON.parse(readFileSync(path, 'utf8')) as { cells: { cell_type: string; execution_count?: number | null; outputs?: { output_type: string; execution_count?: number | null }[] }[] };
  let n = 0;
  for (const c of nb.cells) {
    if (c.cell_type !== 'code') continue;
    c.execution_count = ++n;
    for (const o of c.outputs ?? []) if (o.output_type === 'execute_result') o.execution_count = n;
  }
  writeFileSync(path, nbformatJson(nb));
}

interface Execution {
  readonly ok: boolean;
  readonly seconds: number;
  readonly log: string;
}

/** Executes one notebook with nbconvert; kills it past twice the budget. */
function execute(file: string, outDir: string | null): Promise<Execution> {
  const args = ['nbconvert', '--to', 'notebook', '--execute', `--ExecutePreprocessor.timeout=${BUDGET_S}`, '--ExecutePreprocessor.kernel_name=tslab', '--ExecutePreprocessor.record_timing=False', '--allow-errors'];
  if (outDir === null) args.push('--inplace');
  else args.push('--output-dir', outDir);
  args.push(join(NOTEBOOKS, file));
  const t0 = performance.now();
  return new Promise((done) => {
    const child = spawn(JUPYTER, args, { cwd: NOTEBOOKS, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 2 * BUDGET_S * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ ok: code === 0, seconds: (performance.now() - t0) / 1000, log });
    });
  });
}

async function main(): Promise<void> {
  const [command, ...filters] = process.argv.slice(2);
  if (command !== 'setup' && command !== 'run' && command !== 'test') fail('usage: run.ts setup|run|test [notebook …]');
  setup();
  if (command === 'setup') {
    process.stdout.write(`kernel spec in ${relative(ROOT, PREFIX)}/; open the notebooks with JUPYTER_PATH=${join(PREFIX, 'share', 'jupyter')}\n`);
    return;
  }
  const failures: string[] = [];
  for (const file of notebooks(filters)) {
    const tmp = command === 'test' ? mkdtempSync(join(tmpdir(), 'difflab-nb-')) : null;
    try {
      const r = await execute(file, tmp);
      const time = `${r.seconds.toFixed(1)} s`;
      const problems: string[] = [];
      if (!r.ok) problems.push(`execution failed:\n${r.log.split('\n').slice(-25).join('\n')}`);
      if (r.seconds > BUDGET_S) problems.push(`took ${time}, over the ${BUDGET_S} s budget`);
      if (r.ok) {
        // cells run on past an error (--allow-errors), so every error is listed with its message
        const fresh = parseNotebook(readFileSync(join(tmp ?? NOTEBOOKS, file), 'utf8'), `${file} (fresh run)`);
        problems.push(...structuralProblems(fresh));
        if (tmp !== null) {
          const committed = parseNotebook(readFileSync(join(NOTEBOOKS, file), 'utf8'), file);
          problems.push(...compareOutputs(committed, fresh).map((d) => `output differs from the committed one: ${d}`));
        }
      }
      if (r.ok && tmp === null) numberCells(join(NOTEBOOKS, file));
      process.stdout.write(`${problems.length === 0 ? 'ok  ' : 'FAIL'}  ${file}  ${time}\n`);
      for (const p of problems) process.stdout.write(`      ${p.replace(/\n/g, '\n      ')}\n`);
      if (problems.length > 0) failures.push(file);
    } finally {
      if (tmp !== null) rmSync(tmp, { recursive: true, force: true });
    }
  }
  if (failures.length > 0) fail(`${failures.length} notebook${failures.length === 1 ? '' : 's'} failed: ${failures.join(', ')}`);
  if (command === 'run') {
    const sizes = notebooks(filters).map((f) => `${f} ${(statSync(join(NOTEBOOKS, f)).size / 1024).toFixed(0)} KB`);
    process.stdout.write(`sizes: ${sizes.join(', ')}\n`);
  }
}

await main();
