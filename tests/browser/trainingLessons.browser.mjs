// What the training lessons read from the lab-local views, in the real app: the learner's own
// clicks (not Show me, which the lesson play-throughs cover) reach the store's labStatus.
import { assert, openApp, screenshot, waitFor } from './harness.mjs';
import { run } from './pageDriver.mjs';

const tid = (id) => `[data-testid="${id}"]`;
const labStatus = (page) => page.evaluate(() => JSON.parse(JSON.stringify(window.__gg.store.getState().labStatus)));

export default [
  {
    name: 'training lessons: the step-through and the race report what the learner does',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await waitFor(async () => (await run(page)).latest, { message: 'first snapshot', timeout: 60_000 });
        assert((await labStatus(page)).backprop.open === false, 'closed at first');
        await page.click(tid('bp-open'));
        await waitFor(async () => (await labStatus(page)).backprop.phase === 'example', { message: 'open on the example' });
        await page.click(tid('bp-next'));
        await waitFor(async () => (await labStatus(page)).backprop.phase === 'forward', { message: 'forward after Next' });
        await page.click(tid('bp-phase-update'));
        await waitFor(async () => (await labStatus(page)).backprop.phase === 'update', { message: 'update from its chip' });
        await page.click(tid('bp-leave'));
        await waitFor(async () => !(await labStatus(page)).backprop.open, { message: 'closed again' });

        assert((await labStatus(page)).race === null, 'no race before its tab');
        await page.getByRole('tab', { name: 'Optimizer race' }).click();
        await page.locator(tid('race-step')).waitFor({ timeout: 30_000 });
        await waitFor(async () => (await labStatus(page)).race?.surface === 'ravine', { message: 'the race reports its surface' });
        for (let i = 0; i < 3; i++) await page.click(tid('race-step'));
        const race = await labStatus(page);
        assert(race.race.step === 3, `three steps: ${JSON.stringify(race.race)}`);
        assert(Object.keys(race.race.losses).length === 7 && Object.values(race.race.losses).every((l) => Number.isFinite(l)), `seven finite losses: ${JSON.stringify(race.race.losses)}`);
        await page.locator(tid('race-surface')).selectOption('saddle');
        await waitFor(async () => {
          const r = (await labStatus(page)).race;
          return r.surface === 'saddle' && r.step === 0;
        }, { message: 'a new surface restarts the race' });
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } catch (err) {
        await screenshot(page, 'training-lessons-failed').catch(() => {});
        throw err;
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'training lessons: batch normalization pins the stuck run, and the run with BN from the same start is drawn over it',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl, { path: '/?lesson=batch-normalization&step=1' });
      const state = () =>
        page.evaluate(() => {
          const s = window.__gg.store.getState();
          const r = s.runs[s.activeRunId];
          return { seed: s.experiment.seed, pinned: s.pinned.map((p) => ({ seed: p.experiment.seed, bn: p.experiment.network.nodes.filter((n) => n.type === 'BatchNormalization').length, last: p.points[p.points.length - 1] })), bn: s.experiment.network.nodes.filter((n) => n.type === 'BatchNormalization').length, epoch: r.epoch, testLoss: r.latest?.testLoss ?? null };
        });
      const next = async (n) => {
        await page.locator(tid('lesson-next')).click();
        await page.locator(`${tid('lesson-panel')}[data-step="${n}"]`).waitFor();
      };
      const done = (what) => waitFor(async () => (await page.locator(tid('lesson-check')).getAttribute('data-done')) === 'true', { timeout: 90_000, interval: 250, message: what });
      try {
        await page.locator(tid('lesson-panel')).waitFor({ timeout: 30_000 });
        await page.locator(tid('backend-pref')).selectOption('cpu');
        await page.locator(tid('lesson-show-me')).click();
        await done('the sigmoid run trains 15 epochs without learning');
        await next(2);
        // The learner's own click on Pin run (not Show me).
        await page.locator(tid('pin-run')).click();
        await done('pinned');
        await next(3);
        await page.locator(tid('lesson-show-me')).click();
        await done('batch normalization added');
        await next(4);
        await page.locator(tid('lesson-show-me')).click();
        await done('the run with batch normalization beats the pinned one');
        const s = await state();
        assert(s.pinned.length === 1 && s.pinned[0].bn === 0 && s.bn === 5, `one pinned run without BN, five BN layers now: ${JSON.stringify(s)}`);
        assert(s.pinned[0].seed === s.seed, 'same start: the pinned run\'s seed');
        assert(s.pinned[0].last.testLoss > 0.9 && s.testLoss < 0.5, `pinned ${s.pinned[0].last.testLoss}, now ${s.testLoss}`);
        // Overlaid: the pinned curves are on the loss chart beside the current run's.
        const curves = await page.locator(tid('loss-pinned-test')).count();
        assert(curves >= 1, `the pinned test curve is drawn (${curves})`);
        assert(((await page.locator(tid('loss-pinned-test')).first().getAttribute('d')) ?? '').length > 20, 'the pinned curve has points');
        await screenshot(page, 'lesson-batch-normalization-overlaid');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } catch (err) {
        await screenshot(page, 'bn-lesson-failed').catch(() => {});
        throw err;
      } finally {
        await context.close();
      }
    },
  },
];
