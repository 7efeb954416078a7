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
];
