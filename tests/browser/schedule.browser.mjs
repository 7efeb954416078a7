// Learning-rate schedules (issue 15): a cosine schedule draws its curve and the live rate falls.
import { openApp, assert, waitFor } from './harness.mjs';
import { run } from './pageDriver.mjs';

const rate = (page) => page.evaluate(() => {
  const s = window.__gg.store.getState();
  return s.runs[s.activeRunId].learningRate;
});

export default [
  {
    name: 'a cosine schedule shows its curve, and the live learning rate falls as the epochs pass',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
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
        const shown = await page.locator('[data-testid="schedule-rate"]').textContent();
        assert(Math.abs(Number(shown.replace('−', '-')) - (await rate(page))) / (await rate(page)) < 0.01, `the rate shown (${shown}) is the engine's`);
        assert(await page.locator('[data-testid="schedule-now"]').count(), 'the current epoch is marked on the curve');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
