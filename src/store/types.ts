import type { ControlId, ViewOptions } from '../models/codec';
import type { RatingsProbes } from '../training/tools/recommendTypes';
import type { EditorPolicy } from '../models/editorPolicy';
import type { SpecChange } from '../models/edits';
import type { Experiment } from '../models/spec';
import type { SavedWeights } from '../models/weightsFile';
import type { RunStart } from '../models/runStart';
import type { PinnedRun } from '../models/pinnedRuns';
import type { Locale } from '../i18n';
import type { LabRequests, LabStatus } from './labStatus';
import type { EngineClient } from '../training/client';
import type { FromEngine, LossSliceData, LossSliceError } from '../training/protocol';
import type { DynamicsProbe } from '../training/dynamicsTypes';
import type { ToolError, ToolName, ToolRequest, ToolResultOf } from '../training/tools/types';
import type { DistillSlice } from './distillTypes';
import type { BackendName, BackendNote, BackendPreference, EngineHostKind, ImageProbes, Metrics, Probes, RunStatus, SeqInfo, SeqProbes, TestReport } from '../training/protocol';

/** One point of the loss chart. */
export interface MetricPoint extends Metrics {
  epoch: number;
  step: number;
}

/** A message on the banner: an i18n key with values. */
export interface Notice {
  kind: 'error' | 'warning' | 'info';
  key: string;
  vars?: Record<string, string | number>;
  /** The underlying reason, itself a message (e.g. why a link was rejected). */
  cause?: { key: string; vars?: Record<string, string | number> };
  /** Values that are themselves message keys (a template's or a dataset's name), translated when shown. */
  keyVars?: Record<string, string>;
  /** Technical detail, shown as plain text under the message. */
  detail?: string;
  /** A heavy network the learner may train anyway (RunSlice.confirmHeavy). */
  confirm?: true;
}

/** The points lab's part of a run: what the playground's views draw. */
export interface PointsRunPart {
  lab: 'points';
  probes: Probes | null;
}

/** The image lab's part of a run. */
export interface ImagesRunPart {
  lab: 'images';
  /** Feature maps, kernels and output for the probe image. */
  images: ImageProbes | null;
  /** The latest pass over the whole test split. */
  testReport: TestReport | null;
  /** Some test images to pick the probe from, and the split sizes. */
  dataInfo: { side: number; samples: Float32Array; labels: number[]; nTrain: number; nTest: number } | null;
}

/** The sequence lab's part of a run. */
export interface SequencesRunPart {
  lab: 'sequences';
  /** Attention, encodings, recurrent states and output for the probe example. */
  sequences: SeqProbes | null;
  /** Vocabulary, lengths and some test examples to pick the probe from. */
  seqInfo: SeqInfo | null;
  /** Language models: the last generated text (null until asked, or while generating: `generating`). */
  generated: { prompt: string; text: string; probs: number[] } | null;
  generating: boolean;
}

/** The ratings lab's part of a run: the latest predictions, RMSE and item map. */
export interface RatingsRunPart {
  lab: 'ratings';
  ratings: RatingsProbes | null;
}

/** What only one lab shows, tagged by the lab; it starts empty when the run moves to another lab. */
export type LabRunPart = PointsRunPart | ImagesRunPart | SequencesRunPart | RatingsRunPart;

