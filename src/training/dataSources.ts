import { loadMnist, MNIST_URL, type MnistData } from '../data/mnist';
import type { Experiment } from '../models/spec';
import { needsMnist, type DataSources } from './prepare';

/** Fetches MNIST, reporting bytes loaded so far and in all. */
export type MnistLoader = (onProgress: (loaded: number, total: number) => void) => Promise<MnistData>;

/** MNIST from the app's own public/data. */
const loadFromApp: MnistLoader = (onProgress) => loadMnist(new URL(MNIST_URL.slice(1), new URL(import.meta.env.BASE_URL, globalThis.location.href)).href, onProgress);

/**
 * The data an Experiment needs loaded rather than generated (MNIST), fetched once per engine and
 * kept; a failed fetch is forgotten, so the next try fetches again.
 */
export class DataSourceLoader {
  private mnist: Promise<MnistData> | null = null;

  constructor(private readonly load: MnistLoader = loadFromApp) {}

  /** The sources `exp` needs; `onProgress` hears about a download this call starts. */
  async sourcesFor(exp: Experiment, onProgress: (loaded: number, total: number) => void): Promise<DataSources> {
    if (!needsMnist(exp)) return {};
    if (!this.mnist) {
      this.mnist = this.load(onProgress);
      // A failed download may succeed later (a flaky network): do not keep the failure.
      this.mnist.catch(() => (this.mnist = null));
    }
    return { mnist: await this.mnist };
  }
}
