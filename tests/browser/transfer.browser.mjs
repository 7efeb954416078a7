// Transfer learning (issue 16): the pre-trained digit network, fine-tuned on a few shapes with its
// features frozen, from the tools panel's Transfer tab.
import { assert, openApp, screenshot, waitFor } from './harness.mjs';
import { openToolTab } from './pageDriver.mjs';

/** The run and the lab's kernel probe, through the store handle. */
const state = (page) =>
  page.evaluate(() => {
    const s = window.__gg.store.getState();
    const r = s.runs[s.activeRunId];
    const kernels = r.part?.images?.kernels ?? [];
    const sum = (a) => Array.from(a).reduce((x, v, i) => x + v * ((i % 7) + 1), 0);
    return {
      status: r.status,
      problem: r.problem ? JSON.stringify(r.problem) : null,
      step: r.step,
      dataset: s.experiment.dataset.kind,
      perClass: s.experiment.dataset.perClass ?? 0,
      frozen: s.experiment.network.nodes.filter((n) => n.trainable === false).map((n) => n.id),
      nTrain: r.part?.dataInfo?.nTrain ?? 0,
      testAcc: r.latest?.testAcc ?? null,
      kernels: Object.fromEntries(kernels.map((k) => [k.layerId, sum(k.kernel)])),
    };
  });

/** Every weight of the engine's network, by name (a checksum each). */
const weights = (page) =>
  page.evaluate(async () => {
    const w = await window.__gg.store.getState().saveWeights();
    return Object.fromEntries(w.tensors.map((t) => [t.name, Array.from(t.values).reduce((x, v, i) => x + v * ((i % 7) + 1), 0)]));
  });

export default [
  {
    name: 'transfer: load the pre-trained digit network, fine-tune on shapes with frozen features: frozen kernels stay, the head trains, the nodes show the badge',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await page.evaluate(() => window.__gg.store.getState().apply({ type: 'dataset', patch: { kind: 'shapes' } }));
        await page.locator('[data-testid="image-lab"]').waitFor({ timeout: 30_000 });
        await openToolTab(page, 'transfer');
        await page.click('[data-testid="transfer-load"]');
        // The digits download, the network builds, the file's weights go in: most digits right at once.
        await waitFor(
          async () => {
            const s = await state(page);
            return s.dataset === 'mnist' && s.testAcc !== null && s.testAcc >= 0.9 && s.kernels.conv1 !== undefined;
          },
          { timeout: 120_000, message: 'the pre-trained network loaded with its weights (test accuracy ≥ 90 % before any training)' },
        );
        // The kernel probe follows the metrics within a probe interval: read it once it has settled.
        await page.waitForTimeout(1000);
        const loaded = await state(page);
        await page.click('[data-testid="transfer-finetune"]');
        const tuned = await waitFor(
          async () => {
            const s = await state(page);
            // The new network builds from the seed first, then the kept weights are written into it.
            return s.dataset === 'shapes' && s.nTrain === 80 && s.step === 0 && s.kernels.conv1 === loaded.kernels.conv1 && s;
          },
          { timeout: 60_000, message: 'fine-tuning set up: shapes, 20 per class, counters from 0, the pre-trained conv1 kernels kept' },
        );
        assert(tuned.frozen.join() === 'conv1,conv2,fc1', `frozen: ${tuned.frozen}`);
        await page.waitForTimeout(500);
        const ready = await state(page);
        assert(ready.status !== 'error', `the engine took the fine-tuning setup: ${ready.problem}`);
        const w0 = await weights(page);
        const before = await state(page);
        assert(before.status !== 'error', `no engine problem before stepping: ${before.problem}`);
        for (let i = 0; i < 6; i++) await page.click('[data-testid="step"]');
        const after = await waitFor(async () => {
          const s = await state(page);
          return s.step >= 6 && s.kernels.conv1 !== undefined && s;
        }, { message: 'six steps' });
        const w1 = await weights(page);
        assert(after.kernels.conv1 === tuned.kernels.conv1 && after.kernels.conv2 === tuned.kernels.conv2, 'the frozen kernels (probe) did not change');
        for (const name of ['conv1/kernel', 'conv2/kernel', 'fc1/kernel', 'fc1/bias']) assert(w0[name] === w1[name], `${name} frozen`);
        assert(w0['output/kernel'] !== w1['output/kernel'], 'the new head trains');
        // The graph editor draws the frozen layers with their badge.
        await page.click('[data-testid="tab-graph"]');
        await page.locator('[data-testid="node-frozen-conv1"]').waitFor({ timeout: 30_000 });
        assert(await page.locator('[data-testid="node-frozen-fc1"]').isVisible(), 'fc1 shows the frozen badge');
        assert((await page.locator('[data-testid="node-frozen-output"]').count()) === 0, 'the head is not frozen');
        assert(/132 trainable/.test(await page.locator('[data-testid="total-trainable"]').textContent()), 'the totals count the trainable weights');
        await screenshot(page, 'transfer-editor');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
