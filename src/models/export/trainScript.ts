/**
 * The training bundle: a folder a learner unzips and runs outside the browser — train.py (plain
 * PyTorch, one process or many through torchrun / DistributedDataParallel), model.py (the network
 * as exportPyTorch writes it), data.npz (the exact arrays the app trains and tests on), a README,
 * train_keras.py beside model_keras.py, and the saved experiment with its weights when there are any.
 * Pure: the caller hands in the prepared arrays (training/prepare.ts) and gets file contents back.
 */
import { strToU8, zipSync } from 'fflate';
import { analyze, type Analysis } from '../analysis';
import { typedNode } from '../params';
import type { Activation, Experiment, LayerNode, Task } from '../spec';
import { exportKeras } from './keras';
import { npzBytes, type NpyArray } from './npy';
import { pytorchOptimizer } from './optimizerCode';
import { contexts, tokenInputs } from './pythonNames';
import { isImage } from './pytorchExpressions';
import { exportPyTorch } from './pytorch';
import { TRAIN_PY_BODY } from './trainPyBody';
import { configJson } from './configJson';
import { kerasTrainScript } from './trainKeras';

/** What the app trains on, as training/prepare.ts produces it (a structural subset of PreparedData). */
export interface TrainingArrays {
  task: Task;
  inputShape: number[];
  targetWidth: number;
  trainX: Float32Array;
  trainY: Float32Array;
  testX: Float32Array;
  testY: Float32Array;
  nTrain: number;
  nTest: number;
  val?: { x: Float32Array; y: Float32Array; dec: Float32Array | null; n: number };
  seq: { decoderInput: string | null; trainDec: Float32Array | null; testDec: Float32Array | null } | null;
  /** Ratings: the Input that takes each column of a row (user id, item id). */
  columnInputs?: string[];
}

export interface BundleOptions {
  /** Epochs train.py runs by default (the Experiment trains until paused; the caller picks). */
  epochs: number;
  /** The output's activation as objective.ts reads it (how the loss and accuracy read the output). */
  outputActivation: Activation;
  /** The saved experiment file with its trained weights (weightsFile.ts), when there are weights. */
  savedFile?: string;
}

/** One model input as train.py feeds it: which array, its editor shape, image / token ids. */
interface InputPlan {
  name: string;
  source: 'x' | 'dec';
  /** The column of the rows this Input takes (ratings: 0 user id, 1 item id), or null for the whole row. */
  column: number | null;
  shape: number[];
  image: boolean;
  tokens: boolean;
}

/** Where one tensor of the app's saved weights goes in the PyTorch state_dict. */
interface WeightPlace {
  layer: string;
  weight: string;
  dir: 'forward' | 'backward' | null;
  key: string;
  op: 'copy' | 't' | 'conv';
  /** Part i of n along the first axis of `key` (nn.MultiheadAttention's packed query, key, value). */
  part?: [number, number];
}

/** Layer types without weights. */
const WITHOUT_WEIGHTS = new Set(['Input', 'Dropout', 'Flatten', 'Activation', 'Add', 'Dot', 'Sampling', 'Concatenate', 'Reshape', 'MaxPool2D', 'AvgPool2D', 'GlobalAveragePooling2D']);

/**
 * The app's weights (TF.js names: `<layer id>/kernel`, `…/forward_…/recurrent_kernel`) mapped to
 * the exported module's state_dict, with the transposes: Dense [in, out] → [out, in], Conv2D HWIO →
 * OIHW, recurrent kernels [F, g·u] → [g·u, F] (gates in the same i, f, c, o order); PyTorch's second
 * recurrent bias is set to zero; attention as exportPyTorch builds it (nn.MultiheadAttention's packed
 * in_proj, or the Keras-style module's four projections), inside the Transformer blocks too. GRU
 * (TF.js's reset_after=False against PyTorch's reset-after) and SimpleRNN with an activation
 * nn.RNN lacks are not mapped: `unsupported` names them and train.py refuses their weights with that message.
 */
