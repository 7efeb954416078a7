// The lessons in the real app. The play-through is generic: it reads the lesson list from the
// map and each step's shape from the panel, so every group's lessons are covered once imported.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, assert, waitFor, screenshot } from './harness.mjs';

/** Per step with a check; slower lessons (CNNs on the CPU) may raise it: LESSON_STEP_TIMEOUT_MS. */
const STEP_TIMEOUT = Number(process.env.LESSON_STEP_TIMEOUT_MS) || 90_000;

async function lessonIds(browser, baseUrl) {
  const { context, page } = await openApp(browser, baseUrl, { path: '/?lessons' });
  try {
    await page.locator('[data-lesson-id]').first().waitFor({ timeout: 30_000 });
    return await page.locator('[data-lesson-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-lesson-id')));
  } finally {
    await context.close();
  }
}

async function panelState(page) {
  return page.locator('[data-testid="lesson-panel"]').evaluate((el) => ({
    step: Number(el.getAttribute('data-step')),
    steps: Number(el.getAttribute('data-steps')),
    hasCheck: el.getAttribute('data-has-check') === 'true',
  }));
}

async function playThrough(browser, baseUrl, id) {
  const loadStart = Date.now();
  const { context, page, errors } = await openApp(browser, baseUrl, { path: `/?lesson=${encodeURIComponent(id)}&step=1` });
  try {
    await page.locator('[data-testid="lesson-panel"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="backend-pref"]').selectOption('cpu');
    const times = [`load ${((Date.now() - loadStart) / 1000).toFixed(1)} s`];
    for (;;) {
      const stepStart = Date.now();
      const { step, steps, hasCheck } = await panelState(page);
      const showMe = page.locator('[data-testid="lesson-show-me"]');
      if (await showMe.count()) await showMe.click();
      if (hasCheck) {
        await waitFor(async () => (await page.locator('[data-testid="lesson-check"]').getAttribute('data-done')) === 'true', {
          timeout: STEP_TIMEOUT,
          interval: 250,
          message: `${id}: step ${step}'s check "${await page.locator('[data-testid="lesson-check"]').textContent()}" never held`,
        });
      }
      times.push(`${step}: ${((Date.now() - stepStart) / 1000).toFixed(1)} s`);
      if (step === steps) break;
      await page.locator('[data-testid="lesson-next"]').click();
      await waitFor(async () => (await panelState(page)).step === step + 1, { message: `${id}: Next did not open step ${step + 1}` });
    }
    await page.locator('[data-testid="lesson-next"]').click();
    // Finishing opens the map with the lesson marked done.
    await page.locator(`[data-lesson-id="${id}"][data-done="true"]`).waitFor({ timeout: 10_000 });
    assert(errors.length === 0, `${id}: console errors:\n  ${errors.join('\n  ')}`);
    console.log(`    ${id} per step: ${times.join(', ')}`);
  } catch (err) {
    await screenshot(page, `lesson-${id}-failed`).catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
}

/**
 * The lessons, read from their source files (lesson id and order), so each gets a test of its own;
 * the first test checks this list against the map the app shows, so none can be missed.
 */
function lessonsInSource() {
  const root = fileURLToPath(new URL('../../src/lessons/content/', import.meta.url));
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/^\s*id: '([a-z0-9-]+)',\s*\n\s*section: '[a-z]+',\s*\n\s*order: (\d+),/gm)) found.push({ id: m[1], order: Number(m[2]) });
      }
    }
  };
  walk(root);
  return found.sort((a, b) => a.order - b.order).map((l) => l.id);
}

const IDS = lessonsInSource();

