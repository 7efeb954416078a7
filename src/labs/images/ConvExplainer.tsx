import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { translateDynamic, useLocale, useT, type MessageKey, type TFunction } from '../../i18n';
import {
  activationOutput,
  channelPlane,
  explainConv,
  explainPool,
  explainRelu,
  mapValue,
  scanCell,
  scanIndex,
  windowGeometry,
  type ConvKernel,
  type FeatureMap,
  type Padding,
  type WindowGeometry,
} from './convExplain';
import type { Activation } from '../../models/spec';
import { divergingScale, divergingTable } from '../../charts/colors';
import { context2d, fillHeatmapPixels } from '../../charts/paintHeatmap';
import { formatValue, maxAbs } from '../../charts/format';
import './ConvExplainer.css';

/** The largest |value|, or 1 when all are 0, as a colour scale's divisor. */
const nonZeroMaxAbs = (values: ArrayLike<number>) => maxAbs(values) || 1;

/** Which layer the explainer works through. */
export type ExplainKind = 'conv' | 'maxPool' | 'avgPool' | 'relu';

/** Props of {@link ConvExplainer}. All data comes in; the component reads no store. */
export interface ConvExplainerProps {
  kind: ExplainKind;
  /** The layer's input for one example (NHWC without the batch axis). */
  input: FeatureMap;
  /** The layer's output for the same example; painted as the output map (computed here if its shape is off). */
  output: FeatureMap;
  /** Conv only: weights in TF.js layout `[kh, kw, inChannels, outChannels]`. */
  kernel?: ConvKernel;
  /** Conv only: one bias per filter; null or absent for `useBias: false`. */
  bias?: Float32Array | null;
  /** Strides, one number for both axes or `[sy, sx]`. Default 1; ignored for ReLU. */
  stride?: number | readonly [number, number];
  /** Default 'valid'; ignored for ReLU. */
  padding?: Padding;
  /** Pooling only: window, one number or `[ph, pw]`. Default 2. */
  poolSize?: number | readonly [number, number];
  /** Conv only: the layer's activation ('relu', 'linear', …), shown after the sum. */
  activation?: Activation;
  /** Heading, e.g. the layer's name in the learner's network. */
  layerLabel: string;
  /** The output channel (conv: filter) to start on, e.g. the feature map the learner clicked. */
  initialChannel?: number;
  /** Start on the middle output cell (where an image's strokes usually are) instead of the first. */
  startInMiddle?: boolean;
}

/** One play step every 250 ms: four output cells a second, slow enough to follow the window. */
export const PLAY_STEP_MS = 250;
/** Pixel budget of each feature map's side; two maps and an arrow fit a 520 px panel. */
const MAP_PX = 216;

/** The non-zero sides of the padding in words: "1 row(s) at the bottom, 1 column(s) on the right". */
function padSides(t: TFunction, g: WindowGeometry): string {
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

const pair = (v: number | readonly [number, number] | undefined, fallback: number): [number, number] =>
  v === undefined ? [fallback, fallback] : typeof v === 'number' ? [v, v] : [v[0], v[1]];

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
const term = (v: number) => (v < 0 ? `(${formatValue(v)})` : formatValue(v));

/** Fill colour and a readable text colour for `v` on the shared diverging scale. */
function swatch(v: number, scale: number): { background: string; color: string } {
  const u = Number.isFinite(v) ? v / scale : 0;
  return { background: divergingScale(u), color: Math.abs(u) > 0.55 ? '#fff' : '#1f2328' };
}

/** Paint a `w × h` plane on the diverging scale, `scale` mapping to full colour. */
function paintPlane(ctx: CanvasRenderingContext2D, plane: Float32Array, w: number, h: number, scale: number): void {
  const image = ctx.createImageData(w, h);
  const norm = new Float32Array(w * h);
  for (let i = 0; i < norm.length; i++) norm[i] = plane[i] / scale;
  // fillHeatmapPixels walks min(size², values, pixels) cells in order, so a non-square plane works.
  fillHeatmapPixels(image.data, norm, Math.max(w, h), { table: divergingTable() });
  ctx.putImageData(image, 0, 0);
}

const fitCell = (cols: number, rows: number) => Math.max(2, Math.min(28, Math.floor(MAP_PX / Math.max(cols, rows, 1))));

function usePaint(plane: Float32Array, w: number, h: number, scale: number) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = context2d(ref.current);
    if (ctx && w > 0 && h > 0) paintPlane(ctx, plane, w, h, scale);
  }, [plane, w, h, scale]);
  return ref;
}

