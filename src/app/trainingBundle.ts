import { isImageDataset, isSequenceDataset, type Experiment } from '../models/spec';
import { encodeSavedFile, type SavedWeights } from '../models/weightsFile';
import { needsMnist, prepareData } from '../training/prepare';
import type { Table } from '../data/table';

/** The zip's file name. */
export const BUNDLE_FILE = 'gradient-garden-train.zip';

/** Epochs train.py runs by default when nothing was trained here yet: enough for each lab to learn something. */
const FRESH_EPOCHS = { points: 50, images: 3, sequences: 10 } as const;

/** train.py's default epochs: as many as the run here has trained, else the lab's default. */
export function bundleEpochs(exp: Experiment, epochsSoFar: number): number {
  if (epochsSoFar > 0) return epochsSoFar;
  const kind = exp.dataset.kind;
  return FRESH_EPOCHS[isImageDataset(kind) ? 'images' : isSequenceDataset(kind) ? 'sequences' : 'points'];
}

/**
 * The training bundle (models/export/trainScript.ts) for an Experiment: its data prepared exactly
 * as the engine prepares it (MNIST fetched first when it needs it), the trained weights beside it
 * when there are any. The exporter (with fflate) loads on first use, not with the page.
 */
export async function buildTrainingBundle(exp: Experiment, weights: SavedWeights | null, epochs: number, table: Table | null = null): Promise<Uint8Array> {
  const [{ outputSpecOf }, { trainingBundleZip }, { DataSourceLoader }] = await Promise.all([
    import('../training/objective'),
    import('../models/export/trainScript'),
    import('../training/dataSources'),
  ]);
  // A learner's table is on the page already (the engine gets it the same way); MNIST is fetched.
  const sources = exp.dataset.kind === 'table' ? (table ? { table } : {}) : needsMnist(exp) ? await new DataSourceLoader().sourcesFor(exp, () => undefined) : {};
  const data = prepareData(exp, sources);
  return trainingBundleZip(exp, data, {
    epochs,
    outputActivation: outputSpecOf(exp, data).activation,
    ...(weights ? { savedFile: encodeSavedFile(exp, weights) } : {}),
  });
}

/** Hand the browser the zip to download. */
export function downloadBytes(fileName: string, bytes: Uint8Array, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
