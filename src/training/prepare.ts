import { decoderInputId } from '../models/fit';
import { isImageDataset, isSequenceDataset, numClassesOf, taskOf, type Experiment, type Task } from '../models/spec';
import { decoderInputs, generateSequences, type SequenceShape } from '../data/sequenceData';
import { generateDataset, splitTrainTest } from '../data/datasets2d';
import { featurize } from '../data/features';
import type { MnistData } from '../data/mnist';
import { generateShapes, SHAPE_SIZE } from '../data/shapes';
import { createRng, deriveSeed, shuffleInPlace } from '../data/rng';
import { VALIDATION_SHARE } from '../models/earlyStopping';
import type { Table } from '../data/table';
import { hashOwnImages, ownImagesDataset, type OwnImages } from '../data/ownImages';
import type { OwnText } from '../data/ownText';
import type { OwnSentences } from '../data/ownSentences';
import { encodeTable, layoutTable, PLANE_PER_STD } from '../data/tableEncode';
import { generateRatings, ratingsOptionsOf, type RatingsMatrix } from '../data/ratings';
import { ratingInputIds } from '../models/ratingsFit';

/** Data that is loaded rather than generated, handed in by whoever fetched it. */
export interface DataSources {
  mnist?: MnistData;
  /** The learner's table, when the Experiment names it (sent by the page: it is never fetched). */
  table?: Table;
  /** The learner's image classes (dataset `ownImages`), sent by the page. */
  ownImages?: OwnImages;
  /** The learner's text for the language model (`charLm` with `dataset.text`), sent by the page. */
  ownText?: OwnText;
  ownSentences?: OwnSentences;
}

/** True when the Experiment's data must be loaded first (see DataSources). */
export function needsMnist(exp: Experiment): boolean {
  return exp.dataset.kind === 'mnist';
}

/**
 * The first `n` MNIST digits as floats in [0, 1]. mnist.bin interleaves the digits round-robin,
 * so any prefix is close to class-balanced.
 */
function mnistPrefix(data: MnistData, n: number): { images: Float32Array; labels: Float32Array } {
  const count = Math.min(n, data.count);
  const px = data.rows * data.cols;
  const images = new Float32Array(count * px);
  for (let i = 0; i < count * px; i++) images[i] = data.images[i] / 255;
  return { images, labels: Float32Array.from(data.labels.subarray(0, count)) };
}

/**
 * Everything the engine needs from an Experiment's dataset, as flat typed arrays: features for
 * train and test, targets, and the raw points for the views. Pure and seeded, so the same
 * Experiment gives byte-identical arrays in the worker, on the main thread and in tests.
 */
export interface PreparedData {
  task: Task;
  numClasses: number;
  /** Values per example (features, or pixels of an image). */
  numFeatures: number;
  /** Shape of one example as the network's Input takes it: [features] or [28, 28, 1]. */
  inputShape: number[];
  /** Width of the target rows: C one-hot columns for multi-class, else 1. */
  targetWidth: number;
  trainX: Float32Array;
  trainY: Float32Array;
  testX: Float32Array;
  testY: Float32Array;
  nTrain: number;
  nTest: number;
  /** The raw points for drawing: xs interleaved (x₁, x₂), ys labels/targets, test flags; null for images. */
  points: { xs: Float32Array; ys: Float32Array; test: Uint8Array } | null;
  /** Sequence datasets: their shape and, for an encoder–decoder, the decoder's input rows; else null. */
  seq: PreparedSequences | null;
  /**
   * The validation split, carved from the training rows while early stopping is on (the training
   * arrays above then hold the rest); absent otherwise.
   */
  val?: { x: Float32Array; y: Float32Array; dec: Float32Array | null; n: number };
  /** Ratings: the Input that takes each column of a row (user id, item id); absent: one Input takes the row. */
  columnInputs?: string[];
  /** Ratings: the whole matrix (observed cells, which are held out, the items' hidden cuisines), for the views. */
  ratings?: RatingsMatrix;
  /** Tables: the encoded inputs' training means, where the boundary view holds the inputs it does not draw. */
  inputMeans?: Float32Array;
  /**
   * Task `reconstruct` (the targets are the images themselves): each test image's class, kept
   * for the views (the latent plane colours the codes by class).
   */
  testLabels?: Int32Array;
}

/**
 * Hold out `share` of the training rows (a seeded choice) as the validation split: the test rows
 * stay untouched. At least one row stays on each side.
 */
