import { useEffect, useMemo, useRef, useState } from 'react';
import { useImageClassNames } from '../imageClassNames';
import { completenessGap, inkShare, maxAbs } from '../../charts/explainStats';
import { formatValue } from '../../charts/format';
import { attributionColour, fillAttributionPixels, type AttributionPaint } from '../../charts/paintAttribution';
import { useT } from '../../i18n';
import { useAppStore, useAppStoreApi } from '../../store/context';
import { toolStateOf } from '../../store/toolsSlice';
import type { AppState } from '../../store/types';
import { EXPLAIN_METHODS, type ExplainMethod, type ExplainParams, type ExplainResult, type ExplainSource } from '../../training/tools/explainTypes';
import { Select } from '../../ui/Select';
import { ToolStatus } from './ToolStatus';
import './ExplainTool.css';
import { Figure } from '../../ui/Figure';

/** The image the lab is probing now, as the engine's probe source: the drawing, or the chosen test image. */
export function probeOf(s: Pick<AppState, 'drawing' | 'view'>): ExplainSource {
  return s.drawing ? { kind: 'drawing', pixels: s.drawing } : { kind: 'test', index: s.view.probeIndex };
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);

/** One picture of the result (image, map or overlay), painted at the map's resolution and scaled up by CSS. */
function AttributionCanvas({ result, paint, label, testId }: { result: ExplainResult; paint: AttributionPaint; label: string; testId: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(result.width, result.height);
    fillAttributionPixels(img.data, result.image, result.heat, result.width * result.height, paint);
    ctx.putImageData(img, 0, 0);
  }, [result, paint]);
  return <canvas ref={ref} width={result.width} height={result.height} className="attr-canvas" role="img" aria-label={label} data-testid={testId} />;
}

/**
 * The explanations tab in the image lab: a method, its knobs, the class, and the image with its
 * attribution map beside it and over it.
 */
