// Benchmark runner: `npm run bench` (builds first) or `node bench/run.mjs` on an existing dist/.
// Runs every bench/*.bench.mjs (default export: async ({ browser, baseUrl, log }) => object),
// deep-merges their results, prints ONE JSON object to stdout and writes bench/out/bench.json.
// Progress goes to stderr so stdout stays machine-readable.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { launchChromium } from '../tests/browser/chromium.mjs';
import { startServer } from '../tests/browser/server.mjs';

const DIR = fileURLToPath(new URL('./', import.meta.url));
const log = (...args) => console.error('[bench]', ...args);

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
function deepMerge(target, source) {
  for (const [k, v] of Object.entries(source)) {
    target[k] = isObject(v) && isObject(target[k]) ? deepMerge(target[k], v) : v;
  }
  return target;
}

const result = {};
let server;
let browser;
let ok = true;
try {
  // BENCH_ONLY=editor runs only the bench files whose name contains it.
  const only = process.env.BENCH_ONLY ?? '';
  const files = (await readdir(DIR)).filter((f) => f.endsWith('.bench.mjs') && f.includes(only)).sort();
  server = await startServer({});
  // Same flags as the browser tests (incl. --disable-gpu: WebGL on SwiftShader).
  browser = await launchChromium();
  log(`Chromium ${browser.version()}, app at ${server.url}`);
  for (const file of files) {
    const start = Date.now();
    log(`${file}...`);
    const { default: bench } = await import(pathToFileURL(DIR + file).href);
    deepMerge(result, await bench({ browser, baseUrl: server.url, log }));
    await Promise.all(browser.contexts().map((c) => c.close().catch(() => {})));
    log(`${file} done in ${Date.now() - start} ms`);
  }
} catch (err) {
  ok = false;
  log('FAILED:', err?.stack ?? err);
} finally {
  await browser?.close().catch(() => {});
  await server?.close().catch(() => {});
}

if (ok) {
  const json = JSON.stringify(result, null, 2);
  await mkdir(new URL('./out/', import.meta.url), { recursive: true });
  await writeFile(new URL('./out/bench.json', import.meta.url), json + '\n');
  console.log(json);
}
process.exit(ok ? 0 : 1);
