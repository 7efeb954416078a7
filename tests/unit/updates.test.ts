import { describe, expect, it, vi } from 'vitest';
import { registerServiceWorker, SKIP_WAITING, UpdateTracker, type ContainerLike, type RegistrationLike, type WorkerLike } from '../../src/app/offline/updates';

/** A fake service worker: its state changes on demand, with statechange listeners. */
function fakeWorker(state: string) {
  const listeners: Array<() => void> = [];
  const messages: unknown[] = [];
  const worker: WorkerLike & { to(state: string): void; messages: unknown[] } = {
    state,
    messages,
    postMessage: (m) => messages.push(m),
    addEventListener: (_t, l) => listeners.push(l),
    to(next) {
      this.state = next;
      listeners.forEach((l) => l());
    },
  };
  return worker;
}

function fakeContainer(controller: unknown, registration: Partial<RegistrationLike> = {}) {
  const updatefound: Array<() => void> = [];
  const controllerchange: Array<() => void> = [];
  const reg: RegistrationLike & { found(w: WorkerLike): void } = {
    waiting: null,
    installing: null,
    update: vi.fn(async () => undefined),
    addEventListener: (_t, l) => updatefound.push(l),
    found(w) {
      this.installing = w;
      updatefound.forEach((l) => l());
    },
    ...registration,
  };
  const container: ContainerLike & { changeController(): void } = {
    controller,
    register: vi.fn(async () => reg),
    addEventListener: (_t, l) => controllerchange.push(l),
    changeController() {
      controllerchange.forEach((l) => l());
    },
  };
  return { container, reg };
}

const opts = { url: '/sw.js', scope: '/', checkEveryMs: 0 };

describe('the update flow', () => {
  it('a first install (no controller) is not an update', async () => {
    const reload = vi.fn();
    const tracker = new UpdateTracker(reload);
    const { container, reg } = fakeContainer(null);
    await registerServiceWorker(container, tracker, opts);
    const w = fakeWorker('installing');
    reg.found(w);
    w.to('installed');
    w.to('activated');
    expect(tracker.getState()).toBe('idle');
    expect(container.register).toHaveBeenCalledWith('/sw.js', { scope: '/' });
  });

  it('announces a new version once it has installed, and reloads only after the learner applies it', async () => {
    const reload = vi.fn();
    const tracker = new UpdateTracker(reload);
    const seen: string[] = [];
    tracker.subscribe(() => seen.push(tracker.getState()));
    const { container, reg } = fakeContainer({ current: true });
    await registerServiceWorker(container, tracker, opts);
    const w = fakeWorker('installing');
    reg.found(w);
    expect(tracker.getState()).toBe('idle');
    w.to('installed');
    expect(tracker.getState()).toBe('ready');

    // Another tab's update taking control does not reload this one.
    container.changeController();
    expect(reload).not.toHaveBeenCalled();

    tracker.apply();
    expect(tracker.getState()).toBe('applying');
    expect(w.messages).toEqual([SKIP_WAITING]);
    expect(reload).not.toHaveBeenCalled();
    container.changeController();
    expect(reload).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['ready', 'applying']);
  });

  it('finds a version already waiting when the page opens', async () => {
    const tracker = new UpdateTracker(vi.fn());
    const waiting = fakeWorker('installed');
    const { container } = fakeContainer({ current: true }, { waiting });
    await registerServiceWorker(container, tracker, opts);
    expect(tracker.getState()).toBe('ready');
  });

  it('apply does nothing when nothing waits; a failed registration leaves the app as it is', async () => {
    const tracker = new UpdateTracker(vi.fn());
    tracker.apply();
    expect(tracker.getState()).toBe('idle');
    const container: ContainerLike = { controller: null, register: async () => Promise.reject(new Error('insecure')), addEventListener: () => {} };
    await expect(registerServiceWorker(container, tracker, opts)).resolves.toBeNull();
    // Blocked service workers (Playwright's serviceWorkers: 'block', some policies) resolve with nothing.
    const blocked = { ...container, register: async () => undefined };
    await expect(registerServiceWorker(blocked, tracker, opts)).resolves.toBeNull();
    expect(tracker.getState()).toBe('idle');
  });
});
