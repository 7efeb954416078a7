// The autoencoder (issue 16, generation): the template opened from the dialog, trained briefly on
// 1,000 digits, the latent-space tab's plane and a pointer drag that decodes a digit live.
// With SHOTS_DIR set, the test also saves the tab in English and Chinese at 1440×900 and 1280×720.
import { openApp, assert, waitFor } from './harness.mjs';
import { run } from './pageDriver.mjs';

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

export default [
  {
    name: 'autoencoder: the template trains on the digits, the latent plane scatters the test codes, a drag decodes a digit live',
    timeout: 180_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        const t0 = Date.now();
        await page.click('[data-tour="templates"]');
        await page.click('[data-testid="template-autoencoder2d"]');
        await page.locator('[data-testid="image-lab"]').waitFor({ timeout: 30_000 });
        // Lean by default (2 epochs of 900 digits); for screenshots, lesson 37's setting (3 epochs of 1,800).
        const shots = Boolean(process.env.SHOTS_DIR);
        const [points, epochs] = shots ? [2000, 3] : [1000, 2];
        const exp = await page.evaluate(([n, e]) => {
          const s = window.__gg.store.getState();
          s.apply({ type: 'dataset', patch: { numPoints: n } });
          s.apply({ type: 'stopRule', patch: { epochs: e } });
          return window.__gg.store.getState().experiment;
        }, [points, epochs]);
        assert(exp.dataset.kind === 'mnist' && exp.dataset.target === 'input', JSON.stringify(exp.dataset));
        await page.click('[data-testid="play"]');
        await waitFor(async () => {
          const r = await run(page);
          return r.epoch >= epochs && r.status === 'paused';
        }, { timeout: 120_000, message: `the autoencoder trains ${epochs} epochs and stops` });
        const trained = Date.now() - t0;
        // No class views for an autoencoder: its reconstruction of the probe and a note instead.
        await page.locator('[data-testid="reconstruction"] canvas').first().waitFor({ timeout: 20_000 });
        assert((await page.locator('[data-testid="confusion"]').count()) === 0, 'no confusion matrix');

        await page.locator('[data-testid="tools-panel"] summary').click();
        await page.click('[data-testid="tool-tab-latent"]');
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
];