export default function ImageExplain() {
  const t = useT();
  const state = useAppStore((s) => toolStateOf(s, 'explain'));
  const runTool = useAppStore((s) => s.runTool);
  const api = useAppStoreApi();
  const probe = useAppStore((s) => (s.drawing ? -1 : s.view.probeIndex));
  const names = useImageClassNames();
  const [method, setMethod] = useState<ExplainMethod>('saliency');
  const [cls, setCls] = useState<number>(-1);
  const [layer, setLayer] = useState<string>('');
  const [samples, setSamples] = useState(24);
  const [sigma, setSigma] = useState(0.15);
  const [steps, setSteps] = useState(64);
  const [patch, setPatch] = useState(4);
  const [stride, setStride] = useState(2);
  const [opacity, setOpacity] = useState(0.7);
  const [elementwise, setElementwise] = useState(false);
  const r = state.result;
  const run = () => {
    const params: ExplainParams = method === 'smoothGrad' ? { samples, sigma } : method === 'integratedGradients' ? { steps } : method === 'occlusion' ? { patch, stride } : method === 'gradCam' ? { elementwise } : {};
    runTool({ tool: 'explain', method, source: probeOf(api.getState()), classIndex: cls >= 0 ? cls : undefined, layerId: method === 'gradCam' && layer ? layer : undefined, params });
  };
  const scale = r ? maxAbs(r.heat) : 0;
  const signed = r ? r.method !== 'gradCam' : true;
  const paints = useMemo(
    () => ({
      image: { mode: 'image', scale, opacity } as AttributionPaint,
      heat: { mode: 'heat', scale, opacity } as AttributionPaint,
      overlay: { mode: 'overlay', scale, opacity } as AttributionPaint,
    }),
    [scale, opacity],
  );
  const ink = r ? inkShare(r.image, r.heat) : null;
  const gap = r ? completenessGap(r.attributionSum, r.scoreValue, r.baselineScore) : null;
  const methodName = (m: ExplainMethod) => t(`attr.method.${m}`);
  const stale = r && (r.testIndex === -1 ? probe !== -1 : probe !== r.testIndex);
  const minV = r ? Math.min(...r.heat) : 0;
  const maxV = r ? Math.max(...r.heat) : 0;
  return (
    <div className="tool attr-tool" data-testid="tool-explain">
      <p className="hint">{t('attr.what')}</p>
      <div className="attr-controls">
        <Select label={t('attr.method')} value={method} options={EXPLAIN_METHODS.map((m) => ({ value: m, label: methodName(m) }))} onChange={(v: ExplainMethod) => setMethod(v)} testId="attr-method" />
        <Select
          label={t('attr.class')}
          value={cls}
          options={[{ value: -1, label: t('attr.class.predicted') }, ...names.map((n, i) => ({ value: i, label: n }))]}
          onChange={(v: number) => setCls(v)}
          testId="attr-class"
        />
        {method === 'gradCam' ? (
          <Select label={t('attr.layer')} value={layer} options={[{ value: '', label: t('attr.layer.last') }, ...(r?.layers ?? []).map((id) => ({ value: id, label: id }))]} onChange={(v: string) => setLayer(v)} testId="attr-layer" />
        ) : null}
        {method === 'gradCam' ? (
          <label className="attr-check">
            <input type="checkbox" checked={elementwise} onChange={(e) => setElementwise(e.target.checked)} data-testid="attr-elementwise" /> {t('attr.elementwise')}
          </label>
        ) : null}
        {method === 'smoothGrad' ? (
          <>
            <Select label={t('attr.samples', { n: samples })} value={samples} options={[8, 16, 24, 48].map((v) => ({ value: v, label: String(v) }))} onChange={(v: number) => setSamples(v)} testId="attr-samples" />
            <Select label={t('attr.sigma', { v: `${Math.round(sigma * 100)} %` })} value={sigma} options={[0.05, 0.1, 0.15, 0.25].map((v) => ({ value: v, label: `${Math.round(v * 100)} %` }))} onChange={(v: number) => setSigma(v)} />
          </>
        ) : null}
        {method === 'integratedGradients' ? (
          <Select label={t('attr.steps', { n: steps })} value={steps} options={[8, 16, 32, 64, 128].map((v) => ({ value: v, label: String(v) }))} onChange={(v: number) => setSteps(v)} testId="attr-steps" />
        ) : null}
        {method === 'occlusion' ? (
          <>
            <Select label={t('attr.patch', { n: patch })} value={patch} options={[2, 4, 6, 8].map((v) => ({ value: v, label: String(v) }))} onChange={(v: number) => setPatch(v)} />
            <Select label={t('attr.stride', { n: stride })} value={stride} options={[1, 2, 4].map((v) => ({ value: v, label: String(v) }))} onChange={(v: number) => setStride(v)} />
          </>
        ) : null}
        <button type="button" className="primary" data-testid="attr-run" disabled={state.status === 'computing'} onClick={run}>
          {t('attr.run')}
        </button>
      </div>
      <p className="hint attr-how">{t(`attr.how.${method}`)}</p>
      <ToolStatus state={state} />
      {r ? (
        <figure className="attr-result" data-testid="attr-result" data-method={r.method}>
          <Figure name="explanation">
            <div className="attr-pictures">
              <div>
                <AttributionCanvas result={r} paint={paints.image} label={t('attr.aria.image')} testId="attr-image" />
                <span className="hint">{t('attr.image')}</span>
              </div>
              <div>
                <AttributionCanvas
                  result={r}
                  paint={paints.heat}
                  label={t('attr.aria.map', { method: methodName(r.method), h: r.height, w: r.width, min: formatValue(minV), max: formatValue(maxV), ink: pct(ink) })}
                  testId="attr-map"
                />
                <span className="hint">{t('attr.map')}</span>
              </div>
              <div>
                <AttributionCanvas result={r} paint={paints.overlay} label={t('attr.overlay')} testId="attr-overlay" />
                <span className="hint">{t('attr.overlay')}</span>
              </div>
              <div className="attr-legend" aria-hidden="true">
                <span className="attr-ramp" style={{ background: `linear-gradient(to top, ${signed ? attributionColour(-scale, scale) : attributionColour(0, scale)}, ${attributionColour(0, scale)} ${signed ? '50%' : '0%'}, ${attributionColour(scale, scale)})` }} />
                <span className="attr-ramp-labels">
                  <span>
                    +{formatValue(scale)} {t('attr.legend.for')}
                  </span>
                  <span>{signed ? `−${formatValue(scale)} ${t('attr.legend.against')}` : t('attr.legend.none')}</span>
                </span>
              </div>
            </div>
          </Figure>
          <label className="control slider attr-opacity">
            <span className="control-label">{t('attr.opacity', { v: `${Math.round(opacity * 100)} %` })}</span>
            <input type="range" min={0} max={1} step={0.05} value={opacity} onChange={(e) => setOpacity(Number(e.target.value))} data-testid="attr-opacity" />
          </label>
          <figcaption className="hint" data-testid="attr-caption">
            {t('attr.caption', {
              method: methodName(r.method),
              cls: names[r.classIndex] ?? r.classIndex,
              source: r.testIndex < 0 ? t('attr.source.drawing') : t('attr.source.test', { n: r.testIndex + 1 }),
              pred: names[r.predicted] ?? r.predicted,
              p: pct(r.probabilities[r.predicted]),
              step: r.step,
              ms: r.ms.toFixed(1),
            })}{' '}
            {t(r.score === 'logit' ? 'attr.score.logit' : 'attr.score.output', { v: formatValue(r.scoreValue) })}{' '}
            {r.attributionSum !== null && r.baselineScore !== null
              ? t('attr.completeness', { sum: formatValue(r.attributionSum), diff: formatValue(r.scoreValue - r.baselineScore), gap: pct(gap) })
              : null}{' '}
            <span data-testid="attr-ink">{t('attr.ink', { v: pct(ink) })}</span>
            {r.layerId ? ` · ${t('attr.layer')}: ${r.layerId}` : null}
          </figcaption>
          {r.method === 'gradCam' && scale === 0 ? (
            <p className="hint" data-testid="attr-all-zero">
              {t('attr.allZero')}
            </p>
          ) : null}
          {stale ? <p className="hint">{t('attr.stale')}</p> : null}
        </figure>
      ) : null}
    </div>
  );
}
