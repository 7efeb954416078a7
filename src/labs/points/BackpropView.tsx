import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { backpropSteps, runBackprop, type BackpropStep } from '../../models/backprop';
import { readPlayground } from '../../models/playground';
import { taskOf, type Experiment } from '../../models/spec';
import { FEATURE_FUNCS } from '../../data/features';
import { prepareData } from '../../training/prepare';
import { formatValue } from '../../charts/format';
import { useT } from '../../i18n';
import { useAppStore } from '../../store/context';
import { selectActiveRun, selectProbes } from '../../store/selectors';
import { BackpropDiagram, sameLink, type LinkRef } from './BackpropDiagram';
import { BackpropPanel, type ExampleInfo } from './BackpropPanel';
import { useBackpropMode } from './BackpropContext';
import { FEATURE_LABELS } from './featureLabels';
import { FitWidth } from '../../ui/FitWidth';
import { exampleIndexOf } from './backpropExample';
import './Backprop.css';

/** Seconds per step when playing through: long enough to read a formula. */
export const PLAY_INTERVAL_MS = 1800;

const PHASES = ['example', 'forward', 'loss', 'backward', 'update'] as const;

/** The example's features as the network gets them: float32, like the engine's arrays. */
export function exampleFeatures(exp: Experiment, x1: number, x2: number): number[] {
  return exp.dataset.features.map((id) => Math.fround(FEATURE_FUNCS[id](x1, x2)));
}

/**
 * The step-through of backpropagation: controls, the network with the current step's numbers and
 * the side panel with its formula, on the engine's current weights (paused when it opens).
 */
