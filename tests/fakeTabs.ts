import type { KeyValueStorage } from '../src/store/persistence';

/**
 * Fakes for autosave tests: a storage in a Map that can be made to refuse writes, and a
 * BroadcastChannel that delivers to every other channel of the same name a tick later, as the
 * real one does (never to itself).
 */
export function createStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  let refuse: (() => Error) | null = null;
  const storage: KeyValueStorage & { data: Map<string, string>; refuseWrites(error: (() => Error) | null): void; writes: number } = {
    data,
    writes: 0,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => {
      if (refuse) throw refuse();
      storage.writes++;
      data.set(key, value);
    },
    refuseWrites: (error) => {
      refuse = error;
    },
  };
  return storage;
}

export const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
export const securityError = () => new DOMException('Access is denied for this document.', 'SecurityError');

export class FakeBroadcastChannel extends EventTarget {
  static open = new Set<FakeBroadcastChannel>();
  static posted: unknown[] = [];
  closed = false;
  constructor(readonly name: string) {
    super();
    FakeBroadcastChannel.open.add(this);
  }
  postMessage(data: unknown) {
    if (this.closed) throw new DOMException('closed', 'InvalidStateError');
    FakeBroadcastChannel.posted.push(data);
    const copy: unknown = structuredClone(data);
    for (const other of FakeBroadcastChannel.open) {
      if (other !== this && other.name === this.name) setTimeout(() => !other.closed && other.dispatchEvent(new MessageEvent('message', { data: copy })), 0);
    }
  }
  close() {
    this.closed = true;
    FakeBroadcastChannel.open.delete(this);
  }
  static reset() {
    FakeBroadcastChannel.open.clear();
    FakeBroadcastChannel.posted = [];
  }
}
