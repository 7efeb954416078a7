import { useMemo, useState } from 'react';
import { translateDynamic, useLocale, useT } from '../../i18n';
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
  type ValueGrid,
  type Padding,
} from './convExplain';
import type { Activation } from '../../models/spec';
import { nonZeroMaxAbs, padSides } from './explainFormat';
import { InputMap, OutputMap } from './ExplainMaps';
import { ExplainPlayer, useScanPlayer } from './ExplainPlayer';
import { ConvWorking } from './ConvWorking';
import { PoolWorking } from './PoolWorking';
import { ReluWorking } from './ReluWorking';
import './ConvExplainer.css';

// The tests and callers import these from here, the explainer's entry point.
export { fitValue } from './explainFormat';
export { PLAY_STEP_MS } from './ExplainPlayer';

/** Which layer the explainer works through. */
export type ExplainKind = 'conv' | 'maxPool' | 'avgPool' | 'relu';

/** Props of {@link ConvExplainer}. All data comes in; the component reads no store. */
export interface ConvExplainerProps {
  kind: ExplainKind;
  /** The layer's input for one example (NHWC without the batch axis). */
  input: ValueGrid;
  /** The layer's output for the same example; painted as the output map (computed here if its shape is off). */
  output: ValueGrid;
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

const pair = (v: number | readonly [number, number] | undefined, fallback: number): [number, number] =>
  v === undefined ? [fallback, fallback] : typeof v === 'number' ? [v, v] : [v[0], v[1]];

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

  const player = useScanPlayer(count, () => (props.startInMiddle ? Math.floor(geom.outHeight / 2) * geom.outWidth + Math.floor(geom.outWidth / 2) : 0));
  const [outC, setOutC] = useState(props.initialChannel ?? 0);
  const [inC, setInC] = useState(0);
  const { idx } = player;
  // Clamp rather than reset: the layer's shape may change under us while the view stays open.
  const oc = Math.max(0, Math.min(outC, outChannels - 1));
  const ic = conv ? Math.max(0, Math.min(inC, input.channels - 1)) : oc;
  const { y, x } = scanCell(idx, geom.outWidth);

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

  const pick = (ny: number, nx: number) => player.seek(scanIndex(ny, nx, geom.outWidth));

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
    <section className="cx" data-testid="conv-explainer" data-tour="conv-explainer" aria-label={t('explain.region', { layer: layerLabel })}>
      <header className="cx-head">
        <h3 className="cx-title">{layerLabel}</h3>
        <span className="cx-kind">{kindText}</span>
      </header>
      {geomText ? (
        <p className="cx-geom" data-testid="cx-geometry">
          {geomText}
        </p>
      ) : null}

      <ExplainPlayer player={player} count={count} where={where} />
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
