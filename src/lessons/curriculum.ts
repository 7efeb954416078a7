import { useEffect, useSyncExternalStore } from 'react';
import type { Lesson } from './format';

/**
 * The curriculum (index.ts: every lesson's text and steps, ~250 KB of source) as a chunk of its
 * own, loaded when a lesson, the map or the welcome needs it rather than with the first screen.
 * Loaded once; the validator and the tests import index.ts directly, as before.
 */
let loaded: readonly Lesson[] | null = null;
let pending: Promise<readonly Lesson[]> | null = null;
const listeners = new Set<() => void>();

export function loadCurriculum(): Promise<readonly Lesson[]> {
  pending ??= import('./index').then((m) => {
    loaded = m.LESSONS;
    for (const listener of [...listeners]) listener();
    return m.LESSONS;
  });
  return pending;
}

/** The lessons if they have loaded, else null. */
export function curriculumNow(): readonly Lesson[] | null {
  return loaded;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The lessons, or null until they have loaded; with `need`, start loading them. */
export function useCurriculum(need: boolean): readonly Lesson[] | null {
  const list = useSyncExternalStore(subscribe, curriculumNow);
  useEffect(() => {
    if (need && !loaded) void loadCurriculum();
  }, [need]);
  return list;
}
