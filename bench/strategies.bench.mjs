// Beyond plain training (issue 16), in headless Chromium with the tools panel's tools, on LeNet-5
// (the template: Adam 0.001, batch 32) trained 3 epochs on MNIST (9,000 train / 1,000 test):
// - strategies.int8.{accuracyDrop,sizeRatio}: int8 per channel against float32, on the whole test
//   split; the size is of the serialized weights (models/compression.ts);
// - strategies.prune80.accuracyDrop: 80 % global magnitude pruning, then 100 fine-tune steps;
// - strategies.fgsm.eps0_1.accuracy: test accuracy under FGSM at ε = 0.1 (first 1,000 test images);
// - strategies.advTrain.eps0_1.accuracy: the same after training 3 epochs from the same start with
//   half of each batch replaced by its FGSM (ε = 0.1) version;
// - strategies.saliencyMs: one saliency map of the probe image (median of 7, the engine's own time);
// - strategies.finetune.fewShotGain: the pre-trained digit CNN fine-tuned on shapes with 20 examples
//   a class (100 steps frozen, 100 unfrozen) minus the same network from scratch (200 steps), test
//   accuracy on every test shape;
// - strategies.distill.studentGain: a 16-unit student trained 300 steps with the trained LeNet-5 as
//   teacher (T = 4, α = 0.5) minus the same student alone, same start;
// - strategies.maxLongTaskMs: the longest main-thread task while the tools ran.
import { measureLongTasks, maxLongTask, median, openApp, waitFor } from './harness.mjs';

const state = (page) =>
  page.evaluate(() => {
    const s = window.__gg.store.getState();
    const r = s.runs[s.activeRunId];
    return { status: r.status, step: r.step, epoch: r.epoch ?? 0, problem: r.problem ?? null };
  });

/** Run a tool through the store, as its tab's button does; its result (numbers only). */
async function tool(page, request, timeout = 600_000) {
  const id = await page.evaluate((req) => window.__gg.store.getState().runTool(req), request);
  await waitFor(
    () => page.evaluate(({ name, id }) => {
      const t = window.__gg.store.getState().tools[name];
      return !!t && t.requestId === id && t.status !== 'computing';
    }, { name: request.tool, id }),
    { timeout, interval: 250, message: `tool ${request.tool}` },
  );
  return page.evaluate((name) => {
    const t = window.__gg.store.getState().tools[name];
    if (!t.result) return { error: t.error, detail: t.detail };
    // Typed arrays are left behind: the bench reads numbers.
    return JSON.parse(JSON.stringify(t.result, (k, v) => (ArrayBuffer.isView(v) ? undefined : v)));
  }, request.tool);
}

/** Train exactly `steps` steps (one engine message), then wait until the engine has reported them. */
async function trainSteps(page, steps) {
  const from = (await state(page)).step;
  await page.evaluate((n) => {
    const s = window.__gg.store.getState();
    s.engine.post({ type: 'step', runId: s.activeRunId, steps: n });
  }, steps);
  await waitFor(async () => (await state(page)).step >= from + steps, { timeout: 900_000, interval: 250, message: `${steps} steps` });
}

/** Train to the end of epoch `epochs` with the stop rule, from the current start. */
async function trainEpochs(page, epochs) {
  await page.evaluate((n) => window.__gg.store.getState().apply({ type: 'stopRule', patch: { epochs: n } }), epochs);
  await page.click('[data-testid="play"]');
  await waitFor(async () => {
    const r = await state(page);
    return r.status === 'paused' && r.epoch >= epochs;
  }, { timeout: 1_800_000, interval: 500, message: `${epochs} epochs` });
}

const built = (page) => waitFor(async () => {
  const r = await state(page);
  return r.status === 'paused' && r.problem === null;
}, { timeout: 180_000, interval: 250, message: 'network built' });

/** After an action that builds a new network: wait for its run (step 0, paused), not the old one's. */
const builtFresh = (page) => waitFor(async () => {
  const r = await state(page);
  return r.step === 0 && r.status === 'paused' && r.problem === null;
}, { timeout: 180_000, interval: 250, message: 'the new network built' });

async function openTools(page, tab) {
  const details = page.locator('[data-testid="tools-panel"] details');
  if (!(await details.evaluate((d) => d.open))) await page.locator('[data-testid="tools-panel"] summary').click();
  await page.click(`[data-testid="tool-tab-${tab}"]`);
}

/** A robustness curve's accuracy at ε. */
const at = (curve, eps) => curve.points.find((p) => Math.abs(p.eps - eps) < 1e-9)?.accuracy ?? null;

/** Test accuracy on the whole test split; a refused request (the engine still busy) is asked again. */
async function accuracyOf(page, log) {
  for (let i = 0; i < 5; i++) {
    const r = await tool(page, { tool: 'testAccuracy' });
    if (typeof r.accuracy === 'number') return r.accuracy;
    log?.(`testAccuracy refused (${r.error} ${r.detail ?? ''}), asking again`);
    await page.waitForTimeout(1000);
  }
  throw new Error('testAccuracy gave no result');
}

