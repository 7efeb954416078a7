import type * as tfjs from '@tensorflow/tfjs';
import { analyze } from '../models/analysis';
import { budgetProblem } from '../models/budget';
import { datasetMismatch } from '../models/fit';
import type { Experiment } from '../models/spec';
import { ImageLabProbes } from './imageLabProbes';
import { BuildError } from './model';
import { PointLabProbes } from './pointLabProbes';
import { prepareData, type DataSources } from './prepare';
import type { FromEngine } from './protocol';
import { ModelRuntime } from './runtime';
import { SequenceLabProbes } from './sequenceLabProbes';
import { RatingsLabProbes } from './ratingsLabProbes';

type TF = typeof tfjs;

/** A problem the learner must fix, as the `error` message carries it. */
export type RunProblem = Omit<Extract<FromEngine, { type: 'error' }>, 'type' | 'runId'>;

/** A built run: the runtime that trains and its lab's probes. */
export interface BuiltRun {
  runtime: ModelRuntime;
  views: ReturnType<typeof createLabProbes>;
}

/** The probes of the lab `rt` trains for (see LabProbes in labProbes.ts). */
export function createLabProbes(tf: TF, rt: ModelRuntime): PointLabProbes | ImageLabProbes | SequenceLabProbes | RatingsLabProbes {
  if (rt.lab === 'images') return new ImageLabProbes(tf, rt);
  if (rt.lab === 'ratings') return new RatingsLabProbes(tf, rt);
  if (rt.lab === 'sequences') return new SequenceLabProbes(tf, rt);
  return new PointLabProbes(tf, rt);
}

/** What a confirmation of a heavy network covers: the network and what sizes its cost. */
export function heavyKey(exp: Experiment): string {
  const { nodes } = exp.network;
  return JSON.stringify([nodes, exp.dataset.kind, exp.dataset.numPoints, exp.dataset.trainRatio, exp.training.batchSize, exp.training.optimizer]);
}

/**
 * Why `exp` cannot be built (an invalid graph, a network that does not fit its data or is too big),
 * or null. A heavy network asks first (`confirm`) unless the learner `confirmed` it already.
 */
export function problemOf(exp: Experiment, confirmed = false): RunProblem | null {
  const analysis = analyze(exp.network);
  if (analysis.errors.length) {
    const first = analysis.errors[0];
    return { key: 'engine.invalidGraph', vars: { node: first.nodeId }, cause: first.error };
  }
  const mismatch = datasetMismatch(exp, analysis);
  if (mismatch) return { key: mismatch.key, vars: { ...mismatch.vars, node: mismatch.nodeId } };
  // Refused before TF.js allocates anything: such a network would freeze the tab for minutes.
  const budget = budgetProblem(exp, analysis);
  return budget?.confirm && confirmed ? null : budget;
}

/**
 * Prepare the data, build the model and its lab's probes. A network TF.js refuses comes back as
 * a problem (BuildError); anything else is a bug and throws.
 */
export function buildRun(tf: TF, exp: Experiment, sources: DataSources): BuiltRun | { problem: RunProblem } {
  let runtime: ModelRuntime;
  try {
    runtime = new ModelRuntime(tf, exp, prepareData(exp, sources));
  } catch (err) {
    if (err instanceof BuildError) return { problem: { key: err.key, vars: err.vars } };
    throw err;
  }
  try {
    return { runtime, views: createLabProbes(tf, runtime) };
  } catch (err) {
    runtime.dispose();
    throw err;
  }
}