export function carveValidation(data: PreparedData, share: number, seed: number): PreparedData {
  const n = data.nTrain;
  const k = Math.min(n - 1, Math.max(1, Math.round(n * share)));
  if (n < 2) return data;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(order, createRng(deriveSeed(seed, 'validation')));
  const valRows = order.subarray(0, k).slice().sort();
  const trainRows = order.subarray(k).slice().sort();
  const f = data.numFeatures;
  const w = data.targetWidth;
  const dec = data.seq?.trainDec ?? null;
  return {
    ...data,
    trainX: pick(data.trainX, f, trainRows),
    trainY: pick(data.trainY, w, trainRows),
    nTrain: trainRows.length,
    seq: data.seq && dec ? { ...data.seq, trainDec: pick(dec, w, trainRows) } : data.seq,
    val: { x: pick(data.trainX, f, valRows), y: pick(data.trainY, w, valRows), dec: dec && pick(dec, w, valRows), n: k },
  };
}

/**
 * Token ids travel as floats in trainX / testX (an Embedding casts them). For `tokens` the targets
 * are ids too, `targetWidth` per row (PAD = 0 is left out of the loss and the accuracy).
 */
export interface PreparedSequences {
  shape: SequenceShape;
  /** Id of the Input that takes the decoder rows, or null (one Input). */
  decoderInput: string | null;
  /** BOS + target shifted right, `targetWidth` per row; null without a decoder. */
  trainDec: Float32Array | null;
  testDec: Float32Array | null;
}

/** Targets per example: class index 0/1 for binary, one-hot for multi-class, value for regression. */
function encodeTargets(ys: Float32Array, idx: Int32Array, task: Task, numClasses: number): Float32Array {
  if (task !== 'multiclass') return Float32Array.from(idx, (i) => ys[i]);
  const out = new Float32Array(idx.length * numClasses);
  idx.forEach((i, row) => {
    out[row * numClasses + ys[i]] = 1;
  });
  return out;
}

function pick(x: Float32Array, width: number, idx: Int32Array): Float32Array {
  const out = new Float32Array(idx.length * width);
  idx.forEach((i, row) => out.set(x.subarray(i * width, (i + 1) * width), row * width));
  return out;
}

/** Image side the network's Input asks for: 28, or 32 for LeNet-style padded input. */
export function imageSide(exp: Experiment): number {
  const shape = exp.network.nodes.find((n) => n.type === 'Input')?.params.shape;
  return Array.isArray(shape) && shape[0] === 32 && shape[1] === 32 ? 32 : SHAPE_SIZE;
}

/** Centre n square images of side `from` in a zero border, side `to`. */
export function padImages(images: Float32Array, from: number, to: number): Float32Array {
  const n = images.length / (from * from);
  const out = new Float32Array(n * to * to);
  const off = (to - from) >> 1;
  for (let k = 0; k < n; k++) {
    for (let y = 0; y < from; y++) {
      out.set(images.subarray(k * from * from + y * from, k * from * from + (y + 1) * from), k * to * to + (y + off) * to + off);
    }
  }
  return out;
}

/** Throws when the dataset needs loaded data that `sources` lacks (see needsMnist). */
export function prepareData(exp: Experiment, sources: DataSources = {}): PreparedData {
  const data = prepareSplits(exp, sources);
  return exp.training.earlyStopping.enabled ? carveValidation(data, VALIDATION_SHARE, exp.seed) : data;
}

/** The first `k` rows of each class among `rows` (in their order): a few-shot training split. */
export function firstPerClass(rows: Int32Array, labels: Float32Array, k: number): Int32Array {
  const seen = new Map<number, number>();
  return rows.filter((r) => {
    const c = labels[r];
    const had = seen.get(c) ?? 0;
    seen.set(c, had + 1);
    return had < k;
  });
}

