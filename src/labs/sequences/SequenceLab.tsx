import { useMemo } from 'react';
import { sequenceShape } from '../../data/sequenceData';
import { SPECIAL_TOKENS } from '../../data/sequences';
import { isSequenceDataset, type SequenceKind } from '../../models/spec';
import { useT } from '../../i18n';
import { useAppStore } from '../../store/context';
import { selectSeqInfo, selectSequences } from '../../store/selectors';
import type { SeqProbes } from '../../training/protocol';
import { AttentionGrid } from './AttentionGrid';
import { displayToken } from '../../charts/attentionScores';
import { PositionalEncodingView } from './PositionalEncodingView';
import { RecurrentView } from './RecurrentView';
import { MetricChart } from '../../panels/TrainingMetrics';
import { SeqDataColumn } from './SequenceDataColumn';
import { ClassPrediction, ForecastView, SeqNumbers, TokenPredictions } from './SequencePredictions';
import { answerTokens, joinTokens, seqLayoutOf } from './sequenceExamples';
import { TextGeneration } from './TextGeneration';
import { useThrottled } from '../../ui/useThrottled';
import './SequenceLab.css';
import { useHidden } from '../../panels/useHidden';
import { Figure } from '../../ui/Figure';

/** As in the convolution lab: the views repaint at most ~8 times a second while the engine probes. */
const LAB_REPAINT_MS = 125;

/** Layer types whose insides the lab can show. */
const INSIDE_TYPES = new Set(['MultiHeadAttention', 'TransformerEncoderBlock', 'TransformerDecoderBlock', 'PositionalEncoding', 'SimpleRNN', 'LSTM', 'GRU', 'Bidirectional']);

/**
 * The probe, throttled for painting; null while it is one of a dataset of another layout (just
 * after the learner switched tasks, before the engine has probed the new one).
 */
function useSequences(): SeqProbes | null {
  const probe = useThrottled(
    useAppStore(selectSequences),
    LAB_REPAINT_MS,
  );
  const layout = useAppStore((s) => seqLayoutOf(s.experiment.dataset));
  return probe && probe.layout === layout ? probe : null;
}

/**
 * The vocabulary to read the probe's ids with: the engine's (SeqInfo) when it describes the same
 * layout, else the one the dataset settings imply (the same list, computed here).
 */
function useVocab(probe: SeqProbes | null): readonly string[] {
  const info = useAppStore(selectSeqInfo);
  const kind = useAppStore((s) => s.experiment.dataset.kind);
  const sequence = useAppStore((s) => s.experiment.dataset.sequence);
  return useMemo(() => {
    if (info && info.vocab.length > 0 && (!probe || info.layout === probe.layout)) return info.vocab;
    return isSequenceDataset(kind) ? sequenceShape({ kind, sequence }).vocab : [];
  }, [info, probe, kind, sequence]);
}

const visible = (tokens: readonly string[]) => tokens.filter((w) => !SPECIAL_TOKENS.includes(w));

/** "Test example 3: 3 1 4 → 4 1 3": the probe in one line (token and sentence tasks). */
function ProbeLine({ probe, kind, vocab }: { probe: SeqProbes; kind: SequenceKind; vocab: readonly string[] }) {
  const t = useT();
  if (probe.layout === 'forecast') return null;
  const source = joinTokens(visible(probe.tokens.source), kind);
  // The language model's answer is one character, which may be a space: show it as ␣.
  const target =
    probe.layout === 'classify'
      ? t(probe.target[1] > probe.target[0] ? 'sequence.lab.positive' : 'sequence.lab.negative')
      : kind === 'charLm'
        ? displayToken(joinTokens(answerTokens(probe.target.subarray(probe.target.length - 1), vocab), kind))
        : joinTokens(answerTokens(probe.target, vocab), kind);
  return (
    <p className="seq-probe-line" data-testid="seq-probe-line">
      <span className="dim">{t('sequence.lab.inside.probe', { n: probe.index + 1 })}</span> <span className="seq-probe-src">{source}</span> <span aria-hidden="true">→</span>{' '}
      <span className="seq-probe-tgt">{target}</span>
    </p>
  );
}

