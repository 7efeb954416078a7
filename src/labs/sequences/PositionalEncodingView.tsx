import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useLocale, useT } from '../../i18n';
import { cellAt, moveCell, type Cell } from './gridCursor';
import { fillDivergingPixels, imageFor } from './paintAttention';
import { maxAbs } from '../../charts/format';
import { positionSimilarity } from '../../charts/attentionScores';
import { divergingTable, NEGATIVE_COLOR, NEUTRAL_COLOR, POSITIVE_COLOR } from '../../charts/colors';
import { context2d } from '../../charts/paintHeatmap';
import './AttentionGrid.css';

/** Props of {@link PositionalEncodingView}. */
export interface PositionalEncodingViewProps {
  /** The [length, dim] encoding, row-major: row = position, column = dimension. */
  table: Float32Array;
  length: number;
  dim: number;
  kind: 'sinusoidal' | 'learned';
}

/** Plot area of the encoding matrix and of the similarity square, in CSS px. */
const MATRIX_W = 180;
const PLOT_H = 160;
/** Cells may stretch, but no more than this ratio between width and height. */
const MAX_ASPECT = 4;

/** CSS size of a `rows × cols` heatmap in a `maxW × maxH` box, stretching cells at most {@link MAX_ASPECT}:1. */
export function fitPlot(rows: number, cols: number, maxW: number, maxH: number): { width: number; height: number } {
  let cw = maxW / Math.max(1, cols);
  let ch = maxH / Math.max(1, rows);
  if (ch > MAX_ASPECT * cw) ch = MAX_ASPECT * cw;
  if (cw > MAX_ASPECT * ch) cw = MAX_ASPECT * ch;
  return { width: Math.round(cw * cols), height: Math.round(ch * rows) };
}

const RAMP = `linear-gradient(to right, ${NEGATIVE_COLOR}, ${NEUTRAL_COLOR}, ${POSITIVE_COLOR})`;

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

interface MapFigureProps {
  values: Float32Array;
  rows: number;
  cols: number;
  size: { width: number; height: number };
  caption: string;
  xLabel: string;
  yLabel: string;
  label: string;
  testId: string;
  /** The text for a cell under the pointer or keyboard cursor. */
  describe(cell: Cell): string;
  onRead(text: string | null): void;
}

/** One diverging heatmap at data resolution (one pixel per value), with axis titles and end ticks. */
function MapFigure({ values, rows, cols, size, caption, xLabel, yLabel, label, testId, describe, onRead }: MapFigureProps) {
  // Rotated Latin reads bottom to top; Chinese stands upright in a vertical line instead.
  const upright = useLocale() === 'zh-CN';
  const ref = useRef<HTMLCanvasElement>(null);
  const [cursor, setCursor] = useState<Cell | null>(null);
  const scale = useMemo(() => maxAbs(values, rows * cols), [values, rows, cols]);

  useEffect(() => {
    const ctx = context2d(ref.current);
    if (!ctx) return;
    const image = imageFor(ctx, cols, rows);
    fillDivergingPixels(image.data, values, rows * cols, scale, divergingTable());
    ctx.putImageData(image, 0, 0);
  }, [values, rows, cols, scale]);

  const show = (cell: Cell | null) => {
    setCursor(cell);
    onRead(cell ? describe(cell) : null);
  };
  const pick = (e: MouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const w = rect.width > 0 ? rect.width : size.width;
    const h = rect.height > 0 ? rect.height : size.height;
    show(cellAt(e.clientX - rect.left, e.clientY - rect.top, w, h, rows, cols));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = e.key === 'Escape' ? null : moveCell(e.key, cursor, rows, cols);
    if (!next && e.key !== 'Escape') return;
    e.preventDefault();
    show(next);
  };
  const cw = size.width / cols;
  const ch = size.height / rows;

  return (
    <figure className="pe-fig" data-testid={testId}>
      <figcaption>
        {caption} · ±{fmt(scale)}
      </figcaption>
      <span className={`pe-ylabel${upright ? ' is-upright' : ''}`}>{yLabel}</span>
      <span className="pe-yticks" aria-hidden="true">
        <span>0</span>
        <span>{rows - 1}</span>
      </span>
      <div
        className="pe-plot"
        role="group"
        tabIndex={0}
        aria-label={label}
        style={{ width: size.width, height: size.height }}
        onMouseMove={pick}
        onClick={pick}
        onMouseLeave={() => show(null)}
        onKeyDown={onKeyDown}
        onBlur={() => show(null)}
      >
        <canvas ref={ref} width={cols} height={rows} style={{ width: size.width, height: size.height }} aria-hidden="true" />
        {cursor && <span className="ag-cursor" style={{ left: cursor.col * cw, top: cursor.row * ch, width: cw, height: ch }} />}
      </div>
      <span className="pe-xticks" aria-hidden="true">
        <span>0</span>
        <span>{cols - 1}</span>
      </span>
      <span className="pe-xlabel">{xLabel}</span>
    </figure>
  );
}

