import { useState } from 'react';
import { translateDynamic, useLocale, useT, type Locale } from '../i18n';
import { PINNED_COLORS, type ChartOverlay } from '../charts/LossChart';
import { describeRun, diffExperiments, type DiffItem } from '../models/runDiff';
import { startDiff } from '../models/runStart';
import { finalOf, MAX_PIN_LABEL, MAX_PINNED, type PinnedRun } from '../models/pinnedRuns';
import { predictsClasses } from '../models/spec';
import { useAppStore, useAppStoreApi } from '../store/context';
import { selectActiveRun } from '../store/selectors';
import './PinnedRuns.css';

/** Differences shown in a legend row; the rest are counted and listed in its tooltip. */
const SHOWN_DIFFS = 3;

/** The word a message key stands for when there is no message: `layer.Dense.name` → Dense, `opt.sgd` → sgd. */
const keyWord = (key: string) => {
  const parts = key.split('.');
  return (parts[parts.length - 1] === 'name' ? parts[parts.length - 2] : parts[parts.length - 1]) ?? key;
};

/** A diff item (or a run's default name) in words, its `keyVars` translated. */
export function diffText(locale: Locale, item: DiffItem): string {
  const vars: Record<string, string | number> = { ...item.vars };
  for (const [name, key] of Object.entries(item.keyVars ?? {})) vars[name] = translateDynamic(locale, key, undefined, keyWord(key));
  for (const [name, sub] of Object.entries(item.nested ?? {})) vars[name] = diffText(locale, sub);
  return translateDynamic(locale, item.key, vars);
}

/** What the legend calls a pinned run: the learner's name, else one made from its settings. */
export function pinnedName(locale: Locale, run: PinnedRun): string {
  return run.label || diffText(locale, describeRun(run.experiment));
}

/** A pinned run as the chart draws it: nulls (non-finite values when pinned) as gaps. */
export function overlayOf(run: PinnedRun): ChartOverlay {
  const nan = (v: number | null | undefined) => (typeof v === 'number' ? v : Number.NaN);
  return {
    id: run.id,
    color: PINNED_COLORS[run.slot % PINNED_COLORS.length],
    history: run.points.map((p) => ({
      epoch: p.epoch,
      trainLoss: nan(p.trainLoss),
      testLoss: nan(p.testLoss),
      trainAcc: p.trainAcc,
      testAcc: p.testAcc,
      ...(p.valLoss !== undefined ? { valLoss: nan(p.valLoss) } : {}),
    })),
  };
}

const fmt = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(3) : '—');

function Swatch({ color }: { color: string }) {
  return (
    <svg width={22} height={12} aria-hidden="true" className="pinned-swatch">
      <line x1={0} x2={22} y1={3} y2={3} stroke={color} strokeWidth={2} />
      <line x1={0} x2={22} y1={9} y2={9} stroke={color} strokeWidth={2} strokeDasharray="4 3" />
    </svg>
  );
}

function NameField({ run }: { run: PinnedRun }) {
  const t = useT();
  const locale = useLocale();
  const store = useAppStoreApi();
  const shown = pinnedName(locale, run);
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const text = draft.trim();
    // The default name stays a default (it follows the language); anything else is the learner's.
    store.getState().renamePinned(run.id, text === diffText(locale, describeRun(run.experiment)) ? '' : text);
    setDraft(null);
  };
  return (
    <input
      className="pinned-name"
      data-testid="pinned-name"
      aria-label={t('pin.rename')}
      title={shown}
      maxLength={MAX_PIN_LABEL}
      value={draft ?? shown}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') setDraft(null);
      }}
    />
  );
}

function PinnedRow({ run, diffs, classify }: { run: PinnedRun; diffs: DiffItem[]; classify: boolean }) {
  const t = useT();
  const locale = useLocale();
  const store = useAppStoreApi();
  const final = finalOf(run);
  const texts = diffs.length ? diffs.map((d) => diffText(locale, d)) : [t('pin.diff.same')];
  const shown = texts.slice(0, SHOWN_DIFFS).join('; ');
  const more = texts.length - SHOWN_DIFFS;
  const acc = final?.testAcc;
  const numbers =
    classify && typeof acc === 'number'
      ? t('pin.finalAcc', { loss: fmt(final?.testLoss), acc: `${(acc * 100).toFixed(1)}%`, epoch: run.epoch })
      : t('pin.final', { loss: fmt(final?.testLoss), epoch: run.epoch });
  return (
    <li className="pinned-run" data-testid="pinned-run" data-run={run.id}>
      <div className="pinned-head">
        <Swatch color={PINNED_COLORS[run.slot % PINNED_COLORS.length]} />
        <NameField run={run} />
        <button type="button" className="pinned-open" data-testid="pinned-open" title={t('pin.openHint')} onClick={() => store.getState().openPinned(run.id)}>
          {t('pin.open')}
        </button>
        <button type="button" className="pinned-unpin" data-testid="pinned-unpin" aria-label={t('pin.unpinNamed', { name: pinnedName(locale, run) })} title={t('pin.unpin')} onClick={() => store.getState().unpin(run.id)}>
          ×
        </button>
      </div>
      <div className="pinned-final" data-testid="pinned-final">
        {numbers}
      </div>
      <div className="pinned-diff" data-testid="pinned-diff" title={texts.join('\n')}>
        <span className="pinned-diff-lead">{t('pin.versusNow')}</span> {shown}
        {more > 0 ? <span className="pinned-more"> {t('pin.moreDiffs', { n: more })}</span> : null}
      </div>
    </li>
  );
}

/**
 * Pin the current run, start the next from the same initial weights, and the legend of the pinned
 * runs: colour, name (editable), final numbers, how the current settings differ, open, unpin.
 */
export function PinnedRuns() {
  const t = useT();
  const store = useAppStoreApi();
  const pinned = useAppStore((s) => s.pinned);
  const experiment = useAppStore((s) => s.experiment);
  const runStart = useAppStore((s) => s.runStart);
  const hasHistory = useAppStore((s) => selectActiveRun(s).history.length > 0);
  const classify = predictsClasses(experiment.dataset);
  const full = pinned.length >= MAX_PINNED;
  const pinTitle = full ? t('pin.full', { n: MAX_PINNED }) : hasHistory ? t('pin.pinHint') : t('pin.nothing');
  return (
    <div className="pinned-runs" data-testid="pinned-runs" data-tour="pinned-runs">
      <div className="pinned-actions">
        <button type="button" data-testid="pin-run" disabled={full || !hasHistory} title={pinTitle} onClick={() => store.getState().pin()}>
          {t('pin.pin')}
        </button>
        <button type="button" data-testid="same-start" disabled={pinned.length === 0} title={t('pin.sameStartHint')} onClick={() => store.getState().sameStart()}>
          {t('pin.sameStart')}
        </button>
      </div>
      {pinned.length ? (
        <ul className="pinned-legend" aria-label={t('pin.legend')} data-testid="pinned-legend">
          {pinned.map((run) => (
            <PinnedRow key={run.id} run={run} diffs={[...startDiff(run.start, runStart), ...diffExperiments(run.experiment, experiment)]} classify={classify} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
