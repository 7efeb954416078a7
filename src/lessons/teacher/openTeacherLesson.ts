/**
 * A student opening a teacher's lesson: from a link (`#l=`, at start or pasted into the tab), a
 * file (the lesson map's "Open a lesson file"), or a reload of `?lesson=teacher-…` (the lesson last
 * opened is remembered). A bad one is a notice naming the step and field; the current work stays.
 */

import { useEffect } from 'react';
import { translateDynamic } from '../../i18n';
import type { AppStore } from '../../store/createAppStore';
import type { LessonStore } from '../lessonStore';
import type { LessonLink } from '../progress';
import { openedLesson, rememberOpened } from './draft';
import { problemText } from './problemText';
import { decodeTeacherFile, decodeTeacherLink, hasLessonLink, TEACHER_LESSON_LIMITS, teacherLessonId, type DecodedTeacherLesson } from './teacherLesson';

/** Play a decoded lesson, or say why it cannot be opened. True when it opened. */
export function openDecoded(lessons: LessonStore, store: AppStore, decoded: DecodedTeacherLesson, step = 0): boolean {
  if (!decoded.ok) {
    const locale = store.getState().locale;
    const reason = decoded.problems.slice(0, 3).map((p) => problemText(locale, p)).join(' · ');
    store.getState().notify({ kind: 'error', key: 'teacher.openFailed', vars: { reason } });
    return false;
  }
  rememberOpened(decoded.teacher);
  lessons.getState().startCustom({ lesson: decoded.lesson, lang: decoded.teacher.lang }, step);
  return true;
}

/** A lesson file chosen by the student. */
export async function openTeacherFile(lessons: LessonStore, store: AppStore, file: File): Promise<boolean> {
  if (file.size > TEACHER_LESSON_LIMITS.file) {
    const reason = translateDynamic(store.getState().locale, 'teacher.err.tooLarge', { max: TEACHER_LESSON_LIMITS.file });
    store.getState().notify({ kind: 'error', key: 'teacher.openFailed', vars: { reason } });
    return false;
  }
  return openDecoded(lessons, store, decodeTeacherFile(await file.text()));
}

/**
 * What the address asks: a lesson in the fragment, else a remembered teacher's lesson by id.
 * Returns true when it handled the address (the curriculum need not look).
 */
export function openFromAddress(lessons: LessonStore, store: AppStore, hash: string, link: LessonLink | undefined): boolean {
  if (hasLessonLink(hash)) {
    openDecoded(lessons, store, decodeTeacherLink(hash), link?.step ?? 0);
    return true;
  }
  if (link?.lesson?.startsWith('teacher-')) {
    const remembered = openedLesson(link.lesson, teacherLessonId);
    if (remembered) return openDecoded(lessons, store, remembered, link.step);
  }
  return false;
}

/** A lesson link pasted into this tab opens too. */
export function useTeacherLessonLinks(lessons: LessonStore, store: AppStore): void {
  useEffect(() => {
    const onHashChange = () => {
      if (hasLessonLink(window.location.hash)) openDecoded(lessons, store, decodeTeacherLink(window.location.hash));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [lessons, store]);
}
