// Accessibility (issue 14): axe-core over the six views a learner meets — the playground, the image
// lab, the sequence lab, the graph editor, the lesson panel and the share dialog. A serious or
// critical violation fails the test; moderate and minor ones are printed as information.
// Also: the skip link reaches the lab by keyboard, and the colour-blind palette travels in links.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { assert, openApp, waitFor } from './harness.mjs';
import { shareLink } from './pageDriver.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

// The built app has a strict CSP (script-src 'self'), which blocks axe's injected <script>. This
// context bypasses the CSP so axe can be added; it is the only test that does (csp.browser.mjs
// checks the policy itself), and nothing else of the app changes with it.
async function openAxeApp(browser, baseUrl, path = '/') {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US', bypassCSP: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  await page.goto(baseUrl + path);
  await page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached', timeout: 60_000 });
  await page.addScriptTag({ content: AXE_SOURCE });
  return { context, page, errors };
}

/** axe.run over the page; returns the serious/critical violations and prints the rest. */
async function audit(page, view) {
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(0, 2).join(' ')}`),
      count: v.nodes.length,
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations.filter((v) => !bad.includes(v))) {
    console.log(`    info [${view}] ${v.impact} ${v.id} ×${v.count}: ${v.help}`);
    if (process.env.A11Y_VERBOSE) console.log(`      ${v.nodes.join('\n      ')}`);
  }
  return bad;
}

const describe = (bad) => bad.map((v) => `${v.impact} ${v.id} ×${v.count}: ${v.help}\n      ${v.nodes.join('\n      ')}`).join('\n    ');

async function openTemplate(page, id, testid) {
  await page.evaluate((id) => window.__gg.openTemplate(id), id);
  await page.locator(`[data-testid="${testid}"]`).waitFor({ timeout: 30_000 });
  await waitFor(
    () => page.evaluate(() => {
      const s = window.__gg.store.getState();
      const r = s.runs[s.activeRunId];
      return r.problem == null && r.history !== undefined && r.status === 'paused';
    }),
    { timeout: 120_000, message: `${id} built` },
  );
}

export default [
  {
    name: 'a11y: axe finds no serious or critical violation on the six views',
    timeout: 300_000,
    async run({ browser, baseUrl }) {
      const found = {};
      const { context, page, errors } = await openAxeApp(browser, baseUrl);
      try {
        // 1. The playground.
        await page.locator('[data-testid="boundary-canvas"]').waitFor();
        found.playground = await audit(page, 'playground');

        // 2. The share dialog.
        await page.click('[data-testid="share"]');
        await page.locator('[data-testid="share-url"]').waitFor();
        found.share = await audit(page, 'share dialog');
        await page.keyboard.press('Escape');

        // 3. The graph editor.
        await page.click('[data-testid="tab-graph"]');
        await page.locator('[data-testid="layer-node-h1"]').waitFor();
        found.editor = await audit(page, 'editor');

        // 4. The image lab, 5. the sequence lab.
        await page.click('[data-testid="tab-playground"]');
        await openTemplate(page, 'lenet5', 'image-lab');
        // The convolution explainer (its coloured number grids were the contrast finding) once probed.
        await page.locator('[data-testid="conv-explainer"] .cx-num').first().waitFor({ timeout: 90_000 });
        found.imageLab = await audit(page, 'image lab');
        await openTemplate(page, 'transformerEncoder', 'sequence-lab');
        await page.locator('[data-testid="attention-grid"]').waitFor({ timeout: 90_000 });
        found.sequenceLab = await audit(page, 'sequence lab');
      } finally {
        await context.close();
      }

      // 6. The lesson panel, opened by its link.
      const lesson = await openAxeApp(browser, baseUrl, '/?lesson=playground-tour');
      try {
        await lesson.page.locator('[data-testid="lesson-panel"]').waitFor();
        found.lessonPanel = await audit(lesson.page, 'lesson panel');
      } finally {
        await lesson.context.close();
      }

      const failing = Object.entries(found).filter(([, bad]) => bad.length > 0);
      assert(failing.length === 0, `serious/critical axe violations:\n  ${failing.map(([view, bad]) => `${view}:\n    ${describe(bad)}`).join('\n  ')}`);
      assert(errors.length === 0, `page errors:\n  ${errors.join('\n  ')}`);
    },
  },
  {
    name: 'a11y: skip link by keyboard, boundary and loss chart in words, colour-blind palette in links',
    async run({ browser, baseUrl }) {
      const { context, page, errors } = await openApp(browser, baseUrl);
      try {
        // The first Tab stop is the skip link; Enter puts focus on the lab (the <main>), not the URL.
        await page.keyboard.press('Tab');
        assert((await page.evaluate(() => document.activeElement?.dataset.testid)) === 'skip-link', 'the first Tab stop is the skip link');
        const shown = await page.locator('[data-testid="skip-link"]').boundingBox();
        assert(shown && shown.y >= 0, `the focused skip link is on screen: ${JSON.stringify(shown)}`);
        const hashBefore = await page.evaluate(() => location.hash);
        await page.keyboard.press('Enter');
        assert((await page.evaluate(() => document.activeElement?.id)) === 'lab', 'Enter on the skip link focuses the lab');
        assert((await page.evaluate(() => location.hash)) === hashBefore, 'the skip link leaves the link state alone');
        // The next Tab lands on a control inside the lab.
        await page.keyboard.press('Tab');
        assert(await page.evaluate(() => document.getElementById('lab').contains(document.activeElement)), 'Tab after the skip goes into the lab');
        // The next 60 stops: focus moves every time (no trap) and each focused control shows a ring.
        const stops = [];
        for (let i = 0; i < 60; i++) {
          stops.push(await page.evaluate(() => {
            const e = document.activeElement;
            const cs = getComputedStyle(e);
            const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1) || cs.boxShadow !== 'none';
            return { id: `${e.tagName}[${e.getAttribute('data-testid') ?? e.getAttribute('aria-label') ?? e.textContent?.trim().slice(0, 20)}]`, ring, el: e.outerHTML.length };
          }));
          const before = await page.evaluate(() => document.activeElement);
          await page.keyboard.press('Tab');
          const moved = await page.evaluate((b) => document.activeElement !== b, before);
          assert(moved, `focus stayed on ${stops[stops.length - 1].id}`);
        }
        const ringless = stops.filter((s) => !s.ring).map((s) => s.id);
        assert(ringless.length === 0, `focused without a visible ring: ${ringless.join(', ')}`);

        // Train a little: the loss chart's and the boundary's text alternatives carry numbers.
        await page.click('[data-testid="step"]');
        await page.click('[data-testid="step"]');
        const boundary = await waitFor(
          () => page.evaluate(() => {
            const c = document.querySelector('[data-testid="boundary-canvas"]');
            return c?.dataset.shares ? { label: c.getAttribute('aria-label'), shares: c.dataset.shares.split(',').map(Number) } : null;
          }),
          { message: 'the boundary has class shares' },
        );
        const sum = boundary.shares.reduce((a, b) => a + b, 0);
        assert(boundary.shares.length === 2 && Math.abs(sum - 1) < 0.01, `shares sum to 1: ${boundary.shares}`);
        assert(/class 0 \d+%.*class 1 \d+%/.test(boundary.label), `boundary label: ${boundary.label}`);
        const loss = await waitFor(async () => {
          const l = await page.locator('[data-testid="loss-chart"]').getAttribute('aria-label');
          return /Epoch [\d.]+: training \d\.\d{3}, test \d\.\d{3}/.test(l) ? l : null;
        }, { message: 'the loss chart label has the latest losses' });
        console.log(`    info boundary: ${boundary.label}\n    info loss chart: ${loss}`);

        // The colour-blind-safe palette: other colours and shapes on the plane, and links carry it.
        const fills = () => page.$$eval('[data-testid="boundary-points"] path', (ps) => ps.map((p) => p.getAttribute('fill')).sort().join(','));
        const before = await fills();
        await page.click('[data-testid="palette-safe"]');
        const after = await fills();
        assert(after !== before && after.includes('#e69f00') && after.includes('#0072b2'), `Okabe–Ito fills: ${before} → ${after}`);
        const link = await shareLink(page);
        const fresh = await openApp(browser, baseUrl, { hash: link.slice(link.indexOf('#')) });
        try {
          assert(await fresh.page.locator('[data-testid="palette-safe"]').isChecked(), 'the palette came back from the link');
        } finally {
          await fresh.context.close();
        }
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'a11y: touch screens get controls of at least 24 px',
    async run({ browser, baseUrl }) {
      // A touch context: Chromium then matches (pointer: coarse), which the app's touch-target rules use.
      const measure = async (hasTouch) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, hasTouch });
        try {
          const page = await context.newPage();
          await page.goto(baseUrl + '/');
          await page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached', timeout: 60_000 });
          await page.locator('[data-testid="boundary-canvas"]').waitFor();
          return await page.evaluate(() => {
            const sel = 'button, select, input, a[href], [role="radio"], [role="tab"], [role="slider"], summary, [tabindex]:not([tabindex="-1"])';
            const small = [...document.querySelectorAll(sel)].filter((e) => {
              // SVG targets (the diagram's bias squares and links) sit ≥ 24 px apart: WCAG 2.5.8's spacing exception.
              if (e instanceof SVGElement) return false;
              const b = e.getBoundingClientRect();
              return b.width > 0 && b.height > 0 && getComputedStyle(e).visibility !== 'hidden' && (b.width < 24 || b.height < 24);
            });
            return {
              coarse: matchMedia('(pointer: coarse)').matches,
              small: small.map((e) => `${e.tagName}[${e.getAttribute('data-testid') ?? ''}] ${Math.round(e.getBoundingClientRect().width)}×${Math.round(e.getBoundingClientRect().height)}`),
            };
          });
        } finally {
          await context.close();
        }
      };
      const mouse = await measure(false);
      const touch = await measure(true);
      console.log(`    info controls under 24 px: ${mouse.small.length} with a mouse, ${touch.small.length} on touch`);
      assert(touch.coarse && !mouse.coarse, 'the touch context matches (pointer: coarse)');
      assert(mouse.small.length > 0, 'the check sees small controls where the rule does not apply');
      assert(touch.small.length === 0, `controls under 24 px on touch:\n  ${touch.small.join('\n  ')}`);
    },
  },
];
