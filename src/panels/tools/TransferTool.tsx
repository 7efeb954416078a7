import { useState } from 'react';
import { useLocale, useT } from '../../i18n';
import { featureLayers, frozenLayers, parameterCounts, FEW_SHOT_PER_CLASS } from '../../models/transfer';
import { useAppStore, useAppStoreApi } from '../../store/context';
import { fineTuneOnShapes, fromScratch, loadOwnWeights, loadPretrained, setFeaturesFrozen } from '../../store/transferActions';
import { startLabel } from '../../models/runStart';
import { diffText } from '../PinnedRuns';
import { FileButton } from '../../ui/FileButton';
import './TransferTool.css';

/** Held-out accuracy of the shipped pre-trained network (scripts/pretrain-mnist.meta.json). */
const PRETRAINED_ACCURACY = '96.4 %';

/**
 * Transfer learning: load the pre-trained digit network, fine-tune it on a few shapes with a new
 * head (features frozen), unfreeze, or start from scratch on the same examples; pin each run under
 * the loss chart to overlay them.
 */
export default function TransferTool() {
  const t = useT();
  const locale = useLocale();
  const store = useAppStoreApi();
  const network = useAppStore((s) => s.experiment.network);
  const perClass = useAppStore((s) => s.experiment.dataset.perClass ?? 0);
  const runStart = useAppStore((s) => s.runStart);
  const [busy, setBusy] = useState(false);
  const frozen = frozenLayers(network);
  const features = featureLayers(network);
  const counts = parameterCounts(network);
  const run = (work: () => Promise<unknown>) => {
    setBusy(true);
    void work().finally(() => setBusy(false));
  };
  return (
    <div className="tool transfer-tool" data-testid="tool-transfer">
      <p className="hint">{t('transfer.intro')}</p>
      <ol className="transfer-steps">
        <li>
          <button type="button" data-testid="transfer-load" disabled={busy} onClick={() => run(() => loadPretrained(store))}>
            {t('transfer.load')}
          </button>
          <p className="hint">{t('transfer.load.hint', { acc: PRETRAINED_ACCURACY })}</p>
          <FileButton
            accept="application/json,.json"
            testId="transfer-load-own"
            inputTestId="transfer-file-input"
            disabled={busy}
            onFiles={([file]) => run(async () => loadOwnWeights(store, await file.text(), file.name))}
          >
            {t('transfer.loadOwn')}
          </FileButton>
          <p className="hint">{t('transfer.loadOwn.hint')}</p>
        </li>
        <li>
          <button type="button" data-testid="transfer-finetune" disabled={busy} onClick={() => run(() => fineTuneOnShapes(store))}>
            {t('transfer.fineTune', { n: FEW_SHOT_PER_CLASS })}
          </button>
          <p className="hint">{t('transfer.fineTune.hint')}</p>
        </li>
        <li className="transfer-row">
          <button type="button" data-testid="transfer-freeze" disabled={busy || features.length === 0} onClick={() => setFeaturesFrozen(store, true)}>
            {t('transfer.freeze')}
          </button>
          <button type="button" data-testid="transfer-unfreeze" disabled={busy || frozen.length === 0} onClick={() => setFeaturesFrozen(store, false)}>
            {t('transfer.unfreeze')}
          </button>
        </li>
        <li>
          <button type="button" data-testid="transfer-scratch" disabled={busy} onClick={() => fromScratch(store)}>
            {t('transfer.scratch')}
          </button>
          <p className="hint">{t('transfer.scratch.hint')}</p>
        </li>
      </ol>
      <p className="transfer-status" data-testid="transfer-status" aria-live="polite">
        {busy ? t('transfer.working') : t('transfer.status', { frozen: frozen.length ? frozen.join(', ') : t('transfer.none'), trainable: counts.trainable.toLocaleString(locale), total: counts.total.toLocaleString(locale) })}
        <br />
        {perClass > 0 ? t('transfer.examples', { n: perClass }) : t('transfer.allExamples')}
        <br />
        <span data-testid="transfer-start">{t('transfer.start', { start: diffText(locale, startLabel(runStart)) })}</span>
      </p>
    </div>
  );
}