/**
 * The positional encoding a Transformer adds to its token embeddings: the T × D matrix (orange
 * negative, blue positive, scaled to the largest magnitude) and beside it the T × T dot products
 * between positions, which show how alike the model sees two positions. Positions and dimensions
 * count from 0, as in the formula.
 */
export function PositionalEncodingView({ table, length, dim, kind }: PositionalEncodingViewProps) {
  const t = useT();
  const [readout, setReadout] = useState<string | null>(null);
  const valid = Number.isInteger(length) && Number.isInteger(dim) && length > 0 && dim > 0 && table.length >= length * dim;
  const similarity = useMemo(() => (valid ? positionSimilarity(table, length, dim) : null), [valid, table, length, dim]);
  const title = t('sequence.pe.region');
  const position = t('sequence.pe.position');

  return (
    <section className="pe" data-testid="pe-view" aria-label={title}>
      <header className="ag-head">
        <h3 className="ag-title">{title}</h3>
        <span className="ag-sub">{t(kind === 'learned' ? 'sequence.pe.learned' : 'sequence.pe.sinusoidal')}</span>
      </header>
      <p className="ag-note">{t(kind === 'learned' ? 'sequence.pe.explainLearned' : 'sequence.pe.explainSinusoidal')}</p>
      {!valid || !similarity ? (
        <p className="ag-note">{t('sequence.pe.empty')}</p>
      ) : (
        <>
          <div className="pe-maps">
            <MapFigure
              testId="pe-matrix"
              values={table}
              rows={length}
              cols={dim}
              size={fitPlot(length, dim, MATRIX_W, PLOT_H)}
              caption={t('sequence.pe.matrix')}
              xLabel={t('sequence.pe.dimension')}
              yLabel={position}
              label={t('sequence.pe.matrixLabel', { length, dim })}
              describe={({ row, col }) => t('sequence.pe.cellValue', { pos: row, dim: col, value: fmt(table[row * dim + col]) })}
              onRead={setReadout}
            />
            <MapFigure
              testId="pe-similarity"
              values={similarity}
              rows={length}
              cols={length}
              size={fitPlot(length, length, PLOT_H, PLOT_H)}
              caption={t('sequence.pe.similarity')}
              xLabel={position}
              yLabel={position}
              label={t('sequence.pe.similarityLabel', { length })}
              describe={({ row, col }) => t('sequence.pe.cellSimilarity', { a: row, b: col, value: fmt(similarity[row * length + col]) })}
              onRead={setReadout}
            />
          </div>
          <div className="ag-legend" aria-hidden="true">
            <span>−</span>
            <span className="ag-ramp" style={{ background: RAMP }} />
            <span>+</span>
          </div>
          <p className="pe-readout" data-testid="pe-readout" aria-live="polite">
            {readout ?? t('sequence.pe.hover')}
          </p>
        </>
      )}
    </section>
  );
}
