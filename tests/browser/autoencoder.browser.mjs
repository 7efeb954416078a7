// The autoencoder (issue 16, generation): the template opened from the dialog, trained briefly on
// 1,000 digits, the latent-space tab's plane and a pointer drag that decodes a digit live.
// With SHOTS_DIR set, the test also saves the tab in English and Chinese at 1440×900 and 1280×720.
import { openApp, assert, waitFor, localeShots } from './harness.mjs';
import { run, openToolTab } from './pageDriver.mjs';

/** The decoded canvas's pixels as a string, and how many distinct colours a canvas holds. */
const pixels = (page, id) =>
  page.evaluate((testId) => {
    const c = document.querySelector(`[data-testid="${testId}"]`);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let j = 0; j < d.length; j += 4) seen.add((d[j] << 16) | (d[j + 1] << 8) | d[j + 2]);
    let sum = 0;
    for (let j = 0; j < d.length; j += 4) sum += d[j];
    return { colours: seen.size, sum };
  }, id);

/**
 * Open an image template from the dialog, keep `points` digits and a stop rule at `epochs` (and a
 * backend, when asked), press play and wait for the run to stop there. Returns the Experiment as set.
 */
async function trainTemplate(page, template, { points, epochs, backend = null }) {
  await page.click('[data-tour="templates"]');
  await page.click(`[data-testid="template-${template}"]`);
  await page.locator('[data-testid="image-lab"]').waitFor({ timeout: 30_000 });
  const exp = await page.evaluate(([n, e, b]) => {
    const s = window.__gg.store.getState();
    s.apply({ type: 'dataset', patch: { numPoints: n } });
    s.apply({ type: 'stopRule', patch: { epochs: e } });
    if (b) s.setBackendPref(b);
    return window.__gg.store.getState().experiment;
  }, [points, epochs, backend]);
  if (backend) await waitFor(async () => (await run(page)).backend === backend, { timeout: 60_000, message: `the engine runs on ${backend}` });
  return exp;
}

/** Press play and wait until the stop rule has paused the run at `epochs`. */
async function playToStop(page, epochs, message) {
  await page.click('[data-testid="play"]');
  await waitFor(async () => {
    const r = await run(page);
    return r.epoch >= epochs && r.status === 'paused';
  }, { timeout: 120_000, message });
}

