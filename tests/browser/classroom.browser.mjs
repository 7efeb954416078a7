import { writeFile } from 'node:fs/promises';
import { assert, openApp, screenshot, waitFor } from './harness.mjs';
import { run, openMore } from './pageDriver.mjs';

export default [
  {
    name: 'classroom: presenter mode from ?present, keyboard shortcuts train and turn lesson steps, the QR code and the key list open',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl, { path: '/?present&lesson=learning-rate' });
      try {
        await page.locator('[data-testid="lesson-panel"]').waitFor();
        assert(await page.locator('.app-frame.presenter').count(), 'presenter mode is on');
        assert(!(await page.locator('[data-testid="templates"]').isVisible()), 'the secondary header buttons are out of the way');
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'engine ready', timeout: 60_000 });
        // Space trains, Space again pauses (focus on the page, not on a button).
        await page.locator('body').click({ position: { x: 600, y: 5 } });
        await page.keyboard.press('Space');
        await waitFor(async () => (await run(page)).step > 20, { message: 'Space trains' });
        await page.keyboard.press('Space');
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'Space pauses' });
        // S is one step.
        const before = (await run(page)).step;
        await page.keyboard.press('s');
        await waitFor(async () => (await run(page)).step === before + 1, { message: 'S steps once' });
        // A clicker's Page Down / Page Up turn the lesson's steps.
        const stepText = () => page.textContent('[data-testid="lesson-step"]');
        assert(/1 of/.test(await stepText()), `starts on step 1: ${await stepText()}`);
        await page.keyboard.press('PageDown');
        await waitFor(async () => /2 of/.test(await stepText()), { message: 'Page Down → step 2' });
        await page.keyboard.press('PageUp');
        await waitFor(async () => /1 of/.test(await stepText()), { message: 'Page Up → step 1' });
        // Q: the QR code, drawn (a path with many modules) and without ?present in its link.
        await page.keyboard.press('q');
        const qr = page.locator('[data-testid="qr-code"]');
        await qr.waitFor();
        const d = await qr.locator('path').getAttribute('d');
        assert(d && d.split('M').length > 200, `the QR code has modules: ${d?.length}`);
        const label = await qr.getAttribute('aria-label');
        assert(label.includes('lesson=learning-rate') && !label.includes('present'), `the QR link leaves presenter mode behind: ${label.slice(0, 120)}`);
        await screenshot(page, 'classroom-qr');
        await page.keyboard.press('Escape');
        await qr.waitFor({ state: 'detached' });
        // ? lists the keys; F leaves presenter mode.
        await page.keyboard.press('?');
        await page.locator('[data-testid="keys-dialog"]').waitFor();
        await page.keyboard.press('Escape');
        await page.keyboard.press('f');
        await waitFor(async () => (await page.locator('.app-frame.presenter').count()) === 0, { message: 'F leaves presenter mode' });
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'classroom: the loss curve and the decision boundary save as PNG, the curve as SVG too',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'engine ready', timeout: 60_000 });
        await page.click('[data-testid="step"]');
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).epoch >= 5, { message: 'trained 5 epochs' });
        await page.click('[data-testid="play"]');
        const save = async (figure, kind) => {
          await page.hover(`[data-testid="figure-${figure}"]`);
          await page.click(`[data-testid="figure-${figure}"]`);
          const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="figure-${figure}-${kind}"]`)]);
          const chunks = [];
          for await (const c of await download.createReadStream()) chunks.push(c);
          return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
        };
        const png = await save('loss-curve', 'png');
        assert(png.name === 'loss-curve.png' && png.bytes.subarray(1, 4).toString() === 'PNG', `a PNG: ${png.name}`);
        // Not blank: a 2× PNG of a drawn chart compresses far worse than a white one would.
        assert(png.bytes.length > 8000, `the PNG holds the drawing: ${png.bytes.length} bytes`);
        const svg = await save('loss-curve', 'svg');
        const text = svg.bytes.toString();
        assert(svg.name === 'loss-curve.svg' && text.startsWith('<svg') && /data-testid="loss-train" d="M/.test(text), 'an SVG with the training curve');
        const boundary = await save('decision-boundary', 'png');
        assert(boundary.bytes.subarray(1, 4).toString() === 'PNG' && boundary.bytes.length > 20000, `the boundary PNG: ${boundary.bytes.length} bytes`);
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'classroom: a stop rule of 10 epochs pauses the playground exactly at the end of epoch 10 and says so',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'engine ready', timeout: 60_000 });
        await openMore(page);
        await page.selectOption('[data-testid="stop-epochs"]', { label: 'epoch 10' });
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).status === 'paused' && (await run(page)).epoch > 0, { message: 'stopped by the rule', timeout: 30_000 });
        const r = await run(page);
        assert(r.epoch === 10 && r.step === 250, `stopped at the end of epoch 10 (step 250): epoch ${r.epoch}, step ${r.step}`);
        const notice = await page.textContent('[data-testid="notice"]');
        assert(/epoch 10/.test(notice ?? ''), `the notice says why: ${notice}`);
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'classroom: the image lab’s views save as PNG with their HTML parts: probability bars and labels, feature maps, the confusion matrix',
    timeout: 180_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await page.evaluate(() => {
          const gg = window.__gg;
          gg.openTemplate('lenet5');
          gg.store.getState().apply({ type: 'dataset', patch: { kind: 'shapes', numPoints: 400 } });
        });
        await page.locator('[data-testid="image-lab"]').waitFor({ timeout: 30_000 });
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'LeNet-5 built', timeout: 120_000 });
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).step >= 8, { message: 'a few steps', timeout: 90_000 });
        await page.click('[data-testid="play"]');
        await page.locator('[data-testid="confusion"]').waitFor({ timeout: 60_000 });
        /** Save figure `name` as PNG; in the page, the share of its pixels that are not white, and of those that are dark (text). */
        const inked = async (name) => {
          await page.locator(`[data-testid="figure-${name}"]`).scrollIntoViewIfNeeded();
          await page.hover(`[data-testid="figure-${name}"]`);
          await page.click(`[data-testid="figure-${name}"]`);
          const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="figure-${name}-png"]`)]);
          const chunks = [];
          for await (const c of await download.createReadStream()) chunks.push(c);
          const bytes = Buffer.concat(chunks);
          if (process.env.FIG_DIR) await writeFile(`${process.env.FIG_DIR}/${name}.png`, bytes);
          const b64 = bytes.toString('base64');
          return page.evaluate(async (data) => {
            // Decoded from a Blob: the page's CSP allows no data: images.
            const bytes = Uint8Array.from(atob(data), (ch) => ch.charCodeAt(0));
            const img = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
            const c = document.createElement('canvas');
            c.width = img.width;
            c.height = img.height;
            const ctx = c.getContext('2d');
            ctx.drawImage(img, 0, 0);
            const px = ctx.getImageData(0, 0, c.width, c.height).data;
            let ink = 0;
            let dark = 0;
            for (let i = 0; i < px.length; i += 4) {
              const v = px[i] + px[i + 1] + px[i + 2];
              if (v < 740) ink++;
              if (v < 200) dark++;
            }
            const n = px.length / 4;
            return { ink: ink / n, dark: dark / n, w: c.width, h: c.height };
          }, b64);
        };
        // Probability bars are HTML boxes and text only: before, the PNG came out white.
        const bars = await inked('probabilities');
        assert(bars.ink > 0.02 && bars.dark > 0.002, `probability bars drawn with their labels: ${JSON.stringify(bars)}`);
        const maps = await inked('feature-maps');
        assert(maps.ink > 0.05, `feature maps drawn: ${JSON.stringify(maps)}`);
        const confusion = await inked('confusion-matrix');
        assert(confusion.ink > 0.02 && confusion.dark > 0.002, `the confusion matrix drawn with its numbers: ${JSON.stringify(confusion)}`);
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'classroom: presenter mode at 1280×720 keeps the training bar on one row, in English and Chinese',
    async run({ browser, baseUrl }) {
      for (const lang of ['en', 'zh-CN']) {
        const { context, page } = await openApp(browser, baseUrl, { path: `/?present&lang=${lang}`, viewport: { width: 1280, height: 720 } });
        try {
          await page.locator('.app-frame.presenter [data-testid="learning-rate"]').waitFor();
          const rows = await page.locator('.hyperparameters > *').evaluateAll((els) => [...new Set(els.filter((e) => e.getBoundingClientRect().height > 0).map((e) => Math.round(e.getBoundingClientRect().bottom)))]);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert(rows.length === 1, `${lang}: the hyperparameters sit on ${rows.length} rows (bottoms ${rows.join(', ')})`);
          assert(width <= 1280, `${lang}: the page scrolls sideways (${width} px)`);
        } catch (err) {
          await screenshot(page, `presenter-1280-${lang}-failed`).catch(() => {});
          throw err;
        } finally {
          await context.close();
        }
      }
    },
  },
];
