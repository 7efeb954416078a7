/**
 * What a learner has done in the lessons, remembered in this browser (as the work and the
 * preferences are, store/persistence.ts): per lesson, the furthest step opened and the steps whose
 * check held. Storage may be absent, blocked or full: reads fall back to nothing, writes are
 * dropped silently, and the lessons work on for the visit.
 */

import { hasLinkState } from '../models/codec';
import { PREFS_KEY, WORK_KEY, type KeyValueStorage } from '../store/persistence';
import type { Lesson } from './format';

export const PROGRESS_KEY = 'gradient-garden:lessons';
export const WELCOME_KEY = 'gradient-garden:welcome';

export interface LessonProgress {
  /** The furthest step opened, 0-based. */
  furthest: number;
  /** Steps (0-based) whose check held. */
  checks: number[];
}
export type Progress = Readonly<Record<string, LessonProgress>>;

const isIndexList = (v: unknown): v is number[] => Array.isArray(v) && v.length <= 200 && v.every((n) => Number.isInteger(n) && n >= 0 && n < 200);

/** The stored progress, validated entry by entry (a bad entry is dropped, not the rest). */
export function readProgress(storage: KeyValueStorage | null): Progress {
  const out: Record<string, LessonProgress> = Object.create(null) as Record<string, LessonProgress>;
  try {
    const raw = JSON.parse(storage?.getItem(PROGRESS_KEY) ?? '{}') as unknown;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
    for (const [id, entry] of Object.entries(raw as Record<string, unknown>)) {
      if (!/^[a-z0-9-]+$/.test(id) || typeof entry !== 'object' || entry === null) continue;
      const { furthest, checks } = entry as Record<string, unknown>;
      if (!Number.isInteger(furthest) || (furthest as number) < 0 || !isIndexList(checks)) continue;
      out[id] = { furthest: furthest as number, checks: [...new Set(checks)].sort((a, b) => a - b) };
    }
  } catch {
    // Unreadable or blocked: start with nothing.
  }
  return out;
}

export function saveProgress(storage: KeyValueStorage | null, progress: Progress): void {
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Full or blocked: progress lives for this visit only.
  }
}

/** Done: every check of the lesson held (a lesson without checks: its last step was reached). */
export function isLessonDone(lesson: Lesson, p: LessonProgress | undefined): boolean {
  if (!p) return false;
  const checks = lesson.steps.flatMap((s, i) => (s.check ? [i] : []));
  return checks.length ? checks.every((i) => p.checks.includes(i)) : p.furthest >= lesson.steps.length - 1;
}

/** Whether the welcome card was already answered in this browser. */
export function welcomeAnswered(storage: KeyValueStorage | null): boolean {
  try {
    return storage?.getItem(WELCOME_KEY) !== null && storage !== null;
  } catch {
    return true;
  }
}

export function answerWelcome(storage: KeyValueStorage | null, answer: 'lesson' | 'play'): void {
  try {
    storage?.setItem(WELCOME_KEY, answer);
  } catch {
    // Blocked: it shows again next visit, which is harmless.
  }
}

/**
 * A first visit: nothing saved (no work, no preferences, no welcome answer) and no link (a shared
 * Experiment, a lesson or the lesson map). A returning learner or a shared link never sees the card.
 */
export function isFirstVisit(storage: KeyValueStorage | null, location: { hash: string; search: string }): boolean {
  if (!storage || hasLinkState(location.hash)) return false;
  const params = new URLSearchParams(location.search);
  if (params.has('lesson') || params.has('lessons')) return false;
  try {
    return storage.getItem(WORK_KEY) === null && storage.getItem(PREFS_KEY) === null && storage.getItem(WELCOME_KEY) === null;
  } catch {
    return false;
  }
}

/** What the address asks of the lessons: `?lessons`, `?lesson=<id>&step=<n>` (n from 1). */
export interface LessonLink {
  map: boolean;
  lesson: string | null;
  /** 0-based. */
  step: number;
}

export function readLessonLink(search: string): LessonLink {
  const params = new URLSearchParams(search);
  const step = Number.parseInt(params.get('step') ?? '1', 10);
  return { map: params.has('lessons'), lesson: params.get('lesson'), step: Number.isFinite(step) && step >= 1 ? step - 1 : 0 };
}
