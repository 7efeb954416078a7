// Point shapes per class for the colour-blind-safe view: with them, classes are told apart by
// shape as well as by colour (circle, square, triangle, diamond, plus, down triangle, …).
import type { Path } from 'd3';

export const CLASS_SHAPES = ['circle', 'square', 'triangle', 'diamond', 'plus', 'down'] as const;
export type ClassShape = (typeof CLASS_SHAPES)[number];

export const classShape = (cls: number): ClassShape => CLASS_SHAPES[((cls % CLASS_SHAPES.length) + CLASS_SHAPES.length) % CLASS_SHAPES.length];

/** Add one mark of `shape`, centred on (cx, cy) with "radius" r, to `path` (filled by the caller). */
export function addMark(path: Path, shape: ClassShape, cx: number, cy: number, r: number): void {
  const poly = (pts: [number, number][]) => {
    path.moveTo(cx + pts[0][0], cy + pts[0][1]);
    for (const [dx, dy] of pts.slice(1)) path.lineTo(cx + dx, cy + dy);
    path.closePath();
  };
  const s = r * 1.15;
  const q = r * 0.45;
  switch (shape) {
    case 'circle':
      path.moveTo(cx + r, cy);
      path.arc(cx, cy, r, 0, 2 * Math.PI);
      return;
    case 'square':
      path.rect(cx - r * 0.9, cy - r * 0.9, r * 1.8, r * 1.8);
      return;
    case 'triangle':
      return poly([[0, -s], [s, s * 0.8], [-s, s * 0.8]]);
    case 'down':
      return poly([[0, s], [s, -s * 0.8], [-s, -s * 0.8]]);
    case 'diamond':
      return poly([[0, -s], [s, 0], [0, s], [-s, 0]]);
    case 'plus':
      return poly([[-q, -s], [q, -s], [q, -q], [s, -q], [s, q], [q, q], [q, s], [-q, s], [-q, q], [-s, q], [-s, -q], [-q, -q]]);
  }
}
