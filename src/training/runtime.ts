import type * as tfjs from '@tensorflow/tfjs';
import { gridPoints, featurize } from '../data/features';
import type { PreparedData } from './prepare';
import { createRng, deriveSeed, shuffleInPlace, type Rng } from '../data/rng';
import { analyze } from '../models/analysis';
import { readPlayground } from '../models/playground';
import { typedNode } from '../models/params';
import type { Experiment, TrainingConfig } from '../models/spec';
import { buildModel, type BuiltModel } from './model';
import { correctOf, lossOf, scoreOf, type OutputSpec } from './objective';
import { augmentBatch, isAugmentationOn } from '../data/augment';
import { padImages } from './prepare';
import { ImageInspector, TestSweep } from './imageProbes';
import { makeOptimizer, setLearningRate } from './optimizer';
import type { ImageProbes, Metrics, Probes, ProbeSource, SeqProbes, TestReport } from './protocol';
import { SequenceInspector, tokenCounts } from './sequenceProbes';
import { decodeGreedy, generateTokens } from './sequenceDecode';

type TF = typeof tfjs;

export const BOUNDARY_GRID = 64;
/**
 * Image datasets report metrics on a fixed subset of this many train and test examples: a full
 * forward pass over every image at each snapshot would cost more than the training between them.
 */
export const IMAGE_EVAL_EXAMPLES = 128;
export const NEURON_GRID = 24;
/** Sequence datasets report metrics on a fixed subset of this many train and test examples. */
export const SEQ_EVAL_EXAMPLES = 256;

/** One set `evaluate` measures: inputs, targets, decoder rows (encoder–decoder only), size. */
interface EvalSet {
  x: tfjs.Tensor;
  y: tfjs.Tensor;
  dec: tfjs.Tensor | null;
  n: number;
}

/**
 * The one owner of a run's tensors: data, model, optimizer, probe grids. Everything it creates is
 * freed by `dispose()`; every step runs inside `tf.tidy`, so `tf.memory().numTensors` stays flat.
 */
export class ModelRuntime {
  readonly built: BuiltModel;
  private optimizer: tfjs.Optimizer;
  private training: TrainingConfig;
  private output: OutputSpec;
  private readonly tensors: tfjs.Tensor[] = [];
  private readonly trainX: tfjs.Tensor;
  private readonly trainY: tfjs.Tensor2D;
  private readonly testX: tfjs.Tensor;
  private readonly testY: tfjs.Tensor2D;
  /** What `evaluate` measures: the whole sets for points, a fixed subset for images and sequences. */
  private readonly evalSets: EvalSet[];
  /** Encoder–decoder datasets: the decoder's input rows of the test split. */
  private readonly testDec: tfjs.Tensor | null = null;
  /** Sequence datasets: the views' inspector. */
  private readonly seqInspector: SequenceInspector | null = null;
  /** Probe grids over the input plane; only for 2-D point datasets. */
  private readonly gridX: tfjs.Tensor2D | null = null;
  private readonly neuronX: tfjs.Tensor2D | null = null;
  private readonly neuronFeatures: Float32Array | null = null;
  private order: Int32Array;
  private cursor = 0;
  private shuffleRng: Rng;
  private augmentRng: Rng;
  /** Reused batch buffer for augmented images. */
  private augmented = new Float32Array(0);
  /** Image datasets: the views' inspector, the test pass and the true class of each test image. */
  private readonly inspector: ImageInspector | null = null;
  private readonly sweep: TestSweep | null = null;
  /** Image datasets: the true class of each test image (empty for points). */
  readonly testLabels: Int32Array = new Int32Array(0);
  /** Mini-batch steps taken since the initial weights. */
  step = 0;
  /** Examples seen since the initial weights. */
  examples = 0;

