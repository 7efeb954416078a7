import { vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/app/App';
import { createAppStore, type AppStore, type InitialState } from '../../src/store/createAppStore';
import type { KeyValueStorage } from '../../src/store/persistence';
import type { TabChannel } from '../../src/store/tabChannel';
import { readPlayground } from '../../src/models/playground';
import { taskOf, type Experiment } from '../../src/models/spec';
import type { FromEngine, Metrics, Probes, RunStatus, Snapshot, ToEngine } from '../../src/training/protocol';

/**
 * A small driver for component tests of the whole app shell: a fresh store, an in-memory storage,
 * no engine (engineHost 'none'), a stubbed 2-D canvas (jsdom has none) and helpers that speak the
 * engine protocol in both directions.
 */

/** Storage that lives in a Map, so tests can read what the app autosaved. */
export function createFakeStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => {
      data.set(key, value);
    },
  };
}

/**
 * jsdom has no 2-D canvas. The fake answers everything the app draws with (heatmaps use image
 * data, dataset thumbnails fillRect) and does nothing. Mirrors the stubs in the visualization tests.
 */
export function stubCanvas(): void {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    return {
      canvas: this,
      fillStyle: '#000',
      strokeStyle: '#000',
      globalAlpha: 1,
      createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
      putImageData: () => {},
      clearRect: () => {},
      fillRect: () => {},
      beginPath: () => {},
      arc: () => {},
      fill: () => {},
      stroke: () => {},
      drawImage: () => {},
      strokeRect: () => {},
    } as unknown as CanvasRenderingContext2D;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext);
}

/** A fake engine client on the store; `posted()` lists what the controls sent, `last(type)` the latest of a type. */
export function attachFakeEngine(store: AppStore) {
  const post = vi.fn<(msg: ToEngine) => void>();
  const dispose = vi.fn();
  act(() => store.setState({ engine: { host: 'worker', post, dispose } }));
  const posted = () => post.mock.calls.map((c) => c[0]);
  return {
    post,
    dispose,
    posted,
    last: <T extends ToEngine['type']>(type: T) => posted().filter((m): m is Extract<ToEngine, { type: T }> => m.type === type).at(-1),
  };
}

/**
 * Probes shaped for the experiment's playground chain: a G² boundary (G²·C for multi-class),
 * units·g² per diagram column and a kernel/bias per Dense layer. Weight (from → to) of layer L is
 * `(L + 1) / 10 + from / 100 + to / 1000`, so each is distinct and easy to check.
 */
export function makeProbes(experiment: Experiment, gridSize = 8, neuronGridSize = 4): Probes {
  const net = readPlayground(experiment.network);
  if (!net) throw new Error('makeProbes needs a playground chain');
  const inputs = experiment.dataset.features.length;
  const columns = [inputs, ...net.hidden.map((l) => l.units), net.output.units];
  const denseIds = [...net.hidden.map((l) => l.id), net.output.id];
  const task = taskOf(experiment.dataset);
  const classes = task === 'multiclass' ? experiment.dataset.classes : 1;
  const g2 = neuronGridSize * neuronGridSize;
  return {
    gridSize,
    boundary: new Float32Array(gridSize * gridSize * classes).fill(0.25),
    neuronGridSize,
    neurons: columns.map((units) => new Float32Array(units * g2).fill(0.5)),
    weights: denseIds.map((layerId, L) => {
      const fanIn = columns[L];
      const units = columns[L + 1];
      const kernel = new Float32Array(fanIn * units);
      for (let from = 0; from < fanIn; from++) for (let to = 0; to < units; to++) kernel[from * units + to] = (L + 1) / 10 + from / 100 + to / 1000;
      return { layerId, kernel, bias: new Float32Array(units).fill(0.05) };
    }),
  };
}

export interface SnapshotOptions {
  status?: RunStatus;
  step?: number;
  epoch?: number;
  metrics?: Partial<Metrics>;
  /** true (default): probes built for the store's current experiment; null: none. */
  probes?: boolean | Probes | null;
  learningRate?: number;
  bestEpoch?: number | null;
  /** The engine's start counter (default 1: the same start throughout). */
  origin?: number;
}

