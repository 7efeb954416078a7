// The offline app (issue 14): after a first visit, the app, the playground and MNIST work with the
// network gone; a new version announces itself and waits for the learner's click.
import { readFileSync } from 'node:fs';
import { assert, screenshot, waitFor } from './harness.mjs';
import { overrides, ROOT } from './server.mjs';

const state = (page) =>
  page.evaluate(() => {
    const s = window.__gg.store.getState();
    const r = s.runs[s.activeRunId];
    return { status: r.status, step: r.step, epoch: r.epoch, problem: r.problem, nTrain: r.part.dataInfo?.nTrain ?? 0, modality: s.experiment.dataset?.kind ?? null };
  });

async function open(browser, baseUrl) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  await page.goto(baseUrl + '/');
  await page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached', timeout: 60_000 });
  return { context, page, errors };
}

/** Waits until a service worker is active and controls the page. */
const controlled = (page) =>
  waitFor(() => page.evaluate(async () => Boolean((await navigator.serviceWorker.ready).active && navigator.serviceWorker.controller)), {
    timeout: 60_000,
    message: 'service worker active and controlling the page',
  });

async function loadMnist(page) {
  await page.evaluate(() => window.__gg.openTemplate('lenet5'));
  await waitFor(async () => {
    const r = await state(page);
    return r.nTrain === 9000 && r.status === 'paused';
  }, { timeout: 120_000, message: 'MNIST loaded (9,000 training digits) and the network built on it' });
}

export default [
  {
    name: 'offline: after a first visit the app reloads, trains the playground and loads MNIST with the network gone',
    timeout: 300_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await open(browser, baseUrl);
      try {
        const sw = await page.request.get(baseUrl + '/sw.js');
        assert(sw.ok() && /javascript/.test(sw.headers()['content-type']), `sw.js served as JavaScript: ${sw.headers()['content-type']}`);
        const manifest = await page.evaluate(() => document.querySelector('link[rel="manifest"]')?.getAttribute('href'));
        assert(manifest === '/manifest.webmanifest', `manifest link: ${manifest}`);
        await controlled(page);
        await loadMnist(page); // the first (and only) MNIST download, kept by the worker
        const kept = await page.evaluate(async () => (await (await caches.open('gg-data')).keys()).map((r) => new URL(r.url).pathname));
        assert(kept.includes('/data/mnist.bin.gz'), `MNIST kept in the data cache: ${JSON.stringify(kept)}`);

        await context.setOffline(true);
        await page.reload();
        await page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached', timeout: 60_000 });
        assert(await page.evaluate(() => !navigator.onLine), 'the browser is offline');

        await page.evaluate(() => window.__gg.openTemplate('mlp'));
        await page.locator('[data-testid="boundary-canvas"]').waitFor({ timeout: 30_000 });
        await waitFor(async () => (await state(page)).status === 'paused', { timeout: 60_000, message: 'the playground is built' });
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await state(page)).epoch >= 5, { timeout: 60_000, message: 'the playground trains offline' });
        await page.click('[data-testid="play"]');
        await screenshot(page, 'offline-playground');

        await loadMnist(page);
        const r = await state(page);
        assert(!r.problem, `no problem: ${JSON.stringify(r.problem)}`);
        await screenshot(page, 'offline-mnist');
        assert(errors.length === 0, `page errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'offline: a new version is announced and applied only on the learner\'s click',
    timeout: 120_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await open(browser, baseUrl);
      try {
        await controlled(page);
        const first = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL);
        assert(await page.locator('[data-testid="update-notice"]').count() === 0, 'no notice before an update');

        // "Deploy" a new version: a different sw.js from the server, found by an update check.
        const original = readFileSync(`${ROOT}dist/sw.js`, 'utf8');
        overrides.set('/sw.js', { body: `${original}\n// a new version ${Date.now()}\n`, type: 'text/javascript' });
        try {
          await page.evaluate(() => window.__marker = 'still the same page');
          await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
          await page.locator('[data-testid="update-notice"]').waitFor({ timeout: 30_000 });
          const text = await page.textContent('[data-testid="update-notice"]');
          assert(text.includes('A new version is ready'), `notice text: ${text}`);
          await page.waitForTimeout(1000);
          assert(await page.evaluate(() => window.__marker) === 'still the same page', 'the open page was not reloaded by itself');
          await screenshot(page, 'offline-update-notice');

          await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.click('[data-testid="update-apply"]')]);
          await page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached', timeout: 60_000 });
          assert(await page.evaluate(() => window.__marker) === undefined, 'the page reloaded after the click');
          assert(await page.locator('[data-testid="update-notice"]').count() === 0, 'no notice after the update');
          const reg = await page.evaluate(async () => { const r = await navigator.serviceWorker.getRegistration(); return { waiting: Boolean(r.waiting), active: r.active?.state }; });
          assert(!reg.waiting && reg.active === 'activated', `the new version is active: ${JSON.stringify(reg)} (was ${first})`);
        } finally {
          overrides.delete('/sw.js');
        }
        assert(errors.length === 0, `page errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
