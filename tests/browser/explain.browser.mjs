// Explanations (issue 16): attribution maps in the image lab and token colours in the sequence lab,
// made from the tools panel on a network trained a few seconds. Screenshots go to SHOTS_DIR.
import { mkdir } from 'node:fs/promises';
import { openApp, assert, waitFor } from './harness.mjs';
import { run, openToolTab } from './pageDriver.mjs';

const SHOTS = process.env.SHOTS_DIR ?? '';

async function shots(page, name, target) {
  if (!SHOTS) return;
  await mkdir(SHOTS, { recursive: true });
  for (const [w, h] of [
    [1440, 900],
    [1280, 720],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await page.locator(target).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/${name}-${w}x${h}.png` });
  }
  await page.setViewportSize({ width: 1400, height: 900 });
}

/** Distinct colours and the spread of a canvas's pixels (a blank or flat canvas has one colour). */
const canvasStats = (page, testId) =>
  page.evaluate((id) => {
    const c = document.querySelector(`[data-testid="${id}"]`);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 4) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return { colours: colours.size, pixels: d.length / 4 };
  }, testId);

async function trainPaused(page, steps) {
  await page.click('[data-testid="play"]');
  await waitFor(async () => (await run(page)).step >= steps, { timeout: 120_000, message: `trains ${steps} steps` });
  await page.click('[data-testid="play"]');
  await waitFor(async () => (await run(page)).status === 'paused', { message: 'paused' });
}

export default [
  {
    name: 'explain: saliency and Grad-CAM of a CNN trained a few steps on shapes, drawn over the probe image',
    timeout: 240_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await page.evaluate(() => {
          const s = window.__gg.store.getState();
          s.setBackendPref('cpu');
          s.apply({ type: 'dataset', patch: { kind: 'shapes', numPoints: 600 } });
        });
        await page.locator('[data-testid="image-lab"]').waitFor({ timeout: 30_000 });
        await trainPaused(page, 40);
        await openToolTab(page, 'explain');
        await page.click('[data-testid="attr-run"]');
        await page.locator('[data-testid="attr-result"][data-method="saliency"]').waitFor({ timeout: 30_000 });
        const sal = await canvasStats(page, 'attr-map');
        assert(sal.pixels === 28 * 28 && sal.colours > 20, `saliency map: ${JSON.stringify(sal)}`);
        const over = await canvasStats(page, 'attr-overlay');
        assert(over.colours > 20, `overlay: ${JSON.stringify(over)}`);
        const caption = await page.locator('[data-testid="attr-caption"]').textContent();
        assert(/logit/.test(caption) && /test image #1/.test(caption), caption);

        await page.selectOption('[data-testid="attr-method"]', { label: 'Grad-CAM' });
        await page.check('[data-testid="attr-elementwise"]');
        await page.click('[data-testid="attr-run"]');
        await page.locator('[data-testid="attr-result"][data-method="gradCam"]').waitFor({ timeout: 30_000 });
        const cam = await canvasStats(page, 'attr-map');
        assert(cam.colours > 5, `Grad-CAM map: ${JSON.stringify(cam)}`);
        const state = await page.evaluate(() => {
          const r = window.__gg.store.getState().tools.explain.result;
          let lo = Infinity;
          let hi = -Infinity;
          for (const v of r.heat) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
          return { layer: r.layerId, lo, hi, n: r.heat.length };
        });
        assert(state.n === 784 && state.hi > state.lo && state.lo >= 0 && state.layer === 'pool2', JSON.stringify(state));
        await shots(page, 'explain-image-en', '[data-testid="tool-explain"]');
        await page.evaluate(() => window.__gg.store.getState().setLocale('zh-CN'));
        await page.locator('text=生成解释').first().waitFor();
        await shots(page, 'explain-image-zh', '[data-testid="tool-explain"]');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'explain: a sentence typed for an LSTM trained a few steps on sentiment, each token coloured',
    timeout: 240_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await page.evaluate(() => {
          window.__gg.store.getState().setBackendPref('cpu');
          window.__gg.openTemplate('lstm');
        });
        await page.locator('[data-testid="sequence-lab"]').waitFor({ timeout: 30_000 });
        await trainPaused(page, 60);
        await openToolTab(page, 'explain');
        await page.fill('[data-testid="attr-sentence"]', 'The movie was really great, zebra');
        await page.click('[data-testid="attr-tokens-run"]');
        await page.locator('[data-testid="attr-tokens-result"]').waitFor({ timeout: 30_000 });
        const tokens = await page.$$eval('[data-testid="attr-token"]', (els) =>
          els.map((e) => ({ text: e.textContent, value: e.dataset.value, bg: getComputedStyle(e).backgroundColor, title: e.title })),
        );
        assert(tokens.map((t) => t.text).join(' ') === 'the movie was really great zebra', JSON.stringify(tokens));
        const valued = tokens.filter((t) => t.value !== '');
        assert(valued.length === 5 && valued.every((t) => Number.isFinite(Number(t.value))), JSON.stringify(tokens));
        assert(new Set(valued.map((t) => t.bg)).size >= 3, `backgrounds ${valued.map((t) => t.bg)}`);
        assert(/not in the vocabulary/.test(tokens[5].title), tokens[5].title);
        await shots(page, 'explain-tokens-en', '[data-testid="tool-tokens"]');
        await page.evaluate(() => window.__gg.store.getState().setLocale('zh-CN'));
        await page.locator('text=给词元着色').first().waitFor();
        await shots(page, 'explain-tokens-zh', '[data-testid="tool-tokens"]');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
