/**
 * A teacher for knowledge distillation opened from a file (issue 16): the app's own saved file
 * with trained weights, or the shipped pre-trained digit CNN. Checked here, before anything is
 * sent to the engine, against the network the learner trains now: the same data, images of the
 * same size, as many classes, and weights that fit the teacher's own network. A refusal names what
 * is wrong; the learner's work is never touched. Pure, no TF.js (the engine builds the teacher,
 * training/distill/teacher.ts, and still refuses one that does not fit).
 */
import { analyze } from './analysis';
import { numClassesOf, type DatasetKind, type Experiment, type NetworkSpec } from './spec';
import type { DiffItem } from './runDiff';
import { decodeSavedFile, type SavedWeights } from './weightsFile';

/** Where the page's teacher came from: the network trained here, the pre-trained file, a saved file. */
export type TeacherSource = { kind: 'page' } | { kind: 'pretrained' | 'file'; name: string };

/** A teacher read from a file: its network and weights (the engine's `TeacherPayload`), what it was trained on, its size and source. */
export interface FileTeacher {
  network: NetworkSpec;
  tensors: SavedWeights['tensors'];
  dataset: DatasetKind;
  classes: number;
  step: number;
  params: number;
  source: TeacherSource;
}

export type TeacherFromFile = { ok: true; teacher: FileTeacher } | { ok: false; error: DiffItem };

/** The network's single input shape (no batch), or null. */
function inputShapeOf(network: NetworkSpec): number[] | null {
  const inputs = network.nodes.filter((n) => n.type === 'Input');
  const shape = inputs.length === 1 ? (inputs[0].params as { shape?: unknown }).shape : null;
  return Array.isArray(shape) && shape.every((d) => typeof d === 'number') ? (shape as number[]) : null;
}

/** Same images: equal shapes, or 28 × 28 and LeNet-5's padded 32 × 32 with as many channels (as the engine's teacher allows). */
function sameImage(a: readonly number[], b: readonly number[]): boolean {
  if (a.length === b.length && a.every((d, i) => d === b[i])) return true;
  const side = (s: readonly number[]) => s.length === 3 && s[0] === s[1] && (s[0] === 28 || s[0] === 32);
  return side(a) && side(b) && a[2] === b[2];
}

const dims = (s: readonly number[] | null) => (s ? s.join('×') : '—');

/**
 * Do `weights` fit `network`, value for value? Null when they do, else why not (an i18n item).
 * Counts every weight the network has (batch normalization's moving statistics too), as a saved
 * file keeps them.
 */
export function weightsFit(network: NetworkSpec, weights: SavedWeights): DiffItem | null {
  const a = analyze(network);
  if (a.errors.length > 0 || a.outputs.length !== 1) return { key: 'teacherFile.err.network' };
  const have = weights.tensors.reduce((n, t) => n + t.values.length, 0);
  if (have !== a.totalParams) return { key: 'teacherFile.err.weightsFit', vars: { have, want: a.totalParams } };
  return null;
}

/**
 * Read a saved file as a teacher for `current` (the Experiment the learner trains now). `name` is
 * what the tab calls it (the file's name, or the pre-trained network's). Never throws.
 */
export function teacherFromFile(text: string, name: string, kind: 'pretrained' | 'file', current: Experiment): TeacherFromFile {
  const refuse = (error: DiffItem): TeacherFromFile => ({ ok: false, error });
  const decoded = decodeSavedFile(text);
  if (!decoded.ok) return refuse(decoded.error);
  const { experiment, weights, weightsError } = decoded.value;
  if (weightsError) return refuse({ key: 'teacherFile.err.weightsDamaged', nested: { cause: weightsError } });
  if (!weights) return refuse({ key: 'teacherFile.err.noWeights' });
  if (experiment.dataset.kind !== current.dataset.kind) {
    return refuse({ key: 'teacherFile.err.dataset', keyVars: { from: `ds.${experiment.dataset.kind}`, to: `ds.${current.dataset.kind}` } });
  }
  const teacherIn = inputShapeOf(experiment.network);
  const studentIn = inputShapeOf(current.network);
  if (!teacherIn || !studentIn || !sameImage(teacherIn, studentIn)) return refuse({ key: 'teacherFile.err.input', vars: { from: dims(teacherIn), to: dims(studentIn) } });
  const a = analyze(experiment.network);
  const out = a.outputs.length === 1 ? a.nodes[a.outputs[0]]?.shape : null;
  const classes = numClassesOf(current.dataset);
  const teacherClasses = out && out.length === 1 ? out[0] : null;
  if (teacherClasses !== classes) return refuse({ key: 'teacherFile.err.classes', vars: { from: teacherClasses ?? '—', to: classes } });
  const fit = weightsFit(experiment.network, weights);
  if (fit) return refuse(fit);
  const params = weights.tensors.reduce((n, t) => n + t.values.length, 0);
  return {
    ok: true,
    teacher: {
      network: experiment.network,
      tensors: weights.tensors,
      dataset: experiment.dataset.kind,
      classes,
      step: weights.step,
      params,
      source: { kind, name },
    },
  };
}
