import { linkHorizontal } from 'd3';

/**
 * Pure geometry of the network diagram. It depends only on the layer sizes (and whether there is a
 * header slot), never on weights, so the diagram memoises it on a key of the sizes and a training
 * step — which changes every weight — reuses every link path string untouched.
 */

/** Width of one layer column, CSS px. */
export const COL_W = 120;
/** Side of a neuron's heatmap square. */
export const NODE = 36;
/** Vertical pitch of neurons; 16 neurons need 16 × 46 = 736 px. */
export const ROW_H = 46;
/** Side of the bias square at a neuron's bottom-left. */
export const BIAS = 9;
/** Room left of the first column for input feature labels. */
export const PAD_LEFT = 28;
export const PAD_RIGHT = 8;
export const PAD_BOTTOM = 10;
/** Height of the two caption lines above each column. */
export const CAPTION_H = 30;
/** Height reserved for the caller's header slot (the +/− controls), when there is one. */
export const SLOT_H = 56;

/** One column: where its neurons sit. */
export interface ColumnLayout {
  /** Left edge of the whole column. */
  left: number;
  /** Left edge of the neuron squares. */
  nodeLeft: number;
  /** Top edge of each neuron square. */
  tops: number[];
}

/** The full diagram geometry. */
export interface DiagramLayout {
  width: number;
  height: number;
  /** Height of the header band (captions and slot) above the neurons. */
  headerH: number;
  columns: ColumnLayout[];
  /** links[i][from * unitsOut + to]: SVG path of the link from layer i to layer i + 1. */
  links: string[][];
}

const linkPath = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();

/** Lay out columns of `units` neurons, each column centred vertically on the tallest one. */
export function computeLayout(units: readonly number[], withSlot: boolean): DiagramLayout {
  const maxUnits = Math.max(1, ...units);
  const headerH = CAPTION_H + (withSlot ? SLOT_H : 0);
  const bodyTop = headerH + 4;
  const columns = units.map((n, i) => {
    const left = PAD_LEFT + i * COL_W;
    const offset = bodyTop + ((maxUnits - n) * ROW_H) / 2 + (ROW_H - NODE) / 2;
    return {
      left,
      nodeLeft: left + (COL_W - NODE) / 2,
      tops: Array.from({ length: Math.max(0, n) }, (_, k) => offset + k * ROW_H),
    };
  });
  const links: string[][] = [];
  for (let i = 0; i + 1 < columns.length; i++) {
    const a = columns[i];
    const b = columns[i + 1];
    const perLayer: string[] = [];
    for (const topA of a.tops) {
      for (const topB of b.tops) {
        // Cubic Bézier from the right edge of one neuron to the left edge of the next.
        perLayer.push(
          linkPath({ source: [a.nodeLeft + NODE, topA + NODE / 2], target: [b.nodeLeft, topB + NODE / 2] }) ?? '',
        );
      }
    }
    links.push(perLayer);
  }
  return {
    width: PAD_LEFT + columns.length * COL_W + PAD_RIGHT,
    height: bodyTop + maxUnits * ROW_H + PAD_BOTTOM,
    headerH,
    columns,
    links,
  };
}

/** Midpoint of the link from `from` in layer `layer` to `to` in the next (where its editor opens). */
export function linkMidpoint(layout: DiagramLayout, layer: number, from: number, to: number): [number, number] | null {
  const a = layout.columns[layer];
  const b = layout.columns[layer + 1];
  if (!a || !b || from >= a.tops.length || to >= b.tops.length) return null;
  // For linkHorizontal's symmetric Bézier the t = ½ point is exactly the chord's midpoint.
  return [(a.nodeLeft + NODE + b.nodeLeft) / 2, (a.tops[from] + b.tops[to]) / 2 + NODE / 2];
}

/** Top-left of the bias square of `unit` in `layer`. */
export function biasPosition(layout: DiagramLayout, layer: number, unit: number): [number, number] | null {
  const col = layout.columns[layer];
  if (!col || unit >= col.tops.length) return null;
  return [col.nodeLeft - BIAS - 2, col.tops[unit] + NODE - BIAS + 3];
}
