import { loadMnist, MNIST_URL, type MnistData } from '../data/mnist';
import type { Experiment } from '../models/spec';
import { needsMnist, type DataSources } from './prepare';
import type { Table } from '../data/table';
import { hashOwnImages, type OwnImages } from '../data/ownImages';
import type { OwnText } from '../data/ownText';
import type { OwnSentences } from '../data/ownSentences';
import type { RunProblem } from './buildRun';

/** Data the Experiment names that the engine does not have: a problem for the learner, not a bug. */
export class DataProblem extends Error {
  constructor(readonly problem: RunProblem) {
    super(problem.key);
  }
}

/** Fetches MNIST, reporting bytes loaded so far and in all. */
export type MnistLoader = (onProgress: (loaded: number, total: number) => void) => Promise<MnistData>;

/** MNIST from the app's own public/data. */
const loadFromApp: MnistLoader = (onProgress) => loadMnist(new URL(MNIST_URL.slice(1), new URL(import.meta.env.BASE_URL, globalThis.location.href)).href, onProgress);

/**
 * The data an Experiment needs loaded rather than generated (MNIST), fetched once per engine and
 * kept; a failed fetch is forgotten, so the next try fetches again.
 */
/** Does `exp` train on the learner's images, text or sentences (sent by the page, never fetched)? */
export function usesOwnMedia(exp: Experiment): boolean {
  const d = exp.dataset;
  return d.kind === 'ownImages' || (d.kind === 'charLm' && !!d.text) || (d.kind === 'sentiment' && !!d.sentences);
}

export class DataSourceLoader {
  private mnist: Promise<MnistData> | null = null;
  /** The learner's table, as the page last sent it. */
  table: Table | null = null;
  /** The learner's images and text, as the page last sent them. */
  ownImages: OwnImages | null = null;
  ownText: OwnText | null = null;
  ownSentences: OwnSentences | null = null;

  constructor(private readonly load: MnistLoader = loadFromApp) {}

  /** The sources `exp` needs; `onProgress` hears about a download this call starts. */
  async sourcesFor(exp: Experiment, onProgress: (loaded: number, total: number) => void): Promise<DataSources> {
    if (exp.dataset.kind === 'table') {
      const ref = exp.dataset.table;
      const name = ref?.name ?? '';
      if (!this.table) throw new DataProblem({ key: 'own.table.missing', vars: { name } });
      if (!ref || this.table.hash !== ref.hash) throw new DataProblem({ key: 'own.table.other', vars: { name } });
      return { table: this.table };
    }
    if (exp.dataset.kind === 'ownImages') {
      const ref = exp.dataset.images;
      const classes = ref?.classes.join(', ') ?? '';
      if (!this.ownImages) throw new DataProblem({ key: 'ownImg.missing', vars: { classes } });
      if (!ref || hashOwnImages(this.ownImages) !== ref.hash) throw new DataProblem({ key: 'ownImg.other', vars: { classes } });
      return { ownImages: this.ownImages };
    }
    if (exp.dataset.kind === 'charLm' && exp.dataset.text) {
      const ref = exp.dataset.text;
      if (!this.ownText || this.ownText.hash !== ref.hash) throw new DataProblem({ key: 'ownText.missing', vars: { name: ref.name } });
      return { ownText: this.ownText };
    }
    if (exp.dataset.kind === 'sentiment' && exp.dataset.sentences) {
      const ref = exp.dataset.sentences;
      if (!this.ownSentences || this.ownSentences.hash !== ref.hash) throw new DataProblem({ key: 'ownSent.missing', vars: { name: ref.name } });
      return { ownSentences: this.ownSentences };
    }
    if (!needsMnist(exp)) return {};
    if (!this.mnist) {
      this.mnist = this.load(onProgress);
      // A failed download may succeed later (a flaky network): do not keep the failure.
      this.mnist.catch(() => (this.mnist = null));
    }
    return { mnist: await this.mnist };
  }
}