  constructor(
    private readonly tf: TF,
    readonly experiment: Experiment,
    readonly data: PreparedData,
  ) {
    this.built = buildModel(tf, experiment.network);
    this.training = experiment.training;
    this.output = outputSpecOf(experiment, data);
    this.optimizer = makeOptimizer(tf, this.training);
    const f = data.numFeatures;
    const keep = <X extends tfjs.Tensor>(t: X) => (this.tensors.push(t), t);
    this.trainX = keep(tf.tensor(data.trainX, [data.nTrain, ...data.inputShape]));
    this.trainY = keep(tf.tensor2d(data.trainY, [data.nTrain, data.targetWidth]));
    this.testX = keep(tf.tensor(data.testX, [data.nTest, ...data.inputShape]));
    this.testY = keep(tf.tensor2d(data.testY, [data.nTest, data.targetWidth]));
    const cap = data.points ? Infinity : data.seq ? SEQ_EVAL_EXAMPLES : IMAGE_EVAL_EXAMPLES;
    const seq = data.seq;
    const trainDec = seq?.trainDec ? keep(tf.tensor2d(seq.trainDec, [data.nTrain, data.targetWidth])) : null;
    this.testDec = seq?.testDec ? keep(tf.tensor2d(seq.testDec, [data.nTest, data.targetWidth])) : null;
    const subset = (x: tfjs.Tensor, y: tfjs.Tensor2D, dec: tfjs.Tensor | null, n: number): EvalSet =>
      n <= cap ? { x, y, dec, n } : { x: keep(x.slice(0, cap)), y: keep(y.slice(0, cap)), dec: dec && keep(dec.slice(0, cap)), n: cap };
    this.evalSets = [subset(this.trainX, this.trainY, trainDec, data.nTrain), subset(this.testX, this.testY, this.testDec, data.nTest)];
    if (data.points) {
      const features = experiment.dataset.features;
      this.gridX = keep(tf.tensor2d(featurize(gridPoints(BOUNDARY_GRID), features), [BOUNDARY_GRID ** 2, f]));
      this.neuronFeatures = featurize(gridPoints(NEURON_GRID), features);
      this.neuronX = keep(tf.tensor2d(this.neuronFeatures, [NEURON_GRID ** 2, f]));
    }
    this.shuffleRng = createRng(deriveSeed(experiment.seed, 'shuffle'));
    this.augmentRng = createRng(deriveSeed(experiment.seed, 'augment'));
    this.order = Int32Array.from({ length: data.nTrain }, (_, i) => i);
    if (seq) this.seqInspector = new SequenceInspector(tf, this.built, experiment.network, data);
    else if (!data.points && data.task === 'multiclass') {
      this.inspector = new ImageInspector(tf, this.built);
      this.testLabels = labelsOf(data.testY, data.nTest, data.numClasses);
      this.sweep = new TestSweep(data.numClasses, this.testLabels);
    }
    this.initWeights();
  }

  /** Seeded Glorot-uniform kernels, zero biases, unit normalization scales: the same on every backend and machine. */
  initWeights(): void {
    const rng = createRng(deriveSeed(this.experiment.seed, 'init'));
    for (const v of this.built.variables) {
      const shape = v.shape;
      const size = shape.reduce((a, b) => a * b, 1);
      const values = new Float32Array(size);
      if (shape.length >= 2) {
        const fanOut = shape[shape.length - 1];
        const fanIn = size / fanOut;
        const limit = Math.sqrt(6 / (fanIn + fanOut));
        for (let i = 0; i < size; i++) values[i] = (rng.next() * 2 - 1) * limit;
      } else if (/gamma$/.test(v.name.replace(/_\d+$/, ''))) {
        // Normalization scales (batch and layer norm) start at 1: at 0 they would silence the layer.
        values.fill(1);
      }
      this.tf.tidy(() => v.assign(this.tf.tensor(values, shape)));
    }
    this.optimizer.dispose();
    this.optimizer = makeOptimizer(this.tf, this.training);
    this.shuffleRng = createRng(deriveSeed(this.experiment.seed, 'shuffle'));
    this.augmentRng = createRng(deriveSeed(this.experiment.seed, 'augment'));
    this.order = Int32Array.from({ length: this.data.nTrain }, (_, i) => i);
    shuffleInPlace(this.order, this.shuffleRng);
    this.sweep?.restart(0);
    this.cursor = 0;
    this.step = 0;
    this.examples = 0;
  }

