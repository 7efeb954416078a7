import { OwnTextPanel } from '../../panels/OwnTextPanel';
import { OwnSentencesPanel } from '../../panels/OwnSentencesPanel';
import { useMemo } from 'react';
import { randomSeed } from '../../data/rng';
import { sentimentData } from '../../data/sequenceData';
import { LANGUAGES, SEQUENCE_DATASET_KINDS, sequenceLengthRange, SINE_HORIZON, SINE_WINDOW, type SequenceKind, type SequenceOptions } from '../../models/spec';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { pickDataset } from '../../data/datasetSpec';
import { useAppStore } from '../../store/context';
import { selectSeqInfo } from '../../store/selectors';
import { Sparkline } from './ForecastChart';
import { DatasetPicker } from '../../panels/DataPanel';
import { displayToken } from '../../charts/attentionScores';
import { probeExamples, seqLayoutOf, tail } from './sequenceExamples';
import { Slider } from '../../ui/Slider';
import { allDataHidden, useDataControlsHidden, useHidden } from '../../panels/useHidden';

/** Examples a sequence set may have (sentiment: its hand-written sentences, then generated ones). */
const EXAMPLES: readonly [number, number] = [200, 10_000];

/** The eight sequence tasks as cards: a short name over the task's example ("3 1 4 → 4 1 3"). */
function SequencePicker({ kind }: { kind: SequenceKind }) {
  const t = useT();
  const locale = useLocale();
  const dataset = useAppStore((s) => s.experiment.dataset);
  const apply = useAppStore((s) => s.apply);
  return (
    <>
      <p className="hint">{t('sequence.lab.pick')}</p>
      <div className="seq-kinds" role="radiogroup" aria-label={t('data.sequences')} data-tour="dataset">
        {SEQUENCE_DATASET_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={k === kind}
            className={`seq-kind${k === kind ? ' selected' : ''}`}
            onClick={() => k !== kind && apply({ type: 'dataset', patch: pickDataset(k, dataset, locale === 'zh-CN' ? 'zh' : 'en') })}
            title={t(`ds.${k}`)}
            aria-label={t(`ds.${k}`)}
            data-testid={`seq-kind-${k}`}
          >
            <span className="seq-kind-name">{t(`sequence.lab.kind.${k}`)}</span>
            <span className="seq-kind-thumb">{t(`sequence.lab.thumb.${k}`)}</span>
          </button>
        ))}
      </div>
      <p className="hint seq-about" data-testid="seq-about">
        {t(`sequence.lab.about.${kind}`)}
      </p>
    </>
  );
}

