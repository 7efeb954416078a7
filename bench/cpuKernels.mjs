// Images/s of a training step on TF.js's 'cpu' backend in Node, original kernels vs
// src/training/cpuKernels/, for ConvNetJS's MNIST network (batch 20) and LeNet-5 (batch 32).
// Each figure is the median of BENCH_RUNS runs of `steps` steps (about 2 s a run) after a warm-up
// step; SGD on fixed random data, as src/training/runtime.ts trains (minimize inside tidy).
//
//   node bench/cpuKernels.mjs                 # both networks, both kernel sets
//   node bench/cpuKernels.mjs --fast-only     # skip the (slow) original kernels
//   node bench/cpuKernels.mjs --profile       # also print the per-kernel time of one fast step
//   BENCH_RUNS=5 BENCH_STEPS=10 node bench/cpuKernels.mjs
//
// Node cannot import .ts, so each module of the kernel folder is transpiled on the fly with
// TypeScript's transpileModule (their only imports of TF.js are type imports, which it drops) into
// a temporary folder of .mjs files, their relative imports ('./shared') given the .mjs extension.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import * as tf from '@tensorflow/tfjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const STEPS = Number(process.env.BENCH_STEPS ?? 0); // 0: about 2 s per run

async function loadKernels() {
  const srcDir = join(root, 'src/training/cpuKernels');
  const dir = mkdtempSync(join(tmpdir(), 'cpuKernels-'));
  for (const name of readdirSync(srcDir).filter((f) => f.endsWith('.ts'))) {
    const src = readFileSync(join(srcDir, name), 'utf8');
    const { outputText } = ts.transpileModule(src, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: name,
    });
    const js = outputText.replace(/(\bfrom\s*['"])(\.\.?\/[^'"]+?)(['"])/g, '$1$2.mjs$3');
    writeFileSync(join(dir, name.replace(/\.ts$/, '.mjs')), js);
  }
  try {
    return await import(pathToFileURL(join(dir, 'index.mjs')).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const NETS = {
  convnetjs: {
    batch: 20,
    input: [28, 28, 1],
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 5, padding: 'same', activation: 'relu' }),
          tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
          tf.layers.conv2d({ filters: 16, kernelSize: 5, padding: 'same', activation: 'relu' }),
          tf.layers.maxPooling2d({ poolSize: 3, strides: 3 }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 10 }),
        ],
      }),
  },
  lenet5: {
    batch: 32,
    input: [32, 32, 1],
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [32, 32, 1], filters: 6, kernelSize: 5, activation: 'tanh' }),
          tf.layers.averagePooling2d({ poolSize: 2, strides: 2 }),
          tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'tanh' }),
          tf.layers.averagePooling2d({ poolSize: 2, strides: 2 }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 120, activation: 'tanh' }),
          tf.layers.dense({ units: 84, activation: 'tanh' }),
          tf.layers.dense({ units: 10 }),
        ],
      }),
  },
};

function setup(name) {
  const net = NETS[name];
  const model = net.build();
  const opt = tf.train.sgd(0.01);
  const x = tf.randomUniform([net.batch, ...net.input], 0, 1, 'float32', 1);
  const labels = tf.oneHot(tf.randomUniform([net.batch], 0, 10, 'int32', 2), 10).toFloat();
  // As src/training/runtime.ts: minimize inside tidy, read the loss back.
  const step = () =>
    tf.tidy(() => {
      const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(labels, model.apply(x, { training: true })), true);
      return loss.dataSync()[0];
    });
  const dispose = () => {
    model.dispose();
    opt.dispose();
    x.dispose();
    labels.dispose();
  };
  return { net, step, dispose };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function measure(name) {
  const { net, step, dispose } = setup(name);
  step(); // warm-up (JIT, weight init)
  const t0 = performance.now();
  step();
  const first = performance.now() - t0;
  const steps = STEPS || Math.max(1, Math.min(50, Math.round(2000 / first)));
  const msPerStep = [];
  const cpuMsPerStep = [];
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    const c = process.cpuUsage();
    for (let i = 0; i < steps; i++) step();
    const used = process.cpuUsage(c);
    msPerStep.push((performance.now() - t) / steps);
    cpuMsPerStep.push((used.user + used.system) / 1000 / steps);
  }
  dispose();
  const ms = median(msPerStep);
  return {
    msPerStep: +ms.toFixed(1),
    imagesPerSec: +((net.batch * 1000) / ms).toFixed(1),
    // CPU time of this process: less sensitive than wall time to other load on a shared machine.
    cpuMsPerStep: +median(cpuMsPerStep).toFixed(1),
    steps,
    runs: RUNS,
  };
}

async function profile(name) {
  const { step, dispose } = setup(name);
  step();
  const info = await tf.profile(() => {
    step();
  });
  dispose();
  // Kernels only (ops such as fusedConv2d__op wrap kernels and would count twice).
  const byKernel = new Map();
  let total = 0;
  for (const k of info.kernels) {
    if (k.name.endsWith('__op')) continue;
    byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + k.kernelTimeMs);
    total += k.kernelTimeMs;
  }
  const top = [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 12);
  return { total: +total.toFixed(1), ...Object.fromEntries(top.map(([k, v]) => [k, +v.toFixed(2)])) };
}

await tf.setBackend('cpu');
await tf.ready();
const kernels = await loadKernels();
const result = {};
for (const name of Object.keys(NETS)) {
  result[name] = {};
  if (!args.has('--fast-only')) {
    kernels.unregisterFastCpuKernels(tf);
    result[name].original = measure(name);
    console.error(name, 'original', result[name].original);
  }
  kernels.registerFastCpuKernels(tf);
  result[name].fast = measure(name);
  console.error(name, 'fast', result[name].fast);
  if (args.has('--profile')) result[name].fastProfileMs = await profile(name);
}
console.log(JSON.stringify(result, null, 2));
