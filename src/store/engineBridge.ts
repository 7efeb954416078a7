import { createMainThreadClient, createWorkerClient, type EngineClient } from '../training/client';
import { modalityOf } from '../models/spec';
import type { FromEngine } from '../training/protocol';
import type { AppStore } from './createAppStore';

/**
 * Connects a store to a training engine: starts runs, forwards edits, and feeds what the engine
 * says back into the store. Runs in the Web Worker, or on the main thread when `host` says so or
 * when the worker cannot get WebGL that the learner asked for (Safari has failed there).
 * Returns a function that disconnects and frees the engine.
 */
export function connectEngine(store: AppStore, opts: { host?: 'worker' | 'main' } = {}): () => void {
  let client: EngineClient | null = null;
  let runId = 0;
  let closed = false;
  let movedToMain = false;

  const onMessage = (msg: FromEngine) => {
    if (closed || msg.runId !== runId) return; // a stale run
    if (msg.type === 'ready' && msg.host === 'worker' && msg.note === 'webglUnavailable' && store.getState().backendPref === 'webgl' && !movedToMain) {
      movedToMain = true;
      void moveToMainThread();
      return;
    }
    store.getState().receive(msg);
  };

  const startRun = () => {
    runId += 1;
    const s = store.getState();
    s.startRun(runId);
    // The rows the Experiment may name go first: the engine holds them for every run.
    client?.post({ type: 'table', table: s.table });
    client?.post({ type: 'ownData', images: s.ownImages, text: s.ownText, sentences: s.ownSentences });
    client?.post({ type: 'teacher', teacher: s.distillTeacher?.payload ?? null });
    client?.post({ type: 'init', runId, experiment: s.experiment, backend: s.backendPref });
    if (s.view.speed) client?.post({ type: 'pace', runId, stepsPerSec: s.view.speed });
    if (!s.dynamicsOn) client?.post({ type: 'dynamics', runId, enabled: false });
    s.sendProbeSource();
  };

  const attach = (next: EngineClient) => {
    client?.dispose();
    client = next;
    // A worker can be terminated mid-step; the main-thread engine cannot.
    store.setState({ engine: next, restartEngine: next.host === 'worker' ? restartWorker : null });
    startRun();
  };

  /** Terminate the worker (whatever step it is stuck in) and start a fresh one on the same Experiment. */
  const restartWorker = () => {
    if (closed) return;
    const { heartbeat } = store.getState();
    heartbeat.sent = heartbeat.heard = performance.now();
    attach(createWorkerClient(onMessage, onWorkerCrash));
    store.getState().notify({ kind: 'info', key: 'notice.engineRestarted' });
  };

  const onWorkerCrash = (message: string) => {
    store.getState().notify({ kind: 'warning', key: 'notice.workerFailed', detail: message });
    if (!movedToMain) {
      movedToMain = true;
      void moveToMainThread();
    }
  };

  const moveToMainThread = async () => {
    const next = await createMainThreadClient(onMessage);
    if (closed) return next.dispose();
    attach(next);
  };

  if (opts.host === 'main' || typeof Worker === 'undefined') {
    movedToMain = true;
    void moveToMainThread();
  } else {
    attach(createWorkerClient(onMessage, onWorkerCrash));
  }

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.backendPref !== prev.backendPref) {
      startRun();
      return;
    }
    if (s.view.speed !== prev.view.speed) client?.post({ type: 'pace', runId, stepsPerSec: s.view.speed });
    if (s.dynamicsOn !== prev.dynamicsOn) client?.post({ type: 'dynamics', runId, enabled: s.dynamicsOn });
    if (s.table !== prev.table) client?.post({ type: 'table', table: s.table });
    if (s.ownImages !== prev.ownImages || s.ownText !== prev.ownText || s.ownSentences !== prev.ownSentences) {
      client?.post({ type: 'ownData', images: s.ownImages, text: s.ownText, sentences: s.ownSentences });
    }
    if (s.distillTeacher !== prev.distillTeacher) client?.post({ type: 'teacher', teacher: s.distillTeacher?.payload ?? null });
    if (s.experiment !== prev.experiment) {
      // Another lab: the last lab's step count and views mean nothing until the engine reports.
      if (modalityOf(s.experiment.dataset.kind) !== modalityOf(prev.experiment.dataset.kind)) s.clearViews();
      client?.post({ type: 'update', runId, experiment: s.experiment });
    }
  });

  return () => {
    closed = true;
    unsubscribe();
    client?.dispose();
    store.setState({ engine: null, restartEngine: null });
  };
}
