import { describe, expect, it } from 'vitest';
import { CHECKPOINT_MS, MAX_STEPS_PER_CALL, PROBE_COST_RATIO, PROBE_MS, Scheduler, SLICE_MS, SNAPSHOT_COST_RATIO, SNAPSHOT_MS, TEST_SHARE, type Task } from '../../src/training/scheduler';

/** A scheduler on a clock that moves only when told. */
function fake(start = 1000) {
  let t = start;
  const clock = new Scheduler(() => t);
  return { clock, advance: (ms: number) => (t += ms), now: () => t };
}

/** Every task due after one slice, in order (without doing them). */
function dueAfterSlice(clock: Scheduler, testPass: boolean): Task[] {
  const out: Task[] = [];
  for (let task = clock.next('slice', testPass); task; task = clock.next(task, testPass)) out.push(task);
  return out;
}

describe('Scheduler', () => {
  it('after a slice: a probed snapshot first, then a test chunk when the lab runs a test pass', () => {
    const { clock } = fake();
    expect(dueAfterSlice(clock, false)).toEqual(['probe']);
    expect(dueAfterSlice(clock, true)).toEqual(['probe', 'testChunk']);
  });

  it('snapshots come every SNAPSHOT_MS and probes every PROBE_MS while they are cheap', async () => {
    const { clock, advance } = fake();
    await clock.perform('probe', 'points', async () => clock.snapshotStarted(true));
    advance(SNAPSHOT_MS - 1);
    expect(clock.next('slice', false)).toBeNull();
    advance(1);
    expect(clock.next('slice', false)).toBe('snapshot');
    clock.snapshotStarted(false);
    advance(PROBE_MS - SNAPSHOT_MS - 1);
    expect(clock.next('slice', false)).toBeNull();
    advance(SNAPSHOT_MS);
    expect(clock.next('slice', false)).toBe('probe');
  });

  it('a costly probe stretches the probe interval so probes keep about 1/6 of the time', async () => {
    const { clock, advance } = fake();
    await clock.perform('probe', 'points', async () => {
      clock.snapshotStarted(true);
      advance(20);
    });
    // The next snapshot is due after SNAPSHOT_MS, but without probes until 6 × 20 ms have passed.
    advance(SNAPSHOT_MS);
    expect(clock.next('slice', false)).toBe('snapshot');
    advance(20 * PROBE_COST_RATIO - 20 - SNAPSHOT_MS);
    expect(clock.next('slice', false)).toBe('probe');
  });

  it('a costly plain snapshot stretches the snapshot interval, more for images', async () => {
    for (const lab of ['points', 'images'] as const) {
      const { clock, advance } = fake();
      await clock.perform('snapshot', lab, async () => {
        clock.snapshotStarted(false);
        advance(10);
      });
      const every = 10 * SNAPSHOT_COST_RATIO[lab];
      expect(every).toBeGreaterThan(SNAPSHOT_MS);
      advance(every - 10 - 1);
      expect(clock.next('slice', false)).toBeNull();
      advance(1);
      expect(clock.next('slice', false)).not.toBeNull();
    }
  });

  it('test chunks get about TEST_SHARE of the time', async () => {
    const { clock, advance } = fake();
    clock.snapshotStarted(true);
    expect(clock.next('slice', true)).toBe('testChunk');
    await clock.perform('testChunk', 'images', async () => void advance(8));
    const wait = 8 * (1 / TEST_SHARE - 1);
    advance(wait - 1);
    expect(clock.next('snapshot', true)).toBeNull();
    advance(1);
    expect(clock.next('snapshot', true)).toBe('testChunk');
    // A test chunk is never due twice in one slice.
    expect(clock.next('testChunk', true)).toBeNull();
  });

  it('probeSoon makes the next snapshot probe', () => {
    const { clock, advance } = fake();
    clock.snapshotStarted(true);
    advance(SNAPSHOT_MS);
    expect(clock.next('slice', false)).toBe('snapshot');
    clock.probeSoon();
    expect(clock.next('slice', false)).toBe('probe');
  });

  it('a slice trains 1, 2, 4 … steps per call until SLICE_MS have passed, and meters the speed', () => {
    const { clock, advance } = fake();
    const calls: number[] = [];
    clock.slice((steps) => {
      calls.push(steps);
      advance(1);
    });
    expect(calls.length).toBe(SLICE_MS);
    expect(calls.slice(0, 8)).toEqual([1, 2, 4, 8, 16, 32, 64, 64]);
    expect(Math.max(...calls)).toBe(MAX_STEPS_PER_CALL);
    const steps = calls.reduce((a, b) => a + b, 0);
    expect(clock.takeStepsPerSec()).toBeCloseTo((steps * 1000) / SLICE_MS, 6);
    expect(clock.takeStepsPerSec()).toBe(0); // the meter restarts
  });

  it('checkpoints at once, then at most every CHECKPOINT_MS', () => {
    const { clock, advance } = fake(0);
    expect(clock.checkpointDue()).toBe(true);
    clock.checkpointed();
    advance(CHECKPOINT_MS);
    expect(clock.checkpointDue()).toBe(false);
    advance(1);
    expect(clock.checkpointDue()).toBe(true);
  });
});
