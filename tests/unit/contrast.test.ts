import { describe, expect, it } from 'vitest';
import { classColors, divergingScale, NEGATIVE_COLOR, NEUTRAL_COLOR, POSITIVE_COLOR } from '../../src/charts/colors';
import { contrastRatio, DARK_TEXT, LIGHT_TEXT, overWhite, readableText } from '../../src/charts/contrast';

describe('contrast', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBeCloseTo(1, 5);
    // #767676 on white is the well-known 4.54:1 grey.
    expect(contrastRatio('#767676', '#fff')).toBeCloseTo(4.54, 2);
  });

  it('white on the orange end was the explainer bug (under 3:1); the chosen text reads at ≥ 4.5:1 over the whole scale', () => {
    expect(contrastRatio(NEGATIVE_COLOR, LIGHT_TEXT)).toBeLessThan(3);
    let worst = Infinity;
    for (let k = 0; k <= 200; k++) {
      const bg = divergingScale(-1 + k / 100);
      worst = Math.min(worst, contrastRatio(bg, readableText(bg)));
    }
    expect(worst).toBeGreaterThanOrEqual(4.5);
    expect(readableText(NEGATIVE_COLOR)).toBe(DARK_TEXT);
    expect(readableText(NEUTRAL_COLOR)).toBe(DARK_TEXT);
    expect(readableText(POSITIVE_COLOR)).toBe(LIGHT_TEXT);
  });

  it('the confusion matrix cells (translucent over white) keep readable text at every share', () => {
    for (let a = 0; a <= 1; a += 0.01) {
      for (const [r, g, b] of [[8, 119, 189], [217, 72, 15]]) {
        const bg = overWhite(r, g, b, a);
        expect(contrastRatio(bg, readableText(bg))).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('class colours stand apart from the white page (non-text contrast ≥ 2:1 for the marks)', () => {
    for (const palette of ['standard', 'okabeIto'] as const) {
      for (const c of classColors(8, palette)) expect(contrastRatio(c, '#ffffff')).toBeGreaterThanOrEqual(2);
    }
  });
});
