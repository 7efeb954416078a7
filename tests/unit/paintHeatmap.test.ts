import { describe, expect, it } from 'vitest';
import {
  NEGATIVE_COLOR,
  NEUTRAL_COLOR,
  POSITIVE_COLOR,
  buildDivergingTable,
  classColors,
  classColorsRgb,
  toRgb,
} from '../../src/charts/colors';
import {
  fillClassPixels,
  fillHeatmapPixels,
  paintGrid,
  paintHeatmap,
  type PaintContext,
} from '../../src/charts/paintHeatmap';

const ORANGE = toRgb(NEGATIVE_COLOR);
const BLUE = toRgb(POSITIVE_COLOR);
const NEUTRAL = toRgb(NEUTRAL_COLOR);

function pixel(out: Uint8ClampedArray, i: number): number[] {
  return Array.from(out.subarray(i * 4, i * 4 + 4));
}

function expectClose(actual: number[], expected: number[], tol = 2) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(tol));
}

describe('colors', () => {
  it('builds a diverging RGBA table from orange through near-white to blue', () => {
    const table = buildDivergingTable();
    expect(table.length).toBe(256 * 4);
    expect(pixel(table, 0)).toEqual([...ORANGE, 255]);
    expect(pixel(table, 255)).toEqual([...BLUE, 255]);
    const odd = buildDivergingTable(257);
    expect(pixel(odd, 128)).toEqual([...NEUTRAL, 255]);
  });

  it('gives class 0 orange and class 1 blue, and n distinct colours', () => {
    expect(classColors(2)).toEqual([NEGATIVE_COLOR, POSITIVE_COLOR]);
    for (const n of [3, 5, 10, 12]) {
      const colors = classColors(n);
      expect(colors).toHaveLength(n);
      expect(new Set(colors).size).toBe(n);
    }
    expect(classColorsRgb(3)[1]).toEqual(BLUE);
  });
});

describe('fillHeatmapPixels', () => {
  const table = buildDivergingTable();

  it('maps −1, 0 and +1 to orange, near-white and blue', () => {
    const out = new Uint8ClampedArray(4 * 4);
    fillHeatmapPixels(out, new Float32Array([-1, 0, 1, 0.5]), 2, { table });
    expect(pixel(out, 0)).toEqual([...ORANGE, 255]);
    expectClose(pixel(out, 1), [...NEUTRAL, 255]);
    expect(pixel(out, 2)).toEqual([...BLUE, 255]);
    // Halfway between neutral and blue.
    expectClose(pixel(out, 3), [(NEUTRAL[0] + BLUE[0]) / 2, (NEUTRAL[1] + BLUE[1]) / 2, (NEUTRAL[2] + BLUE[2]) / 2, 255], 3);
  });

  it('clamps out-of-range values and paints non-finite ones safely', () => {
    const out = new Uint8ClampedArray(4 * 4);
    fillHeatmapPixels(out, new Float32Array([-5, 7, NaN, Infinity]), 2, { table });
    expect(pixel(out, 0)).toEqual([...ORANGE, 255]);
    expect(pixel(out, 1)).toEqual([...BLUE, 255]);
    expectClose(pixel(out, 2), [...NEUTRAL, 255]);
    expect(pixel(out, 3)).toEqual([...BLUE, 255]);
  });

  it('snaps to the sign when discretized', () => {
    const out = new Uint8ClampedArray(4 * 4);
    fillHeatmapPixels(out, new Float32Array([-0.01, 0.2, 0, -0.9]), 2, { table, discretize: true });
    expect(pixel(out, 0)).toEqual([...ORANGE, 255]);
    expect(pixel(out, 1)).toEqual([...BLUE, 255]);
    expect(pixel(out, 2)).toEqual([...BLUE, 255]);
    expect(pixel(out, 3)).toEqual([...ORANGE, 255]);
  });

  it('keeps row-major order with row 0 at the top', () => {
    // 3×3 grid: only the top-right cell (row 0, column 2) is positive.
    const values = new Float32Array(9).fill(-1);
    values[2] = 1;
    const out = new Uint8ClampedArray(9 * 4);
    fillHeatmapPixels(out, values, 3, { table });
    expect(pixel(out, 2)).toEqual([...BLUE, 255]);
    for (const i of [0, 1, 3, 4, 5, 6, 7, 8]) expect(pixel(out, i)).toEqual([...ORANGE, 255]);
  });
});

