import { assert, openApp, screenshot, waitFor } from './harness.mjs';
import { run } from './pageDriver.mjs';

// The built page carries a Content-Security-Policy (vite.config.ts) without eval and without
// inline scripts; every lab, the worker and WebGL must work under it, and nothing may violate it.

/** Opens the app and collects every CSP violation the page, its workers or its console report, from the first byte. */
async function openWatched(browser, baseUrl, opts) {
  const { context, page, errors } = await openApp(browser, baseUrl, opts);
  const consoleViolations = [];
  const isCsp = (text) => /Content[- ]Security[- ]Policy|Refused to/i.test(text);
  page.on('console', (msg) => isCsp(msg.text()) && consoleViolations.push(`console: ${msg.text()}`));
  page.on('worker', (worker) => worker.on('console', (msg) => isCsp(msg.text()) && consoleViolations.push(`worker console: ${msg.text()}`)));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample ?? ''}`);
    });
  });
  // Again, now watched from the start (the init script runs before the page's own scripts).
  await page.reload();
  await page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached', timeout: 60_000 });
  errors.length = 0;
  const violations = async () => [...consoleViolations, ...(await page.evaluate(() => window.__cspViolations))];
  return { context, page, errors, violations };
}

async function policyOf(page) {
  return page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null);
}

/** Plays for `ms`, pauses, and returns the run. */
async function trainFor(page, ms) {
  const before = (await run(page)).step;
  await page.click('[data-testid="play"]');
  await page.waitForTimeout(ms);
  await waitFor(async () => (await run(page)).step > before, { timeout: 60_000, message: 'training made progress' });
  await page.click('[data-testid="play"]');
  return run(page);
}

/** The run of the current lab, once it is built and idle (the lab's data loaded). */
const waitReady = (page, what) =>
  waitFor(async () => {
    const r = await run(page);
    if (r.problem) throw new Error(`${what}: the run reports ${JSON.stringify(r.problem)}`);
    return r.backend && r.status === 'paused' && r.step === 0;
  }, { timeout: 120_000, message: `${what} built` });

export default [
  {
    name: 'CSP: the built page has a strict policy and every lab trains under it in the worker',
    timeout: 300_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors, violations } = await openWatched(browser, baseUrl);
      try {
        const policy = await policyOf(page);
        assert(policy, 'a Content-Security-Policy <meta> in the built page');
        assert(!policy.includes("'unsafe-eval'"), `no unsafe-eval: ${policy}`);
        const scriptSrc = policy.match(/script-src[^;]*/)?.[0] ?? '';
        assert(/^script-src 'self'( 'wasm-unsafe-eval')?$/.test(scriptSrc), `scripts from the site only, none inline, no eval: ${scriptSrc}`);
        const header = await page.evaluate(async () => (await fetch('/')).headers.get('content-security-policy'));
        assert(header === policy, `vite preview sends the same policy as a header (it covers the worker): ${header}`);
        // The 2-D playground, in the worker.
        await waitReady(page, 'the playground');
        const r1 = await trainFor(page, 2000);
        assert(r1.host === 'worker' && r1.step > 0, `the playground trained in the worker: ${JSON.stringify({ host: r1.host, step: r1.step, backend: r1.backend })}`);
        // The image lab: LeNet-5 on MNIST (fetched from public/data), a few seconds of training.
        await page.evaluate(() => {
          window.__gg.store.getState().setBackendPref('webgl');
          window.__gg.openTemplate('lenet5');
        });
        await page.locator('[data-testid="image-lab"]').waitFor({ timeout: 30_000 });
        await waitFor(async () => (await page.evaluate(() => { const s = window.__gg.store.getState(); return s.runs[s.activeRunId].part.dataInfo?.nTrain ?? 0; })) > 0, { timeout: 120_000, message: 'MNIST loaded' });
        await waitReady(page, 'LeNet-5');
        const r2 = await trainFor(page, 3000);
        assert(r2.step > 0 && r2.backend === 'webgl' && r2.host === 'worker', `LeNet-5 trained on WebGL in the worker: ${JSON.stringify({ step: r2.step, backend: r2.backend, host: r2.host })}`);
        await screenshot(page, 'csp-images');
        // The sequence lab.
        await page.evaluate(() => window.__gg.openTemplate('transformerEncoder'));
        await page.locator('[data-testid="sequence-lab"]').waitFor({ timeout: 30_000 });
        await waitReady(page, 'the Transformer');
        const r3 = await trainFor(page, 2000);
        assert(r3.step > 0, `the Transformer trained: step ${r3.step}`);
        // The graph editor (React Flow, loaded on first visit).
        await page.click('[data-testid="tab-graph"]');
        await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
        await page.waitForTimeout(500);
        await screenshot(page, 'csp-graph');
        const v = await violations();
        assert(v.length === 0, `CSP violations:\n  ${v.join('\n  ')}`);
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'CSP: ?engine=main trains TF.js on the page itself under the policy (no eval needed)',
    timeout: 180_000,
    async run({ browser, baseUrl }) {
      const { context, page, errors, violations } = await openWatched(browser, baseUrl, { path: '/?engine=main' });
      try {
        assert(await policyOf(page), 'a Content-Security-Policy <meta>');
        await page.evaluate(() => window.__gg.store.getState().setBackendPref('webgl'));
        await waitFor(async () => (await run(page)).backend === 'webgl', { timeout: 60_000, message: 'WebGL on the main thread' });
        await waitReady(page, 'the playground on the main thread');
        const r = await trainFor(page, 2000);
        assert(r.host === 'main' && r.backend === 'webgl' && r.step > 0, `trained on the main thread: ${JSON.stringify({ host: r.host, step: r.step, backend: r.backend })}`);
        const v = await violations();
        assert(v.length === 0, `CSP violations:\n  ${v.join('\n  ')}`);
        assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  },
];