export function weightPlaces(spec: Experiment['network'], analysis: Analysis): { places: WeightPlace[]; zeroKeys: string[]; unsupported: string[] } {
  const places: WeightPlace[] = [];
  const zeroKeys: string[] = [];
  const unsupported: string[] = [];
  for (const c of contexts(spec, analysis)) {
    const node: LayerNode = c.node;
    const id = node.id;
    const keyOf = (key: string) => `${c.name}.${key.replace(/^\./, '')}`;
    const to = (weight: string, key: string, op: WeightPlace['op'] = 'copy', dir: WeightPlace['dir'] = null) => places.push({ layer: id, weight, dir, key: keyOf(key), op });
    const recurrent = (suffix: string, dir: WeightPlace['dir']) => {
      to('kernel', `weight_ih_l0${suffix}`, 't', dir);
      to('recurrent_kernel', `weight_hh_l0${suffix}`, 't', dir);
      to('bias', `bias_ih_l0${suffix}`, 'copy', dir);
      zeroKeys.push(`${c.name}.bias_hh_l0${suffix}`);
    };
    const typed = typedNode(node);
    const inShapes = node.inputs.map((src) => analysis.nodes[src].shape as number[]);
    const width = (i: number) => inShapes[i][inShapes[i].length - 1];
    /** Attention weights `<tf>query_kernel`… into the module at `module` (see pytorchHelpers' attentionModule). */
    const attention = (tf: string, module: string, heads: number, keyDim: number, d: number, kvDim: number) => {
      const proj = ['query', 'key', 'value'] as const;
      if (heads * keyDim !== d) {
        for (const p of [...proj, 'output']) {
          to(`${tf}${p}_kernel`, `${module}.${p}.weight`, 't');
          to(`${tf}${p}_bias`, `${module}.${p}.bias`);
        }
        return;
      }
      proj.forEach((p, i) => {
        if (kvDim === d) places.push({ layer: id, weight: `${tf}${p}_kernel`, dir: null, key: keyOf(`${module}.in_proj_weight`), op: 't', part: [i, 3] });
        else to(`${tf}${p}_kernel`, `${module}.${p[0]}_proj_weight`, 't');
        places.push({ layer: id, weight: `${tf}${p}_bias`, dir: null, key: keyOf(`${module}.in_proj_bias`), op: 'copy', part: [i, 3] });
      });
      to(`${tf}output_kernel`, `${module}.out_proj.weight`, 't');
      to(`${tf}output_bias`, `${module}.out_proj.bias`);
    };
    const norm = (n: string) => {
      to(`${n}_gamma`, `${n}.weight`);
      to(`${n}_beta`, `${n}.bias`);
    };
    const feedForward = () => {
      to('ffn1_kernel', 'ff.0.weight', 't');
      to('ffn1_bias', 'ff.0.bias');
      to('ffn2_kernel', 'ff.2.weight', 't');
      to('ffn2_bias', 'ff.2.bias');
    };
    switch (node.type) {
      case 'Dense':
      case 'Conv2D':
        to('kernel', 'weight', node.type === 'Dense' ? 't' : 'conv');
        if (node.params.useBias !== false) to('bias', 'bias');
        break;
      case 'BatchNormalization':
        to('gamma', 'weight');
        to('beta', 'bias');
        to('moving_mean', 'running_mean');
        to('moving_variance', 'running_var');
        break;
      case 'LayerNormalization':
        to('gamma', 'weight');
        to('beta', 'bias');
        break;
      case 'Embedding':
        to('embeddings', 'weight');
        break;
      case 'PositionalEncoding':
        if (node.params.encoding === 'learned') to('table', 'table.weight');
        break;
      case 'LSTM':
        recurrent('', null);
        break;
      case 'SimpleRNN':
        if (node.params.activation === 'tanh' || node.params.activation === 'relu') recurrent('', null);
        else unsupported.push(`${id} (SimpleRNN ${String(node.params.activation)})`);
        break;
      case 'Bidirectional':
        if (typed?.type === 'Bidirectional' && typed.params.cell !== 'GRU') {
          recurrent('', 'forward');
          recurrent('_reverse', 'backward');
        } else unsupported.push(`${id} (Bidirectional GRU)`);
        break;
      case 'MultiHeadAttention':
        if (typed?.type === 'MultiHeadAttention') attention('', '', typed.params.numHeads, typed.params.keyDim, width(0), width(inShapes.length - 1));
        break;
      case 'TransformerEncoderBlock':
        if (typed?.type === 'TransformerEncoderBlock') {
          attention('attention_', 'attention', typed.params.numHeads, typed.params.keyDim, width(0), width(0));
          norm('norm1');
          feedForward();
          norm('norm2');
        }
        break;
      case 'TransformerDecoderBlock':
        if (typed?.type === 'TransformerDecoderBlock') {
          attention('self_attention_', 'self_attention', typed.params.numHeads, typed.params.keyDim, width(0), width(0));
          norm('norm1');
          attention('cross_attention_', 'cross_attention', typed.params.numHeads, typed.params.keyDim, width(0), width(1));
          norm('norm2');
          feedForward();
          norm('norm3');
        }
        break;
      default:
        if (!WITHOUT_WEIGHTS.has(node.type)) unsupported.push(`${id} (${node.type})`);
    }
  }
  return { places, zeroKeys, unsupported };
}

