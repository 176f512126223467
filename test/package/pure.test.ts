// The main export is pure: nothing it loads imports a `node:` module or
// touches files. Walks the import graph of src/index.ts statically.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function graph(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)(?!\s+type\b)[^'";]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((m) => (m[1] ?? m[2])!);
    seen.set(file, specs);
    for (const s of specs) if (s.startsWith('.')) todo.push(resolve(dirname(file), s));
  }
  return seen;
}

describe('the main export', () => {
  it('imports no node: module, directly or indirectly, and no file-system code', () => {
    const g = graph(join(SRC, 'index.ts'));
    const bad: string[] = [];
    for (const [file, specs] of g) {
      for (const s of specs) if (s.startsWith('node:') || ['fs', 'path', 'os', 'child_process'].includes(s)) bad.push(`${file.slice(SRC.length)} imports ${s}`);
      if (file.startsWith(join(SRC, 'cli')) || file.startsWith(join(SRC, 'node'))) bad.push(`${file.slice(SRC.length)} is reached from the main export`);
    }
    expect(bad).toEqual([]);
    expect(g.size).toBeGreaterThan(30);
  });
});
