import { useCallback, useMemo, useState } from 'react';
import { poolStrides } from '../../models/catalog/pooling';
import { typedNode } from '../../models/params';
import type { ValueGrid } from './convExplain';
import { MAP_SCALES } from '../../models/codec';
import type { Experiment } from '../../models/spec';
import { useImageClassNames } from '../../panels/imageClassNames';
import { translateDynamic, useLocale, useT } from '../../i18n';
import { useAppStore } from '../../store/context';
import { selectActiveRun, selectDataInfo, selectImages, selectTestReport } from '../../store/selectors';
import type { FeatureMap, ImageProbes } from '../../training/protocol';
import { ProbabilityBars, ConfusionMatrix, MistakeGallery } from '../../charts/ClassViews';
import { ConvExplainer } from './ConvExplainer';
import { FeatureMaps, type LayerMaps } from './FeatureMaps';
import { ImageGrid } from '../../charts/ImageGrid';
import { KernelGrid } from './KernelGrid';
import { AugmentationControls } from './AugmentationControls';
import { DataPanel } from '../../panels/DataPanel';
import { OwnImagesPanel } from '../../panels/OwnImagesPanel';
import { DrawingPad } from './DrawingPad';
import { MetricChart, MetricNumbers } from '../../panels/TrainingMetrics';
import { useThrottledStore } from './useThrottledStore';
import './ImageLab.css';
import { useHidden } from '../../panels/useHidden';
import { Figure } from '../../ui/Figure';
import { Reconstruction } from './Reconstruction';

const LAB_REPAINT_MS = 125;

/** "conv1 · 2-D convolution": a layer's id and its translated type. */
function useLayerTitles(exp: Experiment): (id: string) => string {
  const locale = useLocale();
  return (id) => {
    const node = exp.network.nodes.find((n) => n.id === id);
    return node ? `${id} · ${translateDynamic(locale, `layer.${node.type}.name`, undefined, node.type)}` : id;
  };
}

const toExplain = (m: FeatureMap): ValueGrid => ({ height: m.shape[0], width: m.shape[1], channels: m.shape[2], values: m.values });

/** Data, augmentation and the drawing pad: what goes into the network. */
function InputColumn() {
  const t = useT();
  const augmentation = useAppStore((s) => s.experiment.training.augmentation);
  const seed = useAppStore((s) => s.experiment.seed);
  const apply = useAppStore((s) => s.apply);
  const info = useAppStore(selectDataInfo);
  const probeIndex = useAppStore((s) => s.view.probeIndex);
  const setDrawing = useAppStore((s) => s.setDrawing);
  // The previews show what augmentation does to the image being looked at (one of the samples).
  const sample = useMemo(() => {
    if (!info || info.labels.length === 0) return null;
    const k = Math.min(probeIndex, info.labels.length - 1);
    const px = info.side * info.side;
    return { pixels: info.samples.subarray(k * px, (k + 1) * px), height: info.side, width: info.side };
  }, [info, probeIndex]);
  // A teacher's link may hide either panel; a hidden one leaves no heading behind.
  const hideAug = useHidden('augmentation');
  const hideDraw = useHidden('drawing');
  const hideData = useHidden('dataset');
  return (
    <div className="lab-input">
      <DataPanel />
      {hideData ? null : <OwnImagesPanel />}
      {hideAug ? null : (
        <section className="panel" aria-labelledby="aug-title">
          <h2 id="aug-title">{t('image.aug.title')}</h2>
          <AugmentationControls value={augmentation} onChange={(patch) => apply({ type: 'augmentation', patch })} sample={sample} seed={seed} />
        </section>
      )}
      {hideDraw ? null : (
        <section className="panel draw-panel" aria-labelledby="draw-title">
          <h2 id="draw-title">{t('image.draw.title')}</h2>
          <p className="hint">{t('image.draw.hint')}</p>
          <DrawingPad size={28} onChange={setDrawing} label={t('image.draw.label')} />
        </section>
      )}
    </div>
  );
}

