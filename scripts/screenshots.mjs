// Screenshots of every lab as a learner sees it: `npm run build && node scripts/screenshots.mjs [outDir] [lab-filter]`.
// Each lab trains for a few seconds first so its views are filled, then is shot in English and
// Chinese at 1440×900 (desktop), 1280×720 (a projector) and 1024×768 with touch (a school tablet).
// The PNGs go to outDir (default tests/browser/out/screens/); open them and look.
import { mkdir } from 'node:fs/promises';
import { launchChromium } from '../tests/browser/chromium.mjs';
import { startServer } from '../tests/browser/server.mjs';

const outDir = process.argv[2] ?? new URL('../tests/browser/out/screens/', import.meta.url).pathname;
const SIZES = [
  { name: '1440x900', viewport: { width: 1440, height: 900 } },
  { name: '1280x720', viewport: { width: 1280, height: 720 } },
  { name: '1024x768-touch', viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: false },
];
const LOCALES = ['en-US', 'zh-CN'];
// What each lab opens on: null keeps the default (the 2-D playground); else a template id.
const only = process.argv[3] ?? '';
const LABS = [
  { name: 'points', template: null, trainMs: 3000 },
  { name: 'images', template: 'lenet5', trainMs: 8000 },
  { name: 'sequences', template: 'transformerEncoder', trainMs: 8000 },
  { name: 'editor', template: 'resnet', trainMs: 0, tab: 'graph' },
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
        await page.goto(server.url + '/');
        await page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached', timeout: 60_000 });
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
        const file = `${outDir}/${lab.name}-${locale}-${size.name}.png`;
        await page.screenshot({ path: file });
        console.log(file);
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
