import { encodeExperimentFile } from '../models/codec';
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

/** The experiment as a file the Open button (and any later version) reads back. */
export function downloadExperiment(experiment: Experiment): void {
  downloadText(EXPERIMENT_FILE_NAME, encodeExperimentFile(experiment), 'application/json');
}
