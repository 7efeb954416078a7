import { useEffect, useRef } from 'react';
import { DEFAULT_RATINGS, generateRatings } from '../data/ratings';
import { ratingColor } from '../charts/ratingColors';

const SIZE = 56;
const CELLS = 14;

/** The ratings dataset's thumbnail: a corner of the matrix (14 users × 14 dishes), observed cells coloured by rating. */
export function RatingsThumb() {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const m = generateRatings(DEFAULT_RATINGS, 7, 0.8);
    const s = SIZE / CELLS;
    ctx.fillStyle = '#f1f3f5';
    ctx.fillRect(0, 0, SIZE, SIZE);
    for (let k = 0; k < m.cells.length; k += 3) {
      const [u, i, r] = [m.cells[k], m.cells[k + 1], m.cells[k + 2]];
      if (u >= CELLS || i >= CELLS) continue;
      ctx.fillStyle = ratingColor(r);
      ctx.fillRect(i * s + 0.5, u * s + 0.5, s - 1, s - 1);
    }
  }, []);
  return <canvas ref={canvas} width={SIZE} height={SIZE} className="thumb" aria-hidden="true" />;
}
