import { assert, openApp, screenshot, waitFor } from './harness.mjs';

/** The sequence lab's state, read through the store handle. */
const lab = (page) =>
  page.evaluate(() => {
    const s = window.__gg.store.getState();
    const r = s.runs[s.activeRunId];
    const q = r.part.sequences;
    const h = r.history[r.history.length - 1];
    return {
      status: r.status,
      step: r.step,
      backend: r.backend,
      problem: r.problem,
      nTrain: r.part.seqInfo?.nTrain ?? 0,
      seqStep: q ? r.step : null,
      attention: q ? q.attention.map((a) => ({ layerId: a.layerId, heads: a.heads, rows: a.rows, cols: a.cols, weights: Array.from(a.weights) })) : [],
      output: q ? Array.from(q.output) : null,
      target: q ? Array.from(q.target) : null,
      source: q ? Array.from(q.source) : null,
      testAcc: h?.testAcc ?? null,
      testLoss: h?.testLoss ?? null,
    };
  });

/** Pixels of every head canvas of the attention grid, concatenated into one fingerprint. */
const headPixels = (page) =>
  page.evaluate(() => {
    const canvases = [...document.querySelectorAll('[data-testid="attention-grid"] [data-testid="attn-head"] canvas')];
    let sum = 0;
    let flat = true;
    for (const c of canvases) {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4) sum = (sum + d[i] * 3 + d[i + 1] * 5 + d[i + 2] * 7 * ((i >> 2) % 13)) % 1e12;
      if (!d.every((v, i) => v === d[i % 4])) flat = false;
    }
    return { count: canvases.length, sum, flat };
  });

async function openTemplate(page, id, backend, expectBackend = backend) {
  await page.evaluate(
    ({ id, backend }) => {
      const gg = window.__gg;
      gg.store.getState().setBackendPref(backend);
      gg.openTemplate(id);
    },
    { id, backend },
  );
  await page.locator('[data-testid="sequence-lab"]').waitFor({ timeout: 30_000 });
  await waitFor(async () => {
    const r = await lab(page);
    if (r.problem) throw new Error(`the run reports ${JSON.stringify(r.problem)}`);
    return r.nTrain > 0 && r.output && r.status === 'paused' && r.backend === expectBackend;
  }, { timeout: 120_000, message: `${id} built and probed on ${expectBackend}` });
}

/** Per head, the mean weight a query puts on the mirrored key (t → T−1−t). */
const antiDiagonal = (a) =>
  Array.from({ length: a.heads }, (_, h) => {
    let sum = 0;
    for (let t = 0; t < a.rows; t++) sum += a.weights[(h * a.rows + t) * a.cols + (a.cols - 1 - t)];
    return sum / a.rows;
  });

/** Mean absolute difference of two equally long arrays. */
const meanAbs = (a, b) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;

