// Convolution lab throughput and quality, in headless Chromium with the lab on screen:
// - cnn.lenet.{webgl,cpu}.imagesPerSec: LeNet-5 (template) training on MNIST, each backend forced;
// - cnn.convnetjsNet.{imagesPerSec,backend}: ConvNetJS's MNIST network (conv 8@5×5 ReLU → max-pool 2
//   → conv 16@5×5 ReLU → max-pool 3 → softmax 10, batch 20) on the backend the app picks (auto);
// - cnn.lenet.testAccuracy3Epochs: LeNet-5 on MNIST (9,000 train / 1,000 test, the template's
//   defaults: Adam 0.001, batch 32) after 3 epochs, on the whole test split;
// - cnn.probeUpdateMs: median time of one probe update (every feature map, kernels, output);
// - cnn.maxLongTaskMs: the longest main-thread task while training on the auto backend.
// Speeds are medians of RUNS runs of MEASURE_MS, after the first training step and WARMUP_MS.
import { collectArrivals, openApp, ratesOf, measureLongTasks, maxLongTask, median, recordSnapshots, waitFor } from './harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WARMUP_MS = 3000;
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 10000);

export const CONVNETJS_NET = {
  nodes: [
    { id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, inputs: [] },
    { id: 'conv1', type: 'Conv2D', params: { filters: 8, kernelSize: 5, strides: 1, padding: 'same', activation: 'relu', useBias: true }, inputs: ['input'] },
    { id: 'pool1', type: 'MaxPool2D', params: { poolSize: 2, strides: 2, padding: 'valid' }, inputs: ['conv1'] },
    { id: 'conv2', type: 'Conv2D', params: { filters: 16, kernelSize: 5, strides: 1, padding: 'same', activation: 'relu', useBias: true }, inputs: ['pool1'] },
    { id: 'pool2', type: 'MaxPool2D', params: { poolSize: 3, strides: 3, padding: 'valid' }, inputs: ['conv2'] },
    { id: 'flatten', type: 'Flatten', params: {}, inputs: ['pool2'] },
    { id: 'output', type: 'Dense', params: { units: 10, activation: 'softmax', useBias: true }, inputs: ['flatten'] },
  ],
};

/** Open LeNet-5 (or ConvNetJS's net) on MNIST through the store, as the Templates dialog would. */
export async function configure(page, net, backend) {
  await page.evaluate(
    ({ net, backend, convnetjs }) => {
      const gg = window.__gg;
      const s = () => gg.store.getState();
      s().setBackendPref(backend);
      gg.openTemplate('lenet5');
      if (net === 'convnetjs') {
        const exp = s().experiment;
        s().apply({ type: 'replace', experiment: { ...exp, network: convnetjs, training: { ...exp.training, batchSize: 20 } } });
      }
    },
    { net, backend, convnetjs: CONVNETJS_NET },
  );
}

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
      nTrain: r.part.dataInfo?.nTrain ?? 0,
      hasImages: !!r.part.images,
      probeMs: r.part.images?.ms ?? null,
      report: r.part.testReport ? { step: r.part.testReport.step, correct: r.part.testReport.correct, total: r.part.testReport.total } : null,
    };
  });

async function startTraining(page, net, backend) {
  await configure(page, net, backend);
  await waitFor(async () => {
    const r = await runState(page);
    return r.backend && r.nTrain > 0 && r.hasImages && r.status === 'paused';
  }, { timeout: 120_000, message: 'MNIST loaded and the network built' });
  await page.click('[data-testid="play"]');
  // The first step includes compiling (WebGL shaders): wait for it before the clock starts.
  await waitFor(async () => (await runState(page)).step > 0, { timeout: 180_000, message: 'first training step' });
}

async function speed(browser, baseUrl, net, backend) {
  const { context, page } = await openApp(browser, baseUrl);
  try {
    await startTraining(page, net, backend);
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
      imagesPerSec: rates.examplesPerSec,
      measuredSeconds: rates.seconds,
      probeUpdateMs: median(probes),
      maxLongTaskMs: await maxLongTask(page),
      backend: b.backend,
    };
  } finally {
    await context.close();
  }
}

async function accuracy(browser, baseUrl, epochs) {
  const { context, page } = await openApp(browser, baseUrl);
  try {
    await startTraining(page, 'lenet', 'auto');
    const t0 = Date.now();
    await waitFor(async () => (await runState(page)).progress >= epochs, { timeout: 900_000, interval: 200, message: `${epochs} epochs` });
    await page.click('[data-testid="play"]'); // pause
    const paused = await waitFor(async () => {
      const r = await runState(page);
      return r.status === 'paused' && r.report && r.report.step === r.step ? r : null;
    }, { timeout: 120_000, message: 'test report after pausing' });
    return { accuracy: paused.report.correct / paused.report.total, epochs: paused.progress, seconds: (Date.now() - t0) / 1000, backend: paused.backend, testImages: paused.report.total };
  } finally {
    await context.close();
  }
}

export default async function ({ browser, baseUrl, log }) {
  const out = { cnn: { runs: RUNS, measureMs: MEASURE_MS, lenet: {}, convnetjsNet: {} } };
  const only = (process.env.BENCH_CNN ?? 'lenet,convnetjs,accuracy').split(',');
  const summarize = (runs) => ({
    imagesPerSec: +median(runs.map((r) => r.imagesPerSec)).toFixed(1),
    runsImagesPerSec: runs.map((r) => +r.imagesPerSec.toFixed(1)),
    measuredSeconds: runs.map((r) => +r.measuredSeconds.toFixed(1)),
    probeUpdateMs: +median(runs.map((r) => r.probeUpdateMs)).toFixed(1),
    maxLongTaskMs: Math.max(...runs.map((r) => r.maxLongTaskMs)),
    backend: runs[0].backend,
  });
  const measureRuns = async (net, backend, n) => {
    const runs = [];
    for (let i = 0; i < n; i++) {
      const r = await speed(browser, baseUrl, net, backend);
      log(`${net}/${backend} run ${i + 1}: ${r.imagesPerSec.toFixed(1)} images/s (${r.backend}), probe ${r.probeUpdateMs?.toFixed(1)} ms, longest task ${r.maxLongTaskMs} ms`);
      runs.push(r);
    }
    return summarize(runs);
  };
  if (only.includes('lenet')) {
    for (const backend of (process.env.BENCH_BACKENDS ?? 'cpu,webgl').split(',')) {
      const s = await measureRuns('lenet', backend, backend === 'webgl' ? Math.max(1, RUNS - 1) : RUNS);
      out.cnn.lenet[backend] = s;
    }
  }
  if (only.includes('convnetjs')) {
    const s = await measureRuns('convnetjs', 'auto', RUNS);
    out.cnn.convnetjsNet = { ...s };
    out.cnn.probeUpdateMs = s.probeUpdateMs;
    out.cnn.maxLongTaskMs = s.maxLongTaskMs;
  }
  if (only.includes('accuracy')) {
    const r = await accuracy(browser, baseUrl, 3);
    log(`LeNet-5 after ${r.epochs.toFixed(2)} epochs (${r.seconds.toFixed(0)} s, ${r.backend}): ${(r.accuracy * 100).toFixed(2)} % of ${r.testImages} test images`);
    out.cnn.lenet.testAccuracy3Epochs = +r.accuracy.toFixed(4);
    out.cnn.lenet.secondsTo3Epochs = +r.seconds.toFixed(1);
    out.cnn.lenet.accuracyBackend = r.backend;
  }
  return out;
}
