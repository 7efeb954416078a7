// Training dynamics (issue 15): what measuring costs, in headless Chromium with the panel open.
// - dynamics.histogramOverheadPct: LeNet-5 (template, MNIST, Adam, batch 32, CPU backend forced)
//   training images/s with the dynamics off vs on (every gradient, update, weight, gradient and
//   activation histogram, dead-ReLU count), in the same page: PAIRS alternations of WINDOW_MS each
//   (off, on, off, on …), overhead = 1 − on/off per pair, the median of the pairs;
// - dynamics.maxLongTaskMs: the longest main-thread long task during the "on" windows, the panel
//   scrolled into view (its charts redraw at every probe); maxLongTaskMsOff beside it, the "off" windows.
import { configure } from './cnn.bench.mjs';
import { openApp, maxLongTask, measureLongTasks, median, recordSnapshots, waitFor } from './harness.mjs';

const PAIRS = Number(process.env.BENCH_DYN_PAIRS ?? 4);
const WINDOW_MS = Number(process.env.BENCH_DYN_WINDOW_MS ?? 5000);
/** After switching, this long passes before a window is measured (the switch takes a probe to apply). */
const SETTLE_MS = 1000;

const state = (page) =>
  page.evaluate(() => {
    const s = window.__gg.store.getState();
    const r = s.runs[s.activeRunId];
    return { status: r.status, step: r.step, nTrain: r.part.dataInfo?.nTrain ?? 0, hasImages: !!r.part.images, probes: r.dynamics.length, backend: r.backend };
  });

/**
 * Images/s between two snapshots at least `ms` apart, the first arriving after now (LeNet-5's
 * snapshots on the CPU backend come seconds apart: a fixed window may hold fewer than two).
 */
async function windowRate(page, ms, nTrain) {
  const t0 = await page.evaluate(() => performance.now());
  const span = () =>
    page.evaluate(
      ({ t0, ms }) => {
        const a = window.__arrivals.filter((x) => x.t >= t0);
        return a.length >= 2 && a[a.length - 1].t - a[0].t >= ms ? [a[0], a[a.length - 1]] : null;
      },
      { t0, ms },
    );
  const [a, b] = await waitFor(span, { timeout: 120_000, interval: 200, message: 'two snapshots a window apart' });
  return ((b.progress - a.progress) * nTrain) / ((b.t - a.t) / 1000);
}

export default async function ({ browser, baseUrl, log }) {
  const { context, page } = await openApp(browser, baseUrl);
  try {
    await configure(page, 'lenet', 'cpu');
    await waitFor(async () => {
      const r = await state(page);
      return r.nTrain > 0 && r.hasImages && r.status === 'paused';
    }, { timeout: 120_000, message: 'MNIST loaded and LeNet-5 built' });
    const { nTrain, backend } = await state(page);
    await page.locator('[data-testid="dynamics-panel"]').scrollIntoViewIfNeeded();
    await page.click('[data-testid="play"]');
    await waitFor(async () => (await state(page)).probes >= 2, { timeout: 120_000, message: 'first dynamics probes' });
    await page.waitForTimeout(2000);
    await recordSnapshots(page);
    const setOn = (on) => page.evaluate((on) => window.__gg.store.getState().setDynamicsOn(on), on);
    const pairs = [];
    let longest = 0;
    let longestOff = 0;
    for (let i = 0; i < PAIRS; i++) {
      await setOn(false);
      await page.waitForTimeout(SETTLE_MS);
      await measureLongTasks(page);
      const off = await windowRate(page, WINDOW_MS, nTrain);
      longestOff = Math.max(longestOff, await maxLongTask(page));
      await setOn(true);
      await page.waitForTimeout(SETTLE_MS);
      await measureLongTasks(page);
      const probesBefore = (await state(page)).probes;
      const on = await windowRate(page, WINDOW_MS, nTrain);
      longest = Math.max(longest, await maxLongTask(page));
      const probed = (await state(page)).probes - probesBefore;
      const overhead = (1 - on / off) * 100;
      log(`pair ${i + 1}: off ${off.toFixed(1)} images/s, on ${on.toFixed(1)} images/s (${probed} probes kept), overhead ${overhead.toFixed(1)} %`);
      pairs.push({ off, on, overhead });
    }
    await page.click('[data-testid="play"]');
    return {
      dynamics: {
        histogramOverheadPct: +median(pairs.map((p) => p.overhead)).toFixed(1),
        pairsOverheadPct: pairs.map((p) => +p.overhead.toFixed(1)),
        offImagesPerSec: +median(pairs.map((p) => p.off)).toFixed(1),
        onImagesPerSec: +median(pairs.map((p) => p.on)).toFixed(1),
        maxLongTaskMs: longest,
        // The same page with the dynamics off: what the lab's own views cost on this machine.
        maxLongTaskMsOff: longestOff,
        windowMs: WINDOW_MS,
        backend,
      },
    };
  } finally {
    await context.close();
  }
}
