import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useT, type TFunction } from '../../i18n';
import { antiDiagonalScore, axisTokens, diagonalScore, displayToken, isMasked, isValidAttentionMap, meanEntropy, weightAt } from '../../charts/attentionScores';
import { cellAt, moveCell, type Cell } from './gridCursor';
import { paintAttention, sequentialTable } from './paintAttention';
import { type AttentionMap } from '../../training/protocol';
import { context2d } from '../../charts/paintHeatmap';
import './AttentionGrid.css';

/** Props of {@link AttentionGrid}. */
export interface AttentionGridProps {
  /** One map per attention layer (encoder self, decoder self, decoder cross…), in network order. */
  maps: AttentionMap[];
  /** Labels of the query axis (the target side of an encoder–decoder). */
  queryTokens: string[];
  /** Labels of the key axis; for cross-attention the source tokens. */
  keyTokens: string[];
  /** Changes whenever the weights do (they may be rewritten in place), so the canvases repaint. */
  version: unknown;
  title?: string;
}

/** Longest side of a head thumbnail and of the enlarged head, in CSS px. */
const THUMB_BOX = 60;
const DETAIL_BOX = 264;

/**
 * Cell size for a `rows × cols` map drawn in a `box` px square: `css` is the CSS px per cell (whole
 * when at least 1, so cells stay even; at most `maxCell`), `px` the canvas pixels per cell.
 */
export function fitCells(rows: number, cols: number, box: number, maxCell: number): { css: number; px: number } {
  const raw = Math.min(maxCell, box / Math.max(1, rows, cols));
  const css = raw >= 1 ? Math.floor(raw) : raw;
  return { css, px: Math.max(1, Math.floor(css)) };
}

const mapKey = (map: AttentionMap) => `${map.layerId}\u0000${map.kind}`;
const kindLabel = (t: TFunction, map: AttentionMap) => t(map.kind === 'cross' ? 'sequence.attn.cross' : 'sequence.attn.self');
const headLabel = (t: TFunction, map: AttentionMap, h: number) =>
  t(map.causal ? 'sequence.attn.headLabelCausal' : 'sequence.attn.headLabel', { layer: map.layerId, kind: kindLabel(t, map), n: h + 1 });

let ramp: string | null = null;
/** The sequential colour scale as a CSS gradient for the legend (built once). */
function rampGradient(): string {
  if (!ramp) {
    const table = sequentialTable();
    const last = (table.length >> 2) - 1;
    const stops = [0, 0.25, 0.5, 0.75, 1].map((f) => {
      const k = Math.round(f * last) * 4;
      return `rgb(${table[k]}, ${table[k + 1]}, ${table[k + 2]}) ${f * 100}%`;
    });
    ramp = `linear-gradient(to right, ${stops.join(', ')})`;
  }
  return ramp;
}

/** Rough label width in px at 11 px: wide for CJK and other full-width characters. */
const labelWidth = (text: string) => [...text].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 11 : 6.5), 0);

interface HeadCanvasProps {
  map: AttentionMap;
  head: number;
  cell: { css: number; px: number };
  version: unknown;
}

/** One head painted into its own canvas; repaints when the map or `version` changes, skips without a 2-D context. */
function HeadCanvas({ map, head, cell, version }: HeadCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = context2d(ref.current);
    if (ctx) paintAttention(ctx, map, head, cell.px);
  }, [map, head, cell.px, version]);
  return (
    <canvas
      ref={ref}
      width={map.cols * cell.px}
      height={map.rows * cell.px}
      style={{ width: map.cols * cell.css, height: map.rows * cell.css }}
      aria-hidden="true"
    />
  );
}

interface LayerRowProps {
  map: AttentionMap;
  index: number;
  version: unknown;
  selected: number | null;
  onSelect(head: number): void;
}