/** Everything about one training run. Runs are keyed so several can sit side by side later. */
export interface RunState {
  id: number;
  status: RunStatus;
  step: number;
  epoch: number;
  history: MetricPoint[];
  /** Epochs where the learner changed a hyperparameter mid-run (markers on the chart). */
  markers: number[];
  latest: Metrics | null;
  /** The lab's own part: its views' data (see LabRunPart). */
  part: LabRunPart;
  /** Data being downloaded (MNIST): bytes so far and in all (0 when unknown); null when not loading. */
  loading: { loaded: number; total: number } | null;
  stepsPerSec: number;
  /** The learning rate the engine uses now (the schedule's value); null before it reported. */
  learningRate: number | null;
  /** Early stopping's best epoch so far (marked on the chart); null when it is off or before one. */
  bestEpoch: number | null;
  /** The engine's `origin` of the last snapshot: a new one starts the curves afresh; null before one. */
  origin: number | null;
  /** Where early stopping stopped this run (and the best epoch); null while it has not, or runs again. */
  earlyStopped: { epoch: number; bestEpoch: number; restored: boolean } | null;
  backend: BackendName | null;
  host: EngineHostKind | null;
  backendNote: BackendNote;
  /** Why the run cannot train (an invalid network), or why it stopped (NaN). */
  problem: Notice | null;
  /** Training dynamics inside the network, oldest first, bounded (store/dynamicsHistory.ts). */
  dynamics: DynamicsProbe[];
}

export interface ExperimentSlice {
  experiment: Experiment;
  past: Experiment[];
  future: Experiment[];
  /** Apply an edit; it joins the undo history. */
  apply(change: SpecChange): void;
  undo(): void;
  redo(): void;
}

export interface ViewSlice {
  view: ViewOptions;
  hide: ControlId[];
  /** A teacher's link: the palette's layer types and whether students may edit (links only). */
  editorPolicy: EditorPolicy;
  setView(patch: Partial<ViewOptions>): void;
  setHide(hide: ControlId[]): void;
  setEditorPolicy(policy: EditorPolicy): void;
}

/** The views in tabs: the lab of the data, the graph editor, and the optimizer race. */
export type EditorTab = 'playground' | 'graph' | 'race';

export interface UiSlice {
  locale: Locale;
  /**
   * The language the learner picked (the stored preference or the header's choice); null while
   * the page shows the browser's or a link's `?lang=`. Only this one is saved, so a teacher's
   * link in Chinese does not switch the student's own preference.
   */
  chosenLocale: Locale | null;
  backendPref: BackendPreference;
  notice: Notice | null;
  /** The neuron under the pointer in the diagram; the big plot shows it meanwhile. */
  hoveredNeuron: { layer: number; unit: number } | null;
  /** Which view is on screen: the lab, the graph editor, or the optimizer race (training dynamics). */
  editorTab: EditorTab;
  /** Presenter mode: large type, thick lines, minimal chrome (a projector); `?present` in the address turns it on. */
  presenter: boolean;
  /** The Experiment a teacher's link (one that hides controls) opened with: "back to the teacher's start" restores it. */
  teacherStart: Experiment | null;
  setPresenter(on: boolean): void;
  /** A classroom overlay on screen: the QR code of the link, or the keyboard shortcuts. */
  overlay: 'qr' | 'keys' | null;
  setOverlay(overlay: 'qr' | 'keys' | null): void;
  setEditorTab(tab: EditorTab): void;
  setHovered(n: { layer: number; unit: number } | null): void;
  setLocale(locale: Locale): void;
  setBackendPref(pref: BackendPreference): void;
  /** Whether the engine measures training dynamics (gradients, updates, activations per layer). */
  dynamicsOn: boolean;
  setDynamicsOn(on: boolean): void;
  notify(notice: Notice | null): void;
}

