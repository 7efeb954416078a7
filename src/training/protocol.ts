import type { SavedWeights } from '../models/weightsFile';
import type { RatingsProbes } from './tools/recommendTypes';
import type { SequenceLayoutKind } from '../data/sequenceData';
import type { RecurrentType, Unrolled } from '../models/recurrentUnroll';
import type { Experiment, Modality } from '../models/spec';
import type { DynamicsProbe } from './dynamicsTypes';
import type { Table } from '../data/table';
import type { OwnImages } from '../data/ownImages';
import type { OwnText } from '../data/ownText';
import type { OwnSentences } from '../data/ownSentences';
import type { TeacherPayload } from './distill/teacherTypes';
import { toolTransferables, type ToolError, type ToolName, type ToolRequest, type ToolResult } from './tools/types';

/**
 * Messages between the page and the training engine. The engine runs in a Web Worker, or on the
 * main thread where a worker cannot get WebGL; both speak exactly these messages.
 * Every message carries the `runId` it belongs to; either side drops messages of stale runs.
 */

/** Self-attention (queries and keys from one sequence) or cross-attention (decoder over encoder). */
export type AttentionKind = 'self' | 'cross';

/** The attention weights of one layer for one example, all heads. */
export interface AttentionMap {
  layerId: string;
  kind: AttentionKind;
  /** True when a query cannot see later keys (causal mask): cells with s > t are exactly 0. */
  causal: boolean;
  heads: number;
  /** Query tokens T. */
  rows: number;
  /** Key tokens S. */
  cols: number;
  /** heads × T × S, row-major: weight of query t on key s in head h is `[(h·T + t)·S + s]`. */
  weights: Float32Array;
  /** Labels of this map's axes, when they differ from the grid's defaults . */
  queryTokens?: string[];
  keyTokens?: string[];
}

export type BackendPreference = 'auto' | 'webgl' | 'cpu';
export type BackendName = 'webgl' | 'cpu';
export type EngineHostKind = 'worker' | 'main';
export type RunStatus = 'idle' | 'running' | 'paused' | 'diverged' | 'error';

/** Why the engine runs on a backend other than the one asked for. */
export type BackendNote = 'autoCpu' | 'autoCpuSoftware' | 'autoWebgl' | 'webglUnavailable' | 'contextLost' | null;