/** The model's inputs in forward()'s argument order. */
function inputPlans(exp: Experiment, analysis: Analysis, data: TrainingArrays): InputPlan[] {
  const tokens = tokenInputs(exp.network);
  return contexts(exp.network, analysis)
    .filter((c) => c.node.type === 'Input')
    .map((c) => {
      const shape = c.outShape as number[];
      const source = data.seq?.decoderInput === c.node.id ? 'dec' : 'x';
      const column = data.columnInputs ? data.columnInputs.indexOf(c.node.id) : -1;
      return { name: c.name, source, column: column >= 0 ? column : null, shape, image: isImage(shape), tokens: tokens.has(c.node.id) };
    });
}

/** The Experiment's settings as train.py reads them (JSON in the script, so Python and tests read the same). */
export function trainConfig(exp: Experiment, data: TrainingArrays, opts: BundleOptions, analysis = analyze(exp.network)) {
  const t = exp.training;
  const names = contexts(exp.network, analysis);
  const { places, zeroKeys, unsupported } = weightPlaces(exp.network, analysis);
  return {
    task: data.task,
    output_activation: opts.outputActivation,
    loss: t.loss,
    target_width: data.targetWidth,
    inputs: inputPlans(exp, analysis, data),
    batch_size: t.batchSize,
    epochs: opts.epochs,
    seed: exp.seed,
    learning_rate: t.learningRate,
    optimizer: t.optimizer,
    regularization: t.regularization,
    regularization_rate: t.regularizationRate,
    dense_modules: names.filter((c) => c.node.type === 'Dense').map((c) => c.name),
    schedule: t.schedule,
    early_stopping: t.earlyStopping,
    weight_map: places,
    zero_keys: zeroKeys,
    weight_keys: [...new Set([...places.map((p) => p.key), ...zeroKeys])],
    weights_unsupported: unsupported,
  };
}

/** The data file: train/test (and validation) inputs, targets, decoder rows, exactly the app's arrays. */
export function dataArrays(data: TrainingArrays): Record<string, NpyArray> {
  const f = data.inputShape.reduce((a, b) => a * b, 1);
  const w = data.targetWidth;
  const out: Record<string, NpyArray> = {
    train_x: { values: data.trainX, shape: [data.nTrain, f] },
    train_y: { values: data.trainY, shape: [data.nTrain, w] },
    test_x: { values: data.testX, shape: [data.nTest, f] },
    test_y: { values: data.testY, shape: [data.nTest, w] },
  };
  if (data.seq?.trainDec && data.seq.testDec) {
    out.train_dec = { values: data.seq.trainDec, shape: [data.nTrain, w] };
    out.test_dec = { values: data.seq.testDec, shape: [data.nTest, w] };
  }
  if (data.val) {
    out.val_x = { values: data.val.x, shape: [data.val.n, f] };
    out.val_y = { values: data.val.y, shape: [data.val.n, w] };
    if (data.val.dec) out.val_dec = { values: data.val.dec, shape: [data.val.n, w] };
  }
  return out;
}

