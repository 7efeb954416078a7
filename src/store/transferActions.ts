/**
 * Transfer learning on the page (issue 16): open the pre-trained digit network, put the current
 * weights onto the few-shot shapes with a new head, freeze or thaw the features, start from scratch.
 * Each goes through the store's own actions (apply, loadWeights, saveWeights, reset), so undo,
 * autosave and the engine see ordinary edits. The edits themselves are models/transfer.ts.
 */
import { fewShotShapes, featureLayers, fineTuneSetup, FEW_SHOT_PER_CLASS, PRETRAINED_PATH } from '../models/transfer';
import { decodeSavedFile } from '../models/weightsFile';
import { isImageDataset } from '../models/spec';
import { startName, type RunStart } from '../models/runStart';
import { weightsFit } from '../models/teacherFile';
import type { AppStore } from './createAppStore';

/** The pre-trained file's text (fetched from the app's own origin; the service worker precaches it). */
export async function fetchPretrained(): Promise<string> {
  const url = new URL(PRETRAINED_PATH, new URL(import.meta.env.BASE_URL, globalThis.location.href)).href;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.text();
}

/**
 * Open the pre-trained digit network: its Experiment replaces the learner's (one undo step) and its
 * weights are written once the engine has built it. The file is checked like any saved file.
 */
export async function loadPretrained(
  store: AppStore,
  fetchText: () => Promise<string> = fetchPretrained,
  start: RunStart = { kind: 'pretrained', name: startName(PRETRAINED_PATH) },
): Promise<boolean> {
  let text: string;
  try {
    text = await fetchText();
  } catch (err) {
    store.getState().notify({ kind: 'error', key: 'transfer.err.load', vars: { cause: err instanceof Error ? err.message : String(err) } });
    return false;
  }
  const decoded = decodeSavedFile(text);
  const s = store.getState();
  if (!decoded.ok || !decoded.value.weights) {
    s.notify({ kind: 'error', key: 'notice.badFile', cause: decoded.ok ? { key: 'transfer.err.noWeights' } : decoded.error });
    return false;
  }
  const { experiment, weights } = decoded.value;
  // The learner's own file: an image network whose weights fit it, else nothing changes.
  if (start.kind === 'file') {
    if (!isImageDataset(experiment.dataset.kind)) {
      s.notify({ kind: 'error', key: 'notice.badFile', cause: { key: 'transfer.err.fileNotImage' } });
      return false;
    }
    const fit = weightsFit(experiment.network, weights);
    if (fit) {
      s.notify({ kind: 'error', key: 'notice.badFile', cause: fit });
      return false;
    }
  }
  s.apply({ type: 'replace', experiment });
  s.loadWeights(weights, start);
  s.notify(start.kind === 'file' ? { kind: 'info', key: 'transfer.loadedOwn', vars: { name: start.name } } : { kind: 'info', key: 'transfer.loaded' });
  return true;
}

/** Open the learner's own saved file (Experiment + trained weights) for transfer, checked like the pre-trained one. */
export function loadOwnWeights(store: AppStore, text: string, fileName: string): Promise<boolean> {
  return loadPretrained(store, () => Promise.resolve(text), { kind: 'file', name: startName(fileName) });
}

/**
 * Put the network's current weights (pre-trained, trained here, or opened from a file) onto the
 * shapes with `perClass` training examples per class: a fresh head for 4 classes, the rest kept,
 * the features frozen. False (with a notice) when there are no weights or no head to replace.
 */
export async function fineTuneOnShapes(store: AppStore, perClass = FEW_SHOT_PER_CLASS): Promise<boolean> {
  const s = store.getState();
  const exp = s.experiment;
  if (!isImageDataset(exp.dataset.kind)) {
    s.notify({ kind: 'warning', key: 'transfer.err.notImage' });
    return false;
  }
  const weights = await s.saveWeights();
  if (!weights) {
    store.getState().notify({ kind: 'warning', key: 'transfer.err.noWeights' });
    return false;
  }
  const r = fineTuneSetup(exp, weights, fewShotShapes(exp.dataset, perClass), { freeze: true });
  const now = store.getState();
  if (!r.ok) {
    now.notify({ kind: 'warning', key: r.key });
    return false;
  }
  // The features keep their start: pre-trained, a saved file, or trained on this page.
  const start: RunStart = now.runStart ?? { kind: 'here', name: '' };
  now.apply({ type: 'replace', experiment: r.experiment });
  now.loadWeights(r.weights, start);
  const frozen = featureLayers(r.experiment.network);
  now.notify({ kind: 'info', key: 'transfer.fineTuned', vars: { classes: 4, frozen: frozen.join(', ') } });
  return true;
}

/** Freeze the feature layers (every layer with weights but the head), or thaw every layer; live, the weights stay. */
export function setFeaturesFrozen(store: AppStore, frozen: boolean): void {
  const s = store.getState();
  const net = s.experiment.network;
  const ids = frozen ? featureLayers(net) : net.nodes.map((n) => n.id);
  s.apply({ type: 'graph', change: { type: 'setTrainable', ids, trainable: !frozen } });
}

/** The baseline: every layer trainable, the weights drawn afresh from the seed, same examples. */
export function fromScratch(store: AppStore): void {
  setFeaturesFrozen(store, false);
  store.getState().reset();
}

/** What a lesson's Show me may do here (lessons/format.ts `{ transfer }`). */
export const TRANSFER_ACTIONS = ['loadPretrained', 'fineTune', 'unfreeze', 'freeze', 'scratch'] as const;
export type TransferAction = (typeof TRANSFER_ACTIONS)[number];

/** Perform one of TRANSFER_ACTIONS; fine-tuning loads the pre-trained network first, so it works from any state. */
export async function performTransfer(store: AppStore, action: TransferAction): Promise<void> {
  if (action === 'loadPretrained') await loadPretrained(store);
  else if (action === 'fineTune') {
    if (await loadPretrained(store)) await fineTuneOnShapes(store);
  } else if (action === 'unfreeze' || action === 'freeze') setFeaturesFrozen(store, action === 'freeze');
  else fromScratch(store);
}
