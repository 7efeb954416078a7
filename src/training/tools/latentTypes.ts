/**
 * The `latent` and `decode` tools' wire types (issue 16, generation): an autoencoder's 2-D latent
 * space. `latent` encodes test images to their codes at the bottleneck (a layer with two values);
 * `decode` runs the layers after it on chosen points of the plane and returns the images.
 */

/** Most test images `latent` encodes. */
export const LATENT_MAX_EXAMPLES = 2000;
/** Most points one `decode` request decodes (a 10 × 10 grid). */
export const DECODE_MAX_POINTS = 100;

export interface LatentRequest {
  tool: 'latent';
  /** The bottleneck's node id; default: the first layer with two values that every path to the output passes. */
  node?: string;
  /** How many test images, from the first (default 1,000, at most LATENT_MAX_EXAMPLES). */
  examples?: number;
  /** Also decode a grid × grid lattice over the codes' extent (2–10; absent: none). */
  grid?: number;
}

export interface LatentResult {
  tool: 'latent';
  /** The bottleneck used. */
  node: string;
  /** Every layer that could serve as the bottleneck (two values, on every path to the output), in order. */
  candidates: string[];
  /** (z₁, z₂) of each encoded test image, interleaved. */
  codes: Float32Array;
  /** Each encoded test image's class. */
  labels: Int32Array;
  /** Classes of the dataset (the colours of the plane). */
  classes: number;
  /** Share of the codes whose 5 nearest other codes mostly share their class (see models/latentSpace.ts). */
  separation: number;
  /** Mean reconstruction loss of the encoded images (the training loss, inference mode). */
  loss: number;
  /** The codes' extent with a margin, [min z₁, max z₁, min z₂, max z₂] (models/latentSpace.ts latentExtent). */
  extent: [number, number, number, number];
  /** The decoded lattice over `extent`, row by row from the top, when asked for. */
  grid: { size: number; side: number; images: Float32Array } | null;
  /** The training step of the weights used. */
  step: number;
  /**
   * A variational autoencoder (the bottleneck is a Sampling node, z = μ here): its KL term on these
   * images, the codes' mean and standard deviation per axis (against the prior N(0, I)), and the
   * square the lattice covers (the prior's ±3σ). Absent for a plain autoencoder.
   */
  vae?: VaeStats;
}

/** What the latent tool measures of a VAE's plane (see LatentResult.vae). */
export interface VaeStats {
  /** Mean over the images of KL(N(μ, σ²) ‖ N(0, I)), summed over the two latent values (nats). */
  kl: number;
  /** The β of the Sampling node. */
  beta: number;
  /** Mean of z₁ and z₂ (the codes, μ). */
  mean: [number, number];
  /** Standard deviation of z₁ and z₂ across the images. */
  std: [number, number];
  /** [min z₁, max z₁, min z₂, max z₂] of the decoded lattice: ±PRIOR_RANGE. */
  gridExtent: [number, number, number, number];
}

/** The prior's range the VAE's lattice and plane cover: ±3 standard deviations of N(0, 1). */
export const PRIOR_RANGE = 3;
/** Most codes one `priorSample` request draws. */
export const PRIOR_MAX_SAMPLES = 16;

/** `priorSample`: decode `count` codes z ~ N(0, I) drawn from `seed` (a VAE's generation). */
export interface PriorSampleRequest {
  tool: 'priorSample';
  node?: string;
  /** 1 to PRIOR_MAX_SAMPLES. */
  count: number;
  /** Seed of the draw (the page derives it from the Experiment's seed and how many draws it made). */
  seed: number;
}

export interface PriorSampleResult {
  tool: 'priorSample';
  node: string;
  /** The drawn codes, (z₁, z₂) interleaved. */
  points: number[];
  /** One side × side image per code, concatenated. */
  images: Float32Array;
  side: number;
  step: number;
}

export interface DecodeRequest {
  tool: 'decode';
  /** The bottleneck (as in LatentRequest). */
  node?: string;
  /** Points of the latent plane, (z₁, z₂) interleaved: 1 to DECODE_MAX_POINTS of them. */
  points: number[];
}

export interface DecodeResult {
  tool: 'decode';
  node: string;
  points: number[];
  /** One side × side image per point, pixels in [0, 1], concatenated. */
  images: Float32Array;
  side: number;
  step: number;
}