export interface RunSlice {
  activeRunId: number;
  runs: Record<number, RunState>;
  /** The engine connection; set by the engine bridge, null in tests without an engine. */
  engine: EngineClient | null;
  startRun(runId: number): void;
  play(): void;
  pause(): void;
  step(): void;
  reset(): void;
  editWeight(layerId: string, from: number, to: number, value: number): void;
  editBias(layerId: string, unit: number, value: number): void;
  /** The learner's drawing (28×28, ink = 1), or null to look at the test image again. */
  drawing: Float32Array | null;
  setDrawing(pixels: Float32Array | null): void;
  /** Language models: continue `prompt` (see the `generate` message). */
  generate(request: { prompt: string; length: number; temperature: number; topK: number; seed: number }): void;
  /**
   * Every weight of the active run's network and its counters, from the engine; null when nothing
   * is built or there is no engine.
   */
  saveWeights(): Promise<SavedWeights | null>;
  /**
   * Write saved weights into the active run's network; a notice says whether they fit. `start`
   * says where they came from (default: a saved file) and becomes `runStart` once they are written.
   */
  loadWeights(weights: SavedWeights, start?: RunStart): void;
  /** Where the current run's weights started: null when drawn afresh from the seed (store/runStartTracker.ts). */
  runStart: RunStart | null;
  /** Empty the active run's views and counters until the engine reports on a new network (a lab switch). */
  clearViews(): void;
  /** Train the heavy network the engine asked about anyway. */
  confirmHeavy(): void;
  /**
   * Stop the engine and start a fresh one on the same Experiment, for a step that runs far past its
   * estimate. Set by the engine bridge where the engine is a worker it can terminate; null otherwise.
   */
  restartEngine: (() => void) | null;
  /** When the page last posted to the engine and last heard from it (ms, performance.now); mutated, never replaced. */
  heartbeat: { sent: number; heard: number };
  /** Re-send the probe source (after the probe test image changed). */
  sendProbeSource(): void;
  /** Apply what the engine says (the bridge calls this). */
  receive(msg: import('../training/protocol').FromEngine): void;
}

/** Runs kept beside the current one on the charts (store/pinnedSlice.ts). */
export interface PinnedSlice {
  pinned: PinnedRun[];
  /** Pin the active run (its history thinned, its Experiment); false when there is nothing to pin or no room. */
  pin(): boolean;
  unpin(id: string): void;
  renamePinned(id: string, label: string): void;
  clearPinned(): void;
  /** Replace every pinned run (from a file or another tab's storage); already validated. */
  setPinned(runs: PinnedRun[]): void;
  /** The latest pinned run's seed, and the run reset to step 0: the same initial weights and data. */
  sameStart(): void;
  /** Put a pinned run's Experiment back (one undoable replace). */
  openPinned(id: string): void;
}

/** The loss slice of the learner's network for the optimizer race (landscapeSlice.ts). */
export interface LossSliceState {
  status: 'idle' | 'computing' | 'ready' | 'error';
  /** The request in flight or last answered. */
  requestId: number;
  /** Rows done / rows, while computing. */
  progress: number;
  /** The last slice taken (kept while a new one is computed, and after a failed one). */
  data: LossSliceData | null;
  error: LossSliceError | null;
}

export interface LandscapeSlice {
  lossSlice: LossSliceState;
  /** Ask the engine for a loss slice of the active run's network (ignored while one is computed). */
  takeLossSlice(): void;
  /** The engine's answer or progress (runSlice's `receive` hands these on). */
  receiveLossSlice(msg: Extract<FromEngine, { type: 'lossSlice' | 'lossSliceProgress' }>): void;
}

/** One tool's last request and answer (toolsSlice.ts); `K` narrows the result to that tool's. */
export interface ToolState<K extends ToolName = ToolName> {
  status: 'idle' | 'computing' | 'ready' | 'error';
  /** The request in flight or last answered. */
  requestId: number;
  /** Done / total, while computing. */
  progress: number;
  /** The last result (kept while a new one is computed, and after a failed one). */
  result: ToolResultOf<K> | null;
  error: ToolError | null;
  /** With `unsupported`: an i18n key saying why; with `failed`: the message. */
  detail: string | null;
}

export interface ToolsSlice {
  tools: Partial<Record<ToolName, ToolState>>;
  /** Ask the engine to run a tool on the active run's network; returns the request id. */
  runTool(request: ToolRequest): number;
  /** The engine's answer or progress (runSlice's `receive` hands these on). */
  receiveTool(msg: Extract<FromEngine, { type: 'tool' | 'toolProgress' }>): void;
}

/** Lab-local views' summaries for lessons, and Show me's requests to them (labStatus.ts). */
export interface LabStatusSlice {
  labStatus: LabStatus;
  labRequests: LabRequests;
  reportLab(patch: Partial<LabStatus>): void;
  requestLab(request: LabRequests): void;
  /** The view addressed carried out its request. */
  clearLabRequest(to: keyof LabRequests): void;
}