describe('fillClassPixels', () => {
  const colors = classColorsRgb(3);

  it('picks the argmax class colour', () => {
    // Point-major: 4 cells × 3 classes.
    const probs = new Float32Array([1, 0, 0, 0, 1, 0, 0, 0, 1, 0.1, 0.2, 0.7]);
    const out = new Uint8ClampedArray(4 * 4);
    fillClassPixels(out, probs, 2, 3, { colors, discretize: true });
    expect(pixel(out, 0)).toEqual([...colors[0], 255]);
    expect(pixel(out, 1)).toEqual([...colors[1], 255]);
    expect(pixel(out, 2)).toEqual([...colors[2], 255]);
    expect(pixel(out, 3)).toEqual([...colors[2], 255]);
  });

  it('fades toward near-white as confidence drops, unless discretized', () => {
    const third = 1 / 3;
    const probs = new Float32Array([third, third, third, 0, 0, 1, 0.1, 0.2, 0.7, 0, 0, 0]);
    const out = new Uint8ClampedArray(4 * 4);
    fillClassPixels(out, probs, 2, 3, { colors });
    expectClose(pixel(out, 0), [...NEUTRAL, 255]);
    expect(pixel(out, 1)).toEqual([...colors[2], 255]);
    // Confidence (0.7 − 1/3) / (2/3) = 0.55 of the way from neutral to the class colour.
    const mixed = colors[2].map((c, k) => NEUTRAL[k] + (c - NEUTRAL[k]) * 0.55);
    expectClose(pixel(out, 2), [...mixed, 255]);
    const snapped = new Uint8ClampedArray(4 * 4);
    fillClassPixels(snapped, probs, 2, 3, { colors, discretize: true });
    expect(pixel(snapped, 2)).toEqual([...colors[2], 255]);
  });

  it('shades two classes like the binary diverging map', () => {
    const out = new Uint8ClampedArray(4);
    fillClassPixels(out, new Float32Array([0.25, 0.75]), 1, 2, { colors: classColorsRgb(2) });
    const binary = new Uint8ClampedArray(4);
    fillHeatmapPixels(binary, new Float32Array([0.5]), 1, { table: buildDivergingTable() });
    expectClose(pixel(out, 0), pixel(binary, 0), 3);
  });

  it('paints NaN probabilities neutral', () => {
    const out = new Uint8ClampedArray(4);
    fillClassPixels(out, new Float32Array([NaN, NaN, NaN]), 1, 3, { colors });
    expect(pixel(out, 0)).toEqual([...NEUTRAL, 255]);
  });
});

describe('paintGrid / paintHeatmap', () => {
  function fakeContext() {
    const puts: ImageData[] = [];
    const ctx: PaintContext = {
      createImageData: ((w: number, h: number) =>
        ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }) as ImageData) as PaintContext['createImageData'],
      putImageData: ((image: ImageData) => {
        puts.push(image);
      }) as PaintContext['putImageData'],
    };
    return { ctx, puts };
  }

  it('puts a size × size image at the origin', () => {
    const { ctx, puts } = fakeContext();
    const pixels = new Uint8ClampedArray(2 * 2 * 4).fill(7);
    paintGrid(ctx, pixels, 2);
    expect(puts).toHaveLength(1);
    expect(puts[0].width).toBe(2);
    expect(puts[0].height).toBe(2);
    expect(Array.from(puts[0].data)).toEqual(Array.from(pixels));
  });

  it('reuses one ImageData per context across frames', () => {
    const { ctx, puts } = fakeContext();
    const table = buildDivergingTable();
    paintHeatmap(ctx, new Float32Array([-1, -1, -1, -1]), 2, { table });
    paintHeatmap(ctx, new Float32Array([1, 1, 1, 1]), 2, { table });
    expect(puts[0]).toBe(puts[1]);
    expect(pixel(puts[1].data, 3)).toEqual([...BLUE, 255]);
  });
});
