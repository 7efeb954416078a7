import { assert, openApp, screenshot, waitFor } from './harness.mjs';
import { apply, run } from './pageDriver.mjs';

// Circle, the default network, stopped after 10 epochs (250 steps): test loss 0.173 there in Node
// (CPU), so the goal `testLoss < 0.3` is met within seconds of training.
const EPOCHS = 10;

export default [
  {
    name: 'challenge: a teacher sets one in the Share dialog, the student’s card reports met, the hand-in re-runs to confirmed',
    async run({ browser, baseUrl }) {
      // The teacher: stop after 10 epochs, a challenge typed into the Share dialog.
      const teacher = await openApp(browser, baseUrl);
      let link;
      try {
        const { page } = teacher;
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'engine ready', timeout: 60_000 });
        await apply(page, { type: 'stopRule', patch: { epochs: EPOCHS } });
        await page.click('[data-testid="share"]');
        await page.fill('[data-testid="challenge-title"]', 'Circle below 0.3');
        await page.fill('[data-testid="challenge-goal-input"]', 'testLoss <');
        await waitFor(async () => /does not parse/.test(await page.textContent('[data-testid="challenge-goal-status"]')), { message: 'a parse error is shown' });
        await page.fill('[data-testid="challenge-goal-input"]', 'testLoss < 0.3');
        await page.fill('[data-testid="challenge-constraints-input"]', "neurons <= 8\ndataset == 'circle'");
        await page.click('[data-testid="challenge-apply"]');
        await page.locator('[data-testid="challenge-in-link"]').waitFor();
        link = await page.locator('[data-testid="share-url"]').inputValue();
        assert(teacher.errors.length === 0, `console errors:\n  ${teacher.errors.join('\n  ')}`);
      } finally {
        await teacher.context.close();
      }

      // The student opens the link, trains; the run stops at epoch 10 and the card says met.
      const student = await openApp(browser, baseUrl, { path: link.slice(link.indexOf('/', 8)) });
      let handInLink;
      try {
        const { page } = student;
        const card = page.locator('[data-testid="challenge-card"]');
        await card.waitFor();
        assert((await card.getAttribute('data-met')) === 'false', 'not met before training');
        assert((await page.locator('[data-testid="challenge-constraint"][data-holds="true"]').count()) === 2, 'both constraints hold on the setup');
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'engine ready', timeout: 60_000 });
        await page.click('[data-testid="play"]');
        await waitFor(async () => {
          const r = await run(page);
          return r.status === 'paused' && r.epoch === EPOCHS;
        }, { message: `stopped at epoch ${EPOCHS}`, timeout: 60_000 });
        await waitFor(async () => (await card.getAttribute('data-met')) === 'true', { message: 'the card reports met' });
        const state = await page.textContent('[data-testid="challenge-state"]');
        assert(/^Met at step \d+ \(epoch \d+\)$/.test(state), `met with its step: ${state}`);
        await page.click('[data-testid="challenge-handin"]');
        handInLink = await page.locator('[data-testid="handin-url"]').inputValue();
        assert(handInLink.includes('#handin='), `a hand-in link: ${handInLink.slice(0, 80)}`);
        assert(student.errors.length === 0, `console errors:\n  ${student.errors.join('\n  ')}`);
      } finally {
        await student.context.close();
      }

      // The teacher opens the hand-in and re-runs it.
      const check = await openApp(browser, baseUrl, { path: handInLink.slice(handInLink.indexOf('/', 8)) });
      try {
        const { page } = check;
        const panel = page.locator('[data-testid="handin-panel"]');
        await panel.waitFor();
        assert(/step 250 · epoch 10/.test(await page.textContent('[data-testid="handin-claim"]')), 'the claim: step 250 at epoch 10');
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'engine ready', timeout: 60_000 });
        await page.click('[data-testid="handin-rerun"]');
        await waitFor(async () => ['confirmed', 'rejected'].includes(await panel.getAttribute('data-verdict')), { message: 're-run judged', timeout: 90_000 });
        const verdict = await page.textContent('[data-testid="handin-verdict"]');
        assert((await panel.getAttribute('data-verdict')) === 'confirmed', `confirmed: ${verdict}`);
        assert(/Confirmed: the re-run reached .*test loss .* at step 250/.test(verdict), `the verdict names the numbers: ${verdict}`);
        await screenshot(page, 'challenge-confirmed');
        assert(check.errors.length === 0, `console errors:\n  ${check.errors.join('\n  ')}`);
      } finally {
        await check.context.close();
      }

      // A hand-in link cut short: a clear message, and the page opens on the saved work.
      const cut = handInLink.slice(0, handInLink.length - 40);
      const bad = await openApp(browser, baseUrl, { path: cut.slice(cut.indexOf('/', 8)) });
      try {
        const { page } = bad;
        await waitFor(async () => /This hand-in could not be opened/.test((await page.textContent('body')) ?? ''), { message: 'the bad hand-in is reported' });
        assert((await page.locator('[data-testid="handin-panel"]').count()) === 0, 'no hand-in panel');
      } finally {
        await bad.context.close();
      }
    },
  },
];
