import { Suspense, useMemo } from 'react';
import { lazyNamed } from '../../ui/lazyNamed';
import { useShallow } from 'zustand/react/shallow';
import { analyze } from '../../models/analysis';
import { MAX_HIDDEN_LAYERS, MAX_UNITS, OUTPUT_ACTIVATIONS, readPlayground, type PlaygroundNetwork } from '../../models/playground';
import { FEATURE_IDS, HIDDEN_ACTIVATIONS, taskOf, type Activation } from '../../models/spec';
import { useT } from '../../i18n';
import { useAppStore } from '../../store/context';
import { selectProbes } from '../../store/selectors';
import { NetworkDiagram, type DiagramLayer } from './NetworkDiagram';
import { FEATURE_LABELS } from './featureLabels';
import { layoutTable } from '../../data/tableEncode';
import { FitWidth } from '../../ui/FitWidth';
import { useHidden } from '../../panels/useHidden';
import { useThrottled } from '../../ui/useThrottled';
import { useBackpropMode } from './BackpropContext';
// The backprop step-through loads when it is first opened.
const BackpropView = lazyNamed(() => import('./BackpropView'), (m) => m.BackpropView);
import { Figure } from '../../ui/Figure';

const DROPOUT_RATES = [0, 0.1, 0.2, 0.3, 0.5];

/** A table's encoded input names (the diagram's input column), or null for 2-D points. */
function useTableInputNames(): string[] | null {
  const ref = useAppStore((s) => (s.experiment.dataset.kind === 'table' ? s.experiment.dataset.table : null));
  const table = useAppStore((s) => s.table);
  return useMemo(() => {
    if (!ref) return null;
    const layout = table && table.hash === ref.hash ? layoutTable(table, ref.label, ref.task) : null;
    if (layout && !('key' in layout)) return layout.inputs.map((i) => i.name);
    return Array.from({ length: ref.width }, (_, i) => `x${i + 1}`);
  }, [ref, table]);
}

function FeatureToggles() {
  const t = useT();
  const features = useAppStore((s) => s.experiment.dataset.features);
  const apply = useAppStore((s) => s.apply);
  return (
    <div className="features" role="group" aria-label={t('feat.title')} data-tour="features">
      <span className="group-title">{t('feat.title')}</span>
      <span className="hint">{t('feat.hint')}</span>
      <div className="feature-chips">
        {FEATURE_IDS.map((f) => (
          <button
            key={f}
            type="button"
            className={`chip ${features.includes(f) ? 'on' : ''}`}
            aria-pressed={features.includes(f)}
            aria-label={t('feat.toggle', { name: FEATURE_LABELS[f] })}
            onClick={() => apply({ type: 'toggleFeature', feature: f })}
            data-testid={`feature-${f}`}
          >
            {FEATURE_LABELS[f]}
          </button>
        ))}
      </div>
    </div>
  );
}

