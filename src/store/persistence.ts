import { decodeLink, encodeLink, hasLinkState, type SharedState } from '../models/codec';
import { detectLocale, isLocale, type Locale } from '../i18n';
import type { BackendPreference } from '../training/protocol';
import type { AppStore, InitialState } from './createAppStore';
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

/** The stored work, null when there is none, undefined when storage cannot be read. */
function readWork(storage: KeyValueStorage | null): string | null | undefined {
  try {
    return storage ? storage.getItem(WORK_KEY) : undefined;
  } catch {
    return undefined;
  }
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
    if (fromLink.ok) return { initial: { ...initial, ...fromLink.value }, notice: null };
    notice = { kind: 'error', key: 'notice.badLink', cause: fromLink.error };
  }
  const saved = readWork(opts.storage);
  if (saved) {
    const fromStorage = decodeLink(saved);
    if (fromStorage.ok) return { initial: { ...initial, experiment: fromStorage.value.experiment, view: fromStorage.value.view }, notice };
  }
  return { initial, notice };
}

export function sharedStateOf(s: AppState): SharedState {
  return { experiment: s.experiment, view: s.view, hide: s.hide };
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
  return encodeLink({ ...sharedStateOf(s), hide: [] });
}

function savePrefs(storage: KeyValueStorage, s: AppState): void {
  storage.setItem(PREFS_KEY, JSON.stringify({ locale: s.locale, backendPref: s.backendPref }));
}

/** Autosave the learner's work and preferences. Never throws: storage may be full, blocked or absent. */
export function saveWork(storage: KeyValueStorage | null, s: AppState): SaveResult {
  if (!storage) return { ok: false, reason: 'blocked' };
  try {
    const work = encodeWork(s);
    storage.setItem(WORK_KEY, work);
    savePrefs(storage, s);
    return { ok: true, work };
  } catch (error) {
    // Private mode or a full quota: the app works on; the caller tells the learner.
    return { ok: false, reason: saveFailureOf(error) };
  }
}

/** The full share link for the current state. */
export function shareUrl(base: string, s: AppState, hide = s.hide): string {
  return `${base.split('#')[0]}#${encodeLink({ ...sharedStateOf(s), hide })}`;
}

/*
 * Autosave with more than one tab. The work has one slot in local storage, so two tabs editing it
 * would overwrite each other. The rule a learner can follow: the tab opened (or chosen) last saves
 * the work; every other tab stops saving and says so, offering to save its own version instead
 * (which makes it the saving tab) or to load what the other tab saved. Two safeguards make this hold
 * when messages between tabs are late or impossible:
 *   - tabs tell each other over a BroadcastChannel (else through `storage` events);
 *   - before each write a tab checks that the stored work is still what it last loaded or saved;
 *     if another tab wrote since, it stops saving instead of overwriting (a compare-and-swap).
 * So a tab's unsaved work is always either stored, or on its screen with a notice saying so.
 */

/** What tabs of the site tell each other about the work. */
export type TabMessage =
  /** "I save the work from now on." Newer claims win; ties go to the larger tab id. */
  | { type: 'claim'; tab: string; at: number }
  /** "I was saving and stopped: you save now." */
  | { type: 'yield'; tab: string; to: string }
  /** "I saved the work" (so a paused tab can offer to load it). */
  | { type: 'saved'; tab: string }
  /** "I am closing; what I had is saved." */
  | { type: 'release'; tab: string };

export interface TabChannel {
  post(msg: TabMessage): void;
  listen(onMessage: (msg: TabMessage) => void): () => void;
  close(): void;
}

export const TAB_CHANNEL = 'gradient-garden:work';
/** Fallback transport: each write of this key fires a `storage` event in the site's other tabs. */
export const TAB_MESSAGE_KEY = 'gradient-garden:tab-message';

function isTabMessage(v: unknown): v is TabMessage {
  const m = v as Partial<Record<string, unknown>> | null;
  if (!m || typeof m !== 'object' || typeof m.tab !== 'string') return false;
  return (m.type === 'claim' && typeof m.at === 'number') || (m.type === 'yield' && typeof m.to === 'string') || m.type === 'saved' || m.type === 'release';
}

interface StorageEventTarget {
  addEventListener(type: 'storage', listener: (e: StorageEvent) => void): void;
  removeEventListener(type: 'storage', listener: (e: StorageEvent) => void): void;
}

