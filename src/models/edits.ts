import { withinScheduleLimits, type ScheduleConfig } from './schedules';
import { withinEarlyStoppingLimits, type EarlyStoppingConfig } from './earlyStopping';
import { withinStopRuleLimits, type StopRule } from './stopRule';
import { withinAdversarialLimits } from './adversarialTraining';
import { analyze } from './analysis';
import { sequenceShape } from '../data/sequenceData';
import { defaultExperiment, defaultImageNetwork, IMAGE_TRAIN_RATIO, sequenceDatasetFor, trainingFor } from './defaults';
import { fitSequenceNetwork } from './fit';
import { withRatingsDataset } from './ratingsEdits';
import { lstm, lstmForecast } from './templates/rnn';
import { miniGpt, transformerEncoder, transformerSeq2seq } from './templates/transformer';
import type { TemplateDef } from './templates/build';
import { applyGraphChange, type GraphChange } from './graphEdits';
import { freshLayerId, MAX_HIDDEN_LAYERS, MAX_UNITS, OUTPUT_ACTIVATIONS, readPlayground, writePlayground, type PlaygroundNetwork } from './playground';
import {
  HAND_POINTS_MAX,
  inputWidthOf,
  AUGMENTATION_LIMITS,
  FEATURE_IDS,
  MAX_EXAMPLES,
  MAX_POINTS,
  MNIST_COUNT,
  isImageDataset,
  isSequenceDataset,
  LANGUAGES,
  modalityOf,
  numClassesOf,
  SEQUENCE_LENGTHS,
  sequenceLengthRange,
  SINE_HORIZON,
  SINE_WINDOW,
  taskOf,
  type Activation,
  type Augmentation,
  type DatasetSpec,
  type Experiment,
  type FeatureId,
  type NetworkSpec,
  type SequenceKind,
  type SequenceOptions,
  type TrainingConfig,
} from './spec';

/**
 * Every edit a learner makes, as data. `applyChange` is pure, so undo/redo is a list of
 * Experiments and the same change can be replayed in tests.
 */
export type SpecChange =
  | { type: 'dataset'; patch: Partial<Omit<DatasetSpec, 'features'>> }
  | { type: 'toggleFeature'; feature: FeatureId }
  | { type: 'training'; patch: Partial<Omit<TrainingConfig, 'augmentation'>> }
  | { type: 'augmentation'; patch: Partial<Augmentation> }
  /** The learning-rate schedule (models/schedules.ts), values kept inside their limits. */
  | { type: 'schedule'; patch: Partial<ScheduleConfig> }
  /** Early stopping's settings, kept inside their limits. */
  | { type: 'earlyStopping'; patch: Partial<EarlyStoppingConfig> }
  | { type: 'stopRule'; patch: Partial<StopRule> }
  /** Sequence dataset settings (task length, language, direction, sine window and horizon). */
  | { type: 'sequence'; patch: Partial<SequenceOptions> }
  | { type: 'seed'; seed: number }
  | { type: 'addLayer' }
  | { type: 'removeLayer' }
  | { type: 'setUnits'; index: number; units: number }
  | { type: 'setActivation'; index: number | 'all'; activation: Activation }
  | { type: 'setDropout'; index: number; rate: number }
  | { type: 'setOutputActivation'; activation: Activation }
  | { type: 'replace'; experiment: Experiment }
  /** A graph-editor edit (src/models/graphEdits.ts) on the network. */
  | { type: 'graph'; change: GraphChange };

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Apply a change to a playground-shaped network; non-chain networks are left alone. */
function editChain(exp: Experiment, edit: (net: PlaygroundNetwork) => void): Experiment {
  const net = readPlayground(exp.network);
  if (!net) return exp;
  edit(net);
  const network = writePlayground(net, inputWidthOf(exp.dataset));
  // Keep the graph editor's positions of the nodes that survive the edit.
  const ids = new Set(network.nodes.map((n) => n.id));
  const layout = Object.entries(exp.network.layout ?? {}).filter(([id]) => ids.has(id));
  return { ...exp, network: layout.length ? { ...network, layout: Object.fromEntries(layout) } : network };
}

/**
 * Make the output layer and loss fit the dataset's task: one unit per class for multi-class
 * (softmax + cross-entropy), one unit otherwise, with an output activation valid for the task.
 */