/** One attention layer: its name and kind, then every head as a button holding a thumbnail. */
function LayerRow({ map, index, version, selected, onSelect }: LayerRowProps) {
  const t = useT();
  const cell = fitCells(map.rows, map.cols, THUMB_BOX, 8);
  const kind = kindLabel(t, map);
  return (
    <div className="ag-layer" role="group" aria-label={`${map.layerId} · ${kind}`} data-testid="attn-layer" data-causal={map.causal ? 'true' : 'false'}>
      <div className="ag-layer-name">
        <span className="ag-layer-id" title={map.layerId}>
          {map.layerId}
        </span>
        <span className="ag-kind">{kind}</span>
        {map.causal && (
          <span className="ag-badge" title={t('sequence.attn.causalTitle')}>
            {t('sequence.attn.causal')}
          </span>
        )}
      </div>
      <div className="ag-heads">
        {Array.from({ length: map.heads }, (_, h) => (
          <button
            key={h}
            type="button"
            className="ag-thumb"
            data-testid="attn-head"
            data-layer={index}
            data-head={h}
            data-masked={map.causal ? 'causal' : undefined}
            aria-pressed={selected === h}
            aria-label={headLabel(t, map, h)}
            onClick={() => onSelect(h)}
          >
            <HeadCanvas map={map} head={h} cell={cell} version={version} />
            <span className="ag-thumb-label" aria-hidden="true">
              {t('sequence.attn.head', { n: h + 1 })}
            </span>
          </button>
        ))}
      </div>
    </div>
  );
}

interface HeadDetailProps {
  map: AttentionMap;
  head: number;
  /** Axis labels, one per query row and one per key column. */
  queryTokens: string[];
  keyTokens: string[];
  version: unknown;
  onClose(): void;
}

/** The enlarged head: tokens on both axes, the weight under the pointer (or the keyboard cursor), the scores. */
function HeadDetail({ map, head, queryTokens, keyTokens, version, onClose }: HeadDetailProps) {
  const t = useT();
  const [cursor, setCursor] = useState<Cell | null>(null);
  const { rows, cols } = map;
  const cell = fitCells(rows, cols, DETAIL_BOX, 28);
  const c = cell.css;
  const width = cols * c;
  const height = rows * c;
  const at = cursor && cursor.row < rows && cursor.col < cols ? cursor : null;
  const label = headLabel(t, map, head);
  const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');

  const qLabels = queryTokens.map(displayToken);
  const kLabels = keyTokens.map(displayToken);
  const step = Math.max(1, Math.ceil(12 / c));
  const widest = Math.max(0, ...kLabels.map(labelWidth));
  const vertical = widest > c - 2;
  const keysHeight = vertical ? Math.min(64, widest + 4) : 16;

  const readout = at
    ? t(isMasked(map, at.row, at.col) ? 'sequence.attn.cellMasked' : 'sequence.attn.cell', {
        query: qLabels[at.row],
        key: kLabels[at.col],
        value: fmt(weightAt(map, head, at.row, at.col)),
      })
    : null;

  const pick = (e: MouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    // jsdom measures nothing: fall back to the nominal size.
    const w = rect.width > 0 ? rect.width : width;
    const h = rect.height > 0 ? rect.height : height;
    return cellAt(e.clientX - rect.left, e.clientY - rect.top, w, h, rows, cols);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      if (!at) return;
      setCursor(null);
      e.stopPropagation();
      return;
    }
    const next = moveCell(e.key, at, rows, cols);
    if (!next) return;
    e.preventDefault();
    setCursor(next);
  };

  return (
    <div
      className="ag-detail"
      data-testid="attn-detail"
      role="group"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="ag-detail-head">
        <h4 className="ag-detail-title">{label}</h4>
        <button type="button" className="ag-close" onClick={onClose}>
          {t('sequence.attn.close')}
        </button>
      </div>
      <p className="ag-scores">
        <span title={t('sequence.attn.diagTitle')}>
          {t('sequence.attn.diag')} <b data-testid="attn-diag">{fmt(diagonalScore(map, head))}</b>
        </span>
        <span title={t('sequence.attn.antiTitle')}>
          {t('sequence.attn.anti')} <b data-testid="attn-anti">{fmt(antiDiagonalScore(map, head))}</b>
        </span>
        <span title={t('sequence.attn.entropyTitle')}>
          {t('sequence.attn.entropy')} <b>{t('sequence.attn.bits', { v: fmt(meanEntropy(map, head)) })}</b>
        </span>
      </p>
      <div className="ag-matrix" style={{ gridTemplateColumns: `auto ${width}px` }}>
        <span className="ag-corner" aria-hidden="true">
          {t('sequence.attn.key')}
          <br />
          {t('sequence.attn.query')}
        </span>
        <div className={`ag-keys${vertical ? ' is-vertical' : ''}`} style={{ width, height: keysHeight }} data-testid="attn-key-tokens">
          {kLabels.map((tok, s) => (
            <span key={s} className={`ag-tok${at?.col === s ? ' is-on' : ''}`} style={{ width: c, maxHeight: keysHeight }} title={tok}>
              {s % step === 0 || at?.col === s ? tok : ''}
            </span>
          ))}
        </div>
        <div className="ag-queries" data-testid="attn-query-tokens">
          {qLabels.map((tok, r) => (
            <span key={r} className={`ag-tok${at?.row === r ? ' is-on' : ''}`} style={{ height: c, lineHeight: `${c}px`, maxWidth: 80 }} title={tok}>
              {r % step === 0 || at?.row === r ? tok : ''}
            </span>
          ))}
        </div>
        <div
          className="ag-plot"
          data-testid="attn-detail-plot"
          data-causal={map.causal ? 'true' : 'false'}
          role="group"
          tabIndex={0}
          aria-label={t('sequence.attn.detailLabel', { head: label })}
          style={{ width, height }}
          onMouseMove={(e) => setCursor(pick(e))}
          onMouseLeave={() => setCursor(null)}
          onClick={(e) => setCursor(pick(e))}
          onKeyDown={onKeyDown}
        >
          <HeadCanvas map={map} head={head} cell={cell} version={version} />
          {at && <span className="ag-cursor" style={{ left: at.col * c, top: at.row * c, width: c, height: c }} />}
          {/* Always mounted, so screen readers announce each new reading of the live region. */}
          <span
            className="ag-tip"
            role="status"
            data-testid="attn-tooltip"
            style={at ? { left: (at.col + 0.5) * c, top: at.row * c } : { visibility: 'hidden', left: 0, top: 0 }}
          >
            {readout ?? ''}
          </span>
        </div>
      </div>
    </div>
  );
}