/** Test images to look inside the network for; the drawing, when there is one, takes over. */
function ProbePicker() {
  const t = useT();
  const info = useAppStore(selectDataInfo);
  const probeIndex = useAppStore((s) => s.view.probeIndex);
  const drawing = useAppStore((s) => s.drawing !== null);
  const setView = useAppStore((s) => s.setView);
  const setDrawing = useAppStore((s) => s.setDrawing);
  const names = useImageClassNames();
  if (!info) return null;
  const count = info.labels.length;
  return (
    <div className="probe-picker" data-tour="probe">
      <span className="hint">{drawing ? t('image.probe.drawing') : t('image.probe.pick')}</span>
      <div className="probe-strip" role="radiogroup" aria-label={t('image.probe.pick')}>
        {Array.from({ length: count }, (_, i) => (
          <button
            key={i}
            type="button"
            role="radio"
            aria-checked={!drawing && probeIndex === i}
            className={`probe-thumb${!drawing && probeIndex === i ? ' on' : ''}`}
            onClick={() => {
              setDrawing(null);
              setView({ probeIndex: i });
            }}
            title={t('image.probe.thumb', { n: i + 1, label: names[info.labels[i]] ?? '?' })}
            data-testid={`probe-${i}`}
          >
            <ImageGrid pixels={info.samples.subarray(i * info.side * info.side, (i + 1) * info.side * info.side)} size={info.side} count={1} columns={1} captions={[]} cell={30} label={names[info.labels[i]] ?? ''} />
          </button>
        ))}
      </div>
    </div>
  );
}

function LoadingBar() {
  const t = useT();
  const loading = useAppStore((s) => selectActiveRun(s).loading);
  if (!loading) return null;
  const mb = (b: number) => (b / 1e6).toFixed(1);
  return (
    <div className="loading" role="status" data-testid="data-loading">
      <span>{loading.total ? t('image.loading', { got: mb(loading.loaded), total: mb(loading.total) }) : t('image.loadingUnknown', { got: mb(loading.loaded) })}</span>
      <progress max={loading.total || undefined} value={loading.total ? loading.loaded : undefined} />
    </div>
  );
}

/** Which explainer a layer gets, and what it needs from the spec. */
function explainerFor(exp: Experiment, images: ImageProbes, layerId: string) {
  const raw = exp.network.nodes.find((n) => n.id === layerId);
  const node = raw && raw.inputs.length === 1 ? typedNode(raw) : null;
  if (!node) return null;
  const src = node.inputs[0];
  const input = exp.network.nodes.find((n) => n.id === src)?.type === 'Input' ? images.input : images.maps.find((m) => m.layerId === src);
  const output = images.maps.find((m) => m.layerId === layerId);
  if (!input || !output) return null;
  if (node.type === 'Conv2D') {
    const k = images.kernels.find((x) => x.layerId === layerId);
    if (!k) return null;
    const [kh, kw, cin, cout] = k.shape;
    return {
      kind: 'conv' as const,
      input,
      output,
      kernel: { kh, kw, inChannels: cin, outChannels: cout, values: k.kernel },
      bias: k.bias,
      stride: node.params.strides,
      padding: node.params.padding,
      activation: node.params.activation,
    };
  }
  if (node.type === 'MaxPool2D' || node.type === 'AvgPool2D') {
    const { poolSize, padding } = node.params;
    return { kind: node.type === 'MaxPool2D' ? ('maxPool' as const) : ('avgPool' as const), input, output, poolSize, stride: poolStrides(node.params), padding };
  }
  if (node.type === 'Activation' && node.params.activation === 'relu') return { kind: 'relu' as const, input, output };
  return null;
}

/**
 * Feature maps, kernels and the convolution explained, for the probe image. Only this part follows
 * the probes (at most ~8 times a second); the column around it, with the 24 probe thumbnails,
 * does not re-render with them.
 */
