import { useRef, useState } from 'react';
import { useLocale, useT } from '../../i18n';
import type { DiffItem } from '../../models/runDiff';
import { useAppStore, useAppStoreApi } from '../../store/context';
import { loadPretrainedTeacher, loadTeacherText } from '../../store/teacherFileActions';
import { diffText } from '../PinnedRuns';

/**
 * The distillation tab's other teachers (issue 16): the shipped pre-trained digit CNN, or a network
 * the learner saved with its weights. Says where the current teacher came from; a file that cannot
 * teach this network is refused with the reason, and nothing else changes.
 */
export function TeacherFromFile() {
  const t = useT();
  const locale = useLocale();
  const store = useAppStoreApi();
  const teacher = useAppStore((s) => s.distillTeacher);
  // A teacher without a source is the network trained on this page (captureTeacher).
  const source = teacher ? (teacher.source ?? { kind: 'page' as const }) : null;
  const [error, setError] = useState<DiffItem | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const open = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      setError(loadTeacherText(store, await file.text(), file.name));
    } catch {
      setError({ key: 'teacherFile.err.read' });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  const pretrained = async () => {
    setBusy(true);
    setError(await loadPretrainedTeacher(store));
    setBusy(false);
  };
  return (
    <div className="teacher-file" data-testid="teacher-file">
      {source ? (
        <p className="teacher-source" data-testid="teacher-source">
          {source.kind === 'page' ? t('teacherFile.from.page') : t(source.kind === 'pretrained' ? 'teacherFile.from.pretrained' : 'teacherFile.from.file', { name: source.name })}
        </p>
      ) : null}
      {source && source.kind !== 'page' ? <p className="hint">{t('teacherFile.overlap')}</p> : null}
      <div className="distill-buttons">
        <button type="button" data-testid="teacher-pretrained" disabled={busy} onClick={() => void pretrained()}>
          {t('teacherFile.usePretrained')}
        </button>
        <button type="button" data-testid="teacher-open" disabled={busy} onClick={() => input.current?.click()}>
          {t('teacherFile.open')}
        </button>
        <input ref={input} type="file" accept="application/json,.json" hidden data-testid="teacher-file-input" onChange={(e) => void open(e.target.files?.[0])} />
      </div>
      {error ? (
        <p className="tool-error" role="alert" data-testid="teacher-file-error">
          {t('teacherFile.refused', { cause: diffText(locale, error) })}
        </p>
      ) : null}
    </div>
  );
}
