import type { AppStore } from './createAppStore';
import { decodeLink } from '../models/codec';
import { readPinned, readWork, savePrefs, saveWork, type KeyValueStorage, type SaveFailure } from './persistence';
import type { TabChannel, TabMessage } from './tabChannel';

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
        if (s.experiment === prev.experiment && s.view === prev.view && s.locale === prev.locale && s.backendPref === prev.backendPref && s.hide === prev.hide && s.pinned === prev.pinned && s.challenge === prev.challenge) return;
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
      s.setPinned(readPinned(storage) ?? s.pinned);
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
