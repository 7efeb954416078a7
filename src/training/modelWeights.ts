import type * as tfjs from '@tensorflow/tfjs';
import type { SavedWeights } from '../models/weightsFile';
import type { BuiltModel } from './model';

type TF = typeof tfjs;

/**
 * Every weight of a built model, trainable or not (batch normalization's moving statistics too),
 * in the model's own order: read for a saved file, copied for early stopping's best epoch, and
 * written back. The model's order is what matches saved weights to variables, with each shape checked.
 */

const variableOf = (w: tfjs.LayerVariable) => w.read() as tfjs.Variable;

/** The model's weights as a file keeps them (the counters are the caller's). */
export async function readModelWeights(built: BuiltModel): Promise<SavedWeights['tensors']> {
  return Promise.all(
    built.model.weights.map(async (w) => ({ name: w.originalName, shape: [...w.shape] as number[], values: Float32Array.from((await w.read().data()) as Float32Array) })),
  );
}

/** True when `tensors` match the model's weights one for one, in order, shape for shape. */
export function fitsModel(built: BuiltModel, tensors: SavedWeights['tensors']): boolean {
  const weights = built.model.weights;
  return (
    tensors.length === weights.length &&
    weights.every((w, i) => {
      const t = tensors[i];
      return t.shape.length === w.shape.length && t.shape.every((d, j) => d === w.shape[j]) && t.values.length === t.shape.reduce((a, b) => a * b, 1);
    })
  );
}

/** Write saved values into the model (check `fitsModel` first). */
export function writeModelWeights(tf: TF, built: BuiltModel, tensors: SavedWeights['tensors']): void {
  built.model.weights.forEach((w, i) => tf.tidy(() => variableOf(w).assign(tf.tensor(tensors[i].values, tensors[i].shape))));
}

/** A copy of every weight, kept out of any tidy: the caller disposes it. */
export function copyModelWeights(tf: TF, built: BuiltModel): tfjs.Tensor[] {
  return built.model.weights.map((w) => tf.keep(tf.clone(w.read())));
}

/** Put a copy made by `copyModelWeights` back. */
export function restoreModelWeights(built: BuiltModel, copy: readonly tfjs.Tensor[]): void {
  built.model.weights.forEach((w, i) => variableOf(w).assign(copy[i]));
}
