import { describe, expect, it } from 'vitest';
import { channelMax, layerMax, mapDivisors, paintChannel, type MapData } from '../../src/labs/images/mapScale';
import { buildDivergingTable } from '../../src/charts/colors';

/** A 2×2 map with 2 channels: channel 0 in [−1, 2], channel 1 all zero (a dead ReLU). */
const a: MapData = { shape: [2, 2, 2], values: Float32Array.from([1, 0, -1, 0, 2, 0, 0.5, 0]) };
/** A 1×1 map with 1 channel of 8. */
const b: MapData = { shape: [1, 1, 1], values: Float32Array.from([-8]) };

describe('feature-map colour scales', () => {
  it('reads magnitudes per channel and per layer', () => {
    expect(channelMax(a, 0)).toBe(2);
    expect(channelMax(a, 1)).toBe(0);
    expect(layerMax(a)).toBe(2);
    expect(layerMax(b)).toBe(8);
  });

  it('per map, per layer and global divisors; a dead channel divides by 1', () => {
    expect(mapDivisors([a, b], 'map')).toEqual([[2, 1], [8]]);
    expect(mapDivisors([a, b], 'layer')).toEqual([[2, 2], [8]]);
    expect(mapDivisors([a, b], 'global')).toEqual([[8, 8], [8]]);
  });

  it('paints −divisor orange, 0 neutral and +divisor blue, clamping beyond', () => {
    const table = buildDivergingTable(3); // entries: −1, 0, +1
    const out = new Uint8ClampedArray(4 * 4);
    paintChannel(out, a, 0, 1, table);
    const px = (i: number) => Array.from(out.subarray(i * 4, i * 4 + 4));
    expect(px(0)).toEqual(Array.from(table.subarray(8, 12))); // +1 → blue end
    expect(px(1)).toEqual(Array.from(table.subarray(0, 4))); // −1 → orange end
    expect(px(2)).toEqual(Array.from(table.subarray(8, 12))); // +2 clamps to +1
    const nan: MapData = { shape: [1, 1, 1], values: Float32Array.from([NaN]) };
    paintChannel(out, nan, 0, 1, table);
    expect(px(0)).toEqual(Array.from(table.subarray(4, 8))); // non-finite → neutral
  });
});
