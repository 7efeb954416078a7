/**
 * A layer's weights before and after compression, binned for WeightHistogram.tsx (pure, no DOM):
 * the original weights as bars, the weights now as stems at each value they take (so quantized
 * weights stand on their levels and pruned ones in one tall stem at 0), and int8 levels k · step.
 */

export interface WeightHistogramData {
  domain: [number, number];
  bins: { x0: number; x1: number; count: number }[];
  /** Each value the weights now take (or, past `MAX_STEMS` of them, fine bins' centres) and how many. */
  stems: { x: number; count: number }[];
  levels: number[];
  maxBin: number;
  maxStem: number;
  /** Weights shown (of the channel, or the layer). */
  n: number;
}

const MAX_STEMS = 400;

export interface HistogramOptions {
  /** The kernel's channel count (its last axis) and the one to show, or null for all. */
  channels: number;
  channel: number | null;
  /** int8: the channel's step (levels drawn), else null. */
  step: number | null;
  /** Zoom in around 0: ±12 steps for int8, else a tenth of the range. */
  zoom: boolean;
  bins?: number;
}

export function weightHistogram(before: Float32Array, after: Float32Array, opts: HistogramOptions): WeightHistogramData {
  const pick = (i: number) => opts.channel === null || i % opts.channels === opts.channel;
  let m = 0;
  let n = 0;
  for (let i = 0; i < before.length; i++) {
    if (!pick(i)) continue;
    n++;
    m = Math.max(m, Math.abs(before[i]), Math.abs(after[i]));
  }
  if (!(m > 0)) m = 1;
  if (opts.zoom) m = opts.step ? Math.min(m, 12.5 * opts.step) : m / 10;
  const domain: [number, number] = [-m, m];
  const k = opts.bins ?? 60;
  const width = (2 * m) / k;
  const bins = Array.from({ length: k }, (_, b) => ({ x0: -m + b * width, x1: -m + (b + 1) * width, count: 0 }));
  const inside = (v: number) => v >= -m && v <= m;
  const counts = new Map<number, number>();
  for (let i = 0; i < before.length; i++) {
    if (!pick(i)) continue;
    const v = before[i];
    if (inside(v)) bins[Math.min(k - 1, Math.floor((v + m) / width))].count++;
    const a = after[i] === 0 ? 0 : after[i]; // −0 and 0 are one value
    if (inside(a)) counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  let stems = [...counts].map(([x, count]) => ({ x, count }));
  if (stems.length > MAX_STEMS) {
    // Too many distinct values to draw one line each (float16 keeps nearly every weight apart).
    const fine = (2 * m) / MAX_STEMS;
    const grouped = new Map<number, number>();
    for (const s of stems) {
      const b = Math.min(MAX_STEMS - 1, Math.floor((s.x + m) / fine));
      grouped.set(b, (grouped.get(b) ?? 0) + s.count);
    }
    stems = [...grouped].map(([b, count]) => ({ x: -m + (b + 0.5) * fine, count }));
  }
  stems.sort((a, b) => a.x - b.x);
  const levels: number[] = [];
  if (opts.step && opts.step > 0) for (let q = -127; q <= 127; q++) if (inside(q * opts.step)) levels.push(q * opts.step);
  return {
    domain,
    bins,
    stems,
    levels,
    maxBin: Math.max(1, ...bins.map((b) => b.count)),
    maxStem: Math.max(1, ...stems.map((s) => s.count)),
    n,
  };
}
