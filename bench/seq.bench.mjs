// Sequence lab throughput and learning, in headless Chromium with the lab on screen:
// - seq.transformer.{webgl,cpu}.tokensPerSec: the Transformer template (2 encoder blocks, 4 heads,
//   d_model 64) training on reverse (8 digits, batch 32), each backend forced; a token is one input
//   position of one example (8 per example);
// - seq.lstm.{webgl,cpu}.tokensPerSec: the LSTM forecaster template (LSTM 32 → Dense 8) on the sine
//   task (window 32, batch 32); a token is one time step (32 per example);
// - seq.reverse.{stepsTo95,secondsTo95}: the Transformer on reverse (auto backend) until the test
//   token accuracy (256 test examples) first reaches 95 %: its step, and the seconds since play;
// - seq.maxLongTaskMs: the longest main-thread task seen while any of these trained.
// Speeds are medians of RUNS runs of MEASURE_MS, after the first training step and WARMUP_MS.
import { collectArrivals, openApp, ratesOf, measureLongTasks, maxLongTask, median, recordSnapshots, waitFor } from './harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WARMUP_MS = 3000;
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 10000);

const runState = (page) =>
  page.evaluate(() => {
    const s = window.__gg.store.getState();
    const r = s.runs[s.activeRunId];
    const h = r.history[r.history.length - 1];
    return {
      status: r.status,
      backend: r.backend,
      progress: h ? h.epoch : 0,
      step: r.step,
      nTrain: r.part.seqInfo?.nTrain ?? 0,
      tokensPerExample: r.part.seqInfo ? r.part.seqInfo.inLen + (r.part.seqInfo.decoder ? r.part.seqInfo.steps : 0) : 0,
      hasViews: !!r.part.sequences,
      probeMs: r.part.sequences?.ms ?? null,
      testAcc: h?.testAcc ?? null,
      problem: r.problem?.key ?? null,
    };
  });

async function start(page, template, backend) {
  await page.evaluate(
    ({ template, backend }) => {
      const gg = window.__gg;
      gg.store.getState().setBackendPref(backend);
      gg.openTemplate(template);
    },
    { template, backend },
  );
  await waitFor(async () => {
    const r = await runState(page);
    if (r.problem) throw new Error(`${template}: ${r.problem}`);
    return r.backend && r.nTrain > 0 && r.hasViews && r.status === 'paused';
  }, { timeout: 120_000, message: `${template} built` });
  await page.click('[data-testid="play"]');
  await waitFor(async () => (await runState(page)).step > 0, { timeout: 180_000, message: 'first training step' });
}

async function speed(browser, baseUrl, template, backend) {
  const { context, page } = await openApp(browser, baseUrl);
  try {
    await start(page, template, backend);
    await page.waitForTimeout(WARMUP_MS);
    await measureLongTasks(page);
    await recordSnapshots(page);
    const probes = [];
    const arrivals = await collectArrivals(page, MEASURE_MS, async () => {
      const r = await runState(page);
      if (r.probeMs !== null) probes.push(r.probeMs);
    });
    const b = await runState(page);
    const rates = ratesOf(arrivals, b.nTrain);
    return {
      tokensPerSec: rates.examplesPerSec * b.tokensPerExample,
      stepsPerSec: rates.stepsPerSec,
      measuredSeconds: rates.seconds,
      probeUpdateMs: median(probes),
      maxLongTaskMs: await maxLongTask(page),
      backend: b.backend,
    };
  } finally {
    await context.close();
  }
}

async function reverseTo95(browser, baseUrl) {
  const { context, page } = await openApp(browser, baseUrl);
  try {
    await page.evaluate(() => window.__gg.store.getState().setBackendPref('auto'));
    await page.evaluate(() => window.__gg.openTemplate('transformerEncoder'));
    await waitFor(async () => {
      const r = await runState(page);
      return r.nTrain > 0 && r.hasViews && r.status === 'paused';
    }, { timeout: 120_000, message: 'Transformer on reverse built' });
    await measureLongTasks(page);
    await recordSnapshots(page);
    const t0 = await page.evaluate(() => performance.now());
    await page.click('[data-testid="play"]');
    const hit = await waitFor(
      async () => (await page.evaluate(() => window.__arrivals)).find((a) => a.testAcc !== null && a.testAcc >= 0.95) ?? null,
      { timeout: 600_000, interval: 250, message: '95 % test token accuracy on reverse' },
    );
    const r = await runState(page);
    return { steps: hit.step, seconds: (hit.t - t0) / 1000, backend: r.backend, maxLongTaskMs: await maxLongTask(page) };
  } finally {
    await context.close();
  }
}

export default async function ({ browser, baseUrl, log }) {
  const out = { seq: { runs: RUNS, measureMs: MEASURE_MS, transformer: {}, lstm: {}, reverse: {} } };
  const only = (process.env.BENCH_SEQ ?? 'transformer,lstm,reverse').split(',');
  const backends = (process.env.BENCH_BACKENDS ?? 'webgl,cpu').split(',');
  const longTasks = [];
  const summarize = (runs) => ({
    tokensPerSec: +median(runs.map((r) => r.tokensPerSec)).toFixed(1),
    runsTokensPerSec: runs.map((r) => +r.tokensPerSec.toFixed(1)),
    stepsPerSec: +median(runs.map((r) => r.stepsPerSec)).toFixed(2),
    measuredSeconds: runs.map((r) => +r.measuredSeconds.toFixed(1)),
    probeUpdateMs: +median(runs.map((r) => r.probeUpdateMs)).toFixed(1),
    maxLongTaskMs: Math.max(...runs.map((r) => r.maxLongTaskMs)),
    backend: runs[0].backend,
  });
  for (const [key, template] of [['transformer', 'transformerEncoder'], ['lstm', 'lstmForecast']]) {
    if (!only.includes(key)) continue;
    for (const backend of backends) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await speed(browser, baseUrl, template, backend);
        log(`seq.${key}.${backend} run ${i + 1}: ${r.tokensPerSec.toFixed(1)} tokens/s (${r.stepsPerSec.toFixed(2)} steps/s) on ${r.backend}, probe ${r.probeUpdateMs} ms, long task ${r.maxLongTaskMs} ms`);
        runs.push(r);
        longTasks.push(r.maxLongTaskMs);
      }
      out.seq[key][backend] = summarize(runs);
    }
  }
  if (only.includes('reverse')) {
    const r = await reverseTo95(browser, baseUrl);
    log(`seq.reverse: 95 % after ${r.steps} steps, ${r.seconds.toFixed(1)} s on ${r.backend}, long task ${r.maxLongTaskMs} ms`);
    out.seq.reverse = { stepsTo95: r.steps, secondsTo95: +r.seconds.toFixed(1), backend: r.backend };
    longTasks.push(r.maxLongTaskMs);
  }
  out.seq.maxLongTaskMs = longTasks.length ? Math.max(...longTasks) : null;
  return out;
}
