import { assert, openApp, waitFor } from './harness.mjs';
import { apply, experiment, run } from './pageDriver.mjs';

// Your own images and text (issue 17): pictures made in the page as PNG files train the image lab
// through the file inputs; a broken picture is named and nothing else is lost; a pasted text
// trains the language model; a too-short text leaves the current work as it was.

const SHOTS = '/tmp/shots-owndata2/';
const waitSnapshot = (page) => waitFor(async () => (await run(page)).latest, { message: 'first snapshot', timeout: 60_000 });
const noticeText = (page) => page.locator('[data-testid="notice"]').innerText();

/** `n` PNG files of one class, drawn on a canvas in the page: dark rings (0) or dark bars (1) on white, 80×60. */
async function pngs(page, cls, n) {
  const data = await page.evaluate(
    ([cls, n]) =>
      Array.from({ length: n }, (_, k) => {
        const c = document.createElement('canvas');
        c.width = 80;
        c.height = 60;
        const g = c.getContext('2d');
        g.fillStyle = '#fff';
        g.fillRect(0, 0, 80, 60);
        g.strokeStyle = '#234';
        g.fillStyle = '#234';
        g.lineWidth = 5;
        const x = 40 + ((k * 7) % 11) - 5;
        const y = 30 + ((k * 5) % 9) - 4;
        const r = 12 + (k % 6);
        if (cls === 0) {
          g.beginPath();
          g.arc(x, y, r, 0, 2 * Math.PI);
          g.stroke();
        } else g.fillRect(x - r - 4, y - 3, 2 * r + 8, 6);
        return c.toDataURL('image/png').split(',')[1];
      }),
    [cls, n],
  );
  return data.map((b64, k) => ({ name: `${cls ? 'bar' : 'ring'}-${k}.png`, mimeType: 'image/png', buffer: Buffer.from(b64, 'base64') }));
}

