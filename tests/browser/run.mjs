// Browser test runner: `node tests/browser/run.mjs [name-filter]`.
// Runs every tests/browser/*.browser.mjs against the built app (dist/) in
// headless Chromium. Each file default-exports [{ name, run, timeout? }].
import { readdir } from 'node:fs/promises';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { ensureChromium, launchChromium } from './chromium.mjs';
import { startServer } from './server.mjs';

const DIR = fileURLToPath(new URL('./', import.meta.url));
const DEFAULT_TIMEOUT = 180_000;
const filter = process.argv[2] ?? '';

function withTimeout(promise, ms, name) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function loadTests() {
  const files = (await readdir(DIR)).filter((f) => f.endsWith('.browser.mjs')).sort();
  const tests = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(DIR + file).href);
    if (!Array.isArray(mod.default)) throw new Error(`${file} must default-export an array of tests`);
    for (const t of mod.default) tests.push({ ...t, file });
  }
  return tests.filter((t) => t.name.includes(filter));
}

let passed = 0;
/** Each test's wall time, for the summary of the slowest at the end (CI time is mostly these). */
const durations = [];
let failed = 0;
let server;
let browser;
try {
  const tests = await loadTests();
  await ensureChromium();
  server = await startServer({});
  browser = await launchChromium();
  console.log(`Chromium ${browser.version()}, app at ${server.url}, ${tests.length} test(s)`);

  for (const t of tests) {
    const start = Date.now();
    try {
      await withTimeout(t.run({ browser, baseUrl: server.url }), t.timeout ?? DEFAULT_TIMEOUT, t.name);
      passed++;
      durations.push([Date.now() - start, t.name]);
      console.log(`✓ ${t.name} (${Date.now() - start} ms)`);
    } catch (err) {
      failed++;
      durations.push([Date.now() - start, t.name]);
      console.log(`✗ ${t.name} (${Date.now() - start} ms) [${t.file}]`);
      console.log(String(err?.stack ?? err).replace(/^/gm, '    '));
    }
    // Tests should close their contexts; this also cleans up after a timed-out one.
    await Promise.all(browser.contexts().map((c) => c.close().catch(() => {})));
  }
} catch (err) {
  failed++;
  console.log(`✗ runner: ${err?.stack ?? err}`);
} finally {
  await browser?.close().catch(() => {});
  await server?.close().catch(() => {});
}

if (durations.length > 1) {
  const total = durations.reduce((sum, [ms]) => sum + ms, 0);
  console.log(`slowest of ${durations.length} tests (${(total / 1000).toFixed(0)} s in all):`);
  for (const [ms, name] of durations.sort((a, b) => b[0] - a[0]).slice(0, 10)) console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
}
if (passed + failed === 0) console.log(`No browser tests ran${filter ? ` (filter "${filter}")` : ''}.`);
console.log(`browser: ${passed} passed, ${failed} failed`);
// Explicit exit: a timed-out test may leave timers or sockets that keep Node alive.
process.exit(failed > 0 || passed === 0 ? 1 : 0);
