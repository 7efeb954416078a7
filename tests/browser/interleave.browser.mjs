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
        await page.route('**/data/mnist.bin', async (route) => {
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

export default [...tests, tooBig];
