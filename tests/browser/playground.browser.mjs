import { assert, openApp, screenshot, waitFor } from './harness.mjs';
import { apply, boundaryPixels, experiment, run, shareLink } from './pageDriver.mjs';

const waitReady = (page) => waitFor(async () => (await run(page)).backend, { message: 'engine ready' });
const waitSnapshot = (page) => waitFor(async () => (await run(page)).latest, { message: 'first snapshot' });

export default [
  {
    name: 'the worker runs TF.js on WebGL when asked, and trains there',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await page.selectOption('[data-testid="backend-pref"]', 'webgl');
        await waitFor(async () => (await run(page)).backend === 'webgl', { message: 'tf.getBackend() in the worker is webgl', timeout: 60_000 });
        const r = await run(page);
        assert(r.host === 'worker', `expected the worker host, got ${r.host}`);
        assert((await page.getAttribute('[data-testid="backend"]', 'data-backend')) === 'webgl', 'badge shows WebGL');
        await page.click('[data-testid="step"]');
        await waitFor(async () => (await run(page)).step >= 1, { message: 'one step on WebGL' });
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'one click starts training: the loss falls and the boundary changes',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await waitReady(page);
        await waitSnapshot(page);
        await page.waitForTimeout(300);
        const before = await run(page);
        const pixelsBefore = await boundaryPixels(page);
        assert(!pixelsBefore.blank, 'the boundary canvas is painted before training');
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).epoch >= 30, { message: 'trained 30 epochs', timeout: 60_000 });
        await page.waitForTimeout(200);
        const after = await run(page);
        assert(after.status === 'running', `status ${after.status}`);
        assert(after.latest.testLoss < before.latest.testLoss * 0.5, `test loss fell: ${before.latest.testLoss} → ${after.latest.testLoss}`);
        assert(after.latest.testAcc > 0.9, `test accuracy ${after.latest.testAcc}`);
        const pixelsAfter = await boundaryPixels(page);
        assert(pixelsAfter.sum !== pixelsBefore.sum, 'boundary canvas pixels changed');
        const chartPath = await page.getAttribute('[data-testid="loss-train"] path, path[data-testid="loss-train"]', 'd').catch(() => null);
        assert(chartPath && chartPath.length > 20, 'the loss chart has a line');
        assert(/^\d{3},\d{3}$/.test(await page.textContent('[data-testid="epoch"]')), 'epoch counter format');
        await screenshot(page, 'training');
        await page.click('[data-testid="play"]'); // pause
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'paused' });
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'a shared link restores the same Experiment, view and initial weights',
    async run({ browser, baseUrl }) {
      const a = await openApp(browser, baseUrl);
      let link;
      let expA;
      let lossA;
      try {
        await waitReady(a.page);
        await a.page.click('[data-testid="dataset-xor"]');
        await a.page.click('[data-testid="add-layer"]');
        await a.page.selectOption('[data-testid="learning-rate"] >> xpath=.', { label: '0.1' });
        await a.page.click('[data-testid="feature-x1x2"]');
        await a.page.check('[data-testid="show-test"]');
        await waitFor(async () => {
          const r = await run(a.page);
          return r.step === 0 && r.latest && JSON.parse(await experiment(a.page)).network.nodes.length === 5;
        }, { message: 'rebuilt after edits' });
        await a.page.waitForTimeout(300);
        expA = await experiment(a.page);
        lossA = (await run(a.page)).latest.testLoss;
        link = await shareLink(a.page);
        assert(link.includes('#s='), `link ${link}`);
      } finally {
        await a.context.close();
      }
      const b = await openApp(browser, baseUrl, { hash: link.slice(link.indexOf('#')) });
      try {
        await waitReady(b.page);
        await waitSnapshot(b.page);
        assert((await experiment(b.page)) === expA, 'same Experiment JSON');
        assert(await b.page.isChecked('[data-testid="show-test"]'), 'view option travels');
        const lossB = (await run(b.page)).latest.testLoss;
        assert(Math.abs(lossB - lossA) < 1e-6, `same data and initial weights: initial test loss ${lossA} vs ${lossB}`);
        assert(b.errors.length === 0, `console errors:\n  ${b.errors.join('\n  ')}`);
      } finally {
        await b.context.close();
      }
    },
  },
  {
    name: 'a malformed link shows a message and keeps the current work',
    async run({ browser, baseUrl }) {
      const { context, page } = await openApp(browser, baseUrl);
      try {
        await waitReady(page);
        await page.click('[data-testid="dataset-spiral"]');
        await page.waitForTimeout(600); // autosave is debounced
        const mine = await experiment(page);
        // 1. pasted into this tab
        await page.evaluate(() => (window.location.hash = '#s=NoThIsIsNoTaLiNk'));
        await page.locator('[data-testid="notice"]').waitFor();
        const text = await page.textContent('[data-testid="notice"]');
        assert(/could not be opened/.test(text), `notice text: ${text}`);
        assert((await experiment(page)) === mine, 'work unchanged after a bad link in this tab');
        // 2. opened fresh: the autosaved work stays
        await page.goto(`${baseUrl}/#s=${encodeURIComponent('N4Ig')}`);
        await page.locator('[data-testid="notice"]').waitFor();
        assert((await experiment(page)) === mine, 'autosaved work kept after a bad link on load');
        await screenshot(page, 'bad-link');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'a diverging run pauses itself and explains why',
    async run({ browser, baseUrl }) {
      const { context, page } = await openApp(browser, baseUrl);
      try {
        await waitReady(page);
        await apply(page, { type: 'dataset', patch: { kind: 'plane' } });
        await apply(page, { type: 'setActivation', index: 'all', activation: 'linear' });
        await apply(page, { type: 'training', patch: { learningRate: 10 } });
        await page.waitForTimeout(300);
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).status === 'diverged', { message: 'run diverged', timeout: 30_000 });
        const problem = await page.textContent('[data-testid="run-problem"]');
        assert(/learning rate/i.test(problem), `explanation: ${problem}`);
        const step = (await run(page)).step;
        await page.waitForTimeout(500);
        assert((await run(page)).step === step, 'no more steps after diverging');
        await screenshot(page, 'diverged');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'the engine falls back to the main thread when asked, and says so',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl, { path: '/?engine=main' });
      try {
        await waitFor(async () => (await run(page)).host === 'main', { message: 'main-thread host', timeout: 60_000 });
        await page.locator('[data-testid="backend-host"]').waitFor();
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).epoch >= 5, { message: 'trains on the main thread', timeout: 60_000 });
        await page.click('[data-testid="play"]');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'a lost WebGL context moves the run to the CPU and keeps training',
    async run({ browser, baseUrl }) {
      const { context, page } = await openApp(browser, baseUrl);
      try {
        await page.selectOption('[data-testid="backend-pref"]', 'webgl');
        await waitFor(async () => (await run(page)).backend === 'webgl', { message: 'webgl', timeout: 60_000 });
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).step > 20, { message: 'some steps on webgl', timeout: 60_000 });
        await page.evaluate(() => {
          const s = window.__gg.store.getState();
          s.engine.post({ type: 'debugLoseContext', runId: s.activeRunId });
        });
        await waitFor(async () => (await run(page)).backend === 'cpu', { message: 'moved to cpu', timeout: 30_000 });
        const step = (await run(page)).step;
        await waitFor(async () => (await run(page)).step > step + 50, { message: 'keeps training on cpu', timeout: 30_000 });
        assert((await run(page)).status === 'running', 'still running');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'Chinese browsers get the Chinese UI, and the language can be switched',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl, { locale: 'zh-CN' });
      try {
        await page.getByRole('heading', { name: '数据' }).waitFor();
        await waitSnapshot(page);
        await screenshot(page, 'zh-CN');
        await page.selectOption('[data-testid="language"]', 'en');
        await page.getByRole('heading', { name: 'Data' }).waitFor();
        await page.reload();
        await page.getByRole('heading', { name: 'Data' }).waitFor(); // the choice is remembered
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'work autosaves: a reload loses nothing',
    async run({ browser, baseUrl }) {
      const { context, page } = await openApp(browser, baseUrl);
      try {
        await waitReady(page);
        await page.click('[data-testid="dataset-moons"]');
        await page.click('[data-testid="add-layer"]');
        await page.waitForTimeout(600);
        const mine = await experiment(page);
        await page.goto(baseUrl + '/');
        await page.locator('[data-testid="app-ready"]').waitFor();
        assert((await experiment(page)) === mine, 'same Experiment after reload');
      } finally {
        await context.close();
      }
    },
  },
];
