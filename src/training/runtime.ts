import type * as tfjs from '@tensorflow/tfjs';
import type { PreparedData } from './prepare';
import { createRng, deriveSeed, shuffleInPlace, type Rng } from '../data/rng';
import { isTrainable, type Experiment, type NetworkSpec, type TrainingConfig } from '../models/spec';
import { buildModel, type BuiltModel } from './model';
import { correctOf, lossOf, outputSpecOf, type OutputSpec } from './objective';
import { klTermOf } from './samplingLoss';
import { augmentBatch, isAugmentationOn } from '../data/augment';
import { makeOptimizer, setLearningRate } from './optimizer';
import { learningRateAt, PlateauTracker } from '../models/schedules';
import { EarlyStopper, type EarlyStoppingVerdict } from '../models/earlyStopping';
import { copyModelWeights, fitsModel, readModelWeights, restoreModelWeights, writeModelWeights } from './modelWeights';
import type { SavedWeights } from '../models/weightsFile';
import type { LabKind, Metrics } from './protocol';
import { tokenCounts } from './sequenceInspector';
import { DynamicsRecorder } from './dynamicsProbe';
import { CONFIG_HOOKS, type StepHook } from './tools/stepHooks';

type TF = typeof tfjs;

/**
 * Image datasets report metrics on a fixed subset of this many train and test examples: a full
 * forward pass over every image at each snapshot would cost more than the training between them.
 */
export const IMAGE_EVAL_EXAMPLES = 128;
/** Sequence datasets report metrics on a fixed subset of this many train and test examples. */
export const SEQ_EVAL_EXAMPLES = 256;
/** How many train and test examples `evaluate` measures, per lab (points: all of them). */
const EVAL_EXAMPLES: Record<LabKind, number> = { points: Infinity, images: IMAGE_EVAL_EXAMPLES, sequences: SEQ_EVAL_EXAMPLES, ratings: Infinity };

/** The lab prepared data belongs to: points in the plane, images or sequences. */
export function labOf(data: Pick<PreparedData, 'points' | 'seq' | 'ratings'>): LabKind {
  return data.points ? 'points' : data.seq ? 'sequences' : data.ratings ? 'ratings' : 'images';
}

/** One set `evaluate` measures: inputs, targets, decoder rows (encoder–decoder only), size. */
interface EvalSet {
  x: tfjs.Tensor;
  y: tfjs.Tensor;
  dec: tfjs.Tensor | null;
  n: number;
}

