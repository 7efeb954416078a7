// Interleavings (issue 12): state changes that overlap end with the button, the status and the
// engine agreeing.
import { openApp, assert, waitFor } from './harness.mjs';
import { run } from './pageDriver.mjs';

const stepAfter = async (page, ms) => {
  const a = (await run(page)).step;
  await page.waitForTimeout(ms);
  return (await run(page)).step - a;
};

const tests = [
  {
    name: '20 rapid play/pause clicks end with the button, the status and the engine agreeing',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await waitFor(async () => (await run(page)).backend, { message: 'engine ready' });
        // 20 clicks, as fast as the page takes them (several within one frame).
        await page.evaluate(() => {
          const button = document.querySelector('[data-testid="play"]');
          for (let i = 0; i < 20; i++) button.click();
        });
        for (let i = 0; i < 20; i++) await page.click('[data-testid="play"]', { delay: 0 });
        await page.waitForTimeout(1500);
        const r = await run(page);
        const label = await page.locator('[data-testid="play"]').getAttribute('aria-label');
        const moved = await stepAfter(page, 1200);
        const running = r.status === 'running';
        assert(label === (running ? 'Pause' : 'Train'), `button says ${label} while the status is ${r.status}`);
        assert(running ? moved > 0 : moved === 0, `status ${r.status} but ${moved} steps in 1.2 s`);
        // And one more click flips it, for real.
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).status === (running ? 'paused' : 'running'), { message: 'one click toggles' });
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'switching to MNIST mid-run on a cold cache trains once the digits arrive',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        // A slow network: the digits arrive 2 s after they are asked for.
        await page.route('**/data/mnist.bin*', async (route) => {
          await new Promise((r) => setTimeout(r, 2000));
          await route.continue();
        });
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).step > 10, { message: 'the playground trains' });
        await page.evaluate(() => window.__gg.openTemplate('lenet5'));
        const imageRun = () =>
          page.evaluate(() => {
            const st = window.__gg.store.getState();
            const r = st.runs[st.activeRunId];
            return { lab: r.part.lab, status: r.status, step: r.step, probed: r.part.lab === 'images' && !!r.part.images };
          });
        const r = await waitFor(async () => {
          const x = await imageRun();
          // The image run's own snapshots (with its probes), not the last ones of the 2-D run.
          return x.probed && x.status === 'running' && x.step > 0 ? x : null;
        }, { timeout: 60_000, message: 'LeNet-5 trains on MNIST after the download' });
        assert(r.lab === 'images', 'the image lab runs');
        // Image runs report every second or so (each snapshot evaluates hundreds of images).
        const moved = await stepAfter(page, 4000);
        assert(moved > 0, `still training: ${moved} steps in 4 s, ${JSON.stringify(await imageRun())}`);
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];

export const tooBig = {
  name: 'a network too big for the device is refused with its numbers, and the page stays responsive',
  async run({ browser, baseUrl }) {
    const { context, page, errors } = await openApp(browser, baseUrl);
    try {
      await waitFor(async () => (await run(page)).backend, { message: 'engine ready' });
      await page.evaluate(() => {
        window.__longTasks = [];
        new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: false });
        const gg = window.__gg;
        gg.openTemplate('lenet5');
        const s = gg.store.getState();
        const nodes = [
          { id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, inputs: [] },
          { id: 'c1', type: 'Conv2D', params: { filters: 512, kernelSize: 11, padding: 'same' }, inputs: ['input'] },
          { id: 'c2', type: 'Conv2D', params: { filters: 512, kernelSize: 11, padding: 'same' }, inputs: ['c1'] },
          { id: 'flat', type: 'Flatten', params: {}, inputs: ['c2'] },
          { id: 'out', type: 'Dense', params: { units: 10, activation: 'softmax' }, inputs: ['flat'] },
        ];
        s.apply({ type: 'replace', experiment: { ...s.experiment, network: { nodes } } });
      });
      const problem = page.locator('[data-testid="run-problem"]');
      await problem.waitFor({ timeout: 30_000 });
      const text = await problem.textContent();
      assert(/too big to train here/.test(text) && /GB of memory/.test(text) && /s per training step/.test(text), `the refusal gives the numbers: ${text}`);
      // Nothing to play, and the page answers at once.
      assert(await page.locator('[data-testid="play"]').isDisabled(), 'Train is disabled while the network is refused');
      const t0 = Date.now();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
      const frameMs = Date.now() - t0;
      const r = await run(page);
      const longest = Math.max(0, ...(await page.evaluate(() => window.__longTasks)));
      assert(r.step === 0 && r.status !== 'running', `nothing trains: ${JSON.stringify({ step: r.step, status: r.status })}`);
      assert(frameMs < 1000 && longest < 200, `the page stays responsive: a frame in ${frameMs} ms, longest task ${longest} ms`);
      assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
    } finally {
      await context.close();
    }
  },
};

/** The button, the status line and the engine agree: the label matches the status, and steps move exactly when running. */
async function agree(page, what) {
  await page.waitForTimeout(800);
  const r = await run(page);
  const label = await page.locator('[data-testid="play"]').getAttribute('aria-label');
  const status = await page.locator('[data-testid="status"]').getAttribute('data-status');
  const running = r.status === 'running';
  assert(status === r.status, `${what}: the status line says ${status}, the store ${r.status}`);
  assert(label === (running ? 'Pause' : 'Train'), `${what}: the button says ${label} while the status is ${r.status}`);
  if (running) {
    // A new network's first steps can take seconds (WebGL compiles its shaders; an image run reports every second or so).
    const from = (await run(page)).step;
    await waitFor(async () => (await run(page)).step > from, { timeout: 20_000, message: `${what}: status running, so steps move` });
  } else {
    const moved = await stepAfter(page, 1500);
    assert(moved === 0, `${what}: status ${r.status} but ${moved} steps in 1.5 s`);
  }
  return r;
}