function fitOutputToTask(exp: Experiment, prevTask: ReturnType<typeof taskOf> | null): Experiment {
  const task = taskOf(exp.dataset);
  let next = editChain(exp, (net) => {
    net.output.units = task === 'multiclass' ? numClassesOf(exp.dataset) : 1;
    // A new task gets its natural output (as TensorFlow Playground: tanh to classify, linear to regress).
    if (prevTask !== task || !OUTPUT_ACTIVATIONS[task].includes(net.output.activation)) net.output.activation = OUTPUT_ACTIVATIONS[task][0];
  });
  if (prevTask !== task) {
    const loss = task === 'multiclass' ? 'crossEntropy' : 'mse';
    next = { ...next, training: { ...next.training, loss } };
  }
  return next;
}

const round = (v: number, lo: number, hi: number) => clamp(Math.round(v), lo, hi);

/** Sequence settings inside their ranges; the `length` range depends on the kind, so it is clamped again where read. */
function clampSequence(o: SequenceOptions): SequenceOptions {
  return {
    length: round(o.length, SEQUENCE_LENGTHS.add[0], SEQUENCE_LENGTHS.charLm[1]),
    language: LANGUAGES.includes(o.language) ? o.language : 'en',
    direction: o.direction === 'toWords' ? 'toWords' : 'toDigits',
    window: round(o.window, SINE_WINDOW[0], SINE_WINDOW[1]),
    horizon: round(o.horizon, SINE_HORIZON[0], SINE_HORIZON[1]),
    sumOfSines: Boolean(o.sumOfSines),
  };
}

/** `length` inside the range of the kind that reads it. */
function lengthFor(kind: SequenceKind, length: number): number {
  const [lo, hi] = sequenceLengthRange(kind);
  return round(length, lo, hi);
}

/** The template a sequence kind starts from when the learner's network cannot read it. */
const SEQUENCE_TEMPLATE: Record<SequenceKind, TemplateDef> = {
  reverse: transformerEncoder,
  copy: transformerEncoder,
  sort: transformerEncoder,
  add: transformerEncoder,
  numberWords: transformerSeq2seq,
  charLm: miniGpt,
  sentiment: lstm,
  sine: lstmForecast,
};

/**
 * A sequence dataset was picked or changed. The learner's network stays and is resized when it can
 * read the new data (same layout: tokens, a sentence class or a forecast; a decoder where answers
 * outgrow the input; the language model keeps its causal network); otherwise the kind's template
 * network takes its place.
 */
function withSequenceDataset(exp: Experiment, next: DatasetSpec, patch: Partial<DatasetSpec>): Experiment {
  const dataset: DatasetSpec = { ...next, sequence: { ...next.sequence, length: lengthFor(next.kind as SequenceKind, next.sequence.length) } };
  const fromOther = !isSequenceDataset(exp.dataset.kind);
  if (fromOther || (patch.kind !== undefined && patch.kind !== exp.dataset.kind)) {
    if (fromOther) Object.assign(dataset, { ...sequenceDatasetFor(dataset.kind), ...pickDefined(patch, ['numPoints', 'trainRatio', 'noise']) });
    else if (patch.noise === undefined) dataset.noise = sequenceDatasetFor(dataset.kind).noise;
  }
  const training = fromOther ? { ...exp.training, ...trainingFor('sequences') } : exp.training;
  const shape = sequenceShape(dataset);
  const prev = fromOther ? null : sequenceShape(exp.dataset);
  const twoInputs = exp.network.nodes.filter((n) => n.type === 'Input').length === 2;
  const lm = (k: string) => k === 'charLm';
  const keep =
    prev !== null &&
    prev.layout === shape.layout &&
    lm(exp.dataset.kind) === lm(dataset.kind) &&
    !(shape.layout === 'tokens' && !twoInputs && !shape.fitsOneInput) &&
    !(twoInputs && lm(dataset.kind));
  const template = shape.layout === 'tokens' && !shape.fitsOneInput && !lm(dataset.kind) ? transformerSeq2seq : SEQUENCE_TEMPLATE[dataset.kind as SequenceKind];
  const network = fitSequenceNetwork(keep ? exp.network : stripLayout(template.network()), dataset);
  const loss = shape.layout === 'forecast' ? 'mse' : 'crossEntropy';
  return { ...exp, network, dataset, training: { ...training, ...(keep ? {} : template.training), loss } };
}

