/** Keyboard and pointer position inside a heatmap grid (attention, positional encodings). */

/** A cell of a heatmap: row (query or position) and column (key or dimension). */
export interface Cell {
  row: number;
  col: number;
}

const MOVES: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/**
 * The cell a key press moves to in a `rows × cols` heatmap: arrows step (clamped at the edges),
 * Home and End jump to the row's ends; the first press from no cell lands on (0, 0). Null when the
 * key is not one of these, so the caller lets it through.
 */
export function moveCell(key: string, cell: Cell | null, rows: number, cols: number): Cell | null {
  if (rows <= 0 || cols <= 0) return null;
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, v));
  const at = cell ? { row: clamp(cell.row, rows), col: clamp(cell.col, cols) } : null;
  if (key === 'Home') return { row: at?.row ?? 0, col: 0 };
  if (key === 'End') return { row: at?.row ?? 0, col: cols - 1 };
  const m = MOVES[key];
  if (!m) return null;
  if (!at) return { row: 0, col: 0 };
  return { row: clamp(at.row + m[0], rows), col: clamp(at.col + m[1], cols) };
}

/**
 * The cell under a pointer at (`x`, `y`) CSS px from the heatmap's top-left corner, for a heatmap
 * drawn `width × height` CSS px; null outside it.
 */
export function cellAt(x: number, y: number, width: number, height: number, rows: number, cols: number): Cell | null {
  if (!(width > 0 && height > 0) || x < 0 || y < 0 || x >= width || y >= height) return null;
  return { row: Math.min(rows - 1, Math.floor((y / height) * rows)), col: Math.min(cols - 1, Math.floor((x / width) * cols)) };
}
