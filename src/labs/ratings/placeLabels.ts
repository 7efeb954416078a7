/**
 * Where the item map puts its labels: for each point in turn the first of four spots (right, left,
 * above, below) whose box overlaps no label placed before and stays inside the plot; a label with
 * no free spot is left out (its name stays in the dot's tooltip). Widths are estimated from the
 * text (CJK characters a full em, others about 0.55 em), which is enough to keep labels apart.
 */
export interface LabelSpot {
  x: number;
  y: number;
  anchor: 'start' | 'end' | 'middle';
}

const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += CJK.test(ch) ? fontSize : 0.55 * fontSize;
  return w;
}

export function placeLabels(points: readonly { x: number; y: number; text: string }[], width: number, height: number, fontSize = 10): (LabelSpot | null)[] {
  const boxes: [number, number, number, number][] = [];
  const overlaps = (b: [number, number, number, number]) => b[0] < 0 || b[2] > width || b[1] < 0 || b[3] > height || boxes.some((o) => b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]);
  return points.map((p) => {
    const w = textWidth(p.text, fontSize);
    const h = fontSize;
    const spots: { spot: LabelSpot; box: [number, number, number, number] }[] = [
      { spot: { x: p.x + 6, y: p.y + 3, anchor: 'start' }, box: [p.x + 6, p.y - 6, p.x + 6 + w, p.y - 6 + h] },
      { spot: { x: p.x - 6, y: p.y + 3, anchor: 'end' }, box: [p.x - 6 - w, p.y - 6, p.x - 6, p.y - 6 + h] },
      { spot: { x: p.x, y: p.y - 7, anchor: 'middle' }, box: [p.x - w / 2, p.y - 7 - h + 1, p.x + w / 2, p.y - 6] },
      { spot: { x: p.x, y: p.y + 14, anchor: 'middle' }, box: [p.x - w / 2, p.y + 5, p.x + w / 2, p.y + 5 + h] },
    ];
    const free = spots.find((s) => !overlaps(s.box));
    if (!free) return null;
    boxes.push(free.box);
    return free.spot;
  });
}