export type ToEngine =
  | { type: 'init'; runId: number; experiment: Experiment; backend: BackendPreference }
  /** Same run, edited Experiment: the engine decides between rebuilding and reconfiguring. */
  | { type: 'update'; runId: number; experiment: Experiment }
  | { type: 'play'; runId: number }
  | { type: 'pause'; runId: number }
  /** Train exactly `steps` mini-batches, then post a snapshot. */
  | { type: 'step'; runId: number; steps: number }
  /** Back to the initial weights of the seed, step 0. */
  | { type: 'reset'; runId: number }
  | { type: 'setWeight'; runId: number; layerId: string; from: number; to: number; value: number }
  /** Which image the image views look inside: a test image, or a drawing (28×28, ink = 1). */
  | { type: 'probeSource'; runId: number; source: ProbeSource }
  | { type: 'setBias'; runId: number; layerId: string; unit: number; value: number }
  /**
   * Language models: continue `prompt` by `length` characters, sampling each from the model's
   * distribution after temperature and top-k (0 = all), with a seeded generator.
   */
  | { type: 'generate'; runId: number; prompt: string; length: number; temperature: number; topK: number; seed: number }
  /** Train at most `stepsPerSec` steps a second, each one reported with its probes (slow motion); 0 = full speed. */
  | { type: 'pace'; runId: number; stepsPerSec: number }
  /** Send every weight of the model and the counters (answered by `weights` with the same `requestId`). */
  | { type: 'saveWeights'; runId: number; requestId: number }
  /** Write saved weights into the network (answered by `weightsLoaded`; nothing is written unless every shape fits). */
  | { type: 'loadWeights'; runId: number; weights: SavedWeights }
  /**
   * The training loss on a cols × rows grid over a 2-D slice through the current weights (two
   * filter-normalised random directions, α ∈ [−spanX, spanX], β ∈ [−spanY, spanY]) on at most
   * `examples` training rows (≤ 256); answered by
   * `lossSlice` with the same `requestId`, `lossSliceProgress` meanwhile (training/lossSlice.ts).
   */
  | { type: 'lossSlice'; runId: number; requestId: number; cols: number; rows: number; spanX: number; spanY: number; examples?: number }
  /**
   * Run a tool on the network (training/tools: attacks, explanations, compression …) beside the
   * queue, training held meanwhile; answered by `tool` with the same `requestId`, `toolProgress` on
   * the way.
   */
  | { type: 'tool'; runId: number; requestId: number; request: ToolRequest }
  /** Build the heavy network the engine asked about (an `error` with `confirm`) anyway. */
  | { type: 'confirm'; runId: number }
  /** Measure training dynamics (gradients, updates, activations per layer) on probed steps, or not. */
  | { type: 'dynamics'; runId: number; enabled: boolean }
  /** Test hook: make the WebGL context get lost, to exercise the fallback. */
  | { type: 'debugLoseContext'; runId: number }
  /** Test hook: hold the engine's thread for `ms`, as a step far past its estimate would. */
  | { type: 'debugHang'; runId: number; ms: number }
  /**
   * The learner's table (or none): it lives on the page, never in the Experiment, and is sent
   * before the init or update that names it. Not tied to a run.
   */
  | { type: 'table'; table: Table | null }
  /** The learner's own images and text (or none), sent like the table (data/ownImages.ts, ownText.ts). */
  | { type: 'ownData'; images: OwnImages | null; text: OwnText | null; sentences?: OwnSentences | null }
  /** The teacher for knowledge distillation (or none), kept on the page and sent like the table (training/distill). */
  | { type: 'teacher'; teacher: TeacherPayload | null }
  | { type: 'dispose' };

export interface Metrics {
  trainLoss: number;
  testLoss: number;
  /** Fraction correct; null for regression. */
  trainAcc: number | null;
  testAcc: number | null;
  /** Token tasks: the share of examples whose every token is right (accuracies above count tokens). */
  trainSeqAcc?: number | null;
  testSeqAcc?: number | null;
  /** The validation split's loss and accuracy, while early stopping holds one out. */
  valLoss?: number;
  valAcc?: number | null;
}

/** Dense arrays the views draw. All typed arrays travel as transferables. */
export interface Probes {
  /** Boundary grid side length G. */
  gridSize: number;
  /**
   * G×G values, row 0 at the top: binary and regression a score in [−1, 1]; multi-class
   * G×G×C class probabilities (point-major).
   */
  boundary: Float32Array;
  /** Neuron grid side length g. */
  neuronGridSize: number;
  /** Per diagram column (input features, each hidden Dense, output): units × g × g, scaled into [−1, 1]. */
  neurons: Float32Array[];
  /** Per Dense layer, in order: kernel (fanIn × units, row-major) and bias. */
  weights: { layerId: string; kernel: Float32Array; bias: Float32Array | null }[];
}

export type ProbeSource = { kind: 'test'; index: number } | { kind: 'drawing'; pixels: Float32Array };

/** One layer's output for the probe image: height × width × channels, channel-last. */
export interface FeatureMap {
  layerId: string;
  shape: [number, number, number];
  values: Float32Array;
}

/** What the image views draw for the current weights and the probe image. */
export interface ImageProbes {
  /** The probe image as the network's Input takes it (h × w × c). */
  input: FeatureMap;
  /** The test image's index, or −1 for a drawing. */
  testIndex: number;
  /** The test image's true class, or −1 for a drawing. */
  label: number;
  /** Every layer with a spatial output (conv, pooling, activation, normalization, merge), in order. */
  maps: FeatureMap[];
  /** Every Conv2D's kernel (kh × kw × in × out, TF.js order) and bias. */
  kernels: { layerId: string; shape: [number, number, number, number]; kernel: Float32Array; bias: Float32Array | null }[];
  /** The network's output for the probe image (class probabilities after softmax). */
  output: Float32Array;
  /** How long the engine took to make these (forward pass, read-back), in ms. */
  ms: number;
}

