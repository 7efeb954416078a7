import type * as tfjs from '@tensorflow/tfjs';
import type { LabProbes, ProbeRequest } from './labProbes';
import type { RatingsSnapshotPart } from './protocol';
import type { ModelRuntime } from './runtime';
import { ratingsProbes } from './tools/recommend';

type TF = typeof tfjs;

/**
 * The ratings lab's views: every (user, item) prediction, held-out RMSE against the item-mean
 * baseline and the item embeddings on a map (tools/recommend.ts `ratingsProbes`, shared with the
 * `recommend` tool). Makes no tensors of its own to keep.
 */
export class RatingsLabProbes implements LabProbes {
  readonly lab = 'ratings';
  readonly followsProbeSource = false;
  readonly hasBackgroundWork = false;

  constructor(
    private readonly tf: TF,
    private readonly rt: ModelRuntime,
  ) {}

  info(): null {
    return null;
  }

  async build(req: ProbeRequest): Promise<RatingsSnapshotPart | null> {
    if (!req.probes) return { lab: 'ratings', ratings: null };
    const ratings = await ratingsProbes(this.tf, this.rt);
    return req.alive() ? { lab: 'ratings', ratings } : null;
  }

  async advance(): Promise<void> {}

  restart(): void {}

  dispose(): void {}
}
