// Learning-rate schedules (issue 15): a cosine schedule draws its curve and the live rate falls.
import { openApp, assert, waitFor } from './harness.mjs';
import { run, openMore } from './pageDriver.mjs';

const rate = (page) => page.evaluate(() => {
  const s = window.__gg.store.getState();
  return s.runs[s.activeRunId].learningRate;
});

export default [
  {
    name: 'early stopping stops a deliberately overfitting run, restores its best epoch and marks it on the chart',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        // Few noisy points, a big network: the validation loss turns up.
        await page.evaluate(() => {
          const s = window.__gg.store.getState();
          s.apply({ type: 'dataset', patch: { kind: 'gauss', numPoints: 120, noise: 50, trainRatio: 0.5 } });
          s.apply({ type: 'addLayer' });
          for (let i = 0; i < 3; i++) s.apply({ type: 'setUnits', index: i, units: 16 });
          s.apply({ type: 'training', patch: { learningRate: 0.1 } });
          s.apply({ type: 'seed', seed: 3 });
        });
        // Early stopping is folded under the training bar's "More…".
        await openMore(page);
        await page.click('[data-testid="early-stopping-on"]');
        await page.selectOption('[data-testid="early-stopping-patience"]', { label: '5 epochs' });
        await page.click('[data-testid="play"]');
        const notice = page.locator('[data-testid="notice"]').filter({ hasText: 'Early stopping at epoch' });
        await notice.waitFor({ timeout: 60_000 });
        const text = await notice.textContent();
        const [, stoppedAt, best] = text.match(/epoch (\d+).*since epoch (\d+)/) ?? [];
        assert(Number(stoppedAt) === Number(best) + 5, `stopped 5 epochs after the best: ${text}`);
        assert(/weights of epoch \d+ are back/.test(text), `the best epoch restored: ${text}`);
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'paused' });
        assert((await page.locator('[data-testid="play"]').getAttribute('aria-label')) === 'Train', 'the button says Train');
        assert(await page.locator('[data-testid="loss-val"]').count(), 'the validation curve is drawn');
        assert(await page.locator('[data-testid="loss-best"]').count(), 'the best epoch is marked');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'a cosine schedule shows its curve, and the live learning rate falls as the epochs pass',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await openMore(page);
        await page.selectOption('[data-testid="schedule-kind"]', { label: 'Cosine' });
        await page.selectOption('[data-testid="schedule-period"]', { label: '100 epochs' });
        const curve = page.locator('[data-testid="schedule-curve"] path');
        await curve.waitFor();
        const d = await curve.getAttribute('d');
        assert(d && d.split('L').length > 50, 'the curve is drawn');
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).epoch >= 3, { timeout: 30_000, message: '3 epochs' });
        const early = await rate(page);
        await waitFor(async () => (await run(page)).epoch >= 40, { timeout: 60_000, message: '40 epochs' });
        const late = await rate(page);
        await page.click('[data-testid="play"]');
        const base = await page.evaluate(() => window.__gg.store.getState().experiment.training.learningRate);
        assert(early < base && late < early * 0.8, `the rate falls: ${base} → ${early} → ${late}`);
        // Paused (a snapshot may still be on its way when the click lands), the rate shown is the engine's.
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'paused' });
        const matches = async () => {
          const shown = Number((await page.locator('[data-testid="schedule-rate"]').textContent()).replace('−', '-'));
          const engine = await rate(page);
          return Math.abs(shown - engine) / engine < 0.01;
        };
        await waitFor(matches, { timeout: 5000, message: "the rate shown is the engine's" });
        assert(await page.locator('[data-testid="schedule-now"]').count(), 'the current epoch is marked on the curve');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