interface InputMapProps {
  plane: Float32Array;
  scale: number;
  height: number;
  width: number;
  geom: WindowGeometry;
  /** Window in input coordinates (top-left may be in the padding). */
  win: { y: number; x: number; h: number; w: number };
  label: string;
}

/** The input channel on a canvas, with the padding border and the window drawn over it in SVG. */
function InputMap({ plane, scale, height, width, geom, win, label }: InputMapProps) {
  const hatch = `cx-hatch-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const ref = usePaint(plane, width, height, scale);
  const { top, bottom, left, right } = geom;
  const cols = width + left + right;
  const rows = height + top + bottom;
  const c = fitCell(cols, rows);
  const bands = [
    { x: 0, y: 0, w: cols, h: top },
    { x: 0, y: top + height, w: cols, h: bottom },
    { x: 0, y: top, w: left, h: height },
    { x: left + width, y: top, w: right, h: height },
  ].filter((b) => b.w > 0 && b.h > 0);
  return (
    <div className="cx-map-box" style={{ width: cols * c, height: rows * c }}>
      <canvas
        ref={ref}
        role="img"
        aria-label={label}
        width={width}
        height={height}
        style={{ left: left * c, top: top * c, width: width * c, height: height * c }}
      />
      <svg width={cols * c} height={rows * c} aria-hidden="true">
        <defs>
          <pattern id={hatch} width={5} height={5} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width={5} height={5} fill="#fff" />
            <line x1={0} y1={0} x2={0} y2={5} stroke="#c3cad2" strokeWidth={2.5} />
          </pattern>
        </defs>
        {bands.map((b, i) => (
          <rect key={i} data-testid="cx-pad-band" x={b.x * c} y={b.y * c} width={b.w * c} height={b.h * c} fill={`url(#${hatch})`} />
        ))}
        <rect x={left * c} y={top * c} width={width * c} height={height * c} fill="none" stroke="#9aa4ae" strokeWidth={1} />
        <rect
          data-testid="cx-window"
          x={(win.x + left) * c}
          y={(win.y + top) * c}
          width={win.w * c}
          height={win.h * c}
          fill="rgba(24, 61, 78, 0.08)"
          stroke="#183d4e"
          strokeWidth={2}
        />
      </svg>
    </div>
  );
}

interface OutputMapProps {
  plane: Float32Array;
  height: number;
  width: number;
  cell: { y: number; x: number };
  onPick(y: number, x: number): void;
  label: string;
}

