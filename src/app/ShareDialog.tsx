import { useState } from 'react';
import { CONTROL_IDS, type ControlId } from '../models/codec';
import { useT } from '../i18n';
import { useAppStoreApi } from '../store/context';
import { shareUrl } from '../store/persistence';
import { useCopy, useModalDialog } from '../ui/useModalDialog';

/** The share link, with a teacher's choice of controls to hide from learners. */
export function ShareDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const store = useAppStoreApi();
  const [hide, setHide] = useState<ControlId[]>(store.getState().hide);
  const [copied, copyText] = useCopy();
  const dialog = useModalDialog();
  const url = shareUrl(window.location.href, store.getState(), hide);
  const toggle = (id: ControlId) => setHide((h) => (h.includes(id) ? h.filter((x) => x !== id) : CONTROL_IDS.filter((c) => c === id || h.includes(c))));
  const copy = () => copyText(url);
  return (
    <dialog ref={dialog} className="share-dialog" aria-labelledby="share-title" onClose={onClose} onCancel={onClose} data-testid="share-dialog">
      <h2 id="share-title">{t('share.title')}</h2>
      <p>{t('share.hint')}</p>
      <label className="share-link">
        {t('share.link')}
        <input readOnly value={url} data-testid="share-url" onFocus={(e) => e.target.select()} />
      </label>
      <fieldset>
        <legend>{t('share.hide')}</legend>
        <div className="share-controls">
          {CONTROL_IDS.map((id) => (
            <label key={id}>
              <input type="checkbox" checked={hide.includes(id)} onChange={() => toggle(id)} /> {t(`control.${id}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={() => void copy()}>
          {copied ? t('notice.linkCopied') : t('share.copy')}
        </button>
        <button type="button" onClick={onClose}>
          {t('share.close')}
        </button>
      </div>
    </dialog>
  );
}