/** Attention, positional encodings and recurrent states for the probe example. */
function InsideColumn() {
  const t = useT();
  const probe = useSequences();
  const kind = useAppStore((s) => s.experiment.dataset.kind) as SequenceKind;
  const nodes = useAppStore((s) => s.experiment.network.nodes);
  const vocab = useVocab(probe);
  const hasInside = nodes.some((n) => INSIDE_TYPES.has(n.type));
  const typeOf = (id: string) => nodes.find((n) => n.id === id)?.type;
  return (
    <section className="panel lab-inside seq-inside" aria-labelledby="seq-inside-title">
      <h2 id="seq-inside-title">{t('sequence.lab.inside.title')}</h2>
      {!hasInside ? (
        <p className="hint" data-testid="seq-inside-none">
          {t('sequence.lab.inside.none')}
        </p>
      ) : !probe ? (
        <p className="hint">{t('sequence.lab.inside.waiting')}</p>
      ) : (
        <>
          <ProbeLine probe={probe} kind={kind} vocab={vocab} />
          {probe.attention.length > 0 ? (
            <Figure name="attention">
              <AttentionGrid maps={probe.attention} queryTokens={probe.decoder ? probe.tokens.decoder : probe.tokens.source} keyTokens={probe.tokens.source} version={probe} />
            </Figure>
          ) : null}
          {probe.positional.map((p) => (
            <figure key={p.layerId} className="seq-figure" data-testid={`seq-pe-${p.layerId}`} data-tour="positional-encoding">
              <figcaption>{t('sequence.lab.layer', { layer: p.layerId })}</figcaption>
              <Figure name="positional-encoding">
                <PositionalEncodingView table={p.table} length={p.length} dim={p.dim} kind={p.kind} />
              </Figure>
            </figure>
          ))}
          {probe.recurrent.map((r) => (
            <figure key={`${r.layerId}:${r.direction}`} className="seq-figure" data-testid={`seq-rnn-${r.layerId}-${r.direction}`} data-tour="recurrent">
              <figcaption>
                {typeOf(r.layerId) === 'Bidirectional' ? t(r.direction === 'backward' ? 'sequence.lab.rnn.backward' : 'sequence.lab.rnn.forward', { layer: r.layerId }) : t('sequence.lab.layer', { layer: r.layerId })}
              </figcaption>
              <Figure name="recurrent">
                <RecurrentView type={r.type} tokens={r.tokens} unrolled={r.unrolled} gradNorms={r.gradNorms} version={probe} />
              </Figure>
            </figure>
          ))}
        </>
      )}
    </section>
  );
}

/** Numbers, curves and the probe's prediction in the form its layout takes. */
function OutputColumn() {
  const hideGeneration = useHidden('generation');
  const t = useT();
  const probe = useSequences();
  const kind = useAppStore((s) => s.experiment.dataset.kind) as SequenceKind;
  const vocab = useVocab(probe);
  return (
    <section className="panel output-panel seq-output" aria-labelledby="seq-output-title">
      <h2 id="seq-output-title">{t('out.title')}</h2>
      <SeqNumbers kind={kind} />
      <MetricChart />
      <div className="seq-predictions" data-tour="predictions">
        <h3>{probe ? t('sequence.lab.pred.title', { n: probe.index + 1 }) : t('sequence.lab.pred.waiting')}</h3>
        {probe?.layout === 'tokens' ? <TokenPredictions probe={probe} vocab={vocab} kind={kind} /> : null}
        {probe?.layout === 'classify' ? <ClassPrediction probe={probe} vocab={vocab} /> : null}
        {probe?.layout === 'forecast' ? <ForecastView probe={probe} /> : null}
      </div>
      {kind === 'charLm' && !hideGeneration ? <TextGeneration probe={probe?.layout === 'tokens' ? probe : null} vocab={vocab} /> : null}
    </section>
  );
}

/** The sequence lab: the playground's face for sequence datasets (data | inside | output). */
export function SequenceLab() {
  const t = useT();
  return (
    <section className="columns sequence-lab" data-testid="sequence-lab" aria-label={t('sequence.lab.region')}>
      <SeqDataColumn />
      <InsideColumn />
      <OutputColumn />
    </section>
  );
}
