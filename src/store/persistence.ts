import { decodeLink, encodeLink, hasLinkState, type SharedState } from '../models/codec';
import { DEFAULT_EDITOR_POLICY, isDefaultPolicy, type EditorPolicy } from '../models/editorPolicy';
import { decodePinnedText, encodePinnedRuns, type PinnedRun } from '../models/pinnedRuns';
import { detectLocale, isLocale, type Locale } from '../i18n';
import type { BackendPreference } from '../training/protocol';
import type { InitialState } from './createAppStore';
import { renamedNotice } from './notices';
import type { AppState, Notice } from './types';

/**
 * The persistence table, in one place:
 *   experiment → link, file, local storage    view → link, local storage
 *   hide, editorPolicy → link only (a teacher's link; a learner's own work never hides controls
 *                or locks the editor)
 *   locale, backend preference → local storage only (they belong to this browser, not the lesson)
 *   pinned runs → local storage (beside the work, saved with it), file; never links
 *   challenge  → link, local storage (a teacher's goal stays with the student's work)
 * Local work is stored with the link codec, so there is one decoder for every way in.
 */
export const WORK_KEY = 'gradient-garden:work';
export const PREFS_KEY = 'gradient-garden:prefs';
export const PINNED_KEY = 'gradient-garden:pinned';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The stored work, null when there is none, undefined when storage cannot be read. */
export function readWork(storage: KeyValueStorage | null): string | null | undefined {
  try {
    return storage ? storage.getItem(WORK_KEY) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stored pinned runs: [] when none, null when they are damaged (the work is read apart from
 * them, so damage here never costs the Experiment).
 */
export function readPinned(storage: KeyValueStorage | null): PinnedRun[] | null {
  let text: string | null;
  try {
    text = storage ? storage.getItem(PINNED_KEY) : null;
  } catch {
    return [];
  }
  const decoded = decodePinnedText(text);
  return decoded.ok ? decoded.value : null;
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
 * else the defaults. A malformed link is reported and the autosaved work is kept. The locale is the
 * address's `?lang=`, else the stored preference, else the browser's.
 */
export function loadStartup(opts: { hash: string; search?: string; storage: KeyValueStorage | null; languages: readonly string[] }): {
  initial: InitialState;
  notice: Notice | null;
} {
  const prefs = readPrefs(opts.storage);
  // `?lang=zh-CN` (a teacher's link) wins over the stored preference for this visit.
  const lang = new URLSearchParams(opts.search ?? '').get('lang');
  const locale = isLocale(lang) ? lang : (prefs.locale ?? detectLocale(opts.languages));
  const pinned = readPinned(opts.storage);
  const initial: InitialState = { locale, chosenLocale: prefs.locale, backendPref: prefs.backendPref ?? 'auto', ...(pinned?.length ? { pinned } : {}) };
  // `?present` (a teacher's own bookmark for the projector) opens in presenter mode.
  if (new URLSearchParams(opts.search ?? '').has('present')) initial.presenter = true;
  let notice: Notice | null = pinned ? null : { kind: 'warning', key: 'notice.pinnedDropped' };
  if (hasLinkState(opts.hash)) {
    const fromLink = decodeLink(opts.hash);
    // A link that hides controls is a teacher's: remember its start, so a student can go back to it.
    const teacherStart = fromLink.ok && (fromLink.value.hide.length > 0 || !isDefaultPolicy(fromLink.value.editor)) ? { teacherStart: fromLink.value.experiment } : {};
    if (fromLink.ok) {
      const { editor, ...shared } = fromLink.value;
      return { initial: { ...initial, ...shared, ...(editor ? { editorPolicy: editor } : {}), ...teacherStart }, notice: renamedNotice(fromLink.renamed) ?? notice };
    }
    notice = { kind: 'error', key: 'notice.badLink', cause: fromLink.error };
  }
  const saved = readWork(opts.storage);
  if (saved) {
    const fromStorage = decodeLink(saved);
    if (fromStorage.ok) return { initial: { ...initial, experiment: fromStorage.value.experiment, view: fromStorage.value.view, ...(fromStorage.value.challenge ? { challenge: fromStorage.value.challenge } : {}) }, notice: notice ?? renamedNotice(fromStorage.renamed) };
  }
  return { initial, notice };
}

export function sharedStateOf(s: AppState): SharedState {
  return { experiment: s.experiment, view: s.view, hide: s.hide, challenge: s.challenge, editor: s.editorPolicy };
}

export type SaveFailure = 'quota' | 'blocked';
export type SaveResult = { ok: true; work: string } | { ok: false; reason: SaveFailure };

/** Why a write failed: a full quota (every browser names it differently), else storage is blocked. */
export function saveFailureOf(error: unknown): SaveFailure {
  const e = error as { name?: unknown; code?: unknown } | null;
  if (e && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22 || e.code === 1014)) return 'quota';
  return 'blocked';
}

/** The learner's work as stored: experiment and view, never the teacher's hidden controls. */
export function encodeWork(s: AppState): string {
  return encodeLink({ ...sharedStateOf(s), hide: [], editor: DEFAULT_EDITOR_POLICY });
}

export function savePrefs(storage: KeyValueStorage, s: AppState): void {
  // The link's `?lang=` is for this visit: only a language the learner chose is kept.
  storage.setItem(PREFS_KEY, JSON.stringify({ locale: s.chosenLocale ?? undefined, backendPref: s.backendPref }));
}

/** Autosave the learner's work and preferences. Never throws: storage may be full, blocked or absent. */
export function saveWork(storage: KeyValueStorage | null, s: AppState): SaveResult {
  if (!storage) return { ok: false, reason: 'blocked' };
  try {
    const work = encodeWork(s);
    storage.setItem(WORK_KEY, work);
    savePrefs(storage, s);
    storage.setItem(PINNED_KEY, JSON.stringify(encodePinnedRuns(s.pinned)));
    return { ok: true, work };
  } catch (error) {
    // Private mode or a full quota: the app works on; the caller tells the learner.
    return { ok: false, reason: saveFailureOf(error) };
  }
}

/** The full share link for the current state. The teacher's own `?present` stays behind. */
export function shareUrl(base: string, s: AppState, hide = s.hide, editor: EditorPolicy = s.editorPolicy): string {
  const [page] = base.split('#');
  const q = page.indexOf('?');
  let address = page;
  if (q >= 0) {
    const params = new URLSearchParams(page.slice(q + 1));
    params.delete('present');
    const rest = params.toString();
    address = page.slice(0, q) + (rest ? `?${rest}` : '');
  }
  return `${address}#${encodeLink({ ...sharedStateOf(s), hide, editor })}`;
}
