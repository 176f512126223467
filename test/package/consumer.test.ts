// The package as a new user gets it: packed, installed from the tarball into
// a fresh project, then used from plain ESM, CommonJS, strict TypeScript, a
// browser bundle and npx. Runs on the built dist/ (npm test builds first).

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let tmp = '';
let app = '';
let files: string[] = [];
let installLog = '';

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/index.js'))) throw new Error('dist/ is missing: run npm run build (npm test does)');
  tmp = await mkdtemp(join(tmpdir(), 'difflab-consumer-'));
  // dist/ is already built, so packing needs no scripts
  const packed = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: ROOT, maxBuffer: 64 << 20 });
  const info = (JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[])[0]!;
  files = info.files.map((f) => f.path);
  app = join(tmp, 'app');
  await run('mkdir', ['-p', app]);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  const inst = await run(npm, ['install', join(tmp, info.filename), '--prefer-offline', '--no-audit', '--no-fund'], { cwd: app, maxBuffer: 64 << 20 });
  installLog = inst.stdout + inst.stderr;
}, 300_000);

afterAll(async () => {
  if (tmp !== '') await rm(tmp, { recursive: true, force: true });
});

// Reference values by hand: f = ln x + x²y − sin xy at (2, 5).
const fx = 1 / 2 + 2 * 2 * 5 - 5 * Math.cos(10); // ∂f/∂x = 1/x + 2xy − y cos(xy)
const fy = 2 * 2 - 2 * Math.cos(10); // ∂f/∂y = x² − x cos(xy)
const f = Math.log(2) + 4 * 5 - Math.sin(10);

describe('the packed tarball', () => {
  it('holds dist, bin, README and LICENSE, and no tests, benchmarks, scripts or CI', () => {
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('bin/difflab.js');
    expect(files).toContain('LICENSE');
    expect(files).toContain('README.md');
    for (const dir of ['test/', 'bench/', 'scripts/', '.ci/', 'src/', 'web/', 'notebooks/']) {
      expect(files.filter((p) => p.startsWith(dir))).toEqual([]);
    }
  });
  it('installs without engine warnings or errors', () => {
    // npm 11 may note that difflab's own `prepare` (the build) did not run for
    // a tarball: dist/ ships inside it, so there is nothing to act on.
    expect(installLog).not.toMatch(/EBADENGINE|ERR!|deprecated/);
    expect(installLog.replace(/.*difflab@[^\n]*prepare[^\n]*\n?/g, '')).not.toMatch(/install-scripts\s+\S+@/);
  });
});

