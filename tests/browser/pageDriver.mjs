// A small page object for the playground: reads state through the store handle the app exposes
// (window.__gg.store) and acts through the real controls wherever a learner would.
export const run = (page) =>
  page.evaluate(() => {
    const s = window.__gg.store.getState();
    const r = s.runs[s.activeRunId];
    return {
      status: r.status,
      step: r.step,
      epoch: r.epoch,
      backend: r.backend,
      host: r.host,
      latest: r.latest,
      problem: r.problem,
      history: r.history.length,
    };
  });

export const experiment = (page) => page.evaluate(() => JSON.stringify(window.__gg.store.getState().experiment));

export const apply = (page, change) => page.evaluate((c) => window.__gg.store.getState().apply(c), change);

/**
 * Unfold the training bar's "More…" and wait until it is open. A click can miss when the bar moves
 * under it as the page finishes loading (the welcome card arrives with the lessons' chunk): retried.
 */
export async function openMore(page) {
  const details = page.locator('[data-testid="more-controls"]');
  const deadline = Date.now() + 30_000;
  while (!(await details.evaluate((d) => d.open))) {
    if (Date.now() > deadline) throw new Error('"More…" did not open');
    await page.click('[data-testid="more-toggle"]');
    await page.waitForTimeout(100);
  }
}

/** Unfold the tools panel under the lab and open one of its tabs (`tool-tab-<tab>`). */
export async function openToolTab(page, tab) {
  await page.locator('[data-testid="tools-panel"] summary').click();
  await page.click(`[data-testid="tool-tab-${tab}"]`);
}

/** A cheap fingerprint of the decision-boundary canvas's pixels. */
export const boundaryPixels = (page) =>
  page.evaluate(() => {
    const c = document.querySelector('[data-testid="boundary-canvas"]');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += d[i] * 3 + d[i + 1] * 5 + d[i + 2] * 7;
    return { sum, blank: d.every((v, i) => i % 4 === 3 || v === d[i % 4]) };
  });

/** The share link the app would give, exactly as the Share dialog shows it. */
export async function shareLink(page) {
  await page.click('[data-testid="share"]');
  const url = await page.locator('[data-testid="share-url"]').inputValue();
  await page.keyboard.press('Escape');
  return url;
}