/** The whole test split, classified with the current weights. */
export interface TestReport {
  step: number;
  classes: number;
  /** classes × classes counts, row = true class, column = predicted class. */
  confusion: Int32Array;
  correct: number;
  total: number;
  /** Some misclassified test images, most confident mistakes first. */
  mistakes: { index: number; label: number; predicted: number; confidence: number }[];
  /** Their pixels, one `side × side` image after another (first channel). */
  mistakeImages: Float32Array;
  side: number;
}

/** A recurrent layer (or one direction of a Bidirectional) unrolled on the probe example. */
export interface RecurrentProbe {
  layerId: string;
  type: RecurrentType;
  direction: 'forward' | 'backward';
  /** Labels of the time steps. */
  tokens: string[];
  unrolled: Unrolled;
  /** ‖∂h_T/∂h_t‖ per step (root mean square over the last state's units): how much gradient reaches step t. */
  gradNorms: Float32Array;
}

/** One positional encoding as the network adds it for the probe's length. */
export interface PositionalProbe {
  layerId: string;
  kind: 'sinusoidal' | 'learned';
  length: number;
  dim: number;
  /** length × dim, row = position. */
  table: Float32Array;
  tokens: string[];
}

/** What the sequence views draw for the current weights and the probe example (a test example). */
export interface SeqProbes {
  index: number;
  layout: SequenceLayoutKind;
  /** The source row: token ids, or the series window. */
  source: Float32Array;
  /** The decoder's input row (BOS + target shifted right), or null. */
  decoder: Float32Array | null;
  /** tokens: target ids per step; classify: the one-hot class; forecast: the true next values. */
  target: Float32Array;
  /** tokens: steps × vocabulary probabilities; classify: 2 probabilities; forecast: the forecast. */
  output: Float32Array;
  /** Output steps (tokens), else 1. */
  steps: number;
  /**
   * Encoder–decoder only: the answer the decoder writes on its own (greedy, each step reading its
   * own previous output instead of the true token), ids per step, PAD after EOS; else null.
   */
  free: Float32Array | null;
  tokens: { source: string[]; decoder: string[] };
  /** Every attention layer (a decoder block gives its self- and its cross-attention), in network order. */
  attention: AttentionMap[];
  positional: PositionalProbe[];
  recurrent: RecurrentProbe[];
  ms: number;
}

/** A sequence dataset is ready: its vocabulary, lengths and some test examples to pick the probe from. */
export interface SeqInfo {
  layout: SequenceLayoutKind;
  vocab: string[];
  /** Tokens (or values) per source row, and target steps per example. */
  inLen: number;
  steps: number;
  decoder: boolean;
  /** The first test examples: source rows (inLen each) and target rows (targetWidth each). */
  samples: Float32Array;
  targets: Float32Array;
  targetWidth: number;
  count: number;
  nTrain: number;
  nTest: number;
}

/** Which lab a run belongs to: the dataset's modality (points, images, sequences). */
export type LabKind = Modality;

/** The points lab's part of a snapshot: the boundary and neuron grids and the weights. */
export interface PointsSnapshotPart {
  lab: 'points';
  /** Null when the snapshot was not probed (a play acknowledgement) or nothing is built. */
  probes: Probes | null;
}

/** The image lab's part of a snapshot. */
export interface ImagesSnapshotPart {
  lab: 'images';
  /** Feature maps, kernels and output for the probe image; null when not probed. */
  images: ImageProbes | null;
  /** A finished pass over the test split (now and then), else null. */
  testReport: TestReport | null;
}

