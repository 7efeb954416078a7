// Hostile names (issue 12): links whose layer ids are JavaScript property names or that TF.js
// refuses open, are renamed with a notice, show in the editor and train.
import lzString from 'lz-string';
import { openApp, assert, waitFor } from './harness.mjs';
import { run } from './pageDriver.mjs';

/** The default experiment of a fresh page, with its hidden layers' ids replaced by `names`. */
async function linkWithIds(browser, baseUrl, names) {
  const { context, page } = await openApp(browser, baseUrl);
  try {
    const exp = await page.evaluate(() => window.__gg.store.getState().experiment);
    const map = new Map();
    exp.network.nodes.forEach((n, i) => map.set(n.id, names[i] ?? n.id));
    exp.network.nodes = exp.network.nodes.map((n) => ({ ...n, id: map.get(n.id), inputs: n.inputs.map((x) => map.get(x)) }));
    return `#s=${lzString.compressToEncodedURIComponent(JSON.stringify({ e: exp }))}`;
  } finally {
    await context.close();
  }
}

async function opensRenamedAndTrains(browser, baseUrl, names, mustRename) {
  const hash = await linkWithIds(browser, baseUrl, names);
  const { context, page, errors } = await openApp(browser, baseUrl, { hash });
  try {
    const protoBefore = await page.evaluate(() => Object.getOwnPropertyNames(Object.prototype).length);
    const notice = await page.locator('[data-testid="notice"]').textContent();
    for (const name of mustRename) assert(notice.includes(name), `the notice names ${name}: ${notice}`);
    const ids = await page.evaluate(() => window.__gg.store.getState().experiment.network.nodes.map((n) => n.id));
    for (const name of mustRename) assert(!ids.includes(name), `${name} was renamed: ${ids}`);
    // The editor draws every layer (it used to throw in the layout and blank the page).
    await page.click('[data-testid="tab-graph"]');
    await page.locator('[data-testid="graph-canvas"]').waitFor({ timeout: 30_000 });
    await waitFor(async () => (await page.locator('.react-flow__node').count()) === ids.length, { message: 'every node drawn' });
    await page.click('[data-testid="tab-playground"]');
    await page.evaluate(() => window.__gg.store.getState().play());
    await waitFor(async () => (await run(page)).step > 20, { timeout: 30_000, message: 'training steps' });
    const r = await run(page);
    assert(r.status === 'running' && !r.problem, `trains without a problem: ${JSON.stringify(r)}`);
    assert(Number.isFinite(r.latest?.trainLoss), 'a finite loss');
    const protoAfter = await page.evaluate(() => [Object.getOwnPropertyNames(Object.prototype).length, ({}).x, ({}).polluted]);
    assert(protoAfter[0] === protoBefore && protoAfter[1] === undefined && protoAfter[2] === undefined, `Object.prototype unchanged: ${protoAfter}`);
    assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
  } finally {
    await context.close();
  }
}

export default [
  {
    name: 'a link with layers named constructor and __proto__ opens in the editor and trains',
    run: ({ browser, baseUrl }) => opensRenamedAndTrains(browser, baseUrl, [undefined, 'constructor', '__proto__'], ['constructor', '__proto__']),
  },
  {
    name: 'an old link with a layer named 卷积1 (and one with a space) is renamed and trains',
    run: ({ browser, baseUrl }) => opensRenamedAndTrains(browser, baseUrl, [undefined, '卷积1', 'hidden layer'], ['卷积1', 'hidden layer']),
  },
];
