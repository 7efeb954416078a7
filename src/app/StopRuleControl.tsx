import { useEffect, useMemo, useState } from 'react';
import { useLocale, useT } from '../i18n';
import { parseCondition, evaluate, type ConditionFailure } from '../lessons/conditions';
import { conditionErrorText } from '../lessons/conditionText';
import { factsOf } from '../lessons/facts';
import { STOP_EPOCHS, STOP_RULE_LIMITS } from '../models/stopRule';
import { useHidden } from '../panels/useHidden';
import { useAppStore, useAppStoreApi } from '../store/context';
import { Select } from '../ui/Select';

/** Why a stop condition does not parse, or null (empty: no condition). */
export function stopWhenError(when: string): ConditionFailure | null {
  if (!when.trim()) return null;
  const parsed = parseCondition(when);
  return parsed.ok ? null : parsed;
}

/**
 * The stop rule for every lab: stop at an epoch's end (the engine stops exactly there) and/or when
 * a condition in the lessons' language holds (watched here, on the page, where the facts are).
 */
export function StopRuleControl() {
  const t = useT();
  const locale = useLocale();
  const rule = useAppStore((s) => s.experiment.training.stop);
  const apply = useAppStore((s) => s.apply);
  const [draft, setDraft] = useState(rule.when);
  const [shown, setShown] = useState(rule.when);
  // The rule changed elsewhere (undo, a link): show it instead of the old draft.
  if (shown !== rule.when) {
    setShown(rule.when);
    setDraft(rule.when);
  }
  const error = stopWhenError(draft);
  if (useHidden('stopRule')) return null;
  const commit = () => {
    if (!error && draft.trim() !== rule.when) apply({ type: 'stopRule', patch: { when: draft } });
  };
  const epochs = STOP_EPOCHS.includes(rule.epochs as (typeof STOP_EPOCHS)[number]) ? [...STOP_EPOCHS] : [...STOP_EPOCHS, rule.epochs].sort((a, b) => a - b);
  return (
    <div className="stop-rule" data-testid="stop-rule" data-tour="stop-rule">
      <Select
        label={t('stop.epochs')}
        value={rule.epochs}
        options={epochs.map((n) => ({ value: n, label: n === 0 ? t('stop.epochsOff') : t('stop.epochsN', { n }) }))}
        onChange={(n) => apply({ type: 'stopRule', patch: { epochs: n } })}
        testId="stop-epochs"
      />
      <label className="control stop-when" title={t('stop.whenHint')}>
        <span className="control-label">{t('stop.when')}</span>
        <input
          type="text"
          value={draft}
          maxLength={STOP_RULE_LIMITS.whenChars}
          placeholder={t('stop.whenPlaceholder')}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby="stop-when-status"
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
          data-testid="stop-when"
        />
        <span id="stop-when-status" className={`stop-when-status${error ? ' bad' : ''}`} role={error ? 'alert' : undefined}>
          {error ? t('stop.whenBad', { error: conditionErrorText(locale, error) }) : rule.when ? t('stop.whenOk') : ''}
        </span>
      </label>
    </div>
  );
}

/**
 * Watches the stop rule's condition while the run trains: the moment it turns true (it was false
 * when training started or since), training pauses and a notice says why. Pressing play again with
 * it still true trains on: the rule fires on a change, not a state.
 */
export function useStopWhen(): void {
  const store = useAppStoreApi();
  const when = useAppStore((s) => s.experiment.training.stop.when);
  const ast = useMemo(() => {
    const parsed = when ? parseCondition(when) : null;
    return parsed?.ok ? parsed.ast : null;
  }, [when]);
  useEffect(() => {
    if (!ast) return;
    let before: boolean | null = null;
    const check = () => {
      const s = store.getState();
      const run = s.runs[s.activeRunId];
      if (run?.status !== 'running') {
        before = null;
        return;
      }
      const now = evaluate(ast, factsOf(s));
      if (before === false && now) {
        before = null;
        s.pause();
        s.notify({ kind: 'info', key: 'notice.stopRuleWhen', vars: { epoch: run.epoch, when } });
        return;
      }
      before = now;
    };
    check();
    return store.subscribe((s, prev) => {
      const a = s.runs[s.activeRunId];
      const b = prev.runs[prev.activeRunId];
      if (a !== b) check();
    });
  }, [store, ast, when]);
}
