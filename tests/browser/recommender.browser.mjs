// Recommenders (issue 16): matrix factorisation on the seeded ratings, trained live in the ratings lab.
// REC_SHOTS=<dir> also saves screenshots (en and zh-CN, 1440×900 and 1280×720).
import { openApp, assert, localeShots, waitFor } from './harness.mjs';
import { run } from './pageDriver.mjs';

const SHOTS = process.env.REC_SHOTS ?? '';

/** Open the matrix factorisation template on the CPU backend, train to the end of epoch `epochs` (the stop rule) and wait there. */
async function trainMf(page, epochs) {
  await page.evaluate((n) => {
    const gg = window.__gg;
    gg.store.getState().setBackendPref('cpu');
    gg.openTemplate('matrixFactorization');
    gg.store.getState().apply({ type: 'stopRule', patch: { epochs: n } });
  }, epochs);
  await page.locator('[data-testid="ratings-lab"]').waitFor({ timeout: 30_000 });
  await waitFor(async () => (await run(page)).status === 'paused', { timeout: 60_000, message: 'the recommender is built' });
  await page.click('[data-testid="play"]');
  await waitFor(async () => {
    const r = await run(page);
    return r.status === 'paused' && r.epoch >= epochs;
  }, { timeout: 60_000, message: `trains ${epochs} epochs` });
}

const number = async (page, id) => Number(await page.locator(`[data-testid="${id}"]`).textContent());

export default [
  {
    name: 'recommender: matrix factorisation trained live beats the item-mean baseline on held-out ratings; the item map groups the cuisines',
    timeout: 120_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        const t0 = Date.now();
        await trainMf(page, 8);
        const trained = Date.now() - t0;
        // The view shows the probe of the paused weights: the engine's test loss is the MSE of the
        // same held-out ratings (a probe taken a few steps before the stop may show first).
        let shown = { rmse: 0, testLoss: NaN };
        await waitFor(async () => {
          shown = { rmse: await number(page, 'rec-rmse'), testLoss: (await run(page)).latest.testLoss };
          return shown.rmse > 0 && Math.abs(Math.sqrt(shown.testLoss) - shown.rmse) < 2e-3;
        }, { timeout: 15_000, message: 'the shown RMSE agrees with √(test loss) of the paused weights' });
        const rmse = shown.rmse;
        const baseline = await number(page, 'rec-baseline');
        assert(rmse < baseline, `held-out RMSE ${rmse} below the baseline ${baseline}`);
        const dots = await page.locator('[data-testid="rec-item-dot"]').count();
        assert(dots === 40, `40 dishes on the map, found ${dots}`);
        const agreement = await page.locator('[data-testid="rec-agreement"]').textContent();
        const pct = Number(/(\d+)\s*%/.exec(agreement)?.[1]);
        assert(pct >= 60, `same-cuisine nearest neighbours ${pct} % (chance 23 %)`);
        const scatterDots = await page.locator('[data-testid="rec-scatter"] circle').count();
        assert(scatterDots > 100, `held-out ratings on the scatter: ${scatterDots}`);
        assert((await page.locator('[data-testid="rec-top"] li').count()) === 5, 'five recommendations for the user');
        console.log(`    trained 8 epochs in ${trained} ms: RMSE ${rmse} vs baseline ${baseline}, agreement ${pct} %`);
        if (SHOTS) {
          await localeShots(page, SHOTS, 'rec', page.locator('[data-testid="ratings-lab"]'), { fullPage: true });
        }
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
