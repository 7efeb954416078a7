import { useState } from 'react';
import { useT } from '../../i18n';
import { handInUrl } from '../../lessons/challenge/handInLink';
import { atHandInPoint, claimOf } from '../../lessons/challenge/watch';
import { encodeHandInFile, type HandIn } from '../../models/handIn';
import { useAppStore, useAppStoreApi } from '../../store/context';
import { useCopy, useModalDialog } from '../../ui/useModalDialog';
import { downloadText } from '../download';
import { metricsText } from './claimText';

export const HAND_IN_FILE_NAME = 'gradient-garden-hand-in.json';

/**
 * The student's hand-in: a link and a file with the Experiment, the challenge and the claim. Only a
 * run stopped at an epoch's end by the stop rule can be handed in (a re-run reproduces exactly that
 * point); otherwise one button sets the rule to the next epoch's end and trains there.
 */
export function HandInDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const store = useAppStoreApi();
  const dialog = useModalDialog();
  const [copied, copy] = useCopy();
  const ready = useAppStore(atHandInPoint);
  const step = useAppStore((s) => s.runs[s.activeRunId]?.step ?? 0);
  const epoch = useAppStore((s) => s.runs[s.activeRunId]?.epoch ?? 0);
  const running = useAppStore((s) => s.runs[s.activeRunId]?.status === 'running');
  const [finishing, setFinishing] = useState<number | null>(null);
  const s = store.getState();
  const handIn: HandIn | null = ready && s.challenge ? { experiment: s.experiment, challenge: s.challenge, claim: claimOf(s) } : null;
  const url = handIn ? handInUrl(window.location.href, handIn) : '';
  const next = epoch + 1;
  const finish = () => {
    const st = store.getState();
    st.apply({ type: 'stopRule', patch: { epochs: next } });
    setFinishing(next);
    st.play();
  };
  return (
    <dialog ref={dialog} className="handin-dialog" aria-labelledby="handin-title" onClose={onClose} onCancel={onClose} data-testid="handin-dialog">
      <h2 id="handin-title">{t('challenge.handInTitle')}</h2>
      {handIn ? (
        <>
          <p>{t('challenge.handInReady', { epoch: handIn.claim.epoch, step: handIn.claim.step })}</p>
          <p className="handin-claim">{t('challenge.claimLine', { step: handIn.claim.step, epoch: handIn.claim.epoch, metrics: metricsText(t, handIn.claim.metrics) })}</p>
          <label className="share-link">
            {t('challenge.handInLink')}
            <input readOnly value={url} data-testid="handin-url" onFocus={(e) => e.target.select()} />
          </label>
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={() => void copy(url)}>
              {copied ? t('challenge.copied') : t('challenge.copyLink')}
            </button>
            <button type="button" onClick={() => downloadText(HAND_IN_FILE_NAME, encodeHandInFile(handIn), 'application/json')} data-testid="handin-download">
              {t('challenge.download')}
            </button>
            <button type="button" onClick={onClose}>
              {t('challenge.close')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p>{step === 0 ? t('challenge.handInTrainFirst') : t('challenge.handInNeedsEpoch', { step, epoch })}</p>
          <div className="dialog-actions">
            {step > 0 ? (
              finishing !== null && running ? (
                <span role="status" data-testid="handin-finishing">{t('challenge.finishing', { n: finishing })}</span>
              ) : (
                <button type="button" className="primary" onClick={finish} data-testid="handin-finish">
                  {t('challenge.finishEpoch', { n: next })}
                </button>
              )
            ) : null}
            <button type="button" onClick={onClose}>
              {t('challenge.close')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
