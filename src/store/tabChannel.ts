import type { KeyValueStorage } from './persistence';

/** Messages between the site's open tabs about the one saved work (see autosave.ts for the rule they serve). */

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
