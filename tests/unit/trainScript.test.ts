import * as tf from '@tensorflow/tfjs';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertMnist } from '../../scripts/build-mnist.mjs';
import { parseMnist } from '../../src/data/mnist';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { npyBytes } from '../../src/models/export/npy';
import { BUNDLE_FOLDER, trainingBundleFiles, trainingBundleZip, trainPy, type BundleOptions } from '../../src/models/export/trainScript';
import { openTemplate } from '../../src/models/openTemplate';
import type { Experiment } from '../../src/models/spec';
import { templateById } from '../../src/models/templates';
import { encodeSavedFile } from '../../src/models/weightsFile';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { correctOf, lossOf, outputSpecOf } from '../../src/training/objective';
import { prepareData, type DataSources, type PreparedData } from '../../src/training/prepare';
import { ModelRuntime } from '../../src/training/runtime';
import { tokenCounts } from '../../src/training/sequenceInspector';
import { fitSequenceNetwork } from '../../src/models/fit';

const PYTHON = '/usr/bin/python3';
/**
 * Debian 12's torch 1.13 under Python 3.11: torchrun's default "0" for --redirects and --tee maps to
 * None (Python 3.11 no longer iterates a Flag's zero member) and it crashes before starting a worker.
 * A mapping for a local rank that does not exist is a no-op that avoids the bad default (README.md says so).
 */
const TORCHRUN_WORKAROUND = ['--redirects', '9:1', '--tee', '9:1'];
let dir = '';

/** Loss and accuracy of the app's model on the whole test split (the labs' own metrics use a subset for images and sequences). */
function appTestMetrics(rt: ModelRuntime, data: PreparedData): { loss: number; acc: number } {
  const spec = outputSpecOf(rt.experiment, data);
  return tf.tidy(() => {
    const out = rt.predict(rt.testInputs(0, data.nTest));
    const y = tf.tensor2d(data.testY, [data.nTest, data.targetWidth]);
    const loss = lossOf(tf, out, y, spec).dataSync()[0];
    if (spec.task === 'regression') return { loss, acc: Number.NaN };
    if (spec.task !== 'tokens') return { loss, acc: correctOf(tf, out, y, spec).dataSync()[0] / data.nTest };
    // Tokens: right ÷ counted over the non-PAD steps.
    const [right, counted] = tokenCounts(tf, out, y).dataSync();
    return { loss, acc: right / counted };
  });
}

/** Write the bundle's files into a folder of their own. */
function writeBundle(name: string, exp: Experiment, data: PreparedData, opts: BundleOptions): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  for (const [file, bytes] of Object.entries(trainingBundleFiles(exp, data, opts))) writeFileSync(join(folder, file), bytes);
  return folder;
}

interface RunResult {
  final: { epoch: number; train_loss: number; test_loss: number; train_acc: number | null; test_acc: number | null; lr: number };
  world_size: number;
  stdout: string;
}

