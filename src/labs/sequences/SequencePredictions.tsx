import { SPECIAL_TOKENS } from '../../data/sequences';
import { TOKEN_TASK_KINDS, type SequenceKind } from '../../models/spec';
import { useT } from '../../i18n';
import { useAppStore } from '../../store/context';
import { selectActiveRun } from '../../store/selectors';
import type { SeqProbes } from '../../training/protocol';
import { displayToken } from '../../charts/attentionScores';
import { ProbabilityBars } from '../../charts/ClassViews';
import { ForecastChart } from './ForecastChart';
import { joinTokens, predictedAnswer, answerTokens, sourceTokens, tokenSteps } from './sequenceExamples';
import { Figure } from '../../ui/Figure';

const fmt = (v: number | null | undefined, digits = 3) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));
const pct = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`);

/** True for the seq2seq token tasks, whose whole-sequence accuracy means something. */
export const isTokenTask = (kind: SequenceKind) => (TOKEN_TASK_KINDS as readonly string[]).includes(kind);

/**
 * The run's numbers for a sequence task: losses always; token accuracy (and, for the seq2seq tasks,
 * whole-sequence accuracy) for token layouts; plain accuracy for sentiment; nothing more for a
 * forecast, whose loss is the error.
 */
export function SeqNumbers({ kind }: { kind: SequenceKind }) {
  const t = useT();
  const latest = useAppStore((s) => selectActiveRun(s).latest);
  const row = (label: string, value: string, testId: string) => (
    <div key={testId}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
  const tokens = kind !== 'sine' && kind !== 'sentiment';
  return (
    <>
      <dl className="numbers seq-numbers" data-tour="metrics">
        {row(t('out.testLoss'), fmt(latest?.testLoss), 'test-loss')}
        {row(t('out.trainLoss'), fmt(latest?.trainLoss), 'train-loss')}
        {kind === 'sentiment' ? [row(t('out.testAcc'), pct(latest?.testAcc), 'test-acc'), row(t('out.trainAcc'), pct(latest?.trainAcc), 'train-acc')] : null}
        {tokens ? [row(t('sequence.lab.tokenAccTest'), pct(latest?.testAcc), 'test-acc'), row(t('sequence.lab.tokenAccTrain'), pct(latest?.trainAcc), 'train-acc')] : null}
        {isTokenTask(kind) ? [row(t('sequence.lab.seqAccTest'), pct(latest?.testSeqAcc), 'test-seq-acc'), row(t('sequence.lab.seqAccTrain'), pct(latest?.trainSeqAcc), 'train-seq-acc')] : null}
      </dl>
      {isTokenTask(kind) ? <p className="hint">{t('sequence.lab.acc.explain')}</p> : null}
    </>
  );
}

/**
 * The probe's prediction step by step: what the network reads, the target, its argmax token and that
 * token's probability as a bar; right steps green, wrong ones red, padding grey (not scored).
 */
export function TokenPredictions({ probe, vocab, kind }: { probe: SeqProbes; vocab: readonly string[]; kind: SequenceKind }) {
  const t = useT();
  const steps = tokenSteps(probe, vocab);
  const scored = steps.filter((s) => s.target !== null);
  const right = scored.filter((s) => s.correct).length;
  // The language model's target is the window moved on by one character: no EOS to stop at.
  const answer = kind === 'charLm' ? steps.map((s) => s.predicted) : predictedAnswer(probe, vocab);
  const expected = kind === 'charLm' ? sourceTokens(probe.target, vocab) : answerTokens(probe.target, vocab);
  // Characters as the table prints them (a space as ␣), so the two lines can be compared letter by letter.
  // An empty answer (EOS first) reads as ∅ rather than as nothing.
  const show = (tokens: string[]) => (kind === 'charLm' ? tokens.map(displayToken).join('') : joinTokens(tokens, kind)) || displayToken('');
  return (
    <div className="seq-tokens">
      <dl className="seq-answer">
        <div>
          <dt>{t('sequence.lab.pred.answer')}</dt>
          <dd data-testid="seq-answer">{show(answer)}</dd>
        </div>
        <div>
          <dt>{t('sequence.lab.pred.expected')}</dt>
          <dd data-testid="seq-expected">{show(expected)}</dd>
        </div>
        {probe.free ? (
          <div title={t('sequence.lab.pred.freeHint')}>
            <dt>{t('sequence.lab.pred.free')}</dt>
            <dd data-testid="seq-free" className={show(answerTokens(probe.free, vocab)) === show(expected) ? 'right' : 'wrong'}>
              {show(answerTokens(probe.free, vocab))}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="hint" data-testid="seq-summary">
        {t('sequence.lab.pred.summary', { right, scored: scored.length })}
      </p>
      <div className="seq-pred-scroll">
        <table className="seq-pred" aria-label={t('sequence.lab.pred.label')} data-testid="seq-pred">
          <thead>
            <tr>
              <th>{t('sequence.lab.pred.step')}</th>
              <th>{t(probe.decoder ? 'sequence.lab.pred.decoderInput' : 'sequence.lab.pred.input')}</th>
              <th>{t('sequence.lab.pred.target')}</th>
              <th>{t('sequence.lab.pred.predicted')}</th>
              <th>{t('sequence.lab.pred.prob')}</th>
              <th aria-hidden="true" />
            </tr>
          </thead>
          <tbody>
            {steps.map((s) => {
              const state = s.target === null ? 'pad' : s.correct ? 'right' : 'wrong';
              const mark = state === 'pad' ? '–' : state === 'right' ? '✓' : '✗';
              const markLabel = t(state === 'pad' ? 'sequence.lab.pred.pad' : state === 'right' ? 'sequence.lab.pred.right' : 'sequence.lab.pred.wrong');
              return (
                <tr key={s.step} className={state} data-testid={`seq-step-${s.step}`} data-state={state}>
                  <td className="num">{s.step + 1}</td>
                  <td className="tok">{s.input === null ? '' : displayToken(s.input)}</td>
                  <td className="tok">{s.target === null ? '·' : displayToken(s.target)}</td>
                  <td className="tok pred" data-testid={`seq-pred-${s.step}`}>
                    {displayToken(s.predicted)}
                  </td>
                  <td className="prob">
                    <span className="seq-bar">
                      <span className="seq-bar-fill" style={{ width: `${Math.max(0, Math.min(1, s.p)) * 100}%` }} />
                    </span>
                    <span className="seq-bar-value">{pct(s.p)}</span>
                  </td>
                  <td className="mark" title={markLabel} aria-label={markLabel} data-testid={`seq-mark-${s.step}`}>
                    {mark}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Sentiment: the sentence, then negative and positive as bars, the true class marked. */
export function ClassPrediction({ probe, vocab }: { probe: SeqProbes; vocab: readonly string[] }) {
  const t = useT();
  const label = probe.target.length >= 2 ? (probe.target[1] > probe.target[0] ? 1 : 0) : Math.round(probe.target[0] ?? 0);
  const words = probe.tokens.source.length ? probe.tokens.source.filter((w) => !SPECIAL_TOKENS.includes(w)) : sourceTokens(probe.source, vocab);
  return (
    <div className="seq-class">
      <p className="seq-sentence" data-testid="seq-sentence">
        <span className="dim">{t('sequence.lab.pred.sentence')}: </span>“{joinTokens(words, 'sentiment')}”
      </p>
      <Figure name="sentiment-probabilities">
        <ProbabilityBars probabilities={probe.output} names={[t('sequence.lab.negative'), t('sequence.lab.positive')]} label={label} />
      </Figure>
    </div>
  );
}

/** Sine: the window, the true continuation and the forecast, with this forecast's error. */
export function ForecastView({ probe }: { probe: SeqProbes }) {
  const t = useT();
  const n = Math.min(probe.target.length, probe.output.length);
  let err = 0;
  for (let i = 0; i < n; i++) err += Math.abs(probe.output[i] - probe.target[i]);
  return (
    <div className="seq-forecast">
      <Figure name="forecast">
        <ForecastChart window={probe.source} truth={probe.target} forecast={probe.output} width={340} height={180} />
      </Figure>
      <p className="hint" data-testid="forecast-error">
        {t('sequence.lab.fc.error', { v: fmt(n ? err / n : NaN) })}
      </p>
    </div>
  );
}