/** The output channel; a click or an arrow key picks the cell to explain. */
function OutputMap({ plane, height, width, cell, onPick, label }: OutputMapProps) {
  const scale = useMemo(() => nonZeroMaxAbs(plane), [plane]);
  const ref = usePaint(plane, width, height, scale);
  const c = fitCell(width, height);
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    // The CSS box may be scaled (narrow panel): measure it, fall back to the nominal size in jsdom.
    const px = rect.width > 0 ? rect.width / width : c;
    const py = rect.height > 0 ? rect.height / height : c;
    const x = Math.floor((e.clientX - rect.left) / px);
    const y = Math.floor((e.clientY - rect.top) / py);
    onPick(Math.max(0, Math.min(height - 1, y)), Math.max(0, Math.min(width - 1, x)));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    onPick(Math.max(0, Math.min(height - 1, cell.y + m[0])), Math.max(0, Math.min(width - 1, cell.x + m[1])));
  };
  return (
    <div
      className="cx-map-box cx-out-box"
      data-testid="cx-output-map"
      role="group"
      tabIndex={0}
      aria-label={label}
      style={{ width: width * c, height: height * c }}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <canvas ref={ref} width={width} height={height} style={{ left: 0, top: 0, width: width * c, height: height * c }} />
      <svg width={width * c} height={height * c} aria-hidden="true">
        <rect x={0} y={0} width={width * c} height={height * c} fill="none" stroke="#9aa4ae" />
        <rect data-testid="cx-output-cell" x={cell.x * c} y={cell.y * c} width={c} height={c} fill="none" stroke="#183d4e" strokeWidth={2} />
      </svg>
    </div>
  );
}

/** One cell of a small number grid. */
interface GridCell {
  value: number;
  text: string;
  title: string;
  padded?: boolean;
  max?: boolean;
}

/** Cell side in px for a grid `cols` wide, so three 5×5 grids still fit 520 px. */
const gridCellPx = (cols: number) => (cols <= 3 ? 40 : cols <= 4 ? 34 : cols <= 5 ? 28 : cols <= 7 ? 22 : 16);
/** Characters a cell of that size can show (0 = colour only; the number is in its tooltip). */
const gridChars = (px: number) => (px >= 40 ? 6 : px >= 34 ? 5 : px >= 22 ? 4 : 0);