/**
 * Attention weights of every layer and head at once: one row per attention layer, one small
 * heatmap per head (white → deep blue over [0, 1]; cells hidden by a causal mask hatched grey).
 * A head's button opens it large with the tokens on both axes and the weight under the pointer.
 *
 * Light by construction: each head is its own small canvas painted from a reused ImageData, no
 * per-cell DOM, so 2 layers × 4 heads × 12×12 repaint comfortably ~8 times a second.
 */
export function AttentionGrid({ maps, queryTokens, keyTokens, version, title }: AttentionGridProps) {
  const t = useT();
  const [selected, setSelected] = useState<{ key: string; head: number } | null>(null);
  const root = useRef<HTMLElement>(null);
  const valid = maps.filter(isValidAttentionMap);
  const chosen = selected ? valid.find((m) => mapKey(m) === selected.key && selected.head < m.heads) : undefined;
  const heading = title ?? t('sequence.attn.region');
  const anyCausal = valid.some((m) => m.causal);
  const tokens = chosen ? axisTokens(chosen, queryTokens, keyTokens) : null;
  /** Close the detail and give the keyboard back to the head's button (the close button disappears). */
  const close = () => {
    const button = chosen ? root.current?.querySelector<HTMLButtonElement>(`[data-layer="${valid.indexOf(chosen)}"][data-head="${selected!.head}"]`) : null;
    setSelected(null);
    button?.focus();
  };

  return (
    <section ref={root} className="ag" data-testid="attention-grid" data-tour="attention" aria-label={heading}>
      <header className="ag-head">
        <h3 className="ag-title">{heading}</h3>
      </header>
      {valid.length === 0 ? (
        <p className="ag-note">{t('sequence.attn.empty')}</p>
      ) : (
        <>
          <p className="ag-note">{t('sequence.attn.explain')}</p>
          <div className="ag-layers">
            {valid.map((map, i) => (
              <LayerRow
                key={`${mapKey(map)}\u0000${i}`}
                map={map}
                index={i}
                version={version}
                selected={chosen === map ? selected!.head : null}
                onSelect={(head) => setSelected(chosen === map && selected?.head === head ? null : { key: mapKey(map), head })}
              />
            ))}
          </div>
          {chosen && tokens ? (
            <HeadDetail
              key={`${mapKey(chosen)}\u0000${selected!.head}`}
              map={chosen}
              head={selected!.head}
              queryTokens={tokens.query}
              keyTokens={tokens.key}
              version={version}
              onClose={close}
            />
          ) : (
            <p className="ag-hint">{t('sequence.attn.hint')}</p>
          )}
          <div className="ag-legend" data-testid="attn-legend">
            <span>{t('sequence.attn.weight')}</span>
            <span>0</span>
            <span className="ag-ramp" style={{ background: rampGradient() }} aria-hidden="true" />
            <span>1</span>
            {anyCausal && (
              <>
                <span className="ag-swatch ag-swatch-masked" aria-hidden="true" />
                <span>{t('sequence.attn.masked')}</span>
              </>
            )}
          </div>
        </>
      )}
    </section>
  );
}
