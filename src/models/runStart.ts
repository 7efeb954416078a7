/**
 * Where a run's weights started (issue 16, transfer learning): drawn afresh from the seed (null),
 * or written from trained weights: the shipped pre-trained network, a saved file the learner
 * opened, or the network trained on this page carried over (fine-tuning it onto another task).
 * The page keeps the current run's start (store `runStart`, tracked by store/runStartTracker.ts);
 * a pinned run keeps its own, so the legend can say "pre-trained (mnist-cnn) → from scratch".
 * Pure, no i18n: the legend translates the items.
 */
import { z } from 'zod';
import type { DiffItem } from './runDiff';

export interface RunStart {
  kind: 'pretrained' | 'file' | 'here';
  /** The pre-trained network's or the file's name (no `.json`); '' when there is none to show. */
  name: string;
}

export const MAX_START_NAME = 60;

export const runStartSchema = z.object({ kind: z.enum(['pretrained', 'file', 'here']), name: z.string().max(MAX_START_NAME) });

/** A file name as a start's name: no folders, no `.json`, at most MAX_START_NAME characters. */
export function startName(fileName: string): string {
  return (fileName.split(/[\\/]/).pop() ?? '').replace(/\.json$/i, '').slice(0, MAX_START_NAME);
}

/** A start in words (an i18n key with values): "from scratch", "pre-trained (mnist-cnn)", "saved weights (my-run)". */
export function startLabel(start: RunStart | null): DiffItem {
  if (!start) return { key: 'pin.start.scratch' };
  if (start.kind === 'here') return { key: 'pin.start.here' };
  if (!start.name) return { key: start.kind === 'pretrained' ? 'pin.start.pretrainedUnnamed' : 'pin.start.fileUnnamed' };
  return { key: start.kind === 'pretrained' ? 'pin.start.pretrained' : 'pin.start.file', vars: { name: start.name } };
}

const same = (a: RunStart | null, b: RunStart | null) => (a === null || b === null ? a === b : a.kind === b.kind && a.name === b.name);

/**
 * How the start differs from one run to another, for the pinned runs' legend: one item
 * "{from} → {to}", or none when they are the same. `undefined` is a start not known (a run pinned
 * before runs kept theirs): nothing is said about it.
 */
export function startDiff(from: RunStart | null | undefined, to: RunStart | null | undefined): DiffItem[] {
  if (from === undefined || to === undefined || same(from, to)) return [];
  return [{ key: 'pin.diff.start', nested: { from: startLabel(from), to: startLabel(to) } }];
}
