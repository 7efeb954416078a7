// Runs side by side (issue 15): pin a run, change the optimizer, start again from the same initial
// weights, and see both runs overlaid with a legend that names the difference; a reload keeps it.
import { mkdir } from 'node:fs/promises';
import { openApp, assert, waitFor } from './harness.mjs';
import { run } from './pageDriver.mjs';

const SHOTS = process.env.PIN_SHOTS_DIR ?? '';

/** The first history point at step 0 of the current run, and of the (first) pinned run. */
const firstLosses = (page) =>
  page.evaluate(() => {
    const s = window.__gg.store.getState();
    const r = s.runs[s.activeRunId];
    const cur = r.history.find((p) => p.step === 0) ?? null;
    const pin = s.pinned[0]?.points.find((p) => p.epoch === 0) ?? null;
    return { current: cur && cur.testLoss, pinned: pin && pin.testLoss };
  });

async function trainUntil(page, epochs) {
  await page.click('[data-testid="play"]');
  await waitFor(async () => (await run(page)).epoch >= epochs, { timeout: 60_000, message: `${epochs} epochs` });
  await page.click('[data-testid="play"]');
  await waitFor(async () => (await run(page)).status === 'paused', { message: 'paused' });
}

export default [
  {
    name: 'pinned runs: train, pin, change the optimizer, same start, train: two runs overlaid; a reload keeps the pinned run',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await trainUntil(page, 3);
        await page.click('[data-testid="pin-run"]');
        await page.locator('[data-testid="pinned-run"]').waitFor();
        await page.selectOption('[data-testid="optimizer"]', { label: 'Adam' });
        await page.click('[data-testid="same-start"]');
        await waitFor(async () => (await run(page)).step === 0, { message: 'the run is back at step 0' });
        await trainUntil(page, 2);
        const paths = await page.$$eval('[data-testid="loss-chart"] path[data-testid="loss-train"], [data-testid="loss-chart"] path[data-testid="loss-pinned-train"]', (ps) =>
          ps.map((p) => ({ id: p.dataset.testid, d: p.getAttribute('d') ?? '' })),
        );
        assert(paths.length === 2 && paths.every((p) => /^M[\d.]+,[\d.]+L/.test(p.d)), `two drawn loss paths: ${JSON.stringify(paths).slice(0, 300)}`);
        const diff = await page.locator('[data-testid="pinned-diff"]').textContent();
        assert(diff.includes('optimizer: SGD → Adam'), `the legend names the difference: ${diff}`);
        // Same start: the new run's loss at step 0 is the pinned run's, to the last digit.
        const first = await firstLosses(page);
        assert(first.current !== null && first.current === first.pinned, `the same first loss: ${JSON.stringify(first)}`);
        if (SHOTS) {
          await mkdir(SHOTS, { recursive: true });
          for (const [w, h] of [[1440, 900], [1280, 720]]) {
            await page.setViewportSize({ width: w, height: h });
            await page.locator('[data-testid="pinned-runs"]').scrollIntoViewIfNeeded();
            await page.screenshot({ path: `${SHOTS}/points-en-${w}x${h}.png` });
          }
        }
        // Autosaved (250 ms after the last change), then a reload.
        await waitFor(() => page.evaluate(() => (localStorage.getItem('gradient-garden:pinned') ?? '').includes('"run1"')), { message: 'pinned runs autosaved' });
        await page.reload();
        await page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached', timeout: 60_000 });
        await page.locator('[data-testid="pinned-run"]').waitFor();
        const d = await page.locator('[data-testid="loss-pinned-train"]').getAttribute('d');
        assert(/^M[\d.]+,[\d.]+L/.test(d ?? ''), `the pinned curve is drawn after the reload: ${d?.slice(0, 80)}`);
        assert((await page.locator('[data-testid="pinned-diff"]').textContent()).includes('optimizer: SGD → Adam'), 'the legend still names the difference');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
