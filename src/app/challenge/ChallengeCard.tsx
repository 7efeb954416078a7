import { useEffect, useState } from 'react';
import { formatValue } from '../../charts/format';
import { useT } from '../../i18n';
import { challengeStatus, type ChallengeStatus } from '../../lessons/challenge/check';
import { factsOf } from '../../lessons/facts';
import type { Challenge } from '../../models/challengeSpec';
import { useAppStore, useAppStoreApi } from '../../store/context';
import { HandInDialog } from './HandInDialog';
import { Mark, useProblemText } from './conditionText';
import './challenge.css';

/** The challenge on the store's facts, recomputed at most every 250 ms while the store changes. */
function useChallengeStatus(c: Challenge): ChallengeStatus {
  const store = useAppStoreApi();
  const [status, setStatus] = useState(() => challengeStatus(c, factsOf(store.getState())));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      timer = undefined;
      setStatus(challengeStatus(c, factsOf(store.getState())));
    };
    update();
    const unsubscribe = store.subscribe(() => {
      if (timer === undefined) timer = setTimeout(update, 250);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store, c]);
  return status;
}

/** The student's card: each constraint ✓/✗, the goal's value now against its target, met or not. */
export function ChallengeCard({ challenge }: { challenge: Challenge }) {
  const t = useT();
  const status = useChallengeStatus(challenge);
  const met = useAppStore((s) => s.challengeMet);
  const [handingIn, setHandingIn] = useState(false);
  const problem = useProblemText();
  const target = status.goal.target;
  return (
    <section className="challenge-card" aria-label={t('challenge.card')} data-testid="challenge-card" data-met={met ? 'true' : 'false'}>
      <div className="challenge-head">
        <span className="challenge-badge">{t('challenge.card')}</span>
        <strong className="challenge-title">{challenge.title || t('challenge.untitled')}</strong>
        <span className={`challenge-state${met ? ' met' : ''}`} data-testid="challenge-state" role="status">
          {met ? t('challenge.met', { step: met.step, epoch: met.epoch }) : status.overBudget ? t('challenge.overBudget') : t('challenge.notMet')}
        </span>
        <button type="button" className="challenge-handin" onClick={() => setHandingIn(true)} title={t('challenge.handInHint')} data-testid="challenge-handin">
          {t('challenge.handIn')}
        </button>
      </div>
      <ul className="challenge-conditions">
        <li data-testid="challenge-goal" data-holds={status.goal.holds}>
          <Mark ok={status.goal.holds} /> {t('challenge.goal')}<code>{challenge.goal}</code>
          {target ? <span className="challenge-now"> · {target.value === null ? t('challenge.noValue') : t('challenge.now', { value: formatValue(target.value) })}</span> : null}
          {challenge.maxEpochs > 0 ? <span className="challenge-now"> · {t('challenge.budget', { n: challenge.maxEpochs })}</span> : null}
          {status.goal.problem ? <span className="challenge-problem"> · {problem(status.goal.problem)}</span> : null}
        </li>
        {status.constraints.map((c, i) => (
          <li key={i} data-testid="challenge-constraint" data-holds={c.holds}>
            <Mark ok={c.holds} /> <code>{c.src}</code>
            {c.problem ? <span className="challenge-problem"> · {problem(c.problem)}</span> : null}
          </li>
        ))}
      </ul>
      {handingIn ? <HandInDialog onClose={() => setHandingIn(false)} /> : null}
    </section>
  );
}

