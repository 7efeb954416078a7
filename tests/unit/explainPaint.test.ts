import { describe, expect, it } from 'vitest';
import { completenessGap, inkShare, maxAbs } from '../../src/charts/explainStats';
import { attributionColour, fillAttributionPixels } from '../../src/charts/paintAttribution';
import { NEGATIVE_COLOR, NEUTRAL_COLOR, POSITIVE_COLOR, toRgb } from '../../src/charts/colors';

describe('numbers read off an attribution map', () => {
  it('inkShare: the share of |values| on non-black pixels; null for an empty map', () => {
    expect(inkShare([0, 1, 0.5, 0], [1, -2, 1, 0])).toBeCloseTo(3 / 4);
    expect(inkShare([1, 1], [0, 0])).toBeNull();
    expect(inkShare([1, 0], [Number.NaN, 2])).toBe(0);
  });
  it('maxAbs and the completeness gap', () => {
    expect(maxAbs([1, -3, Number.POSITIVE_INFINITY, 2])).toBe(3);
    expect(completenessGap(1.98, 3, 1)).toBeCloseTo(0.01);
    expect(completenessGap(null, 3, 1)).toBeNull();
    expect(completenessGap(0, 1, 1)).toBeNull();
  });
});

describe('painting an attribution map', () => {
  const px = (mode: 'image' | 'heat' | 'overlay', image: number[], heat: number[], opacity = 1) => {
    const out = new Uint8ClampedArray(image.length * 4);
    fillAttributionPixels(out, image, heat, image.length, { mode, scale: 2, opacity });
    return Array.from({ length: image.length }, (_, i) => Array.from(out.subarray(i * 4, i * 4 + 3)));
  };
  it('the map: ±scale at the ends of the diverging scale, zero neutral, beyond the scale saturated, NaN as zero', () => {
    const [pos, neg, zero, over, nan] = px('heat', [0, 0, 0, 0, 0], [2, -2, 0, 9, Number.NaN]);
    expect(pos).toEqual(toRgb(POSITIVE_COLOR));
    expect(neg).toEqual(toRgb(NEGATIVE_COLOR));
    expect(zero).toEqual(toRgb(NEUTRAL_COLOR));
    expect(over).toEqual(pos);
    expect(nan).toEqual(zero);
  });
  it('the image: dark ink on a light page; the overlay leaves zero-attribution pixels as the image', () => {
    const [blank, ink] = px('image', [0, 1], [0, 0]);
    expect(blank).toEqual([255, 255, 255]);
    expect(ink).toEqual([25, 25, 25]);
    const [untouched, covered] = px('overlay', [1, 1], [0, 2]);
    expect(untouched).toEqual(ink);
    expect(covered).toEqual(toRgb(POSITIVE_COLOR));
    const [faint] = px('overlay', [1], [2], 0);
    expect(faint).toEqual(ink);
  });
  it('token colours follow the same scale', () => {
    expect(toRgb(attributionColour(1, 1))).toEqual(toRgb(POSITIVE_COLOR));
    expect(toRgb(attributionColour(-5, 1))).toEqual(toRgb(NEGATIVE_COLOR));
  });
});