/** Run a command (python3 train.py …) to the end; rejects with its output when it fails. */
function run(args: string[], cwd: string, timeout = 240_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, args, { cwd, timeout, env: { ...process.env, OMP_NUM_THREADS: '1' }, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${args.join(' ')} failed: ${String(err)}\n${stdout}\n${stderr}`));
      const last = stdout.split('\n').filter((l) => l.startsWith('{')).pop();
      if (!last) return reject(new Error(`no result line:\n${stdout}\n${stderr}`));
      resolve({ ...(JSON.parse(last) as Omit<RunResult, 'stdout'>), stdout });
    });
  });
}

interface Case {
  id: string;
  exp: Experiment;
  sources?: DataSources;
  epochs: number;
  /** The least test accuracy both runs must reach (so both learned something); absent: no comparison. */
  floor?: number;
  /** How far apart the two test accuracies may be. */
  tolerance?: number;
}

/**
 * The encoder–decoder Transformer shrunk for speed (d_model 16): the encoder's attention as
 * nn.MultiheadAttention (2 heads × 8 = 16), the decoder's as the Keras-style module (2 × 4 ≠ 16).
 */
function smallSeq2seq(): Experiment {
  const exp = openTemplate(defaultExperiment(), templateById('transformerSeq2seq')!);
  const nodes = exp.network.nodes.map((n) => {
    const p = { ...n.params };
    if (n.type === 'Embedding') p.outputDim = 16;
    if (n.type === 'TransformerEncoderBlock') Object.assign(p, { numHeads: 2, keyDim: 8, ffDim: 32, dropout: 0 });
    if (n.type === 'TransformerDecoderBlock') Object.assign(p, { numHeads: 2, keyDim: 4, ffDim: 32, dropout: 0 });
    return { ...n, params: p };
  });
  return { ...exp, network: fitSequenceNetwork({ nodes }, exp.dataset), dataset: { ...exp.dataset, numPoints: 300 } };
}

function cases(): Case[] {
  // 2-D: the spiral-free 'xor' through the playground net, Adam with a cosine schedule and L2.
  let points = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'xor', numPoints: 400, noise: 10 } });
  points = {
    ...points,
    training: {
      ...points.training,
      optimizer: 'adam',
      learningRate: 0.03,
      batchSize: 16,
      regularization: 'l2',
      regularizationRate: 0.001,
      schedule: { ...points.training.schedule, kind: 'cosine', period: 40 },
    },
  };
  // LeNet-5 on the first 1,500 MNIST digits (1,200 to train), Adam 0.001, batch 32: the template's own settings.
  const lenet = applyChange(openTemplate(defaultExperiment(), templateById('lenet5')!), { type: 'dataset', patch: { numPoints: 1500, trainRatio: 0.8 } });
  // A sequence task: the LSTM template on its sentiment sentences.
  const lstm = openTemplate(defaultExperiment(), templateById('lstm')!);
  const mnist = parseMnist(convertMnist().slice().buffer);
  return [
    { id: 'points', exp: points, epochs: 40, floor: 0.85, tolerance: 0.05 },
    { id: 'lenet5', exp: lenet, sources: { mnist }, epochs: 3, floor: 0.8, tolerance: 0.06 },
    { id: 'lstm', exp: lstm, epochs: 6, floor: 0.8, tolerance: 0.06 },
    // Tokens with a decoder input (teacher forcing): runs to the end; the weights check holds the token metrics.
    { id: 'seq2seq', exp: smallSeq2seq(), epochs: 2 },
    // Two id Inputs, each one column of the rows: matrix factorisation on the ratings.
    { id: 'ratings', exp: openTemplate(defaultExperiment(), templateById('matrixFactorization')!), epochs: 8 },
    // A variational autoencoder on 600 digits: the Sampling module and the KL term in train.py; the
    // app's weights give its test loss there (z = μ in eval mode).
    { id: 'vae', exp: applyChange(openTemplate(applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'mnist' } }), templateById('vae2d')!), { type: 'dataset', patch: { numPoints: 600 } }), sources: { mnist }, epochs: 2 },
  ];
}

interface Measured {
  app: { loss: number; acc: number };
  torch: RunResult;
  /** The app's trained weights loaded into PyTorch and measured without training. */
  loaded: RunResult;
  torchrun?: RunResult;
}
const measured = new Map<string, Measured>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gg-trainpy-'));
  execFileSync(PYTHON, ['-c', 'import torch, numpy'], { stdio: 'pipe', timeout: 60_000 });
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  const jobs: Promise<void>[] = [];
  for (const c of cases()) {
    const data = prepareData(c.exp, c.sources);
    const rt = new ModelRuntime(tf, c.exp, data);
    try {
      const opts: BundleOptions = { epochs: c.epochs, outputActivation: outputSpecOf(c.exp, data).activation };
      const folder = writeBundle(c.id, c.exp, data, opts);
      // Start PyTorch while the app's run trains here (one Python process per case, one thread each).
      const torch = run(['train.py'], folder);
      const torchrun = c.id === 'points' ? run(['-m', 'torch.distributed.run', ...TORCHRUN_WORKAROUND, '--nproc_per_node=2', 'train.py', '--out', 'ddp.pt'], folder) : undefined;
      rt.train(Math.ceil((c.epochs * data.nTrain) / c.exp.training.batchSize));
      const app = appTestMetrics(rt, data);
      writeFileSync(join(folder, 'saved.json'), encodeSavedFile(c.exp, await rt.exportWeights()));
      const loaded = run(['train.py', '--weights', 'saved.json', '--epochs', '0', '--out', 'loaded.pt'], folder);
      jobs.push(
        Promise.all([torch, loaded, torchrun]).then(([t, l, d]) => {
          measured.set(c.id, { app, torch: t, loaded: l, torchrun: d });
        }),
      );
    } finally {
      rt.dispose();
    }
  }
  await Promise.all(jobs);
}, 600_000);

afterAll(() => {
  if (dir && !process.env.KEEP_BUNDLES) rmSync(dir, { recursive: true, force: true });
});

describe('train.py runs for real and matches the app', () => {
  for (const c of cases()) {
    const id = c.id;
    it(`${id}: ${c.floor ? "PyTorch reaches the app's test accuracy within a few points" : 'train.py runs to the end'}`, () => {
      const m = measured.get(id)!;
      expect(m, 'no measurement').toBeDefined();
      const torchAcc = m.torch.final.test_acc ?? Number.NaN;
      console.log(`${id}: app test acc ${(100 * m.app.acc).toFixed(1)} %, PyTorch ${(100 * torchAcc).toFixed(1)} %, test loss ${m.torch.final.test_loss}`);
      expect(m.torch.final.epoch).toBe(c.epochs);
      expect(Number.isFinite(m.torch.final.test_loss)).toBe(true);
      if (c.floor !== undefined && c.tolerance !== undefined) {
        expect(m.app.acc).toBeGreaterThan(c.floor);
        expect(torchAcc).toBeGreaterThan(c.floor);
        expect(Math.abs(torchAcc - m.app.acc)).toBeLessThan(c.tolerance);
      }
      // One line per epoch with the app's metrics.
      expect(m.torch.stdout.match(/^epoch +\d+ +train loss [\d.]+ acc +([\d.]+%|—) +test loss/gm)).toHaveLength(c.epochs);
    });

    it(`${id}: the app's saved weights load into the PyTorch model and give the app's test loss and accuracy`, () => {
      const m = measured.get(id)!;
      expect(m.loaded.final.epoch).toBe(0);
      expect(m.loaded.final.test_loss).toBeCloseTo(m.app.loss, 4);
      if (!Number.isNaN(m.app.acc)) expect(m.loaded.final.test_acc).toBeCloseTo(m.app.acc, 6);
    });
  }

  it('torchrun --nproc_per_node=2 (DistributedDataParallel over gloo) trains the same script to the end', () => {
    const m = measured.get('points')!;
    expect(m.torchrun!.world_size).toBe(2);
    expect(m.torchrun!.final.epoch).toBe(40);
    expect(m.torchrun!.final.test_acc).toBeGreaterThan(0.85);
    expect(m.torchrun!.stdout).toContain('2 process(es) × batch 8 on cpu');
  });
});

describe('train.py with early stopping and reduce-on-plateau', () => {
  it('stops when the validation loss stalls, puts the best epoch back, and lowers the rate on a plateau', async () => {
    const base = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'gauss', numPoints: 200, noise: 40 } });
    const exp: Experiment = {
      ...base,
      training: {
        ...base.training,
        optimizer: 'adam',
        learningRate: 0.1,
        schedule: { ...base.training.schedule, kind: 'plateau', patience: 1, factor: 0.5 },
        earlyStopping: { enabled: true, patience: 3, minDelta: 0, restoreBest: true },
      },
    };
    const data = prepareData(exp);
    expect(data.val?.n).toBe(20);
    const folder = writeBundle('stopping', exp, data, { epochs: 300, outputActivation: 'tanh' });
    const r = await run(['train.py'], folder);
    const final = r.final as RunResult['final'] & { restored_epoch?: number };
    expect(final.epoch).toBeLessThan(300);
    expect(r.stdout).toMatch(/early stopping: no improvement for 3 epochs; best epoch \d+/);
    expect(final.restored_epoch).toBe(final.epoch - 3);
    expect(final.lr).toBeLessThan(0.1);
    expect(r.stdout).toMatch(/val loss [\d.]+/);
    // A file without weights, or weights of another network, is refused with a message, not a traceback.
    writeFileSync(join(folder, 'plain.json'), JSON.stringify({ version: 1 }));
    await expect(run(['train.py', '--weights', 'plain.json'], folder)).rejects.toThrow(/plain.json has no weights: save the experiment with its trained weights/);
    writeFileSync(join(folder, 'other.json'), JSON.stringify({ weights: { tensors: [{ name: 'conv9/kernel', shape: [1], data: 'AAAAAA==' }] } }));
    await expect(run(['train.py', '--weights', 'other.json'], folder)).rejects.toThrow(/weight conv9\/kernel of the file has no place in this model/);
  }, 240_000);
});

describe('the bundle', () => {
  const exp = defaultExperiment();
  const data = prepareData(exp);
  const opts: BundleOptions = { epochs: 7, outputActivation: 'tanh' };

  it('zips train.py, model.py, the data, the Keras script and a README in one folder', () => {
    const files = unzipSync(trainingBundleZip(exp, data, { ...opts, savedFile: '{"weights":{}}' }));
    expect(Object.keys(files).sort()).toEqual(
      ['README.md', 'data.npz', 'experiment.json', 'model.py', 'model_keras.py', 'train.py', 'train_keras.py'].map((f) => `${BUNDLE_FOLDER}/${f}`),
    );
    const readme = strFromU8(files[`${BUNDLE_FOLDER}/README.md`]);
    expect(readme).toContain('torchrun --nproc_per_node');
    expect(readme).toContain('ceil(10 / N)');
    const npz = unzipSync(files[`${BUNDLE_FOLDER}/data.npz`]);
    expect(Object.keys(npz).sort()).toEqual(['test_x.npy', 'test_y.npy', 'train_x.npy', 'train_y.npy']);
  });

  it('writes .npy headers numpy reads, with the exact values', () => {
    const values = Float32Array.from([1.5, -2, 3.25, 0, 1e-8, 7]);
    const path = join(dir, 'check.npy');
    writeFileSync(path, npyBytes({ values, shape: [2, 3] }));
    const out = execFileSync(PYTHON, ['-c', `import numpy as np, json; a = np.load(${JSON.stringify(path)}); print(json.dumps([list(a.shape), str(a.dtype), a.ravel().tolist()]))`], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([[2, 3], 'float32', Array.from(values)]);
    expect(() => npyBytes({ values, shape: [4, 2] })).toThrow(/holds 8 values/);
  });

  it('carries the schedule, early stopping, regularization and optimizer into train.py', () => {
    const e: Experiment = {
      ...exp,
      training: {
        ...exp.training,
        optimizer: 'rmsprop',
        regularization: 'l1',
        regularizationRate: 0.003,
        schedule: { ...exp.training.schedule, kind: 'plateau', patience: 3, factor: 0.25 },
        earlyStopping: { ...exp.training.earlyStopping, enabled: true, patience: 4 },
      },
    };
    const code = trainPy(e, prepareData(e), opts);
    expect(code).toContain('torch.optim.RMSprop(params, lr=0.03, alpha=0.9, eps=1e-07)');
    expect(code).toContain('"regularization": "l1"');
    expect(code).toContain(' "dense_modules": ["h1","h2","output"],\n');
    expect(code).toContain('ReduceLROnPlateau');
    expect(code).toContain('"early_stopping": {"enabled":true,"patience":4,');
    expect(code).toContain('dist.init_process_group(backend="nccl" if cuda else "gloo")');
  });

  it('train_keras.py is valid Python that fits with model.fit and the same settings (not run: no TensorFlow here)', () => {
    const files = trainingBundleFiles(exp, data, opts);
    const code = strFromU8(files['train_keras.py']);
    expect(code).toContain('model.fit(train[0], train[1], batch_size=CONFIG["batch_size"], epochs=args.epochs');
    expect(code).toContain('keras.optimizers.SGD(learning_rate=0.03)');
    expect(code).toContain('keras.callbacks.EarlyStopping(monitor="val_loss"');
    const path = join(dir, 'train_keras.py');
    writeFileSync(path, code);
    execFileSync(PYTHON, ['-c', `import ast; ast.parse(open(${JSON.stringify(path)}).read())`]);
  });
});