describe('a consumer project', () => {
  it('imports the main API from plain Node ESM, and the README example gives its values', async () => {
    await writeFile(
      join(app, 'esm.mjs'),
      `import { parse, evaluate, diff, gradient, printUnicode, forward, reverse, numeric, crossCheck, nn, version } from 'difflab';
const f = parse('ln x + x²y − sin xy');
const r = reverse.gradient(f, { x: 2, y: 5 }).gradient;
const fw = forward.gradient(f, { x: 2, y: 5 }).gradient;
console.log(JSON.stringify({
  d: printUnicode(diff(f, 'x')),
  g: gradient(f).map(printUnicode),
  v: evaluate(f, { x: 2, y: 5 }),
  r, fw,
  n: typeof numeric.gradient,
  agree: crossCheck(f, { x: 2, y: 5 }).agree,
  nn: typeof nn.mlp,
  version,
}));`,
    );
    const { stdout } = await run(process.execPath, ['esm.mjs'], { cwd: app });
    const o = JSON.parse(stdout) as { d: string; g: string[]; v: number; r: Record<string, number>; fw: Record<string, number>; n: string; agree: boolean; nn: string; version: string };
    expect(o.d).toBe('1/x + 2xy − y cos(xy)');
    expect(o.g).toEqual(['1/x + 2xy − y cos(xy)', 'x² − x cos(xy)']);
    expect(o.v).toBeCloseTo(f, 13);
    expect(o.r.x).toBeCloseTo(fx, 12);
    expect(o.r.y).toBeCloseTo(fy, 12);
    expect(o.fw.x).toBeCloseTo(fx, 12);
    expect(o.n).toBe('function');
    expect(o.agree).toBe(true);
    expect(o.nn).toBe('function');
    expect(o.version).toBe(pkg.version);
  });

  it('requires it from CommonJS', async () => {
    await writeFile(join(app, 'cjs.cjs'), `const { parse, evaluate } = require('difflab');\nconsole.log(evaluate(parse('x^2 + 1'), { x: 3 }));`);
    const { stdout, stderr } = await run(process.execPath, ['cjs.cjs'], { cwd: app });
    expect(stdout.trim()).toBe('10');
    expect(stderr).toBe('');
  });

  it('type-checks a strict TypeScript consumer (nodenext, exactOptionalPropertyTypes, no skipLibCheck) from the .d.ts files', async () => {
    await writeFile(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, skipLibCheck: false, exactOptionalPropertyTypes: true, noEmit: true, types: [] },
        files: ['use.mts'],
      }),
    );
    await writeFile(
      join(app, 'use.mts'),
      `import { parse, evaluate, diff, printUnicode, reverse, crossCheck, nn, type Expr, type Point } from 'difflab';
const e: Expr = parse('σ(w x + b)');
const p: Point = { x: 1, w: 0, b: 0 };
const v: number = evaluate(e, p);
const g: Readonly<Record<string, number>> = reverse.gradient(e, p).gradient;
const s: string = printUnicode(diff(e, 'w'));
const ok: boolean = crossCheck(e, p).agree;
const net = nn.mlp([2, 4, 1], { rng: 1, activation: 'tanh' });
// @ts-expect-error: parse takes text
parse(42);
export { v, g, s, ok, net };
`,
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const r = await run(process.execPath, [tsc, '-p', '.'], { cwd: app }).catch((e: { stdout: string }) => ({ stdout: e.stdout, stderr: '' }));
    expect(r.stdout).toBe('');
  }, 120_000);

  it('bundles the main export for the browser with esbuild (no externals)', async () => {
    await writeFile(
      join(app, 'browser.mjs'),
      `import { parse, diff, printUnicode, reverse, forward, numeric, crossCheck, nn } from 'difflab';
const f = parse('ln x + x²y − sin xy');
console.log(printUnicode(diff(f, 'x')), reverse.gradient(f, { x: 2, y: 5 }), forward, numeric, crossCheck, nn.mlp);`,
    );
    const esbuild = await import('esbuild');
    const out = await esbuild.build({ entryPoints: [join(app, 'browser.mjs')], absWorkingDir: app, bundle: true, platform: 'browser', format: 'esm', minify: true, write: false, logLevel: 'silent' });
    expect(out.errors).toEqual([]);
    const code = out.outputFiles[0]!.contents;
    expect(Buffer.from(code).toString('utf8')).not.toMatch(/from\s*"node:/);
    const size = { minified: code.length, gzipped: gzipSync(code).length };
    console.log(`browser bundle of the main export: ${(size.minified / 1024).toFixed(0)} kB minified, ${(size.gzipped / 1024).toFixed(0)} kB gzipped`);
    expect(size.gzipped).toBeLessThan(1_500_000);
  }, 120_000);

  it('runs npx difflab --version', async () => {
    const { stdout } = await run(npm, ['exec', '--offline', '--', 'difflab', '--version'], { cwd: app });
    expect(stdout.trim()).toBe(pkg.version);
  });

  it('evaluates through the installed CLI', async () => {
    const { stdout } = await run(npm, ['exec', '--offline', '--', 'difflab', 'eval', 'ln x + x²y − sin xy', '--at', 'x=2,y=5'], { cwd: app });
    expect(Number(stdout.split('\n')[0])).toBeCloseTo(f, 13);
  });
});
