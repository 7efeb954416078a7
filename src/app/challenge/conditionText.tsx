import { useLocale, useT } from '../../i18n';
import type { ConditionProblem } from '../../lessons/challenge/check';
import { conditionErrorText } from '../../lessons/conditionText';

/** A condition's problem in the reader's language. */
export function useProblemText() {
  const t = useT();
  const locale = useLocale();
  return (p: ConditionProblem) => (p.key === 'challenge.err.parse' ? t('challenge.err.parse', { error: conditionErrorText(locale, p.cond) }) : t('challenge.err.runFact', p.vars));
}

export const Mark = ({ ok }: { ok: boolean }) => {
  const t = useT();
  return (
    <span className={`challenge-mark ${ok ? 'ok' : 'no'}`} role="img" aria-label={ok ? t('challenge.holds') : t('challenge.fails')}>
      {ok ? '✓' : '✗'}
    </span>
  );
};