export function BackpropView() {
  const t = useT();
  const mode = useBackpropMode();
  const experiment = useAppStore((s) => s.experiment);
  const probes = useAppStore(selectProbes);
  const runStep = useAppStore((s) => selectActiveRun(s)?.step ?? 0);
  // The engine's latest weights. Training is paused on opening, and the pause's own snapshot
  // brings the weights it stopped at; from then on nothing changes under the learner's eyes.
  const frozen = useMemo(() => (probes ? { weights: probes.weights, step: runStep } : null), [probes, runStep]);

  const net = useMemo(() => readPlayground(experiment.network), [experiment.network]);
  const { dataset, seed } = experiment;
  const points = useMemo(() => {
    try {
      return prepareData(experiment).points;
    } catch {
      return null; // a table: the step-through is for 2-D points (its button is not offered)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataset, seed]);
  const exampleIndex = points ? exampleIndexOf(points.test, mode.example) : null;
  const task = taskOf(experiment.dataset);

  const computed = useMemo(() => {
    if (!net || !frozen || !points || exampleIndex === null) return null;
    const byId = new Map(frozen.weights.map((w) => [w.layerId, w]));
    const weights = [...net.hidden.map((l) => byId.get(l.id)), byId.get(net.output.id)];
    const x1 = points.xs[2 * exampleIndex];
    const x2 = points.xs[2 * exampleIndex + 1];
    const features = exampleFeatures(experiment, x1, x2);
    const label = points.ys[exampleIndex];
    const settings = { ...experiment.training, task };
    const result = runBackprop(net, weights, { features, label }, settings);
    if (!result) return null;
    // The loss again with the updated weights: did this one step help this example?
    const after = runBackprop(net, result.layers.map((L) => ({ kernel: L.newKernel, bias: L.newBias })), { features, label }, settings);
    const example: ExampleInfo = { index: exampleIndex, x1, x2, label, task };
    return { result, example, lossAfter: after?.loss ?? null };
  }, [net, frozen, points, exampleIndex, experiment, task]);

  const unitsKey = computed ? computed.result.layers.map((l) => l.units).join(',') : '';
  const steps = useMemo<BackpropStep[]>(() => (unitsKey ? backpropSteps(unitsKey.split(',').map(Number)) : []), [unitsKey]);
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [selected, setSelected] = useState<LinkRef | null>(null);
  const [hovered, setHovered] = useState<LinkRef | null>(null);
  const last = Math.max(0, steps.length - 1);
  const at = Math.min(index, last);
  const step: BackpropStep = steps[at] ?? { phase: 'example' };

  // A new example starts over.
  const [shownExample, setShownExample] = useState(exampleIndex);
  if (shownExample !== exampleIndex) {
    setShownExample(exampleIndex);
    setIndex(0);
    setSelected(null);
  }

  useEffect(() => {
    if (!playing || at >= last) return;
    const id = window.setTimeout(() => {
      setIndex(at + 1);
      if (at + 1 >= last) setPlaying(false);
    }, PLAY_INTERVAL_MS);
    return () => window.clearTimeout(id);
  }, [playing, at, last]);

  const go = useCallback((i: number) => setIndex(Math.max(0, Math.min(i, last))), [last]);

  // A lesson's request: go to the first step of a phase once the steps are known, then clear it
  // (store/labStatus.ts).
  const request = useAppStore((s) => s.labRequests.backprop);
  const clearLabRequest = useAppStore((s) => s.clearLabRequest);
  const [taken, setTaken] = useState<typeof request>(undefined);
  if (request && request !== 'close' && request !== taken && steps.length) {
    setTaken(request);
    setPlaying(false);
    setIndex(Math.max(0, steps.findIndex((s) => s.phase === request)));
  } else if (!request && taken) setTaken(undefined);
  useEffect(() => {
    if (taken) clearLabRequest('backprop');
  }, [taken, clearLabRequest]);

  // What lessons read: the phase on screen (none until the example's numbers are computed).
  const reportLab = useAppStore((s) => s.reportLab);
  const phaseStart = (phase: (typeof PHASES)[number]) => steps.findIndex((s) => s.phase === phase);
  const shownPhase = computed ? step.phase : null;
  useEffect(() => reportLab({ backprop: { open: true, phase: shownPhase } }), [shownPhase, reportLab]);
  const onKey = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
    if (e.key === 'ArrowRight') {
      e.preventDefault();
      go(at + 1);
    } else if (e.key === 'ArrowLeft') {
      e.preventDefault();
      go(at - 1);
    }
  };

  const layerName = useCallback(
    (layer: number) => (net && layer >= net.hidden.length ? t('bp.layer.output') : t('bp.layer.hidden', { n: layer + 1 })),
    [net, t],
  );
  const shortName = useCallback(
    (column: number, unit: number) => {
      if (column === 0) return FEATURE_LABELS[experiment.dataset.features[unit]] ?? `x${unit + 1}`;
      const isOut = net !== null && column === net.hidden.length + 1;
      return isOut ? t('bp.outShort', { unit: net.output.units > 1 ? unit + 1 : '' }) : t('bp.neuronShort', { layer: column, unit: unit + 1 });
    },
    [experiment.dataset.features, net, t],
  );
  const neuronTitle = useCallback((layer: number, unit: number) => t('bp.neuron', { layer: layerName(layer), unit: unit + 1 }), [layerName, t]);
  const neuronName = useCallback((column: number, unit: number) => (column === 0 ? shortName(0, unit) : neuronTitle(column - 1, unit)), [shortName, neuronTitle]);
  const linkLabel = useCallback(
    (l: LinkRef) => {
      const L = computed?.result.layers[l.layer];
      const w = L ? L.kernel[l.from * L.units + l.to] : NaN;
      return t('bp.link.aria', { from: shortName(l.layer, l.from), to: shortName(l.layer + 1, l.to), value: formatValue(w) });
    },
    [computed, shortName, t],
  );

  // At the update, point at the weight that moves most unless the learner picked one.
  const biggest = useMemo<LinkRef | null>(() => {
    if (!computed) return null;
    let best: LinkRef | null = null;
    let m = -1;
    computed.result.layers.forEach((L, layer) =>
      L.gradW.forEach((g, idx) => {
        const v = Math.abs(g + L.regGradW[idx]);
        if (v > m) {
          m = v;
          best = { layer, from: Math.floor(idx / L.units), to: idx % L.units };
        }
      }),
    );
    return best;
  }, [computed]);
  const shownLink = hovered ?? selected ?? (step.phase === 'update' ? biggest : null);

  const leave = () => mode.setOpen(false);

  // The training point this network gets most wrong: there the gradients are large enough to read.
  const pickWorst = () => {
    if (!net || !frozen || !points) return;
    const byId = new Map(frozen.weights.map((w) => [w.layerId, w]));
    const weights = [...net.hidden.map((l) => byId.get(l.id)), byId.get(net.output.id)];
    const settings = { ...experiment.training, task };
    let worst: number | null = null;
    let m = -Infinity;
    for (let i = 0; i < points.test.length; i++) {
      if (points.test[i] !== 0) continue;
      const features = exampleFeatures(experiment, points.xs[2 * i], points.xs[2 * i + 1]);
      const loss = runBackprop(net, weights, { features, label: points.ys[i] }, settings)?.loss ?? -Infinity;
      if (loss > m) {
        m = loss;
        worst = i;
      }
    }
    if (worst !== null) mode.setExample(worst);
  };

  let content;
  if (!net || (frozen && computed === null && points && exampleIndex !== null)) content = <p className="hint">{t('bp.unavailable')}</p>;
  else if (!frozen) content = <p className="hint">{t('bp.noWeights')}</p>;
  else if (!points || exampleIndex === null) content = <p className="hint">{t('bp.noExample')}</p>;
  else if (computed) {
    const columnTitles = [t('net.input'), ...net.hidden.map((_, i) => t('viz.net.hidden', { n: i + 1 })), t('net.output')];
    content = (
      <div className="bp-body">
        <div className="bp-diagram-wrap">
          <FitWidth minScale={0.5}>
          <BackpropDiagram
            result={computed.result}
            step={step}
            inputLabels={experiment.dataset.features.map((f) => FEATURE_LABELS[f])}
            columnTitles={columnTitles}
            neuronName={neuronName}
            selected={step.phase === 'update' && !selected ? biggest : selected}
            hovered={hovered}
            onSelect={(l) => setSelected((s) => (sameLink(s, l) ? null : l))}
            onHover={setHovered}
            linkLabel={linkLabel}
          />
          </FitWidth>
        </div>
        <BackpropPanel
          result={computed.result}
          step={step}
          example={computed.example}
          update={{
            learningRate: experiment.training.learningRate,
            regularization: experiment.training.regularization,
            regularizationRate: experiment.training.regularizationRate,
            batchSize: experiment.training.batchSize,
            optimizer: experiment.training.optimizer,
            hasDropout: net.hidden.some((l) => l.dropout > 0),
            lossAfter: computed.lossAfter,
          }}
          shortName={shortName}
          neuronTitle={neuronTitle}
          link={shownLink}
          t={t}
        />
      </div>
    );
  }


  return (
    <section className="bp-root" data-tour="backprop" data-testid="backprop" aria-label={t('bp.region')} tabIndex={-1} onKeyDown={onKey}>
      <div className="bp-head">
        <h2>{t('bp.title')}</h2>
        <button type="button" onClick={leave} data-testid="bp-leave">
          {t('bp.leave')}
        </button>
      </div>
      <div className="bp-controls">
        <div className="bp-phases" role="group" aria-label={t('bp.phases')}>
          {PHASES.map((phase) => {
            const start = phaseStart(phase);
            return (
              <button
                key={phase}
                type="button"
                className={`chip ${step.phase === phase ? 'on' : ''}`}
                aria-pressed={step.phase === phase}
                disabled={start < 0}
                onClick={() => go(start)}
                data-testid={`bp-phase-${phase}`}
              >
                {t(`bp.phase.${phase}`)}
              </button>
            );
          })}
        </div>
        <div className="bp-nav">
          <button type="button" onClick={() => go(at - 1)} disabled={at === 0} data-testid="bp-prev">
            ◀ {t('bp.prev')}
          </button>
          <button type="button" className="primary" onClick={() => go(at + 1)} disabled={at >= last} data-testid="bp-next">
            {t('bp.next')} ▶
          </button>
          <button type="button" onClick={() => setPlaying((p) => !p && at < last)} disabled={at >= last && !playing} data-testid="bp-play" aria-pressed={playing}>
            {playing ? `❚❚ ${t('bp.pausePlay')}` : `▶▶ ${t('bp.play')}`}
          </button>
          <span className="hint" data-testid="bp-counter">
            {t('bp.stepOf', { n: at + 1, total: steps.length || 1 })}
          </span>
          {frozen ? <span className="hint">· {t('bp.weightsAt', { step: frozen.step })}</span> : null}
        </div>
        <div className="bp-nav">
          <button type="button" onClick={pickWorst} disabled={!computed} title={t('bp.worstHint')} data-testid="bp-worst">
            {t('bp.worst')}
          </button>
          <span className="hint">{t('bp.example.pickShort')}</span>
        </div>
      </div>
      {content}
    </section>
  );
}
