import { assert, openApp, waitFor } from './harness.mjs';

const SHOTS = '/tmp/shots-dyn/';

/** The run's training-dynamics history: probes and the layer ids of the latest. */
const dynamics = (page) =>
  page.evaluate(() => {
    const s = window.__gg.store.getState();
    const r = s.runs[s.activeRunId];
    const last = r.dynamics[r.dynamics.length - 1];
    return { count: r.dynamics.length, step: r.step, status: r.status, layers: last ? last.layers.map((l) => l.layerId) : [], lastStep: last?.step ?? 0 };
  });

/** Each drawn line of a chart: its layer and how many points its path has (0: nothing drawn). */
const lines = (page, testId) =>
  page.$$eval(`[data-testid="${testId}"] path[data-layer]`, (paths) =>
    paths.map((p) => ({ layer: p.getAttribute('data-layer'), points: (p.getAttribute('d') ?? '').split(/[ML]/).filter((s) => s.trim()).length })),
  );

/** The distribution chart's bands: path data and the vertical extent of the outer band in px. */
const bands = (page) =>
  page.$$eval('[data-testid="distribution-chart"] path.band', (paths) => paths.map((p) => ({ d: p.getAttribute('d') ?? '', h: p.getBBox().height, w: p.getBBox().width })));

async function shots(page, name) {
  for (const [w, h] of [
    [1440, 900],
    [1280, 720],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await page.locator('[data-testid="dynamics-panel"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}${name}-${w}x${h}.png` });
  }
}

async function trainUntilProbes(page, n) {
  await page.click('[data-testid="play"]');
  await waitFor(async () => (await dynamics(page)).count >= n, { timeout: 90_000, message: `${n} dynamics probes` });
  await page.click('[data-testid="play"]');
  await waitFor(async () => (await dynamics(page)).status === 'paused', { message: 'paused' });
}

export default [
  {
    name: 'dynamics: the playground draws gradient norms, update ratios and distributions per layer while training',
    timeout: 180_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      await page.locator('[data-testid="dynamics-empty"]').waitFor();
      await trainUntilProbes(page, 4);
      const d = await dynamics(page);
      assert(JSON.stringify(d.layers) === JSON.stringify(['h1', 'h2', 'output']), `layers ${d.layers}`);
      for (const chart of ['dynamics-grad', 'dynamics-update']) {
        const drawn = await lines(page, chart);
        assert(drawn.length === 3 && drawn.every((l) => l.points >= 2), `${chart}: ${JSON.stringify(drawn)}`);
      }
      // tanh layers: no dead-ReLU lines, said in words.
      assert((await page.locator('[data-testid="dynamics-dead"]').count()) === 0, 'no dead-ReLU chart for tanh');
      const g = await bands(page);
      assert(g.length === 4 && g.every((b) => b.d.length > 20 && b.w > 50), `gradient bands ${JSON.stringify(g)}`);
      const label = await page.locator('[data-testid="distribution-chart"]').getAttribute('aria-label');
      assert(/Gradients of h1/.test(label) && /median/.test(label), label);
      // Another layer and quantity redraw the distribution.
      await page.selectOption('[data-testid="dynamics-layer"]', { index: 2 });
      await page.click('[data-testid="dynamics-q-activations"]');
      const a = await bands(page);
      assert(a[0].d !== g[0].d, 'the distribution changed with the layer and quantity');
      assert(/Activations of output/.test(await page.locator('[data-testid="distribution-chart"]').getAttribute('aria-label')), 'activation label');
      await shots(page, 'playground-en');
      const afterShots = await dynamics(page);
      assert(afterShots.step === d.step && afterShots.status === 'paused', `still paused at step ${d.step}: ${JSON.stringify(afterShots)}`);
      await page.evaluate(() => window.__gg.store.getState().setLocale('zh-CN'));
      await page.locator('text=训练动态').first().waitFor();
      await shots(page, 'playground-zh');
      // Switched off, training adds no probes.
      await page.uncheck('[data-testid="dynamics-on"]');
      const before = (await dynamics(page)).count;
      await page.click('[data-testid="play"]');
      await waitFor(async () => (await dynamics(page)).step > d.step + 200, { message: 'trained on' });
      await page.click('[data-testid="play"]');
      assert((await dynamics(page)).count <= before + 1, 'no probes while off');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    },
  },
  {
    name: 'dynamics: the image lab (LeNet-5 on shapes) shows every weighted layer and dead ReLUs',
    timeout: 240_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      await page.evaluate(() => {
        const gg = window.__gg;
        gg.openTemplate('lenet5');
        const s = gg.store.getState();
        s.apply({ type: 'dataset', patch: { kind: 'shapes', numPoints: 600 } });
        // LeNet-5 is tanh throughout: two ReLU layers give the dead-unit chart something to show.
        for (const id of ['conv1', 'fc1']) s.apply({ type: 'graph', change: { type: 'setParams', id, patch: { activation: 'relu' } } });
      });
      await page.locator('[data-testid="image-lab"]').waitFor({ timeout: 30_000 });
      await waitFor(async () => (await dynamics(page)).status === 'paused', { timeout: 120_000, message: 'LeNet-5 built' });
      await trainUntilProbes(page, 3);
      const d = await dynamics(page);
      assert(d.layers.length === 5, `layers ${d.layers}`);
      const drawn = await lines(page, 'dynamics-grad');
      assert(drawn.length === 5 && drawn.every((l) => l.points >= 2), JSON.stringify(drawn));
      const dead = await lines(page, 'dynamics-dead');
      assert(JSON.stringify(dead.map((l) => l.layer)) === '["conv1","fc1"]' && dead.every((l) => l.points >= 2), `dead-ReLU lines ${JSON.stringify(dead)}`);
      const b = await bands(page);
      assert(b.length === 4 && b[0].h > 5, JSON.stringify(b));
      await shots(page, 'images-en');
      await page.evaluate(() => window.__gg.store.getState().setLocale('zh-CN'));
      await page.locator('text=训练动态').first().waitFor();
      await shots(page, 'images-zh');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    },
  },
  {
    name: 'dynamics: the sequence lab (LSTM forecaster) shows its recurrent and dense layers',
    timeout: 240_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      await page.evaluate(() => {
        window.__gg.store.getState().setBackendPref('cpu');
        window.__gg.openTemplate('lstmForecast');
      });
      await page.locator('[data-testid="sequence-lab"]').waitFor({ timeout: 30_000 });
      await waitFor(async () => (await dynamics(page)).status === 'paused', { timeout: 120_000, message: 'LSTM built' });
      await trainUntilProbes(page, 3);
      const d = await dynamics(page);
      const drawn = await lines(page, 'dynamics-grad');
      assert(d.layers.length >= 2 && drawn.length === d.layers.length && drawn.every((l) => l.points >= 2), JSON.stringify({ d, drawn }));
      const b = await bands(page);
      assert(b.length === 4 && b[0].h > 5, JSON.stringify(b));
      await shots(page, 'sequences-en');
      await page.evaluate(() => window.__gg.store.getState().setLocale('zh-CN'));
      await page.locator('text=训练动态').first().waitFor();
      await shots(page, 'sequences-zh');
      assert(errors.length === 0, errors.join('\n'));
      await context.close();
    },
  },
];
