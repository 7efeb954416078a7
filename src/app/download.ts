import { encodeSavedFile, type SavedWeights } from '../models/weightsFile';
import type { Experiment } from '../models/spec';

export const EXPERIMENT_FILE_NAME = 'gradient-garden-experiment.json';

/** Hand the browser a text file to download (no server involved). */
export function downloadText(fileName: string, text: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The experiment as a file the Open button (and any later version) reads back, with its table, pinned runs and trained weights when given. */
export function downloadSavedFile(experiment: Experiment, weights: SavedWeights | null, extras: Parameters<typeof encodeSavedFile>[2] = {}): void {
  downloadText(EXPERIMENT_FILE_NAME, encodeSavedFile(experiment, weights, extras), 'application/json');
}

/** The experiment alone (autosave's fallback: no engine round trip while storage is failing). */
export function downloadExperiment(experiment: Experiment): void {
  downloadSavedFile(experiment, null);
}
