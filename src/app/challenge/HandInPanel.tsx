import { useEffect, useRef, useState } from 'react';
import { formatValue } from '../../charts/format';
import { useT } from '../../i18n';
import { checkConstraint } from '../../lessons/challenge/check';
import { rerunHandIn, type RerunOutcome } from '../../lessons/challenge/rerun';
import { evaluate } from '../../lessons/conditions';
import { factsOf } from '../../lessons/facts';
import type { HandIn, Mismatch } from '../../models/handIn';
import { useAppStore, useAppStoreApi } from '../../store/context';
import { metricsText } from './claimText';
import { useProblemText } from './conditionText';

/** The verdict in words: confirmed with the numbers, or each thing that did not hold. */
function VerdictText({ outcome, handIn }: { outcome: RerunOutcome; handIn: HandIn }) {
  const t = useT();
  if (outcome.kind === 'stopped') return <p className="handin-verdict no">{outcome.reason === 'paused' ? t('challenge.rerunStopped') : t('challenge.rerunFailed')}</p>;
  const { verdict, rerun } = outcome;
  const backend = outcome.backend === 'webgl' ? 'WebGL' : 'CPU';
  if (verdict.confirmed)
    return (
      <p className="handin-verdict ok">
        ✓ {t('challenge.confirmed', { metrics: metricsText(t, rerun.metrics), step: rerun.step, tol: formatValue(outcome.tolerance.rel), backend })}
      </p>
    );
  const num = (v: number | null) => (v === null ? '–' : Number.isInteger(v) ? String(v) : formatValue(v, 6));
  const what = (m: Mismatch) => t(`challenge.metric.${m.what}`);
  return (
    <div className="handin-verdict no">
      <p>✗ {t('challenge.notConfirmed')}</p>
      <ul>
        {verdict.mismatches.map((m) => (
          <li key={m.what}>{t('challenge.mismatch', { what: what(m), claimed: num(m.claimed), rerun: num(m.rerun) })}</li>
        ))}
        {verdict.failedConstraints.map((src) => (
          <li key={src}>{t('challenge.constraintFailed', { src })}</li>
        ))}
        {verdict.goalMissed ? <li>{t('challenge.goalMissed')}</li> : null}
        {verdict.overBudget || (handIn.challenge.maxEpochs > 0 && handIn.claim.epoch > handIn.challenge.maxEpochs) ? <li>{t('challenge.budgetSpent')}</li> : null}
      </ul>
    </div>
  );
}

/**
 * The teacher's page with a hand-in open: what it claims, its constraints checked on the handed-in
 * Experiment now (not read from the claim), and "Re-run to confirm", which trains it again from its
 * seed to the claimed epoch and compares.
 */
export function HandInPanel({ handIn }: { handIn: HandIn }) {
  const t = useT();
  const store = useAppStoreApi();
  const setHandIn = useAppStore((s) => s.setHandIn);
  const experiment = useAppStore((s) => s.experiment);
  const problem = useProblemText();
  const [outcome, setOutcome] = useState<RerunOutcome | null>(null);
  const [running, setRunning] = useState(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const { claim, challenge } = handIn;
  // The setup's facts do not depend on the run: the Experiment on screen decides them.
  const facts = factsOf({ ...store.getState(), experiment });
  const rerun = async () => {
    setRunning(true);
    setOutcome(null);
    const result = await rerunHandIn(store, handIn);
    if (!alive.current) return;
    setOutcome(result);
    setRunning(false);
  };
  const verdictAttr = running ? 'running' : outcome === null ? 'none' : outcome.kind === 'judged' && outcome.verdict.confirmed ? 'confirmed' : 'rejected';
  return (
    <section className="challenge-card handin-panel" aria-label={t('challenge.handInOf')} data-testid="handin-panel" data-verdict={verdictAttr}>
      <div className="challenge-head">
        <span className="challenge-badge">{t('challenge.handInOf')}</span>
        <strong className="challenge-title">{challenge.title || t('challenge.untitled')}</strong>
        <button type="button" className="primary" onClick={() => void rerun()} disabled={running} title={t('challenge.rerunHint')} data-testid="handin-rerun">
          {t('challenge.rerun')}
        </button>
        <button type="button" onClick={() => setHandIn(null)} data-testid="handin-close">
          {t('challenge.closeHandIn')}
        </button>
      </div>
      <p className="handin-claim" data-testid="handin-claim">
        {t('challenge.claims')}{t('challenge.claimLine', { step: claim.step, epoch: claim.epoch, metrics: metricsText(t, claim.metrics) })}
        {' · '}
        {claim.metAt ? t('challenge.claimMetAt', { step: claim.metAt.step }) : t('challenge.claimNeverMet')}
        {claim.backend ? ` · ${t('challenge.trainedOn', { backend: claim.backend === 'webgl' ? 'WebGL' : 'CPU' })}` : ''}
      </p>
      <ul className="challenge-conditions">
        <li>
          {t('challenge.goal')}<code>{challenge.goal}</code>
          {challenge.maxEpochs > 0 ? <span className="challenge-now"> · {t('challenge.budget', { n: challenge.maxEpochs })}</span> : null}
        </li>
        {challenge.constraints.map((src, i) => {
          const checked = checkConstraint(src);
          const holds = checked.ok && evaluate(checked.ast, facts);
          return (
            <li key={i} data-testid="handin-constraint" data-holds={holds}>
              <span className={`challenge-mark ${holds ? 'ok' : 'no'}`} role="img" aria-label={holds ? t('challenge.holds') : t('challenge.fails')}>
                {holds ? '✓' : '✗'}
              </span>{' '}
              <code>{src}</code>
              {checked.ok ? null : <span className="challenge-problem"> · {problem(checked.problem)}</span>}
            </li>
          );
        })}
      </ul>
      <div data-testid="handin-verdict" role="status">
        {running ? <p className="handin-verdict">{t('challenge.rerunning', { epoch: claim.epoch })}</p> : outcome ? <VerdictText outcome={outcome} handIn={handIn} /> : null}
      </div>
    </section>
  );
}
