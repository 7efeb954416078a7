// Graph editor: shape inference + validation of a 200-node graph after one edit, and the frame
// time while dragging a node of that graph in the editor. Medians over repeated trials.
import { median, openApp, waitFor } from './harness.mjs';

/** A 200-node network: an image stem, then residual blocks (Conv → BN → Activation → Conv → BN → Add). */
function bigNetwork() {
  const nodes = [{ id: 'input', type: 'Input', params: { shape: [16, 16, 8] }, inputs: [] }];
  let prev = 'input';
  let i = 0;
  while (nodes.length < 197) {
    const b = `b${i++}`;
    const conv = (id, src) => ({ id, type: 'Conv2D', params: { filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'linear', useBias: true }, inputs: [src] });
    nodes.push(conv(`${b}_c1`, prev));
    nodes.push({ id: `${b}_bn1`, type: 'BatchNormalization', params: {}, inputs: [`${b}_c1`] });
    nodes.push({ id: `${b}_a1`, type: 'Activation', params: { activation: 'relu' }, inputs: [`${b}_bn1`] });
    nodes.push(conv(`${b}_c2`, `${b}_a1`));
    nodes.push({ id: `${b}_bn2`, type: 'BatchNormalization', params: {}, inputs: [`${b}_c2`] });
    nodes.push({ id: `${b}_add`, type: 'Add', params: {}, inputs: [`${b}_bn2`, prev] });
    prev = `${b}_add`;
  }
  nodes.push({ id: 'gap', type: 'GlobalAveragePooling2D', params: {}, inputs: [prev] });
  nodes.push({ id: 'out', type: 'Dense', params: { units: 10, activation: 'softmax', useBias: true }, inputs: ['gap'] });
  return { nodes: nodes.slice(0, 200) };
}

export default async function ({ browser, baseUrl, log }) {
  const { context, page } = await openApp(browser, baseUrl);
  try {
    const network = bigNetwork();
    const validate = await page.evaluate((network) => {
      const { analyze } = window.__gg;
      const times = [];
      let spec = network;
      for (let trial = 0; trial < 60; trial++) {
        // One edit (a filter count on a node in the middle), then a full re-analysis.
        const nodes = spec.nodes.map((n, i) => (i === 100 ? { ...n, params: { ...n.params, filters: 8 + (trial % 2) } } : n));
        spec = { nodes };
        const t0 = performance.now();
        const a = analyze(spec);
        times.push(performance.now() - t0);
        if (a.errors.length && trial === 0) throw new Error(`bench graph invalid: ${JSON.stringify(a.errors[0])}`);
      }
      return { nodes: spec.nodes.length, times };
    }, network);
    const validateMs = median(validate.times.slice(10));
    log(`validate ${validate.nodes} nodes: median ${validateMs.toFixed(3)} ms`);
    const out = { editor: { validate200NodesMs: +validateMs.toFixed(3), graphNodes: validate.nodes } };

    // Drag: open the graph in the editor and drag one node around, timing animation frames.
    const tab = page.locator('[data-testid="tab-graph"]');
    if (await tab.count()) {
      await page.evaluate((network) => {
        const s = window.__gg.store.getState();
        s.apply({ type: 'replace', experiment: { ...s.experiment, network } });
      }, network);
      await tab.click();
      await waitFor(async () => (await page.locator('.react-flow__node').count()) > 0, { message: 'editor nodes rendered' });
      await page.waitForTimeout(500); // let fit-view settle
      // A node well inside the visible canvas (with 200 nodes most are off-screen).
      const pane = await page.locator('[data-testid="graph-canvas"]').boundingBox();
      const all = page.locator('.react-flow__node');
      let node = all.first();
      for (let i = 0; i < (await all.count()); i++) {
        const b = await all.nth(i).boundingBox();
        if (b && b.x > pane.x + 20 && b.y > pane.y + 20 && b.x + b.width < pane.x + pane.width - 220 && b.y + b.height < pane.y + pane.height - 60) {
          node = all.nth(i);
          break;
        }
      }
      const box = await node.boundingBox();
      const id = await node.getAttribute('data-id');
      const layoutOf = () => page.evaluate((id) => JSON.stringify(window.__gg.store.getState().experiment.network.layout?.[id] ?? null), id);
      const before = await layoutOf();
      await page.evaluate(() => {
        window.__frames = [];
        let last = performance.now();
        const tick = (now) => {
          window.__frames.push(now - last);
          last = now;
          if (window.__frames.length < 400) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      for (let i = 0; i < 60; i++) await page.mouse.move(box.x + box.width / 2 + i * 3, box.y + box.height / 2 + Math.sin(i / 5) * 30, { steps: 1 });
      await page.mouse.up();
      await waitFor(async () => (await layoutOf()) !== before, { message: 'the node was really dragged (its position was saved)' });
      const frames = await page.evaluate(() => window.__frames.slice(2));
      out.editor.dragFrameMs = +median(frames).toFixed(2);
      out.editor.dragFrameP95Ms = +[...frames].sort((a, b) => a - b)[Math.floor(frames.length * 0.95)].toFixed(2);
      out.editor.dragFrameMaxMs = +Math.max(...frames).toFixed(2);
      log(`drag: median frame ${out.editor.dragFrameMs} ms, p95 ${out.editor.dragFrameP95Ms} ms over ${frames.length} frames`);
    }
    return out;
  } finally {
    await context.close();
  }
}
