import type { DynamicsHistogram, DynamicsProbe } from '../training/dynamicsTypes';

/**
 * Pure helpers over training-dynamics probes (training/dynamicsTypes.ts): percentiles from a
 * histogram for the distribution view, and the summary numbers the panel states and the lessons check.
 */

/** TensorBoard's distribution bands: the percentiles of a normal at −∞, −1.5σ, −σ, −0.5σ, 0, … +∞. */
export const BAND_PERCENTILES = [0, 0.0668, 0.1587, 0.3085, 0.5, 0.6915, 0.8413, 0.9332, 1] as const;

/** The value below which share `q` of a histogram's values lie (linear within a bin). */
export function percentileOf(h: DynamicsHistogram, q: number): number {
  const bins = h.counts.length;
  const width = (h.max - h.min) / bins;
  if (q <= 0 || !(width > 0)) return h.min;
  if (q >= 1) return h.max;
  let total = 0;
  for (let i = 0; i < bins; i++) total += h.counts[i];
  let below = 0;
  for (let i = 0; i < bins; i++) {
    const c = h.counts[i];
    if (c > 0 && below + c >= q * total) return h.min + width * (i + (q * total - below) / c);
    below += c;
  }
  return h.max;
}

/** The summary of one probe; null where the network has no such layer. */
export interface DynamicsSummary {
  /** Gradient norm of the first layer with a weight matrix or kernel ÷ that of the last: ≪ 1 vanishing, ≫ 1 exploding. */
  gradNormRatio: number | null;
  /** The smallest gradient norm over those layers. */
  minGradNorm: number | null;
  /** The largest gradient norm over those layers. */
  maxGradNorm: number | null;
  /** The largest share of dead units over the ReLU layers. */
  deadReluShare: number | null;
  /** The largest ‖Δw‖/‖w‖ over the layers (≈ 1e-3 is the usual healthy order). */
  maxUpdateRatio: number | null;
}

const finite = (v: number) => Number.isFinite(v);

export function summarizeDynamics(probe: DynamicsProbe | null | undefined): DynamicsSummary {
  const none: DynamicsSummary = { gradNormRatio: null, minGradNorm: null, maxGradNorm: null, deadReluShare: null, maxUpdateRatio: null };
  if (!probe || !probe.layers.length) return none;
  const kernels = probe.layers.filter((l) => l.kernel && finite(l.gradNorm));
  const norms = kernels.map((l) => l.gradNorm);
  const last = kernels[kernels.length - 1];
  const dead = probe.layers.map((l) => l.deadShare).filter((d): d is number => d !== null && finite(d));
  const ratios = probe.layers.map((l) => l.updateRatio).filter(finite);
  return {
    gradNormRatio: kernels.length >= 2 && last.gradNorm > 0 ? kernels[0].gradNorm / last.gradNorm : null,
    minGradNorm: norms.length ? Math.min(...norms) : null,
    maxGradNorm: norms.length ? Math.max(...norms) : null,
    deadReluShare: dead.length ? Math.max(...dead) : null,
    maxUpdateRatio: ratios.length ? Math.max(...ratios) : null,
  };
}
