import { assert, openApp, screenshot, waitFor } from './harness.mjs';
import { experiment, run } from './pageDriver.mjs';

const tid = (id) => `[data-testid="${id}"]`;

export default [
  {
    name: 'backprop step-through: forward, backward with finite nonzero gradients, the update moves w by −η·∂L/∂w, and back',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await waitFor(async () => (await run(page)).latest, { message: 'first snapshot', timeout: 60_000 });
        // Train a little, then pause.
        await page.click(tid('play'));
        await waitFor(async () => (await run(page)).step >= 40, { message: 'trained 40 steps', timeout: 60_000 });
        await page.click(tid('play'));
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'paused' });

        await page.click(tid('bp-open'));
        await page.locator('[data-tour="backprop"]').waitFor();
        assert((await page.locator(tid('network-diagram')).count()) === 0, 'the step-through replaces the diagram');
        assert((await page.locator(tid('boundary-marker')).count()) === 1, 'the example is ringed on the output plot');
        assert((await page.textContent(tid('bp-counter'))).startsWith('Step 1 of 17'), await page.textContent(tid('bp-counter')));

        // Forward: the second step is hidden layer 1, neuron 1, highlighted.
        await page.click(tid('bp-next'));
        assert((await page.getAttribute(tid('bp-neuron-1-0'), 'data-current')) === 'true', 'current neuron highlighted');
        const z = await page.textContent(tid('bp-z'));
        assert(/^z = .+ = [−\d]/.test(z), `weighted sum shown: ${z}`);

        // Backward: the first backward step (the output neuron), then the one after.
        await page.click(tid('bp-phase-backward'));
        await page.click(tid('bp-next'));
        const grads = JSON.parse(await page.getAttribute(`${tid('bp-grads')} table`, 'data-values'));
        assert(grads.length > 0 && grads.every(Number.isFinite), `finite gradients ${grads}`);
        assert(grads.some((g) => g !== 0), `some gradient nonzero ${grads}`);
        const shown = await page.locator(`${tid('bp-grads')} tbody td:nth-child(3)`).allTextContents();
        assert(shown.length === grads.length && shown.every((s) => /^[−\d]/.test(s) && s !== '0'), `gradients printed: ${shown}`);

        // ArrowLeft steps back.
        const before = await page.textContent(tid('bp-counter'));
        await page.locator(tid('backprop')).press('ArrowLeft');
        assert((await page.textContent(tid('bp-counter'))) !== before, 'ArrowLeft went back a step');

        // Update: w′ = w − η·∂L/∂w, η the Experiment's learning rate.
        await page.click(tid('bp-phase-update'));
        const u = page.locator(tid('bp-update'));
        const w = Number(await u.getAttribute('data-w'));
        const g = Number(await u.getAttribute('data-grad'));
        const lr = Number(await u.getAttribute('data-lr'));
        const next = Number(await u.getAttribute('data-new'));
        assert(lr === JSON.parse(await experiment(page)).training.learningRate, `η is the learning rate (${lr})`);
        assert(g !== 0 && Number.isFinite(g), `a nonzero gradient ${g}`);
        assert(Math.abs(next - (w - lr * g)) < 1e-12, `w′ ${next} = ${w} − ${lr}·${g}`);
        assert(next !== w, 'the weight changed');
        await screenshot(page, 'backprop-update');

        // Leave: the playground is back, training still paused.
        await page.click(tid('bp-leave'));
        await page.locator(tid('network-diagram')).waitFor();
        assert((await page.locator(tid('boundary-marker')).count()) === 0, 'no marker after leaving');
        assert((await run(page)).status === 'paused', 'still paused');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