function pickDefined<T extends object>(o: T, keys: (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Partial<T>;
}

/** A template's network without its drawn layout (the editor lays it out, as when a template opens). */
function stripLayout(network: NetworkSpec): NetworkSpec {
  const { layout: _layout, ...rest } = network;
  return rest;
}

/** Give the network's one Dense output `classes` units; other networks come back unchanged. */
export function fitClassifierUnits(network: NetworkSpec, classes: number): NetworkSpec {
  const outputs = analyze(network).outputs;
  const out = network.nodes.find((n) => n.id === outputs[0]);
  if (outputs.length !== 1 || out?.type !== 'Dense' || out.params.units === classes) return network;
  return { ...network, nodes: network.nodes.map((n) => (n === out ? { ...n, params: { ...n.params, units: classes } } : n)) };
}

export function applyChange(exp: Experiment, change: SpecChange): Experiment {
  switch (change.type) {
    case 'replace':
      return change.experiment;
    case 'graph': {
      const network = applyGraphChange(exp.network, change.change);
      return network === exp.network ? exp : { ...exp, network };
    }
    case 'dataset': {
      const prevTask = taskOf(exp.dataset);
      const patch = { ...change.patch };
      // MNIST starts with every digit the app ships (a learner can take fewer).
      if (patch.kind === 'mnist' && exp.dataset.kind !== 'mnist' && patch.numPoints === undefined) patch.numPoints = MNIST_COUNT;
      const kind = patch.kind ?? exp.dataset.kind;
      if (patch.numPoints !== undefined) patch.numPoints = clamp(Math.round(patch.numPoints), 20, modalityOf(kind) === 'points' ? MAX_POINTS : MAX_EXAMPLES);
      if (patch.noise !== undefined) patch.noise = clamp(patch.noise, 0, 50);
      if (patch.trainRatio !== undefined) patch.trainRatio = clamp(patch.trainRatio, 0.1, 0.9);
      if (patch.classes !== undefined) patch.classes = clamp(Math.round(patch.classes), 3, 5);
      if (patch.hand !== undefined) patch.hand = patch.hand.slice(0, 3 * Math.min(HAND_POINTS_MAX, Math.floor(patch.hand.length / 3)));
      if (patch.sequence !== undefined) patch.sequence = clampSequence({ ...exp.dataset.sequence, ...patch.sequence });
      const dataset = { ...exp.dataset, ...patch };
      if (modalityOf(dataset.kind) === 'points') dataset.numPoints = Math.min(dataset.numPoints, MAX_POINTS);
      if (isSequenceDataset(dataset.kind)) return withSequenceDataset(exp, dataset, patch);
      if (dataset.kind === 'ratings') return withRatingsDataset(exp, dataset, patch);
      // Points, images and sequences need different networks (an image Input, convolutions): moving
      // between them starts from that kind's default network rather than leave one that cannot work.
      const modalityChanged = modalityOf(dataset.kind) !== modalityOf(exp.dataset.kind);
      // Learning the image itself (an autoencoder) means nothing outside images.
      if (modalityChanged || !isImageDataset(dataset.kind)) delete dataset.target;
      // Between image sets an autoencoder's output stays the image: nothing to resize.
      if (!modalityChanged && taskOf(dataset) === 'reconstruct') return { ...exp, dataset };
      const network = modalityChanged ? (isImageDataset(dataset.kind) ? defaultImageNetwork(numClassesOf(dataset)) : defaultExperiment().network) : exp.network;
      // Between image sets (shapes ↔ digits) the learner's CNN stays; its classifier is resized.
      if (!modalityChanged && isImageDataset(dataset.kind)) return { ...exp, dataset, network: fitClassifierUnits(network, numClassesOf(dataset)) };
      const training = modalityChanged ? { ...exp.training, ...trainingFor(modalityOf(dataset.kind)) } : exp.training;
      if (modalityChanged && isImageDataset(dataset.kind) && patch.trainRatio === undefined) dataset.trainRatio = IMAGE_TRAIN_RATIO;
      // Back in the plane from images or sequences, the size, split and noise are the playground's
      // own again (after MNIST's 90 % split and its thousands of digits, XOR opened with both).
      if (modalityChanged && modalityOf(dataset.kind) === 'points') {
        const { numPoints, trainRatio, noise } = defaultExperiment().dataset;
        Object.assign(dataset, { numPoints, trainRatio, noise }, pickDefined(patch, ['numPoints', 'trainRatio', 'noise']));
      }
      return fitOutputToTask({ ...exp, network, dataset, training }, modalityChanged ? null : prevTask);
    }
    case 'sequence':
      return applyChange(exp, { type: 'dataset', patch: { sequence: { ...exp.dataset.sequence, ...change.patch } } });
    case 'toggleFeature': {
      const on = new Set(exp.dataset.features);
      if (on.has(change.feature)) {
        if (on.size === 1) return exp; // a network needs at least one input
        on.delete(change.feature);
      } else {
        on.add(change.feature);
      }
      const features = FEATURE_IDS.filter((f) => on.has(f));
      const next = { ...exp, dataset: { ...exp.dataset, features } };
      return editChain(next, () => {});
    }
    case 'training': {
      const t = { ...exp.training, ...change.patch };
      t.batchSize = clamp(Math.round(t.batchSize), 1, 1000);
      t.learningRate = clamp(t.learningRate, 1e-6, 10);
      t.regularizationRate = clamp(t.regularizationRate, 0, 10);
      t.momentum = clamp(t.momentum, 0, 0.999);
      if (t.adversarial) t.adversarial = withinAdversarialLimits(t.adversarial);
      return { ...exp, training: t };
    }
    case 'schedule':
      return { ...exp, training: { ...exp.training, schedule: withinScheduleLimits({ ...exp.training.schedule, ...change.patch }) } };
    case 'stopRule':
      return { ...exp, training: { ...exp.training, stop: withinStopRuleLimits({ ...exp.training.stop, ...change.patch }) } };
    case 'earlyStopping':
      return { ...exp, training: { ...exp.training, earlyStopping: withinEarlyStoppingLimits({ ...exp.training.earlyStopping, ...change.patch }) } };
    case 'augmentation': {
      const a = { ...exp.training.augmentation, ...change.patch };
      a.shift = clamp(a.shift, 0, AUGMENTATION_LIMITS.shift);
      a.rotate = clamp(a.rotate, 0, AUGMENTATION_LIMITS.rotate);
      a.zoom = clamp(a.zoom, 0, AUGMENTATION_LIMITS.zoom);
      a.noise = clamp(a.noise, 0, AUGMENTATION_LIMITS.noise);
      a.flip = Boolean(a.flip);
      return { ...exp, training: { ...exp.training, augmentation: a } };
    }
    case 'seed':
      return { ...exp, seed: change.seed >>> 0 };
    case 'addLayer':
      return editChain(exp, (net) => {
        if (net.hidden.length >= MAX_HIDDEN_LAYERS) return;
        const last = net.hidden[net.hidden.length - 1];
        const activation = last?.activation ?? 'tanh';
        net.hidden.push({ id: freshLayerId(exp.network), units: 2, activation, dropout: 0 });
      });
    case 'removeLayer':
      return editChain(exp, (net) => {
        net.hidden.pop();
      });
    case 'setUnits':
      return editChain(exp, (net) => {
        const layer = net.hidden[change.index];
        if (layer) layer.units = clamp(Math.round(change.units), 1, MAX_UNITS);
      });
    case 'setActivation':
      return editChain(exp, (net) => {
        for (const [i, layer] of net.hidden.entries()) if (change.index === 'all' || change.index === i) layer.activation = change.activation;
      });
    case 'setDropout':
      return editChain(exp, (net) => {
        const layer = net.hidden[change.index];
        if (layer) layer.dropout = clamp(change.rate, 0, 0.9);
      });
    case 'setOutputActivation':
      return editChain(exp, (net) => {
        if (OUTPUT_ACTIVATIONS[taskOf(exp.dataset)].includes(change.activation)) net.output.activation = change.activation;
      });
  }
}

/** What the training runtime must do after an edit. */
export interface SpecDiff {
  /** Points, split or features changed: make the data again. */
  data: boolean;
  /** Network or seed changed: build the model again from the seed (a fresh run). */
  model: boolean;
  /** Only hyperparameters changed: keep the weights, reconfigure the loop. */
  training: boolean;
  /** Only layers' trainable flags changed (model false): keep the weights, freeze or thaw live. Absent otherwise. */
  frozen?: true;
}

/** Decide between "start over" and "just reconfigure", in the style of deck.gl's change flags. */
export function diffExperiment(prev: Experiment, next: Experiment): SpecDiff {
  const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
  // Early stopping on or off moves examples between the training and validation splits.
  const data = !same(prev.dataset, next.dataset) || prev.seed !== next.seed || prev.training.earlyStopping.enabled !== next.training.earlyStopping.enabled;
  // Editor positions (`layout`) are only drawn, so moving a node keeps the trained weights.
  // A layer frozen or thawed keeps the weights too: the runtime takes the flags live.
  const unflagged = (nodes: Experiment['network']['nodes']) => nodes.map(({ trainable: _, ...n }) => n);
  const model = data || !same(unflagged(prev.network.nodes), unflagged(next.network.nodes));
  const frozen = !model && !same(prev.network.nodes, next.network.nodes);
  const training = !same(prev.training, next.training);
  return { data, model, training, ...(frozen ? { frozen: true as const } : {}) };
}