  get epoch(): number {
    return Math.floor(this.examples / this.data.nTrain);
  }

  /** Take a new training config live: the weights stay; the optimizer is rebuilt only if its kind changed. */
  reconfigure(training: TrainingConfig): void {
    const prev = this.training;
    this.training = training;
    this.output = outputSpecOf({ ...this.experiment, training }, this.data);
    if (prev.optimizer !== training.optimizer || prev.momentum !== training.momentum) {
      this.optimizer.dispose();
      this.optimizer = makeOptimizer(this.tf, training);
    } else if (prev.learningRate !== training.learningRate) {
      setLearningRate(this.optimizer, training.learningRate);
    }
  }

  /** The next mini-batch's row indices; reshuffles at each epoch boundary. */
  private nextBatch(): Int32Array {
    const size = Math.min(this.training.batchSize, this.data.nTrain);
    const idx = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      if (this.cursor >= this.order.length) {
        shuffleInPlace(this.order, this.shuffleRng);
        this.cursor = 0;
      }
      idx[i] = this.order[this.cursor++];
    }
    return idx;
  }

  private regularization(): tfjs.Scalar | null {
    const { regularization, regularizationRate } = this.training;
    if (regularization === 'none' || regularizationRate === 0) return null;
    const tf = this.tf;
    const terms = this.built.dense.map((d) => (regularization === 'l1' ? tf.sum(tf.abs(d.kernel)) : tf.sum(tf.square(d.kernel))));
    return tf.mul(tf.addN(terms), regularizationRate);
  }

  /** Train `count` mini-batches. Synchronous maths only, no read-back. */
  train(count: number): void {
    const tf = this.tf;
    const { numFeatures: f, targetWidth: w, trainX, trainY } = this.data;
    for (let s = 0; s < count; s++) {
      const idx = this.nextBatch();
      const b = idx.length;
      // Gathering rows in JS and uploading a small batch beats a gather op on tiny data.
      const xb = new Float32Array(b * f);
      const yb = new Float32Array(b * w);
      for (let i = 0; i < b; i++) {
        const r = idx[i];
        for (let j = 0; j < f; j++) xb[i * f + j] = trainX[r * f + j];
        for (let j = 0; j < w; j++) yb[i * w + j] = trainY[r * w + j];
      }
      const seed = deriveSeed(this.experiment.seed, 'dropout') ^ this.step;
      const aug = this.training.augmentation;
      let pixels: Float32Array = xb;
      const decRows = this.data.seq?.trainDec;
      const db = decRows ? new Float32Array(b * w) : null;
      if (db && decRows) for (let i = 0; i < b; i++) db.set(decRows.subarray(idx[i] * w, (idx[i] + 1) * w), i * w);
      if (!this.data.points && !this.data.seq && aug && isAugmentationOn(aug)) {
        if (this.augmented.length !== xb.length) this.augmented = new Float32Array(xb.length);
        const [h, wd, c] = this.data.inputShape;
        pixels = augmentBatch(xb, b, h, wd, c, aug, this.augmentRng, this.augmented);
      }
      tf.tidy(() => {
        const x = tf.tensor(pixels, [b, ...this.data.inputShape]);
        const y = tf.tensor2d(yb, [b, w]);
        const inputs = this.inputsOf(x, db ? tf.tensor2d(db, [b, w]) : null);
        this.optimizer.minimize(
          () => {
            const { output } = this.built.forward(inputs, { training: true, seed });
            const loss = lossOf(tf, output, y, this.output);
            const reg = this.regularization();
            return reg ? tf.add(loss, reg) : loss;
          },
          false,
          this.built.variables,
        );
      });
      this.step++;
      this.examples += b;
    }
  }

  /** The model's input tensors in its Input order: the source rows, and the decoder rows when it has a decoder. */
  private inputsOf(x: tfjs.Tensor, dec: tfjs.Tensor | null): tfjs.Tensor | tfjs.Tensor[] {
    const decoderId = this.data.seq?.decoderInput;
    if (!decoderId || !dec) return x;
    return this.built.inputIds.map((id) => (id === decoderId ? dec : x));
  }

  /** Loss and accuracy on the whole train and test sets (inference mode: no dropout). */
  async evaluate(): Promise<Metrics> {
    const tf = this.tf;
    const tokens = this.output.task === 'tokens';
    const classify = this.output.task !== 'regression';
    const [trainStats, testStats] = tf.tidy(() =>
      this.evalSets.map(({ x, y, dec }) => {
        const { output } = this.built.forward(this.inputsOf(x, dec), { training: false });
        const loss = lossOf(tf, output, y, this.output);
        if (tokens) return tf.concat([loss.reshape([1]), tokenCounts(tf, output, y)]);
        const correct = classify ? correctOf(tf, output, y, this.output) : tf.scalar(0);
        return tf.stack([loss, correct]);
      }),
    );
    const [a, b] = await Promise.all([trainStats.data(), testStats.data()]);
    trainStats.dispose();
    testStats.dispose();
    const [{ n: nTrain }, { n: nTest }] = this.evalSets;
    if (tokens) {
      // [loss, tokens right, tokens counted, rows all right]
      return {
        trainLoss: a[0],
        testLoss: b[0],
        trainAcc: a[1] / Math.max(1, a[2]),
        testAcc: b[1] / Math.max(1, b[2]),
        trainSeqAcc: a[3] / Math.max(1, nTrain),
        testSeqAcc: b[3] / Math.max(1, nTest),
      };
    }
    return {
      trainLoss: a[0],
      testLoss: b[0],
      trainAcc: classify ? a[1] / nTrain : null,
      testAcc: classify ? b[1] / Math.max(1, nTest) : null,
    };
  }

  /** True for sequence datasets, whose views are attention maps, encodings and recurrent states. */
  get hasSequenceViews(): boolean {
    return this.seqInspector !== null;
  }

  /** Attention, encodings, recurrent states and output for test example `index`; null for other datasets. */
  async probeSequence(index: number): Promise<SeqProbes | null> {
    const inspector = this.seqInspector;
    if (!inspector || this.data.nTest === 0) return null;
    const i = Math.min(Math.max(0, Math.floor(index)), this.data.nTest - 1);
    // First the decoder on its own (its inference calls overwrite the recorded attention), then the
    // teacher-forced pass whose attention the views show.
    const free = this.data.seq?.decoderInput ? await this.decodeGreedy(i) : null;
    const probes = await inspector.inspect(i, (rows, from) => {
      const inputs = this.inputsOf(this.testX.slice(from, rows), this.testDec?.slice(from, rows) ?? null);
      return Array.isArray(inputs) ? inputs : [inputs];
    });
    return { ...probes, free };
  }

  /** The encoder–decoder answering test example `index` on its own (see seqDecode.ts). */
  private decodeGreedy(index: number): Promise<Float32Array> {
    const forward = (dec: tfjs.Tensor) => this.built.forward(this.inputsOf(this.testX.slice(index, 1), dec), { training: false }).output;
    return decodeGreedy(this.tf, forward, this.data.targetWidth, this.data.numClasses);
  }

  /** Language models: continue `prompt` by `length` sampled tokens (see seqDecode.ts). */
  generate(prompt: number[], length: number, temperature: number, topK: number, rng: Rng): Promise<{ ids: number[]; probs: number[] }> {
    const forward = (x: tfjs.Tensor) => this.built.forward(x, { training: false }).output;
    return generateTokens(this.tf, forward, { context: this.data.numFeatures, vocab: this.data.numClasses }, prompt, { length, temperature, topK, rng });
  }

  /**
   * Everything the 2-D views draw for the current weights. Image datasets have no input plane to
   * sample (their views — feature maps, kernels — come with the convolution lab), so: null.
   */
  async probe(): Promise<Probes | null> {
    const tf = this.tf;
    const gridX = this.gridX;
    const neuronX = this.neuronX;
    const neuronFeatures = this.neuronFeatures;
    if (!gridX || !neuronX || !neuronFeatures) return null;
    const { boundary, neurons } = tf.tidy(() => {
      const out = this.built.forward(gridX, { training: false }).output;
      const score = scoreOf(tf, out, this.output);
      const { hidden } = this.built.forward(neuronX, { training: false, collect: true });
      // Columns of [g², units] → unit-major [units, g²] so each neuron's grid is contiguous.
      return { boundary: score, neurons: hidden.map((h) => tf.transpose(h)) };
    });
    const weights = this.built.dense.map((d) => ({ layerId: d.layerId, kernel: d.kernel, bias: d.bias }));
    const [b, ...rest] = await Promise.all([
      boundary.data() as Promise<Float32Array>,
      ...neurons.map((n) => n.data() as Promise<Float32Array>),
      ...weights.flatMap((w) => [w.kernel.data() as Promise<Float32Array>, (w.bias ?? w.kernel).data() as Promise<Float32Array>]),
    ]);
    boundary.dispose();
    neurons.forEach((n) => n.dispose());
    const neuronValues = rest.slice(0, neurons.length);
    const weightValues = rest.slice(neurons.length);
    const g2 = NEURON_GRID ** 2;
    const inputColumn = transposeFeatures(neuronFeatures, this.data.numFeatures, g2);
    const columns = [inputColumn, ...neuronValues].map((c) => scaleNeurons(c, g2));
    return {
      gridSize: BOUNDARY_GRID,
      boundary: Float32Array.from(b),
      neuronGridSize: NEURON_GRID,
      neurons: columns,
      weights: weights.map((w, i) => ({
        layerId: w.layerId,
        kernel: Float32Array.from(weightValues[2 * i]),
        bias: w.bias ? Float32Array.from(weightValues[2 * i + 1]) : null,
      })),
    };
  }

  /** True for image datasets, whose views are feature maps rather than the input plane. */
  get hasImageViews(): boolean {
    return this.inspector !== null;
  }

  /** Pixels of test image `index`, as the network takes it. */
  testImage(index: number): Float32Array {
    const f = this.data.numFeatures;
    return this.data.testX.subarray(index * f, (index + 1) * f);
  }

  /** Feature maps, kernels and output for a test image or a drawing; null for point datasets. */
  async probeImages(source: ProbeSource): Promise<ImageProbes | null> {
    if (!this.inspector) return null;
    const shape = this.data.inputShape;
    if (source.kind === 'drawing') {
      const side = shape[0];
      const from = Math.round(Math.sqrt(source.pixels.length));
      const image = from === side ? source.pixels : from < side ? padImages(source.pixels, from, side) : null;
      if (image && image.length === this.data.numFeatures) return this.inspector.inspect(image, shape, -1, -1);
    }
    const n = this.data.nTest;
    const index = source.kind === 'test' ? Math.min(Math.max(0, Math.floor(source.index)), n - 1) : 0;
    return this.inspector.inspect(this.testImage(index), shape, index, this.testLabels[index]);
  }

  /** Test image `index` as a picture: its first channel, side × side. */
  testPicture(index: number): Float32Array {
    const [h, w, c] = this.data.inputShape;
    return firstChannel(this.testImage(index), h * w, c ?? 1);
  }

  /**
   * Classify up to `count` more test images; returns a report when a whole pass is complete.
   * With `fromStart`, drop a pass in progress first (so the report sees the current weights only).
   */
  async advanceTestPass(count: number, fromStart = false): Promise<TestReport | null> {
    const sweep = this.sweep;
    if (!sweep) return null;
    if (fromStart || !sweep.started) sweep.restart(this.step);
    const tf = this.tf;
    const classify = async (start: number, size: number) => {
      const [arg, max] = tf.tidy(() => {
        const out = this.built.forward(this.testX.slice(start, size), { training: false }).output;
        return [tf.argMax(out, 1), tf.max(out, 1)];
      });
      const [p, c] = await Promise.all([arg.data(), max.data()]);
      arg.dispose();
      max.dispose();
      return { predicted: Int32Array.from(p), confidence: Float32Array.from(c) };
    };
    return sweep.advance(count, classify, (i) => this.testPicture(i), this.data.inputShape[0]);
  }

  /** Read every variable's values (to carry weights to another backend). */
  async readVariables(): Promise<Float32Array[]> {
    return Promise.all(this.built.variables.map(async (v) => Float32Array.from((await v.data()) as Float32Array)));
  }

  writeVariables(values: Float32Array[]): void {
    this.built.variables.forEach((v, i) => {
      if (values[i]?.length === v.size) this.tf.tidy(() => v.assign(this.tf.tensor(values[i], v.shape)));
    });
  }

  /** Edit one weight of a Dense layer's kernel (row `from`, column `to`) or one bias. */
  async setWeight(layerId: string, which: 'kernel' | 'bias', index: number, value: number): Promise<boolean> {
    const d = this.built.dense.find((x) => x.layerId === layerId);
    const v = which === 'kernel' ? d?.kernel : d?.bias;
    if (!v || index < 0 || index >= v.size || !Number.isFinite(value)) return false;
    const values = Float32Array.from((await v.data()) as Float32Array);
    values[index] = value;
    this.tf.tidy(() => v.assign(this.tf.tensor(values, v.shape)));
    return true;
  }

  dispose(): void {
    this.built.dispose();
    this.optimizer.dispose();
    this.tensors.forEach((t) => t.dispose());
    this.tensors.length = 0;
  }
}

