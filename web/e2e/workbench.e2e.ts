// End-to-end: the built page in Debian's Chromium. Reference values are
// derived by hand (the seed's trace example, the sigmoid neuron's chain).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { start, type Session, type Tracked } from './browser.ts';

let s: Session;

before(async () => {
  s = await start();
});

after(async () => {
  await s?.close();
});

/** No console errors and no request beyond the page's own files. */
function assertClean(t: Tracked): void {
  assert.deepEqual(t.errors, [], 'console errors');
  const foreign = t.requests.filter((u) => !u.startsWith(s.base) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'requests beyond the page');
}

const number = (text: string): number => Number(text.trim().replace(/−/g, '-').split(' ')[0]);

async function typeExpr(t: Tracked, text: string): Promise<void> {
  await t.page.fill('#expr', text);
}

describe('the web workbench', () => {
  it('differentiates the seed expression as it is typed', async () => {
    const t = await s.newPage();
    await typeExpr(t, 'ln x + x²y − sin xy');
    await t.page.waitForSelector('.result code.unicode');
    assert.equal(await t.page.textContent('#read-as'), 'ln(x) + x^2 * y - sin(x * y)');
    assert.equal(await t.page.textContent('.result code.unicode'), '1/x + 2xy − y cos(xy)');
    // the steps name their rules and end in the same answer
    const steps = await t.page.locator('.steps li').allTextContents();
    assert.ok(steps.some((x) => x.includes('[chain rule]')));
    assert.ok(steps.at(-1)!.includes('[simplify]'));
    assertClean(t);
    await t.context.close();
  });

  it('exports the expression and its gradient as PyTorch and ONNX files', async () => {
    const t = await s.newPage();
    await typeExpr(t, 'x²y');
    await t.page.waitForSelector('.result code.unicode');
    const [py] = await Promise.all([t.page.waitForEvent('download'), t.page.click('button[aria-label="download PyTorch"]')]);
    const pyText = readFileSync((await py.path())!, 'utf8');
    assert.match(pyText, /^def f\(\*, x, y\):$/m);
    const [onnx] = await Promise.all([t.page.waitForEvent('download'), t.page.click('button[aria-label="download ONNX"]')]);
    assert.ok(readFileSync((await onnx.path())!).length > 100);
    assertClean(t);
    await t.context.close();
  });

  it('shows a parse error with a caret under its position', async () => {
    const t = await s.newPage();
    await typeExpr(t, '2 + * x');
    await t.page.waitForSelector('#parse-error');
    assert.match((await t.page.textContent('#parse-error .message'))!, /expected an operand after '\+'/);
    assert.equal(await t.page.textContent('#parse-error mark'), '*');
    const caret = (await t.page.textContent('#parse-error pre'))!.split('\n');
    assert.equal(caret[0], '2 + * x');
    assert.equal(caret[1], '    ^');
    // fixing the input clears the error
    await typeExpr(t, '2 + x');
    await t.page.waitForSelector('#read-as');
    assert.equal(await t.page.locator('#parse-error').count(), 0);
    assertClean(t);
    await t.context.close();
  });

  it('checks my answer, right and wrong, and says how', async () => {
    const t = await s.newPage();
    await typeExpr(t, 'ln x + x²y − sin xy');
    await t.page.fill('#answer', '2xy + 1/x − y cos(yx)');
    await t.page.waitForSelector('#verdict .verdict');
    let v = (await t.page.textContent('#verdict'))!;
    assert.match(v, /Correct/);
    assert.match(v, /symbolically/);
    await t.page.fill('#answer', '1/x + 2xy − cos(xy)');
    await t.page.waitForFunction(() => document.querySelector('#verdict')?.textContent?.includes('Not equal'));
    // an identity the simplifier leaves alone is decided at points: d/dx sin 2x = 2 cos 2x = 2cos²x − 2sin²x
    await typeExpr(t, 'sin 2x');
    await t.page.fill('#answer', '2cos²x − 2sin²x');
    await t.page.waitForFunction(() => document.querySelector('#verdict')?.textContent?.includes('numerically'));
    v = (await t.page.textContent('#verdict'))!;
    assert.match(v, /Equal at all \d+ points/);
    assertClean(t);
    await t.context.close();
  });

  it('compares four methods at (2, 5) with the seed values', async () => {
    const t = await s.newPage();
    await t.page.click('button.example:has-text("ln x₁ + x₁x₂ − sin x₂")');
    await t.page.click('#tab-compare');
    await t.page.waitForSelector('#fourway');
    assert.equal(await t.page.inputValue('#at-x1'), '2');
    assert.equal(await t.page.inputValue('#at-x2'), '5');
    // f = ln 2 + 2·5 − sin 5, ∂f/∂x₁ = 1/x₁ + x₂ = 5.5, ∂f/∂x₂ = x₁ − cos x₂
    const ref = [11.652071455223084, 5.5, 1.7163378145367738];
    for (const m of ['symbolic', 'forward', 'reverse', 'numeric']) {
      const cells = await t.page.locator(`#fourway tr[data-method="${m}"] td.num`).allTextContents();
      const tol = m === 'numeric' ? 1e-7 : 1e-12;
      cells.forEach((c, i) => assert.ok(Math.abs(number(c) - ref[i]!) <= tol * Math.max(1, ref[i]!), `${m} column ${i}: ${c}`));
    }
    assert.match((await t.page.textContent('#check-verdict'))!, /all four agree/);
    assertClean(t);
    await t.context.close();
  });

  it('steps through the reverse sweep of σ(wx + b) at x = 1, w = 0, b = 0', async () => {
    const t = await s.newPage();
    await t.page.click('button.example:has-text("σ(wx + b)")');
    await t.page.click('#tab-graph');
    await t.page.waitForSelector('#graph-svg svg');
    const grad = async (): Promise<string> => (await t.page.textContent('#gradient-so-far'))!;
    assert.doesNotMatch(await grad(), /0\.25/);
    let clicks = 0;
    while (!/∂f\/∂w = 0\.25/.test(await grad()) || !/∂f\/∂b = 0\.25/.test(await grad())) {
      assert.ok(clicks++ < 20, 'the gradient never appeared');
      await t.page.click('#step');
    }
    // σ(0) = 1/2 and σ'(0) = 1/4: f = 0.5 and the adjoints of w and b are x·σ' = σ' = 0.25
    assert.match(await t.page.textContent('#frame-label') ?? '', /reverse sweep/);
    const current = await t.page.locator('#trace-table tr.current').count();
    assert.equal(current, 1);
    assert.ok((await t.page.locator('#graph-svg g.node.current').count()) >= 1, 'the graph highlights the node of this step');
    assertClean(t);
    await t.context.close();
  });

  for (const task of ['xor', 'moons']) {
    it(`trains ${task} to 100 % in the worker`, async () => {
      const t = await s.newPage({ hash: 'view=train' });
      await t.page.selectOption('#task', task);
      await t.page.click('#train');
      // the page answers while the worker trains
      const t0 = Date.now();
      await t.page.evaluate(() => 1);
      assert.ok(Date.now() - t0 < 1000);
      await t.page.waitForFunction(() => document.querySelector('#train-status')?.textContent?.includes('accuracy 100\u00a0%'), undefined, { timeout: 60_000 });
      // moons (ReLU, SGD, hinge + L2) trains on the WebAssembly kernels in the browser's worker; xor (tanh) on the JavaScript block tape
      assert.match((await t.page.textContent('#train-status')) ?? '', task === 'moons' ? /· WebAssembly SIMD, float64/ : /· block tape, JavaScript/);
      assert.equal(await t.page.locator('#nan-alarm').count(), 0);
      assert.ok((await t.page.locator('#plot-loss path').count()) > 0, 'a loss curve is drawn');
      assertClean(t);
      await t.context.close();
    });
  }

  it('restores the state from a link', async () => {
    const t = await s.newPage();
    await typeExpr(t, 'x³y');
    await t.page.selectOption('#wrt', 'y');
    await t.page.fill('#answer', 'x^3');
    await t.page.waitForSelector('#verdict .verdict.good');
    await t.page.click('#tab-compare');
    await t.page.fill('#at-x', '3');
    await t.page.press('#at-x', 'Enter');
    await t.page.fill('#at-y', '2');
    await t.page.press('#at-y', 'Enter');
    // both fields must be in the link before it is taken (each Enter updates the hash on its own)
    await t.page.waitForFunction(() => {
      const at = new URLSearchParams(location.hash.slice(1)).get('at') ?? '';
      return at.includes('x:3') && at.includes('y:2');
    });
    const url = t.page.url();
    assertClean(t);
    await t.context.close();

    const u = await s.newPage({ hash: url.split('#')[1]! });
    assert.equal(await u.page.inputValue('#expr'), 'x³y');
    assert.equal(await u.page.getAttribute('#tab-compare', 'aria-selected'), 'true');
    // f = x³y = 54 at (3, 2); ∂f/∂x = 3x²y = 54, ∂f/∂y = x³ = 27
    const cells = await u.page.locator('#fourway tr[data-method="reverse"] td.num').allTextContents();
    assert.deepEqual(cells.map(number), [54, 54, 27]);
    await u.page.click('#tab-derive');
    assert.equal(await u.page.inputValue('#answer'), 'x^3');
    assert.equal(await u.page.inputValue('#wrt'), 'y');
    assert.match((await u.page.textContent('#verdict'))!, /Correct/);
    assertClean(u);
    await u.context.close();
  });
});
