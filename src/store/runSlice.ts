import type { StateCreator } from 'zustand';
import type { SavedWeights } from '../models/weightsFile';
import type { FromEngine, LabKind, Snapshot } from '../training/protocol';
import { appendDynamics } from './dynamicsHistory';
import { RunStartTracker } from './runStartTracker';
import type { AppState, ImagesRunPart, LabRunPart, MetricPoint, RunSlice, RunState, SequencesRunPart } from './types';

/** How long Save waits for the engine's weights before saving the Experiment alone. */
const WEIGHTS_TIMEOUT_MS = 15_000;

/** History beyond this is thinned by half (the chart decimates anyway; memory stays bounded). */
const MAX_HISTORY = 4000;

export function emptyRun(id: number): RunState {
  return {
    id,
    status: 'idle',
    step: 0,
    epoch: 0,
    history: [],
    markers: [],
    latest: null,
    part: emptyPart('points'),
    loading: null,
    stepsPerSec: 0,
    learningRate: null,
    bestEpoch: null,
    origin: null,
    earlyStopped: null,
    backend: null,
    host: null,
    backendNote: null,
    problem: null,
    dynamics: [],
  };
}

/** A lab's part of a run before the engine said anything about it. */
export function emptyPart(lab: LabKind): LabRunPart {
  if (lab === 'images') return { lab, images: null, testReport: null, dataInfo: null };
  if (lab === 'sequences') return { lab, sequences: null, seqInfo: null, generated: null, generating: false };
  if (lab === 'ratings') return { lab, ratings: null };
  return { lab, probes: null };
}

/** The run's part for `lab`: the one it has, or an empty one when the run moved to another lab. */
function partFor<L extends LabKind>(run: RunState, lab: L): Extract<LabRunPart, { lab: L }> {
  return (run.part.lab === lab ? run.part : emptyPart(lab)) as Extract<LabRunPart, { lab: L }>;
}

/** Fold a snapshot's lab part into the run's: what it did not probe stays as it was. */
function mergePart(run: RunState, msg: Snapshot, restarted: boolean): LabRunPart {
  if (msg.lab === 'images') {
    const part = partFor(run, 'images');
    return { ...part, images: msg.images ?? part.images, testReport: msg.testReport ?? (restarted ? null : part.testReport) };
  }
  if (msg.lab === 'sequences') {
    const part = partFor(run, 'sequences');
    return { ...part, sequences: msg.sequences ?? part.sequences };
  }
  if (msg.lab === 'ratings') {
    const part = partFor(run, 'ratings');
    return { ...part, ratings: msg.ratings ?? part.ratings };
  }
  const part = partFor(run, 'points');
  return { ...part, probes: msg.probes ?? part.probes };
}

/** A run's views emptied (no network on screen), keeping what describes the data. */
export function clearedViews(run: RunState): Partial<RunState> {
  const part = run.part;
  let kept: LabRunPart = emptyPart(part.lab);
  if (part.lab === 'images' && kept.lab === 'images') kept = { ...kept, dataInfo: part.dataInfo };
  if (part.lab === 'sequences' && kept.lab === 'sequences') kept = { ...kept, seqInfo: part.seqInfo };
  return { step: 0, epoch: 0, history: [], markers: [], latest: null, part: kept, stepsPerSec: 0, dynamics: [] };
}

