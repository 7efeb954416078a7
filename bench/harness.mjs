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
