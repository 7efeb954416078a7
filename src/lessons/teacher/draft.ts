/**
 * The lesson being written, kept in this browser so closing the editor (or the tab) loses nothing.
 * Read back through the same decoder as a file; a damaged draft is dropped.
 */

import type { Locale } from '../../i18n';
import { decodeExperiment } from '../../models/codec';
import { decodeTeacherValue, encodeTeacherFile, type TeacherLesson } from './teacherLesson';

export const DRAFT_KEY = 'gradient-garden:lesson-draft';
/** The teacher's lesson last opened from a link or file, so `?lesson=teacher-…` survives a reload. */
export const OPENED_KEY = 'gradient-garden:teacher-lesson';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function emptyDraft(lang: Locale): TeacherLesson {
  return { lang, title: '', steps: [{ text: '' }] };
}

/** The saved draft as it was typed (problems and all), or null. */
export function readDraft(): TeacherLesson | null {
  try {
    const raw = JSON.parse(storage()?.getItem(DRAFT_KEY) ?? 'null') as unknown;
    if (!raw || typeof raw !== 'object') return null;
    const d = raw as Partial<TeacherLesson>;
    if ((d.lang !== 'en' && d.lang !== 'zh-CN') || typeof d.title !== 'string' || !Array.isArray(d.steps) || d.steps.length > 60) return null;
    // A draft may be unfinished (empty text, a half-typed check), so only its shape is checked here.
    const steps = d.steps
      .filter((s): s is TeacherLesson['steps'][number] => typeof s === 'object' && s !== null && typeof (s as { text?: unknown }).text === 'string')
      .map((s) => {
        const setup = s.setup === undefined ? null : decodeExperiment(s.setup);
        const { setup: _drop, ...rest } = s;
        return setup?.ok ? { ...rest, setup: setup.value } : rest;
      });
    return { lang: d.lang, title: d.title, steps };
  } catch {
    return null;
  }
}

export function saveDraft(t: TeacherLesson): void {
  try {
    storage()?.setItem(DRAFT_KEY, JSON.stringify(t));
  } catch {
    // Full or blocked: the draft lives while the editor is open.
  }
}

export function rememberOpened(t: TeacherLesson): void {
  try {
    storage()?.setItem(OPENED_KEY, encodeTeacherFile(t));
  } catch {
    // Blocked: a reload then asks for the link again.
  }
}

/** The remembered lesson if it is the one with this id. */
export function openedLesson(id: string, idOf: (t: TeacherLesson) => string): ReturnType<typeof decodeTeacherValue> | null {
  try {
    const text = storage()?.getItem(OPENED_KEY);
    if (!text) return null;
    const decoded = decodeTeacherValue(JSON.parse(text));
    return decoded.ok && idOf(decoded.teacher) === id ? decoded : null;
  } catch {
    return null;
  }
}
