// Adversarial examples (issue 16) on a small CNN trained a few steps on shapes, from the tools panel.
// With SHOTS_DIR set, the test also saves the tab in English and Chinese at 1440×900 and 1280×720.
import { openApp, assert, localeShots, waitFor } from './harness.mjs';
import { run, openToolTab } from './pageDriver.mjs';

/** How many distinct colours a canvas holds (a blank one has 1). */
const colours = (page, i) =>
  page.evaluate((k) => {
    const c = document.querySelectorAll('[data-testid="adv-canvas"]')[k];
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let j = 0; j < d.length; j += 4) seen.add((d[j] << 16) | (d[j + 1] << 8) | d[j + 2]);
    return seen.size;
  }, i);

export default [
  {
    name: 'adversarial: FGSM on the probe image draws original, perturbation and adversarial with both predictions; accuracy falls with ε',
    timeout: 240_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await page.evaluate(() => {
          const s = window.__gg.store.getState();
          s.apply({ type: 'dataset', patch: { kind: 'shapes', numPoints: 400 } });
          s.apply({ type: 'training', patch: { optimizer: 'adam', learningRate: 0.01 } });
          s.apply({ type: 'stopRule', patch: { epochs: 3 } });
        });
        await page.locator('[data-testid="image-lab"]').waitFor({ timeout: 30_000 });
        await page.click('[data-testid="play"]');
        await waitFor(async () => {
          const r = await run(page);
          return r.step > 20 && r.status === 'paused';
        }, { timeout: 120_000, message: 'the CNN trains 3 epochs and stops' });
        await openToolTab(page, 'adversarial');
        await page.locator('[data-testid="adv-run"]').waitFor();
        // ε starts at 0.2 (the slider's value): the test's ε.
        const eps = await page.locator('[data-testid="adv-eps"]').inputValue();
        assert(Number(eps) === 0.2, `ε ${eps}`);
        await page.click('[data-testid="adv-run"]');
        await page.locator('[data-testid="adv-images"]').waitFor({ timeout: 60_000 });
        assert((await page.locator('[data-testid="adv-canvas"]').count()) === 3, 'three canvases');
        for (let i = 0; i < 3; i++) {
          const n = await colours(page, i);
          assert(n > 2, `canvas ${i} has ${n} colour(s): blank`);
        }
        const before = await page.locator('[data-testid="adv-below-original"]').textContent();
        const after = await page.locator('[data-testid="adv-below-adversarial"]').textContent();
        assert(/ · \d+\.\d%$/.test(before) && / · \d+\.\d%$/.test(after), `predictions: "${before}" / "${after}"`);
        const change = await page.locator('[data-testid="adv-below-perturbation"]').textContent();
        const max = Number(/([\d.]+) \(ε = 0\.2\)/.exec(change)?.[1]);
        assert(max > 0 && max <= 0.2 + 1e-6, `largest change: ${change}`);

        await page.click('[data-testid="adv-curve-run"]');
        await page.locator('[data-testid="robustness-chart"]').waitFor({ timeout: 120_000 });
        const points = await page.evaluate(() => window.__gg.store.getState().tools.robustness.result.points);
        assert(points.length === 6 && points[0].eps === 0, JSON.stringify(points));
        assert(points[5].accuracy <= points[0].accuracy, `accuracy at ε=${points[5].eps} ${points[5].accuracy} > clean ${points[0].accuracy}`);
        const rows = await page.locator('[data-testid="adv-table"] tbody tr').count();
        assert(rows === 1, `table rows ${rows}`);

        // Adversarial training is a setting in the Experiment (so a link carries it).
        await page.click('[data-testid="adv-train-on"]');
        const adv = await page.evaluate(() => window.__gg.store.getState().experiment.training.adversarial);
        assert(adv?.enabled === true && adv.method === 'fgsm', JSON.stringify(adv));

        const dir = process.env.SHOTS_DIR;
        if (dir) {
          await localeShots(page, dir, 'adv', page.locator('[data-testid="tool-adversarial"]'));
        }
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
