// Trained weights saved with the Experiment and opened again (issue 15): the same test loss.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, assert, waitFor } from './harness.mjs';
import { run } from './pageDriver.mjs';

export default [
  {
    name: 'a trained network saved to a file reopens in a fresh tab with its weights: the same test loss and step',
    async run({ browser, baseUrl }) {
      const first = await openApp(browser, baseUrl);
      let path;
      let saved;
      try {
        const { page } = first;
        await page.evaluate(() => window.__gg.openTemplate('mlp'));
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).epoch >= 30, { timeout: 60_000, message: 'trains 30 epochs' });
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'paused' });
        await page.waitForTimeout(300);
        saved = await run(page);
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="header-save"]')]);
        // The download dies with its context: keep a copy.
        path = join(await mkdtemp(join(tmpdir(), 'gg-weights-')), 'experiment.json');
        await download.saveAs(path);
        assert(first.errors.length === 0, `console errors:\n  ${first.errors.join('\n  ')}`);
      } finally {
        await first.context.close().catch(() => {});
      }
      const text = await readFile(path, 'utf8');
      assert(/"weights": \{"format":1/.test(text), 'the file carries the weights');

      const second = await openApp(browser, baseUrl);
      try {
        const { page, errors } = second;
        await waitFor(async () => (await run(page)).backend, { message: 'engine ready' });
        const fresh = await run(page);
        await page.setInputFiles('[data-testid="file-input"]', path);
        await page.locator('[data-testid="notice"]').filter({ hasText: 'trained weights' }).waitFor({ timeout: 30_000 });
        const r = await waitFor(async () => {
          const x = await run(page);
          return x.step === saved.step && x.latest ? x : null;
        }, { timeout: 30_000, message: 'the saved step and metrics' });
        assert(fresh.latest?.testLoss !== saved.latest.testLoss, 'a fresh network differs (the check could fail)');
        assert(r.latest.testLoss === saved.latest.testLoss, `the same test loss: ${r.latest.testLoss} vs ${saved.latest.testLoss}`);
        assert(r.latest.testAcc === saved.latest.testAcc, 'the same test accuracy');
        // And it trains on from there.
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).step > saved.step + 10, { message: 'continues training' });
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await second.context.close();
      }
    },
  },
];
