import { assert, openApp, screenshot, waitFor } from './harness.mjs';

/** The lab's state, read through the store handle. */
const lab = (page) =>
  page.evaluate(() => {
    const s = window.__gg.store.getState();
    const r = s.runs[s.activeRunId];
    return {
      status: r.status,
      step: r.step,
      backend: r.backend,
      problem: r.problem,
      nTrain: r.part.dataInfo?.nTrain ?? 0,
      probeIndex: r.part.images?.testIndex ?? null,
      imagesStep: r.part.images ? r.step : null,
      output: r.part.images ? Array.from(r.part.images.output) : null,
      report: r.part.testReport ? { step: r.part.testReport.step, correct: r.part.testReport.correct, total: r.part.testReport.total } : null,
    };
  });

/** A fingerprint of a canvas's pixels (and whether it is one flat colour). */
const canvasPixels = (page, selector) =>
  page.evaluate((sel) => {
    const c = document.querySelector(sel);
    if (!c) return null;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum = (sum + d[i] * 3 + d[i + 1] * 5 + d[i + 2] * 7 * ((i >> 2) % 13)) % 1e12;
    return { sum, flat: d.every((v, i) => v === d[i % 4]) };
  }, selector);

async function openLeNet(page, backend) {
  await page.evaluate((backend) => {
    const gg = window.__gg;
    gg.store.getState().setBackendPref(backend);
    gg.openTemplate('lenet5');
  }, backend);
  await page.locator('[data-testid="image-lab"]').waitFor({ timeout: 30_000 });
  await waitFor(async () => {
    const r = await lab(page);
    return r.nTrain === 9000 && r.output && r.status === 'paused';
  }, { timeout: 120_000, message: 'MNIST loaded, LeNet-5 built and probed' });
}

export default [
  {
    name: 'LeNet-5 trains on MNIST on WebGL: feature maps, kernels and the test report change',
    timeout: 400_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await openLeNet(page, 'webgl');
        const r0 = await lab(page);
        assert(r0.backend === 'webgl', `the worker runs on ${r0.backend}`);
        assert(r0.report && r0.report.total === 1000, `a test report over the 1,000 test images: ${JSON.stringify(r0.report)}`);
        const maps0 = await canvasPixels(page, '[data-testid="map-canvas-conv2"]');
        const kernels0 = await canvasPixels(page, '[data-testid="kernel-canvas-conv1"]');
        assert(maps0 && !maps0.flat, 'conv2 feature maps are painted');
        assert(kernels0 && !kernels0.flat, 'conv1 kernels are painted');
        await screenshot(page, 'cnn-before');
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await lab(page)).step >= 40, { timeout: 300_000, interval: 250, message: '40 training steps on WebGL' });
        await page.click('[data-testid="play"]'); // pause: the views and a full test pass follow
        await waitFor(async () => {
          const r = await lab(page);
          return r.status === 'paused' && r.report?.step === r.step && r.imagesStep === r.step;
        }, { timeout: 120_000, message: 'paused with fresh views and report' });
        await page.waitForTimeout(300);
        const r1 = await lab(page);
        const maps1 = await canvasPixels(page, '[data-testid="map-canvas-conv2"]');
        const kernels1 = await canvasPixels(page, '[data-testid="kernel-canvas-conv1"]');
        assert(maps1.sum !== maps0.sum, 'conv2 feature maps changed while training');
        assert(kernels1.sum !== kernels0.sum, 'conv1 kernels changed while training');
        assert(r1.report.correct !== r0.report.correct, `test accuracy moved: ${r0.report.correct} → ${r1.report.correct} of 1000`);
        const bars = await page.locator('[data-testid="prob-bars"] [role="listitem"]').count();
        assert(bars === 10, `ten probability bars, got ${bars}`);
        const cells = await page.locator('[data-testid="confusion"] td').count();
        assert(cells === 100, `10×10 confusion matrix, got ${cells} cells`);
        await screenshot(page, 'cnn-after');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'drawing on the pad gives a prediction and feature maps for the drawing',
    timeout: 300_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await openLeNet(page, 'auto');
        const before = await lab(page);
        assert(before.probeIndex === 0, `the first test image is probed: ${before.probeIndex}`);
        const maps0 = await canvasPixels(page, '[data-testid="map-canvas-conv1"]');
        const pad = page.locator('[data-testid="drawing-pad"]');
        await pad.scrollIntoViewIfNeeded();
        const box = await pad.boundingBox();
        // A "7": a bar across the top, then a stroke down to the lower left.
        const at = (fx, fy) => [box.x + fx * box.width, box.y + fy * box.height];
        await page.mouse.move(...at(0.25, 0.22));
        await page.mouse.down();
        for (const [fx, fy] of [[0.45, 0.22], [0.72, 0.22], [0.6, 0.45], [0.5, 0.65], [0.42, 0.82]]) await page.mouse.move(...at(fx, fy), { steps: 8 });
        await page.mouse.up();
        // The views show the finished drawing (as the network takes it: padded to 32×32).
        await waitFor(
          () =>
            page.evaluate(() => {
              const s = window.__gg.store.getState();
              const im = s.runs[s.activeRunId].part.images;
              if (!s.drawing || !im || im.testIndex !== -1) return false;
              for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) if (Math.abs(im.input.values[(y + 2) * 32 + x + 2] - s.drawing[y * 28 + x]) > 1e-6) return false;
              return s.drawing.some((v) => v > 0.5);
            }),
          { timeout: 30_000, message: 'the finished drawing is probed' },
        );
        await page.waitForTimeout(300);
        const r = await lab(page);
        const total = r.output.reduce((a, b) => a + b, 0);
        assert(Math.abs(total - 1) < 1e-3, `probabilities sum to 1: ${total}`);
        const heading = await page.textContent('.output-panel h3');
        assert(/drawing/i.test(heading), `the prediction is for the drawing: ${heading}`);
        const maps1 = await canvasPixels(page, '[data-testid="map-canvas-conv1"]');
        assert(maps1.sum !== maps0.sum, 'conv1 maps now show the drawing');
        await screenshot(page, 'cnn-drawing');
        // Picking a test image goes back to it.
        await page.click('[data-testid="probe-3"]');
        await waitFor(async () => (await lab(page)).probeIndex === 3, { timeout: 30_000, message: 'test image 3 probed' });
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
