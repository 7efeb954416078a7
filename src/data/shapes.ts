/**
 * A generated image dataset: 28×28 grey outlines of circles, squares, triangles and lines, with
 * varying size, position, stroke and pixel noise. The kernels a CNN learns on it are easy to read
 * (edges, corners), and it needs no download. Seeded like everything else.
 */
import { createRng, deriveSeed, shuffleInPlace, type Rng } from './rng';

export const SHAPE_SIZE = 28;
export const SHAPE_NAMES = ['circle', 'square', 'triangle', 'line'] as const;

export interface ImageDataset {
  /** n × 28 × 28 pixels in [0, 1], row-major, one channel. */
  images: Float32Array;
  /** Class index per image (see SHAPE_NAMES). */
  labels: Float32Array;
}

/** Distance from point p to the segment a–b. */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy || 1;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Distance from a pixel centre to the outline of shape `kind`. */
function outlineDistance(kind: number, px: number, py: number, cx: number, cy: number, r: number, angle: number): number {
  if (kind === 0) return Math.abs(Math.hypot(px - cx, py - cy) - r);
  const corners = kind === 1 ? 4 : kind === 2 ? 3 : 2;
  const pts: [number, number][] = [];
  for (let i = 0; i < corners; i++) {
    const a = angle + (i * 2 * Math.PI) / corners;
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  if (corners === 2) return segmentDistance(px, py, ...pts[0], ...pts[1]);
  let d = Infinity;
  for (let i = 0; i < corners; i++) d = Math.min(d, segmentDistance(px, py, ...pts[i], ...pts[(i + 1) % corners]));
  return d;
}

function normal(rng: Rng): number {
  return rng.normal();
}

/** Draw one shape into `out` at `offset` (anti-aliased stroke, then noise). */
function draw(out: Float32Array, offset: number, kind: number, rng: Rng, noise: number): void {
  const r = 5 + rng.next() * 6;
  const cx = SHAPE_SIZE / 2 + (rng.next() * 2 - 1) * (12.5 - r);
  const cy = SHAPE_SIZE / 2 + (rng.next() * 2 - 1) * (12.5 - r);
  // Squares start axis-aligned (a quarter turn off), triangles point up; both then turn a little.
  const base = kind === 1 ? Math.PI / 4 : kind === 2 ? -Math.PI / 2 : rng.next() * Math.PI;
  const angle = base + (kind === 3 ? 0 : (rng.next() * 2 - 1) * 0.35);
  const half = 0.7 + rng.next() * 0.5;
  for (let y = 0; y < SHAPE_SIZE; y++) {
    for (let x = 0; x < SHAPE_SIZE; x++) {
      const d = outlineDistance(kind, x + 0.5, y + 0.5, cx, cy, r, angle);
      let v = Math.max(0, Math.min(1, half + 0.5 - d));
      if (noise > 0) v += normal(rng) * noise;
      out[offset + y * SHAPE_SIZE + x] = Math.max(0, Math.min(1, v));
    }
  }
}

/**
 * `n` images, classes balanced and shuffled. `noisePercent` (0–50) sets the pixel noise's
 * standard deviation in percent of full brightness.
 */
export function generateShapes(n: number, noisePercent: number, seed: number): ImageDataset {
  const rng = createRng(deriveSeed(seed, 'data'));
  const classes = SHAPE_NAMES.length;
  const order = Int32Array.from({ length: n }, (_, i) => i % classes);
  shuffleInPlace(order, rng);
  const images = new Float32Array(n * SHAPE_SIZE * SHAPE_SIZE);
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = order[i];
    draw(images, i * SHAPE_SIZE * SHAPE_SIZE, order[i], rng, noisePercent / 100);
  }
  return { images, labels };
}
