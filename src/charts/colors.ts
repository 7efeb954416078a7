import { interpolateRainbow, interpolateRgb, quantize, rgb, scaleLinear } from 'd3';
import type { ClassPalette } from '../models/codec';

/**
 * Colours shared by every view, following TensorFlow Playground: orange means "negative / class 0",
 * blue means "positive / class 1", and a near-white grey sits at zero. Keeping one scale everywhere
 * lets a learner read a neuron thumbnail, a link and the decision boundary the same way.
 */

/** Colour at −1 (and of class 0). */
export const NEGATIVE_COLOR = '#f59322';
/** Colour at 0: near-white rather than pure white so the plot stays visible on a white page. */
export const NEUTRAL_COLOR = '#e8eaeb';
/** Colour at +1 (and of class 1). */
export const POSITIVE_COLOR = '#0877bd';

/** An RGB triple, 0–255 per channel. */
export type Rgb = [number, number, number];

/** The diverging scale over [−1, 1], clamped so out-of-range outputs saturate instead of extrapolating. */
export const divergingScale = scaleLinear<string>()
  .domain([-1, 0, 1])
  .range([NEGATIVE_COLOR, NEUTRAL_COLOR, POSITIVE_COLOR])
  .interpolate(interpolateRgb)
  .clamp(true);

/** Parse any CSS colour d3 understands into an RGB triple (black when it cannot be parsed). */
export function toRgb(color: string): Rgb {
  const c = rgb(color);
  if (Number.isNaN(c.r)) return [0, 0, 0];
  return [Math.round(c.r), Math.round(c.g), Math.round(c.b)];
}

/**
 * Precompute the diverging scale as an RGBA lookup table with `steps` entries evenly spread over
 * [−1, 1] (entry 0 is −1, entry steps−1 is +1). Painting thousands of pixels per frame then costs one
 * array lookup each instead of a d3 interpolation and string parse (Observable Plot's raster idea).
 */
export function buildDivergingTable(steps = 256): Uint8ClampedArray {
  const n = Math.max(2, Math.floor(steps));
  const table = new Uint8ClampedArray(n * 4);
  for (let k = 0; k < n; k++) {
    const [r, g, b] = toRgb(divergingScale(-1 + (2 * k) / (n - 1)));
    table[k * 4] = r;
    table[k * 4 + 1] = g;
    table[k * 4 + 2] = b;
    table[k * 4 + 3] = 255;
  }
  return table;
}

let sharedTable: Uint8ClampedArray | null = null;

/** The default 256-step diverging table, built once on first use and shared by all views. */
export function divergingTable(): Uint8ClampedArray {
  if (!sharedTable) sharedTable = buildDivergingTable();
  return sharedTable;
}

/**
 * Qualitative palette for classes. It starts with the diverging scale's two ends so a 2-class view
 * looks exactly like the binary one; the rest are chosen to stay distinct from orange and blue and
 * from each other on the near-white background.
 */
const CLASS_PALETTE = [
  NEGATIVE_COLOR,
  POSITIVE_COLOR,
  '#2ca02c',
  '#c2378f',
  '#7d56c2',
  '#17a2a2',
  '#8c564b',
  '#a8a22b',
  '#d62728',
  '#6c757d',
];

/**
 * The colour-blind-safe second palette (Okabe & Ito 2008, "Color Universal Design"), still orange
 * for class 0 and blue for class 1; its yellow is left out (1.1:1 on the white page).
 */
const OKABE_ITO = ['#e69f00', '#0072b2', '#009e73', '#cc79a7', '#d55e00', '#56b4e9', '#000000', '#8a8a8a'];

/** The class palettes a learner can choose: a view option (models/codec.ts), so links carry it. */
export type { ClassPalette };

/**
 * `n` class colours as CSS hex strings. Class 0 is orange and class 1 blue (so for n = 2 it matches
 * the diverging scale, where −1 is class 0); beyond the fixed palette colours come from a rainbow.
 */
export function classColors(n: number, palette: ClassPalette = 'standard'): string[] {
  const count = Math.max(0, Math.floor(n));
  const fixed = palette === 'okabeIto' ? OKABE_ITO : CLASS_PALETTE;
  if (count <= fixed.length) return fixed.slice(0, count);
  return quantize(interpolateRainbow, count + 1)
    .slice(0, count)
    .map((c) => rgb(c).formatHex());
}

/** {@link classColors} as RGB triples, the form the pixel painters take. */
export function classColorsRgb(n: number, palette: ClassPalette = 'standard'): Rgb[] {
  return classColors(n, palette).map(toRgb);
}
