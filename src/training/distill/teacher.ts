import type * as tfjs from '@tensorflow/tfjs';
import { buildModel, type BuiltModel } from '../model';
import { fitsModel, writeModelWeights } from '../modelWeights';
import { outputSpecOf, type OutputSpec } from '../objective';
import type { PreparedData } from '../prepare';
import type { Experiment } from '../../models/spec';
import { logitsOf } from './distillLoss';
import type { TeacherMisfit, TeacherPayload } from './teacherTypes';

type TF = typeof tfjs;

/**
 * The teacher network in the engine: built from its network spec beside the student's runtime,
 * its weights written in, used in inference mode only (never a variable the optimizer sees). The
 * run session owns it and keeps it across rebuilds of the student; `dispose()` frees it.
 */
export class Teacher {
  private constructor(
    private readonly tf: TF,
    readonly built: BuiltModel,
    private readonly network: TeacherPayload['network'],
  ) {}

  /** Build the teacher, or say why it cannot be (its weights do not fit its own network, a bad graph). */
  static create(tf: TF, payload: TeacherPayload): Teacher | TeacherMisfit {
    let built: BuiltModel;
    try {
      built = buildModel(tf, payload.network);
    } catch {
      return 'distill.misfit.build';
    }
    if (!fitsModel(built, payload.tensors)) {
      built.dispose();
      return 'distill.misfit.weights';
    }
    writeModelWeights(tf, built, payload.tensors);
    return new Teacher(tf, built, payload.network);
  }

  private spec: OutputSpec | null = null;

  /** How the teacher's output is read for the student's data (its own output activation); worked out once. */
  outputSpec(data: PreparedData): OutputSpec {
    this.spec ??= outputSpecOf({ network: this.network, training: { loss: 'crossEntropy' } } as Experiment, data);
    return this.spec;
  }

  /** Why this teacher cannot teach a network trained on `data` (null: it can). */
  misfit(data: PreparedData): TeacherMisfit | null {
    if (data.task !== 'multiclass' || data.seq || this.built.inputIds.length !== 1) return 'distill.misfit.task';
    const inShape = this.built.model.inputs[0].shape.slice(1) as number[];
    if (!sameImage(inShape, data.inputShape)) return 'distill.misfit.input';
    const outShape = this.built.model.outputs[0].shape;
    if (outShape.length !== 2 || outShape[1] !== data.targetWidth) return 'distill.misfit.classes';
    return null;
  }

  /** The teacher's logits for inputs `x` (inference mode); inside the caller's `tf.tidy`. */
  logits(x: tfjs.Tensor, data: PreparedData): tfjs.Tensor {
    return logitsOf(this.tf, this.built.forward(this.fitted(x), { training: false }).output, this.outputSpec(data));
  }

  /** The student's images at the teacher's side: 28 × 28 centred in a zero border for a 32 × 32 LeNet, or the centre cut back out. */
  private fitted(x: tfjs.Tensor): tfjs.Tensor {
    const want = this.built.model.inputs[0].shape[1] as number;
    const have = x.shape[1] as number;
    if (x.rank !== 4 || want === have) return x;
    const off = Math.abs(want - have) >> 1;
    if (want > have) return this.tf.pad(x, [[0, 0], [off, off], [off, off], [0, 0]]);
    return this.tf.slice(x, [0, off, off, 0], [-1, want, want, -1]);
  }

  dispose(): void {
    this.built.dispose();
  }
}

/**
 * Same input, or the same images at the two sides the image lab uses (28, and 32 for LeNet-5's
 * padded input: prepare.ts pads the same way).
 */
function sameImage(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  if (a.every((d, i) => d === b[i])) return true;
  const side = (s: readonly number[]) => s.length === 3 && s[0] === s[1] && (s[0] === 28 || s[0] === 32);
  return side(a) && side(b) && a[2] === b[2];
}
