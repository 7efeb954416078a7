import { Suspense } from 'react';
import { useStore } from 'zustand';
import type { LessonStore } from '../lessonStore';
import { lazyNamed } from '../../ui/lazyNamed';

// The editor (its preview, validation and link encoding) loads when a teacher first opens it.
const EditorDialog = lazyNamed(() => import('./LessonEditor'), (m) => m.EditorDialog);

/** The teacher's lesson editor, while the lesson store says a lesson is being written. */
export function LessonEditor({ lessons }: { lessons: LessonStore }) {
  const writing = useStore(lessons, (s) => s.writing);
  return writing ? (
    <Suspense fallback={null}>
      <EditorDialog lessons={lessons} />
    </Suspense>
  ) : null;
}