export default [
  {
    name: 'lessons: the map lists every lesson of the source, in order',
    async run({ browser, baseUrl }) {
      const ids = await lessonIds(browser, baseUrl);
      assert(ids.length > 0 && ids[0] === 'playground-tour', `lesson list: ${ids.join(', ')}`);
      assert(JSON.stringify(ids) === JSON.stringify(IDS), `the map (${ids.join(', ')}) and the source (${IDS.join(', ')}) agree`);
    },
  },
  ...IDS.map((id) => ({
    name: `lesson ${id}: plays through with Show me on the CPU backend`,
    timeout: 15 * 60_000,
    async run({ browser, baseUrl }) {
      const start = Date.now();
      await playThrough(browser, baseUrl, id);
      console.log(`    ${id}: ${Math.round((Date.now() - start) / 1000)} s`);
    },
  })),
  {
    name: 'lessons: the first screen does not load the lessons’ text; the map loads it',
    async run({ browser, baseUrl }) {
      const LESSONS_CHUNK = /\/assets\/lessons-[^/"]*\.js/;
      const html = await (await fetch(`${baseUrl}/`)).text();
      assert(!LESSONS_CHUNK.test(html), 'index.html neither loads nor preloads the lessons');
      // A fresh profile's welcome names lesson 1 (it loads them); answered, a reload is the plain first screen.
      const { context, page } = await openApp(browser, baseUrl, { path: '/' });
      try {
        await page.locator('[data-testid="welcome-play"]').click();
        await page.reload();
        await page.locator('[data-testid="app-ready"]').waitFor();
        await page.waitForTimeout(500);
        const chunks = [];
        page.on('request', (r) => LESSONS_CHUNK.test(r.url()) && chunks.push(r.url()));
        const early = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\/assets\/lessons-[^/]*\.js$/.test(n)));
        assert(early.length === 0, `the first screen fetched ${early.join(', ')}`);
        await page.locator('[data-testid="lessons-button"]').click();
        await page.locator('[data-lesson-id="playground-tour"]').waitFor({ timeout: 10_000 });
        assert(chunks.length === 1, `the map fetched the lessons once (${chunks.length})`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'lessons: ?lessons&lang=zh-CN opens the map in Chinese',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl, { path: '/?lessons&lang=zh-CN' });
      try {
        const map = page.locator('[data-testid="lesson-map"]');
        await map.waitFor({ timeout: 30_000 });
        const title = await map.locator('h2').textContent();
        assert(title === '课程', `map title: ${title}`);
        assert((await map.locator('h3').first().textContent()) === '入门', 'the first section is 入门');
        const first = map.locator('[data-lesson-id="playground-tour"]');
        assert((await first.locator('h4').textContent()).includes('游乐场导览'), 'lesson 1 in Chinese');
        assert((await page.locator('[data-testid="lessons-button"]').textContent()) === '课程', 'the header button in Chinese');
        // Starting a lesson from the map opens the panel on step 1.
        await first.locator('button').click();
        await page.locator('[data-testid="lesson-panel"][data-step="1"]').waitFor();
        assert((await page.locator('[data-testid="lesson-step"]').textContent()).includes('第 1 步'), 'step counter in Chinese');
        await page.locator('.lesson-text .katex').first().waitFor({ timeout: 15_000 });
        await screenshot(page, 'lessons-zh');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'lessons: an unknown ?lesson= shows a notice and the app still trains',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl, { path: '/?lesson=nope' });
      try {
        const notice = page.locator('[data-testid="notice"]');
        await notice.waitFor({ timeout: 30_000 });
        assert((await notice.textContent()).includes('"nope"'), `notice: ${await notice.textContent()}`);
        assert((await page.locator('[data-testid="lesson-panel"]').count()) === 0, 'no panel for an unknown lesson');
        await page.locator('[data-testid="play"]').click();
        await waitFor(() => page.evaluate(() => window.__gg.store.getState().runs[window.__gg.store.getState().activeRunId].step > 20), { message: 'trains', timeout: 60_000 });
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'lessons: the welcome shows on a fresh profile, once',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        const welcome = page.locator('[data-testid="welcome"]');
        await welcome.waitFor({ timeout: 30_000 });
        await page.locator('[data-testid="welcome-play"]').click();
        assert((await welcome.count()) === 0, 'answered: gone');
        await page.reload();
        await page.locator('[data-testid="app-ready"]').waitFor();
        await page.waitForTimeout(500);
        assert((await welcome.count()) === 0, 'not shown after a reload');
        // Nor over a shared link, nor on a lesson link, in a fresh profile.
        const fresh = await openApp(browser, baseUrl, { path: '/?lesson=playground-tour' });
        await fresh.page.locator('[data-testid="lesson-panel"]').waitFor();
        assert((await fresh.page.locator('[data-testid="welcome"]').count()) === 0, 'no welcome over a lesson link');
        await fresh.context.close();
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'lessons: the welcome starts lesson 1',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await page.locator('[data-testid="welcome-start"]').click();
        await page.locator('[data-testid="lesson-panel"][data-lesson="playground-tour"][data-step="1"]').waitFor();
        // The step's target is ringed.
        await page.locator('[data-tour="dataset"].tour-target').first().waitFor({ timeout: 5_000 });
        // The address follows the step, so a reload comes back to it.
        await page.locator('[data-testid="lesson-next"]').click();
        await waitFor(() => page.url().includes('lesson=playground-tour&step=2'), { message: `address: ${page.url()}` });
        await page.reload();
        await page.locator('[data-testid="lesson-panel"][data-step="2"]').waitFor();
        await page.locator('[data-testid="lesson-close"]').click();
        await waitFor(() => !page.url().includes('lesson='), { message: `closed: ${page.url()}` });
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