function thin(history: MetricPoint[]): MetricPoint[] {
  if (history.length <= MAX_HISTORY) return history;
  return history.filter((_, i) => i % 2 === 0 || i === history.length - 1);
}

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set, get) => {
  const heartbeat = { sent: 0, heard: 0 };
  /** `saveWeights` requests awaiting the engine's answer, by request id. */
  const weightRequests = new Map<number, (w: SavedWeights | null) => void>();
  let nextRequest = 1;
  let starts = new RunStartTracker();
  const post = (build: (runId: number) => Parameters<NonNullable<RunSlice['engine']>['post']>[0]) => {
    const { engine, activeRunId } = get();
    if (!engine) return;
    // The first unanswered message counts: a stall is measured from it.
    if (heartbeat.sent <= heartbeat.heard) heartbeat.sent = performance.now();
    engine.post(build(activeRunId));
  };
  const patchRun = (runId: number, patch: (run: RunState) => Partial<RunState>) =>
    set((s) => {
      const run = s.runs[runId];
      if (!run) return {};
      return { runs: { ...s.runs, [runId]: { ...run, ...patch(run) } } };
    });
  /** Patch the sequence lab's part; a run in another lab has nothing to patch. */
  const patchSequences = (runId: number, patch: Partial<SequencesRunPart>) =>
    patchRun(runId, (run) => (run.part.lab === 'sequences' ? { part: { ...run.part, ...patch } } : {}));

  /** Tell the engine which image the image views look inside: the drawing, else the chosen test image. */
  const sendProbeSource = () => {
    const { drawing, view } = get();
    post((runId) => ({ type: 'probeSource', runId, source: drawing ? { kind: 'drawing', pixels: drawing } : { kind: 'test', index: view.probeIndex } }));
  };

  return {
    activeRunId: 0,
    sendProbeSource,
    runs: { 0: emptyRun(0) },
    engine: null,
    heartbeat,
    restartEngine: null,
    saveWeights: () => {
      if (!get().engine) return Promise.resolve(null);
      const requestId = nextRequest++;
      const answer = new Promise<SavedWeights | null>((resolve) => {
        weightRequests.set(requestId, resolve);
        // An engine stopped or replaced meanwhile never answers: save without the weights then.
        setTimeout(() => weightRequests.delete(requestId) && resolve(null), WEIGHTS_TIMEOUT_MS);
      });
      post((runId) => ({ type: 'saveWeights', runId, requestId }));
      return answer;
    },
    loadWeights: (weights, start = { kind: 'file', name: '' }) => {
      if (!get().engine) return;
      starts.loading(start);
      post((runId) => ({ type: 'loadWeights', runId, weights }));
    },
    runStart: null,
    clearViews: () => patchRun(get().activeRunId, clearedViews),
    confirmHeavy: () => post((runId) => ({ type: 'confirm', runId })),
    startRun: (runId) => {
      // A new engine run answers none of the last one's loads.
      starts = new RunStartTracker();
      set({ activeRunId: runId, runs: { [runId]: emptyRun(runId) } });
    },
    drawing: null,
    setDrawing: (drawing) => {
      set({ drawing });
      sendProbeSource();
    },
    play: () => post((runId) => ({ type: 'play', runId })),
    pause: () => post((runId) => ({ type: 'pause', runId })),
    step: () => post((runId) => ({ type: 'step', runId, steps: 1 })),
    reset: () => post((runId) => ({ type: 'reset', runId })),
    editWeight: (layerId, from, to, value) => post((runId) => ({ type: 'setWeight', runId, layerId, from, to, value })),
    generate: (request) => {
      patchSequences(get().activeRunId, { generating: true });
      post((runId) => ({ type: 'generate', runId, ...request }));
    },
    editBias: (layerId, unit, value) => post((runId) => ({ type: 'setBias', runId, layerId, unit, value })),
    receive: (msg: FromEngine) => {
      heartbeat.heard = performance.now();
      if (msg.type === 'idle') return;
      if (msg.type === 'lossSlice' || msg.type === 'lossSliceProgress') return get().receiveLossSlice(msg);
      if (msg.type === 'tool' || msg.type === 'toolProgress') return get().receiveTool(msg);
      if (msg.type === 'weights') {
        weightRequests.get(msg.requestId)?.(msg.weights);
        weightRequests.delete(msg.requestId);
        return;
      }
      if (msg.type === 'stopRule') {
        get().notify({ kind: 'info', key: 'notice.stopRuleEpochs', vars: { epoch: msg.epoch } });
        return;
      }
      if (msg.type === 'earlyStopped') {
        const vars = { epoch: msg.epoch, best: msg.bestEpoch, loss: msg.bestValLoss.toPrecision(3) };
        get().notify({ kind: 'info', key: msg.restored ? 'notice.earlyStoppedRestored' : 'notice.earlyStopped', vars });
        patchRun(msg.runId, () => ({ earlyStopped: { epoch: msg.epoch, bestEpoch: msg.bestEpoch, restored: msg.restored } }));
        return;
      }
      if (msg.type === 'weightsLoaded') {
        starts.loaded(msg.ok);
        get().notify(msg.ok ? { kind: 'info', key: 'notice.weightsLoaded', vars: { step: msg.step } } : { kind: 'warning', key: 'notice.weightsMismatch' });
        return;
      }
      if (msg.type === 'ready') {
        patchRun(msg.runId, () => ({ backend: msg.backend, host: msg.host, backendNote: msg.note }));
        return;
      }
      if (msg.type === 'error') {
        patchSequences(msg.runId, { generating: false });
        // The engine keeps no network after a problem: the views of the last one go with it.
        patchRun(msg.runId, (run) => ({
          ...clearedViews(run),
          status: 'error',
          problem: { kind: msg.confirm ? 'warning' : 'error', key: msg.key, vars: msg.vars, cause: msg.cause, detail: msg.detail, ...(msg.confirm ? { confirm: true } : {}) },
        }));
        return;
      }
      if (msg.type === 'dataProgress') {
        patchRun(msg.runId, () => ({ loading: { loaded: msg.loaded, total: msg.total } }));
        return;
      }
      if (msg.type === 'dataInfo') {
        const { side, samples, labels, nTrain, nTest } = msg;
        const dataInfo: ImagesRunPart['dataInfo'] = { side, samples, labels, nTrain, nTest };
        patchRun(msg.runId, (run) => ({ loading: null, part: { ...partFor(run, 'images'), dataInfo } }));
        return;
      }
      if (msg.type === 'seqInfo') {
        const { type: _type, runId: _runId, ...info } = msg;
        patchRun(msg.runId, (run) => ({ loading: null, part: { ...partFor(run, 'sequences'), seqInfo: info, generated: null } }));
        return;
      }
      if (msg.type === 'generated') {
        patchSequences(msg.runId, { generating: false, generated: { prompt: msg.prompt, text: msg.text, probs: msg.probs } });
        return;
      }
      if (msg.type === 'diverged') {
        patchRun(msg.runId, () => ({
          status: 'diverged',
          problem: { kind: 'warning', key: 'run.diverged', vars: { epoch: msg.epoch, step: msg.step } },
        }));
        return;
      }
      // A snapshot. New weights (a rebuild, a reset, a loaded file) start the chart afresh, even
      // when the last run also stood at step 0 (its first point must not open the new curve).
      if (msg.runId === get().activeRunId && msg.origin !== get().runs[msg.runId]?.origin) set({ runStart: starts.originChanged() });
      patchRun(msg.runId, (run) => {
        const restarted = msg.origin !== run.origin || msg.step < run.step || (msg.step === 0 && run.step !== 0);
        const base = restarted ? [] : run.history;
        const point: MetricPoint = { ...msg.metrics, epoch: msg.progress, step: msg.step };
        const fresh = Number.isFinite(msg.metrics.trainLoss) || Number.isFinite(msg.metrics.testLoss);
        const last = base[base.length - 1];
        const history = fresh && (!last || last.step !== msg.step) ? thin([...base, point]) : base;
        const keepProblem = msg.status === 'diverged' || msg.status === 'error';
        return {
          status: msg.status,
          step: msg.step,
          epoch: msg.epoch,
          history,
          markers: restarted ? [] : run.markers,
          latest: msg.metrics,
          part: mergePart(run, msg, restarted),
          dynamics: appendDynamics(run.dynamics, msg.dynamics, restarted),
          stepsPerSec: msg.stepsPerSec || run.stepsPerSec,
          learningRate: msg.learningRate,
          bestEpoch: msg.bestEpoch,
          origin: msg.origin,
          earlyStopped: restarted || msg.status === 'running' ? null : run.earlyStopped,
          problem: keepProblem ? run.problem : null,
        };
      });
    },
  };
};
