/**
 * The lessons' own state, apart from the app's store (a lesson drives the app; the app does not
 * know lessons exist): which lesson and step are open, the map, the progress. A vanilla zustand
 * store made per App, as the app's is, so every test gets a fresh one.
 */

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KeyValueStorage } from '../store/persistence';
import { answerWelcome, readProgress, saveProgress, type Progress } from './progress';
import type { Lesson } from './format';
import type { Locale } from '../i18n';

export interface LessonState {
  /**
   * The open lesson and its step (0-based), or null. `fresh`: opened from outside (a link, the
   * map), so a step without its own `load` takes the nearest earlier one.
   */
  active: { id: string; step: number; fresh: boolean } | null;
  /** The panel folded to a strip, the lab taking the room. */
  collapsed: boolean;
  mapOpen: boolean;
  welcome: boolean;
  progress: Progress;
  /** A teacher's lesson from a file or link (lessons/teacher), played beside the curriculum's, in the language it was written in. */
  custom: { lesson: Lesson; lang: Locale } | null;
  /** The lesson editor (teacher-made lessons) is open. */
  writing: boolean;
  startCustom(custom: { lesson: Lesson; lang: Locale }, step?: number): void;
  setWriting(writing: boolean): void;
  openMap(): void;
  closeMap(): void;
  start(id: string, step?: number): void;
  goTo(step: number): void;
  close(): void;
  setCollapsed(collapsed: boolean): void;
  /** The first-visit card was answered: never shown again in this browser. */
  answerWelcome(answer: 'lesson' | 'play'): void;
  /** The check of `step` held: remembered for good. */
  markCheck(id: string, step: number): void;
}

export type LessonStore = StoreApi<LessonState>;

export function createLessonStore(storage: KeyValueStorage | null, initial: Partial<Pick<LessonState, 'welcome' | 'mapOpen'>> = {}): LessonStore {
  return createStore<LessonState>()((set, get) => {
    const update = (id: string, edit: (p: { furthest: number; checks: number[] }) => { furthest: number; checks: number[] }) => {
      const prev = get().progress[id] ?? { furthest: 0, checks: [] };
      const next = edit(prev);
      if (next.furthest === prev.furthest && next.checks.length === prev.checks.length) return;
      const progress = { ...get().progress, [id]: next };
      set({ progress });
      saveProgress(storage, progress);
    };
    const visit = (id: string, step: number) => update(id, (p) => ({ ...p, furthest: Math.max(p.furthest, step) }));
    return {
      active: null,
      collapsed: false,
      mapOpen: initial.mapOpen ?? false,
      welcome: initial.welcome ?? false,
      progress: readProgress(storage),
      custom: null,
      writing: false,
      startCustom: (custom, step = 0) => {
        set({ custom, writing: false });
        get().start(custom.lesson.id, Math.min(Math.max(0, step), custom.lesson.steps.length - 1));
      },
      setWriting: (writing) => set({ writing, ...(writing ? { mapOpen: false } : {}) }),
      openMap: () => set({ mapOpen: true }),
      closeMap: () => set({ mapOpen: false }),
      start: (id, step = 0) => {
        set({ active: { id, step, fresh: true }, mapOpen: false, collapsed: false, welcome: false });
        visit(id, step);
      },
      goTo: (step) => {
        const active = get().active;
        if (!active) return;
        set({ active: { ...active, step, fresh: false } });
        visit(active.id, step);
      },
      close: () => set({ active: null }),
      setCollapsed: (collapsed) => set({ collapsed }),
      answerWelcome: (answer) => {
        answerWelcome(storage, answer);
        set({ welcome: false });
      },
      markCheck: (id, step) => update(id, (p) => (p.checks.includes(step) ? p : { ...p, checks: [...p.checks, step].sort((a, b) => a - b) })),
    };
  });
}