/** train.py: the settings, the optimizer, then the fixed loop (trainPyBody.ts). */
export function trainPy(exp: Experiment, data: TrainingArrays, opts: BundleOptions): string {
  const config = trainConfig(exp, data, opts);
  const head = [
    '"""Train a Gradient Garden experiment with PyTorch: the network of model.py on the data of data.npz,',
    'with the optimizer, learning-rate schedule, loss, regularization, batch size, seed and early stopping',
    'it has in the app. The metrics printed each epoch are the app\'s: loss and accuracy on the training',
    'and test splits (here on the whole splits; the image and sequence labs measure a fixed subset).',
    '',
    '    python train.py                               # CPU, or the GPU when CUDA is there',
    '    torchrun --nproc_per_node=2 train.py          # 2 processes (GPUs, or gloo on the CPU), DDP',
    '    python train.py --weights experiment.json     # start from the weights saved in the app',
    '',
    `Batch: the app's batch of ${exp.training.batchSize} is the global batch; with N processes each takes`,
    `ceil(${exp.training.batchSize} / N) rows per step, so a step sees as many examples as in the app.`,
    '--batch-per-process B makes it B·N instead. See README.md.',
    '"""',
    'import argparse',
    'import base64',
    'import copy',
    'import json',
    'import math',
    'import os',
    'import sys',
    'import time',
    '',
    'import numpy as np',
    'import torch',
    'import torch.distributed as dist',
    'import torch.nn as nn',
    'from torch.nn.parallel import DistributedDataParallel',
    'from torch.utils.data import DataLoader, DistributedSampler, TensorDataset',
    '',
    'HERE = os.path.dirname(os.path.abspath(__file__))',
    'sys.path.insert(0, HERE)',
    'from model import Model  # noqa: E402',
    '',
    '# The Experiment, as the app exported it.',
    `CONFIG = json.loads(r"""${configJson(config)}""")`,
    '',
    '',
    'def make_optimizer(params):',
    '    """The optimizer of the app, with TF.js\'s constants (ε = 1e-7, RMSprop ρ = 0.9, …)."""',
    `    return ${pytorchOptimizer(exp.training, 'params')}`,
    '',
  ];
  return head.join('\n') + TRAIN_PY_BODY;
}

function readme(exp: Experiment, data: TrainingArrays, opts: BundleOptions, files: string[]): string {
  const t = exp.training;
  return `# Gradient Garden experiment — training script

Everything here was exported from Gradient Garden: the network (\`model.py\`), the data the app trains
and tests on (\`data.npz\`: the same ${data.nTrain} training and ${data.nTest} test rows${data.val ? `, and the ${data.val.n} validation rows early stopping watches` : ''}),
and \`train.py\`, which trains it with the app's settings:
optimizer ${t.optimizer}, learning rate ${t.learningRate} (schedule: ${t.schedule.kind}), loss ${t.loss},
regularization ${t.regularization}${t.regularization === 'none' ? '' : ` (${t.regularizationRate}, on Dense kernels)`}, batch ${t.batchSize},
seed ${exp.seed}, ${opts.epochs} epochs by default${t.earlyStopping.enabled ? `, early stopping after ${t.earlyStopping.patience} epochs without improvement` : ''}.

Files: ${files.map((f) => `\`${f}\``).join(', ')}.

## Run it

