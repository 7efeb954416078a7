import { useState } from 'react';
import { useLocale, useT } from '../../i18n';
import type { DiffItem } from '../../models/runDiff';
import { useAppStore, useAppStoreApi } from '../../store/context';
import { loadPretrainedTeacher, loadTeacherText } from '../../store/teacherFileActions';
import { FileButton } from '../../ui/FileButton';
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
  const open = async (file: File) => {
    setBusy(true);
    try {
      setError(loadTeacherText(store, await file.text(), file.name));
    } catch {
      setError({ key: 'teacherFile.err.read' });
    } finally {
      setBusy(false);
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
        <FileButton accept="application/json,.json" testId="teacher-open" inputTestId="teacher-file-input" disabled={busy} onFiles={([file]) => void open(file)}>
          {t('teacherFile.open')}
        </FileButton>
      </div>
      {error ? (
        <p className="tool-error" role="alert" data-testid="teacher-file-error">
          {t('teacherFile.refused', { cause: diffText(locale, error) })}
        </p>
      ) : null}
    </div>
  );
}
