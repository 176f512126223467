// The REPL with its worker thread: every line is answered there from a
// replica of the session, so the transcript must be exactly that of the
// in-process REPL; the state crosses the thread boundary intact; and one
// Ctrl-C stops a long plain line (not only a command) with the session kept.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startRepl } from '../../../src/cli/repl.ts';
import { Definitions } from '../../../src/cli/repl/defs.ts';
import { WorkerRunner } from '../../../src/cli/repl/runner.ts';
import { Session } from '../../../src/cli/repl/session.ts';
import { applyState, encodeState, markState, type StateHolder } from '../../../src/cli/repl/state.ts';
import { bigInteger, call, num, variable, type Expr } from '../../../src/expr/expr.ts';
import { dagSize } from '../../../src/expr/traverse.ts';
import { parse } from '../../../src/parse/index.ts';
import { transcript } from './helpers.ts';

// Every input form, session commands, errors with carets, :save/:load, ans, exact integers beyond 2⁵³, a control character.
const SCRIPT = [
  ':vars rate',
  ':at x=2 y=5',
  'f = x² rate',
  'g(x, y) = x y + 1',
  'h(x; w, b) = w x + b',
  'f',
  'g(2, 3)',
  'd/dx f',
  'ans + 1',
  '∂²/∂x∂y x³y²',
  '∇ x²y + sin y',
  '∇² x²y',
  ':simplify',
  ':expand (x+1)^3',
  ':expand',
  ':latex d/dx sin x²',
  ':simplify x·x² + 2x + 3x',
  '2 + * x',
  'sin x)',
  ':at x=',
  'd/dx',
  ':nosuch',
  ':del g',
  'g(1, 2)',
  ':defs',
  ':check x^2 y',
  ':steps d/dx x^3',
  '∇ h',
  ':at clear',
  'x + 1',
  ':at y=2',
  '√(y^π) − y^π',
  'big = 3^40',
  'big + 1',
  ':expand (x+1)^60',
  ':save s.difflab',
  ':del f h big',
  ':load s.difflab',
  ':defs',
  'd/dx ans',
  'esc \x1b[31m',
];

describe('with the worker, the REPL answers exactly as in process', () => {
  it('the same transcript, the same session afterwards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'difflab-repl-'));
    const here = await transcript(SCRIPT, { cwd: dir, worker: false });
    const there = await transcript(SCRIPT, { cwd: dir, worker: true });
    expect(there.out).toBe(here.out);
    expect(there.out).toMatch(/^x⁶⁰ \+ 60x⁵⁹ .* \+ 118264581564861424x³⁰ \+ /m); // C(60, 30), exact
    expect(there.out).toMatch(/^loaded 3 definitions from s\.difflab$/m);
    expect(there.session.failures).toBe(here.session.failures);
    expect(there.session.failures).toBeGreaterThan(0);
    expect(there.session.point).toEqual({ y: 2 });
    expect(there.session.vars).toEqual(['rate']);
    expect(there.session.defs.names()).toEqual(['f', 'h', 'big']);
    // interned on arrival: the same objects as those built in this thread
    for (const name of ['f', 'h', 'big']) expect(there.session.defs.get(name)!.body).toBe(here.session.defs.get(name)!.body);
    expect(there.session.defs.get('h')!.parameters).toEqual(['w', 'b']);
    expect(there.session.last).toBe(here.session.last);
    expect(there.session.lastSource?.source).toBe(here.session.lastSource?.source);
    expect(there.session.lastSource?.what).toBe(here.session.lastSource?.what);
  }, 60_000);
});

function holder(): StateHolder & { defs: Definitions } {
  return { point: {}, vars: [], defs: new Definitions(), last: undefined, lastSource: undefined };
}