async function shots(page, name) {
  for (const [w, h] of [
    [1440, 900],
    [1280, 720],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}${name}-${w}x${h}.png` });
  }
  await page.setViewportSize({ width: 1400, height: 900 });
}

export default [
  {
    name: 'own images: two classes of PNG files train the image lab above chance; a broken picture loses nothing',
    timeout: 180_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await waitSnapshot(page);
        await page.click('[data-testid="dataset-shapes"]');
        await page.click('[data-testid="own-images-start"]');
        await page.setInputFiles('[data-testid="own-files-0"]', await pngs(page, 0, 16));
        await page.setInputFiles('[data-testid="own-files-1"]', await pngs(page, 1, 16));
        await waitFor(async () => (await page.locator('[data-testid="own-class-1"] .own-thumb').count()) === 16, { message: '16 thumbnails in class 2' });
        // A broken picture among good ones: named in a notice, the good one added, nothing lost.
        await page.setInputFiles('[data-testid="own-files-0"]', [{ name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('not a png at all') }, ...(await pngs(page, 0, 17)).slice(16)]);
        await waitFor(async () => (await noticeText(page).catch(() => '')).includes('broken.png'), { message: 'the broken picture is named' });
        assert((await noticeText(page)).includes('could not be decoded'), `notice: ${await noticeText(page)}`);
        await waitFor(async () => (await page.locator('[data-testid="own-class-0"] .own-thumb').count()) === 17, { message: 'the good picture added, none lost' });
        await page.click('[data-testid="own-images-train"]');
        const exp = JSON.parse(await experiment(page));
        assert(exp.dataset.kind === 'ownImages' && exp.dataset.images.counts.join() === '17,16', `the spec names the images: ${JSON.stringify(exp.dataset.images)}`);
        assert(JSON.stringify(exp).length < 20_000, 'no pixels in the Experiment');
        await apply(page, { type: 'training', patch: { batchSize: 8 } });
        await waitFor(async () => (await run(page)).latest && (await run(page)).step === 0 && (await run(page)).problem === null, { message: 'built on the images', timeout: 30_000 });
        await page.click('[data-testid="play"]');
        await waitFor(async () => ((await run(page)).latest?.testAcc ?? 0) >= 0.85 && (await run(page)).step >= 20, { message: 'test accuracy ≥ 85 %', timeout: 90_000, interval: 250 });
        await page.click('[data-testid="play"]');
        const r = await run(page);
        console.log(`    own images: test accuracy ${(r.latest.testAcc * 100).toFixed(1)} % after ${r.step} steps (chance 50 %)`);
        // The probe's bars name the learner's own classes (not the shapes' four names).
        await waitFor(async () => (await page.locator('[data-testid="prob-bars"] .prob-name').count()) === 2, { message: 'two probability bars for two own classes' });
        const barNames = await page.locator('[data-testid="prob-bars"] .prob-name').allTextContents();
        assert(JSON.stringify(barNames) === JSON.stringify(exp.dataset.images.classes), `bars named ${JSON.stringify(barNames)}, classes ${JSON.stringify(exp.dataset.images.classes)}`);
        await page.locator('[data-testid="own-images"]').scrollIntoViewIfNeeded();
        await shots(page, 'own-images-en');
        await page.evaluate(() => window.__gg.store.getState().setLocale('zh-CN'));
        await page.locator('[data-testid="own-images"]').scrollIntoViewIfNeeded();
        await shots(page, 'own-images-zh');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'own text: a too-short text changes nothing; a pasted text trains the language model (loss falls)',
    timeout: 180_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await waitSnapshot(page);
        await apply(page, { type: 'dataset', patch: { kind: 'charLm' } });
        await page.locator('[data-testid="own-text-input"]').waitFor();
        const before = await experiment(page);
        await page.fill('[data-testid="own-text-input"]', 'far too short');
        await page.click('[data-testid="own-text-use"]');
        await waitFor(async () => (await noticeText(page).catch(() => '')).includes('text too short to train on'), { message: 'too-short notice' });
        assert((await experiment(page)) === before, 'the experiment is unchanged');
        const text = 'Gradient descent takes small steps downhill. The learning rate sets the step size. '.repeat(12);
        await page.fill('[data-testid="own-text-input"]', text);
        await page.click('[data-testid="own-text-use"]');
        await page.locator('[data-testid="own-text-summary"]').waitFor();
        const exp = JSON.parse(await experiment(page));
        assert(exp.dataset.kind === 'charLm' && exp.dataset.text?.chars === text.length, `the spec names the text: ${JSON.stringify(exp.dataset.text)}`);
        await apply(page, { type: 'training', patch: { optimizer: 'adam', learningRate: 0.01 } });
        await waitFor(async () => (await run(page)).latest && (await run(page)).step === 0 && (await run(page)).problem === null, { message: 'built on the text', timeout: 30_000 });
        const first = (await run(page)).latest.trainLoss;
        await page.click('[data-testid="play"]');
        await waitFor(async () => ((await run(page)).latest?.trainLoss ?? Infinity) < first * 0.7 && (await run(page)).step >= 20, { message: 'loss falls by 30 %', timeout: 90_000, interval: 250 });
        await page.click('[data-testid="play"]');
        const r = await run(page);
        console.log(`    own text: train loss ${first.toFixed(3)} → ${r.latest.trainLoss.toFixed(3)} after ${r.step} steps (${r.epoch} epochs)`);
        await page.locator('[data-testid="own-text"]').scrollIntoViewIfNeeded();
        await shots(page, 'own-text-en');
        await page.evaluate(() => window.__gg.store.getState().setLocale('zh-CN'));
        await shots(page, 'own-text-zh');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'own sentences: too few is refused and changes nothing; labelled sentences train the sentiment model above chance',
    timeout: 180_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await waitSnapshot(page);
        await apply(page, { type: 'dataset', patch: { kind: 'sentiment' } });
        await page.locator('[data-testid="own-sentences-pos"]').waitFor();
        const before = await experiment(page);
        await page.fill('[data-testid="own-sentences-pos"]', 'good\nnice');
        await page.fill('[data-testid="own-sentences-neg"]', 'bad\nawful\ngrim\nsad');
        await page.click('[data-testid="own-sentences-use"]');
        await waitFor(async () => (await noticeText(page).catch(() => '')).includes('too few positive sentences'), { message: 'too-few notice' });
        assert((await experiment(page)) === before, 'the experiment is unchanged');
        const pos = ['I love this class', 'the lesson was great', 'what a great teacher', 'I love the garden', 'a great and fun day', '这节课很好', '老师很棒', 'fun and great'];
        const neg = ['I hate this class', 'the lesson was awful', 'what a boring teacher', 'I hate the rain', 'an awful and sad day', '这节课很差', '老师很凶', 'sad and boring'];
        await page.fill('[data-testid="own-sentences-pos"]', pos.join('\n'));
        await page.fill('[data-testid="own-sentences-neg"]', neg.join('\n'));
        await page.click('[data-testid="own-sentences-use"]');
        await page.locator('[data-testid="own-sentences-summary"]').waitFor();
        const exp = JSON.parse(await experiment(page));
        assert(exp.dataset.kind === 'sentiment' && exp.dataset.sentences?.counts.join() === '8,8', `the spec names the sentences: ${JSON.stringify(exp.dataset.sentences)}`);
        await apply(page, { type: 'training', patch: { optimizer: 'adam', learningRate: 0.02 } });
        await waitFor(async () => (await run(page)).latest && (await run(page)).step === 0 && (await run(page)).problem === null, { message: 'built on the sentences', timeout: 30_000 });
        await page.click('[data-testid="play"]');
        await waitFor(async () => ((await run(page)).latest?.trainAcc ?? 0) >= 0.9 && (await run(page)).step >= 10, { message: 'train accuracy ≥ 90 %', timeout: 90_000, interval: 250 });
        await page.click('[data-testid="play"]');
        const r = await run(page);
        console.log(`    own sentences: train accuracy ${(r.latest.trainAcc * 100).toFixed(0)} % after ${r.step} steps (chance 50 %)`);
        await page.locator('[data-testid="own-sentences"]').scrollIntoViewIfNeeded();
        await shots(page, 'own-sentences-en');
        await page.evaluate(() => window.__gg.store.getState().setLocale('zh-CN'));
        await shots(page, 'own-sentences-zh');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
