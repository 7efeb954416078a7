// The optimizer race on the learner's own network: the default playground network trained a few
// epochs, a loss slice of it taken (45 × 31 grid, in the engine), then the race's frame time with
// all seven optimizers on that slice (one frame = 2 steps of every lane on the bicubic surface,
// the paths painted, the legend rendered). Median of BENCH_RUNS runs of 300 frames each.
import { median, openApp, waitFor } from './harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const FRAMES = 300;

export default async function ({ browser, baseUrl, log }) {
  const { context, page } = await openApp(browser, baseUrl);
  try {
    const runOf = () => page.evaluate(() => { const s = window.__gg.store.getState(); return s.runs[s.activeRunId]; }).then((r) => ({ epoch: r.epoch, status: r.status, latest: r.latest }));
    await waitFor(async () => (await runOf()).latest, { message: 'the network is built', timeout: 60_000 });
    await page.click('[data-testid="play"]');
    await waitFor(async () => (await runOf()).epoch >= 5, { message: '5 epochs', timeout: 60_000 });
    await page.click('[data-testid="play"]');
    await waitFor(async () => (await runOf()).status === 'paused', { message: 'paused' });
    await page.locator('[data-testid="tab-race"]').click();
    await page.locator('[data-tour="race"]').waitFor({ timeout: 30_000 });

    const sliceMs = [];
    const frameMedians = [];
    const frameP95s = [];
    for (let r = 0; r < RUNS; r++) {
      await page.locator('[data-testid="race-take-slice"]').click();
      await waitFor(async () => (await page.locator('[data-testid="race-slice"]').getAttribute('data-status')) === 'ready', { message: 'the slice', timeout: 60_000 });
      sliceMs.push(await page.evaluate(() => window.__gg.store.getState().lossSlice.data.ms));
      await page.locator('[data-testid="race-reset"]').click();
      await page.evaluate(() => { window.__ggRaceFrames.length = 0; });
      await page.locator('[data-testid="race-play"]').click();
      await waitFor(() => page.evaluate((n) => window.__ggRaceFrames.length >= n, FRAMES), { message: `${FRAMES} frames`, timeout: 60_000 });
      await page.locator('[data-testid="race-play"]').click();
      const frames = await page.evaluate((n) => window.__ggRaceFrames.slice(0, n), FRAMES);
      const sorted = [...frames].sort((a, b) => a - b);
      frameMedians.push(median(frames));
      frameP95s.push(sorted[Math.floor(0.95 * sorted.length)]);
      log(`race on the network slice, run ${r + 1}: frame median ${median(frames).toFixed(2)} ms, p95 ${frameP95s.at(-1).toFixed(2)} ms; slice ${sliceMs.at(-1).toFixed(0)} ms`);
    }
    const surface = await page.inputValue('[data-testid="race-surface"]');
    if (surface !== 'network') throw new Error(`the race ran on ${surface}, not the network slice`);
    return {
      dynamics: {
        raceFrameMs: +median(frameMedians).toFixed(2),
        raceFrameP95Ms: +median(frameP95s).toFixed(2),
        lossSliceMs: Math.round(median(sliceMs)),
      },
    };
  } finally {
    await context.close();
  }
}