export default [
  {
    name: 'autoencoder: the template trains on the digits, the latent plane scatters the test codes, a drag decodes a digit live',
    timeout: 180_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        const t0 = Date.now();
        // Lean by default (2 epochs of 900 digits); for screenshots, lesson 37's setting (3 epochs of 1,800).
        const shots = Boolean(process.env.SHOTS_DIR);
        const [points, epochs] = shots ? [2000, 3] : [1000, 2];
        const exp = await trainTemplate(page, 'autoencoder2d', { points, epochs });
        assert(exp.dataset.kind === 'mnist' && exp.dataset.target === 'input', JSON.stringify(exp.dataset));
        await playToStop(page, epochs, `the autoencoder trains ${epochs} epochs and stops`);
        const trained = Date.now() - t0;
        // No class views for an autoencoder: its reconstruction of the probe and a note instead.
        await page.locator('[data-testid="reconstruction"] canvas').first().waitFor({ timeout: 20_000 });
        assert((await page.locator('[data-testid="confusion"]').count()) === 0, 'no confusion matrix');

        await openToolTab(page, 'latent');
        const plane = page.locator('[data-testid="latent-plane"]');
        await plane.waitFor({ timeout: 60_000 });
        const nTest = String(points / 10);
        assert((await plane.getAttribute('data-points')) === nTest, `points ${await plane.getAttribute('data-points')}`);
        const scatter = await pixels(page, 'latent-plane');
        assert(scatter.colours > 5, `the plane has ${scatter.colours} colour(s)`);
        await waitFor(async () => (await page.locator('[data-testid="latent-decoded"]').getAttribute('data-z')) !== '', { timeout: 20_000, message: 'the centre decodes' });
        const centre = await pixels(page, 'latent-decoded');
        assert(centre.colours > 2, `decoded centre has ${centre.colours} colour(s)`);
        const grid = await pixels(page, 'latent-grid');
        assert(grid.colours > 2, `the 8×8 grid has ${grid.colours} colour(s)`);

        // Drag from the centre to a corner: the point follows and the digit changes.
        await plane.scrollIntoViewIfNeeded();
        const box = await plane.boundingBox();
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.35, { steps: 5 });
        await page.mouse.move(box.x + box.width * 0.08, box.y + box.height * 0.1, { steps: 5 });
        await page.mouse.up();
        const z0 = await page.locator('[data-testid="latent-decoded"]').getAttribute('data-z');
        let seen = '';
        await waitFor(async () => {
          const z = await page.locator('[data-testid="latent-decoded"]').getAttribute('data-z');
          const [x, y] = z.split(',').map(Number);
          const ext = await page.evaluate(() => Array.from(window.__gg.store.getState().tools.latent.result.extent));
          seen = `${z} in ${ext.map((v) => v.toFixed(2))}`;
          // The corner's point: left and top of the plane.
          return x < ext[0] + 0.15 * (ext[1] - ext[0]) && y > ext[3] - 0.15 * (ext[3] - ext[2]);
        }, { timeout: 20_000, message: `the drag's last point is decoded (was ${z0}, then ${seen}; box ${JSON.stringify(box)})` });
        const corner = await pixels(page, 'latent-decoded');
        assert(corner.sum !== centre.sum, 'the decoded digit changed');
        // Keys move the point too.
        await plane.focus();
        const zBefore = await page.locator('[data-testid="latent-decoded"]').getAttribute('data-z');
        await page.keyboard.press('ArrowRight');
        await waitFor(async () => (await page.locator('[data-testid="latent-decoded"]').getAttribute('data-z')) !== zBefore, { timeout: 10_000, message: 'an arrow key moves the point' });
        console.log(`    trained ${epochs} epochs of ${points * 0.9} digits in ${trained} ms (backend ${await page.evaluate(() => window.__gg.store.getState().runs[window.__gg.store.getState().activeRunId]?.backend ?? '?')}); latent ${await page.locator('[data-testid="latent-separation"]').textContent()}`);

        const dir = process.env.SHOTS_DIR;
        if (dir) {
          for (const locale of ['en', 'zh-CN']) {
            await page.evaluate((l) => window.__gg.store.getState().setLocale(l), locale);
            for (const [w, h] of [[1440, 900], [1280, 720]]) {
              await page.setViewportSize({ width: w, height: h });
              await page.locator('[data-testid="tool-latent"]').scrollIntoViewIfNeeded();
              await page.waitForTimeout(300);
              await page.screenshot({ path: `${dir}/latent-${locale}-${w}x${h}.png` });
              await page.locator('[data-testid="reconstruction"]').scrollIntoViewIfNeeded();
              await page.waitForTimeout(200);
              await page.screenshot({ path: `${dir}/recon-${locale}-${w}x${h}.png` });
            }
          }
        }
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'vae: the VAE template trains, its latent plane covers the prior, the KL term shows, a prior sample decodes, the editor shows the Sampling node',
    timeout: 120_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        const t0 = Date.now();
        const shots = process.env.SHOTS_DIR;
        const exp = await trainTemplate(page, 'vae2d', { points: 1000, epochs: 2 });
        assert(exp.dataset.target === 'input', JSON.stringify(exp.dataset));
        const z = exp.network.nodes.find((n) => n.id === 'z');
        assert(z && z.type === 'Sampling' && z.inputs.join() === 'mean,logVar' && z.params.beta === 1, JSON.stringify(z));
        await playToStop(page, 2, 'the VAE trains 2 epochs and stops');
        const trained = Date.now() - t0;

        await openToolTab(page, 'latent');
        const plane = page.locator('[data-testid="latent-plane"]');
        await plane.waitFor({ timeout: 60_000 });
        assert((await plane.getAttribute('data-points')) === '100', `points ${await plane.getAttribute('data-points')}`);
        const scatter = await pixels(page, 'latent-plane');
        assert(scatter.colours > 5, `the plane has ${scatter.colours} colour(s)`);
        const r = await page.evaluate(() => {
          const res = window.__gg.store.getState().tools.latent.result;
          return { node: res.node, extent: Array.from(res.extent), vae: res.vae };
        });
        assert(r.node === 'z' && r.vae, `bottleneck ${r.node}, vae ${JSON.stringify(r.vae)}`);
        assert(r.extent[0] <= -3 && r.extent[1] >= 3 && r.extent[2] <= -3 && r.extent[3] >= 3, `the plane covers ±3: ${r.extent}`);
        assert(r.vae.gridExtent.join() === '-3,3,-3,3', `lattice ${r.vae.gridExtent}`);
        assert(Number.isFinite(r.vae.kl) && r.vae.kl > 0, `KL ${r.vae.kl}`);
        const klText = await page.locator('[data-testid="latent-kl"]').textContent();
        assert(/KL term on these images: [\d.]+ nats/.test(klText), klText);
        await waitFor(async () => (await page.locator('[data-testid="latent-decoded"]').getAttribute('data-z')) !== '', { timeout: 20_000, message: 'the centre decodes' });
        const centre = await pixels(page, 'latent-decoded');
        // A point away from the centre decodes to another image.
        await plane.scrollIntoViewIfNeeded();
        const box = await plane.boundingBox();
        await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.3);
        await waitFor(async () => (await pixels(page, 'latent-decoded')).sum !== centre.sum, { timeout: 20_000, message: 'the decoded digit changes with the point' });

        await page.click('[data-testid="latent-prior"]');
        const samples = page.locator('[data-testid="latent-prior-images"]');
        await samples.waitFor({ timeout: 20_000 });
        const first = await samples.getAttribute('data-points');
        assert(first.split(',').length === 16, `8 codes: ${first}`);
        const prior = await pixels(page, 'latent-prior-images');
        assert(prior.colours > 2, `prior samples have ${prior.colours} colour(s)`);
        await page.click('[data-testid="latent-prior"]');
        await waitFor(async () => (await samples.getAttribute('data-points')) !== first, { timeout: 20_000, message: 'a second press draws new codes' });
        console.log(`    VAE trained 2 epochs of 900 digits in ${trained} ms; ${klText}; ${await page.locator('[data-testid="latent-moments"]').textContent()}`);

        if (shots) await localeShots(page, shots, 'vae-latent', page.locator('[data-testid="tool-latent"]'));
        // The graph editor: the Sampling node between the two heads and the decoder, no error on it.
        await page.click('[data-testid="tab-graph"]');
        const node = page.locator('.react-flow__node[data-id="z"]');
        await node.waitFor({ timeout: 20_000 });
        assert(!/error/i.test((await node.getAttribute('class')) ?? ''), 'the Sampling node has no error');
        if (shots) {
          for (const locale of ['en', 'zh-CN']) {
            await page.evaluate((l) => window.__gg.store.getState().setLocale(l), locale);
            for (const [w, h] of [[1440, 900], [1280, 720]]) {
              await page.setViewportSize({ width: w, height: h });
              await node.click();
              // Fit the whole network into the canvas beside the inspector.
              await page.click('button:has-text("⤢")');
              await page.waitForTimeout(400);
              // Pan so the heads, the Sampling node and the decoder's start are in view beside the inspector.
              const pane = await page.locator('.react-flow__pane').boundingBox();
              const nodeBox = await node.boundingBox();
              const dx = Math.min(0, pane.x + pane.width - 120 - (nodeBox.x + nodeBox.width));
              await page.mouse.move(pane.x + pane.width / 2, pane.y + 40);
              await page.mouse.down();
              await page.mouse.move(pane.x + pane.width / 2 + dx, pane.y + 40, { steps: 8 });
              await page.mouse.up();
              await page.waitForTimeout(300);
              await page.screenshot({ path: `${shots}/vae-editor-${locale}-${w}x${h}.png` });
            }
          }
        }
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'vae: the Sampling layer trains on WebGL in the worker, its KL term reported',
    timeout: 120_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await trainTemplate(page, 'vae2d', { points: 300, epochs: 2, backend: 'webgl' });
        await playToStop(page, 2, 'the VAE trains 2 epochs on WebGL');
        const r = await run(page);
        assert(r.backend === 'webgl' && r.host === 'worker', `ran on ${r.backend} in the ${r.host}`);
        await openToolTab(page, 'latent');
        await page.locator('[data-testid="latent-kl"]').waitFor({ timeout: 60_000 });
        const v = await page.evaluate(() => {
          const s = window.__gg.store.getState();
          const run = s.runs[s.activeRunId];
          return { vae: s.tools.latent.result.vae, loss: s.tools.latent.result.loss, testLoss: run.latest?.testLoss ?? null };
        });
        assert(Number.isFinite(v.vae.kl) && v.vae.kl > 0 && Number.isFinite(v.loss) && v.loss < 0.69, `WebGL VAE: ${JSON.stringify(v)}`);
        console.log(`    WebGL: reconstruction ${v.loss.toFixed(3)}, KL ${v.vae.kl.toFixed(2)} nats, codes' deviation (${v.vae.std.map((x) => x.toFixed(2))})`);
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