/** Two or more exclusive choices as a segmented control, labelled like the other controls. */
function Choice<V extends string>({ label, value, options, onChange, testId }: { label: string; value: V; options: readonly { value: V; label: string }[]; onChange(v: V): void; testId: string }) {
  return (
    <div className="control seq-choice">
      <span className="control-label">{label}</span>
      <div className="segmented small" role="radiogroup" aria-label={label} data-testid={testId}>
        {options.map((o) => (
          <button key={o.value} type="button" role="radio" aria-checked={o.value === value} className={o.value === value ? 'on' : ''} onClick={() => o.value !== value && onChange(o.value)}>
            {o.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** The settings the chosen kind reads (SequenceOptions names which kind reads what). */
function SequenceSettings({ kind, o }: { kind: SequenceKind; o: SequenceOptions }) {
  const t = useT();
  const apply = useAppStore((s) => s.apply);
  const set = (patch: Partial<SequenceOptions>) => apply({ type: 'sequence', patch });
  const [lo, hi] = sequenceLengthRange(kind);
  const lengthLabel: MessageKey = kind === 'add' ? 'data.seq.addDigits' : kind === 'charLm' ? 'data.seq.context' : 'data.seq.length';
  const language = (
    <Choice
      label={t('data.seq.language')}
      value={o.language}
      options={LANGUAGES.map((l) => ({ value: l, label: t(`data.seq.lang.${l}`) }))}
      onChange={(language) => set({ language })}
      testId="seq-language"
    />
  );
  return (
    <div className="seq-settings" data-testid="seq-settings" data-tour="sequence-options">
      {kind === 'reverse' || kind === 'copy' || kind === 'sort' || kind === 'add' || kind === 'charLm' ? (
        <Slider label={(n) => t(lengthLabel, { n })} value={Math.min(hi, Math.max(lo, o.length))} min={lo} max={hi} step={1} onChange={(length) => set({ length })} testId="seq-length" />
      ) : null}
      {kind === 'numberWords' || kind === 'charLm' || kind === 'sentiment' ? language : null}
      {kind === 'numberWords' ? (
        <Choice
          label={t('data.seq.direction')}
          value={o.direction}
          options={[
            { value: 'toDigits', label: t('data.seq.toDigits') },
            { value: 'toWords', label: t('data.seq.toWords') },
          ]}
          onChange={(direction) => set({ direction })}
          testId="seq-direction"
        />
      ) : null}
      {kind === 'sine' ? (
        <>
          <Slider label={(n) => t('data.seq.window', { n })} value={o.window} min={SINE_WINDOW[0]} max={SINE_WINDOW[1]} step={1} onChange={(window) => set({ window })} testId="seq-window" />
          <Slider label={(n) => t('data.seq.horizon', { n })} value={o.horizon} min={SINE_HORIZON[0]} max={SINE_HORIZON[1]} step={1} onChange={(horizon) => set({ horizon })} testId="seq-horizon" />
          <label className="seq-check">
            <input type="checkbox" checked={o.sumOfSines} onChange={(e) => set({ sumOfSines: e.target.checked })} data-testid="seq-sum-of-sines" /> {t('data.seq.sumOfSines')}
          </label>
        </>
      ) : null}
    </div>
  );
}

/** Which sequence task, its settings, the split and the batch: what goes into the network. */
export function SeqDataColumn() {
  const t = useT();
  const dataset = useAppStore((s) => s.experiment.dataset);
  const batchSize = useAppStore((s) => s.experiment.training.batchSize);
  const apply = useAppStore((s) => s.apply);
  const hide = useDataControlsHidden();
  const hideOptions = useHidden('sequenceOptions');
  const kind = dataset.kind as SequenceKind;
  const own = dataset.sentences ?? null;
  const sentences = useMemo(() => (kind === 'sentiment' ? sentimentData(dataset.sequence.language).rows.length : 0), [kind, dataset.sequence.language]);
  const set = (patch: { numPoints?: number; trainRatio?: number; noise?: number }) => apply({ type: 'dataset', patch });
  if (allDataHidden(hide)) return null;
  return (
    <section className="panel data-panel seq-data" aria-labelledby="seq-data-title">
      <h2 id="seq-data-title">{t('data.title')}</h2>
      {hide.dataset ? null : (
        <>
          <SequencePicker kind={kind} />
          {hideOptions ? null : <SequenceSettings kind={kind} o={dataset.sequence} />}
          {kind === 'charLm' ? <OwnTextPanel /> : null}
          {kind === 'sentiment' ? <OwnSentencesPanel /> : null}
        </>
      )}
      {hide.ratio ? null : (
        <Slider label={(pct) => t('data.ratio', { pct })} value={Math.round(dataset.trainRatio * 100)} min={10} max={90} step={10} onChange={(v) => set({ trainRatio: v / 100 })} testId="train-ratio" tour="train-ratio" />
      )}
      {hide.noise || kind !== 'sine' ? null : <Slider label={(n) => t('data.noise', { n })} value={dataset.noise} min={0} max={50} step={5} onChange={(noise) => set({ noise })} testId="noise" tour="noise" />}
      {hide.points || (kind === 'sentiment' && own) ? null : (
        <Slider
          label={(n) => t('sequence.lab.examples', { n })}
          value={Math.min(EXAMPLES[1], Math.max(EXAMPLES[0], dataset.numPoints))}
          min={EXAMPLES[0]}
          max={EXAMPLES[1]}
          step={200}
          onChange={(numPoints) => set({ numPoints })}
          testId="num-points"
          tour="num-points"
        />
      )}
      {hide.points || kind !== 'sentiment' || own ? null : (
        <p className="hint" data-testid="seq-sentences">
          {t('data.seq.sentences', { n: sentences })}
        </p>
      )}
      {hide.batch ? null : (
        <Slider label={(n) => t('data.batch', { n })} value={batchSize} min={1} max={128} step={1} onChange={(v) => apply({ type: 'training', patch: { batchSize: v } })} testId="batch-size" tour="batch-size" />
      )}
      {hide.regenerate ? null : (
        <button type="button" onClick={() => apply({ type: 'seed', seed: randomSeed() })} title={t('data.regenerateHint')} data-testid="regenerate">
          {t('data.regenerate')}
        </button>
      )}
      {hide.dataset ? null : (
        <details className="seq-other">
          <summary>{t('sequence.lab.other')}</summary>
          <DatasetPicker only={['classification', 'regression', 'images', 'ratings']} />
        </details>
      )}
      <SeqProbePicker />
    </section>
  );
}

/** The first test examples (from the engine's SeqInfo); clicking one makes it the probe. */
function SeqProbePicker() {
  const t = useT();
  const info = useAppStore(selectSeqInfo);
  const kind = useAppStore((s) => s.experiment.dataset.kind) as SequenceKind;
  const probeIndex = useAppStore((s) => s.view.probeIndex);
  const drawing = useAppStore((s) => s.drawing !== null);
  const setView = useAppStore((s) => s.setView);
  const setDrawing = useAppStore((s) => s.setDrawing);
  const layout = useAppStore((s) => seqLayoutOf(s.experiment.dataset));
  // Examples of another layout are the last task's, until the engine describes the new data.
  const examples = useMemo(() => (info && info.layout === layout ? probeExamples(info, kind) : []), [info, kind, layout]);
  const pick = (index: number) => {
    // As in the convolution lab: a drawing left over from an image set would otherwise stay the probe.
    if (drawing) setDrawing(null);
    setView({ probeIndex: index });
  };
  return (
    <div className="seq-probes">
      <h3>{t('sequence.lab.probe.title')}</h3>
      {examples.length === 0 ? (
        <p className="hint">{t('sequence.lab.probe.waiting')}</p>
      ) : (
        <>
          <p className="hint">{t('sequence.lab.probe.pick')}</p>
          <div className="seq-probe-list" role="radiogroup" aria-label={t('sequence.lab.probe.pick')}>
            {examples.map((ex) => {
              const on = probeIndex === ex.index;
              return (
                <button
                  key={ex.index}
                  type="button"
                  role="radio"
                  aria-checked={on}
                  className={`seq-probe${on ? ' on' : ''}`}
                  onClick={() => pick(ex.index)}
                  title={t('sequence.lab.probe.item', { n: ex.index + 1 })}
                  data-testid={`seq-probe-${ex.index}`}
                >
                  <span className="seq-probe-n">{ex.index + 1}</span>
                  {ex.kind === 'series' ? (
                    <Sparkline window={ex.window} next={ex.next} label={t('sequence.lab.probe.series', { n: ex.index + 1 })} />
                  ) : ex.kind === 'class' ? (
                    <>
                      <span className="seq-probe-src">{ex.source}</span>
                      <span className={`seq-probe-class ${ex.label ? 'pos' : 'neg'}`}>{t(ex.label ? 'sequence.lab.positive' : 'sequence.lab.negative')}</span>
                    </>
                  ) : (
                    <>
                      {/* The language model's next character follows the window's end: show that end. */}
                      <span className="seq-probe-src">{kind === 'charLm' ? tail(ex.source, 24).replace(/\n/g, '↵') : ex.source}</span>
                      <span className="seq-probe-arrow" aria-hidden="true">
                        →
                      </span>
                      <span className="seq-probe-tgt">{kind === 'charLm' ? displayToken(ex.target) : ex.target}</span>
                    </>
                  )}
                </button>
              );
            })}
          </div>
        </>
      )}
    </div>
  );
}