/** The learner's own data on the page (store/tableSlice.ts explains why the table is not in the Experiment). */
export interface TableSlice {
  /** The open table, or null (a link or saved work may name one that is not on this device). */
  table: import('../data/table').Table | null;
  /** The open table's file name and text, as a saved file carries it. */
  tableSource: { name: string; text: string } | null;
  /**
   * Read a CSV into the page without editing the Experiment (a saved file brings its own); on bad
   * input nothing changes and a notice says why. Returns whether it was read.
   */
  loadTable(text: string, name: string): boolean;
  /**
   * Read a CSV and train on it. Bad input leaves everything as it was and says why in a notice;
   * returns whether the table was opened.
   */
  openTable(text: string, name: string): boolean;
  /** Another label column, task or boundary axes for the open table (an undoable edit). */
  chooseTable(patch: { label?: number; task?: 'classify' | 'regress'; axes?: [number, number] }): void;
  /** Points by hand: what a click on the plane does (add a point of class 0 or 1, or erase). */
  handTool: 0 | 1 | 'erase';
  setHandTool(tool: 0 | 1 | 'erase'): void;
}

/** The learner's own images and text on the page (store/ownMediaSlice.ts). */
export interface OwnMediaSlice {
  ownImages: import('../data/ownImages').OwnImages | null;
  ownText: import('../data/ownText').OwnText | null;
  ownSentences: import('../data/ownSentences').OwnSentences | null;
  /** Begin a set with these (empty) classes, unless one exists. */
  startOwnImages(names: string[]): void;
  /** Add 28×28 grey images to a class, within the limits (a notice names what was left out); returns how many were added. */
  addImages(index: number, images: Uint8Array[]): number;
  removeImage(index: number, image: number): void;
  /** Add, remove or rename a class; a bad name or count is a notice and nothing changes. */
  editClasses(edit: { type: 'add'; name: string } | { type: 'remove'; index: number } | { type: 'rename'; index: number; name: string }): boolean;
  /** Train the image lab on the set (an undoable edit), or a notice saying what is missing. */
  trainOnOwnImages(): boolean;
  /** A saved file's images, without editing the Experiment. */
  loadOwnImages(images: import('../data/ownImages').OwnImages): void;
  /** Train the language model on a pasted text; a bad text is a notice and nothing changes. */
  trainOnOwnText(raw: string, name: string): boolean;
  /** A saved file's text, without editing the Experiment. */
  loadOwnText(text: import('../data/ownText').OwnText): void;
  /** Back to the shipped corpus (the text stays on the page). */
  dropOwnText(): void;
  /** Train the sentiment task on the learner's sentences (one per line); bad ones are a notice and nothing changes. */
  trainOnOwnSentences(positive: string, negative: string, name: string): boolean;
  /** A saved file's sentences, without editing the Experiment. */
  loadOwnSentences(sentences: import('../data/ownSentences').OwnSentences): void;
  /** Back to the shipped sentences (the learner's stay on the page). */
  dropOwnSentences(): void;
}

/** A teacher's challenge and a student's hand-in (store/challengeSlice.ts, lessons/challenge/). */
export interface ChallengeSlice {
  challenge: import('../models/challengeSpec').Challenge | null;
  /** When the current run first met the challenge (goal and constraints); null: not yet, or a new run. */
  challengeMet: { step: number; epoch: number } | null;
  /** A hand-in opened on this page (a teacher's), to re-run and confirm. */
  handIn: import('../models/handIn').HandIn | null;
  setChallenge(c: import('../models/challengeSpec').Challenge | null): void;
  setChallengeMet(at: { step: number; epoch: number } | null): void;
  setHandIn(h: import('../models/handIn').HandIn | null): void;
}

export type AppState = ExperimentSlice & ViewSlice & UiSlice & RunSlice & PinnedSlice & LandscapeSlice & ToolsSlice & LabStatusSlice & TableSlice & OwnMediaSlice & ChallengeSlice & DistillSlice;
