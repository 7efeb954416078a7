import { useState } from 'react';
import { OWN_SENTENCES_LIMITS, encodeOwnSentences } from '../data/ownSentences';
import { useT } from '../i18n';
import { useAppStore } from '../store/context';
import './ownMedia.css';

/**
 * The learner's own labelled sentences for the sentiment task (issue 17): positive ones in one box,
 * negative in the other, one per line. A bad set is a notice and leaves everything as it was.
 */
export function OwnSentencesPanel() {
  const t = useT();
  const ref = useAppStore((s) => s.experiment.dataset.sentences ?? null);
  const own = useAppStore((s) => s.ownSentences);
  const trainOn = useAppStore((s) => s.trainOnOwnSentences);
  const drop = useAppStore((s) => s.dropOwnSentences);
  const saved = own ? encodeOwnSentences(own) : null;
  const [positive, setPositive] = useState(saved?.positive.join('\n') ?? '');
  const [negative, setNegative] = useState(saved?.negative.join('\n') ?? '');
  const max = OWN_SENTENCES_LIMITS.maxLineChars * OWN_SENTENCES_LIMITS.maxSentences;
  return (
    <div className="own-text own-sentences" data-testid="own-sentences">
      <h3>{t('ownSent.title')}</h3>
      <p className="hint">{t('ownSent.hint', { min: OWN_SENTENCES_LIMITS.minPerClass })}</p>
      <div className="own-sentence-boxes">
        <label>
          <span>{t('ownSent.positive')}</span>
          <textarea value={positive} onChange={(e) => setPositive(e.target.value)} rows={5} maxLength={max} data-testid="own-sentences-pos" />
        </label>
        <label>
          <span>{t('ownSent.negative')}</span>
          <textarea value={negative} onChange={(e) => setNegative(e.target.value)} rows={5} maxLength={max} data-testid="own-sentences-neg" />
        </label>
      </div>
      <div className="own-actions">
        <button type="button" className="primary" data-testid="own-sentences-use" onClick={() => trainOn(positive, negative, t('ownSent.defaultName'))}>
          {t('ownSent.use')}
        </button>
        {ref ? (
          <button type="button" data-testid="own-sentences-back" onClick={drop}>
            {t('ownSent.back')}
          </button>
        ) : null}
      </div>
      {ref ? (
        <p className="hint" data-testid="own-sentences-summary">
          {t('ownSent.using', { pos: ref.counts[1], neg: ref.counts[0], vocab: ref.vocab.length, len: ref.len })}
          {own && own.hash === ref.hash && own.replaced ? ` ${t('ownSent.replaced', { n: own.replaced })}` : ''}
          {own && own.hash === ref.hash && own.cut ? ` ${t('ownSent.cut', { n: own.cut, max: OWN_SENTENCES_LIMITS.maxTokens })}` : ''}
        </p>
      ) : null}
    </div>
  );
}