/** A channel to the site's other tabs: BroadcastChannel where there is one, else `storage` events; null if neither. */
export function openTabChannel(env: { storage: KeyValueStorage | null; events?: StorageEventTarget | null }): TabChannel | null {
  if (typeof BroadcastChannel === 'function') {
    const channel = new BroadcastChannel(TAB_CHANNEL);
    return {
      post: (msg) => {
        try {
          channel.postMessage(msg);
        } catch {
          // Closed already (the tab is going away): nobody to tell.
        }
      },
      listen: (onMessage) => {
        const handler = (e: MessageEvent) => {
          if (isTabMessage(e.data)) onMessage(e.data);
        };
        channel.addEventListener('message', handler);
        return () => channel.removeEventListener('message', handler);
      },
      close: () => channel.close(),
    };
  }
  const { storage, events } = env;
  if (!storage || !events) return null;
  return {
    post: (msg) => {
      try {
        // The nonce makes a repeated message a new value, so it fires again.
        storage.setItem(TAB_MESSAGE_KEY, JSON.stringify({ ...msg, nonce: Math.random() }));
      } catch {
        // Storage full: the compare-before-write check still keeps the tabs from overwriting each other.
      }
    },
    listen: (onMessage) => {
      const handler = (e: StorageEvent) => {
        if (e.key !== TAB_MESSAGE_KEY || !e.newValue) return;
        try {
          const msg: unknown = JSON.parse(e.newValue);
          if (isTabMessage(msg)) onMessage(msg);
        } catch {
          // Not ours.
        }
      };
      events.addEventListener('storage', handler);
      return () => events.removeEventListener('storage', handler);
    },
    close: () => {},
  };
}

/** What the autosave notice says; null when there is nothing to say. */
export type AutosaveNotice =
  /** Writing failed (full or blocked storage): said once, until a save works again. */
  | { kind: 'saveFailed'; reason: SaveFailure }
  /** Another tab saves the work; this one writes nothing until the learner chooses. */
  | { kind: 'paused'; why: 'otherTab' | 'otherTabClosed' | 'otherTabSaved'; canLoadOther: boolean }
  /** This tab took the saving over from another open tab (information). */
  | { kind: 'tookOver' };

export interface AutosaveStatus {
  /** 'writer': this tab autosaves the work; 'paused': it does not, because another tab does. */
  role: 'writer' | 'paused';
  notice: AutosaveNotice | null;
}

export interface Autosave {
  /** Follow the store, talk to other tabs and claim the work; returns stop (which saves and releases). */
  start(): () => void;
  status(): AutosaveStatus;
  subscribe(onChange: () => void): () => void;
  /** Save a pending change now. */
  flush(): void;
  /** Save this tab's version over whatever is stored, and save from this tab from now on. */
  keepThisVersion(): void;
  /** Load the stored work (the other tab's) into this tab, and save from this tab from now on. */
  loadOtherVersion(): boolean;
  /** Hide the current notice (the paused one cannot be hidden: only a choice ends it). */
  dismiss(): void;
}

interface LifecycleTarget {
  addEventListener(type: 'pagehide' | 'pageshow', listener: (e: PageTransitionEvent) => void): void;
  removeEventListener(type: 'pagehide' | 'pageshow', listener: (e: PageTransitionEvent) => void): void;
}

export interface AutosaveOptions {
  store: AppStore;
  storage: KeyValueStorage | null;
  /** Opens the channel to other tabs; absent or null: this tab works alone (the compare-before-write check remains). */
  openChannel?: () => TabChannel | null;
  /** Where pagehide/pageshow come from (the window): a closing tab saves and releases the work. */
  lifecycle?: LifecycleTarget | null;
  tabId?: string;
  now?: () => number;
  /** Quiet time after the last edit before saving (ms). */
  delayMs?: number;
}

const sameStatus = (a: AutosaveStatus, b: AutosaveStatus) => JSON.stringify(a) === JSON.stringify(b);