function InsideViews() {
  const t = useT();
  const exp = useAppStore((s) => s.experiment);
  // Feature maps, kernels and the explainer repaint at most ~8 times a second: smooth enough to
  // watch, and the page keeps its frames while the engine probes at up to 20 Hz.
  const images = useThrottledStore(selectImages, LAB_REPAINT_MS);
  const scale = useAppStore((s) => s.view.mapScale);
  const setView = useAppStore((s) => s.setView);
  const title = useLayerTitles(exp);
  const firstConv = images?.kernels[0]?.layerId ?? images?.maps[0]?.layerId ?? null;
  const [picked, setPicked] = useState<{ layerId: string; channel: number } | null>(null);
  const selected = picked && images?.maps.some((m) => m.layerId === picked.layerId) ? picked : firstConv ? { layerId: firstConv, channel: 0 } : null;
  const layers: LayerMaps[] = useMemo(
    () => (images ? [{ ...images.input, title: t('image.maps.input') }, ...images.maps.map((m) => ({ ...m, title: title(m.layerId) }))] : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [images, t, exp.network],
  );
  const explain = images && selected ? explainerFor(exp, images, selected.layerId) : null;
  if (!images) return <p className="hint">{t('image.inside.waiting')}</p>;
  return (
    <>
      <div className="lab-subhead">
        <h3>{t('image.maps.title')}</h3>
        <div className="segmented small" role="radiogroup" aria-label={t('image.scale.label')}>
          {MAP_SCALES.map((s) => (
            <button key={s} type="button" role="radio" aria-checked={scale === s} className={scale === s ? 'on' : ''} onClick={() => setView({ mapScale: s })} data-testid={`scale-${s}`}>
              {t(`image.scale.${s}`)}
            </button>
          ))}
        </div>
      </div>
      <p className="hint">{t('image.maps.hint')}</p>
      <Figure name="feature-maps">
        <FeatureMaps layers={layers} scale={scale} selected={selected} onSelect={(layerId, channel) => layerId !== 'input' && setPicked({ layerId, channel })} version={images} />
      </Figure>
      <h3>{t('image.kernels.title')}</h3>
      {images.kernels.length ? (
        <Figure name="kernels">
          <KernelGrid kernels={images.kernels.map((k) => ({ ...k, title: title(k.layerId) }))} version={images} />
        </Figure>
      ) : (
        <p className="hint">{t('image.kernels.none')}</p>
      )}
      <h3>{t('image.explain.title')}</h3>
      {explain && selected ? (
        <ConvExplainer
          key={`${selected.layerId}:${selected.channel}`}
          {...explain}
          input={toExplain(explain.input)}
          output={toExplain(explain.output)}
          initialChannel={selected.channel}
          startInMiddle
          layerLabel={title(selected.layerId)}
        />
      ) : (
        <p className="hint">{t('image.explain.pick')}</p>
      )}
    </>
  );
}

function InsideColumn() {
  const hideProbe = useHidden('probePicker');
  const t = useT();
  return (
    <section className="panel lab-inside" aria-labelledby="inside-title">
      <h2 id="inside-title">{t('image.inside.title')}</h2>
      <LoadingBar />
      {hideProbe ? null : <ProbePicker />}
      <InsideViews />
    </section>
  );
}

/** The network's class probabilities for the probe image, following the probes like the inside. */
function ProbeOutput() {
  const t = useT();
  const images = useThrottledStore(selectImages, LAB_REPAINT_MS);
  const names = useImageClassNames();
  // Until the new network reports, the last one's output may have another set's classes.
  if (!images || images.output.length !== names.length) return null;
  return (
    <>
      <h3>{images.testIndex >= 0 ? t('image.probs.titleTest', { n: images.testIndex + 1 }) : t('image.probs.titleDrawing')}</h3>
      <Figure name="probabilities">
        <ProbabilityBars probabilities={images.output} names={names} label={images.label} />
      </Figure>
    </>
  );
}

/** The last pass over the test split: confusion matrix and mistakes; renders only when a pass completes. */
function TestReportViews() {
  const t = useT();
  const report = useAppStore(selectTestReport);
  const setView = useAppStore((s) => s.setView);
  const setDrawing = useAppStore((s) => s.setDrawing);
  const names = useImageClassNames();
  const onPick = useCallback(
    (index: number) => {
      setDrawing(null);
      setView({ probeIndex: index });
    },
    [setDrawing, setView],
  );
  // A report of the last dataset (MNIST's 10 classes just after switching to shapes) waits for the new one.
  if (!report || report.classes !== names.length) return null;
  return (
    <>
      <h3>{t('image.confusion.title', { acc: ((report.correct / Math.max(1, report.total)) * 100).toFixed(1), n: report.total })}</h3>
      <Figure name="confusion-matrix">
        <ConfusionMatrix confusion={report.confusion} names={names} />
      </Figure>
      <h3>{t('image.mistakes.heading', { n: report.total - report.correct })}</h3>
      <Figure name="mistakes">
        <MistakeGallery mistakes={report.mistakes} images={report.mistakeImages} side={report.side} names={names} onPick={onPick} />
      </Figure>
    </>
  );
}

/**
 * What the network says: probabilities for the probe, curves, confusion matrix, mistakes. Each
 * part subscribes to what it shows, so a probe update does not re-render the chart or the matrix.
 */
function OutputColumn() {
  const t = useT();
  return (
    <section className="panel output-panel" aria-labelledby="lab-output-title">
      <h2 id="lab-output-title">{t('out.title')}</h2>
      <MetricNumbers />
      <ProbeOutput />
      <Reconstruction />
      <MetricChart />
      <TestReportViews />
    </section>
  );
}

/** The convolution lab: the playground's face for image datasets. */
export function ImageLab() {
  const t = useT();
  return (
    <section className="columns image-lab" data-testid="image-lab" aria-label={t('a11y.lab.images')}>
      <InputColumn />
      <InsideColumn />
      <OutputColumn />
    </section>
  );
}
