import { useSyncExternalStore } from 'react';
import { useT, type MessageKey } from '../i18n';
import { useAppStoreApi } from '../store/context';
import type { Autosave, AutosaveNotice } from '../store/autosave';
import { downloadExperiment } from './download';

function messageOf(n: AutosaveNotice): MessageKey {
  if (n.kind === 'saveFailed') return n.reason === 'quota' ? 'notice.saveFailed.quota' : 'notice.saveFailed.blocked';
  if (n.kind === 'tookOver') return 'notice.tookOver';
  return n.why === 'otherTabClosed' ? 'notice.otherTabClosed' : n.why === 'otherTabSaved' ? 'notice.otherTabSaved' : 'notice.otherTab';
}

/**
 * What autosave has to say: it cannot save (full or blocked storage), or another tab saves this
 * work. Said once; the learner always has a way to keep the work (a file, or this tab's version).
 */
export function SaveNotice({ autosave }: { autosave: Autosave }) {
  const t = useT();
  const store = useAppStoreApi();
  const { notice } = useSyncExternalStore(autosave.subscribe, autosave.status, autosave.status);
  if (!notice) return null;
  const saveFile = (
    <button type="button" onClick={() => downloadExperiment(store.getState().experiment)} data-testid="save-file">
      {t('notice.saveAsFile')}
    </button>
  );
  return (
    <div className={`notice notice-${notice.kind === 'tookOver' ? 'info' : 'warning'} save-notice`} role="status" data-testid="save-notice" data-kind={notice.kind}>
      <span>{t(messageOf(notice))}</span>
      {notice.kind === 'paused' ? (
        <span className="notice-actions">
          <button type="button" onClick={() => autosave.keepThisVersion()} data-testid="keep-this">
            {t('notice.keepThis')}
          </button>
          {notice.canLoadOther ? (
            <button type="button" onClick={() => autosave.loadOtherVersion()} data-testid="load-other">
              {t('notice.loadOther')}
            </button>
          ) : null}
          {saveFile}
        </span>
      ) : notice.kind === 'saveFailed' ? (
        <span className="notice-actions">{saveFile}</span>
      ) : null}
      {notice.kind !== 'paused' ? (
        <button type="button" className="notice-close" onClick={() => autosave.dismiss()} aria-label={t('notice.dismiss')}>
          ×
        </button>
      ) : null}
    </div>
  );
}
