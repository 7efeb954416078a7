import type { Experiment } from '../models/spec';

/**
 * Messages between the page and the training engine. The engine runs in a Web Worker, or on the
 * main thread where a worker cannot get WebGL; both speak exactly these messages.
 * Every message carries the `runId` it belongs to; either side drops messages of stale runs.
 */

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
  | { type: 'setBias'; runId: number; layerId: string; unit: number; value: number }
  /** Test hook: make the WebGL context get lost, to exercise the fallback. */
  | { type: 'debugLoseContext'; runId: number }
  | { type: 'dispose' };

export interface Metrics {
  trainLoss: number;
  testLoss: number;
  /** Fraction correct; null for regression. */
  trainAcc: number | null;
  testAcc: number | null;
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

export interface Snapshot {
  type: 'snapshot';
  runId: number;
  status: RunStatus;
  step: number;
  epoch: number;
  /** Epochs as a fraction (examples seen / training set size), for the chart's x axis. */
  progress: number;
  metrics: Metrics;
  probes: Probes | null;
  /** Wall time the engine spent training since the last snapshot, and the steps it ran, for speed. */
  stepsPerSec: number;
}

export type FromEngine =
  | { type: 'ready'; runId: number; backend: BackendName; host: EngineHostKind; note: BackendNote; webglAvailable: boolean }
  | Snapshot
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
    };

/** Collect the transferable buffers of a message so posting it moves rather than copies them. */
export function transferablesOf(msg: FromEngine): Transferable[] {
  if (msg.type !== 'snapshot' || !msg.probes) return [];
  const p = msg.probes;
  const out: ArrayBuffer[] = [p.boundary.buffer as ArrayBuffer, ...p.neurons.map((n) => n.buffer as ArrayBuffer)];
  for (const w of p.weights) {
    out.push(w.kernel.buffer as ArrayBuffer);
    if (w.bias) out.push(w.bias.buffer as ArrayBuffer);
  }
  return out;
}
