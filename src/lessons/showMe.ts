/**
 * "Show me": a step's actions performed through the same store actions the UI calls, one after
 * another. Edits are undoable as the learner's own; nothing here reaches past the store.
 */

import { openTemplate } from '../models/openTemplate';
import { templateById } from '../models/templates';
import type { AppStore } from '../store/createAppStore';
import type { AppState } from '../store/types';
import type { Experiment } from '../models/spec';
import type { LessonAction } from './format';
import { performTransfer } from '../store/transferActions';

/** Resolve when `ready` holds on the store (now or after a change), or after `ms` with false. */
export function waitForStore(store: AppStore, ready: (s: AppState) => boolean, ms: number): Promise<boolean> {
  if (ready(store.getState())) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(false);
    }, ms);
    const unsubscribe = store.subscribe((s) => {
      if (!ready(s)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(true);
    });
  });
}

/** How long `startFresh` waits for the engine to report the new weights (MNIST may download); a lesson step's check then runs anyway. */
const SETTLE_MS = 60_000;

/**
 * Open `experiment` as one undoable replace, paused and reset to its seed's weights, the last run's
 * views cleared. Resolves true once the engine reports the new weights: a snapshot of a new origin
 * (the rebuild or the reset), or failing a build the reset run at step 0. Snapshots of the old
 * weights can still be on their way meanwhile, and nothing may read them as the new run's. A play
 * pressed before the reset's snapshot comes makes it say "running", hence the origin. True at once
 * with no engine (nothing is on its way), false after SETTLE_MS.
 */
export function startFresh(store: AppStore, experiment: Experiment): Promise<boolean> {
  const s = store.getState();
  const before = s.runs[s.activeRunId]?.origin ?? null;
  s.apply({ type: 'replace', experiment });
  const after = store.getState();
  after.pause();
  after.clearViews();
  after.reset();
  return waitForStore(store, (st) => {
    const run = st.runs[st.activeRunId];
    if (!st.engine) return true;
    if (!run || run.latest === null) return false;
    return run.origin !== before || (run.step === 0 && run.status !== 'running');
  }, SETTLE_MS);
}

/**
 * A test image of class `cls` from the image lab's samples (the first of that class, so Show me
 * draws the same digit every time), copied: the drawing pad owns its pixels. Null when the lab has
 * no samples yet or none of that class.
 */
export function sampleOfClass(s: AppState, cls: number): Float32Array | null {
  const part = s.runs[s.activeRunId]?.part;
  const info = part?.lab === 'images' ? part.dataInfo : null;
  if (!info) return null;
  const i = info.labels.indexOf(cls);
  if (i < 0) return null;
  const size = info.side * info.side;
  return info.samples.slice(i * size, (i + 1) * size);
}

/** How long `draw` waits for the image lab's test samples (MNIST may still be downloading). */
const DRAW_WAIT_MS = 30_000;
/** How long `tool` waits for the run to reach its epoch and stop, and then for the tool's answer. */
const TOOL_WAIT_MS = 120_000;

/** Perform one action. */
export async function perform(store: AppStore, action: LessonAction): Promise<void> {
  const s = store.getState();
  if ('change' in action) s.apply(action.change);
  else if ('template' in action) {
    const template = templateById(action.template);
    if (template) s.apply({ type: 'replace', experiment: openTemplate(s.experiment, template) });
  } else if ('run' in action) s[action.run]();
  else if ('tab' in action) s.setEditorTab(action.tab);
  else if ('backend' in action) s.setBackendPref(action.backend);
  else if ('view' in action) s.setView(action.view);
  else if ('draw' in action) {
    const cls = action.draw;
    await waitForStore(store, (st) => sampleOfClass(st, cls) !== null, DRAW_WAIT_MS);
    const pixels = sampleOfClass(store.getState(), cls);
    if (pixels) store.getState().setDrawing(pixels);
  } else if ('backprop' in action) {
    // The step-through opens on the weights training stopped at, as its own button does.
    if (action.backprop !== 'close' && s.runs[s.activeRunId]?.status === 'running') s.pause();
    s.requestLab({ backprop: action.backprop });
  } else if ('race' in action) s.requestLab({ race: action.race });
  else if ('pinned' in action) {
    // Pin what is on the chart: a running run is paused first, so the pinned curve is the one seen.
    if (action.pinned === 'pin') {
      if (s.runs[s.activeRunId]?.status === 'running') s.pause();
      store.getState().pin();
    } else s.sameStart();
  }
  else if ('tool' in action) {
    // A tool works on trained weights: train to `afterEpoch` first when the run is not there yet
    // (a stop rule at that epoch, so it stops there), and wait until it has stopped.
    const after = action.afterEpoch ?? 0;
    const run = s.runs[s.activeRunId];
    if (after > 0 && (run?.epoch ?? 0) < after) {
      if (s.experiment.training.stop.epochs !== after) s.apply({ type: 'stopRule', patch: { epochs: after } });
      if (run?.status !== 'running') store.getState().play();
    }
    await waitForStore(store, (st) => {
      const r = st.runs[st.activeRunId];
      return !!r && r.step > 0 && r.epoch >= after && r.status !== 'running';
    }, TOOL_WAIT_MS);
    const name = action.tool.tool;
    const id = store.getState().runTool(action.tool);
    await waitForStore(store, (st) => st.tools[name]?.requestId !== id || st.tools[name]?.status !== 'computing', TOOL_WAIT_MS);
  } else if ('distill' in action) {
    // The teacher is the network on screen, as the tab's button takes it: a running run pauses first.
    if (action.distill === 'teacher') {
      if (s.runs[s.activeRunId]?.status === 'running') s.pause();
      await store.getState().captureTeacher();
    } else s.buildStudent(16);
  } else if ('transfer' in action) await performTransfer(store, action.transfer);
  else if ('generate' in action) {
    // A fixed seed: the same lesson shows the same text on every run of the same model.
    s.generate({ ...action.generate, seed: store.getState().experiment.seed });
  }
}

/** Perform a step's actions in order. */
export async function showMe(store: AppStore, actions: readonly LessonAction[]): Promise<void> {
  for (const action of actions) await perform(store, action);
}