You need Python 3 with PyTorch (1.13 or later) and NumPy: \`pip install torch numpy\`, or on
Debian and Ubuntu \`apt install python3-torch\`.

    python train.py                      # trains on the GPU if CUDA is there, else on the CPU
    python train.py --epochs 50          # longer
    python train.py --cpu                # the CPU even with a GPU

Each epoch prints the training and test loss and accuracy, defined as in the app. The trained
weights go to \`model_trained.pt\` (a PyTorch state_dict of \`model.Model\`).

## Several GPUs or machines

\`train.py\` uses PyTorch's DistributedDataParallel when it is started by \`torchrun\`:

    torchrun --nproc_per_node=4 train.py                       # 4 GPUs of one machine
    torchrun --nproc_per_node=2 train.py                       # no GPU: 2 CPU processes (gloo)
    torchrun --nnodes=2 --node_rank=0 --master_addr=HOST --master_port=29500 --nproc_per_node=4 train.py
                                                               # machine 1 of 2 (node_rank=1 on the other)

Each process reads the same \`data.npz\` and takes its own share of every epoch (DistributedSampler).
The backend is NCCL with CUDA and gloo without. Only process 0 prints and saves. If \`torchrun\` is
not on your PATH, \`python -m torch.distributed.run\` is the same program. Debian 12's PyTorch 1.13
under Python 3.11 crashes in torchrun's own defaults (\`'NoneType' object has no attribute 'get'\`);
adding \`--redirects 9:1 --tee 9:1\` (settings for a rank that does not exist) avoids it.

**Batch size.** In the app one step sees ${t.batchSize} examples. Here that stays the global batch: with N
processes each takes ceil(${t.batchSize} / N) rows, and the gradients are averaged across processes, so a
step is the same maths as in the app. \`--batch-per-process B\` sets each process's batch instead (the
global batch is then B × N; you may want to scale the learning rate with it).

## Weights from the app

In the app, save the experiment with its trained weights; then

    python train.py --weights gradient-garden-experiment.json

starts from them (TF.js kernels are transposed into PyTorch's layout).${opts.savedFile ? ' `experiment.json` here is the experiment as it was when you exported, with its weights.' : ''}

## How close to the app

The data, split, network, optimizer, schedule and loss are the app's. Different: the random draws
(initial weights are Glorot-uniform as in the app, but PyTorch draws them; batches are shuffled by
PyTorch), so the curves differ a little from run to run; the test metrics here use the whole test
split where the image and sequence labs measure ${'a'} fixed subset; image augmentation is not exported;
PyTorch's GRU computes its reset gate slightly differently from TF.js's.

## Keras

\`train_keras.py\` trains the Keras translation (\`model_keras.py\`) on the same data with \`model.fit\`
and the same settings: \`pip install keras tensorflow numpy\`, then \`python train_keras.py\`.
`;
}

/** Every file of the bundle, by name (inside one folder of the zip). */
export function trainingBundleFiles(exp: Experiment, data: TrainingArrays, opts: BundleOptions): Record<string, Uint8Array> {
  const analysis = analyze(exp.network);
  const files: Record<string, Uint8Array> = {
    'train.py': strToU8(trainPy(exp, data, opts)),
    'model.py': strToU8(exportPyTorch(exp.network, analysis, exp.training)),
    'data.npz': npzBytes(dataArrays(data)),
    'train_keras.py': strToU8(kerasTrainScript(exp, trainConfig(exp, data, opts, analysis))),
    'model_keras.py': strToU8(exportKeras(exp.network, analysis, exp.training)),
  };
  if (opts.savedFile) files['experiment.json'] = strToU8(opts.savedFile);
  files['README.md'] = strToU8(readme(exp, data, opts, [...Object.keys(files), 'README.md']));
  return files;
}

export const BUNDLE_FOLDER = 'gradient-garden-train';

/** The bundle as one .zip (a folder of its files). */
export function trainingBundleZip(exp: Experiment, data: TrainingArrays, opts: BundleOptions): Uint8Array {
  const files = trainingBundleFiles(exp, data, opts);
  const entries: Record<string, Uint8Array> = {};
  for (const [name, bytes] of Object.entries(files)) entries[`${BUNDLE_FOLDER}/${name}`] = bytes;
  return zipSync(entries, { level: 6 });
}
