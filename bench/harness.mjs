// Helpers shared by bench/*.bench.mjs.
export { openApp, waitFor, assert } from '../tests/browser/harness.mjs';

// Starts recording main-thread long tasks (>50 ms) of the page into window.__longTasks.
// Call after navigation (the observer lives in the current document). Note: work run
// directly inside page.evaluate() is not reported as a long task; only the page's own tasks are.
export async function measureLongTasks(page) {
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}

// Longest task seen since measureLongTasks(), in ms (0 if none).
export async function maxLongTask(page) {
  return page.evaluate(() => Math.max(0, ...(window.__longTasks ?? [])));
}

export function median(numbers) {
  if (numbers.length === 0) return NaN;
  const s = [...numbers].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

// Records every snapshot that moved training on into window.__arrivals: its time, epochs so far
// (fractional), step and test accuracy.
export async function recordSnapshots(page) {
  await page.evaluate(() => {
    window.__arrivals = [];
    let last = -1;
    window.__gg.store.subscribe((s) => {
      const r = s.runs[s.activeRunId];
      const h = r.history[r.history.length - 1];
      if (h && h.step !== last) {
        last = h.step;
        window.__arrivals.push({ t: performance.now(), progress: h.epoch, step: h.step, testAcc: h.testAcc });
      }
    });
  });
}

// Polls every 250 ms (calling `sample()` each time) until `measureMs` have passed and two recorded
// snapshots lie at least 80 % of it apart, or 180 s; returns the arrivals. Rates come from snapshot
// arrivals, so a backend whose snapshots come seconds apart (WebGL on SwiftShader) is still measured
// between two of them.
export async function collectArrivals(page, measureMs, sample = async () => {}) {
  const t0 = Date.now();
  for (;;) {
    await page.waitForTimeout(250);
    await sample();
    const arrivals = await page.evaluate(() => window.__arrivals);
    const span = arrivals.length >= 2 ? arrivals[arrivals.length - 1].t - arrivals[0].t : 0;
    if ((Date.now() - t0 >= measureMs && span >= measureMs * 0.8) || Date.now() - t0 > 180_000) return arrivals;
  }
}

// Rates between the first and the last recorded snapshot: seconds between them, training examples
// per second (epochs × the training set size) and steps per second; zero rates with fewer than two.
export function ratesOf(arrivals, nTrain) {
  if (arrivals.length < 2) return { seconds: NaN, examplesPerSec: 0, stepsPerSec: 0 };
  const first = arrivals[0];
  const last = arrivals[arrivals.length - 1];
  const seconds = (last.t - first.t) / 1000;
  return { seconds, examplesPerSec: ((last.progress - first.progress) * nTrain) / seconds, stepsPerSec: (last.step - first.step) / seconds };
}
