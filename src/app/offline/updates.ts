/**
 * The offline app's side of the service worker (public/…: the worker itself is written at build
 * time by scripts/pwa.mjs): registration after load, in production builds only, and the update
 * flow. A new version never reloads an open class by itself: when a new worker has installed and
 * waits, the tracker says `ready` and the app shows a notice; only the learner's click applies it
 * (the waiting worker is told to skip waiting, and the page reloads once it has taken control).
 */

export type UpdateState = 'idle' | 'ready' | 'applying';

/** The part of a ServiceWorker the flow uses (so tests can drive it with plain objects). */
export interface WorkerLike {
  state: string;
  postMessage(message: unknown): void;
  addEventListener(type: 'statechange', listener: () => void): void;
}

export interface RegistrationLike {
  waiting: WorkerLike | null;
  installing: WorkerLike | null;
  update(): Promise<unknown>;
  addEventListener(type: 'updatefound', listener: () => void): void;
}

export interface ContainerLike {
  controller: unknown;
  register(url: string, options: { scope: string }): Promise<RegistrationLike | undefined>;
  addEventListener(type: 'controllerchange', listener: () => void): void;
}

/** The message the service worker answers with skipWaiting(). */
export const SKIP_WAITING = { type: 'SKIP_WAITING' } as const;

/** Holds the update state for React (useSyncExternalStore) and applies a waiting version. */
export class UpdateTracker {
  private state: UpdateState = 'idle';
  private waiting: WorkerLike | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly reload: () => void = () => window.location.reload()) {}

  getState = (): UpdateState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A new version has installed and waits for the open pages to go (or for `apply`). */
  found(worker: WorkerLike): void {
    this.waiting = worker;
    if (this.state === 'idle') this.set('ready');
  }

  /** The learner's click: let the waiting version take over; the page reloads when it has. */
  apply(): void {
    if (this.state !== 'ready' || !this.waiting) return;
    this.set('applying');
    this.waiting.postMessage(SKIP_WAITING);
  }

  /** A new worker controls the page: reload only when the learner asked for it. */
  controllerChanged(): void {
    if (this.state === 'applying') this.reload();
  }

  private set(state: UpdateState): void {
    this.state = state;
    for (const l of this.listeners) l();
  }
}

/**
 * Registers the service worker at `url` for `scope` and wires the update flow into `tracker`.
 * A first install (no controller yet) is not an update. Checks for a new version every
 * `checkEveryMs` while the page is open. Resolves to the registration, or null when it failed
 * (the app works without it; it just is not offline).
 */
export async function registerServiceWorker(
  container: ContainerLike,
  tracker: UpdateTracker,
  { url, scope, checkEveryMs = 30 * 60_000 }: { url: string; scope: string; checkEveryMs?: number },
): Promise<RegistrationLike | null> {
  let registration: RegistrationLike | undefined;
  try {
    registration = await container.register(url, { scope });
  } catch {
    return null;
  }
  // A browser that blocks service workers (a policy, an automation switch) may resolve with nothing.
  if (!registration) return null;
  const reg = registration;
  const watch = (worker: WorkerLike | null) => {
    if (!worker) return;
    const check = () => {
      if (worker.state === 'installed' && container.controller) tracker.found(worker);
    };
    check();
    worker.addEventListener('statechange', check);
  };
  if (reg.waiting && container.controller) tracker.found(reg.waiting);
  watch(reg.installing);
  reg.addEventListener('updatefound', () => watch(reg.installing));
  container.addEventListener('controllerchange', () => tracker.controllerChanged());
  if (checkEveryMs > 0) setInterval(() => void reg.update().catch(() => {}), checkEveryMs);
  return reg;
}

/** The app's tracker (one page, one service worker). */
export const appUpdates = new UpdateTracker();

/** Called from main.tsx in production builds: registers after the page has loaded. */
export function startOffline(baseUrl: string): void {
  if (!('serviceWorker' in navigator)) return;
  const go = () =>
    void registerServiceWorker(navigator.serviceWorker as unknown as ContainerLike, appUpdates, {
      url: `${baseUrl}sw.js`,
      scope: baseUrl,
    });
  if (document.readyState === 'complete') go();
  else window.addEventListener('load', go, { once: true });
}