export function createAutosave(opts: AutosaveOptions): Autosave {
  const { store, storage } = opts;
  const tab = opts.tabId ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const now = opts.now ?? Date.now;
  const delay = opts.delayMs ?? 250;
  // What this tab last loaded or saved: anything else in storage was written by another tab.
  let base = readWork(storage);
  let role: AutosaveStatus['role'] = 'writer';
  let why: Extract<AutosaveNotice, { kind: 'paused' }>['why'] = 'otherTab';
  let writerTab: string | null = null;
  let otherSaved = false;
  let claimAt = 0;
  let failure: SaveFailure | null = null;
  let failureDismissed = false;
  let tookOver = false;
  let claimChosen = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  let channel: TabChannel | null = null;
  const listeners = new Set<() => void>();

  const compute = (): AutosaveStatus => {
    let notice: AutosaveNotice | null = null;
    if (role === 'paused') notice = { kind: 'paused', why, canLoadOther: otherSaved };
    else if (failure && !failureDismissed) notice = { kind: 'saveFailed', reason: failure };
    else if (tookOver) notice = { kind: 'tookOver' };
    return { role, notice };
  };
  let status = compute();
  const update = () => {
    const next = compute();
    if (sameStatus(next, status)) return;
    status = next;
    for (const l of listeners) l();
  };

  /** Another value in storage than this tab's base means another tab saved since. */
  const storedByOther = () => {
    const stored = readWork(storage);
    return typeof stored === 'string' && stored !== base;
  };

  const pause = (reason: typeof why, by: string | null) => {
    clearTimeout(timer);
    timer = undefined;
    role = 'paused';
    why = reason;
    writerTab = by;
    otherSaved = otherSaved || reason === 'otherTabSaved' || storedByOther();
    tookOver = false;
    update();
  };

  /** `chosen`: the learner picked this tab's side, so being told that it took over would be noise. */
  const claim = (chosen = false) => {
    claimChosen = chosen;
    role = 'writer';
    writerTab = null;
    otherSaved = false;
    claimAt = Math.max(now(), claimAt + 1);
    channel?.post({ type: 'claim', tab, at: claimAt });
  };

  const write = (force: boolean) => {
    clearTimeout(timer);
    timer = undefined;
    pending = false;
    const s = store.getState();
    if (role === 'paused' && !force) {
      // The work is not this tab's to save; preferences belong to the browser and cannot clobber it.
      try {
        if (storage) savePrefs(storage, s);
      } catch {
        // Full or blocked: the paused notice already asks the learner to choose.
      }
      return;
    }
    if (!force && storedByOther()) {
      pause('otherTabSaved', null);
      return;
    }
    const result = saveWork(storage, s);
    if (result.ok) {
      base = result.work;
      failure = null;
      failureDismissed = false;
      channel?.post({ type: 'saved', tab });
    } else if (failure !== result.reason) {
      failure = result.reason;
      failureDismissed = false;
    }
    update();
  };

  const onMessage = (msg: TabMessage) => {
    if (msg.tab === tab) return;
    if (msg.type === 'claim') {
      if (role === 'writer' && (msg.at < claimAt || (msg.at === claimAt && msg.tab < tab))) {
        // An older claim (it crossed ours, or that tab opened its channel after we claimed): say ours again.
        channel?.post({ type: 'claim', tab, at: claimAt });
        return;
      }
      const wasWriter = role === 'writer';
      pause('otherTab', msg.tab);
      if (wasWriter) channel?.post({ type: 'yield', tab, to: msg.tab });
    } else if (msg.type === 'yield') {
      if (msg.to === tab && role === 'writer' && !claimChosen) {
        tookOver = true;
        update();
      }
    } else if (msg.type === 'saved') {
      // A writer ignores this: if it really was overwritten, its next write finds out.
      if (role === 'paused') {
        otherSaved = true;
        update();
      }
    } else if (role === 'paused' && writerTab === msg.tab) {
      why = 'otherTabClosed';
      writerTab = null;
      update();
    }
  };

  /** A closing (or hidden into the back-forward cache) tab saves what is pending and lets go. */
  const release = () => {
    if (pending) write(false);
    if (role === 'writer') channel?.post({ type: 'release', tab });
  };

  /** Back from the back-forward cache: take the work again only if nobody saved over it meanwhile. */
  const resume = () => {
    if (role !== 'writer') return;
    if (storedByOther()) pause('otherTabSaved', null);
    else claim();
  };

  return {
    start() {
      channel = storage ? (opts.openChannel?.() ?? null) : null;
      const unlisten = channel?.listen(onMessage);
      const unsubscribe = store.subscribe((s, prev) => {
        if (s.experiment === prev.experiment && s.view === prev.view && s.locale === prev.locale && s.backendPref === prev.backendPref && s.hide === prev.hide) return;
        pending = true;
        clearTimeout(timer);
        timer = setTimeout(() => write(false), delay);
      });
      if (role === 'writer') {
        if (storedByOther()) pause('otherTabSaved', null);
        else claim();
      }
      const onPageHide = () => release();
      const onPageShow = (e: PageTransitionEvent) => {
        if (e.persisted) resume();
      };
      opts.lifecycle?.addEventListener('pagehide', onPageHide);
      opts.lifecycle?.addEventListener('pageshow', onPageShow);
      return () => {
        release();
        clearTimeout(timer);
        timer = undefined;
        unsubscribe();
        unlisten?.();
        channel?.close();
        channel = null;
        opts.lifecycle?.removeEventListener('pagehide', onPageHide);
        opts.lifecycle?.removeEventListener('pageshow', onPageShow);
      };
    },
    status: () => status,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    flush() {
      if (pending) write(false);
    },
    keepThisVersion() {
      claim(true);
      tookOver = false;
      write(true);
    },
    loadOtherVersion() {
      const stored = readWork(storage);
      const decoded = typeof stored === 'string' ? decodeLink(stored) : null;
      if (!decoded?.ok) return false;
      const s = store.getState();
      s.apply({ type: 'replace', experiment: decoded.value.experiment });
      s.setView(decoded.value.view);
      // What was loaded is what is stored: nothing to write until the next edit.
      clearTimeout(timer);
      timer = undefined;
      pending = false;
      base = stored;
      claim(true);
      tookOver = false;
      update();
      return true;
    },
    dismiss() {
      if (status.notice?.kind === 'saveFailed') failureDismissed = true;
      else if (status.notice?.kind === 'tookOver') tookOver = false;
      update();
    },
  };
}
