import { useContext, useRef } from 'react';
import { useT } from '../../i18n';
import { StoreContext } from '../../store/context';
import type { LessonStore } from '../lessonStore';
import { openTeacherFile } from './openTeacherLesson';

/** In the lesson map: write a lesson (the editor), or open one a teacher saved as a file. */
export function TeacherLessonButtons({ lessons }: { lessons: LessonStore }) {
  const t = useT();
  // The map may be shown without the app (its own tests): then there is no lesson to write or open.
  const store = useContext(StoreContext);
  const input = useRef<HTMLInputElement>(null);
  if (!store) return null;
  return (
    <>
      <button type="button" onClick={() => lessons.getState().setWriting(true)} data-testid="lesson-write">
        {t('teacher.write')}
      </button>
      <button type="button" onClick={() => input.current?.click()} data-testid="lesson-open-file">
        {t('teacher.openFile')}
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="lesson-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void openTeacherFile(lessons, store, file);
        }}
      />
    </>
  );
}
