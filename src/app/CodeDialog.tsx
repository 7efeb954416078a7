import { useMemo, useState } from 'react';
import { analyze } from '../models/analysis';
import { exportKeras, exportPyTorch } from '../models/export';
import { translateDynamic, useLocale, useT } from '../i18n';
import { useAppStore } from '../store/context';
import { useCopy, useModalDialog } from '../ui/useModalDialog';
import { downloadText } from './download';

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
      <div className="dialog-actions">
        <button type="button" className="primary" disabled={!code} onClick={() => void copy()}>
          {copied ? t('code.copied') : t('code.copy')}
        </button>
        <button type="button" disabled={!code} onClick={download}>
          {t('code.download')}
        </button>
        <button type="button" onClick={onClose}>
          {t('share.close')}
        </button>
      </div>
    </dialog>
  );
}
