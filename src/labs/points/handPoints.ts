import { HAND_POINTS_MAX } from '../../models/spec';

/** An edit of the hand-placed points. */
export type HandEdit =
  | { type: 'add'; x: number; y: number; cls: 0 | 1 }
  | { type: 'move'; index: number; x: number; y: number }
  | { type: 'remove'; index: number };

/** Inside the plane, rounded to 0.01 (links stay short, and nobody places a point finer). */
const place = (v: number, extent: number) => Math.round(Math.max(-extent, Math.min(extent, v)) * 100) / 100;

/**
 * The (x₁, x₂, class) triples after an edit; pure, so the editor's clicks are testable. Adding past
 * HAND_POINTS_MAX and indices out of range change nothing.
 */
export function editHandPoints(hand: readonly number[], edit: HandEdit, extent = 6): number[] {
  const n = Math.floor(hand.length / 3);
  switch (edit.type) {
    case 'add':
      return n >= HAND_POINTS_MAX ? [...hand] : [...hand, place(edit.x, extent), place(edit.y, extent), edit.cls];
    case 'move': {
      if (edit.index < 0 || edit.index >= n) return [...hand];
      const next = [...hand];
      next[3 * edit.index] = place(edit.x, extent);
      next[3 * edit.index + 1] = place(edit.y, extent);
      return next;
    }
    case 'remove':
      return edit.index < 0 || edit.index >= n ? [...hand] : [...hand.slice(0, 3 * edit.index), ...hand.slice(3 * edit.index + 3)];
  }
}
