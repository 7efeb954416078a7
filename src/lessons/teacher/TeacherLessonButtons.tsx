import { useContext } from 'react';
import { useT } from '../../i18n';
import { StoreContext } from '../../store/context';
import { FileButton } from '../../ui/FileButton';
import type { LessonStore } from '../lessonStore';
import { openTeacherFile } from './openTeacherLesson';

/** In the lesson map: write a lesson (the editor), or open one a teacher saved as a file. */
export function TeacherLessonButtons({ lessons }: { lessons: LessonStore }) {
  const t = useT();
  // The map may be shown without the app (its own tests): then there is no lesson to write or open.
  const store = useContext(StoreContext);
  if (!store) return null;
  return (
    <>
      <button type="button" onClick={() => lessons.getState().setWriting(true)} data-testid="lesson-write">
        {t('teacher.write')}
      </button>
      <FileButton accept="application/json,.json" testId="lesson-open-file" inputTestId="lesson-file-input" onFiles={([file]) => void openTeacherFile(lessons, store, file)}>
        {t('teacher.openFile')}
      </FileButton>
    </>
  );
}
