// Teacher controls (issue 14): a lesson written in the app's lesson editor and opened by a student
// from its link; the Share dialog's palette restriction and read-only editor as a student sees them.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { assert, openApp, screenshot, waitFor } from './harness.mjs';
import { apply, experiment, run } from './pageDriver.mjs';

const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe over the page (as a11y.browser.mjs does): the serious and critical violations. */
async function seriousViolations(page) {
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const nodes = async (page) => JSON.parse(await experiment(page)).network.nodes;

/** The Share dialog's link after `choose` set its editor rules. */
async function teacherLink(page, choose) {
  await page.click('[data-testid="share"]');
  await choose();
  const url = await page.locator('[data-testid="share-url"]').inputValue();
  await page.keyboard.press('Escape');
  return url;
}

/** A fresh browser context (a student's) on this address. */
async function openAs(browser, url) {
  const u = new URL(url);
  return openApp(browser, u.origin, { path: u.pathname + u.search, hash: u.hash });
}

export default [
  {
    name: 'teacher lesson: written in the editor with the current Experiment and a check, opened from its link, the check goes green after training',
    timeout: 240_000,
    async run({ browser, baseUrl }) {
      const teacher = await openApp(browser, baseUrl);
      let student;
      try {
        const { page } = teacher;
        await waitFor(async () => (await run(page)).status === 'paused', { message: 'engine ready', timeout: 60_000 });
        // The teacher's setup: the circle, on the CPU, stopping after 2 epochs (a settled state to check).
        await apply(page, { type: 'stopRule', patch: { epochs: 2 } });
        await page.click('[data-testid="lessons-button"]');
        await page.click('[data-testid="lesson-write"]');
        const editor = page.locator('[data-testid="lesson-editor"]');
        await editor.waitFor();
        await page.fill('[data-testid="tlesson-title"]', 'Watch the loss fall');
        await page.fill('[data-testid="tlesson-text-1"]', 'Press **Show me**: the network trains on the circle. The loss is\n\n$$L = \\frac{1}{n}\\sum_i (y_i - \\hat y_i)^2$$');
        await page.click('[data-testid="tlesson-capture-1"]');
        await page.selectOption('[data-testid="tlesson-target-1"]', 'loss-chart');
        await page.fill('[data-testid="tlesson-check-1"]', 'step >');
        await page.locator('[data-testid="tlesson-problems-1"]').waitFor();
        await page.fill('[data-testid="tlesson-check-1"]', 'step > 20');
        await page.click('[data-testid="tlesson-add-step"]');
        await page.fill('[data-testid="tlesson-text-2"]', 'Now try a larger learning rate $\\eta$.');
        // The formula is typeset by KaTeX in the preview, as in the lesson panel.
        await page.locator('[data-testid="tlesson-preview-1"] .katex').first().waitFor();
        await page.locator('[data-testid="tlesson-ready"]').waitFor();
        await page.click('[data-testid="tlesson-make-link"]');
        const link = await page.locator('[data-testid="tlesson-link"]').inputValue();
        assert(/\?lesson=teacher-[0-9a-f]{8}#l=/.test(link) && link.length < 8_100, `a lesson link: ${link.slice(0, 80)}… (${link.length})`);
        await screenshot(page, 'teacher-lesson-editor');
        assert(teacher.errors.length === 0, `teacher console errors:\n  ${teacher.errors.join('\n  ')}`);

        // A student opens it in a fresh browser.
        student = await openAs(browser, link);
        const s = student.page;
        const panel = s.locator('[data-testid="lesson-panel"]');
        await panel.waitFor();
        assert((await panel.getAttribute('data-steps')) === '2', 'two steps');
        assert((await s.locator('[data-testid="teacher-mark"]').count()) === 1, "marked as a teacher's lesson");
        assert((await s.textContent('[data-testid="lesson-step"]')).includes('1 of 2'), 'on step 1');
        await s.locator('.lesson-text .katex').first().waitFor();
        await waitFor(async () => (await s.locator('.tour-target[data-tour="loss-chart"]').count()) >= 1, { message: 'the loss chart is highlighted' });
        const stop = await s.evaluate(() => window.__gg.store.getState().experiment.training.stop.epochs);
        assert(stop === 2, `the step's setup is the teacher's Experiment (stop rule 2 epochs): ${stop}`);
        await s.locator('[data-testid="backend-pref"]').selectOption('cpu');
        await waitFor(async () => (await run(s)).status === 'paused' || (await run(s)).status === 'idle', { message: 'student engine ready', timeout: 60_000 });
        assert((await s.getAttribute('[data-testid="lesson-check"]', 'data-done')) === 'false', 'the check waits');
        await s.click('[data-testid="lesson-show-me"]');
        await waitFor(async () => (await s.getAttribute('[data-testid="lesson-check"]', 'data-done')) === 'true', { message: 'the check went green', timeout: 90_000 });
        const r = await run(s);
        assert(r.step > 20, `trained past step 20: ${r.step}`);
        await screenshot(s, 'teacher-lesson-student');
        await s.click('[data-testid="lesson-next"]');
        await waitFor(async () => (await s.textContent('[data-testid="lesson-step"]')).includes('2 of 2'), { message: 'step 2' });
        assert(student.errors.length === 0, `student console errors:\n  ${student.errors.join('\n  ')}`);
        await student.context.close();

        // A damaged link: a clear notice, the app works on.
        student = await openApp(browser, baseUrl, { path: '/?lesson=teacher-00000000', hash: '#l=NobwRAhg' });
        await student.page.locator('[data-testid="notice"], .notice').first().waitFor();
        const notice = await student.page.locator('[data-testid="notice"], .notice').first().textContent();
        assert(/could not be opened/.test(notice), `a notice says why: ${notice}`);
        assert((await student.page.locator('[data-testid="lesson-panel"]').count()) === 0, 'no lesson panel');
      } finally {
        await teacher.context.close();
        await student?.context.close();
      }
    },
  },
  {
    name: "teacher controls: a restricted palette link offers only those layer types; a read-only link refuses a drag with the reason",
    async run({ browser, baseUrl }) {
      const teacher = await openApp(browser, baseUrl);
      const opened = [];
      try {
        const { page } = teacher;
        const restricted = await teacherLink(page, async () => {
          await page.click('[data-testid="share-palette-all"]');
          await page.click('[data-testid="share-palette-Dense"]');
          await page.click('[data-testid="share-palette-Dropout"]');
        });
        const a = await openAs(browser, restricted);
        opened.push(a);
        await a.page.click('[data-testid="tab-graph"]');
        await a.page.locator('[data-testid="layer-node-h1"]').waitFor();
        const offered = await a.page.locator('[data-testid="palette"] .palette-item').evaluateAll((els) => els.map((e) => e.dataset.testid));
        assert(JSON.stringify(offered) === JSON.stringify(['palette-Dense', 'palette-Dropout']), `only Dense and Dropout: ${offered}`);

        // The dialog starts from the page's own rules (none): only "students may edit" goes off.
        const readOnly = await teacherLink(page, async () => {
          await page.click('[data-testid="share-may-edit"]');
        });
        const b = await openAs(browser, readOnly);
        opened.push(b);
        const s = b.page;
        await s.click('[data-testid="tab-graph"]');
        await s.locator('[data-testid="layer-node-h1"]').waitFor();
        await s.locator('[data-testid="editor-locked"]').waitFor();
        const before = await nodes(s);
        const canvas = await s.locator('[data-testid="graph-canvas"]').boundingBox();
        const visibleHeight = Math.min(canvas.height, s.viewportSize().height - canvas.y);
        await s.dragAndDrop('[data-testid="palette-Dense"]', '[data-testid="graph-canvas"]', { targetPosition: { x: canvas.width - 160, y: Math.max(40, visibleHeight - 60) } });
        await waitFor(async () => /read-only/.test(await s.textContent('[data-testid="editor-status"]')), { message: 'the status line says why' });
        // A node dragged on the canvas stays where it is (the pane may pan: the nodes keep their places).
        const gap = async () => {
          const [h1, input] = await Promise.all(['h1', 'input'].map((id) => s.locator(`[data-testid="layer-node-${id}"]`).boundingBox()));
          return { dx: h1.x - input.x, dy: h1.y - input.y, h1 };
        };
        const was = await gap();
        await s.mouse.move(was.h1.x + 20, was.h1.y + 10);
        await s.mouse.down();
        for (let i = 1; i <= 8; i++) await s.mouse.move(was.h1.x + 20 + i * 15, was.h1.y + 10 + i * 10);
        await s.mouse.up();
        const now = await gap();
        assert(Math.abs(now.dx - was.dx) < 2 && Math.abs(now.dy - was.dy) < 2, `h1 did not move against the input: ${JSON.stringify([was, now])}`);
        assert(JSON.stringify(await nodes(s)) === JSON.stringify(before), 'the network is unchanged');
        // The inspector shows the selected layer, its fields disabled.
        await s.click('[data-testid="layer-node-h1"]');
        await s.locator('[data-testid="inspector-locked"]').waitFor();
        assert(await s.locator('[data-testid="layer-name"]').isDisabled(), 'the name field is disabled');
        await screenshot(s, 'teacher-read-only-editor');
        for (const o of [teacher, ...opened]) assert(o.errors.length === 0, `console errors:\n  ${o.errors.join('\n  ')}`);
      } finally {
        await teacher.context.close();
        for (const o of opened) await o.context.close();
      }
    },
  },
  {
    name: 'teacher controls: axe finds no serious violation in the lesson editor, the Share dialog\'s editor rules and a read-only editor',
    async run({ browser, baseUrl }) {
      // CSP bypassed for axe's injected script only (see a11y.browser.mjs).
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US', bypassCSP: true, serviceWorkers: 'block' });
      try {
        const page = await context.newPage();
        await page.goto(baseUrl + '/');
        await page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached' });
        await page.addScriptTag({ content: AXE_SOURCE });
        await page.click('[data-testid="lessons-button"]');
        await page.click('[data-testid="lesson-write"]');
        await page.fill('[data-testid="tlesson-title"]', 'A lesson');
        await page.fill('[data-testid="tlesson-text-1"]', 'Text with $x^2$.');
        await page.fill('[data-testid="tlesson-check-1"]', 'step >');
        await page.locator('[data-testid="tlesson-problems-1"]').waitFor();
        const inEditor = await seriousViolations(page);
        assert(inEditor.length === 0, `lesson editor:\n  ${inEditor.join('\n  ')}`);
        await page.click('[data-testid="tlesson-close"]');
        await page.click('[data-testid="share"]');
        await page.click('[data-testid="share-may-edit"]');
        const inShare = await seriousViolations(page);
        assert(inShare.length === 0, `share dialog:\n  ${inShare.join('\n  ')}`);
        const url = await page.locator('[data-testid="share-url"]').inputValue();
        const student = await context.newPage();
        await student.goto(url);
        await student.locator('[data-testid="app-ready"]').waitFor({ state: 'attached' });
        await student.addScriptTag({ content: AXE_SOURCE });
        await student.click('[data-testid="tab-graph"]');
        await student.locator('[data-testid="layer-node-h1"]').waitFor();
        await student.click('[data-testid="layer-node-h1"]');
        await student.locator('[data-testid="inspector-locked"]').waitFor();
        const inEditorView = await seriousViolations(student);
        assert(inEditorView.length === 0, `read-only editor:\n  ${inEditorView.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
