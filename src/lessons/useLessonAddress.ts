import { useEffect } from 'react';
import type { LessonStore } from './lessonStore';

/**
 * The address follows the open lesson (`?lesson=<id>&step=<n>`), so a reload or a copied address
 * comes back to the same step; closing the lesson or the map takes their parameters away. The
 * hash (a shared Experiment) and other parameters are left as they are.
 */
export function lessonSearch(search: string, active: { id: string; step: number } | null, mapOpen: boolean): string {
  const params = new URLSearchParams(search);
  params.delete('lesson');
  params.delete('step');
  if (!mapOpen) params.delete('lessons');
  if (active) {
    params.set('lesson', active.id);
    params.set('step', String(active.step + 1));
  }
  // `?lessons` reads better than `?lessons=`.
  const text = params.toString().replace(/(^|&)lessons=(?=&|$)/, '$1lessons');
  return text ? `?${text}` : '';
}

export function useLessonAddress(lessons: LessonStore): void {
  useEffect(() => {
    const sync = () => {
      const { active, mapOpen } = lessons.getState();
      const search = lessonSearch(window.location.search, active, mapOpen);
      if (search === window.location.search) return;
      const { pathname, hash } = window.location;
      window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`);
    };
    return lessons.subscribe((s, prev) => {
      if (s.active !== prev.active || s.mapOpen !== prev.mapOpen) sync();
    });
  }, [lessons]);
}
