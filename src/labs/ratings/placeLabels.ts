/**
 * Where the item map puts its labels: for each point in turn the first of four spots (right, left,
 * above, below) whose box, with a gap of `GAP` around it, overlaps no label placed before and no
 * other point's dot, and stays inside the plot; a label with no free spot is left out (its name
 * stays in the dot's tooltip). Widths are estimated from the text (CJK characters a full em, others
 * about 0.55 em), which is enough to keep labels apart. Without the gap, two labels could touch end
 * to end and read as one name (双皮奶提拉米苏 at 1024 px).
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

/** Space kept around each label (px). */
const GAP = 3;
/** A dot's radius as the map draws it (px). */
const DOT = 4.5;

type Box = [number, number, number, number];

export function placeLabels(points: readonly { x: number; y: number; text: string }[], width: number, height: number, fontSize = 10): (LabelSpot | null)[] {
  const boxes: Box[] = [];
  const dots: Box[] = points.map((p) => [p.x - DOT, p.y - DOT, p.x + DOT, p.y + DOT]);
  const hits = (b: Box, o: Box) => b[0] - GAP < o[2] && o[0] < b[2] + GAP && b[1] - GAP < o[3] && o[1] < b[3] + GAP;
  const overlaps = (b: Box, self: number) =>
    b[0] < 0 || b[2] > width || b[1] < 0 || b[3] > height || boxes.some((o) => hits(b, o)) || dots.some((o, j) => j !== self && hits(b, o));
  return points.map((p, i) => {
    const w = textWidth(p.text, fontSize);
    const h = fontSize;
    const spots: { spot: LabelSpot; box: Box }[] = [
      { spot: { x: p.x + 6, y: p.y + 3, anchor: 'start' }, box: [p.x + 6, p.y - 6, p.x + 6 + w, p.y - 6 + h] },
      { spot: { x: p.x - 6, y: p.y + 3, anchor: 'end' }, box: [p.x - 6 - w, p.y - 6, p.x - 6, p.y - 6 + h] },
      { spot: { x: p.x, y: p.y - 7, anchor: 'middle' }, box: [p.x - w / 2, p.y - 7 - h + 1, p.x + w / 2, p.y - 6] },
      { spot: { x: p.x, y: p.y + 14, anchor: 'middle' }, box: [p.x - w / 2, p.y + 5, p.x + w / 2, p.y + 5 + h] },
    ];
    const free = spots.find((s) => !overlaps(s.box, i));
    if (!free) return null;
    boxes.push(free.box);
    return free.spot;
  });
}
