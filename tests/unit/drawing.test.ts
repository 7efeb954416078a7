import { describe, expect, it } from 'vitest';
import { rasterToDigit } from '../../src/data/drawing';

/** A transparent RGBA canvas of w×h with opaque rectangles [x, y, width, height] of ink. */
function rgba(w: number, h: number, rects: [number, number, number, number][], alpha = 255): Uint8ClampedArray {
  const data = new Uint8ClampedArray(w * h * 4);
  for (const [rx, ry, rw, rh] of rects) {
    for (let y = ry; y < ry + rh; y++) {
      for (let x = rx; x < rx + rw; x++) {
        // The colour is irrelevant: only alpha is ink.
        data.set([20, 30, 40, alpha], (y * w + x) * 4);
      }
    }
  }
  return data;
}

/** Centre of mass (x, y) in pixel-index coordinates, and the rows / columns that hold ink. */
function measure(img: Float32Array, size: number) {
  let [m, mx, my] = [0, 0, 0];
  const rows = new Set<number>();
  const cols = new Set<number>();
  img.forEach((v, i) => {
    const [x, y] = [i % size, Math.floor(i / size)];
    m += v;
    mx += v * x;
    my += v * y;
    if (v > 0.01) {
      rows.add(y);
      cols.add(x);
    }
  });
  return { cx: mx / m, cy: my / m, rows: [...rows].sort((a, b) => a - b), cols: [...cols].sort((a, b) => a - b) };
}

describe('rasterToDigit', () => {
  it('returns null for an empty drawing (and for faint anti-aliasing dust only)', () => {
    expect(rasterToDigit(new Uint8ClampedArray(200 * 200 * 4), 200, 200, 28)).toBeNull();
    expect(rasterToDigit(rgba(200, 200, [[10, 10, 3, 3]], 5), 200, 200, 28)).toBeNull();
  });

  it('centres an off-centre filled square, scaled to the 20×20 box, values in [0, 1] with max 1', () => {
    const img = rasterToDigit(rgba(200, 200, [[20, 30, 40, 40]]), 200, 200, 28)!;
    expect(img).toHaveLength(28 * 28);
    const { cx, cy, rows, cols } = measure(img, 28);
    // The field's centre is 14 in continuous coordinates, i.e. between pixels 13 and 14.
    expect(cx).toBeCloseTo(13.5, 3);
    expect(cy).toBeCloseTo(13.5, 3);
    expect(rows).toHaveLength(20);
    expect(cols).toHaveLength(20);
    expect(rows[0]).toBe(4);
    expect(Math.min(...img)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...img)).toBeCloseTo(1, 5);
  });

  it('keeps the aspect ratio of a tall thin stroke', () => {
    // 12 px wide and 150 px tall: the height spans 20 px, the width 20 · 12 / 150 = 1.6 px.
    const img = rasterToDigit(rgba(224, 224, [[150, 40, 12, 150]]), 224, 224, 28)!;
    const { cx, cy, rows, cols } = measure(img, 28);
    expect(rows).toHaveLength(20);
    expect(cols.length).toBeGreaterThanOrEqual(2);
    expect(cols.length).toBeLessThanOrEqual(3);
    expect(cx).toBeCloseTo(13.5, 3);
    expect(cy).toBeCloseTo(13.5, 3);
    // Area averaging keeps the ink: 20 × 1.6 pixels' worth.
    expect(img.reduce((s, v) => s + v, 0)).toBeCloseTo(32, 1);
  });

  it('anti-aliases: a downscaled edge that covers part of a pixel is grey', () => {
    // A 30×30 square scales by 20/30, so its edges fall between pixel boundaries unless the centre
    // lands exactly; an odd offset of the centre of mass guarantees partial pixels.
    const img = rasterToDigit(rgba(200, 200, [[50, 50, 30, 30], [50, 80, 10, 1]]), 200, 200, 28)!;
    const greys = Array.from(img).filter((v) => v > 0.01 && v < 0.99);
    expect(greys.length).toBeGreaterThan(0);
  });

  it('centres the centre of mass, not the bounding box', () => {
    // A heavy block on top of a thin tail: the mass centre is near the block, so the box sits low
    // (rows 7–27 rather than the 4–23 of a centred box).
    const img = rasterToDigit(rgba(200, 200, [[20, 20, 60, 60], [20, 80, 4, 40]]), 200, 200, 28)!;
    const { cx, cy, rows } = measure(img, 28);
    expect(cx).toBeCloseTo(13.5, 2);
    expect(cy).toBeCloseTo(13.5, 2);
    expect(rows[0]).toBe(7);
    expect(rows[rows.length - 1]).toBe(27);
  });

  it('accepts one byte per pixel, scales up tiny drawings, and scales the box for other sizes', () => {
    const alpha = new Uint8ClampedArray(50 * 50);
    for (let y = 10; y < 14; y++) for (let x = 30; x < 34; x++) alpha[y * 50 + x] = 255;
    const img = rasterToDigit(alpha, 50, 50, 28)!;
    expect(measure(img, 28).rows).toHaveLength(20);
    const big = rasterToDigit(alpha, 50, 50, 56)!;
    expect(big).toHaveLength(56 * 56);
    const m = measure(big, 56);
    expect(m.rows).toHaveLength(40);
    expect(m.cx).toBeCloseTo(27.5, 3);
  });

  it('rejects data of the wrong length', () => {
    expect(() => rasterToDigit(new Uint8ClampedArray(10), 20, 20, 28)).toThrow(RangeError);
  });
});
