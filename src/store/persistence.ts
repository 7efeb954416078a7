import { decodeLink, encodeLink, hasLinkState, type SharedState } from '../models/codec';
import { detectLocale, isLocale, type Locale } from '../i18n';
import type { BackendPreference } from '../training/protocol';
import type { InitialState } from './createAppStore';
import { renamedNotice } from './notices';
import type { AppState, Notice } from './types';

/**
 * The persistence table, in one place:
 *   experiment → link, file, local storage    view → link, local storage
 *   hide       → link only (a teacher's link; a learner's own work never hides controls)
 *   locale, backend preference → local storage only (they belong to this browser, not the lesson)
 * Local work is stored with the link codec, so there is one decoder for every way in.
 */
export const WORK_KEY = 'gradient-garden:work';
export const PREFS_KEY = 'gradient-garden:prefs';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

interface Prefs {
  locale?: Locale;
  backendPref?: BackendPreference;
}

function readPrefs(storage: KeyValueStorage | null): Prefs {
  try {
    const raw = JSON.parse(storage?.getItem(PREFS_KEY) ?? '{}') as Record<string, unknown>;
    const prefs: Prefs = {};
    if (isLocale(raw.locale)) prefs.locale = raw.locale;
    if (raw.backendPref === 'auto' || raw.backendPref === 'webgl' || raw.backendPref === 'cpu') prefs.backendPref = raw.backendPref;
    return prefs;
  } catch {
    return {};
  }
}

/**
 * What the app starts with: a link's state if the URL has a valid one; else the autosaved work;
 * else the defaults. A malformed link is reported and the autosaved work is kept.
 */
export function loadStartup(opts: { hash: string; storage: KeyValueStorage | null; languages: readonly string[] }): {
  initial: InitialState;
  notice: Notice | null;
} {
  const prefs = readPrefs(opts.storage);
  const initial: InitialState = { locale: prefs.locale ?? detectLocale(opts.languages), backendPref: prefs.backendPref ?? 'auto' };
  let notice: Notice | null = null;
  if (hasLinkState(opts.hash)) {
    const fromLink = decodeLink(opts.hash);
    if (fromLink.ok) return { initial: { ...initial, ...fromLink.value }, notice: renamedNotice(fromLink.renamed) };
    notice = { kind: 'error', key: 'notice.badLink', cause: fromLink.error };
  }
  let saved: string | null;
  try {
    saved = opts.storage?.getItem(WORK_KEY) ?? null;
  } catch {
    saved = null;
  }
  if (saved) {
    const fromStorage = decodeLink(saved);
    if (fromStorage.ok) return { initial: { ...initial, experiment: fromStorage.value.experiment, view: fromStorage.value.view }, notice: notice ?? renamedNotice(fromStorage.renamed) };
  }
  return { initial, notice };
}

export function sharedStateOf(s: AppState): SharedState {
  return { experiment: s.experiment, view: s.view, hide: s.hide };
}

/** Autosave the learner's work (never the teacher's hidden controls). Storage may be full or blocked. */
export function saveWork(storage: KeyValueStorage | null, s: AppState): void {
  try {
    storage?.setItem(WORK_KEY, encodeLink({ ...sharedStateOf(s), hide: [] }));
    storage?.setItem(PREFS_KEY, JSON.stringify({ locale: s.locale, backendPref: s.backendPref }));
  } catch {
    // Private mode or a full quota: the app works on, it just cannot autosave.
  }
}

/** The full share link for the current state. */
export function shareUrl(base: string, s: AppState, hide = s.hide): string {
  return `${base.split('#')[0]}#${encodeLink({ ...sharedStateOf(s), hide })}`;
}