export default async function strategies({ browser, baseUrl, log }) {
  const { context, page } = await openApp(browser, baseUrl);
  try {
    await page.evaluate(() => {
      const gg = window.__gg;
      gg.store.getState().setBackendPref('cpu');
      gg.openTemplate('lenet5');
    });
    await built(page);
    const t0 = Date.now();
    await trainEpochs(page, 3);
    log(`LeNet-5 trained 3 epochs in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    await measureLongTasks(page);

    const int8 = await tool(page, { tool: 'compress', action: 'apply', method: 'int8' });
    const original = int8.rows.find((r) => r.method === 'float32');
    const q = int8.rows.find((r) => r.method === 'int8');
    await tool(page, { tool: 'compress', action: 'restore' });
    const pruned = await tool(page, { tool: 'compress', action: 'apply', method: 'prune', sparsity: 0.8, scope: 'global', fineTuneSteps: 100 });
    const p = pruned.rows.find((r) => r.method === 'prune');
    await tool(page, { tool: 'compress', action: 'restore' });
    log(`float32 ${original.accuracy}, int8 ${q.accuracy} (${q.bytes}/${original.bytes} bytes), prune 80 % ${p.accuracy}`);

    const fgsm = await tool(page, { tool: 'robustness', method: 'fgsm', eps: [0.1], examples: 1000 });
    const saliency = [];
    for (let i = 0; i < 7; i++) saliency.push((await tool(page, { tool: 'explain', method: 'saliency' })).ms);
    const longTask = await maxLongTask(page);

    // The teacher for distillation is this trained LeNet-5.
    await openTools(page, 'distill');
    await page.click('[data-testid="distill-capture"]');
    await page.locator('[data-testid="distill-teacher-info"]').waitFor({ timeout: 60_000 });
    await page.click('[data-testid="distill-student"]');
    await builtFresh(page);
    await trainSteps(page, 300);
    const alone = await accuracyOf(page, log);
    // Distillation on, then Reset: the same seed, so the same initial weights as the student alone.
    await page.evaluate(() => window.__gg.store.getState().apply({ type: 'training', patch: { distillation: { enabled: true, temperature: 4, alpha: 0.5 } } }));
    await page.evaluate(() => window.__gg.store.getState().reset());
    await builtFresh(page);
    await trainSteps(page, 300);
    const distilled = await accuracyOf(page, log);
    log(`student alone ${alone}, distilled ${distilled}`);

    // Adversarial training: LeNet-5 again from its start, half of each batch FGSM ε = 0.1.
    await page.evaluate(() => {
      const gg = window.__gg;
      gg.openTemplate('lenet5');
      gg.store.getState().apply({ type: 'training', patch: { adversarial: { enabled: true, method: 'fgsm', eps: 0.1, share: 0.5 } } });
    });
    await builtFresh(page);
    await trainEpochs(page, 3);
    const robust = await tool(page, { tool: 'robustness', method: 'fgsm', eps: [0.1], examples: 1000 });
    log(`FGSM ε = 0.1: plain ${at(fgsm, 0.1)}, adversarially trained ${at(robust, 0.1)}`);

    // Fine-tuning the pre-trained digit CNN on 20 shapes a class, against the same from scratch.
    await openTools(page, 'transfer');
    await page.click('[data-testid="transfer-finetune"]');
    await waitFor(() => page.evaluate(() => window.__gg.store.getState().experiment.dataset.kind === 'shapes'), { timeout: 60_000, message: 'fine-tuning on shapes' });
    await builtFresh(page);
    await trainSteps(page, 100);
    await page.click('[data-testid="transfer-unfreeze"]');
    await trainSteps(page, 100);
    const fineTuned = await accuracyOf(page, log);
    await page.click('[data-testid="transfer-scratch"]');
    await builtFresh(page);
    await trainSteps(page, 200);
    const scratch = await accuracyOf(page, log);
    log(`shapes, 20 a class: fine-tuned ${fineTuned}, from scratch ${scratch}`);

    return {
      strategies: {
        lenet3EpochsTestAccuracy: original.accuracy,
        int8: { accuracyDrop: original.accuracy - q.accuracy, sizeRatio: q.bytes / original.bytes },
        prune80: { accuracyDrop: original.accuracy - p.accuracy },
        fgsm: { eps0_1: { accuracy: at(fgsm, 0.1) } },
        advTrain: { eps0_1: { accuracy: at(robust, 0.1) } },
        saliencyMs: median(saliency),
        finetune: { fewShotGain: fineTuned - scratch, fineTuned, scratch },
        distill: { studentGain: distilled - alone, alone, distilled },
        maxLongTaskMs: longTask,
      },
    };
  } finally {
    await context.close();
  }
}