/** +/− neurons, activation and dropout above one hidden column. */
function LayerHeader({ net, index }: { net: PlaygroundNetwork; index: number }) {
  const t = useT();
  const apply = useAppStore((s) => s.apply);
  const hideLayers = useHidden('layers');
  const hideAct = useHidden('activation');
  const hideDropout = useHidden('dropout');
  const layer = net.hidden[index];
  const n = index + 1;
  return (
    <div className="layer-header" data-testid={`layer-header-${n}`}>
      <div className="header-row">
        {hideLayers ? null : (
          <div className="plus-minus">
            <button type="button" aria-label={t('net.addNeuron', { n })} disabled={layer.units >= MAX_UNITS} onClick={() => apply({ type: 'setUnits', index, units: layer.units + 1 })}>
              +
            </button>
            <button type="button" aria-label={t('net.removeNeuron', { n })} disabled={layer.units <= 1} onClick={() => apply({ type: 'setUnits', index, units: layer.units - 1 })}>
              −
            </button>
          </div>
        )}
        {hideDropout ? null : (
          <select data-tour="dropout" aria-label={t('net.dropout', { n })} title={t('net.dropout', { n })} value={String(layer.dropout)} onChange={(e) => apply({ type: 'setDropout', index, rate: Number(e.target.value) })}>
            {DROPOUT_RATES.map((r) => (
              <option key={r} value={String(r)}>
                {t('net.dropoutShort', { rate: r })}
              </option>
            ))}
          </select>
        )}
      </div>
      {hideAct ? null : (
        <select aria-label={t('net.layerActivation', { n })} value={layer.activation} onChange={(e) => apply({ type: 'setActivation', index, activation: e.target.value as Activation })}>
          {HIDDEN_ACTIVATIONS.map((a) => (
            <option key={a} value={a}>
              {t(`act.${a}`)}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

function OutputHeader({ net }: { net: PlaygroundNetwork }) {
  const t = useT();
  const apply = useAppStore((s) => s.apply);
  const task = useAppStore((s) => taskOf(s.experiment.dataset));
  const hidden = useHidden('outputActivation');
  const options = OUTPUT_ACTIVATIONS[task];
  return (
    <div className="layer-header">
      {hidden || options.length < 2 ? null : (
        <select aria-label={t('net.outputActivation')} value={net.output.activation} onChange={(e) => apply({ type: 'setOutputActivation', activation: e.target.value as Activation })} data-testid="output-activation">
          {options.map((a) => (
            <option key={a} value={a}>
              {t(`act.${a}`)}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

/** Opens the step-through, pausing training first so the weights hold still. */
function BackpropButton() {
  const t = useT();
  const mode = useBackpropMode();
  const running = useAppStore((s) => s.runs[s.activeRunId]?.status === 'running');
  const pause = useAppStore((s) => s.pause);
  // The step-through works one 2-D point at a time; a table's rows have other inputs.
  const table = useAppStore((s) => s.experiment.dataset.kind === 'table');
  if (table) return null;
  return (
    <button
      type="button"
      className="bp-open"
      title={t('bp.openHint')}
      onClick={() => {
        if (running) pause();
        mode.setOpen(true);
      }}
      data-testid="bp-open"
      data-tour="backprop-open"
    >
      {t('bp.open')}
    </button>
  );
}

export function NetworkPanel() {
  const mode = useBackpropMode();
  if (mode.open) {
    return (
      <section className="panel network-panel">
        <Suspense fallback={<p className="hint">…</p>}>
          <BackpropView />
        </Suspense>
      </section>
    );
  }
  return <NetworkPanelBody />;
}

function NetworkPanelBody() {
  const t = useT();
  const network = useAppStore((s) => s.experiment.network);
  const features = useAppStore((s) => s.experiment.dataset.features);
  const inputNames = useTableInputNames();
  const discretize = useAppStore((s) => s.view.discretize);
  // The diagram re-renders every link; ~12 Hz is smooth to the eye and keeps frames short.
  const probes = useThrottled(useAppStore(selectProbes), 80);
  const { apply, editWeight, editBias, setHovered } = useAppStore(useShallow((s) => ({ apply: s.apply, editWeight: s.editWeight, editBias: s.editBias, setHovered: s.setHovered })));
  const hideLayers = useHidden('layers');
  const hideFeatures = useHidden('features');
  const net = useMemo(() => readPlayground(network), [network]);
  const totalParams = useMemo(() => analyze(network).totalParams, [network]);

  const layers: DiagramLayer[] = useMemo(() => {
    if (!net) return [];
    return [
      inputNames
        ? { id: net.inputId, units: inputNames.length, activation: 'linear', kind: 'input', unitLabels: inputNames }
        : { id: net.inputId, units: features.length, activation: 'linear', kind: 'input', unitLabels: features.map((f) => FEATURE_LABELS[f]) },
      ...net.hidden.map((l) => ({ id: l.id, units: l.units, activation: l.activation, kind: 'hidden' as const })),
      { id: net.output.id, units: net.output.units, activation: net.output.activation, kind: 'output' },
    ];
  }, [net, features, inputNames]);

  if (!net) {
    return (
      <section className="panel network-panel">
        <p className="hint">{t('net.notChain')}</p>
      </section>
    );
  }
  const denseIds = [...net.hidden.map((l) => l.id), net.output.id];
  const weights = probes?.weights ?? [];
  const byId = new Map(weights.map((w) => [w.layerId, w]));
  const kernels = denseIds.map((id) => byId.get(id)?.kernel ?? null);
  const biases = denseIds.map((id) => byId.get(id)?.bias ?? null);
  const neuronGrids = layers.map((_, i) => probes?.neurons[i] ?? null);

  return (
    <section className="panel network-panel" aria-labelledby="network-title">
      {hideFeatures ? null : inputNames ? <p className="hint" data-testid="features-off">{t('own.featuresOff')}</p> : <FeatureToggles />}
      <div className="network-top" data-tour="layers">
        {hideLayers ? null : (
          <div className="plus-minus">
            <button type="button" aria-label={t('net.addLayer')} disabled={net.hidden.length >= MAX_HIDDEN_LAYERS} onClick={() => apply({ type: 'addLayer' })} data-testid="add-layer">
              +
            </button>
            <button type="button" aria-label={t('net.removeLayer')} disabled={net.hidden.length === 0} onClick={() => apply({ type: 'removeLayer' })} data-testid="remove-layer">
              −
            </button>
          </div>
        )}
        <h2 id="network-title" data-testid="hidden-count">
          {t('net.hiddenLayers', { n: net.hidden.length })}
        </h2>
        <span className="hint" data-testid="param-count">
          {t('net.params', { n: totalParams })}
        </span>
        <BackpropButton />
      </div>
      <div className="diagram-scroll">
        {/* Shrink to fit only down to 85% (11 px captions stay ≥ 9 px); a wider network scrolls sideways. */}
        <Figure name="network">
        <FitWidth minScale={0.85}>
        <NetworkDiagram
          layers={layers}
          kernels={kernels}
          biases={biases}
          neuronGrids={neuronGrids}
          gridSize={probes?.neuronGridSize ?? 24}
          discretize={discretize}
          renderLayerHeader={(i) => (i === 0 ? null : i === layers.length - 1 ? <OutputHeader net={net} /> : <LayerHeader net={net} index={i - 1} />)}
          onEditWeight={(i, from, to, value) => editWeight(denseIds[i], from, to, value)}
          onEditBias={(i, unit, value) => editBias(denseIds[i - 1], unit, value)}
          onHoverNeuron={(layer, unit) => setHovered({ layer, unit })}
          onLeaveNeuron={() => setHovered(null)}
        />
        </FitWidth>
        </Figure>
      </div>
      <p className="hint">{t('net.hoverHint')}</p>
    </section>
  );
}
