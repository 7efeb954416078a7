import { describe, expect, it } from 'vitest';
import { placeLabels, textWidth } from '../../src/labs/ratings/placeLabels';

type Spot = NonNullable<ReturnType<typeof placeLabels>[number]>;

/** The box a placed label covers, as placeLabels estimates it. */
function box(p: { x: number; y: number; text: string }, s: Spot, fontSize = 10) {
  const w = textWidth(p.text, fontSize);
  const left = s.anchor === 'start' ? s.x : s.anchor === 'end' ? s.x - w : s.x - w / 2;
  return { left, right: left + w, top: s.y - fontSize + 1, bottom: s.y + 1 };
}

describe('placeLabels (the ratings lab’s item map)', () => {
  it('keeps a gap between labels, so two names never touch end to end', () => {
    // The left name to the right of its dot would end exactly where the right one's name begins.
    const pts = [
      { x: 100, y: 50, text: '双皮奶' },
      { x: 130, y: 50, text: '提拉米苏' },
    ];
    const spots = placeLabels(pts, 300, 100);
    const placed = spots.map((s, i) => (s ? box(pts[i], s) : null));
    expect(placed.every(Boolean)).toBe(true);
    const [a, b] = placed as NonNullable<(typeof placed)[number]>[];
    const apart = a.right + 2 < b.left || b.right + 2 < a.left || a.bottom + 2 < b.top || b.bottom + 2 < a.top;
    expect(apart).toBe(true);
  });

  it('never writes a label over another dot, and leaves a label out when no spot is free', () => {
    // A dot right of the first, where its label would go: the label moves to another side.
    const pts = [
      { x: 50, y: 50, text: 'Sushi' },
      { x: 62, y: 50, text: 'Ramen' },
    ];
    const spots = placeLabels(pts, 200, 100);
    expect(spots[0]?.anchor).not.toBe('start');
    // A crowd in a tiny plot: some labels are left out rather than overlapped.
    const crowd = Array.from({ length: 12 }, (_, i) => ({ x: 20 + (i % 4) * 6, y: 20 + Math.floor(i / 4) * 6, text: 'Dish' }));
    expect(placeLabels(crowd, 60, 60).some((s) => s === null)).toBe(true);
  });
});