/**
 * The owner of a run's training tensors: data, model, optimizer. It trains and evaluates; the lab
 * views live in the lab probes (labProbes.ts), which read the model through `predict`,
 * `testInputs` and `built`. Everything it creates is freed by `dispose()`; every step runs inside
 * `tf.tidy`, so `tf.memory().numTensors` stays flat.
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
  private order: Int32Array;
  private cursor = 0;
  private shuffleRng: Rng;
  private augmentRng: Rng;
  /** Reused batch buffer for augmented images. */
  private augmented = new Float32Array(0);
  /** Which lab's data this runtime trains on. */
  readonly lab: LabKind;
  /** Reduce-on-plateau's memory (the other schedules need none). */
  private readonly plateau = new PlateauTracker();
  /** The epoch whose end the plateau tracker saw last. */
  private plateauEpoch = 0;
  /** Early stopping's memory, and a copy of the weights of its best epoch. */
  private readonly stopper = new EarlyStopper();
  private bestWeights: tfjs.Tensor[] | null = null;
  /** The last epoch whose end was reported (early stopping stops training at each). */
  private epochSeen = 0;
  /**
   * With early stopping on, `train` stops at each epoch's end so the validation loss can be read
   * there; true until `observeValidation` has read it.
   */
  epochEnded = false;
  /** The rate the optimizer uses now (the schedule's value at this step; set in initWeights). */
  learningRate = Number.NaN;
  /** Mini-batch steps taken since the initial weights. */
  step = 0;
  /** Examples seen since the initial weights. */
  examples = 0;
  /** Training dynamics inside the network (gradients, updates, activations) on probed steps. */
  readonly dynamics: DynamicsRecorder;
  /** Changes to every step (tools/stepHooks.ts), by name, in the order set. */
  private readonly hooks = new Map<string, StepHook>();
  /** Frozen layers (node ids; `trainable: false`) and the variables the optimizer updates without them. */
  private frozen: ReadonlySet<string> = new Set();
  private trainable: tfjs.Variable[] = [];

  constructor(
    private readonly tf: TF,
    readonly experiment: Experiment,
    readonly data: PreparedData,
  ) {
    this.built = buildModel(tf, experiment.network);
    this.lab = labOf(data);
    this.training = experiment.training;
    this.output = outputSpecOf(experiment, data);
    this.optimizer = makeOptimizer(tf, this.training);
    const keep = <X extends tfjs.Tensor>(t: X) => (this.tensors.push(t), t);
    this.trainX = keep(tf.tensor(data.trainX, [data.nTrain, ...data.inputShape]));
    this.trainY = keep(tf.tensor2d(data.trainY, [data.nTrain, data.targetWidth]));
    this.testX = keep(tf.tensor(data.testX, [data.nTest, ...data.inputShape]));
    this.testY = keep(tf.tensor2d(data.testY, [data.nTest, data.targetWidth]));
    const cap = EVAL_EXAMPLES[labOf(data)];
    const seq = data.seq;
    const trainDec = seq?.trainDec ? keep(tf.tensor2d(seq.trainDec, [data.nTrain, data.targetWidth])) : null;
    this.testDec = seq?.testDec ? keep(tf.tensor2d(seq.testDec, [data.nTest, data.targetWidth])) : null;
    const subset = (x: tfjs.Tensor, y: tfjs.Tensor2D, dec: tfjs.Tensor | null, n: number): EvalSet =>
      n <= cap ? { x, y, dec, n } : { x: keep(x.slice(0, cap)), y: keep(y.slice(0, cap)), dec: dec && keep(dec.slice(0, cap)), n: cap };
    this.evalSets = [subset(this.trainX, this.trainY, trainDec, data.nTrain), subset(this.testX, this.testY, this.testDec, data.nTest)];
    const val = data.val;
    if (val) {
      const x = keep(tf.tensor(val.x, [val.n, ...data.inputShape]));
      const y = keep(tf.tensor2d(val.y, [val.n, data.targetWidth]));
      this.evalSets.push(subset(x, y, val.dec ? keep(tf.tensor2d(val.dec, [val.n, data.targetWidth])) : null, val.n));
    }
    this.shuffleRng = createRng(deriveSeed(experiment.seed, 'shuffle'));
    this.augmentRng = createRng(deriveSeed(experiment.seed, 'augment'));
    this.order = Int32Array.from({ length: data.nTrain }, (_, i) => i);
    this.dynamics = new DynamicsRecorder(tf, this.built, experiment.network);
    this.applyFrozen(experiment.network);
    this.initWeights();
    this.followConfigHooks();
  }

  /** Set (or with null remove) the step hook `name`; the one it replaces is disposed. */
  setStepHook(name: string, hook: StepHook | null): void {
    const old = this.hooks.get(name);
    if (old && old !== hook) old.dispose?.();
    if (hook) this.hooks.set(name, hook);
    else this.hooks.delete(name);
  }

  /** The step hook `name`, if set. */
  stepHook(name: string): StepHook | undefined {
    return this.hooks.get(name);
  }

  /** The setting-driven hooks (CONFIG_HOOKS) for the training settings in force. */
  private followConfigHooks(): void {
    for (const [name, make] of Object.entries(CONFIG_HOOKS)) this.setStepHook(name, make(this.tf, this.training, this.hooks.get(name), this));
  }

  /** The weights start over: hooks tied to the old ones (pruning masks) go. */
  private dropResetHooks(): void {
    for (const [name, hook] of [...this.hooks]) if (!hook.survivesReset) this.setStepHook(name, null);
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
    this.shuffleRng = createRng(deriveSeed(this.experiment.seed, 'shuffle'));
    this.augmentRng = createRng(deriveSeed(this.experiment.seed, 'augment'));
    this.order = Int32Array.from({ length: this.data.nTrain }, (_, i) => i);
    shuffleInPlace(this.order, this.shuffleRng);
    this.cursor = 0;
    this.step = 0;
    this.examples = 0;
    this.plateau.reset();
    this.plateauEpoch = 0;
    this.stopper.reset();
    this.dropBest();
    this.epochSeen = 0;
    this.epochEnded = false;
    this.dynamics.clear();
    this.dropResetHooks();
    this.freshOptimizer();
  }

  /** A new optimizer (no slots from other weights) at the schedule's rate for the examples seen. */
  private freshOptimizer(): void {
    this.optimizer.dispose();
    this.optimizer = makeOptimizer(this.tf, this.training);
    this.learningRate = Number.NaN;
    this.followSchedule();
  }

  /** Which layers are frozen now (node ids). */
  get frozenLayers(): ReadonlySet<string> {
    return this.frozen;
  }

  /** The variables the optimizer updates (every trainable layer's, in the model's order). */
  get trainableVariables(): readonly tfjs.Variable[] {
    return this.trainable;
  }

  private applyFrozen(network: NetworkSpec): void {
    this.frozen = new Set(network.nodes.filter((n) => !isTrainable(n)).map((n) => n.id));
    this.trainable = this.built.variables.filter((_, i) => !this.frozen.has(this.built.variableLayers[i]));
    this.built.setFrozen(this.frozen);
    this.dynamics.setTrainable(this.trainable);
  }

  /**
   * Freeze or thaw layers live (the same network, other `trainable` flags): the weights stay. The
   * optimizer starts afresh, since optimizers such as Adam keep their slots by the position of a
   * variable in the list they update.
   */
  setFrozen(network: NetworkSpec): void {
    const before = [...this.frozen].sort().join();
    this.applyFrozen(network);
    if ([...this.frozen].sort().join() !== before) this.freshOptimizer();
  }

  /** The training settings in force now (the last reconfigure's). */
  get trainingConfig(): TrainingConfig {
    return this.training;
  }

  /** Training halts at each epoch's end to look there: early stopping measures, an epoch limit counts. */
  get stopsAtEpochEnds(): boolean {
    return this.training.earlyStopping.enabled || this.training.stop.epochs > 0;
  }

  /** The best epoch early stopping has seen so far (−1 before one), or null when it is off. */
  get bestEpoch(): number | null {
    return this.training.earlyStopping.enabled ? this.stopper.bestEpoch : null;
  }

  private dropBest(): void {
    this.bestWeights?.forEach((t) => t.dispose());
    this.bestWeights = null;
  }

  /**
   * Early stopping at an epoch's end: the metrics measured there (with the validation loss). Keeps a
   * copy of the weights when they improved; on 'stop', puts the best ones back if asked to.
   */
  observeValidation(metrics: Metrics): { verdict: EarlyStoppingVerdict; bestEpoch: number; bestValLoss: number; restored: boolean } | null {
    const config = this.training.earlyStopping;
    this.epochEnded = false;
    if (!config.enabled || metrics.valLoss === undefined) return null;
    const verdict = this.stopper.observe(this.epoch, metrics.valLoss, config);
    if (verdict === 'improved') {
      this.dropBest();
      this.bestWeights = copyModelWeights(this.tf, this.built);
    }
    const best = this.bestWeights;
    const restored = verdict === 'stop' && config.restoreBest && best !== null;
    if (restored) restoreModelWeights(this.built, best);
    return { verdict, bestEpoch: this.stopper.bestEpoch, bestValLoss: this.stopper.best, restored };
  }

  /** Set the optimizer's rate to the schedule's value at the current progress (a no-op while it stays). */
  private followSchedule(): void {
    const lr = learningRateAt(this.training.schedule, this.training.learningRate, this.examples / this.data.nTrain, this.plateau.reductions);
    if (lr === this.learningRate) return;
    this.learningRate = lr;
    setLearningRate(this.optimizer, lr);
  }

  /**
   * Reduce-on-plateau: the test loss measured after an epoch ended. Only the first measurement past
   * each epoch's end counts; true when it reduced the rate.
   */
  observeEpochLoss(testLoss: number): boolean {
    if (this.training.schedule.kind !== 'plateau' || this.epoch <= this.plateauEpoch) return false;
    this.plateauEpoch = this.epoch;
    return this.plateau.observe(testLoss, this.training.schedule.patience);
  }

  get epoch(): number {
    return Math.floor(this.examples / this.data.nTrain);
  }

  /** Take a new training config live: the weights stay; the optimizer is rebuilt only if its kind changed. */
  reconfigure(training: TrainingConfig): void {
    const prev = this.training;
    this.training = training;
    this.output = outputSpecOf({ ...this.experiment, training }, this.data);
    this.followConfigHooks();
    if (prev.schedule.kind !== training.schedule.kind) {
      this.plateau.reset();
      this.plateauEpoch = this.epoch;
    }
    if (prev.optimizer !== training.optimizer || prev.momentum !== training.momentum) return this.freshOptimizer();
    // The new base rate or schedule, at the current progress, on the same optimizer.
    this.learningRate = Number.NaN;
    this.followSchedule();
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

  /**
   * Train `count` mini-batches. Synchronous maths only, no read-back. With `untilEpochEnd` and early
   * stopping on, it stops after the step that ends an epoch (and sets `epochEnded`).
   */
  train(count: number, untilEpochEnd = false): void {
    const tf = this.tf;
    const { numFeatures: f, targetWidth: w, trainX, trainY } = this.data;
    for (let s = 0; s < count; s++) {
      this.followSchedule();
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
      if (this.lab === 'images' && aug && isAugmentationOn(aug)) {
        if (this.augmented.length !== xb.length) this.augmented = new Float32Array(xb.length);
        const [h, wd, c] = this.data.inputShape;
        pixels = augmentBatch(xb, b, h, wd, c, aug, this.augmentRng, this.augmented);
      }
      tf.tidy(() => {
        let x = tf.tensor(pixels, [b, ...this.data.inputShape]);
        // An autoencoder's target is its (augmented) input itself.
        const y = this.output.task === 'reconstruct' ? tf.tensor2d(pixels, [b, f]) : tf.tensor2d(yb, [b, w]);
        const hooks = [...this.hooks.values()];
        for (const h of hooks) if (h.batch) x = h.batch(x, y);
        const inputs = this.inputsOf(x, db ? tf.tensor2d(db, [b, w]) : null);
        const objective = (output: tfjs.Tensor): tfjs.Scalar => {
          let loss = lossOf(tf, output, y, this.output);
          const kl = klTermOf(tf, this.built, output);
          if (kl) loss = tf.add(loss, kl);
          for (const h of hooks) if (h.objective) loss = h.objective(output, y, loss, x);
          const reg = this.regularization();
          return reg ? tf.add(loss, reg) : loss;
        };
        // A probed step measures gradients, update and activations on the way (same maths).
        // Every layer frozen: the step passes with nothing to update.
        if (!this.trainable.length) return;
        if (this.dynamics.due) this.dynamics.step(this.optimizer, inputs, objective, this.step + 1, seed);
        else this.optimizer.minimize(() => objective(this.built.forward(inputs, { training: true, seed }).output), false, this.trainable);
        for (const h of hooks) h.afterStep?.();
      });
      this.step++;
      this.examples += b;
      if (untilEpochEnd && this.stopsAtEpochEnds && this.epoch > this.epochSeen) {
        this.epochSeen = this.epoch;
        this.epochEnded = true;
        return;
      }
    }
  }

  /** The model's input tensors in its Input order: the source rows, and the decoder rows when it has a decoder. */
  private inputsOf(x: tfjs.Tensor, dec: tfjs.Tensor | null): tfjs.Tensor | tfjs.Tensor[] {
    if (this.data.columnInputs) return this.columnsOf(x);
    const decoderId = this.data.seq?.decoderInput;
    if (!decoderId || !dec) return x;
    return this.built.inputIds.map((id) => (id === decoderId ? dec : x));
  }

  /**
   * Datasets whose rows hold one value per Input (ratings: user id, item id): column j of `x`
   * `[n, k]` goes to the Input `columnInputs[j]`, as `[n, 1]`, in the model's Input order. Inside
   * the caller's `tf.tidy`.
   */
  columnsOf(x: tfjs.Tensor): tfjs.Tensor[] {
    const ids = this.data.columnInputs ?? [];
    return this.built.inputIds.map((id) => this.tf.slice(x, [0, Math.max(0, ids.indexOf(id))], [-1, 1]));
  }

  /** Loss and accuracy on the whole train and test sets (inference mode: no dropout). */
  async evaluate(): Promise<Metrics> {
    const tf = this.tf;
    const tokens = this.output.task === 'tokens';
    const classify = this.output.task !== 'regression' && this.output.task !== 'reconstruct';
    const stats = tf.tidy(() =>
      this.evalSets.map(({ x, y, dec }) => {
        const { output } = this.built.forward(this.inputsOf(x, dec), { training: false });
        const loss = lossOf(tf, output, y, this.output);
        if (tokens) return tf.concat([loss.reshape([1]), tokenCounts(tf, output, y)]);
        const correct = classify ? correctOf(tf, output, y, this.output) : tf.scalar(0);
        return tf.stack([loss, correct]);
      }),
    );
    const [a, b, v] = await Promise.all(stats.map((t) => t.data()));
    stats.forEach((t) => t.dispose());
    const [{ n: nTrain }, { n: nTest }, valSet] = this.evalSets;
    // Tokens: [loss, tokens right, tokens counted, rows all right]; else [loss, examples right].
    const acc = (s: ArrayLike<number>, n: number) => (tokens ? s[1] / Math.max(1, s[2]) : classify ? s[1] / Math.max(1, n) : null);
    const val = v && valSet ? { valLoss: v[0], valAcc: acc(v, valSet.n) } : {};
    if (tokens) {
      return {
        trainLoss: a[0],
        testLoss: b[0],
        trainAcc: acc(a, nTrain),
        testAcc: acc(b, nTest),
        trainSeqAcc: a[3] / Math.max(1, nTrain),
        testSeqAcc: b[3] / Math.max(1, nTest),
        ...val,
      };
    }
    return { trainLoss: a[0], testLoss: b[0], trainAcc: acc(a, nTrain), testAcc: acc(b, nTest), ...val };
  }

  /**
   * The model's inputs for test rows `from` … `from + rows`: the source rows, and the decoder rows
   * when it has a decoder (`dec` replaces them, for decoding on its own). Tensors are the caller's to
   * free (call it inside `tf.tidy`).
   */
  testInputs(from: number, rows: number, dec?: tfjs.Tensor): tfjs.Tensor | tfjs.Tensor[] {
    return this.inputsOf(this.testX.slice(from, rows), dec ?? this.testDec?.slice(from, rows) ?? null);
  }

  /** The targets of test rows `from` … `from + rows` (the caller frees them, or calls inside `tf.tidy`). */
  testTargets(from: number, rows: number): tfjs.Tensor2D {
    return this.testY.slice(from, rows);
  }

  /**
   * The first `cap` training rows (of the fixed subset `evaluate` measures) as the model takes
   * them, with their targets: for the loss slice (lossSlice.ts). The caller frees them (or calls
   * inside `tf.tidy`).
   */
  trainRows(cap: number): { inputs: tfjs.Tensor | tfjs.Tensor[]; y: tfjs.Tensor; n: number } {
    const { x, y, dec, n } = this.evalSets[0];
    const k = Math.max(1, Math.min(cap, n));
    return { inputs: this.inputsOf(x.slice(0, k), dec ? dec.slice(0, k) : null), y: y.slice(0, k), n: k };
  }

  /** The data loss (no regularisation) of `inputs` against `y` in inference mode, inside the caller's `tf.tidy`. */
  lossOn(inputs: tfjs.Tensor | tfjs.Tensor[], y: tfjs.Tensor): tfjs.Scalar {
    return lossOf(this.tf, this.predict(inputs), y, this.output);
  }

  /** The network's output in inference mode (no dropout); the caller frees it (or runs in `tf.tidy`). */
  predict(inputs: tfjs.Tensor | tfjs.Tensor[]): tfjs.Tensor {
    return this.built.forward(inputs, { training: false }).output;
  }

  /** How to read the output (task, activation, loss), for probes that score it. */
  get outputSpec(): OutputSpec {
    return this.output;
  }

  /** Pixels (or features) of test example `index`, as the network takes it. */
  testExample(index: number): Float32Array {
    const f = this.data.numFeatures;
    return this.data.testX.subarray(index * f, (index + 1) * f);
  }

  /** Read every variable's values (to carry weights to another backend). */
  async readVariables(): Promise<Float32Array[]> {
    return Promise.all(this.built.variables.map(async (v) => Float32Array.from((await v.data()) as Float32Array)));
  }

  /** Every weight of the model (normalization statistics too), in the model's order, and the counters: what a saved file keeps. */
  async exportWeights(): Promise<SavedWeights> {
    return { step: this.step, examples: this.examples, tensors: await readModelWeights(this.built) };
  }

  /**
   * Write saved weights into this model and continue the counters from them. Nothing is written
   * unless every tensor's shape matches the model's, in order: false then.
   */
  importWeights(saved: SavedWeights): boolean {
    if (!fitsModel(this.built, saved.tensors)) return false;
    writeModelWeights(this.tf, this.built, saved.tensors);
    this.step = saved.step;
    this.examples = saved.examples;
    this.dynamics.clear();
    this.dropResetHooks();
    this.freshOptimizer();
    return true;
  }

  writeVariables(values: Float32Array[]): void {
    this.built.variables.forEach((v, i) => {
      if (values[i]?.length === v.size) this.tf.tidy(() => v.assign(this.tf.tensor(values[i], v.shape)));
    });
  }

  /** Edit one weight of Dense layer `layerId`: row `from` (input unit), column `to` (its unit). False when there is no such weight. */
  setDenseWeight(layerId: string, from: number, to: number, value: number): Promise<boolean> {
    const d = this.built.dense.find((x) => x.layerId === layerId);
    if (!d) return Promise.resolve(false);
    const [fanIn, units] = d.kernel.shape as [number, number];
    // Out of range on either axis is no edit (a `to` past the units would land in the next row).
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < 0 || from >= fanIn || to >= units) return Promise.resolve(false);
    return this.assignAt(d.kernel, from * units + to, value);
  }

  /** Edit the bias of unit `unit` of Dense layer `layerId`. False when there is no such bias. */
  setDenseBias(layerId: string, unit: number, value: number): Promise<boolean> {
    const d = this.built.dense.find((x) => x.layerId === layerId);
    return d?.bias ? this.assignAt(d.bias, unit, value) : Promise.resolve(false);
  }

  private async assignAt(v: tfjs.Variable, index: number, value: number): Promise<boolean> {
    if (index < 0 || index >= v.size || !Number.isFinite(value)) return false;
    const values = Float32Array.from((await v.data()) as Float32Array);
    values[index] = value;
    this.tf.tidy(() => v.assign(this.tf.tensor(values, v.shape)));
    return true;
  }

  dispose(): void {
    for (const name of [...this.hooks.keys()]) this.setStepHook(name, null);
    this.dynamics.dispose();
    this.dropBest();
    this.built.dispose();
    this.optimizer.dispose();
    this.tensors.forEach((t) => t.dispose());
    this.tensors.length = 0;
  }
}
