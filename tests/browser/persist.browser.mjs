import { readFile } from 'node:fs/promises';
import { assert, screenshot, waitFor } from './harness.mjs';

// Nothing lost (issue 12): autosave that cannot write says so once and offers a file; two tabs on
// the same saved work find each other and neither overwrites the other's work silently.

/** A page of the app in `context`, with console errors and page errors collected. */
async function openPage(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => msg.type() === 'error' && !msg.worker() && errors.push(`console: ${msg.text()}`));
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.stack || err.message}`));
  await page.goto(url);
  await page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached', timeout: 60_000 });
  return { page, errors };
}

const editSeed = (page, seed) => page.evaluate((seed) => window.__gg.store.getState().apply({ type: 'seed', seed }), seed);
const storedWork = (page) => page.evaluate(() => localStorage.getItem('gradient-garden:work'));
const notice = (page) => page.locator('[data-testid="save-notice"]');
const noticeKind = (page) => page.evaluate(() => document.querySelector('[data-testid="save-notice"]')?.getAttribute('data-kind') ?? null);

export default [
  {
    name: 'autosave: a full quota is said once, in both languages, and the work can be saved as a file',
    async run({ browser, baseUrl }) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US', acceptDownloads: true });
      try {
        // Every write to local storage fails as a full quota does.
        await context.addInitScript(() => {
          Storage.prototype.setItem = function () {
            throw new DOMException("Failed to execute 'setItem' on 'Storage': Setting the value exceeded the quota.", 'QuotaExceededError');
          };
        });
        const { page, errors } = await openPage(context, `${baseUrl}/`);
        assert((await notice(page).count()) === 0, 'no notice before anything needs saving');
        await editSeed(page, 5);
        await notice(page).waitFor({ timeout: 10_000 });
        assert((await noticeKind(page)) === 'saveFailed', `the notice says saving failed: ${await noticeKind(page)}`);
        const text = await notice(page).innerText();
        assert(text.includes('storage for Gradient Garden is full'), `the notice says why: ${text}`);
        // Said once: more failing edits keep the same element (no new announcement per edit).
        await page.evaluate(() => document.querySelector('[data-testid="save-notice"]').setAttribute('data-seen', '1'));
        for (const seed of [6, 7, 8]) {
          await editSeed(page, seed);
          await page.waitForTimeout(350);
        }
        assert((await page.locator('[data-testid="save-notice"][data-seen="1"]').count()) === 1, 'still the one notice after more failed saves');
        await screenshot(page, 'persist-quota-en');
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="save-file"]')]);
        assert(download.suggestedFilename() === 'gradient-garden-experiment.json', `file name ${download.suggestedFilename()}`);
        const file = JSON.parse(await readFile(await download.path(), 'utf8'));
        assert(file.seed === 8 && file.version >= 1, `the file holds the current experiment: ${JSON.stringify({ seed: file.seed, version: file.version })}`);
        await page.selectOption('[data-testid="language"]', 'zh-CN');
        await waitFor(async () => (await notice(page).innerText()).includes('存储空间已满'), { timeout: 5_000, message: 'the notice in Chinese' });
        await screenshot(page, 'persist-quota-zh');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'autosave: a second tab on the same work is detected, the first is told and stops overwriting',
    async run({ browser, baseUrl }) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
      try {
        const first = await openPage(context, `${baseUrl}/`);
        await editSeed(first.page, 21);
        await waitFor(async () => (await storedWork(first.page)) !== null, { timeout: 10_000, message: 'the first tab saved' });
        const savedByFirst = await storedWork(first.page);

        const second = await openPage(context, `${baseUrl}/`);
        assert((await second.page.evaluate(() => window.__gg.store.getState().experiment.seed)) === 21, 'the second tab opened the saved work');
        await waitFor(async () => (await noticeKind(first.page)) === 'paused', { timeout: 10_000, message: 'the first tab is told' });
        await waitFor(async () => (await noticeKind(second.page)) === 'tookOver', { timeout: 10_000, message: 'the second tab knows it took over' });
        const told = await notice(first.page).innerText();
        assert(told.includes('also open in another tab') && told.includes('stopped saving'), `the first tab's notice: ${told}`);
        await screenshot(first.page, 'persist-two-tabs-first-en');

        // The first tab's edits no longer reach storage; the second tab's do.
        await editSeed(first.page, 22);
        await first.page.waitForTimeout(500);
        assert((await storedWork(first.page)) === savedByFirst, 'the first tab did not overwrite');
        await editSeed(second.page, 23);
        await waitFor(async () => (await storedWork(first.page)) !== savedByFirst, { timeout: 10_000, message: 'the second tab saved' });
        await first.page.locator('[data-testid="load-other"]').waitFor({ timeout: 10_000 });
        await first.page.evaluate(() => window.__gg.store.getState().setLocale('zh-CN'));
        await screenshot(first.page, 'persist-two-tabs-first-zh');
        await first.page.evaluate(() => window.__gg.store.getState().setLocale('en'));

        // The second tab closes: it releases the work, and the first is told it may choose now.
        await second.page.close({ runBeforeUnload: true });
        await waitFor(async () => (await notice(first.page).innerText()).includes('was closed'), { timeout: 10_000, message: 'the first tab hears the other closed' });
        await first.page.click('[data-testid="keep-this"]');
        await waitFor(async () => (await noticeKind(first.page)) === null, { timeout: 5_000, message: 'the notice goes once a version is chosen' });
        const work = await storedWork(first.page);
        assert(work !== savedByFirst, 'the first tab saved its own version');
        assert((await first.page.evaluate(() => window.__gg.store.getState().experiment.seed)) === 22, 'the first tab kept its own edit');
        assert(first.errors.length === 0 && second.errors.length === 0, `console errors:\n  ${[...first.errors, ...second.errors].join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
