import { readFile } from 'node:fs/promises';
import { assert, openApp, screenshot, waitFor } from './harness.mjs';
import { apply, boundaryPixels, experiment, run } from './pageDriver.mjs';

// Your own data (issue 17): a CSV opened through the file input trains; points placed with the
// mouse train; a broken file leaves the current work in place; a link without its table says
// which file to open.

const waitSnapshot = (page) => waitFor(async () => (await run(page)).latest, { message: 'first snapshot', timeout: 60_000 });
const flowers = () => readFile(new URL('../../public/examples/flowers.csv', import.meta.url));
const csvFile = (name, buffer) => ({ name, mimeType: 'text/csv', buffer: Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer) });
const noticeText = (page) => page.locator('[data-testid="notice"]').innerText();

export default [
  {
    name: 'own data: a 3-class CSV opened through the UI trains above 90 % test accuracy',
    timeout: 150_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await waitSnapshot(page);
        await page.setInputFiles('[data-testid="csv-input"]', csvFile('flowers.csv', await flowers()));
        await page.locator('[data-testid="table-summary"]').waitFor();
        const summary = await page.locator('[data-testid="table-summary"]').innerText();
        assert(summary.includes('flowers.csv') && summary.includes('150 rows') && summary.includes('5 columns'), `summary: ${summary}`);
        assert((await page.locator('[data-testid="table-preview"] tbody tr').count()) === 5, 'five preview rows');
        const classes = await page.locator('[data-testid="table-classes"]').innerText();
        assert(classes.includes('setosa') && classes.includes('virginica'), `classes: ${classes}`);
        const exp = JSON.parse(await experiment(page));
        assert(exp.dataset.kind === 'table' && exp.dataset.table.width === 4 && exp.dataset.table.classes === 3, `the spec names the table: ${JSON.stringify(exp.dataset.table)}`);
        assert(!('rows' in exp.dataset && Array.isArray(exp.dataset.rows)), 'no rows in the Experiment');
        const input = exp.network.nodes.find((n) => n.type === 'Input');
        assert(JSON.stringify(input.params.shape) === '[4]', `input shape ${JSON.stringify(input.params.shape)}`);
        assert((await page.locator('[data-testid="features-off"]').count()) === 1, 'the 2-D feature toggles give way to a reason');
        // The diagram's input column is named after the columns.
        assert((await page.locator('.network-panel').innerText()).includes('petal_length'), 'input named petal_length in the diagram');
        await apply(page, { type: 'training', patch: { optimizer: 'adam', learningRate: 0.03 } });
        await waitFor(async () => (await run(page)).latest && (await run(page)).step === 0, { message: 'rebuilt on the table' });
        await page.click('[data-testid="play"]');
        await waitFor(async () => ((await run(page)).latest?.testAcc ?? 0) > 0.9, { message: 'test accuracy above 90 %', timeout: 90_000, interval: 250 });
        await page.click('[data-testid="play"]');
        const r = await run(page);
        assert(r.latest.testAcc > 0.9, `test accuracy ${r.latest.testAcc}`);
        console.log(`    flowers.csv: test accuracy ${(r.latest.testAcc * 100).toFixed(1)} % after ${r.epoch} epochs (${r.step} steps)`);
        const pixels = await boundaryPixels(page);
        assert(!pixels.blank, 'the boundary over two features is painted');
        await screenshot(page, 'owndata-table-en');
        // A reload finds the table kept on the device and builds on it again.
        await page.waitForTimeout(1200); // autosave's debounce
        await page.reload();
        await page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached', timeout: 60_000 });
        await page.locator('[data-testid="table-summary"]').waitFor();
        await waitFor(async () => (await run(page)).latest && (await run(page)).problem === null, { message: 'built on the kept table after a reload', timeout: 30_000 });
        assert(JSON.parse(await experiment(page)).dataset.kind === 'table', 'still the table after a reload');
        // The graph editor trains on the same table: its Input takes the 4 encoded inputs.
        await page.click('[data-testid="tab-graph"]');
        const inputId = JSON.parse(await experiment(page)).network.nodes.find((n) => n.type === 'Input').id;
        const node = page.locator(`[data-testid="layer-node-${inputId}"]`);
        await node.waitFor();
        assert((await node.innerText()).includes('4'), `the Input node shows the table's width: ${await node.innerText()}`);
        const stepBefore = (await run(page)).step;
        await page.click('[data-testid="step"]');
        await waitFor(async () => (await run(page)).step > stepBefore, { message: 'a step in the graph editor' });
        assert((await run(page)).problem === null, 'no problem in the graph editor');
        await screenshot(page, 'owndata-table-graph-en');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'own data: points placed with the mouse train, move and erase',
    timeout: 120_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await waitSnapshot(page);
        await page.click('[data-testid="dataset-hand"]');
        await page.click('[data-testid="hand-clear"]');
        const layer = page.locator('[data-testid="hand-layer"]');
        // A learner scrolls the plane into view first (the taller training bar put its lower part below the fold).
        await layer.scrollIntoViewIfNeeded();
        const box = await layer.boundingBox();
        // Class 1 (orange) on the left, class 2 (blue) on the right: 6 points each.
        const at = (fx, fy) => ({ x: box.x + fx * box.width, y: box.y + fy * box.height });
        await page.click('[data-testid="hand-tool-0"]');
        for (const fy of [0.2, 0.35, 0.5, 0.65, 0.8, 0.9]) await page.mouse.click(at(0.2, fy).x, at(0.2, fy).y);
        await page.click('[data-testid="hand-tool-1"]');
        for (const fy of [0.2, 0.35, 0.5, 0.65, 0.8, 0.9]) await page.mouse.click(at(0.8, fy).x, at(0.8, fy).y);
        let hand = JSON.parse(await experiment(page)).dataset.hand;
        assert(hand.length === 36, `12 points placed: ${hand.length / 3}`);
        assert(hand[0] < -3 && hand[2] === 0 && hand[18] > 3 && hand[20] === 1, `placed where clicked: ${hand.slice(0, 3)} / ${hand.slice(18, 21)}`);
        // Drag the first point, erase the last with a right-click.
        const first = at(0.2, 0.2);
        await page.mouse.move(first.x, first.y);
        await page.mouse.down();
        await page.mouse.move(first.x - 20, first.y + 10, { steps: 4 });
        await page.mouse.up();
        const last = at(0.8, 0.9);
        await page.mouse.click(last.x, last.y, { button: 'right' });
        hand = JSON.parse(await experiment(page)).dataset.hand;
        assert(hand.length === 33, `one erased: ${hand.length / 3}`);
        assert(hand[0] < -4.1, `the dragged point moved left: ${hand[0]}`);
        await page.click('[data-testid="play"]');
        await waitFor(async () => ((await run(page)).latest?.trainAcc ?? 0) >= 1, { message: 'every hand point classified', timeout: 60_000, interval: 250 });
        // Retrains live: a new point is taken in while running.
        const now = await layer.boundingBox();
        await page.mouse.click(now.x + 0.5 * now.width, now.y + 0.5 * now.height);
        await waitFor(async () => JSON.parse(await experiment(page)).dataset.hand.length === 36, { message: 'the point is added while training' });
        await page.click('[data-testid="play"]');
        assert(!(await boundaryPixels(page)).blank, 'the boundary is painted');
        await screenshot(page, 'owndata-hand-en');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'own data: a broken CSV leaves the current work in place and says why',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await waitSnapshot(page);
        await apply(page, { type: 'dataset', patch: { kind: 'xor' } });
        const before = await experiment(page);
        const cases = [
          ['ragged.csv', 'a,b,c\n1,2,3\n4,5\n', 'Line 3 has 2 values, but the header has 3 columns'],
          ['empty.csv', '', 'The file is empty'],
          ['photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), 'does not look like a CSV file'],
          ['typo.csv', `x,y,k\n${Array.from({ length: 12 }, (_, i) => `${i},${i === 4 ? 'abc' : i},${i % 2}`).join('\n')}\n`, 'Column “y” holds numbers, but line 6 has “abc”'],
          ['one.csv', 'x,y,label\n1,2,a\n3,4,a\n', 'has one class only'],
          ['big.csv', Buffer.alloc(6 * 1024 * 1024, 0x31), 'The file is 6.0 MB; tables up to 5.0 MB can be opened'],
        ];
        for (const [name, content, message] of cases) {
          await page.setInputFiles('[data-testid="csv-input"]', csvFile(name, content));
          await waitFor(async () => (await noticeText(page).catch(() => '')).includes(message), { message: `${name}: “${message}”`, timeout: 10_000 });
          const text = await noticeText(page);
          assert(text.includes(name) && text.includes('unchanged'), `${name}: the notice names the file and keeps the work: ${text}`);
          assert((await experiment(page)) === before, `${name}: the Experiment is unchanged`);
        }
        assert((await page.locator('[data-testid="table-details"]').count()) === 0, 'no table shown');
        await screenshot(page, 'owndata-broken-en');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'own data: a link whose table is not on the device names the file, the rest opens',
    async run({ browser, baseUrl }) {
      let link;
      {
        const { context, page } = await openApp(browser, baseUrl);
        try {
          await waitSnapshot(page);
          await page.setInputFiles('[data-testid="csv-input"]', csvFile('flowers.csv', await flowers()));
          await page.locator('[data-testid="table-summary"]').waitFor();
          await apply(page, { type: 'seed', seed: 4242 });
          link = await page.evaluate(() => window.__gg.shareUrl?.() ?? null);
          if (!link) {
            await page.click('[data-testid="share"]');
            link = await page.locator('[data-testid="share-url"]').inputValue();
          }
        } finally {
          await context.close();
        }
      }
      const hash = link.slice(link.indexOf('#'));
      const { context, page, errors } = await openApp(browser, baseUrl, { hash });
      try {
        const exp = JSON.parse(await experiment(page));
        assert(exp.seed === 4242 && exp.dataset.kind === 'table' && exp.dataset.table.name === 'flowers.csv', 'the rest of the Experiment is intact');
        await waitFor(async () => (await noticeText(page).catch(() => '')).includes('Open flowers.csv'), { message: 'the notice names the file' });
        await page.locator('[data-testid="table-missing"]').waitFor();
        await waitFor(async () => (await run(page)).problem?.key === 'own.table.missing', { message: 'the engine says the table is missing', timeout: 30_000 });
        // Opening the file trains again.
        await page.setInputFiles('[data-testid="csv-input"]', csvFile('flowers.csv', await flowers()));
        await waitFor(async () => (await run(page)).problem === null && (await run(page)).latest, { message: 'builds once the table is opened', timeout: 30_000 });
        assert(JSON.parse(await experiment(page)).seed === 4242, 'the seed from the link stays');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'own data: the tea example opens from its button, and a CSV dropped on the panel opens too',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl, { locale: 'zh-CN' });
      try {
        await waitSnapshot(page);
        await page.click('[data-testid="example-tea.csv"]');
        await waitFor(async () => (await page.locator('[data-testid="table-summary"]').innerText().catch(() => '')).includes('tea.csv：240 行，4 列'), { message: 'the tea example opened' });
        assert((await page.locator('[data-testid="table-classes"]').innerText()).includes('是, 否'), 'classes 是, 否');
        assert((await page.locator('.network-panel').innerText()).includes('茶类=绿茶'), 'the one-hot input named in the diagram');
        // Drop a file on the panel, as a learner drags one from the desktop.
        const csv = 'a;b;klasse\n1,5;2;x\n2,5;1;y\n3,5;0;x\n4,5;-1;y\n';
        await page.evaluate((text) => {
          const dt = new DataTransfer();
          dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
          document.querySelector('[data-testid="own-data"]').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        }, csv);
        await waitFor(async () => (await page.locator('[data-testid="table-summary"]').innerText().catch(() => '')).includes('dropped.csv'), { message: 'the dropped file opened' });
        const exp = JSON.parse(await experiment(page));
        assert(exp.dataset.table.name === 'dropped.csv' && exp.dataset.table.width === 2 && exp.dataset.table.classes === 2, `the dropped table: ${JSON.stringify(exp.dataset.table)}`);
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