describe('the session state across the thread boundary', () => {
  it('round-trips definitions, the point, variables and the last result, node for node', () => {
    const a = holder();
    a.point = { x: 2, rate: -0 };
    a.vars = ['rate'];
    const body = parse('sin(x)^2 + sin(x)*rate + 3^50', { variables: ['rate'] });
    a.defs.define({ name: 'f', params: undefined, body });
    a.defs.define({ name: 'g', params: ['x', 'w'], parameters: ['w'], body: parse('w*x + sin(x)^2') });
    a.last = bigInteger(3n ** 50n);
    a.lastSource = { source: undefined, what: 'the derivative as derived' };
    const state = encodeState(a);
    // shared subexpressions travel once: f's DAG, then g's new nodes, then the last result (already sent)
    const shared = dagSize(call('add', [body, parse('w*x + sin(x)^2')]));
    expect(state.nodes.length).toBe(shared);
    const b = holder();
    applyState(b, state);
    expect(b.point).toEqual({ x: 2, rate: -0 });
    expect(Object.is(b.point.rate, -0)).toBe(true);
    expect(b.vars).toEqual(['rate']);
    expect(b.defs.get('f')!.body).toBe(body);
    expect(b.defs.get('g')).toEqual(a.defs.get('g'));
    expect(b.last).toBe(a.last);
    expect((b.last as { digits?: string }).digits).toBe('717897987691852588770249');
    expect(b.lastSource).toEqual({ source: undefined, what: 'the derivative as derived' });
  });

  it('sends only what changed', () => {
    const a = holder();
    a.defs.define({ name: 'f', params: undefined, body: parse('x^2') });
    const mark = markState(a);
    expect(encodeState(a, mark)).toEqual({ nodes: [] });
    a.point = { x: 1 };
    a.last = num(Number.NaN);
    a.lastSource = { source: a.last, what: 'the expression as read' };
    const delta = encodeState(a, mark);
    expect(Object.keys(delta).sort()).toEqual(['last', 'nodes', 'point']);
    const b = holder();
    b.defs.define({ name: 'g', params: undefined, body: parse('y') });
    applyState(b, delta);
    expect(b.defs.names()).toEqual(['g']); // untouched
    expect(b.point).toEqual({ x: 1 });
    expect(b.last).toBe(a.last);
    expect(b.lastSource?.source).toBe(a.last);
    a.last = undefined;
    a.lastSource = undefined;
    applyState(b, encodeState(a, markState(b)));
    expect(b.last).toBeUndefined();
    expect(b.lastSource).toBeUndefined();
  });

  it('a 10⁵-deep expression crosses without recursion', () => {
    let e: Expr = variable('x');
    for (let i = 0; i < 100_000; i++) e = call('sin', [e]);
    const a = holder();
    a.last = e;
    const b = holder();
    applyState(b, encodeState(a));
    expect(b.last).toBe(e);
  });
});

/** A REPL at a (simulated) terminal, with the worker; `type` sends keys, `until` waits for output. */
function terminalRepl() {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const dir = mkdtempSync(join(tmpdir(), 'difflab-repl-'));
  const done = startRepl({ input, output, terminal: true, color: false, worker: true, historyFile: join(dir, 'history'), cwd: dir });
  const until = async (test: (out: string) => boolean, ms = 30_000): Promise<number> => {
    const t0 = Date.now();
    while (!test(out)) {
      if (Date.now() - t0 > ms) throw new Error(`timed out waiting; output so far:\n${out}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return Date.now();
  };
  return { type: (s: string) => input.write(s), until, out: () => out, done };
}

describe('one Ctrl-C stops a long plain line', () => {
  it('prints "interrupted" at once, returns to the prompt, and keeps the session', async () => {
    const r = terminalRepl();
    r.type('f = x^2\r');
    r.type(':at x=0.5\r');
    await r.until((o) => o.includes('at x = 0.5'));
    // a 20th derivative of sin(x)^x: seconds of symbolic work on the worker
    r.type('d^20/dx^20 sin(x)^x\r');
    await new Promise((res) => setTimeout(res, 1000));
    const before = r.out().length;
    const pressed = Date.now();
    r.type('\x03');
    const shown = await r.until((o) => /^interrupted$/m.test(o.slice(before)));
    expect(shown - pressed).toBeLessThan(1000);
    expect(r.out().slice(before)).not.toMatch(/to leave, press Ctrl-C again/); // the press stopped the line, nothing more
    r.type('f + 1\r');
    await r.until((o) => o.includes('= 1.25 at x = 0.5')); // f survives, and the point: 0.5² + 1
    r.type('d/dx sin x\r');
    await r.until((o) => /cos x\n {2}= 0\.8775825618903728 at x = 0\.5/.test(o)); // the next line is answered
    r.type(':quit\r');
    const session = await r.done;
    expect(session.defs.names()).toEqual(['f']);
    expect(session.point).toEqual({ x: 0.5 });
    // the interrupted line left nothing behind: ans is the last line answered
    expect(session.last).toBe(parse('cos(x)'));
    expect(r.out()).not.toMatch(/sin\(x\)\)\^\(x − 20\)|\(sin x\)\^\(x − 20\)/);
  }, 90_000);
});

describe('a line that runs out of memory on the worker', () => {
  it('fails with a note, and the session goes on', async () => {
    const runner = new WorkerRunner({ heapMb: 16 });
    const s = new Session({ remote: (line, session) => runner.answer(line, session) });
    try {
      expect((await s.run('f = x^2')).text).toBe('f = x²');
      expect((await s.run(':at x=0.5')).text).toBe('at x = 0.5');
      // (x + y + z + w)³⁰ has C(33, 3) = 5456 terms: far more than 16 MB of expressions
      const r = await s.run(':expand (x+y+z+w)^30');
      expect(r.error).toBe(true);
      expect(r.text).toMatch(/^error: out of memory: .*the session is kept/);
      expect((await s.run('f + 1')).text).toBe('x² + 1\n  read as x^2 + 1\n  = 1.25 at x = 0.5');
      expect(s.failures).toBe(1);
    } finally {
      await runner.close();
    }
  }, 60_000);
});
