// WCAG 2 contrast (relative luminance and the contrast ratio) and the choice of a readable text
// colour on a computed background: the numbers printed on coloured cells (the convolution
// explainer's grids, the confusion matrix) take whichever of dark or white text reads better.
import { rgb } from 'd3';

/**
 * Black, not the app's #1f2328: with pure black and white one of the two always reaches 4.58:1
 * (they tie at luminance 0.179), which mid-tones of the scale need; #1f2328 leaves a band at 4.0:1.
 */
export const DARK_TEXT = '#000000';
export const LIGHT_TEXT = '#ffffff';

const channel = (c: number) => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance of any CSS colour d3 parses (alpha ignored; unparsable = black). */
export function luminance(color: string): number {
  const c = rgb(color);
  if (Number.isNaN(c.r)) return 0;
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

/** WCAG contrast ratio of two colours, 1–21. */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Dark or white text, whichever contrasts more with `background`. */
export function readableText(background: string): string {
  return contrastRatio(background, DARK_TEXT) >= contrastRatio(background, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
}

/** A translucent `rgba(r, g, b, alpha)` fill composited over white, as an opaque CSS colour. */
export function overWhite(r: number, g: number, b: number, alpha: number): string {
  const mix = (c: number) => Math.round(c * alpha + 255 * (1 - alpha));
  return rgb(mix(r), mix(g), mix(b)).formatHex();
}
