// Number and text formatting shared by the explainer's pieces (the shell, ConvWorking, PoolWorking):
// a cell of a small grid has room for a few characters, an equation for the full value.
import type { MessageKey, TFunction } from '../../i18n';
import type { WindowGeometry } from './convExplain';
import { formatValue, maxAbs } from '../../charts/format';

/** The largest |value|, or 1 when all are 0, as a colour scale's divisor. */
export const nonZeroMaxAbs = (values: ArrayLike<number>) => maxAbs(values) || 1;

/**
 * {@link formatValue} shortened to fit `chars` characters in a small grid cell: 3, 2, then 1
 * significant digit, then exponent form; a tiny value that still does not fit reads "≈0". The full
 * number is always in the cell's tooltip. `chars` 0 gives '' (colour only).
 */
export function fitValue(v: number, chars: number): string {
  if (chars <= 0) return '';
  for (const d of [3, 2, 1]) {
    const s = formatValue(v, d);
    if (s.length <= chars) return s;
  }
  const e = v.toExponential(0).replace(/-/g, '−');
  return e.length <= chars || Math.abs(v) >= 1 ? e : '≈0';
}

/** A term inside a sum: negatives in parentheses so "+ (−0.5)" reads unambiguously. */
export const term = (v: number) => (v < 0 ? `(${formatValue(v)})` : formatValue(v));

/** The non-zero sides of the padding in words: "1 row(s) at the bottom, 1 column(s) on the right". */
export function padSides(t: TFunction, g: WindowGeometry): string {
  const sides: [number, MessageKey][] = [
    [g.top, 'explain.padTop'],
    [g.bottom, 'explain.padBottom'],
    [g.left, 'explain.padLeft'],
    [g.right, 'explain.padRight'],
  ];
  return sides
    .filter(([n]) => n > 0)
    .map(([n, key]) => t(key, { n }))
    .join(t('explain.listSep'));
}
