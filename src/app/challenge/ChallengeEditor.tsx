import { useState } from 'react';
import { useT } from '../../i18n';
import { CHALLENGE_PRESETS, checkConstraint, checkGoal } from '../../lessons/challenge/check';
import { openHandInFile } from '../../lessons/challenge/handInLink';
import { CHALLENGE_LIMITS, decodeChallenge, type Challenge } from '../../models/challengeSpec';
import { useAppStore, useAppStoreApi } from '../../store/context';
import { FileButton } from '../../ui/FileButton';
import { useProblemText } from './conditionText';

interface Draft {
  title: string;
  goal: string;
  constraints: string;
  maxEpochs: number;
}

const draftOf = (c: Challenge | null): Draft => ({ title: c?.title ?? '', goal: c?.goal ?? '', constraints: c?.constraints.join('\n') ?? '', maxEpochs: c?.maxEpochs ?? 0 });
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/**
 * The teacher's "Challenge" section of the Share dialog: a goal, constraints and an epoch budget,
 * each condition checked as it is typed, two presets, and opening a student's hand-in file.
 */
export function ChallengeEditor({ onOpenedHandIn }: { onOpenedHandIn: () => void }) {
  const t = useT();
  const store = useAppStoreApi();
  const current = useAppStore((s) => s.challenge);
  const setChallenge = useAppStore((s) => s.setChallenge);
  const [draft, setDraft] = useState<Draft>(() => draftOf(current));
  const problem = useProblemText();
  const patch = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }));
  const goal = draft.goal.trim() ? checkGoal(draft.goal) : null;
  const constraintProblems = lines(draft.constraints)
    .map((src, i) => ({ n: i + 1, checked: checkConstraint(src) }))
    .filter((x) => !x.checked.ok);
  const candidate = { title: draft.title, goal: draft.goal, constraints: lines(draft.constraints), maxEpochs: Math.max(0, Math.round(draft.maxEpochs) || 0) };
  const shape = decodeChallenge(candidate);
  const markup = !shape.ok && /challenge\.(title|goal|constraints)/.test(String(shape.error.vars?.field ?? ''));
  const valid = shape.ok && goal?.ok === true && constraintProblems.length === 0;
  const inLink = valid && current !== null && JSON.stringify(shape.value) === JSON.stringify(current);
  const open = async (f: File) => {
    if (openHandInFile(store, await f.text())) onOpenedHandIn();
    else store.getState().notify({ kind: 'error', key: 'challenge.badHandIn', cause: { key: 'challenge.err.notHandIn' } });
  };
  return (
    <fieldset className="share-group share-challenge" data-testid="share-challenge">
      <legend>{t('challenge.section')}</legend>
      <p className="hint">{t('challenge.sectionHint')}</p>
      <div className="challenge-presets">
        <span>{t('challenge.presets')}:</span>
        {(Object.keys(CHALLENGE_PRESETS) as (keyof typeof CHALLENGE_PRESETS)[]).map((id) => {
          const preset = CHALLENGE_PRESETS[id];
          return (
            <button key={id} type="button" onClick={() => setDraft(draftOf({ ...preset.challenge, constraints: [...preset.challenge.constraints], title: t(preset.titleKey) }))} data-testid={`challenge-preset-${id}`}>
              {t(preset.titleKey)}
            </button>
          );
        })}
      </div>
      <div className="challenge-fields">
        <label>
          {t('challenge.title')}
          <input type="text" value={draft.title} maxLength={CHALLENGE_LIMITS.titleChars} onChange={(e) => patch({ title: e.target.value })} data-testid="challenge-title" />
        </label>
        <label>
          {t('challenge.goalField')}
          <input
            type="text"
            value={draft.goal}
            maxLength={CHALLENGE_LIMITS.conditionChars}
            spellCheck={false}
            className="challenge-code"
            placeholder="testLoss < 0.1"
            aria-invalid={goal && !goal.ok ? true : undefined}
            onChange={(e) => patch({ goal: e.target.value })}
            data-testid="challenge-goal-input"
          />
          <span className={`stop-when-status${goal && !goal.ok ? ' bad' : ''}`} data-testid="challenge-goal-status">
            {goal === null ? t('challenge.emptyGoal') : goal.ok ? t('challenge.ok') : problem(goal.problem)}
          </span>
        </label>
        <label>
          {t('challenge.constraints')}
          <textarea
            rows={3}
            value={draft.constraints}
            spellCheck={false}
            placeholder={"neurons <= 6\ndataset == 'spiral'"}
            aria-invalid={constraintProblems.length ? true : undefined}
            onChange={(e) => patch({ constraints: e.target.value })}
            data-testid="challenge-constraints-input"
          />
          <span className={`stop-when-status${constraintProblems.length ? ' bad' : ''}`} data-testid="challenge-constraints-status">
            {constraintProblems.map((x) => (x.checked.ok ? '' : t('challenge.lineBad', { n: x.n, problem: problem(x.checked.problem) }))).join(' · ') || (lines(draft.constraints).length ? t('challenge.ok') : '')}
          </span>
        </label>
        <label className="challenge-epochs">
          {t('challenge.maxEpochs')}
          <input type="number" min={0} max={CHALLENGE_LIMITS.maxEpochs} step={1} value={draft.maxEpochs} onChange={(e) => patch({ maxEpochs: Number(e.target.value) })} data-testid="challenge-epochs" />
        </label>
      </div>
      {markup ? <p className="stop-when-status bad">{t('challenge.markup')}</p> : null}
      <div className="share-quick">
        <button type="button" disabled={!valid || inLink} onClick={() => shape.ok && setChallenge(shape.value)} data-testid="challenge-apply">
          {t('challenge.apply')}
        </button>
        <button type="button" disabled={current === null} onClick={() => setChallenge(null)} data-testid="challenge-remove">
          {t('challenge.remove')}
        </button>
        {inLink ? <span className="hint" data-testid="challenge-in-link">{t('challenge.inLink')}</span> : null}
        <FileButton accept="application/json,.json" testId="challenge-open-handin" inputTestId="handin-file-input" onFiles={([f]) => void open(f)}>
          {t('challenge.openHandIn')}
        </FileButton>
      </div>
    </fieldset>
  );
}
