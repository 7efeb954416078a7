import type { LabKind } from './protocol';

/*
 * The engine's timing policy, all of it: how long it trains before yielding, how often it reports,
 * probes and checks the test split, and how those intervals stretch when reporting is slow, so
 * training always keeps most of the time.
 */

/** Longest stretch of training before yielding to messages. */
export const SLICE_MS = 12;
/** Mini-batches per call to `train` start at 1 and double up to this within a slice. */
export const MAX_STEPS_PER_CALL = 64;
/** Fastest interval between snapshots while running (~30 Hz: counters and the loss curve). */
export const SNAPSHOT_MS = 33;
/**
 * Fastest interval between probes (boundary and neuron grids, weights) while running, ~20 Hz.
 * A probe costs far more than the metrics (a forward pass over 4,096 grid points: ~12 ms in Node for
 * the largest 2-D network on the CPU backend, against ~2 ms for the metrics), so it gets its own,
 * slower clock.
 */
export const PROBE_MS = 50;
/** A probe gets at most about 1/PROBE_COST_RATIO of the time: the interval is at least this × its cost. */
export const PROBE_COST_RATIO = 6;
/**
 * Likewise for plain snapshots, per lab. Image networks evaluate hundreds of images per snapshot:
 * fewer of them, more training.
 */
export const SNAPSHOT_COST_RATIO: Record<LabKind, number> = { points: 4, images: 8, sequences: 4, ratings: 4 };
/** A pass over the test split gets at most about this share of the time while training runs. */
export const TEST_SHARE = 1 / 10;
/** Test images classified per chunk of a pass over the test split while training runs. */
export const TEST_CHUNK = 128;
/** Paused, a whole pass runs at once, in chunks of this many images (each a read-back). */
export const FULL_PASS_CHUNK = 4 * TEST_CHUNK;
/** On WebGL, the weights are read back at most this often, for carrying them to the CPU if the context is lost. */
export const CHECKPOINT_MS = 1000;

/** Work besides training: a snapshot with probes, one without, or a chunk of the test pass. */
export type Task = 'probe' | 'snapshot' | 'testChunk';

/**
 * Owns the clocks of a running engine (training slices, snapshots, probes, test-pass chunks,
 * weight checkpoints) and the training-speed meter. Time comes from `now`, so tests drive it with
 * a fake clock.
 */
export class Scheduler {
  private lastSnapshot = 0;
  private snapshotEvery = SNAPSHOT_MS;
  private lastProbe = 0;
  private probeEvery = PROBE_MS;
  /** When the next chunk of the test pass is due. */
  private nextTestChunk = 0;
  private checkpointAt = -Infinity;
  private stepsSinceSnapshot = 0;
  private trainMsSinceSnapshot = 0;

  constructor(readonly now: () => number = () => performance.now()) {}

  /**
   * What to do next, after a training slice (`after` = 'slice') or after a task: first a snapshot
   * when one is due (with probes when those are due too), then a test-pass chunk when the lab has
   * one running (`testPass`) and it is due; null: back to training. Each at most once per slice.
   */
  next(after: Task | 'slice', testPass: boolean): Task | null {
    const now = this.now();
    if (after === 'slice' && now - this.lastSnapshot >= this.snapshotEvery) return now - this.lastProbe >= this.probeEvery ? 'probe' : 'snapshot';
    if (after !== 'testChunk' && testPass && now >= this.nextTestChunk) return 'testChunk';
    return null;
  }

  /** Run `work` for `task` and stretch that task's interval to its cost (see the ratios above). */
  async perform(task: Task, lab: LabKind, work: () => Promise<void>): Promise<void> {
    const t0 = this.now();
    await work();
    const end = this.now();
    const cost = end - t0;
    if (task === 'probe') this.probeEvery = Math.max(PROBE_MS, cost * PROBE_COST_RATIO);
    else if (task === 'snapshot') this.snapshotEvery = Math.max(SNAPSHOT_MS, cost * SNAPSHOT_COST_RATIO[lab]);
    else this.nextTestChunk = end + cost * (1 / TEST_SHARE - 1);
  }

  /** A snapshot starts now (from the loop or a message); `probes` when it probes too. */
  snapshotStarted(probes: boolean): void {
    this.lastSnapshot = this.now();
    if (probes) this.lastProbe = this.lastSnapshot;
  }

  /** Probe at the next snapshot (the probe image changed). */
  probeSoon(): void {
    this.lastProbe = 0;
  }

  /** One slice of training: batches of 1, 2, 4 … steps until SLICE_MS have passed, or earlier when `stop` says so. */
  slice(train: (steps: number) => void, stop: () => boolean = () => false): void {
    const t0 = this.now();
    for (let steps = 1; this.now() - t0 < SLICE_MS && !stop(); steps = Math.min(steps * 2, MAX_STEPS_PER_CALL)) this.train(steps, train);
  }

  /** Train `steps` mini-batches with `train`, timing them for the speed meter. */
  train(steps: number, train: (steps: number) => void): void {
    const t0 = this.now();
    train(steps);
    this.trainMsSinceSnapshot += this.now() - t0;
    this.stepsSinceSnapshot += steps;
  }

  /** Training speed since the last call (steps per second of training time), and restart the meter. */
  takeStepsPerSec(): number {
    const rate = this.trainMsSinceSnapshot > 0 ? (this.stepsSinceSnapshot * 1000) / this.trainMsSinceSnapshot : 0;
    this.stepsSinceSnapshot = 0;
    this.trainMsSinceSnapshot = 0;
    return rate;
  }

  /** True when the weights should be read back for a checkpoint (see CHECKPOINT_MS). */
  checkpointDue(): boolean {
    return this.now() - this.checkpointAt > CHECKPOINT_MS;
  }

  checkpointed(): void {
    this.checkpointAt = this.now();
  }
}