function NumberGrid({ caption, cols, cells, scale, testId }: { caption: string; cols: number; cells: GridCell[]; scale: number; testId: string }) {
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

/**
 * "Convolution explained on the learner's own layer": pick an output cell of a Conv2D, pooling or
 * ReLU layer and see its input window, the kernel, every product and `Σ products + bias = output`
 * in real numbers; scrub or play the window across the input. The arithmetic is the pure
 * `models/convExplain.ts`, which the tests hold equal to the TF.js layers cell by cell.
 */
export function ConvExplainer(props: ConvExplainerProps) {
  const { kind, input, output, kernel, bias = null, padding = 'valid', activation, layerLabel } = props;
  const t = useT();
  const locale = useLocale();
  const conv = kind === 'conv' ? (kernel ?? null) : null;
  const isPool = kind === 'maxPool' || kind === 'avgPool';
  const [sy, sx] = kind === 'relu' ? [1, 1] : pair(props.stride, 1);
  const [wh, ww] = conv ? [conv.kh, conv.kw] : isPool ? pair(props.poolSize, 2) : [1, 1];
  const pad: Padding = kind === 'relu' ? 'valid' : padding;
  const geom = windowGeometry(input.height, input.width, [wh, ww], [sy, sx], pad);
  const count = geom.outHeight * geom.outWidth;
  const outChannels = conv ? conv.outChannels : input.channels;

  const [index, setIndex] = useState(() => (props.startInMiddle ? Math.floor(geom.outHeight / 2) * geom.outWidth + Math.floor(geom.outWidth / 2) : 0));
  const [outC, setOutC] = useState(props.initialChannel ?? 0);
  const [inC, setInC] = useState(0);
  const [playing, setPlaying] = useState(false);
  // Clamp rather than reset: the layer's shape may change under us while the view stays open.
  const idx = Math.max(0, Math.min(index, count - 1));
  const oc = Math.max(0, Math.min(outC, outChannels - 1));
  const ic = conv ? Math.max(0, Math.min(inC, input.channels - 1)) : oc;
  const { y, x } = scanCell(idx, geom.outWidth);

  useEffect(() => {
    if (!playing) return;
    const id = setTimeout(() => {
      if (idx + 1 >= count) setPlaying(false);
      else setIndex(idx + 1);
    }, PLAY_STEP_MS);
    return () => clearTimeout(id);
  }, [playing, idx, count]);

  const ready = count > 0 && (kind !== 'conv' || (conv !== null && conv.inChannels === input.channels));

  const convE = useMemo(
    () => (ready && conv ? explainConv(input, conv, bias, [sy, sx], pad, { y, x, filter: oc }) : null),
    [ready, input, conv, bias, sy, sx, pad, y, x, oc],
  );
  const poolE = useMemo(
    () => (ready && isPool ? explainPool(input, [wh, ww], [sy, sx], pad, kind === 'maxPool' ? 'max' : 'avg', { y, x, channel: oc }) : null),
    [ready, isPool, input, wh, ww, sy, sx, pad, kind, y, x, oc],
  );
  const act = convE && activation && activation !== 'linear' ? activationOutput(activation, convE.output) : null;

  const inputPlane = useMemo(() => channelPlane(input, ic), [input, ic]);
  const inputScale = useMemo(() => nonZeroMaxAbs(inputPlane), [inputPlane]);
  const outputFits =
    output.height === geom.outHeight && output.width === geom.outWidth && output.channels === outChannels && output.values.length >= count * outChannels;
  const outputPlane = useMemo(() => {
    if (outputFits) return channelPlane(output, oc);
    // Shapes disagree (a stale snapshot): show what this layer would compute instead.
    const plane = new Float32Array(count);
    if (!ready) return plane;
    for (let i = 0; i < count; i++) {
      const c = scanCell(i, geom.outWidth);
      if (conv) {
        const z = explainConv(input, conv, bias, [sy, sx], pad, { ...c, filter: oc }).output;
        plane[i] = activation ? (activationOutput(activation, z) ?? z) : z;
      } else if (isPool) plane[i] = explainPool(input, [wh, ww], [sy, sx], pad, kind === 'maxPool' ? 'max' : 'avg', { ...c, channel: oc }).output;
      else plane[i] = explainRelu(mapValue(input, c.y, c.x, oc)).output;
    }
    return plane;
  }, [outputFits, output, oc, count, ready, geom.outWidth, conv, input, bias, sy, sx, pad, activation, isPool, wh, ww, kind]);

  if (!ready) {
    return (
      <section className="cx" aria-label={t('explain.region', { layer: layerLabel })}>
        <h3 className="cx-title">{layerLabel}</h3>
        <p className="cx-note">{t('explain.empty')}</p>
      </section>
    );
  }

  const pick = (ny: number, nx: number) => {
    setPlaying(false);
    setIndex(scanIndex(ny, nx, geom.outWidth));
  };
  const togglePlay = () => {
    if (playing) return setPlaying(false);
    if (idx >= count - 1) setIndex(0);
    setPlaying(true);
  };

  const where = t('explain.cell', { y: y + 1, x: x + 1 });
  const actName = activation ? translateDynamic(locale, `viz.act.${activation}`, undefined, activation) : '';
  const kindText =
    kind === 'conv' && conv
      ? t('explain.kind.conv', { kh: conv.kh, kw: conv.kw, cin: conv.inChannels, filters: conv.outChannels }) +
        (activation && activation !== 'linear' ? ` · ${t('explain.withActivation', { name: actName })}` : '')
      : kind === 'relu'
        ? t('explain.kind.relu')
        : t(kind === 'maxPool' ? 'explain.kind.maxPool' : 'explain.kind.avgPool', { ph: wh, pw: ww });
  const dims = { ih: input.height, iw: input.width, oh: geom.outHeight, ow: geom.outWidth };
  const padded = geom.top + geom.bottom + geom.left + geom.right > 0;
  const geomText =
    kind === 'relu'
      ? ''
      : [
          sy !== sx ? t('explain.strideYX', { sy, sx }) : sy === 1 ? t('explain.stride1') : t('explain.strideN', { s: sy }),
          pad === 'valid'
            ? t('explain.padValid', dims)
            : padded
              ? t('explain.padSame', { ...dims, sides: padSides(t, geom) })
              : t('explain.padSameNone', dims),
          padded ? t(conv ? 'explain.padConvNote' : 'explain.padPoolNote') : '',
        ]
          .filter(Boolean)
          .join(' ');

  const layerValue = outputFits ? mapValue(output, y, x, oc) : null;
  const final = convE ? (act ?? convE.output) : poolE ? poolE.output : explainRelu(mapValue(input, y, x, oc)).output;
  const matches = layerValue !== null && Math.abs(final - layerValue) <= 1e-3 * Math.max(1, Math.abs(layerValue));

  const originY = convE ? convE.originY : poolE ? poolE.originY : y;
  const originX = convE ? convE.originX : poolE ? poolE.originX : x;
  const channelOptions = (n: number) => Array.from({ length: n }, (_, c) => <option key={c} value={c}>{c + 1}</option>);

  return (
    <section className="cx" data-testid="conv-explainer" aria-label={t('explain.region', { layer: layerLabel })}>
      <header className="cx-head">
        <h3 className="cx-title">{layerLabel}</h3>
        <span className="cx-kind">{kindText}</span>
      </header>
      {geomText ? (
        <p className="cx-geom" data-testid="cx-geometry">
          {geomText}
        </p>
      ) : null}

      <div className="cx-controls">
        <button type="button" className="cx-play" data-testid="cx-play" onClick={togglePlay} disabled={count < 2}>
          {playing ? `❚❚ ${t('explain.pause')}` : idx >= count - 1 && count > 1 ? `↺ ${t('explain.replay')}` : `▶ ${t('explain.play')}`}
        </button>
        <input
          className="cx-scrub"
          type="range"
          min={0}
          max={Math.max(0, count - 1)}
          step={1}
          value={idx}
          aria-label={t('explain.position')}
          aria-valuetext={where}
          data-testid="cx-slider"
          onChange={(e) => {
            setPlaying(false);
            setIndex(Number(e.target.value));
          }}
        />
        <span className="cx-where" data-testid="cx-cell">
          {where}
        </span>
      </div>
      <div className="cx-controls">
        {conv ? (
          <>
            {outChannels > 1 ? (
              <label className="cx-select">
                {t('explain.filter')}
                <select value={oc} data-testid="cx-filter" onChange={(e) => setOutC(Number(e.target.value))}>
                  {channelOptions(outChannels)}
                </select>
              </label>
            ) : null}
            {input.channels > 1 ? (
              <label className="cx-select">
                {t('explain.inChannel')}
                <select value={ic} data-testid="cx-in-channel" onChange={(e) => setInC(Number(e.target.value))}>
                  {channelOptions(input.channels)}
                </select>
              </label>
            ) : null}
          </>
        ) : input.channels > 1 ? (
          <label className="cx-select">
            {t('explain.channel')}
            <select value={oc} data-testid="cx-channel" onChange={(e) => setOutC(Number(e.target.value))}>
              {channelOptions(input.channels)}
            </select>
          </label>
        ) : null}
      </div>

      <div className="cx-maps">
        <figure className="cx-map">
          <InputMap
            plane={inputPlane}
            scale={inputScale}
            height={input.height}
            width={input.width}
            geom={geom}
            win={{ y: originY, x: originX, h: wh, w: ww }}
            label={t('explain.inputMapLabel')}
          />
          <figcaption>{t('explain.inputMap', { c: ic + 1, h: input.height, w: input.width })}</figcaption>
        </figure>
        <span className="cx-arrow" aria-hidden="true">
          →
        </span>
        <figure className="cx-map">
          <OutputMap plane={outputPlane} height={geom.outHeight} width={geom.outWidth} cell={{ y, x }} onPick={pick} label={t('explain.outputMapLabel')} />
          <figcaption>
            {conv
              ? t('explain.outputFilter', { f: oc + 1, h: geom.outHeight, w: geom.outWidth })
              : t('explain.outputChannel', { c: oc + 1, h: geom.outHeight, w: geom.outWidth })}
          </figcaption>
        </figure>
      </div>
      {padded ? (
        <div className="cx-legend">
          <span className="cx-swatch cx-swatch-pad" aria-hidden="true" />
          <span>{t(conv ? 'explain.legendPad' : 'explain.legendSkip')}</span>
          <span className="cx-swatch cx-swatch-window" aria-hidden="true" />
          <span>{t('explain.legendWindow')}</span>
        </div>
      ) : null}

      {convE && conv ? <ConvWorking e={convE} hasBias={bias !== null} ic={ic} onChannel={setInC} inputScale={inputScale} act={act} actName={actName} /> : null}
      {poolE ? <PoolWorking e={poolE} inputScale={inputScale} /> : null}
      {kind === 'relu' ? <ReluWorking value={mapValue(input, y, x, oc)} /> : null}
      {matches ? (
        <p className="cx-match" data-testid="cx-match">
          {t('explain.matches')}
        </p>
      ) : null}
    </section>
  );
}

interface ConvWorkingProps {
  e: ReturnType<typeof explainConv>;
  /** False for `useBias: false`: the equation then has no bias term. */
  hasBias: boolean;
  ic: number;
  onChannel(c: number): void;
  inputScale: number;
  act: number | null;
  actName: string;
}

/** Window ⊙ kernel = products for one input channel, the per-channel sums, and the equation. */
function ConvWorking({ e, hasBias, ic, onChannel, inputScale, act, actName }: ConvWorkingProps) {
  const t = useT();
  const terms = e.window.filter((w) => w.c === ic);
  const kw = terms.length > 0 ? terms[terms.length - 1].kx + 1 : 1;
  const chars = gridChars(gridCellPx(kw));
  const show = (v: number) => fitValue(v, chars);
  const pad = t('explain.legendPad');
  const kernelScale = nonZeroMaxAbs(e.window.map((w) => w.weight));
  const productScale = nonZeroMaxAbs(terms.map((w) => w.product));
  const channels = e.channelSums.length;
  return (
    <>
      <div className="cx-calc">
        <NumberGrid
          caption={t('explain.window')}
          cols={kw}
          scale={inputScale}
          testId="cx-window-grid"
          cells={terms.map((w) => ({
            value: w.input,
            text: w.padded ? show(0) : show(w.input),
            padded: w.padded,
            title: w.padded ? `${pad}: 0` : `(${w.iy + 1}, ${w.ix + 1}) = ${formatValue(w.input)}`,
          }))}
        />
        <span className="cx-op" aria-hidden="true">
          ×
        </span>
        <NumberGrid
          caption={t('explain.kernel')}
          cols={kw}
          scale={kernelScale}
          testId="cx-kernel-grid"
          cells={terms.map((w) => ({ value: w.weight, text: show(w.weight), title: `w = ${formatValue(w.weight)}` }))}
        />
        <span className="cx-op" aria-hidden="true">
          =
        </span>
        <NumberGrid
          caption={t('explain.products')}
          cols={kw}
          scale={productScale}
          testId="cx-product-grid"
          cells={terms.map((w) => ({
            value: w.product,
            text: show(w.product),
            padded: w.padded,
            title: `${formatValue(w.input)} × ${formatValue(w.weight)} = ${formatValue(w.product)}`,
          }))}
        />
      </div>
      <div className="cx-eq" data-testid="cx-equation">
        {channels > 1 ? (
          <>
            <div className="cx-eq-line">
              <span className="cx-eq-label">{t('explain.sumChannel', { c: ic + 1 })}</span>=
              <b data-testid="cx-channel-sum">{formatValue(e.channelSums[ic])}</b>
            </div>
            <div className="cx-partials" role="group" aria-label={t('explain.partials')}>
              <span className="cx-eq-label">{t('explain.partials')}:</span>
              {e.channelSums.map((s, c) => (
                <button
                  type="button"
                  key={c}
                  className="cx-chip"
                  aria-pressed={c === ic}
                  title={t('explain.showChannel', { c: c + 1 })}
                  onClick={() => onChannel(c)}
                >
                  {c + 1}: {formatValue(s)}
                </button>
              ))}
            </div>
          </>
        ) : null}
        <div className="cx-eq-line cx-eq-main">
          <span className="cx-eq-label">{channels > 1 ? t('explain.sumAll', { n: channels }) : t('explain.sumProducts')}</span>
          <b data-testid="cx-sum">{formatValue(e.sum)}</b>
          {hasBias ? (
            <>
              <span className="cx-op">+</span>
              <span className="cx-eq-label">{t('explain.bias')}</span>
              <b data-testid="cx-bias">{term(e.bias)}</b>
            </>
          ) : null}
          <span className="cx-op">=</span>
          <b className="cx-result" data-testid="cx-output">
            {formatValue(e.output)}
          </b>
        </div>
        {act !== null ? (
          <div className="cx-eq-line">
            <span>
              {actName}({formatValue(e.output)})
            </span>
            <span className="cx-op">=</span>
            <b className="cx-result" data-testid="cx-final">
              {formatValue(act)}
            </b>
          </div>
        ) : null}
      </div>
    </>
  );
}

/** The pooling window with the winner marked, and max(…) or (… ) / n = output. */
function PoolWorking({ e, inputScale }: { e: ReturnType<typeof explainPool>; inputScale: number }) {
  const t = useT();
  const pw = e.window.length > 0 ? e.window[e.window.length - 1].px + 1 : 1;
  const chars = gridChars(gridCellPx(pw));
  const real = e.window.filter((w) => !w.padded).map((w) => w.value);
  const listed = real.length <= 9;
  const skip = t('explain.legendSkip');
  return (
    <>
      <div className="cx-calc">
        <NumberGrid
          caption={t('explain.window')}
          cols={pw}
          scale={inputScale}
          testId="cx-window-grid"
          cells={e.window.map((w, i) => ({
            value: w.value,
            text: w.padded ? '' : fitValue(w.value, chars),
            padded: w.padded,
            max: i === e.maxIndex,
            title: w.padded ? skip : `(${w.iy + 1}, ${w.ix + 1}) = ${formatValue(w.value)}`,
          }))}
        />
      </div>
      <div className="cx-eq" data-testid="cx-equation">
        <div className="cx-eq-line cx-eq-main">
          <span className="cx-eq-label">{t(e.mode === 'max' ? 'explain.max' : 'explain.avg', { n: e.count })}:</span>
          {e.mode === 'max' ? (
            <span>{listed ? `max(${real.map((v) => formatValue(v)).join(', ')})` : 'max(…)'}</span>
          ) : (
            <span>
              {listed ? `(${real.map((v) => term(v)).join(' + ')})` : formatValue(e.sum)} / {e.count}
            </span>
          )}
          <span className="cx-op">=</span>
          <b className="cx-result" data-testid="cx-output">
            {formatValue(e.output)}
          </b>
        </div>
        <p className="cx-note">{t(e.mode === 'max' ? 'explain.maxNote' : 'explain.avgNote')}</p>
      </div>
    </>
  );
}

/** ReLU of the chosen cell: max(0, x). */
function ReluWorking({ value }: { value: number }) {
  const t = useT();
  const r = explainRelu(value);
  return (
    <div className="cx-eq" data-testid="cx-equation">
      <div className="cx-eq-line cx-eq-main">
        <span>ReLU(x) = max(0, {formatValue(value)})</span>
        <span className="cx-op">=</span>
        <b className="cx-result" data-testid="cx-output">
          {formatValue(r.output)}
        </b>
      </div>
      <p className="cx-note">
        {t('explain.value')} {formatValue(value)}: {t(r.active ? 'explain.reluActive' : 'explain.reluInactive')}
      </p>
    </div>
  );
}
