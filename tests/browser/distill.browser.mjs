// Knowledge distillation (issue 16): a teacher trained on shapes, a small student taught by it.
import { openApp, assert, localeShots, waitFor } from './harness.mjs';
import { run, openToolTab } from './pageDriver.mjs';

const SHOTS = '/tmp/shots-distill';

const trainTo = async (page, steps) => {
  await page.click('[data-testid="play"]');
  await waitFor(async () => (await run(page)).step >= steps, { timeout: 90_000, message: `trains to step ${steps}` });
  await page.click('[data-testid="play"]');
  await waitFor(async () => (await run(page)).status === 'paused', { message: 'paused' });
};

const lossHistory = (page) =>
  page.evaluate(() => {
    const s = window.__gg.store.getState();
    return s.runs[s.activeRunId].history.map((h) => h.trainLoss);
  });

export default [
  {
    name: 'distill: a CNN on shapes kept as teacher, a small student trained with it: soft probabilities shown, loss finite and falling',
    timeout: 240_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await page.evaluate(() => window.__gg.store.getState().apply({ type: 'dataset', patch: { kind: 'shapes', numPoints: 400 } }));
        await page.locator('[data-testid="image-lab"]').waitFor({ timeout: 30_000 });
        await waitFor(async () => (await run(page)).status === 'paused', { timeout: 60_000, message: 'the CNN is built' });
        await trainTo(page, 40);
        await openToolTab(page, 'distill');
        await page.click('[data-testid="distill-capture"]');
        await page.locator('[data-testid="distill-teacher-info"]').waitFor();
        // The teacher's probabilities for the probe image, beside the true class, before the student exists.
        await page.locator('[data-testid="distill-probs"]').waitFor({ timeout: 30_000 });
        await page.click('[data-testid="distill-student"]');
        await waitFor(async () => {
          const r = await run(page);
          return r.status === 'paused' && r.step === 0 && (await page.evaluate(() => window.__gg.store.getState().experiment.network.nodes.every((n) => n.type !== 'Conv2D')));
        }, { message: 'the student MLP is built' });
        await page.click('[data-testid="distill-enabled"]');
        await waitFor(() => page.evaluate(() => window.__gg.store.getState().experiment.training.distillation.enabled), { message: 'distillation on' });
        assert((await page.locator('[data-testid="distill-notice"]').count()) === 0, 'no notice: the teacher fits the student');
        await trainTo(page, 60);
        const losses = await lossHistory(page);
        assert(losses.length >= 2 && losses.every(Number.isFinite), `losses ${losses}`);
        assert(losses[losses.length - 1] < losses[0], `the loss falls: ${losses[0]} → ${losses[losses.length - 1]}`);
        // The table follows the student now: softened teacher bars sum to 100 %.
        const at = (await run(page)).step;
        await waitFor(async () => (await page.locator('[data-testid="distill-probs"] caption').textContent()).includes(`step ${at} `), { message: `the probe at the student’s step ${at}` });
        const soft = await page.locator('[data-testid="distill-teacher-soft"]').allTextContents();
        const sum = soft.reduce((a, s) => a + parseFloat(s), 0);
        assert(soft.length === 4 && Math.abs(sum - 100) < 0.5, `teacher soft ${soft}`);
        assert(/Test accuracy \d/.test(await page.locator('[data-testid="distill-teacher-info"]').textContent()), 'teacher accuracy shown');
        await localeShots(page, SHOTS, 'distill', page.locator('[data-testid="tool-distill"]'));
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
