/**
 * Colours of the recommender's views: a rating 1–5 on a sequential blue scale, and one colour per
 * hidden cuisine (the Okabe–Ito hues, distinct for colour-blind eyes).
 */
const RATING_SCALE = ['#e7f0fa', '#b9d3ee', '#7eaedc', '#3f7fc1', '#1c4f8f'];

/** Fill for a rating (1–5, clamped; fractions rounded). */
export function ratingColor(r: number): string {
  return RATING_SCALE[Math.min(4, Math.max(0, Math.round(r) - 1))];
}

/** Text that reads on `ratingColor(r)`. */
export function ratingTextColor(r: number): string {
  return Math.round(r) >= 4 ? '#ffffff' : '#1a1a1a';
}

export const GENRE_COLORS = ['#d55e00', '#cc79a7', '#0072b2', '#009e73'] as const;
