// Screenshots of every lab as a learner sees it: `npm run build && node scripts/screenshots.mjs [outDir] [name-filter]`
// (e.g. `node scripts/screenshots.mjs '' lesson` for the lesson panel and the map only).
// Each lab trains for a few seconds first so its views are filled, then is shot in English and
// Chinese at 1440×900 (desktop), 1280×720 (a projector) and 1024×768 with touch (a school tablet).
// The PNGs go to outDir (default tests/browser/out/screens/); open them and look.
import { mkdir } from 'node:fs/promises';
import { launchChromium } from '../tests/browser/chromium.mjs';
import { startServer } from '../tests/browser/server.mjs';

const outDir = process.argv[2] || new URL('../tests/browser/out/screens/', import.meta.url).pathname;
const only = process.argv[3] ?? '';
const SIZES = [
  { name: '1440x900', viewport: { width: 1440, height: 900 } },
  { name: '1280x720', viewport: { width: 1280, height: 720 } },
  { name: '1024x768-touch', viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: false },
];
const LOCALES = ['en-US', 'zh-CN'];
// What each lab opens on: null keeps the default (the 2-D playground); else a template id.
const LABS = [
  { name: 'points', template: null, trainMs: 3000 },
  { name: 'images', template: 'lenet5', trainMs: 8000 },
  { name: 'sequences', template: 'transformerEncoder', trainMs: 8000 },
  { name: 'editor', template: 'resnet', trainMs: 0, tab: 'graph' },
  // Lesson 1 beside the playground, on its step with a formula, and the map of lessons.
  { name: 'lesson', path: '/?lesson=playground-tour&step=2', template: null, trainMs: 3000 },
  { name: 'lesson-map', path: '/?lessons', template: null, trainMs: 0 },
  // The other labs beside an open lesson: their columns make room for the panel.
  { name: 'lesson-images', path: '/?lesson=playground-tour&step=2', template: 'lenet5', trainMs: 8000 },
  { name: 'lesson-sequences', path: '/?lesson=playground-tour&step=2', template: 'transformerEncoder', trainMs: 8000 },
  // The 2-D playground's backprop step-through, at a forward, a backward and the update step.
  {
    name: 'backprop',
    template: null,
    trainMs: 3000,
    shots: [
      { suffix: 'forward', clicks: ['bp-open', 'bp-worst', 'bp-phase-forward', 'bp-next', 'bp-next'] },
      { suffix: 'backward', clicks: ['bp-phase-backward', 'bp-next', 'bp-next', 'bp-next'] },
      { suffix: 'update', clicks: ['bp-phase-update'] },
    ],
  },
  // The optimizer race plays on its own (not the network): `race` presses its Play for that long.
  { name: 'race', template: null, trainMs: 0, tab: 'race', raceMs: 2500 },
];

await mkdir(outDir, { recursive: true });
const server = await startServer({});
const browser = await launchChromium();
try {
  for (const lab of LABS.filter((l) => l.name.includes(only))) {
    for (const locale of LOCALES) {
      for (const size of SIZES) {
        const context = await browser.newContext({ viewport: size.viewport, hasTouch: size.hasTouch ?? false, locale });
        const page = await context.newPage();
        await page.goto(server.url + (lab.path ?? '/'));
        await page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached', timeout: 60_000 });
        // A fresh profile is a first visit: answer the welcome card so it does not cover the lab.
        if (!lab.path) await page.locator('[data-testid="welcome-play"]').click({ timeout: 5_000 }).catch(() => {});
        if (lab.path) await page.waitForTimeout(300);
        if (lab.template) await page.evaluate((id) => window.__gg.openTemplate(id), lab.template);
        if (lab.tab) await page.locator(`[data-testid="tab-${lab.tab}"]`).click();
        if (lab.raceMs) {
          await page.locator('[data-testid="race-play"]').click();
          await page.waitForTimeout(lab.raceMs);
          await page.locator('[data-testid="race-play"]').click();
        }
        if (lab.trainMs) {
          await page.evaluate(() => window.__gg.store.getState().play());
          await page.waitForTimeout(lab.trainMs);
          await page.evaluate(() => window.__gg.store.getState().pause());
        }
        await page.waitForTimeout(800);
        for (const shot of lab.shots ?? [{ suffix: '', clicks: [] }]) {
          for (const id of shot.clicks) await page.locator(`[data-testid="${id}"]`).click();
          await page.waitForTimeout(shot.clicks.length ? 300 : 0);
          const file = `${outDir}/${lab.name}${shot.suffix ? `-${shot.suffix}` : ''}-${locale}-${size.name}.png`;
          await page.screenshot({ path: file });
          console.log(file);
        }
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
