import { useMemo, useState } from 'react';
import { analyze } from '../models/analysis';
import { exportKeras, exportPyTorch } from '../models/export';
import { translateDynamic, useLocale, useT } from '../i18n';
import { useAppStore, useAppStoreApi } from '../store/context';
import { selectActiveRun } from '../store/selectors';
import { useCopy, useModalDialog } from '../ui/useModalDialog';
import { downloadText } from './download';
import { BUNDLE_FILE, buildTrainingBundle, bundleEpochs, downloadBytes } from './trainingBundle';

type Lang = 'pytorch' | 'keras';

/** The network as code a learner can run elsewhere (PyTorch or Keras), to copy or download. */
export function CodeDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const locale = useLocale();
  const network = useAppStore((s) => s.experiment.network);
  const training = useAppStore((s) => s.experiment.training);
  const [lang, setLang] = useState<Lang>('pytorch');
  const [copied, copyText] = useCopy();
  const dialog = useModalDialog();
  const analysis = useMemo(() => analyze(network), [network]);
  const problem = analysis.errors[0];
  const code = useMemo(() => {
    if (problem) return '';
    return lang === 'pytorch' ? exportPyTorch(network, analysis, training) : exportKeras(network, analysis, training);
  }, [lang, network, analysis, problem, training]);
  const file = lang === 'pytorch' ? 'gradient_garden_model_pytorch.py' : 'gradient_garden_model_keras.py';
  const download = () => downloadText(file, code, 'text/x-python');
  const copy = () => copyText(code);
  const store = useAppStoreApi();
  const trained = useAppStore((s) => selectActiveRun(s).step > 0);
  const epochsSoFar = useAppStore((s) => selectActiveRun(s).epoch);
  const experiment = useAppStore((s) => s.experiment);
  const epochs = bundleEpochs(experiment, epochsSoFar);
  const [bundle, setBundle] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const downloadBundle = async () => {
    setBundle({ busy: true, error: null });
    try {
      const s = store.getState();
      const weights = selectActiveRun(s).step > 0 ? await s.saveWeights() : null;
      downloadBytes(BUNDLE_FILE, await buildTrainingBundle(s.experiment, weights, epochs, s.table), 'application/zip');
      setBundle({ busy: false, error: null });
    } catch (e) {
      setBundle({ busy: false, error: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <dialog ref={dialog} className="code-dialog" aria-labelledby="code-title" onClose={onClose} onCancel={onClose} data-testid="code-dialog">
      <h2 id="code-title">{t('code.title')}</h2>
      <div className="segmented" role="radiogroup" aria-label={t('code.language')}>
        {(['pytorch', 'keras'] as const).map((l) => (
          <button key={l} type="button" role="radio" aria-checked={lang === l} className={lang === l ? 'on' : ''} onClick={() => setLang(l)} data-testid={`code-${l}`}>
            {t(`code.${l}`)}
          </button>
        ))}
      </div>
      {problem ? (
        <p className="notice notice-error" role="alert">
          {t('code.fixFirst', { node: problem.nodeId, reason: translateDynamic(locale, problem.error.key, problem.error.vars) })}
        </p>
      ) : (
        <pre className="code" data-testid="code-text" tabIndex={0}>
          {code}
        </pre>
      )}
      {!problem && (
        <div className="code-bundle">
          <p className="hint">
            {t('code.bundleHint')} {t(trained ? 'code.bundleEpochs' : 'code.bundleEpochsFresh', { epochs })}
          </p>
          {bundle.error && (
            <p className="notice notice-error" role="alert" data-testid="code-bundle-error">
              {t('code.bundleFailed', { reason: bundle.error })}
            </p>
          )}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary" disabled={!code} onClick={() => void copy()}>
          {copied ? t('code.copied') : t('code.copy')}
        </button>
        <button type="button" disabled={!code} onClick={download}>
          {t('code.download')}
        </button>
        <button type="button" disabled={!code || bundle.busy} onClick={() => void downloadBundle()} data-testid="code-bundle">
          {bundle.busy ? t('code.bundleBusy') : t('code.bundle')}
        </button>
        <button type="button" onClick={onClose}>
          {t('share.close')}
        </button>
      </div>
    </dialog>
  );
}