/** The sequence lab's part of a snapshot. */
export interface SequencesSnapshotPart {
  lab: 'sequences';
  /** Attention, encodings, recurrent states and output for the probe example; null when not probed. */
  sequences: SeqProbes | null;
}

/** The ratings lab's part of a snapshot: predictions, held-out RMSE and the item map (tools/recommendTypes.ts). */
export interface RatingsSnapshotPart {
  lab: 'ratings';
  ratings: RatingsProbes | null;
}

/** What only one lab draws, tagged by the lab. */
export type LabSnapshotPart = PointsSnapshotPart | ImagesSnapshotPart | SequencesSnapshotPart | RatingsSnapshotPart;

/** What every snapshot carries, whatever the lab. */
export interface SnapshotCommon {
  type: 'snapshot';
  runId: number;
  status: RunStatus;
  step: number;
  epoch: number;
  /** Epochs as a fraction (examples seen / training set size), for the chart's x axis. */
  progress: number;
  metrics: Metrics;
  /** Wall time the engine spent training since the last snapshot, and the steps it ran, for speed. */
  stepsPerSec: number;
  /** The learning rate in use now: the schedule's value at this step. */
  learningRate: number;
  /** Early stopping's best epoch so far (its validation loss lowest); null when it is off or before one. */
  bestEpoch: number | null;
  /**
   * Which start these weights go back to: it changes whenever they start over (a network built,
   * a reset, saved weights loaded). The page starts its curves afresh on a change, since two
   * starts can both report step 0.
   */
  origin: number;
  /** Training dynamics measured on a step since the last probe snapshot (dynamicsTypes.ts); absent or null when none. */
  dynamics?: DynamicsProbe | null;
}

/** The engine's periodic report: the common counters plus the lab's own part (see `lab`). */
export type Snapshot = SnapshotCommon & LabSnapshotPart;

/** The empty part of a lab: nothing probed yet. */
export function emptySnapshotPart(lab: LabKind): LabSnapshotPart {
  if (lab === 'images') return { lab, images: null, testReport: null };
  if (lab === 'sequences') return { lab, sequences: null };
  if (lab === 'ratings') return { lab, ratings: null };
  return { lab, probes: null };
}

/** A loss slice of the network (see the `lossSlice` message); `values` row 0 is at β = −spanY. */
export interface LossSliceData {
  values: Float32Array;
  cols: number;
  rows: number;
  spanX: number;
  spanY: number;
  /** The loss at the current weights (the grid's centre). */
  centerLoss: number;
  /** Training rows it was measured on. */
  examples: number;
  /** The training step of the weights it was taken at. */
  step: number;
  /** How long the engine took, ms. */
  ms: number;
}

/** Why a loss slice could not be taken: no network built, the weights changed meanwhile, or a failure. */
export type LossSliceError = 'notBuilt' | 'changed' | 'busy' | 'failed';

