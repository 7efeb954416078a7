import type { MapScale } from '../../models/codec';

/**
 * Colour scaling of feature maps. A map's values are divided by a "largest magnitude" so they
 * fall in [−1, 1] for the diverging colour table; which magnitude depends on the scale the learner
 * picked: each channel's own (every map uses its full contrast), the layer's (channels of one layer
 * compare), or the largest over every layer shown (layers compare: activations growing or dying
 * through the network show).
 */

/** One layer's output, channel-last. */
export interface MapData {
  shape: readonly [number, number, number];
  values: Float32Array;
}

/** Largest |value| of channel `c` of a channel-last map. */
export function channelMax(map: MapData, c: number): number {
  const [h, w, ch] = map.shape;
  let max = 0;
  for (let p = 0; p < h * w; p++) max = Math.max(max, Math.abs(map.values[p * ch + c]));
  return max;
}

export function layerMax(map: MapData): number {
  let max = 0;
  for (const v of map.values) max = Math.max(max, Math.abs(v));
  return max;
}

/**
 * Per layer, per channel: the magnitude that maps to full colour. Zero magnitudes (a dead ReLU
 * channel) come back as 1 so the channel paints flat neutral rather than dividing by zero.
 */
export function mapDivisors(maps: readonly MapData[], scale: MapScale): number[][] {
  const global = scale === 'global' ? Math.max(0, ...maps.map(layerMax)) : 0;
  return maps.map((m) => {
    const layer = scale === 'layer' ? layerMax(m) : global;
    return Array.from({ length: m.shape[2] }, (_, c) => (scale === 'map' ? channelMax(m, c) : layer) || 1);
  });
}

/**
 * RGBA pixels of channel `c` of a map, through a diverging table over [−1, 1] (entry 0 at −1):
 * value / divisor picks the entry; non-finite values paint the middle (neutral) entry.
 */
export function paintChannel(out: Uint8ClampedArray, map: MapData, c: number, divisor: number, table: Uint8ClampedArray): void {
  const [h, w, ch] = map.shape;
  const last = (table.length >> 2) - 1;
  for (let p = 0; p < h * w; p++) {
    const v = map.values[p * ch + c] / divisor;
    const t = Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0;
    const k = Math.round(((t + 1) / 2) * last) * 4;
    out[p * 4] = table[k];
    out[p * 4 + 1] = table[k + 1];
    out[p * 4 + 2] = table[k + 2];
    out[p * 4 + 3] = 255;
  }
}
