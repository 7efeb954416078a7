// 2-D playground throughput: epochs per second with the boundary view updating, on TensorFlow
// Playground's default network and its largest, plus the longest main-thread task while training.
// Each figure is the median of RUNS runs of MEASURE_MS after WARMUP_MS of training.
import { openApp, measureLongTasks, maxLongTask, median, waitFor } from './harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WARMUP_MS = 2000;
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 8000);

/** Configure the page through the store's own actions, as the controls would. */
async function configure(page, scenario, backend) {
  await page.evaluate(
    ({ scenario, backend }) => {
      const s = () => window.__gg.store.getState();
      s().setBackendPref(backend);
      if (scenario === 'largest') {
        s().apply({ type: 'dataset', patch: { kind: 'spiral' } });
        for (const f of ['x1Sq', 'x2Sq', 'x1x2', 'sinX1', 'sinX2']) s().apply({ type: 'toggleFeature', feature: f });
        while (s().experiment.network.nodes.length < 8) s().apply({ type: 'addLayer' });
        for (let i = 0; i < 6; i++) s().apply({ type: 'setUnits', index: i, units: 8 });
        s().apply({ type: 'setActivation', index: 'all', activation: 'relu' });
      }
    },
    { scenario, backend },
  );
}

const runState = (page) =>
  page.evaluate(() => {
    const s = window.__gg.store.getState();
    const r = s.runs[s.activeRunId];
    const h = r.history[r.history.length - 1];
    return { status: r.status, backend: r.backend, progress: h ? h.epoch : 0, step: r.step, snapshots: r.history.length };
  });

async function measure(browser, baseUrl, scenario, backend) {
  const { context, page } = await openApp(browser, baseUrl);
  try {
    await configure(page, scenario, backend);
    await waitFor(async () => (await runState(page)).backend, { message: 'engine ready' });
    await page.waitForTimeout(500);
    await page.click('[data-testid="play"]');
    await waitFor(async () => (await runState(page)).status === 'running', { message: 'training started' });
    await page.waitForTimeout(WARMUP_MS);
    await measureLongTasks(page);
    const a = await runState(page);
    const t0 = Date.now();
    await page.waitForTimeout(MEASURE_MS);
    const b = await runState(page);
    const seconds = (Date.now() - t0) / 1000;
    return {
      epochsPerSec: (b.progress - a.progress) / seconds,
      stepsPerSec: (b.step - a.step) / seconds,
      snapshotsPerSec: (b.snapshots - a.snapshots) / seconds,
      maxLongTaskMs: await maxLongTask(page),
      backend: b.backend,
    };
  } finally {
    await context.close();
  }
}

export default async function ({ browser, baseUrl, log }) {
  const out = { mlp2d: { runs: RUNS, measureMs: MEASURE_MS } };
  let longest = 0;
  let anyBackend = 0;
  // BENCH_SCENARIOS / BENCH_BACKENDS narrow a run while working (e.g. BENCH_BACKENDS=auto).
  const scenarios = (process.env.BENCH_SCENARIOS ?? 'default,largest').split(',');
  const backends = (process.env.BENCH_BACKENDS ?? 'auto,cpu,webgl').split(',');
  for (const scenario of scenarios) {
    for (const backend of backends) {
      // The auto figures are the headline; cpu and webgl show which one auto should pick.
      const runs = [];
      for (let i = 0; i < (backend === 'auto' ? RUNS : Math.max(1, RUNS - 1)); i++) {
        const r = await measure(browser, baseUrl, scenario, backend);
        log(`${scenario}/${backend} run ${i + 1}: ${r.epochsPerSec.toFixed(1)} epochs/s (${r.backend}), longest task ${r.maxLongTaskMs} ms`);
        runs.push(r);
      }
      const summary = {
        epochsPerSec: +median(runs.map((r) => r.epochsPerSec)).toFixed(2),
        stepsPerSec: +median(runs.map((r) => r.stepsPerSec)).toFixed(1),
        snapshotsPerSec: +median(runs.map((r) => r.snapshotsPerSec)).toFixed(1),
        maxLongTaskMs: Math.max(...runs.map((r) => r.maxLongTaskMs)),
        backend: runs[0].backend,
      };
      // The headline is what learners get by default (auto); forced backends are reported apart.
      if (backend === 'auto') longest = Math.max(longest, summary.maxLongTaskMs);
      anyBackend = Math.max(anyBackend, summary.maxLongTaskMs);
      if (backend === 'auto') {
        out.mlp2d[scenario] = { ...(out.mlp2d[scenario] ?? {}), ...summary };
        if (scenario === 'default') out.mlp2d.backend = summary.backend;
      } else {
        out.mlp2d[scenario] = { ...(out.mlp2d[scenario] ?? {}), [backend]: summary };
      }
    }
  }
  out.mlp2d.maxLongTaskMs = longest;
  out.mlp2d.maxLongTaskMsAnyBackend = anyBackend;
  return out;
}
