import { useState } from 'react';
import { CONTROL_GROUPS, CONTROL_IDS, type ControlGroup, type ControlId } from '../models/codec';
import { modalityOf } from '../models/spec';
import { useT } from '../i18n';
import { useAppStore, useAppStoreApi } from '../store/context';
import { shareUrl } from '../store/persistence';
import { useCopy, useModalDialog } from '../ui/useModalDialog';
import { ChallengeEditor } from './challenge/ChallengeEditor';
import type { EditorPolicy } from '../models/editorPolicy';
import { ShareEditorPolicy } from './ShareEditorPolicy';

/**
 * What "hide everything that changes the setup" keeps: what a student needs to explore the
 * teacher's setup without changing it (train, step, look at test data, draw, pick a probe, generate).
 */
const EXPLORE: readonly ControlId[] = ['reset', 'step', 'speed', 'showTestData', 'discretize', 'drawing', 'probePicker', 'generation'];

/** The share link, with a teacher's choice of controls to hide from learners, grouped by where they are. */
export function ShareDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const store = useAppStoreApi();
  const lab = useAppStore((s) => modalityOf(s.experiment.dataset.kind));
  // The link carries the challenge: a new one changes it.
  useAppStore((s) => s.challenge);
  const [hide, setHide] = useState<ControlId[]>(store.getState().hide);
  const [policy, setPolicy] = useState<EditorPolicy>(store.getState().editorPolicy);
  const [copied, copyText] = useCopy();
  const dialog = useModalDialog();
  const url = shareUrl(window.location.href, store.getState(), hide, policy);
  const inOrder = (ids: Iterable<ControlId>) => CONTROL_IDS.filter((c) => new Set(ids).has(c));
  const toggle = (id: ControlId) => setHide((h) => (h.includes(id) ? h.filter((x) => x !== id) : inOrder([...h, id])));
  const copy = () => copyText(url);
  // This lab's controls first; the other labs' under a fold (a link may be opened in any lab).
  // The ratings lab has no controls of its own.
  const shown: ControlGroup[] = lab === 'ratings' ? ['app', 'training', 'data', 'editor'] : ['app', 'training', 'data', lab, 'editor'];
  const others = (['points', 'images', 'sequences'] as const).filter((g) => g !== lab);
  const group = (g: ControlGroup) => {
    const ids: readonly ControlId[] = CONTROL_GROUPS[g];
    const n = ids.filter((id) => hide.includes(id)).length;
    return (
      <fieldset key={g} className="share-group" data-testid={`share-group-${g}`}>
        <legend>
          {t(`share.group.${g}`)}
          {n ? <span className="share-count"> · {t('share.hiddenCount', { n })}</span> : null}
        </legend>
        <div className="share-controls">
          {ids.map((id) => (
            <label key={id}>
              <input type="checkbox" checked={hide.includes(id)} onChange={() => toggle(id)} data-testid={`hide-${id}`} /> {t(`control.${id}`)}
            </label>
          ))}
        </div>
        {g === 'editor' ? <ShareEditorPolicy policy={policy} onChange={setPolicy} /> : null}
      </fieldset>
    );
  };
  return (
    <dialog ref={dialog} className="share-dialog" aria-labelledby="share-title" onClose={onClose} onCancel={onClose} data-testid="share-dialog">
      <h2 id="share-title">{t('share.title')}</h2>
      <p>{t('share.hint')}</p>
      <label className="share-link">
        {t('share.link')}
        <input readOnly value={url} data-testid="share-url" onFocus={(e) => e.target.select()} />
      </label>
      <ChallengeEditor onOpenedHandIn={onClose} />
      <p className="share-hide-title">{t('share.hide')}</p>
      <div className="share-quick">
        <button type="button" onClick={() => setHide(CONTROL_IDS.filter((c) => !EXPLORE.includes(c)))} data-testid="share-lock-all">
          {t('share.lockAll')}
        </button>
        <button type="button" onClick={() => setHide([])} disabled={hide.length === 0}>
          {t('share.showAll')}
        </button>
      </div>
      <div className="share-groups">{shown.map(group)}</div>
      <details className="share-other-labs">
        <summary>{others.map((g) => t(`share.group.${g}`)).join(' · ')}</summary>
        <div className="share-groups">{others.map(group)}</div>
      </details>
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