/** How to read the output: the task, the output layer's activation, the loss. */
export function outputSpecOf(exp: Experiment, data: PreparedData): OutputSpec {
  const net = readPlayground(exp.network);
  const outId = net?.output.id ?? analyze(exp.network).outputs[0];
  const last = exp.network.nodes.find((n) => n.id === outId);
  // The output's own activation decides how to read it (Dense's param, or an Activation node's).
  const typed = last && typedNode(last);
  const activation = net?.output.activation ?? (typed && 'activation' in typed.params ? typed.params.activation : 'linear');
  return { task: data.task, activation, loss: exp.training.loss };
}

/** The class of each one-hot row. */
function labelsOf(oneHot: Float32Array, n: number, classes: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = oneHot.subarray(i * classes, (i + 1) * classes).indexOf(1);
  return out;
}

/** The first channel of a channel-last image of `pixels` pixels. */
function firstChannel(image: Float32Array, pixels: number, channels: number): Float32Array {
  if (channels === 1) return image;
  return Float32Array.from({ length: pixels }, (_, i) => image[i * channels]);
}

/** Row-major [g², f] features → unit-major [f, g²]. */
function transposeFeatures(x: Float32Array, f: number, g2: number): Float32Array {
  const out = new Float32Array(f * g2);
  for (let p = 0; p < g2; p++) for (let j = 0; j < f; j++) out[j * g2 + p] = x[p * f + j];
  return out;
}

/**
 * Scale each neuron's grid into [−1, 1] for its thumbnail. Values already inside stay as they
 * are (so tanh and sigmoid units read truthfully); larger ranges (ReLU units, x₁ in [−6, 6]) are
 * divided by their largest magnitude so their shape still shows.
 */
function scaleNeurons(values: Float32Array, g2: number): Float32Array {
  const out = Float32Array.from(values);
  for (let start = 0; start < out.length; start += g2) {
    let max = 1;
    for (let i = start; i < start + g2; i++) max = Math.max(max, Math.abs(out[i]));
    if (max > 1) for (let i = start; i < start + g2; i++) out[i] /= max;
  }
  return out;
}