const more = [
  {
    name: 'a failed MNIST download mid-run says so, keeps the work, and trains after Reset once the digits come',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await page.route('**/data/mnist.bin*', (route) => route.abort('internetdisconnected'));
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).step > 10, { message: 'the playground trains' });
        await page.evaluate(() => window.__gg.openTemplate('lenet5'));
        const problem = page.locator('[data-testid="run-problem"]');
        await problem.waitFor({ timeout: 30_000 });
        assert(/could not be loaded/.test(await problem.textContent()), `the failure is explained: ${await problem.textContent()}`);
        const r = await agree(page, 'after the failed download');
        assert(r.status === 'error' && (await page.locator('[data-testid="play"]').isDisabled()), `nothing to train: ${r.status}`);
        assert((await page.evaluate(() => window.__gg.store.getState().experiment.network.nodes.some((n) => n.type === 'Conv2D'))), 'LeNet-5 is still the network');
        // The connection comes back: Reset tries again.
        await page.unroute('**/data/mnist.bin*');
        await page.click('[data-testid="reset"]');
        await waitFor(async () => (await run(page)).status === 'paused', { timeout: 60_000, message: 'built after Reset' });
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).step > 0, { timeout: 60_000, message: 'LeNet-5 trains' });
        await agree(page, 'training after the retry');
        // The aborted request is the one console error the page may show.
        const other = errors.filter((e) => !/mnist\.bin|Failed to load resource|net::ERR/.test(e));
        assert(other.length === 0, `console errors:\n  ${other.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'backend switches and a template opened while training end consistent',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).step > 10, { message: 'the playground trains' });
        // Switch backends while training, twice in a row, then once more after a beat.
        await page.selectOption('[data-testid="backend-pref"]', 'webgl');
        await page.selectOption('[data-testid="backend-pref"]', 'cpu');
        await waitFor(async () => (await run(page)).backend === 'cpu', { timeout: 30_000, message: 'on the CPU' });
        await agree(page, 'after two quick backend switches');
        await page.selectOption('[data-testid="backend-pref"]', 'webgl');
        await waitFor(async () => (await run(page)).backend === 'webgl', { timeout: 30_000, message: 'on WebGL' });
        await agree(page, 'after a backend switch');
        // Train again and open a template mid-run: the new network trains on.
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).status === 'running', { message: 'running again' });
        await page.evaluate(() => window.__gg.openTemplate('mlp'));
        const r = await agree(page, 'after a template opened mid-run');
        assert(r.status === 'running', `the template's network trains on: ${r.status}`);
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'a heavy network asks first and builds after "Train anyway"; a stuck engine can be stopped and the work stays',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await waitFor(async () => (await run(page)).backend, { message: 'engine ready' });
        await page.evaluate(() => {
          const gg = window.__gg;
          gg.openTemplate('lenet5');
          const s = gg.store.getState();
          const conv = s.experiment.network.nodes.filter((n) => n.type === 'Conv2D')[1].id;
          const nodes = s.experiment.network.nodes.map((n) => (n.id === conv ? { ...n, params: { ...n.params, filters: 512 } } : n));
          s.apply({ type: 'replace', experiment: { ...s.experiment, network: { nodes }, training: { ...s.experiment.training, batchSize: 128 } } });
        });
        const problem = page.locator('[data-testid="run-problem"]');
        await problem.waitFor({ timeout: 60_000 });
        const text = await problem.textContent();
        assert(/s per training step, [\d.]+ min per epoch/.test(text), `the warning gives time per step and epoch: ${text}`);
        assert(await page.locator('[data-testid="play"]').isDisabled(), 'nothing trains before the learner confirms');
        await page.click('[data-testid="train-anyway"]');
        await waitFor(async () => (await run(page)).status === 'paused', { timeout: 60_000, message: 'built after "Train anyway"' });
        assert((await problem.count()) === 0, 'the warning is gone');

        // Back to a small network, then hold the engine as a runaway step would.
        await page.evaluate(() => window.__gg.openTemplate('mlp'));
        await waitFor(async () => (await run(page)).status === 'paused', { timeout: 30_000, message: 'the MLP is built' });
        const before = await page.evaluate(() => JSON.stringify(window.__gg.store.getState().experiment));
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).step > 5, { message: 'the MLP trains' });
        await page.evaluate(() => {
          const s = window.__gg.store.getState();
          s.engine.post({ type: 'debugHang', runId: s.activeRunId, ms: 60_000 });
        });
        const stalled = page.locator('[data-testid="engine-stalled"]');
        await stalled.waitFor({ timeout: 20_000 });
        // The page itself stays responsive meanwhile.
        const t0 = Date.now();
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
        assert(Date.now() - t0 < 1000, 'the page answers while the engine is stuck');
        await page.click('[data-testid="stop-engine"]');
        await waitFor(async () => (await run(page)).status === 'paused' || (await run(page)).status === 'idle', { timeout: 30_000, message: 'a fresh engine reports' });
        await waitFor(async () => (await run(page)).backend, { timeout: 30_000, message: 'the fresh engine is ready' });
        assert((await stalled.count()) === 0, 'the stall notice is gone');
        assert((await page.evaluate(() => JSON.stringify(window.__gg.store.getState().experiment))) === before, 'the Experiment is kept');
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).step > 5, { timeout: 30_000, message: 'the fresh engine trains' });
        await agree(page, 'after the restart');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
    timeout: 240_000,
  },
];

export default [...tests, tooBig, ...more];
