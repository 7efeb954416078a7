// Issue 16's leftovers: a distillation teacher opened from a file (the pre-trained digit CNN, a bad
// file refused), and the pinned-run legend naming pre-trained against from scratch.
import { assert, localeShots, openApp, waitFor } from './harness.mjs';
import { run, openToolTab } from './pageDriver.mjs';

const SHOTS = '/tmp/shots-tfile';

const stepTo = async (page, steps) => {
  await page.click('[data-testid="play"]');
  await waitFor(async () => (await run(page)).step >= steps, { timeout: 60_000, message: `trains to step ${steps}` });
  await page.click('[data-testid="play"]');
  await waitFor(async () => (await run(page)).status === 'paused', { message: 'paused' });
};

export default [
  {
    name: 'teacher file: the pre-trained digit CNN as the teacher on MNIST (a file without weights refused), a small student distilled a few steps',
    timeout: 240_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await page.evaluate(() => window.__gg.store.getState().apply({ type: 'dataset', patch: { kind: 'mnist' } }));
        await page.locator('[data-testid="image-lab"]').waitFor({ timeout: 30_000 });
        await waitFor(
          () =>
            page.evaluate(() => {
              const s = window.__gg.store.getState();
              const r = s.runs[s.activeRunId];
              return r.status === 'paused' && (r.part?.dataInfo?.nTrain ?? 0) > 0 && r.history.length > 0;
            }),
          { timeout: 90_000, message: 'the CNN is built on the digits' },
        );
        await openToolTab(page, 'distill');
        // A saved Experiment without weights: refused with the reason; no teacher.
        const plan = await page.evaluate(() => JSON.stringify({ app: 'gradient-garden', ...window.__gg.store.getState().experiment }));
        await page.setInputFiles('[data-testid="teacher-file-input"]', { name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(plan) });
        await page.locator('[data-testid="teacher-file-error"]').waitFor();
        assert(/no trained weights/.test(await page.locator('[data-testid="teacher-file-error"]').textContent()), 'the refusal names the missing weights');
        assert(await page.evaluate(() => window.__gg.store.getState().distillTeacher === null), 'no teacher after a refusal');
        await page.click('[data-testid="teacher-pretrained"]');
        await waitFor(async () => /pre-trained network “mnist-cnn”/.test((await page.locator('[data-testid="teacher-source"]').textContent().catch(() => '')) ?? ''), { message: 'the pre-trained teacher named' });
        assert((await page.locator('[data-testid="teacher-file-error"]').count()) === 0, 'the refusal is gone');
        // The teacher's probabilities for the probe digit, and its accuracy on this lab's test digits.
        await page
          .locator('[data-testid="distill-probs"]')
          .waitFor({ timeout: 60_000 })
          .catch(async (e) => {
            const tool = await page.evaluate(() => JSON.stringify({ ...window.__gg.store.getState().tools.distillProbe, result: window.__gg.store.getState().tools.distillProbe?.result?.teacher }));
            throw new Error(`${e.message}: ${tool}`);
          });
        await waitFor(async () => /26,698 weights, trained 1000 steps\. Test accuracy (\d+\.\d) %/.test(await page.locator('[data-testid="distill-teacher-info"]').textContent()), { timeout: 60_000, message: 'teacher size, steps and test accuracy shown' });
        const info = await page.locator('[data-testid="distill-teacher-info"]').textContent();
        const acc = Number(/Test accuracy (\d+\.\d)/.exec(info)[1]);
        assert(acc > 90, `the pre-trained teacher is right on most test digits: ${acc} %`);
        const hard = await page.evaluate(() => {
          const r = window.__gg.store.getState().tools.distillProbe?.result;
          return r?.teacherView?.hard ?? [];
        });
        assert(hard.length === 10 && Math.abs(hard.reduce((a, b) => a + b, 0) - 1) < 1e-3, `teacher probabilities over 10 digits: ${hard}`);
        await page.click('[data-testid="distill-student"]');
        await waitFor(
          async () => (await run(page)).step === 0 && (await page.evaluate(() => window.__gg.store.getState().experiment.network.nodes.every((n) => n.type !== 'Conv2D'))),
          { message: 'the student MLP is built' },
        );
        await page.click('[data-testid="distill-enabled"]');
        assert((await page.locator('[data-testid="distill-notice"]').count()) === 0, 'no notice: the file teacher fits the student');
        await stepTo(page, 20);
        const losses = await page.evaluate(() => {
          const s = window.__gg.store.getState();
          return s.runs[s.activeRunId].history.map((h) => h.trainLoss);
        });
        assert(losses.length >= 2 && losses.every(Number.isFinite), `finite distillation losses: ${losses}`);
        const at = (await run(page)).step;
        await waitFor(async () => (await page.locator('[data-testid="distill-probs"] caption').textContent()).includes(`step ${at} `), { message: 'the probe at the student’s step' });
        await localeShots(page, SHOTS, 'distill-file-teacher', page.locator('[data-testid="tool-distill"]'));
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'teacher file: pinned runs name pre-trained (mnist-cnn) against from scratch',
    timeout: 240_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        await page.evaluate(() => window.__gg.store.getState().apply({ type: 'dataset', patch: { kind: 'shapes' } }));
        await page.locator('[data-testid="image-lab"]').waitFor({ timeout: 30_000 });
        await openToolTab(page, 'transfer');
        await page.click('[data-testid="transfer-load"]');
        await waitFor(async () => /pre-trained \(mnist-cnn\)/.test(await page.locator('[data-testid="transfer-start"]').textContent()), { timeout: 120_000, message: 'the tab says the weights start pre-trained' });
        await page.click('[data-testid="transfer-finetune"]');
        await waitFor(
          async () =>
            (await page.evaluate(() => {
              const s = window.__gg.store.getState();
              const r = s.runs[s.activeRunId];
              // The engine built the shapes network (80 training shapes) and wrote the kept weights with
              // the counters from 0 (the pre-trained run stood at step 1000): pre-trained again.
              return s.experiment.dataset.kind === 'shapes' && r.part?.dataInfo?.nTrain === 80 && r.status === 'paused' && r.step === 0 && r.history.length > 0 && s.runStart?.kind === 'pretrained';
            })) && /pre-trained \(mnist-cnn\)/.test(await page.locator('[data-testid="transfer-start"]').textContent()),
          { timeout: 60_000, message: 'fine-tuned on shapes, still pre-trained' },
        );
        await stepTo(page, 10);
        await page.click('[data-testid="pin-run"]');
        await page.click('[data-testid="transfer-scratch"]');
        await waitFor(async () => /from scratch/.test(await page.locator('[data-testid="transfer-start"]').textContent()), { message: 'from scratch after the reset' });
        const diff = page.locator('[data-testid="pinned-diff"]');
        await waitFor(async () => (await diff.textContent()).includes('pre-trained (mnist-cnn) → from scratch'), { message: 'the legend names the start' });
        assert((await diff.textContent()).includes('frozen: conv1, conv2, fc1 → none'), `the frozen layers still named: ${await diff.textContent()}`);
        await page.evaluate(() => window.__gg.store.getState().setLocale('zh-CN'));
        await waitFor(async () => (await diff.textContent()).includes('预训练（mnist-cnn） → 从头训练'), { message: 'the legend in Chinese' });
        await page.evaluate(() => window.__gg.store.getState().setLocale('en'));
        await localeShots(page, SHOTS, 'pinned-start', page.locator('[data-testid="pinned-runs"]'));
        await localeShots(page, SHOTS, 'transfer-start', page.locator('[data-testid="tool-transfer"]'));
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
