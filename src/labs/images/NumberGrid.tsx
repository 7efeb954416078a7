// The small coloured number grids of the explainer's workings (window, kernel, products), kept
// apart from the workings so conv and pooling draw their grids the same way.
import { divergingScale } from '../../charts/colors';
import { readableText } from '../../charts/contrast';

/** One cell of a small number grid. */
export interface GridCell {
  value: number;
  text: string;
  title: string;
  padded?: boolean;
  max?: boolean;
}

/** Cell side in px for a grid `cols` wide, so three 5×5 grids still fit 520 px. */
export const gridCellPx = (cols: number) => (cols <= 3 ? 40 : cols <= 4 ? 34 : cols <= 5 ? 28 : cols <= 7 ? 22 : 16);
/** Characters a cell of that size can show (0 = colour only; the number is in its tooltip). */
export const gridChars = (px: number) => (px >= 40 ? 6 : px >= 34 ? 5 : px >= 22 ? 4 : 0);

/** Fill colour and a readable text colour for `v` on the shared diverging scale. */
function swatch(v: number, scale: number): { background: string; color: string } {
  const u = Number.isFinite(v) ? v / scale : 0;
  const background = divergingScale(u);
  // Whichever text reads better on the cell (white on the scale's orange end was 1.8–2.6:1).
  return { background, color: readableText(background) };
}


/** A captioned grid of numbers coloured on the diverging scale; padded cells are hatched, the max one outlined. */
export function NumberGrid({ caption, cols, cells, scale, testId }: { caption: string; cols: number; cells: GridCell[]; scale: number; testId: string }) {
  const px = gridCellPx(cols);
  return (
    <figure className="cx-grid-fig">
      <figcaption>{caption}</figcaption>
      <div
        className="cx-grid"
        data-testid={testId}
        style={{ gridTemplateColumns: `repeat(${cols}, ${px}px)`, gridAutoRows: `${px}px`, fontSize: px >= 34 ? 11 : px >= 28 ? 10 : 8 }}
      >
        {cells.map((cell, i) => (
          <div
            key={i}
            className={`cx-num${cell.padded ? ' is-pad' : ''}${cell.max ? ' is-max' : ''}`}
            style={cell.padded ? undefined : swatch(cell.value, scale)}
            title={cell.title}
          >
            {cell.text}
          </div>
        ))}
      </div>
    </figure>
  );
}
