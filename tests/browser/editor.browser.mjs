import { assert, openApp, screenshot, waitFor } from './harness.mjs';
import { apply, experiment, run } from './pageDriver.mjs';

const nodes = async (page) => JSON.parse(await experiment(page)).network.nodes;

async function openEditor(browser, baseUrl) {
  const opened = await openApp(browser, baseUrl);
  await opened.page.click('[data-testid="tab-graph"]');
  await opened.page.locator('[data-testid="layer-node-h1"]').waitFor();
  return opened;
}

/** Drag with the real mouse from one element's centre to another's. */
async function mouseDrag(page, from, to) {
  const a = await page.locator(from).boundingBox();
  const b = await page.locator(to).boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(a.x + a.width / 2 + ((b.x + b.width / 2 - a.x - a.width / 2) * i) / 10, a.y + a.height / 2 + ((b.y + b.height / 2 - a.y - a.height / 2) * i) / 10);
  }
  await page.mouse.up();
}

export default [
  {
    name: 'editor: drag a layer from the palette into the network and connect it',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openEditor(browser, baseUrl);
      try {
        const before = (await nodes(page)).length;
        const canvas = await page.locator('[data-testid="graph-canvas"]').boundingBox();
        // Drop in the empty lower right of the canvas, inside the window: a drop point below it would
        // scroll the page between the press on the palette and the release, and pick up another layer.
        const visibleHeight = Math.min(canvas.height, page.viewportSize().height - canvas.y);
        await page.dragAndDrop('[data-testid="palette-Dense"]', '[data-testid="graph-canvas"]', {
          targetPosition: { x: canvas.width - 160, y: Math.max(40, visibleHeight - 60) },
        });
        await waitFor(async () => (await nodes(page)).length === before + 1, { message: 'a Dense node was dropped' });
        const added = (await nodes(page)).find((n) => n.type === 'Dense' && n.inputs.length === 0);
        assert(added, 'the dropped node starts unconnected');
        const target = `[data-testid="layer-node-${added.id}"] .react-flow__handle.target`;
        await page.locator(target).waitFor();
        // Unconnected, it is marked as wrong: it needs an input.
        await page.locator(`[data-testid="node-error-${added.id}"]`).waitFor();
        await mouseDrag(page, '[data-testid="layer-node-h2"] .react-flow__handle.source', target);
        await waitFor(async () => (await nodes(page)).find((n) => n.id === added.id)?.inputs.includes('h2'), { message: 'h2 → new node connected' });
        await page.locator(`[data-testid="node-error-${added.id}"]`).waitFor({ state: 'detached' });
        await screenshot(page, 'editor-connected');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'editor: a shape error appears on the node and goes away when fixed',
    async run({ browser, baseUrl }) {
      const { context, page } = await openEditor(browser, baseUrl);
      try {
        // Select h2, then click Add in the palette: it is inserted between h2 and the output.
        await page.click('[data-testid="layer-node-h2"]');
        await page.click('[data-testid="palette-Add"]');
        const add = await waitFor(async () => (await nodes(page)).find((n) => n.type === 'Add'), { message: 'Add inserted' });
        assert(add.inputs[0] === 'h2', `Add takes h2 first: ${JSON.stringify(add.inputs)}`);
        const out = (await nodes(page)).find((n) => n.id === 'output');
        assert(JSON.stringify(out.inputs) === JSON.stringify([add.id]), `the output now takes the Add: ${JSON.stringify(out.inputs)}`);
        await apply(page, { type: 'graph', change: { type: 'connect', source: 'h1', target: add.id } });
        const error = page.locator(`[data-testid="node-error-${add.id}"]`);
        await error.waitFor();
        const text = await error.textContent();
        assert(/same shape/.test(text) && /4/.test(text) && /2/.test(text), `error names both shapes: ${text}`);
        await screenshot(page, 'editor-shape-error');
        // Fix it in the inspector: h2 gets 4 units like h1.
        await page.click('[data-testid="layer-node-h2"]');
        const units = page.locator('[data-testid="inspector"]').getByLabel('Units', { exact: true });
        await units.fill('4');
        await units.press('Enter');
        await error.waitFor({ state: 'detached' });
        assert((await page.textContent(`[data-testid="node-shape-${add.id}"]`)).includes('4'), 'Add now outputs 4');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'editor: a connection dropped on a taken input replaces it and says which one it dropped',
    async run({ browser, baseUrl }) {
      const { context, page } = await openEditor(browser, baseUrl);
      try {
        await mouseDrag(page, '[data-testid="layer-node-input"] .react-flow__handle.source', '[data-testid="layer-node-h2"] .react-flow__handle.target');
        await waitFor(async () => (await nodes(page)).find((n) => n.id === 'h2')?.inputs.includes('input'), { message: 'input → h2 connected' });
        const status = (await page.textContent('[data-testid="editor-status"]')) ?? '';
        assert(/in place of “h1” → “h2”/.test(status) && /“h1” now feeds nothing/.test(status), `the status line says what was replaced: ${status}`);
        await page.keyboard.press('Control+z');
        await waitFor(async () => (await nodes(page)).find((n) => n.id === 'h2')?.inputs[0] === 'h1', { message: 'undo restores h1 → h2' });
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'editor: a connection that would make a loop is refused while dragging, with the reason',
    async run({ browser, baseUrl }) {
      const { context, page } = await openEditor(browser, baseUrl);
      try {
        const before = await experiment(page);
        const a = await page.locator('[data-testid="layer-node-output"] .react-flow__handle.source').boundingBox();
        const b = await page.locator('[data-testid="layer-node-h1"] .react-flow__handle.target').boundingBox();
        await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
        await page.mouse.down();
        for (let i = 1; i <= 12; i++) {
          await page.mouse.move(a.x + ((b.x - a.x) * i) / 12 + b.width / 2, a.y + ((b.y - a.y) * i) / 12 + b.height / 2);
        }
        // Still dragging: the status line already says why.
        await waitFor(async () => /loop/.test((await page.textContent('[data-testid="editor-status"]')) ?? ''), { message: 'reason shown during the drag' });
        await page.mouse.up();
        assert((await experiment(page)) === before, 'nothing was connected');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'templates: open ResNet and train it a few steps',
    timeout: 240_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await waitFor(async () => (await run(page)).backend, { message: 'engine ready' });
        await page.click('[data-testid="templates"]');
        await page.click('[data-testid="template-resnet"]');
        await waitFor(async () => (await nodes(page)).some((n) => n.type === 'Add'), { message: 'ResNet opened' });
        const exp = JSON.parse(await experiment(page));
        assert(exp.dataset.kind === 'mnist', `image templates open on MNIST: ${exp.dataset.kind}`);
        await page.click('[data-testid="tab-graph"]');
        await page.locator('.react-flow__node').first().waitFor();
        await waitFor(async () => (await run(page)).latest && (await run(page)).status === 'paused', { message: 'ResNet built', timeout: 90_000 });
        await page.click('[data-testid="play"]');
        await waitFor(async () => (await run(page)).step >= 3, { message: 'ResNet trained 3 steps', timeout: 150_000, interval: 500 });
        const r = await run(page);
        assert(Number.isFinite(r.latest.trainLoss), `finite loss: ${r.latest.trainLoss}`);
        await page.click('[data-testid="play"]');
        await screenshot(page, 'editor-resnet');
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
