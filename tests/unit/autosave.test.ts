import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeLink } from '../../src/models/codec';
import { createAppStore, type AppStore } from '../../src/store/createAppStore';
import { WORK_KEY, type KeyValueStorage } from '../../src/store/persistence';
import { createAutosave, type Autosave, type AutosaveStatus } from '../../src/store/autosave';
import { openTabChannel, TAB_MESSAGE_KEY } from '../../src/store/tabChannel';
import { createStorage, FakeBroadcastChannel, quotaError, securityError } from '../fakeTabs';

beforeEach(() => {
  vi.useFakeTimers();
  FakeBroadcastChannel.reset();
  vi.stubGlobal('BroadcastChannel', FakeBroadcastChannel);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Past the autosave's quiet time and every message between tabs. */
const settle = () => vi.advanceTimersByTime(1000);
const edit = (store: AppStore, seed: number) => store.getState().apply({ type: 'seed', seed });
const storedSeed = (storage: KeyValueStorage) => {
  const raw = storage.getItem(WORK_KEY);
  const decoded = raw ? decodeLink(raw) : null;
  return decoded?.ok ? decoded.value.experiment.seed : null;
};

/** A tab: its own store and autosave on the shared storage, talking over the (fake) BroadcastChannel. */
function openTab(storage: ReturnType<typeof createStorage>, tabId: string, opts: { channel?: boolean } = {}) {
  const store = createAppStore();
  const autosave = createAutosave({ store, storage, tabId, openChannel: opts.channel === false ? undefined : () => openTabChannel({ storage }) });
  const seen: AutosaveStatus[] = [];
  autosave.subscribe(() => seen.push(autosave.status()));
  const stop = autosave.start();
  return { store, autosave, stop, seen, notice: () => autosave.status().notice };
}

describe('autosave when storage refuses', () => {
  it('says a full quota once, not on every edit, and goes when saving works again', () => {
    const storage = createStorage();
    const tab = openTab(storage, 'a');
    edit(tab.store, 101);
    settle();
    expect(storedSeed(storage)).toBe(101);
    expect(tab.notice()).toBeNull();

    storage.refuseWrites(quotaError);
    edit(tab.store, 2);
    settle();
    expect(tab.notice()).toEqual({ kind: 'saveFailed', reason: 'quota' });
    for (let seed = 3; seed < 8; seed++) {
      edit(tab.store, seed);
      settle();
    }
    // One change of status for five more failed saves: the notice is not re-announced.
    expect(tab.seen.filter((s) => s.notice?.kind === 'saveFailed')).toHaveLength(1);
    tab.autosave.dismiss();
    expect(tab.notice()).toBeNull();
    edit(tab.store, 8);
    settle();
    expect(tab.notice()).toBeNull();

    // Room again: the next edit saves, and a later failure is said again.
    storage.refuseWrites(null);
    edit(tab.store, 9);
    settle();
    expect(storedSeed(storage)).toBe(9);
    expect(tab.autosave.status()).toEqual({ role: 'writer', notice: null });
    storage.refuseWrites(securityError);
    edit(tab.store, 10);
    settle();
    expect(tab.notice()).toEqual({ kind: 'saveFailed', reason: 'blocked' });
    tab.stop();
  });

  it('without any storage (blocked in a private window) the first edit says so', () => {
    const store = createAppStore();
    const autosave = createAutosave({ store, storage: null, openChannel: () => openTabChannel({ storage: null }) });
    const stop = autosave.start();
    expect(autosave.status().notice).toBeNull();
    edit(store, 4);
    settle();
    expect(autosave.status().notice).toEqual({ kind: 'saveFailed', reason: 'blocked' });
    stop();
  });
});

describe('autosave with two tabs', () => {
  it('the newer tab saves; the older is told, stops saving, and can take its version back or load the other', () => {
    const storage = createStorage();
    const a = openTab(storage, 'a');
    edit(a.store, 11);
    settle();
    expect(storedSeed(storage)).toBe(11);

    const b = openTab(storage, 'b');
    settle();
    expect(a.autosave.status()).toEqual({ role: 'paused', notice: { kind: 'paused', why: 'otherTab', canLoadOther: false } });
    expect(b.autosave.status()).toEqual({ role: 'writer', notice: { kind: 'tookOver' } });

    // The older tab's edits no longer reach storage…
    edit(a.store, 12);
    settle();
    expect(storedSeed(storage)).toBe(11);
    // …the newer tab's do, and the older one may now load them.
    edit(b.store, 13);
    settle();
    expect(storedSeed(storage)).toBe(13);
    expect(a.notice()).toEqual({ kind: 'paused', why: 'otherTab', canLoadOther: true });

    // "Save this tab's version": tab A's edit 12 is stored, B stops saving and is told.
    a.autosave.keepThisVersion();
    settle();
    expect(storedSeed(storage)).toBe(12);
    expect(a.autosave.status()).toEqual({ role: 'writer', notice: null });
    expect(b.autosave.status().role).toBe('paused');
    edit(b.store, 14);
    settle();
    expect(storedSeed(storage)).toBe(12);

    // "Load the other tab's version" in B: B shows seed 12 and saves from now on.
    expect(b.notice()).toEqual({ kind: 'paused', why: 'otherTab', canLoadOther: true });
    expect(b.autosave.loadOtherVersion()).toBe(true);
    expect(b.store.getState().experiment.seed).toBe(12);
    settle();
    expect(b.autosave.status().role).toBe('writer');
    expect(a.autosave.status().role).toBe('paused');
    edit(b.store, 15);
    settle();
    expect(storedSeed(storage)).toBe(15);

    // The saving tab closes: it saves what is pending and releases; the other is told, still not saving.
    edit(b.store, 16);
    b.stop();
    settle();
    expect(storedSeed(storage)).toBe(16);
    expect(a.notice()).toEqual({ kind: 'paused', why: 'otherTabClosed', canLoadOther: true });
    expect(a.store.getState().experiment.seed).toBe(12);
    a.stop();
  });

  it('an edit pending when the other tab opens is kept on screen, never written over the other tab', () => {
    const storage = createStorage();
    const a = openTab(storage, 'a');
    edit(a.store, 21); // not saved yet: the quiet time has not passed
    const b = openTab(storage, 'b');
    settle();
    expect(a.autosave.status().role).toBe('paused');
    expect(storedSeed(storage)).toBeNull();
    expect(a.store.getState().experiment.seed).toBe(21);
    a.autosave.keepThisVersion();
    settle();
    expect(storedSeed(storage)).toBe(21);
    expect(b.autosave.status().role).toBe('paused');
    a.stop();
    b.stop();
  });

  it('tabs that claim at the same moment end with exactly one writer', () => {
    const storage = createStorage();
    const now = () => 1000;
    const tabs = ['m', 'z', 'c'].map((id) => {
      const store = createAppStore();
      const autosave = createAutosave({ store, storage, tabId: id, now, openChannel: () => openTabChannel({ storage }) });
      return { store, autosave, stop: autosave.start() };
    });
    settle();
    expect(tabs.map((t) => t.autosave.status().role)).toEqual(['paused', 'writer', 'paused']);
    for (const t of tabs) t.stop();
  });

  it('without any channel, a tab finds out before writing that another tab saved, and does not overwrite it', () => {
    const storage = createStorage();
    const a = openTab(storage, 'a', { channel: false });
    const b = openTab(storage, 'b', { channel: false });
    edit(b.store, 31);
    settle();
    expect(storedSeed(storage)).toBe(31);
    edit(a.store, 32);
    settle();
    expect(storedSeed(storage)).toBe(31);
    expect(a.autosave.status()).toEqual({ role: 'paused', notice: { kind: 'paused', why: 'otherTabSaved', canLoadOther: true } });
    a.autosave.keepThisVersion();
    expect(storedSeed(storage)).toBe(32);
    edit(b.store, 33);
    settle();
    expect(storedSeed(storage)).toBe(32);
    expect(b.autosave.status().role).toBe('paused');
    a.stop();
    b.stop();
  });

  it('falls back to storage events where there is no BroadcastChannel', () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    const storage = createStorage();
    const events = new EventTarget();
    // Another tab's write fires a `storage` event here (never in the writing tab itself).
    const channelA = openTabChannel({ storage, events: events as unknown as Window });
    const heard: unknown[] = [];
    channelA!.listen((m) => heard.push(m));
    channelA!.post({ type: 'claim', tab: 'b', at: 5 });
    const raw = storage.getItem(TAB_MESSAGE_KEY)!;
    events.dispatchEvent(Object.assign(new Event('storage'), { key: TAB_MESSAGE_KEY, newValue: raw }));
    events.dispatchEvent(Object.assign(new Event('storage'), { key: TAB_MESSAGE_KEY, newValue: '{not json' }));
    events.dispatchEvent(Object.assign(new Event('storage'), { key: 'other', newValue: raw }));
    expect(heard).toEqual([{ type: 'claim', tab: 'b', at: 5, nonce: expect.any(Number) }]);
    expect(openTabChannel({ storage: null, events: events as unknown as Window })).toBeNull();
  });
});

/** The type is exercised above; this keeps an unused import from hiding a rename. */
export type { Autosave };