export type FromEngine =
  | { type: 'ready'; runId: number; backend: BackendName; host: EngineHostKind; note: BackendNote; webglAvailable: boolean }
  | Snapshot
  /**
   * Every message the page sent has been handled. The page measures a stalled engine by it: a
   * step stuck far past its estimate holds the queue, and this never comes.
   */
  | { type: 'idle'; runId: number }
  /** The stop rule's epoch limit ended training, at the end of `epoch`. */
  | { type: 'stopRule'; runId: number; epoch: number }
  /** Early stopping ended training: no better validation loss for `patience` epochs. */
  | { type: 'earlyStopped'; runId: number; epoch: number; bestEpoch: number; bestValLoss: number; restored: boolean }
  /** The answer to `saveWeights`: null when no network is built. */
  | { type: 'weights'; runId: number; requestId: number; weights: SavedWeights | null }
  /** The answer to `lossSlice`: the grid, or null with the reason. */
  | { type: 'lossSlice'; runId: number; requestId: number; slice: LossSliceData | null; error?: LossSliceError; detail?: string }
  | { type: 'lossSliceProgress'; runId: number; requestId: number; done: number; total: number }
  /** The answer to `tool`: its result, or null with the reason. */
  | { type: 'tool'; runId: number; requestId: number; tool: ToolName; result: ToolResult | null; error?: ToolError; detail?: string }
  | { type: 'toolProgress'; runId: number; requestId: number; done: number; total: number }
  /** The answer to `loadWeights`. */
  | { type: 'weightsLoaded'; runId: number; ok: boolean; step: number }
  /** Loaded data arriving (MNIST): bytes so far and in all (0 when unknown). */
  | { type: 'dataProgress'; runId: number; loaded: number; total: number }
  /** An image dataset is ready: some test images (for picking the probe) and the split sizes. */
  | { type: 'dataInfo'; runId: number; side: number; samples: Float32Array; labels: number[]; nTrain: number; nTest: number }
  | ({ type: 'seqInfo'; runId: number } & SeqInfo)
  /** Text generated for a `generate` request: the prompt as read, the new characters and each one's probability. */
  | { type: 'generated'; runId: number; prompt: string; text: string; probs: number[] }
  | { type: 'diverged'; runId: number; step: number; epoch: number; which: 'train' | 'test' | 'weights' }
  /** A problem the learner must fix (e.g. the network cannot be built). `key` is an i18n key. */
  | {
      type: 'error';
      runId: number;
      key: string;
      vars?: Record<string, string | number>;
      /** The underlying reason, itself an i18n key (e.g. the analysis error of the faulty layer). */
      cause?: { key: string; vars?: Record<string, string | number> };
      detail?: string;
      /** A heavy network the learner may train anyway: `confirm` builds it. */
      confirm?: true;
    };

/** Collect the transferable buffers of a message so posting it moves rather than copies them. */
export function transferablesOf(msg: FromEngine): Transferable[] {
  if (msg.type === 'dataInfo') return [msg.samples.buffer as ArrayBuffer];
  if (msg.type === 'weights') return msg.weights ? msg.weights.tensors.map((t) => t.values.buffer as ArrayBuffer) : [];
  if (msg.type === 'lossSlice') return msg.slice ? [msg.slice.values.buffer as ArrayBuffer] : [];
  if (msg.type === 'tool') return [...toolTransferables(msg.result)];
  if (msg.type === 'seqInfo') return [msg.samples.buffer as ArrayBuffer, msg.targets.buffer as ArrayBuffer];
  if (msg.type !== 'snapshot') return [];
  const out = new Set<ArrayBuffer>();
  const add = (a: Float32Array | Int32Array | null) => a && out.add(a.buffer as ArrayBuffer);
  if (msg.lab === 'points' && msg.probes) {
    const p = msg.probes;
    add(p.boundary);
    p.neurons.forEach(add);
    for (const w of p.weights) {
      add(w.kernel);
      add(w.bias);
    }
  }
  if (msg.lab === 'images') {
    const im = msg.images;
    if (im) {
      add(im.input.values);
      im.maps.forEach((m) => add(m.values));
      for (const k of im.kernels) {
        add(k.kernel);
        add(k.bias);
      }
      add(im.output);
    }
    if (msg.testReport) {
      add(msg.testReport.confusion);
      add(msg.testReport.mistakeImages);
    }
  }
  for (const l of msg.dynamics?.layers ?? []) [l.weights, l.grads, l.activations].forEach((h) => add(h.counts));
  const sq = msg.lab === 'sequences' ? msg.sequences : null;
  if (sq) {
    [sq.source, sq.decoder, sq.target, sq.output, sq.free].forEach(add);
    sq.attention.forEach((m) => add(m.weights));
    sq.positional.forEach((p) => add(p.table));
    for (const r of sq.recurrent) {
      add(r.unrolled.hidden);
      add(r.unrolled.cell ?? null);
      Object.values(r.unrolled.gates).forEach(add);
      add(r.gradNorms);
    }
  }
  return [...out];
}
