import { useSyncExternalStore } from 'react';
import { useT } from '../../i18n';
import { appUpdates, type UpdateTracker } from './updates';

/**
 * "A new version is ready": shown while a new service worker waits. Never reloads by itself (a
 * class may be in the middle of something); the button applies the update and reloads.
 */
export function UpdateNotice({ tracker = appUpdates }: { tracker?: UpdateTracker }) {
  const state = useSyncExternalStore(tracker.subscribe, tracker.getState, tracker.getState);
  const t = useT();
  if (state === 'idle') return null;
  return (
    <div className="notice notice-info update-notice" role="status" data-testid="update-notice">
      <span>{t('offline.updateReady')}</span>
      <button type="button" className="update-apply" onClick={() => tracker.apply()} disabled={state === 'applying'} data-testid="update-apply">
        {state === 'applying' ? t('offline.updating') : t('offline.reloadNow')}
      </button>
    </div>
  );
}