function prepareSplits(exp: Experiment, sources: DataSources): PreparedData {
  const task = taskOf(exp.dataset);
  const numClasses = numClassesOf(exp.dataset);
  if (isSequenceDataset(exp.dataset.kind)) return prepareSequences(exp, sources.ownText, sources.ownSentences);
  if (exp.dataset.kind === 'table') return prepareTable(exp, sources.table);
  if (exp.dataset.kind === 'hand') return prepareHand(exp);
  if (exp.dataset.kind === 'ratings') return prepareRatings(exp);
  const image = isImageDataset(exp.dataset.kind);
  let n = exp.dataset.numPoints;
  let xs: Float32Array;
  let ys: Float32Array;
  let numFeatures: number;
  let inputShape: number[];
  let raw: Float32Array | null = null;
  if (image) {
    let ds: { images: Float32Array; labels: Float32Array };
    if (exp.dataset.kind === 'mnist') {
      if (!sources.mnist) throw new Error('MNIST data is not loaded');
      ds = mnistPrefix(sources.mnist, n);
      n = ds.labels.length;
    } else if (exp.dataset.kind === 'ownImages') {
      const ref = exp.dataset.images;
      if (!sources.ownImages || !ref || ref.hash !== hashOwnImages(sources.ownImages)) throw new Error(`the images ${ref?.classes.join(', ') ?? ''} are not loaded`);
      ds = ownImagesDataset(sources.ownImages);
      n = ds.labels.length;
    } else {
      ds = generateShapes(n, exp.dataset.noise, exp.seed);
    }
    // LeNet-5 takes 32×32: as LeCun did with MNIST, pad the 28×28 images with a 2-pixel border.
    const side = imageSide(exp);
    xs = side === SHAPE_SIZE ? ds.images : padImages(ds.images, SHAPE_SIZE, side);
    ys = ds.labels;
    numFeatures = side * side;
    inputShape = [side, side, 1];
  } else {
    const ds = generateDataset(exp.dataset, exp.seed);
    raw = ds.xs;
    ys = ds.ys;
    xs = featurize(ds.xs, exp.dataset.features);
    numFeatures = exp.dataset.features.length;
    inputShape = [numFeatures];
  }
  const split = splitTrainTest(n, exp.dataset.trainRatio, exp.seed);
  const perClass = exp.dataset.perClass ?? 0;
  if (image && perClass > 0) split.train = firstPerClass(split.train, ys, perClass);
  const test = new Uint8Array(n);
  split.test.forEach((i) => (test[i] = 1));
  if (task === 'reconstruct') {
    // An autoencoder: the target of each image is the image itself.
    const trainX = pick(xs, numFeatures, split.train);
    const testX = pick(xs, numFeatures, split.test);
    return {
      task,
      numClasses,
      numFeatures,
      inputShape,
      targetWidth: numFeatures,
      trainX,
      trainY: trainX,
      testX,
      testY: testX,
      nTrain: split.train.length,
      nTest: split.test.length,
      points: null,
      seq: null,
      testLabels: Int32Array.from(split.test, (i) => ys[i]),
    };
  }
  return {
    task,
    numClasses,
    numFeatures,
    inputShape,
    targetWidth: task === 'multiclass' ? numClasses : 1,
    trainX: pick(xs, numFeatures, split.train),
    trainY: encodeTargets(ys, split.train, task, numClasses),
    testX: pick(xs, numFeatures, split.test),
    testY: encodeTargets(ys, split.test, task, numClasses),
    nTrain: split.train.length,
    nTest: split.test.length,
    points: raw ? { xs: raw, ys, test } : null,
    seq: null,
  };
}

function prepareSequences(exp: Experiment, ownText: OwnText | undefined, ownSentences?: OwnSentences): PreparedData {
  const decoderInput = decoderInputId(exp.network);
  const ref = exp.dataset.kind === 'charLm' ? exp.dataset.text : null;
  if (ref && ownText?.hash !== ref.hash) throw new Error(`the text ${ref.name} is not loaded`);
  const data = generateSequences(exp.dataset, exp.seed, decoderInput !== null, ref ? ownText?.text : undefined, ownSentences);
  const { shape, n } = data;
  const task = taskOf(exp.dataset);
  const width = shape.inLen;
  const split = splitTrainTest(n, exp.dataset.trainRatio, exp.seed);
  const targetWidth = data.targets.length / n;
  let trainY: Float32Array;
  let testY: Float32Array;
  if (task === 'multiclass') {
    trainY = encodeTargets(data.targets, split.train, task, 2);
    testY = encodeTargets(data.targets, split.test, task, 2);
  } else {
    trainY = pick(data.targets, targetWidth, split.train);
    testY = pick(data.targets, targetWidth, split.test);
  }
  const decoder = decoderInput !== null && shape.layout === 'tokens';
  return {
    task,
    numClasses: task === 'tokens' ? shape.vocab.length : task === 'multiclass' ? 2 : 1,
    numFeatures: width,
    inputShape: shape.layout === 'forecast' ? [width, 1] : [width],
    targetWidth: task === 'multiclass' ? 2 : targetWidth,
    trainX: pick(data.inputs, width, split.train),
    trainY,
    testX: pick(data.inputs, width, split.test),
    testY,
    nTrain: split.train.length,
    nTest: split.test.length,
    points: null,
    seq: {
      shape,
      decoderInput: decoder ? decoderInput : null,
      trainDec: decoder ? decoderInputs(trainY, targetWidth) : null,
      testDec: decoder ? decoderInputs(testY, targetWidth) : null,
    },
  };
}

