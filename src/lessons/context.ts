import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { LessonState, LessonStore } from './lessonStore';

/**
 * The window event the open lesson listens to (detail 'next' or 'back'), so the keyboard and a
 * presentation clicker turn its steps exactly as its buttons do.
 */
export const LESSON_KEY_EVENT = 'gg-lesson-key';

/** The lessons' store, handed down by the App; null where there are no lessons (some tests). */
export const LessonsContext = createContext<LessonStore | null>(null);

export function useLessonsApi(): LessonStore | null {
  return useContext(LessonsContext);
}

/** Select from the lessons' store (which must be provided). */
export function useLessons<T>(selector: (s: LessonState) => T): T {
  const store = useContext(LessonsContext);
  if (!store) throw new Error('useLessons needs a <LessonsContext.Provider>');
  return useStore(store, selector);
}
