import { openApp, assert, screenshot, waitFor } from './harness.mjs';
import { apply, run } from './pageDriver.mjs';

const OPTS = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adamw', 'adagrad'];

/** Each lane's position and loss, as the legend rows carry them. */
const lanes = (page) =>
  page.evaluate((opts) => opts.map((o) => {
    const row = document.querySelector(`[data-testid="race-row-${o}"]`);
    return { opt: o, x: Number(row.dataset.x), y: Number(row.dataset.y), loss: Number(row.dataset.loss) };
  }), OPTS);

const stepOf = (page) => page.locator('[data-testid="race-lab"]').getAttribute('data-step').then(Number);

/** The contour canvas's pixels (RGBA), for comparing two surfaces' maps. */
const contourPixels = (page) =>
  page.evaluate(() => {
    const c = document.querySelector('.race-map canvas');
    return Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data);
  });

export default [
  {
    name: 'race: the seven optimizers move and differ, reset returns them to the start, no console errors',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await page.locator('[data-testid="tab-race"]').click();
        await page.locator('[data-tour="race"]').waitFor({ timeout: 30_000 });
        // The network's training bar is out of the way on this tab.
        assert(!(await page.locator('[data-testid="play"]').isVisible().catch(() => false)), 'training bar visible on the race tab');
        const start = await lanes(page);
        assert(start.every((l) => l.x === start[0].x && l.y === start[0].y), `lanes do not share the start: ${JSON.stringify(start)}`);

        await page.locator('[data-testid="race-play"]').click();
        await waitFor(async () => (await stepOf(page)) >= 60, { timeout: 20_000, message: 'race did not advance' });
        await page.locator('[data-testid="race-play"]').click(); // pause
        const after = await lanes(page);
        for (const l of after) assert(l.x !== start[0].x || l.y !== start[0].y, `${l.opt} did not move`);
        const keys = new Set(after.map((l) => `${l.x.toFixed(9)},${l.y.toFixed(9)}`));
        assert(keys.size === OPTS.length, `trajectories coincide: ${JSON.stringify(after)}`);
        for (const l of after) assert(l.loss < start[0].loss, `${l.opt}: loss ${l.loss} not below ${start[0].loss}`);

        // Paused means paused.
        const paused = await stepOf(page);
        await page.waitForTimeout(300);
        assert((await stepOf(page)) === paused, 'race moved while paused');

        // The paths are painted: the path canvas has coloured pixels where the contour map is pale.
        const painted = await page.evaluate(() => {
          const c = document.querySelector('[data-testid="race-map"]');
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
          return n;
        });
        assert(painted > 500, `path canvas nearly empty (${painted} pixels)`);
        await screenshot(page, 'race-played');

        await page.locator('[data-testid="race-reset"]').click();
        assert((await stepOf(page)) === 0, 'reset did not return to step 0');
        const back = await lanes(page);
        assert(back.every((l) => l.x === start[0].x && l.y === start[0].y), `reset did not return to the start: ${JSON.stringify(back)}`);

        // A click on the map moves the start (and resets the race).
        const box = await page.locator('[data-testid="race-map"]').boundingBox();
        await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.25);
        const moved = await lanes(page);
        assert(moved[0].x > 0 && moved[0].y > 0, `click did not move the start: ${JSON.stringify(moved[0])}`);

        // Frame cost over 300 frames (step + paint + legend render), on the Rosenbrock surface.
        await page.selectOption('[data-testid="race-surface"]', 'rosenbrock');
        await page.evaluate(() => { window.__ggRaceFrames.length = 0; });
        await page.locator('[data-testid="race-play"]').click();
        await waitFor(() => page.evaluate(() => window.__ggRaceFrames.length >= 300), { timeout: 30_000, message: '300 frames' });
        await page.locator('[data-testid="race-play"]').click();
        const frames = await page.evaluate(() => window.__ggRaceFrames.slice(0, 300).sort((a, b) => a - b));
        const median = frames[150];
        const p95 = frames[285];
        console.log(`    race frame: median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms over 300 frames (2 steps/frame)`);
        assert(median < 16, `median frame ${median} ms`);

        // The worst case: 10 steps a frame until the race ends at 2,000 steps, every path at full length.
        await page.selectOption('[data-testid="race-speed"]', '10');
        await page.locator('[data-testid="race-reset"]').click();
        await page.evaluate(() => { window.__ggRaceFrames.length = 0; });
        await page.locator('[data-testid="race-play"]').click();
        await waitFor(async () => (await stepOf(page)) >= 2000, { timeout: 30_000, message: 'the race ends at 2,000 steps' });
        assert((await page.locator('[data-testid="race-lab"]').getAttribute('data-playing')) === 'false', 'the race stops by itself at the end');
        const lastFrames = await page.evaluate(() => window.__ggRaceFrames.slice(-100));
        const late = [...lastFrames].sort((a, b) => a - b);
        console.log(`    race frame, last 100 of 200 frames at 10 steps/frame (paths 1,000–2,000 points): median ${late[50].toFixed(2)} ms, p95 ${late[95].toFixed(2)} ms, max ${late[99].toFixed(2)} ms (the final frame, which stops the race: ${lastFrames[99].toFixed(2)} ms)`);
        assert(late[50] < 16, `late median frame ${late[50]} ms`);
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'race/slice: a slice of the trained playground network becomes the race surface; the seven optimizers race on it',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        // Train the default playground network briefly.
        await waitFor(async () => (await run(page)).latest, { message: 'the network is built' });
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).epoch >= 3, { message: '3 epochs', timeout: 60_000 });
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'paused' });
        const trained = await run(page);

        await page.locator('[data-testid="tab-race"]').click();
        await page.locator('[data-tour="race"]').waitFor({ timeout: 30_000 });
        const ravine = await contourPixels(page);
        await page.locator('[data-testid="race-take-slice"]').click();
        await waitFor(async () => (await page.locator('[data-testid="race-slice"]').getAttribute('data-status')) === 'ready', { message: 'the slice arrives', timeout: 60_000 });
        assert((await page.inputValue('[data-testid="race-surface"]')) === 'network', 'the race did not switch to the network surface');
        const info = page.locator('[data-testid="race-slice-info"]');
        assert(Number(await info.getAttribute('data-step')) === trained.step, `slice step ${await info.getAttribute('data-step')} ≠ run step ${trained.step}`);
        const slice = await page.evaluate(() => {
          const d = window.__gg.store.getState().lossSlice.data;
          return { ms: d.ms, centre: d.centerLoss, cols: d.cols, rows: d.rows, mid: d.values[((d.rows - 1) / 2) * d.cols + (d.cols - 1) / 2] };
        });
        console.log(`    slice ${slice.cols}×${slice.rows} of the default network at step ${trained.step}: ${slice.ms.toFixed(0)} ms in the worker`);
        assert(Math.abs(slice.mid - slice.centre) < 1e-6, `grid centre ${slice.mid} ≠ centre loss ${slice.centre}`);
        // The training loss the engine reported and the slice's centre: the same weights, a subset of the same rows.
        assert(Math.abs(slice.centre - trained.latest.trainLoss) < 0.5 * trained.latest.trainLoss + 0.05, `centre loss ${slice.centre} far from the train loss ${trained.latest.trainLoss}`);

        // The map shows it: not blank, and not the ravine's map.
        const net = await contourPixels(page);
        const colours = new Set();
        for (let i = 0; i < net.length; i += 4 * 97) colours.add(`${net[i]},${net[i + 1]},${net[i + 2]}`);
        assert(colours.size > 5, `the slice's map looks blank (${colours.size} colours)`);
        let differ = 0;
        for (let i = 0; i < net.length; i += 4) if (Math.abs(net[i] - ravine[i]) + Math.abs(net[i + 1] - ravine[i + 1]) + Math.abs(net[i + 2] - ravine[i + 2]) > 30) differ++;
        assert(differ > net.length / 4 / 10, `the slice's map hardly differs from the ravine's (${differ} pixels)`);

        const start = await lanes(page);
        // The trajectories differ: compared a few steps in (later, lanes that settled can share the minimum to the last digit).
        for (let k = 0; k < 5; k++) await page.locator('[data-testid="race-step"]').click();
        const early = await lanes(page);
        const keys = new Set(early.map((l) => `${l.x.toFixed(9)},${l.y.toFixed(9)}`));
        assert(keys.size === OPTS.length, `trajectories coincide on the slice: ${JSON.stringify(early)}`);
        await page.locator('[data-testid="race-play"]').click();
        await waitFor(async () => (await stepOf(page)) >= 80, { timeout: 20_000, message: 'race on the slice did not advance' });
        await page.locator('[data-testid="race-play"]').click();
        const after = await lanes(page);
        for (const l of after) assert(l.loss < start[0].loss, `${l.opt}: loss ${l.loss} not below the start's ${start[0].loss}`);
        assert((await page.locator('[data-testid="race-slice-explain"]').count()) === 1, 'the slice is not explained');
        await screenshot(page, 'race-slice');
        // Training still works after the slice: the weights were put back.
        await page.locator('[data-testid="tab-playground"]').click();
        const before = (await run(page)).latest.trainLoss;
        assert(Math.abs(before - trained.latest.trainLoss) < 1e-9, `train loss changed by the slice: ${trained.latest.trainLoss} → ${before}`);
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'race: Space plays and pauses the race on its tab, and does not start the network',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await page.locator('[data-testid="tab-race"]').click();
        await page.locator('[data-tour="race"]').waitFor({ timeout: 30_000 });
        await page.locator('.race-head h2').click();
        await page.keyboard.press('Space');
        await waitFor(async () => (await stepOf(page)) > 5, { timeout: 10_000, message: 'Space did not start the race' });
        await page.keyboard.press('Space');
        const s = await stepOf(page);
        await page.waitForTimeout(300);
        assert((await stepOf(page)) === s, 'Space did not pause the race');
        assert((await run(page)).status !== 'running', 'Space started the network on the race tab');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'race/app: the network trains with Nesterov and with AdamW in the worker (AdamW on WebGL too)',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        for (const optimizer of ['nesterov', 'adamw']) {
          await apply(page, { type: 'training', patch: { optimizer } });
          await page.click('[data-testid="reset"]');
          await waitFor(async () => { const r = await run(page); return r.step === 0 && r.latest; }, { message: 'a fresh run' });
          assert((await page.inputValue('[data-testid="optimizer"]')) !== '', 'the optimizer select shows the new optimizer');
          const before = (await run(page)).latest.trainLoss;
          await page.click('[data-testid="play"]');
          await waitFor(async () => (await run(page)).epoch >= 20, { message: `${optimizer}: 20 epochs`, timeout: 60_000 });
          await page.click('[data-testid="play"]');
          await page.waitForTimeout(200);
          const after = (await run(page)).latest.trainLoss;
          assert(Number.isFinite(after) && after < before, `${optimizer}: train loss ${before} → ${after}`);
        }
        // AdamW's decay is TF.js ops, so it runs on WebGL as well.
        await page.selectOption('[data-testid="backend-pref"]', 'webgl');
        await waitFor(async () => (await run(page)).backend === 'webgl', { message: 'WebGL in the worker', timeout: 60_000 });
        await page.click('[data-testid="reset"]');
        await waitFor(async () => { const r = await run(page); return r.step === 0 && r.latest; }, { message: 'a fresh run on WebGL' });
        const before = (await run(page)).latest.trainLoss;
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).epoch >= 10, { message: 'adamw on WebGL: 10 epochs', timeout: 60_000 });
        await page.click('[data-testid="play"]');
        await page.waitForTimeout(200);
        const after = (await run(page)).latest.trainLoss;
        assert(Number.isFinite(after) && after < before, `adamw on WebGL: train loss ${before} → ${after}`);
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