/**
 * A learner's table: the usable rows split by the seed, encoded with the training rows'
 * statistics. The points drawn are the two chosen inputs, PLANE_PER_STD units per deviation.
 */
function prepareTable(exp: Experiment, table: Table | undefined): PreparedData {
  const ref = exp.dataset.table;
  if (!table || !ref || table.hash !== ref.hash) throw new Error(`table ${ref?.name ?? ''} is not loaded`);
  const layout = layoutTable(table, ref.label, ref.task);
  if ('key' in layout) throw new Error(`table ${ref.name}: ${layout.key}`);
  const n = layout.usable.length;
  const split = splitTrainTest(n, exp.dataset.trainRatio, exp.seed);
  const enc = encodeTable(table, layout, split.train);
  const task = taskOf(exp.dataset);
  const numClasses = numClassesOf(exp.dataset);
  const w = enc.width;
  const [a, b] = ref.axes;
  const raw = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    raw[2 * i] = enc.x[i * w + a] * PLANE_PER_STD;
    raw[2 * i + 1] = enc.x[i * w + b] * PLANE_PER_STD;
  }
  const test = new Uint8Array(n);
  split.test.forEach((i) => (test[i] = 1));
  return {
    task,
    numClasses,
    numFeatures: w,
    inputShape: [w],
    targetWidth: task === 'multiclass' ? numClasses : 1,
    trainX: pick(enc.x, w, split.train),
    trainY: encodeTargets(enc.y, split.train, task, numClasses),
    testX: pick(enc.x, w, split.test),
    testY: encodeTargets(enc.y, split.test, task, numClasses),
    nTrain: split.train.length,
    nTest: split.test.length,
    points: { xs: raw, ys: enc.y, test },
    seq: null,
    // Standardised numbers have mean 0 by construction; one-hot inputs are held at their share.
    inputMeans: Float32Array.from(layout.inputs, (inp, j) => (inp.category === null ? 0 : enc.mean[j])),
  };
}

/**
 * Points placed by hand: every point trains (there are few, and each was placed on purpose), and
 * the test numbers are measured on the same points.
 */
function prepareHand(exp: Experiment): PreparedData {
  const hand = exp.dataset.hand ?? [];
  const n = Math.floor(hand.length / 3);
  const raw = new Float32Array(n * 2);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    raw[2 * i] = hand[3 * i];
    raw[2 * i + 1] = hand[3 * i + 1];
    ys[i] = hand[3 * i + 2];
  }
  const xs = featurize(raw, exp.dataset.features);
  const f = exp.dataset.features.length;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const task = taskOf(exp.dataset);
  return {
    task,
    numClasses: 2,
    numFeatures: f,
    inputShape: [f],
    targetWidth: 1,
    trainX: xs,
    trainY: encodeTargets(ys, all, task, 2),
    testX: xs.slice(),
    testY: encodeTargets(ys, all, task, 2),
    nTrain: n,
    nTest: n,
    points: { xs: raw, ys, test: new Uint8Array(n) },
    seq: null,
  };
}

/**
 * The ratings matrix: each observed cell is a row (user id, item id) with its rating as the target;
 * the cells split into training and held-out ratings by the seed. Column 0 goes to the first Input
 * (users), column 1 to the second (items).
 */
function prepareRatings(exp: Experiment): PreparedData {
  const m = generateRatings(ratingsOptionsOf(exp.dataset), exp.seed, exp.dataset.trainRatio);
  const rows = (idx: Int32Array) => {
    const x = new Float32Array(idx.length * 2);
    const y = new Float32Array(idx.length);
    idx.forEach((c, r) => {
      x[2 * r] = m.cells[3 * c];
      x[2 * r + 1] = m.cells[3 * c + 1];
      y[r] = m.cells[3 * c + 2];
    });
    return { x, y };
  };
  const train = rows(m.train);
  const test = rows(m.test);
  return {
    task: 'regression',
    numClasses: 1,
    numFeatures: 2,
    inputShape: [2],
    targetWidth: 1,
    trainX: train.x,
    trainY: train.y,
    testX: test.x,
    testY: test.y,
    nTrain: m.train.length,
    nTest: m.test.length,
    points: null,
    seq: null,
    columnInputs: ratingInputIds(exp.network),
    ratings: m,
  };
}
