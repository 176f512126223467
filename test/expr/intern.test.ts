// The intern table holds nodes weakly: memory follows what the caller holds,
// and `===` stays structural equality among live nodes. Run in a child
// process with --expose-gc, so collection can be forced.

import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = pathToFileURL(new URL('../../', import.meta.url).pathname).href;

function runWithGc(body: string): Record<string, unknown> {
  const tsx = import.meta.resolve('tsx/esm/api');
  const script = `import(${JSON.stringify(tsx)}).then((m) => m.register()).then(async () => {
    const E = await import(${JSON.stringify(ROOT + 'src/expr/expr.ts')});
    const { parse } = await import(${JSON.stringify(ROOT + 'src/parse/index.ts')});
    const { evaluate } = await import(${JSON.stringify(ROOT + 'src/expr/eval.ts')});
    const collect = async () => { for (let k = 0; k < 3; k++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 50)); } };
    ${body}
  })`;
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
}

describe('weak interning', () => {
  it('nodes nobody holds are freed; held nodes stay interned and equal by ===', () => {
    const r = runWithGc(`
      const kept = parse('sin(x y) + x^2');
      const keptId = kept.id;
      await collect();
      const base = E.internedCount();
      for (let i = 0; i < 30000; i++) parse('x^2 + ' + i + 'y + sin(' + i + 'z)');
      const grown = E.internedCount();
      await collect();
      const after = E.internedCount();
      // a held node: rebuilding it gives the same object, with its old id
      const again = parse('sin(x y) + x^2');
      // a collected node: rebuilt fresh, still above its children in id order (topological order by id)
      const fresh = parse('x^2 + 5y + sin(5z)');
      const childrenBelow = fresh.args.every((a) => a.id < fresh.id);
      console.log(JSON.stringify({ base, grown, after, same: again === kept, sameId: again.id === keptId, childrenBelow,
        value: evaluate(fresh, { x: 1, y: 2, z: 0 }), rebuiltSame: fresh === parse('x^2 + 5y + sin(5z)') }));
    `);
    expect(r.grown as number).toBeGreaterThan((r.base as number) + 100_000);
    expect(r.after as number).toBeLessThan((r.base as number) + 100);
    expect(r.same).toBe(true);
    expect(r.sameId).toBe(true);
    expect(r.childrenBelow).toBe(true);
    expect(r.value).toBe(11); // 1 + 5·2 + sin 0
    expect(r.rebuiltSame).toBe(true);
  }, 120_000);
  it('simplifying and differentiating keep nothing alive once the results are dropped', () => {
    const r = runWithGc(`
      const S = await import(${JSON.stringify(ROOT + 'src/symbolic/index.ts')});
      const warm = S.diff(parse('x^2 y + sin(x)/x'), 'x');
      await collect();
      const base = E.internedCount();
      for (let i = 0; i < 3000; i++) S.diff(parse('x^2 + ' + i + 'y·x + sin(' + i + 'x)/(x + ' + i + ')'), 'x');
      const grown = E.internedCount();
      await collect();
      console.log(JSON.stringify({ base, grown, after: E.internedCount(), warm: warm.kind }));
    `);
    expect(r.grown as number).toBeGreaterThan((r.base as number) + 10_000);
    expect(r.after as number).toBeLessThan((r.base as number) + 100);
  }, 120_000);
  it('a subexpression held through its parent stays interned', () => {
    const r = runWithGc(`
      const parent = parse('exp(x + 41) · 3');
      await collect();
      const inner = E.add(E.variable('x'), E.num(41));
      console.log(JSON.stringify({ same: inner === parent.args[0].args[0] }));
    `);
    expect(r.same).toBe(true);
  }, 60_000);
});
