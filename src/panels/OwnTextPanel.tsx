import { useState } from 'react';
import { OWN_TEXT_LIMITS } from '../data/ownText';
import { useT } from '../i18n';
import { useAppStore } from '../store/context';
import './ownMedia.css';

/** Paste a text for the character language model (issue 17); a bad text leaves everything as it was. */
export function OwnTextPanel() {
  const t = useT();
  const ref = useAppStore((s) => s.experiment.dataset.text ?? null);
  const own = useAppStore((s) => s.ownText);
  const trainOnOwnText = useAppStore((s) => s.trainOnOwnText);
  const dropOwnText = useAppStore((s) => s.dropOwnText);
  const [draft, setDraft] = useState(own?.text ?? '');
  return (
    <div className="own-text" data-testid="own-text">
      <h3>{t('ownText.title')}</h3>
      <p className="hint">{t('ownText.hint', { min: OWN_TEXT_LIMITS.minChars })}</p>
      <textarea value={draft} onChange={(e) => setDraft(e.target.value)} rows={5} aria-label={t('ownText.label')} data-testid="own-text-input" maxLength={OWN_TEXT_LIMITS.maxChars * 2} />
      <div className="own-actions">
        <button type="button" className="primary" data-testid="own-text-use" onClick={() => trainOnOwnText(draft, [...draft.trim()].slice(0, 24).join('') || 'text')}>
          {t('ownText.use')}
        </button>
        {ref ? (
          <button type="button" data-testid="own-text-back" onClick={dropOwnText}>
            {t('ownText.back')}
          </button>
        ) : null}
      </div>
      {ref ? (
        <p className="hint" data-testid="own-text-summary">
          {t('ownText.using', { chars: ref.chars, vocab: Array.from(ref.vocab).length })}
          {own && own.hash === ref.hash && own.replaced ? ` ${t('ownText.replaced', { n: own.replaced })}` : ''}
        </p>
      ) : null}
    </div>
  );
}
