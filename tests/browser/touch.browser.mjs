// Tablets, phones and touch (issue 14): a touch screen at 1024×768 (hasTouch, not a phone's
// browser) trains on a tap, draws a digit with a finger, and drags, connects and pinches in the
// editor; at 768×1024 and 390×844 every view fits the width; screenshots of each (en and zh-CN),
// and of presenter mode at 1280×720. `TOUCH_SHOTS=<dir>` puts the screenshots there too.
import { copyFile, mkdir } from 'node:fs/promises';
import { assert, openApp, screenshot, waitFor } from './harness.mjs';
import { experiment, run } from './pageDriver.mjs';

const TABLET = { width: 1024, height: 768 };
const PORTRAIT = { width: 768, height: 1024 };
const PHONE = { width: 390, height: 844 };

async function shot(page, name) {
  const file = await screenshot(page, `touch-${name}`);
  const dir = process.env.TOUCH_SHOTS;
  if (dir) {
    await mkdir(dir, { recursive: true });
    await copyFile(file, `${dir}/${name}.png`);
  }
}

const centre = async (locator) => {
  const b = await locator.boundingBox();
  assert(b, 'the element is laid out');
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
};

/** One finger from `a` to `b` in `n` moves, through CDP touch events (what a touch screen sends). */
async function touchDrag(cdp, a, b, n = 12) {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: a.x, y: a.y, id: 1 }] });
  for (let i = 1; i <= n; i++) {
    const p = { x: a.x + ((b.x - a.x) * i) / n, y: a.y + ((b.y - a.y) * i) / n, id: 1 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** Two fingers, each from its start to its end together (a pinch, or a two-finger pan). */
async function twoFingers(cdp, [a1, b1], [a2, b2], n = 10) {
  const at = (i) => [
    { x: a1.x + ((b1.x - a1.x) * i) / n, y: a1.y + ((b1.y - a1.y) * i) / n, id: 1 },
    { x: a2.x + ((b2.x - a2.x) * i) / n, y: a2.y + ((b2.y - a2.y) * i) / n, id: 2 },
  ];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let i = 1; i <= n; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(i) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** The editor canvas's viewport transform (React Flow writes translate(x, y) scale(z)). */
const viewport = (page) =>
  page.evaluate(() => {
    const m = new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')).transform);
    return { x: m.e, y: m.f, zoom: m.a };
  });

const noSidewaysScroll = async (page, where) => {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
  assert(scroll <= width, `${where}: the page scrolls sideways (${scroll} px wide in a ${width} px window)`);
};

const closeWelcome = async (page) => {
  const play = page.locator('[data-testid="welcome-play"]');
  if (await play.count()) await play.click();
};

export default [
  {
    name: 'touch: at 1024×768 Play and the decision boundary are on screen together, and tapping Play trains',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl, { viewport: TABLET, touch: true });
      try {
        assert(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), 'the touch context matches (pointer: coarse)');
        await closeWelcome(page);
        await noSidewaysScroll(page, '1024×768 playground');
        const play = await page.locator('[data-testid="play"]').boundingBox();
        const plane = await page.locator('[data-tour="boundary"], .boundary-wrap canvas').first().boundingBox();
        assert(play && play.y >= 0 && play.y + play.height <= TABLET.height, `Play on screen: ${JSON.stringify(play)}`);
        assert(plane && plane.y >= 0 && plane.y + plane.height <= TABLET.height && plane.x + plane.width <= TABLET.width, `the boundary on screen without scrolling: ${JSON.stringify(plane)}`);
        const bar = await page.locator('.training-bar').boundingBox();
        assert(bar.height < 150, `the training bar is at most two rows at 1024 px (${bar.height} px)`);
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'engine ready', timeout: 60_000 });
        const p = await centre(page.locator('[data-testid="play"]'));
        await page.touchscreen.tap(p.x, p.y);
        await waitFor(async () => (await run(page)).step > 20, { message: 'a tap on Play trains', timeout: 30_000 });
        await page.touchscreen.tap(p.x, p.y);
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'a second tap pauses' });
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'touch: a finger draws a digit on the drawing pad, which sits beside the prediction it drives',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl, { viewport: TABLET, touch: true });
      try {
        await closeWelcome(page);
        await page.evaluate(() => window.__gg.openTemplate('lenet5'));
        const pad = page.locator('.drawing-pad-canvas');
        await pad.waitFor({ timeout: 30_000 });
        const padBox = await pad.boundingBox();
        const prediction = await page.locator('.image-lab .output-panel').boundingBox();
        assert(Math.abs(padBox.y - prediction.y) < 200 && padBox.x + padBox.width <= prediction.x, `the pad beside the output: pad ${JSON.stringify(padBox)}, output ${JSON.stringify(prediction)}`);
        assert(padBox.y + padBox.height <= TABLET.height, 'the pad on screen without scrolling');
        assert((await page.evaluate(() => window.__gg.store.getState().drawing)) === null, 'no drawing yet');
        const cdp = await context.newCDPSession(page);
        const at = (fx, fy) => ({ x: padBox.x + padBox.width * fx, y: padBox.y + padBox.height * fy });
        // A "7": a stroke across the top, then down to the lower left.
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...at(0.25, 0.25), id: 1 }] });
        for (const [fx, fy] of [[0.4, 0.25], [0.55, 0.25], [0.72, 0.25], [0.65, 0.4], [0.55, 0.55], [0.47, 0.7], [0.4, 0.8]]) {
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ ...at(fx, fy), id: 1 }] });
        }
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        const ink = await waitFor(() => page.evaluate(() => {
          const d = window.__gg.store.getState().drawing;
          return d ? Array.from(d).filter((v) => v > 0.3).length : 0;
        }), { message: 'the stroke reached the drawing' });
        assert(ink > 20, `a stroke of ink (${ink} pixels of 784)`);
        assert((await page.evaluate(() => window.scrollY)) === 0, 'drawing did not scroll the page');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'touch: in the editor a finger drags a layer from the palette, wires it, moves a node, pinches and pans with two fingers',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl, { viewport: TABLET, touch: true });
      try {
        await closeWelcome(page);
        const tab = await centre(page.locator('[data-testid="tab-graph"]'));
        await page.touchscreen.tap(tab.x, tab.y);
        await page.locator('[data-testid="layer-node-h1"]').waitFor();
        await page.locator('[data-testid="graph-canvas"]').scrollIntoViewIfNeeded();
        await noSidewaysScroll(page, '1024×768 editor');
        const cdp = await context.newCDPSession(page);
        const nodes = async () => JSON.parse(await experiment(page)).network;

        // Palette → canvas by touch: one Dense, where the finger let go; no extra one from a click.
        const before = (await nodes()).nodes.length;
        const item = await centre(page.locator('[data-testid="palette-Dense"]'));
        const canvas = await page.locator('[data-testid="graph-canvas"]').boundingBox();
        const drop = { x: canvas.x + canvas.width * 0.7, y: canvas.y + canvas.height * 0.85 };
        await touchDrag(cdp, item, drop, 16);
        await waitFor(async () => (await nodes()).nodes.length === before + 1, { message: 'a Dense node was dropped by touch' });
        await page.waitForTimeout(300);
        assert((await nodes()).nodes.length === before + 1, 'exactly one layer added (the drag swallowed its click)');
        const added = (await nodes()).nodes.at(-1);
        assert(added.type === 'Dense', `a Dense layer: ${added.type}`);
        const addedBox = await page.locator(`[data-testid="layer-node-${added.id}"]`).boundingBox();
        assert(Math.abs(addedBox.x - drop.x) < 40 && Math.abs(addedBox.y - drop.y) < 40, `dropped where the finger was: ${JSON.stringify(addedBox)} vs ${JSON.stringify(drop)}`);

        // Connect by touch: a finger from h1's output handle to the new layer's input handle.
        const from = await centre(page.locator('[data-testid="layer-node-h1"] .react-flow__handle.source'));
        const to = await centre(page.locator(`[data-testid="layer-node-${added.id}"] .react-flow__handle.target`));
        await touchDrag(cdp, from, { x: to.x + 6, y: to.y + 5 }, 16);
        await waitFor(async () => (await nodes()).nodes.find((n) => n.id === added.id)?.inputs.includes('h1'), { message: `a finger wired h1 → ${added.id}` });

        // A tap on a palette item still appends it.
        const dropout = await centre(page.locator('[data-testid="palette-Dropout"]'));
        await page.touchscreen.tap(dropout.x, dropout.y);
        await waitFor(async () => (await nodes()).nodes.length === before + 2, { message: 'a tap appends a layer' });
        await page.waitForTimeout(300);
        assert((await nodes()).nodes.length === before + 2, 'one tap, one layer');

        // The connection handles: 24 px or more of target on screen around each small dot.
        const vp = await viewport(page);
        const handle = await page.locator('[data-testid="layer-node-h1"] .react-flow__handle.source').boundingBox();
        const hc = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
        const reach = 12;
        assert(32 * vp.zoom >= 24, `a handle's target is ${32 * vp.zoom} px at zoom ${vp.zoom}`);
        for (const [dx, dy] of [[reach, 0], [0, reach], [-reach, -reach * 0.5], [reach * 0.7, -reach]]) {
          const hit = await page.evaluate(({ x, y }) => !!document.elementFromPoint(x, y)?.closest('.react-flow__handle'), { x: hc.x + dx * vp.zoom, y: hc.y + dy * vp.zoom });
          assert(hit, `the handle takes a touch ${dx}, ${dy} flow px from its centre (drawn ${handle.width} px)`);
        }

        // Node drag by touch: h1 moves with the finger, saved in the layout.
        const h1 = page.locator('[data-testid="layer-node-h1"] .layer-node-head');
        const start = await centre(h1);
        const posBefore = (await nodes()).layout?.h1 ?? null;
        const boxBefore = await page.locator('[data-testid="layer-node-h1"]').boundingBox();
        await touchDrag(cdp, start, { x: start.x + 60, y: start.y + 90 });
        await waitFor(async () => {
          const l = (await nodes()).layout?.h1;
          return l && (!posBefore || l.x !== posBefore.x || l.y !== posBefore.y);
        }, { message: 'the node move is saved' });
        const boxAfter = await page.locator('[data-testid="layer-node-h1"]').boundingBox();
        // The browser's touch slop holds back the first few pixels of a finger's move (10 of 12 steps arrive as moves).
        const [mx, my] = [boxAfter.x - boxBefore.x, boxAfter.y - boxBefore.y];
        assert(mx > 0.7 * 60 && mx < 1.1 * 60 && my > 0.7 * 90 && my < 1.1 * 90, `h1 followed the finger (60, 90): moved ${mx}, ${my}`);

        // Pinch out: zoom grows (within the editor's limits); two fingers moving together pan.
        const c = { x: canvas.x + canvas.width * 0.45, y: canvas.y + canvas.height * 0.35 };
        const z0 = await viewport(page);
        await twoFingers(cdp, [{ x: c.x - 30, y: c.y }, { x: c.x - 110, y: c.y }], [{ x: c.x + 30, y: c.y }, { x: c.x + 110, y: c.y }]);
        const z1 = await viewport(page);
        assert(z1.zoom > z0.zoom * 1.5 && z1.zoom <= 2 + 1e-9, `pinched out: zoom ${z0.zoom} → ${z1.zoom}`);
        for (let i = 0; i < 3; i++) await twoFingers(cdp, [{ x: c.x - 20, y: c.y }, { x: c.x - 150, y: c.y }], [{ x: c.x + 20, y: c.y }, { x: c.x + 150, y: c.y }]);
        assert((await viewport(page)).zoom <= 2 + 1e-9, 'never past the maximum zoom, 2');
        const p0 = await viewport(page);
        await twoFingers(cdp, [{ x: c.x - 40, y: c.y }, { x: c.x - 40 + 100, y: c.y + 60 }], [{ x: c.x + 40, y: c.y }, { x: c.x + 40 + 100, y: c.y + 60 }]);
        const p1 = await viewport(page);
        assert(Math.abs(p1.x - p0.x - 100) < 15 && Math.abs(p1.y - p0.y - 60) < 15 && Math.abs(p1.zoom - p0.zoom) < 0.05, `two fingers pan: ${JSON.stringify(p0)} → ${JSON.stringify(p1)}`);
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'touch: a lesson step pointing at early stopping opens "More…" around it',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl, { path: '/?lesson=early-stopping&step=2', viewport: { width: 1280, height: 720 } });
      try {
        const more = page.locator('[data-testid="more-controls"]');
        await waitFor(() => more.evaluate((d) => d.open), { message: 'the disclosure opened for the tour', timeout: 10_000 });
        await waitFor(() => page.locator('[data-tour="early-stopping"].tour-target').count(), { message: 'the target is ringed' });
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'touch: at 1280×720 the training bar is one row; screenshots of presenter mode and of each view at 1024×768, 768×1024 and 390×844 with no sideways scroll',
    timeout: 300_000,
    async run({ browser, baseUrl }) {
      for (const locale of ['en-US', 'zh-CN']) {
        const lang = locale.slice(0, 2);
        {
          const { context, page, errors } = await openApp(browser, baseUrl, { viewport: { width: 1280, height: 720 }, locale });
          try {
            await closeWelcome(page);
            const bar = await page.locator('.training-bar').boundingBox();
            const play = await page.locator('[data-testid="play"]').boundingBox();
            const more = await page.locator('[data-testid="more-toggle"]').boundingBox();
            assert(bar.height < 90 && more.y < play.y + play.height, `${lang}: one row at 1280×720 (bar ${bar.height} px, More at ${more.y})`);
            await page.goto(`${baseUrl}/?present`);
            await page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached' });
            await page.waitForTimeout(500);
            await noSidewaysScroll(page, `presenter ${lang}`);
            await shot(page, `presenter-1280x720-${lang}`);
            assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
          } finally {
            await context.close();
          }
        }
        for (const size of [TABLET, PORTRAIT, PHONE]) {
          const tag = `${size.width}x${size.height}-${lang}`;
          const { context, page, errors } = await openApp(browser, baseUrl, { viewport: size, locale, touch: true });
          try {
            await closeWelcome(page);
            await page.waitForTimeout(400);
            await noSidewaysScroll(page, `${tag} playground`);
            await shot(page, `${tag}-playground`);
            await page.evaluate(() => window.__gg.openTemplate('lenet5'));
            await page.locator('.drawing-pad-canvas').waitFor({ timeout: 30_000 });
            await page.waitForTimeout(800);
            await noSidewaysScroll(page, `${tag} image lab`);
            // The prediction the pad drives, once MNIST is in (the shot is of the pad beside or above it).
            await page.locator('.prob-row').first().waitFor({ timeout: 30_000 });
            await page.locator('.drawing-pad-canvas').evaluate((el) => el.getBoundingClientRect().bottom > innerHeight && el.scrollIntoView({ block: 'center' }));
            await shot(page, `${tag}-images`);
            if (size !== PHONE) {
              await page.evaluate(() => window.scrollTo(0, 0));
              await page.click('[data-testid="tab-graph"]');
              await page.locator('[data-testid="graph-canvas"] .react-flow__node').first().waitFor();
              await page.waitForTimeout(500);
              await noSidewaysScroll(page, `${tag} editor`);
              await page.locator('[data-testid="graph-canvas"]').evaluate((el) => el.scrollIntoView({ block: 'end' }));
              await shot(page, `${tag}-editor`);
              await page.click('[data-testid="tab-playground"]');
            }
            await page.goto(`${baseUrl}/?lesson=playground-tour`);
            await page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached' });
            await page.waitForTimeout(800);
            await noSidewaysScroll(page, `${tag} lesson`);
            await shot(page, `${tag}-lesson`);
            assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
          } finally {
            await context.close();
          }
        }
      }
    },
  },
];
