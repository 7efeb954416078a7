// Helpers shared by tests/browser/*.browser.mjs.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const OUT_DIR = fileURLToPath(new URL('./out/', import.meta.url));

// "(at url:line)": for "Failed to load resource" the text alone does not say which one.
const where = (msg) => {
  const { url, lineNumber } = msg.location();
  return url ? `(at ${url}:${lineNumber})` : '';
};

// Opens the app in a fresh context. Console errors (page and Web Workers) and
// uncaught page errors are collected into `errors` (also `page.__errors`).
// `touch`: a touch screen (hasTouch, so Chromium matches `pointer: coarse`), not a phone's browser.
export async function openApp(browser, baseUrl, { path = '/', hash = '', locale = 'en-US', viewport = { width: 1400, height: 900 }, touch = false } = {}) {
  // No service worker: once it controls the page its fetches bypass page.route, so a test that
  // cuts the MNIST download would race the worker's claim (offline.browser.mjs tests the worker).
  const context = await browser.newContext({ viewport, locale, serviceWorkers: 'block', ...(touch ? { hasTouch: true, isMobile: false } : {}) });
  const page = await context.newPage();
  const errors = [];
  page.__errors = errors;
  page.on('console', (msg) => {
    // Worker messages are also reported on the page; count them once, below.
    if (msg.type() === 'error' && !msg.worker()) errors.push(`console: ${msg.text()} ${where(msg)}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.stack || err.message}`));
  page.on('worker', (worker) => {
    worker.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`worker console: ${msg.text()} ${where(msg)}`);
    });
  });
  const h = hash && !hash.startsWith('#') ? `#${hash}` : hash;
  await page.goto(baseUrl + path + h);
  await page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached', timeout: 60_000 });
  return { context, page, errors };
}

export async function screenshot(page, name) {
  await mkdir(OUT_DIR, { recursive: true });
  const file = `${OUT_DIR}${name}.png`;
  await page.screenshot({ path: file });
  return file;
}

export function assert(cond, message = 'assertion failed') {
  if (!cond) throw new Error(message);
}

// Polls an (async) predicate from Node until it returns a truthy value, which is returned.
export async function waitFor(fn, { timeout = 30_000, interval = 100, message = 'waitFor timed out' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${message} (after ${timeout} ms)`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Screenshots with `locator` in view, in English and Chinese at 1440×900 and 1280×720, as
 * `${dir}/${name}-${locale}-${w}x${h}.png` (`fullPage`: also `…-full.png` of the whole page); the
 * page is left in English.
 */
export async function localeShots(page, dir, name, locator, { fullPage = false } = {}) {
  await mkdir(dir, { recursive: true });
  for (const locale of ['en', 'zh-CN']) {
    await page.evaluate((l) => window.__gg.store.getState().setLocale(l), locale);
    for (const [w, h] of [
      [1440, 900],
      [1280, 720],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      await locator.scrollIntoViewIfNeeded();
      await page.waitForTimeout(200);
      await page.screenshot({ path: `${dir}/${name}-${locale}-${w}x${h}.png` });
      if (fullPage) await page.screenshot({ path: `${dir}/${name}-${locale}-${w}x${h}-full.png`, fullPage: true });
    }
  }
  await page.evaluate(() => window.__gg.store.getState().setLocale('en'));
}