export default [
  {
    name: 'the Transformer trains on reverse on WebGL and its attention heatmaps change',
    timeout: 400_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await openTemplate(page, 'transformerEncoder', 'webgl');
        const r0 = await lab(page);
        assert(r0.attention.length === 2 && r0.attention.every((a) => a.heads === 4 && a.rows === 8 && a.cols === 8), `2 layers × 4 heads of 8×8: ${JSON.stringify(r0.attention.map((a) => [a.layerId, a.heads, a.rows, a.cols]))}`);
        for (const a of r0.attention) {
          for (let row = 0; row < a.heads * a.rows; row++) {
            const sum = a.weights.slice(row * a.cols, (row + 1) * a.cols).reduce((x, y) => x + y, 0);
            assert(Math.abs(sum - 1) < 1e-3, `attention rows sum to 1 (row ${row} of ${a.layerId}: ${sum})`);
          }
        }
        const px0 = await headPixels(page);
        assert(px0.count === 8 && !px0.flat, `8 head heatmaps painted: ${JSON.stringify(px0)}`);
        await screenshot(page, 'seq-reverse-before');
        await page.click('[data-testid="play"]');
        // Train until the model reverses most digits right (~100 steps in Node, a minute or two on SwiftShader).
        await waitFor(async () => {
          const r = await lab(page);
          return r.testAcc !== null && r.testAcc >= 0.9;
        }, { timeout: 300_000, interval: 500, message: '90 % test token accuracy on reverse' });
        await page.click('[data-testid="play"]'); // pause: the views follow the weights on screen
        await waitFor(async () => {
          const r = await lab(page);
          return r.status === 'paused' && r.seqStep === r.step;
        }, { timeout: 60_000, message: 'paused with fresh views' });
        await page.waitForTimeout(400); // the lab repaints at most 8× a second
        const r1 = await lab(page);
        const moved = Math.max(...r1.attention.map((a, i) => meanAbs(a.weights, r0.attention[i].weights)));
        assert(moved > 1e-3, `attention weights changed while training (largest mean change ${moved})`);
        const px1 = await headPixels(page);
        assert(px1.sum !== px0.sum && !px1.flat, 'the heatmaps were repainted with the new weights');
        // Reversing, output step t needs input T−1−t: some head now looks along the anti-diagonal.
        const before = Math.max(...r0.attention.flatMap(antiDiagonal));
        const after = Math.max(...r1.attention.flatMap(antiDiagonal));
        assert(after > 0.5 && after > before + 0.2, `a head attends along the anti-diagonal: best share ${before.toFixed(2)} → ${after.toFixed(2)}`);
        await screenshot(page, 'seq-reverse-after');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'an LSTM learns to forecast the sine wave on WebGL and the forecast lines up with the truth',
    timeout: 400_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await openTemplate(page, 'lstmForecast', 'webgl');
        const r0 = await lab(page);
        assert(r0.target.length === 8 && r0.output.length === 8, 'an 8-step forecast');
        const err0 = meanAbs(r0.output, r0.target);
        await page.locator('[data-testid="forecast-chart"]').waitFor({ timeout: 10_000 });
        await page.click('[data-testid="play"]');
        // Train until the test loss is small (MSE < 0.02 on values in [−1, 1]).
        await waitFor(async () => {
          const r = await lab(page);
          return r.testLoss !== null && r.testLoss < 0.02;
        }, { timeout: 300_000, interval: 500, message: 'test MSE below 0.02' });
        await page.click('[data-testid="play"]');
        await waitFor(async () => {
          const r = await lab(page);
          return r.status === 'paused' && r.seqStep === r.step;
        }, { timeout: 60_000, message: 'paused with a fresh forecast' });
        await page.waitForTimeout(400);
        const r1 = await lab(page);
        const err1 = meanAbs(r1.output, r1.target);
        assert(err1 < 0.2 && err1 < err0 / 3, `the probe's forecast lines up: mean error ${err0.toFixed(3)} → ${err1.toFixed(3)}`);
        // The chart draws the seen window, the truth and the forecast.
        for (const id of ['forecast-seen', 'forecast-truth', 'forecast-forecast']) {
          const d = await page.locator(`[data-testid="${id}"]`).getAttribute('d');
          assert(d && d.length > 10, `${id} is drawn`);
        }
        await screenshot(page, 'seq-sine-forecast');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'the mini GPT writes text on request, and its next-character bars follow the temperature on the page',
    timeout: 200_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        // Auto picks the CPU backend on SwiftShader; generation runs one forward pass per character.
        await openTemplate(page, 'miniGpt', 'auto', 'cpu');
        await page.click('[data-testid="step"]');
        await waitFor(async () => (await lab(page)).seqStep === 1, { timeout: 60_000, message: 'one training step' });
        const bars = () => page.locator('[data-testid="next-char-bars"]').innerText();
        const before = await bars();
        await page.locator('[data-testid="gen-temperature"]').fill('0.2');
        await waitFor(async () => (await bars()) !== before, { timeout: 5_000, message: 'the bars follow the temperature slider' });
        const generating = await page.evaluate(() => window.__gg.store.getState().runs[window.__gg.store.getState().activeRunId].part.generating);
        assert(!generating, 'moving the slider asks the engine for nothing');
        await page.click('[data-testid="gen-go"]');
        const generated = await waitFor(
          () => page.evaluate(() => window.__gg.store.getState().runs[window.__gg.store.getState().activeRunId].part.generated),
          { timeout: 120_000, interval: 250, message: 'generated text' },
        );
        assert(Array.from(generated.text).length === 200 && generated.probs.length === 200, `200 characters with their probabilities: ${JSON.stringify(generated.text)}`);
        const shown = await page.locator('[data-testid="generated"]').innerText();
        assert(shown.replace(/\s/g, '').includes(generated.text.slice(0, 30).replace(/\s/g, '')), 'the page shows the generated text');
        await screenshot(page, 'seq-generate');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
