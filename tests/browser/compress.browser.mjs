// Pruning and quantization (issue 16) on a network trained in the page, from the tools panel.
// COMPRESS_SHOTS=<dir> also saves screenshots (en and zh-CN, 1440×900 and 1280×720).
import { readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { openApp, assert, waitFor } from './harness.mjs';
import { run, openToolTab } from './pageDriver.mjs';

const SHOTS = process.env.COMPRESS_SHOTS ?? '';

/** LeNet-5 on 400 shapes on the CPU backend, trained a few steps and paused. */
async function trainSmallCnn(page) {
  await page.evaluate(() => {
    const gg = window.__gg;
    gg.store.getState().setBackendPref('cpu');
    gg.openTemplate('lenet5');
    gg.store.getState().apply({ type: 'dataset', patch: { kind: 'shapes', numPoints: 400 } });
  });
  await page.locator('[data-testid="image-lab"]').waitFor({ timeout: 30_000 });
  await waitFor(async () => (await run(page)).status === 'paused', { timeout: 60_000, message: 'LeNet-5 built on shapes' });
  await page.click('[data-testid="play"]');
  await waitFor(async () => (await run(page)).step >= 25, { timeout: 90_000, message: 'trains 25 steps' });
  await page.click('[data-testid="play"]');
  await waitFor(async () => (await run(page)).status === 'paused', { message: 'paused' });
}

const rowOf = (page, method) =>
  page.evaluate((m) => {
    const tr = document.querySelector(`[data-testid="compress-table"] tr[data-method="${m}"]`);
    if (!tr) return null;
    const cell = (c) => tr.querySelector(`[data-col="${c}"]`);
    return { accuracy: cell('accuracy').textContent, bytes: cell('bytes').textContent, ratio: Number(cell('ratio').dataset.ratio), time: cell('time').textContent };
  }, method);

/** Measure on the whole test set with the Test set tab; its accuracy cell, once this request is answered. */
async function testSetAccuracy(page) {
  await page.click('[data-testid="tool-tab-testSet"]');
  const before = await page.evaluate(() => window.__gg.store.getState().tools.testAccuracy?.requestId ?? 0);
  await page.click('[data-testid="tool-testSet-run"]');
  await waitFor(async () => page.evaluate((b) => {
    const t = window.__gg.store.getState().tools.testAccuracy;
    return t && t.requestId > b && t.status === 'ready';
  }, before), { timeout: 60_000, message: 'the test set measured' });
  const cells = await page.locator('[data-testid="tool-testSet-result"] tbody td').allTextContents();
  await page.click('[data-testid="tool-tab-compress"]');
  return cells[2];
}

const waitDone = (page) =>
  waitFor(async () => page.evaluate(() => window.__gg.store.getState().tools.compress?.status === 'ready'), { timeout: 120_000, message: 'the compress tool answers' });

async function shoot(page, name) {
  if (!SHOTS) return;
  await mkdir(SHOTS, { recursive: true });
  await page.locator('[data-testid="tools-panel"]').scrollIntoViewIfNeeded();
  for (const [w, h] of [
    [1440, 900],
    [1280, 720],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await page.locator('[data-testid="compress-table"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/${name}-${w}x${h}.png` });
  }
  await page.setViewportSize({ width: 1400, height: 900 });
}

export default [
  {
    name: 'compress: int8 at about a quarter of the bytes, 80 % pruning per layer, restore brings the original accuracy back, the download reopens',
    timeout: 400_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await trainSmallCnn(page);
        await openToolTab(page, 'compress');
        await page.click('[data-testid="compress-run"]');
        await waitDone(page);
        const original = await rowOf(page, 'float32');
        const int8 = await rowOf(page, 'int8');
        assert(original && int8, 'the table has the original and int8 rows');
        assert(int8.ratio > 0.2 && int8.ratio <= 0.27, `int8 size ratio ${int8.ratio}`);
        assert(/\d+\.\d %/.test(int8.accuracy) && /ms$/.test(int8.time), `int8 row ${JSON.stringify(int8)}`);
        const levels = Number(await page.locator('[data-testid="compress-levels"]').getAttribute('data-count'));
        assert(levels > 100, `the histogram shows the channel's int8 levels (${levels})`);
        await shoot(page, 'compress-int8-en');

        // The download reopens: same bytes of weights, and the network takes them.
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="compress-download"]')]);
        const file = await readFile(await download.path());
        assert(file.subarray(0, 4).toString() === 'GGC1', 'a .ggc file');

        await page.selectOption('[data-testid="compress-method"]', { index: 2 });
        await page.selectOption('[data-testid="compress-scope"]', { index: 1 });
        await page.click('[data-testid="compress-run"]');
        await waitDone(page);
        await waitFor(async () => (await rowOf(page, 'prune')) !== null, { message: 'a pruning row' });
        const sparsities = await page.locator('[data-testid="compress-layers"] [data-col="sparsity"]').allTextContents();
        assert(sparsities.length === 5, `five kernels: ${sparsities}`);
        for (const s of sparsities) assert(Math.abs(parseFloat(s) - 80) < 0.2, `per-layer sparsity ${s}`);
        const pruned = await rowOf(page, 'prune');
        assert(pruned.ratio < 0.3, `pruned size ratio ${pruned.ratio}`);
        if (SHOTS) {
          await page.evaluate(() => window.__gg.store.getState().setLocale('zh-CN'));
          await shoot(page, 'compress-prune-zh');
          await page.evaluate(() => window.__gg.store.getState().setLocale('en'));
          await shoot(page, 'compress-prune-en');
        }

        // Restore: the whole test set measured again gives the original's accuracy.
        await page.click('[data-testid="compress-restore"]');
        await waitDone(page);
        await waitFor(async () => /original/.test(await page.locator('[data-testid="compress-now"]').textContent()), { message: 'restored' });
        const restored = await testSetAccuracy(page);
        assert(restored === original.accuracy, `restored accuracy ${restored} vs the original's ${original.accuracy}`);

        // Open the int8 file: the weights are written (a notice says so) and the test set agrees with its row.
        await page.setInputFiles('[data-testid="compress-file"]', { name: 'model.ggc', mimeType: 'application/octet-stream', buffer: file });
        await waitFor(async () => page.evaluate(() => window.__gg.store.getState().notice?.key === 'notice.weightsLoaded'), { message: 'the weights of the file written' });
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'paused after loading' });
        const reopened = await testSetAccuracy(page);
        assert(reopened === int8.accuracy, `the reopened int8 model's accuracy ${reopened} vs its row's ${int8.accuracy}`);
        // A file that is not one is refused with a reason, and nothing else changes.
        await page.setInputFiles('[data-testid="compress-file"]', { name: 'bad.ggc', mimeType: 'application/octet-stream', buffer: Buffer.from('not a model') });
        await waitFor(async () => page.evaluate(() => window.__gg.store.getState().notice?.key === 'compress.file.bad'), { message: 'the bad-file notice' });
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
