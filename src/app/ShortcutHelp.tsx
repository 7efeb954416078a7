import { useT } from '../i18n';
import { useModalDialog } from '../ui/useModalDialog';
import { SHORTCUTS } from './shortcuts';

/** The keyboard shortcuts, as a table (the `?` key opens it). */
export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const t = useT();
  const dialog = useModalDialog();
  return (
    <dialog ref={dialog} className="keys-dialog" aria-labelledby="keys-title" onClose={onClose} onCancel={onClose} data-testid="keys-dialog">
      <h2 id="keys-title">{t('keys.title')}</h2>
      <p className="hint">{t('keys.hint')}</p>
      <table className="keys-table">
        <thead>
          <tr>
            <th scope="col">{t('keys.key')}</th>
            <th scope="col">{t('keys.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? ' / ' : ''}
                    <kbd>{k === 'Space' ? t('keys.space') : k}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(s.label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('keys.close')}
        </button>
      </div>
    </dialog>
  );
}
