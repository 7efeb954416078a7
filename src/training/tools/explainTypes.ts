/**
 * The explanation tools' wire types (no TF.js): `explain` (an attribution map over an image for one
 * class) and `tokenAttribution` (one value per token of a sentence, sentiment task).
 */

/** The attribution methods of `explain`. */
export const EXPLAIN_METHODS = ['saliency', 'smoothGrad', 'integratedGradients', 'gradCam', 'occlusion'] as const;
export type ExplainMethod = (typeof EXPLAIN_METHODS)[number];

/** Which image: a test example, the learner's drawing (side × side grey pixels), or (absent) the lab's probe. */
export type ExplainSource = { kind: 'test'; index: number } | { kind: 'drawing'; pixels: Float32Array };

/** Each method's knobs; every field optional (defaults in explain.ts: `EXPLAIN_DEFAULTS`). */
export interface ExplainParams {
  /** SmoothGrad: noisy copies averaged. */
  samples?: number;
  /** SmoothGrad: noise spread as a share of the image's value range. */
  sigma?: number;
  /** SmoothGrad: the noise's seed. */
  seed?: number;
  /** Integrated Gradients: Riemann steps from the baseline (a black image) to the image. */
  steps?: number;
  /** Occlusion: the square patch's side and its stride, in pixels, and the value it fills with. */
  patch?: number;
  stride?: number;
  fill?: number;
  /** Grad-CAM: weight each position by its own gradient (HiResCAM) instead of the channel's mean gradient. */
  elementwise?: boolean;
}

export interface ExplainRequest {
  tool: 'explain';
  method: ExplainMethod;
  /** Absent: the image the lab is probing now (the chosen test image or the drawing). */
  source?: ExplainSource;
  /** The class explained; absent: the predicted class. */
  classIndex?: number;
  /** Grad-CAM: the layer (a spatial output); absent: the last one. */
  layerId?: string;
  params?: ExplainParams;
}

export interface ExplainResult {
  tool: 'explain';
  method: ExplainMethod;
  /** The attribution per input pixel (channels summed), row-major, `height × width`; Grad-CAM upsampled. */
  heat: Float32Array;
  height: number;
  width: number;
  /** The image explained (first channel), as the network took it. */
  image: Float32Array;
  /** The test example's index, or −1 for the drawing. */
  testIndex: number;
  /** Its true class when it is a test example, else −1. */
  label: number;
  /** The class explained and the predicted class with the class probabilities. */
  classIndex: number;
  predicted: number;
  probabilities: Float32Array;
  /** What "the class score" is here: the pre-softmax logit, or the output itself where there is none. */
  score: 'logit' | 'output';
  /** The class score of the image, and of the baseline (Integrated Gradients; else null). */
  scoreValue: number;
  baselineScore: number | null;
  /** Integrated Gradients: the attributions' sum (completeness: ≈ score − baseline score); else null. */
  attributionSum: number | null;
  /** Grad-CAM: the layer used; the layers it could use (spatial outputs), for the picker. */
  layerId: string | null;
  layers: string[];
  /** Milliseconds the method took (forward and backward passes, read back). */
  ms: number;
  step: number;
}

/** Which sentence: typed text (tokenised the way the dataset does) or a test sentence. */
export type TokenSource = { kind: 'text'; text: string } | { kind: 'test'; index: number };

export interface TokenAttributionRequest {
  tool: 'tokenAttribution';
  source: TokenSource;
  /** Absent: the predicted class. */
  classIndex?: number;
}

export interface TokenAttributionResult {
  tool: 'tokenAttribution';
  /** The sentence's tokens, in order. */
  tokens: string[];
  /** Gradient × input on the token's embedding, summed over the embedding axis; null: not in the vocabulary (left out) or cut (too long). */
  values: (number | null)[];
  /** Why a token has no value. */
  missing: ('unknown' | 'cut' | null)[];
  classIndex: number;
  predicted: number;
  probabilities: Float32Array;
  /** The class score (logit) and the attributions' sum over the padding before the sentence. */
  scoreValue: number;
  padSum: number;
  ms: number;
  step: number;
}