/** A snapshot message for the store's active run. */
export function makeSnapshot(store: AppStore, opts: SnapshotOptions = {}): Snapshot {
  const s = store.getState();
  const step = opts.step ?? 10;
  const probes = opts.probes === undefined || opts.probes === true ? makeProbes(s.experiment) : opts.probes === false ? null : opts.probes;
  return {
    type: 'snapshot',
    runId: s.activeRunId,
    status: opts.status ?? 'paused',
    step,
    epoch: opts.epoch ?? 1,
    progress: opts.epoch ?? 1,
    metrics: { trainLoss: 0.25, testLoss: 0.3, trainAcc: 0.9, testAcc: 0.85, ...opts.metrics },
    lab: 'points',
    probes,
    stepsPerSec: 0,
    learningRate: opts.learningRate ?? s.experiment.training.learningRate,
    bestEpoch: opts.bestEpoch ?? null,
    origin: opts.origin ?? 1,
  };
}

/** What the app renders with its store, storage and a user-event instance. */
export function renderApp(initial: InitialState = {}, opts: { store?: AppStore; storage?: KeyValueStorage | null; openTabChannel?: () => TabChannel | null } = {}) {
  stubCanvas();
  const store = opts.store ?? createAppStore(initial);
  const storage = opts.storage === undefined ? createFakeStorage() : opts.storage;
  const user = userEvent.setup();
  // No other tab unless a test makes one: a real BroadcastChannel would reach across tests.
  const utils = render(<App store={store} storage={storage} engineHost="none" openTabChannel={opts.openTabChannel ?? (() => null)} />);
  const receive = (msg: FromEngine) => act(() => store.getState().receive(msg));
  return {
    ...utils,
    store,
    /** The storage the app autosaves to (the in-memory one unless the test passed its own). */
    storage: storage as KeyValueStorage,
    user,
    /** Feed an engine message to the store, as the bridge would. */
    receive,
    /** Feed a snapshot for the active run (probes fitted to the current experiment). */
    snapshot: (o: SnapshotOptions = {}) => receive(makeSnapshot(store, o)),
    /** Apply an experiment change outside the UI. */
    apply: (change: Parameters<ReturnType<AppStore['getState']>['apply']>[0]) => act(() => store.getState().apply(change)),
    experiment: () => store.getState().experiment,
    training: () => store.getState().experiment.training,
    dataset: () => store.getState().experiment.dataset,
    /** The areas of the page, for scoping queries. */
    trainingBar: () => within(document.querySelector<HTMLElement>('.training-bar')!),
    dataPanel: () => within(screen.getByRole('region', { name: 'Data' })),
    networkPanel: () => within(document.querySelector<HTMLElement>('.network-panel')!),
    outputPanel: () => within(screen.getByRole('region', { name: 'Output' })),
  };
}

export type AppDriver = ReturnType<typeof renderApp>;

/** jsdom has no showModal; the browser's opens the dialog, which is what makes its content accessible. */
export function polyfillShowModal() {
  const proto = HTMLDialogElement.prototype as { showModal?: () => void };
  const had = Object.prototype.hasOwnProperty.call(proto, 'showModal');
  const showModal = vi.fn(function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  });
  proto.showModal = showModal;
  return {
    showModal,
    restore: () => {
      if (!had) delete proto.showModal;
    },
  };
}

/**
 * React Flow measures nodes with ResizeObserver and reads the zoom from DOMMatrixReadOnly; jsdom
 * has neither (and lays nothing out), so these stubs give every element a size, as React Flow's
 * testing guide suggests. Call it in a `beforeAll` of a test file that renders the graph editor.
 */
export function stubReactFlow(): void {
  class ResizeObserverStub {
    constructor(private callback: ResizeObserverCallback) {}
    observe(target: Element) {
      this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver);
    }
    unobserve() {}
    disconnect() {}
  }
  class DOMMatrixReadOnlyStub {
    m22: number;
    constructor(transform?: string) {
      const scale = transform?.match(/scale\(([1-9.]+)\)/)?.[1];
      this.m22 = scale !== undefined ? +scale : 1;
    }
  }
  globalThis.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;
  (globalThis as unknown as { DOMMatrixReadOnly: unknown }).DOMMatrixReadOnly = DOMMatrixReadOnlyStub;
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: { configurable: true, get() { return parseFloat(this.style.height) || 80; } },
    offsetWidth: { configurable: true, get() { return parseFloat(this.style.width) || 190; } },
  });
  (SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () => ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;
}
