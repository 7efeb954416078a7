import { z } from 'zod';
import { decodeExperiment, type CodecError, type Decoded } from './codec';
import type { Experiment } from './spec';
import { runStartSchema, type RunStart } from './runStart';

/**
 * Pinned runs: finished (or paused) runs a learner keeps beside the current one, so curves of
 * different settings can be overlaid. A pinned run is plain data: its Experiment (to name what
 * differs and to open its settings again), its metric history thinned to a bounded number of
 * points, its colour slot, and its last numbers. It travels in local storage and in saved files,
 * never in links (a link stays short), and every way in passes `decodePinnedRuns`.
 */

/**
 * At most three pinned runs: with the current run that makes four curves of each kind on a chart
 * about 300 px wide, already as many as an eye can follow (train and test each, so eight lines).
 */
export const MAX_PINNED = 3;
/** Points kept per pinned run: a 300 px chart shows no more, and four runs stay small in storage. */
export const MAX_PINNED_POINTS = 200;
/** The longest label a learner may give a pinned run. */
export const MAX_PIN_LABEL = 60;
/** Colour slots (the chart's palette has one colour per slot). */
export const PIN_SLOTS = 4;

/** One point of a pinned run's history; values that were not finite (a diverged run) are null. */
export interface PinnedPoint {
  epoch: number;
  trainLoss: number | null;
  testLoss: number | null;
  trainAcc: number | null;
  testAcc: number | null;
  valLoss?: number | null;
}

export interface PinnedRun {
  /** Unique among the pinned runs (a short string made when pinning). */
  id: string;
  /** What the learner called it; '' means "describe its settings" (shown translated). */
  label: string;
  /** Colour slot, 0 … PIN_SLOTS − 1. */
  slot: number;
  experiment: Experiment;
  points: PinnedPoint[];
  /** Steps and epochs trained when pinned. */
  step: number;
  epoch: number;
  /** Where its weights started (models/runStart.ts): null from scratch; absent in runs pinned before runs kept it. */
  start?: RunStart | null;
}

/** A history point as the store keeps it (MetricPoint), reduced to what a pinned run keeps. */
interface HistoryLike {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  trainAcc: number | null;
  testAcc: number | null;
  valLoss?: number;
}

const finiteOrNull = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * At most `max` evenly spaced points of a history, always with the first and the last (the curve's
 * end is the run's final value). Non-finite values become null.
 */
export function downsampleHistory(history: readonly HistoryLike[], max = MAX_PINNED_POINTS): PinnedPoint[] {
  const n = history.length;
  const picked: HistoryLike[] = [];
  if (n <= max) picked.push(...history);
  else for (let i = 0; i < max; i++) picked.push(history[Math.round((i * (n - 1)) / (max - 1))]);
  return picked.map((p) => {
    const point: PinnedPoint = {
      epoch: p.epoch,
      trainLoss: finiteOrNull(p.trainLoss),
      testLoss: finiteOrNull(p.testLoss),
      trainAcc: finiteOrNull(p.trainAcc),
      testAcc: finiteOrNull(p.testAcc),
    };
    if (p.valLoss !== undefined) point.valLoss = finiteOrNull(p.valLoss);
    return point;
  });
}

/** The last point's numbers (null when none), for the legend and lesson facts. */
export function finalOf(run: Pick<PinnedRun, 'points'>): PinnedPoint | null {
  return run.points[run.points.length - 1] ?? null;
}

const value = z.number().finite().nullable();
const pointSchema = z.object({
  epoch: z.number().finite().min(0).max(1e9),
  trainLoss: value,
  testLoss: value,
  trainAcc: value,
  testAcc: value,
  valLoss: value.optional(),
});
const runSchema = z.object({
  id: z.string().min(1).max(40),
  label: z.string().max(MAX_PIN_LABEL),
  slot: z.number().int().min(0).max(PIN_SLOTS - 1),
  experiment: z.unknown(),
  points: z.array(pointSchema).max(MAX_PINNED_POINTS),
  step: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  epoch: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  start: runStartSchema.nullable().optional(),
});
const pinnedSchema = z.object({ format: z.literal(1), runs: z.array(runSchema).max(MAX_PINNED) });

/** The pinned runs as JSON-ready data (local storage, the file's `pinnedRuns` field). */
export function encodePinnedRuns(runs: readonly PinnedRun[]): unknown {
  return { format: 1, runs: runs.map((r) => ({ id: r.id, label: r.label, slot: r.slot, experiment: r.experiment, points: r.points, step: r.step, epoch: r.epoch, ...(r.start !== undefined ? { start: r.start } : {}) })) };
}

const bad = (field: string): { ok: false; error: CodecError } => ({ ok: false, error: { key: 'codec.invalidField', vars: { field: `pinnedRuns${field ? `.${field}` : ''}` } } });

/**
 * Read pinned runs back: shape and limits by zod, each Experiment through the codec, ids and slots
 * unique. Never throws; any damage rejects the whole part (the caller keeps its Experiment).
 */
export function decodePinnedRuns(raw: unknown): Decoded<PinnedRun[]> {
  const parsed = pinnedSchema.safeParse(raw);
  if (!parsed.success) return bad(parsed.error.issues[0]?.path.join('.') ?? '');
  const runs: PinnedRun[] = [];
  const ids = new Set<string>();
  const slots = new Set<number>();
  for (const [i, r] of parsed.data.runs.entries()) {
    if (ids.has(r.id)) return bad(`runs.${i}.id`);
    if (slots.has(r.slot)) return bad(`runs.${i}.slot`);
    ids.add(r.id);
    slots.add(r.slot);
    const exp = decodeExperiment(r.experiment);
    if (!exp.ok) return { ok: false, error: exp.error };
    const points = r.points.map((p) => {
      const point: PinnedPoint = { epoch: p.epoch, trainLoss: p.trainLoss, testLoss: p.testLoss, trainAcc: p.trainAcc, testAcc: p.testAcc };
      if (p.valLoss !== undefined) point.valLoss = p.valLoss;
      return point;
    });
    runs.push({ id: r.id, label: r.label, slot: r.slot, experiment: exp.value, points, step: r.step, epoch: r.epoch, ...(r.start !== undefined ? { start: r.start } : {}) });
  }
  return { ok: true, value: runs };
}

/** Parse stored text (local storage); null text means none stored. */
export function decodePinnedText(text: string | null): Decoded<PinnedRun[]> {
  if (text === null) return { ok: true, value: [] };
  // Three runs of at most ~200 KB Experiments each, plus their points: anything far larger is not ours.
  if (text.length > 2_000_000) return { ok: false, error: { key: 'codec.tooLarge' } };
  try {
    return decodePinnedRuns(JSON.parse(text));
  } catch {
    return { ok: false, error: { key: 'codec.notJson' } };
  }
}
