/** The `compress` tool's wire types (issue 16: pruning and quantization of the trained network). */
import type { EncodedEntry, PruneScope } from '../../models/compression';

export type CompressRequest =
  | {
      tool: 'compress';
      action: 'apply';
      /** int8 (per-channel, kernels), float16 (every tensor) or magnitude pruning. */
      method: 'int8' | 'float16' | 'prune';
      /** Pruning: the fraction of kernel weights set to 0 (0…0.99). */
      sparsity?: number;
      scope?: PruneScope;
      /** Pruning: training steps afterwards with the masks held (0…1000). */
      fineTuneSteps?: number;
      /** Measure on at most this many test examples (default: all). */
      examples?: number;
    }
  | { tool: 'compress'; action: 'restore'; examples?: number };

/** One row of the table: the network as a method leaves it. */
export interface CompressMeasure {
  /** 'float32' (the original), 'int8', 'float16', or 'prune' with its sparsity. */
  method: 'float32' | 'int8' | 'float16' | 'prune';
  sparsity?: number;
  scope?: PruneScope;
  fineTuneSteps?: number;
  accuracy: number | null;
  loss: number;
  /** Bytes of the serialized weights (the payload of models/compression.ts, the export's own bytes). */
  bytes: number;
  msPerExample: number;
}

/** A kernel's weights before (the original) and after, for the histogram. */
export interface CompressLayer {
  name: string;
  shape: number[];
  size: number;
  /** Fraction of the weights exactly 0 now. */
  sparsity: number;
  /** Values, only for kernels while the total stays small (see `HISTOGRAM_VALUES`). */
  before?: Float32Array;
  after?: Float32Array;
  /** int8: the scale of each channel (last axis). */
  scales?: Float32Array;
}

export interface CompressResult {
  tool: 'compress';
  action: 'apply' | 'restore';
  /** The original's row first, then every method tried on that original (latest per method). */
  rows: CompressMeasure[];
  /** The method now in the model (null after restore). */
  applied: CompressMeasure | null;
  /** Kernels (rank ≥ 2) only: biases and normalization parameters are neither pruned nor int8. */
  layers: CompressLayer[];
  /** The export: the applied method's encoded weights (null after restore). */
  file: { entries: EncodedEntry[]; payload: Uint8Array; step: number; examples: number } | null;
  examples: number;
  step: number;
  weightsChanged: true;
}
