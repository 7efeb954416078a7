/**
 * The lesson format: a lesson is data, never code, so lessons can later come from files and links
 * (teacher-made lessons, challenges). Every field is JSON; `validateLesson` (validate.ts) checks a
 * lesson against this file, and the condition language (conditions.ts) is parsed and checked
 * against FACTS, so a typo in a lesson fails a unit test, not a class.
 *
 * Bump LESSON_FORMAT_VERSION when the shape changes, as the Experiment does.
 */

import { COMPRESS_FACTS } from './compressFacts';
import { RECOMMENDER_FACTS } from './recommenderFacts';
import type { ToolRequest } from '../training/tools/types';
import { EXPLAIN_FACTS } from './explainFactNames';
import type { SpecChange } from '../models/edits';
import { ADVERSARIAL_FACTS } from './adversarialFacts';
import { TRANSFER_FACTS } from './transferFacts';
import { LATENT_FACTS } from './latentFacts';
import type { TransferAction } from '../store/transferActions';
import type { ViewOptions } from '../models/codec';
import type { SurfaceId } from '../models/surfaces';
import type { Challenge } from '../models/challengeSpec';

export const LESSON_FORMAT_VERSION = 1;

/** The views of the app a step can show: the 2-D playground, the graph editor, the optimizer race. */
export const EDITOR_TABS = ['playground', 'graph', 'race'] as const;
export type EditorTabName = (typeof EDITOR_TABS)[number];

/** Text in both languages, each written natively (d2l-zh's terms in Chinese). */
export interface Bilingual {
  en: string;
  'zh-CN': string;
}

/**
 * The curriculum's sections, in the order of the map (动手学深度学习's chapters).
 * intro: what a network is · mlp: perceptron, MLP, activations, gradient descent, features,
 * overfitting, backpropagation, early stopping, regularization · optimization: gradient descent
 * and the optimizers, learning-rate schedules · cnn: convolution, pooling, a CNN on MNIST, augmentation · classic: LeNet →
 * AlexNet → VGG, ResNet, DenseNet · rnn: RNN, LSTM, GRU, bidirectional, text generation ·
 * attention: self-attention, multi-head, positional encoding, encoder–decoder · performance:
 * hardware, backends · strategies: transfer learning and fine-tuning, distillation, adversarial
 * examples, pruning and quantization, explanations (issue 16).
 */
export const SECTIONS = ['intro', 'mlp', 'optimization', 'cnn', 'classic', 'rnn', 'attention', 'performance', 'strategies'] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * Stable ids of the controls and views a step may point at (`data-tour="<id>"` in the DOM).
 * A unit test checks that each id here is rendered by the app; add the attribute when adding an id.
 */
export const TOUR_TARGETS = [
  // Shell and training bar
  'lab-tabs', // playground / graph editor switch
  'templates', // the template button / dialog
  'play', // play / pause
  'step', // single step
  'reset',
  'epoch', // the epoch / step counter
  'backend', // backend choice (auto / WebGL / CPU) and what it runs on
  'tools', // the tools panel on the trained network (panels/tools)
  'speed', // steps per second shown
  'schedule', // the learning-rate schedule
  'early-stopping',
  // Data column (every lab)
  'dataset', // the dataset picker
  'noise',
  'train-ratio',
  'batch-size',
  'num-points',
  // Points lab (2-D playground)
  'features', // input feature toggles (x1, x2, x1², …)
  'layers', // add / remove hidden layers and neurons
  'network', // the network diagram
  'neuron', // one hidden neuron's own map in the diagram
  'learning-rate',
  'activation',
  'optimizer',
  'regularization',
  'regularization-rate',
  'dropout',
  'boundary', // the decision boundary / output plot
  'show-test-data',
  'backprop-open', // the button that opens the backprop step-through
  'backprop', // the step-through itself
  // Metrics (every lab)
  'loss-chart',
  'metrics', // the numbers: train/test loss and accuracy
  // Graph editor
  'palette',
  'canvas',
  'inspector',
  // Image lab
  'augmentation',
  'draw', // the drawing pad
  'probe', // the test image picker
  'feature-maps',
  'kernels',
  'conv-explainer', // the convolution explained (arithmetic)
  'probabilities',
  'confusion',
  'mistakes',
  // Sequence lab
  'sequence-options', // length, language, direction, window …
  'predictions',
  'attention',
  'positional-encoding',
  'recurrent', // hidden state / gates over time, gradient through time
  'forecast',
  'generation', // text generation: prompt, temperature, top-k
  // Training dynamics
  'race', // the optimizer race (its own tab)
  'race-map', // the contour map with the paths
  'race-surface', // the surface picker
  'race-chart', // the loss curves of the race
  'race-legend', // the optimizers, their learning rates and losses
  'dynamics', // the training-dynamics panel under every lab (gradient norms per layer …)
  'pinned-runs', // Pin run / Same start and the pinned runs' legend, under the loss chart
] as const;
export type TourTarget = (typeof TOUR_TARGETS)[number];

/**
 * Where a step's Experiment comes from: the app's default (the 2-D playground on the circle) or a
 * template opened on it (the same `openTemplate` the template dialog uses), then `changes` applied
 * in order through the same `applyChange` the UI uses. The result must pass the codec.
 */
export interface LessonLoad {
  from: 'default' | { template: string };
  changes?: SpecChange[];
  seed?: number;
}

/**
 * What "Show me" does, one action after another, through the same store actions the UI calls.
 * `wait` pauses Show me until a condition holds (e.g. train to epoch 50, then change the rate).
 */
export type LessonAction =
  | { change: SpecChange }
  | { template: string }
  | { run: 'play' | 'pause' | 'step' | 'reset' }
  | { tab: EditorTabName }
  | { backend: 'auto' | 'webgl' | 'cpu' }
  | { view: Partial<ViewOptions> }
  /** Draw a test image of this class on the drawing pad (the image lab), as if the learner drew it. */
  | { draw: number }
  /** Generate text from the language model (the sequence lab's Generate button). */
  | { generate: { prompt: string; length: number; temperature: number; topK: number } }
  /** Open the playground's backprop step-through at the first step of a phase, or close it. */
  | { backprop: 'example' | 'forward' | 'loss' | 'backward' | 'update' | 'close' }
  /** Set up the optimizer race (a surface resets it; speed in steps a frame) and start it. */
  | { race: { surface?: SurfaceId; speed?: number; play?: boolean } }
  /** Pin the current run on the loss chart, or reset to the latest pinned run's seed (Same start). */
  | { pinned: 'pin' | 'sameStart' }
  /**
   * Run a tool of the tools panel on the trained network (training/tools). With `afterEpoch`, a run
   * not yet there is first trained to it (a stop rule at that epoch, then play); the tool runs once
   * the run has stopped, and Show me waits for its answer.
   */
  | { tool: ToolRequest; afterEpoch?: number }
  /** Knowledge distillation: keep the current network as the teacher, or switch to the small student. */
  | { distill: 'teacher' | 'student' }
  /** Transfer learning (the tools panel's Transfer tab): load the pre-trained network, fine-tune it on shapes, unfreeze, start from scratch. */
  | { transfer: TransferAction };

export interface LessonStep {
  /**
   * The step's text, a small markdown subset: paragraphs (blank line), `*emphasis*`,
   * `**strong**`, lists (`- `), inline `code`, inline formulas `$…$` and display formulas `$$…$$`
   * (KaTeX). No HTML.
   */
  text: Bilingual;
  /** Loaded when the step opens (the run resets); absent: the learner's current Experiment stays. */
  load?: LessonLoad;
  /** Which view of the points / graph Experiment to show when the step opens. */
  tab?: EditorTabName;
  /** The control or view the step points at (highlighted). */
  target?: TourTarget;
  /** What the learner is asked to do, in one sentence (shown above the check). */
  task?: Bilingual;
  /**
   * A condition in the condition language (conditions.ts); "✓ done" once it holds. Grammar:
   *   expr := and ('or' and)* · and := unary ('and' unary)* · unary := 'not' unary | '(' expr ')' | cmp
   *   cmp := operand (('==' | '!=' | '<' | '<=' | '>' | '>=') operand)?   (a lone operand: a boolean fact)
   *   operand := number (0.9, 1e-3) | 'string' | true | false | fact (FACTS, `layer.<Type>`, `feature.<id>`)
   * e.g. `testAcc >= 0.9`, `epoch >= 300 and testAcc < 0.75`, `dataset == 'xor' and layer.Dense >= 2`.
   */
  check?: string;
  /** A challenge the step sets when entered (the card under the training bar; lessons/challenge/). */
  challenge?: Challenge;
  hints?: Bilingual[];
  /** Performs the task for the learner. Required when `check` is set, so every check is reachable. */
  showMe?: LessonAction[];
}

export interface Lesson {
  format: typeof LESSON_FORMAT_VERSION;
  /** Lowercase letters, digits and dashes, e.g. `perceptron-xor`; also the `?lesson=` value. */
  id: string;
  section: Section;
  /** Position in the curriculum, 1-based, unique across lessons (the map's order). */
  order: number;
  title: Bilingual;
  /** One sentence for the map. */
  summary: Bilingual;
  /** Rough minutes a learner needs. */
  minutes: number;
  steps: LessonStep[];
}

/**
 * The facts a condition may name. Each is computed from what is on screen (the store's state);
 * a fact with no value (no run yet, accuracy of a regression) makes every comparison with it false.
 * `layer.<Type>` (count of nodes of a layer type, e.g. `layer.Conv2D >= 1`) and
 * `feature.<FeatureId>` (a 2-D input feature is on, e.g. `feature.x1Sq == true`) and `race.<optimizer>`
 * (its loss in the optimizer race, e.g. `race.momentum < race.sgd`) are families.
 */
export const FACTS = {
  // The run
  status: 'string: idle | running | paused | diverged | error',
  epoch: 'number',
  step: 'number',
  trainLoss: 'number',
  testLoss: 'number',
  trainAcc: 'number, 0–1 (classification)',
  testAcc: 'number, 0–1 (classification)',
  trainSeqAcc: 'number, 0–1: whole sequences right (token tasks)',
  testSeqAcc: 'number, 0–1: whole sequences right (token tasks)',
  lossGap: 'number: testLoss − trainLoss',
  accGap: 'number: trainAcc − testAcc',
  stepsPerSec: 'number',
  backend: 'string: cpu | webgl (what the engine runs on)',
  // The Experiment
  lab: 'string: points | images | sequences',
  tab: 'string: playground | graph | race',
  dataset: 'string: the dataset kind (circle, xor, spiral, mnist, reverse, sine, charLm …)',
  noise: 'number, percent',
  trainRatio: 'number, 0–1',
  numPoints: 'number',
  batchSize: 'number',
  learningRate: 'number: the base learning rate the learner set (a schedule scales it: see liveLearningRate)',
  liveLearningRate: 'number: the rate the engine uses now, the schedule\'s value (none before the engine reported)',
  schedule: 'string: the learning-rate schedule: constant | step | exponential | cosine | warmupCosine | oneCycle | plateau',
  earlyStopping: 'boolean: early stopping is on',
  restoreBest: 'boolean: early stopping puts back the best epoch\'s weights when it stops',
  earlyStopped: 'boolean: early stopping stopped this run (until it trains again)',
  bestEpoch: 'number: early stopping\'s best epoch so far (lowest validation loss; none when off)',
  optimizer: 'string: sgd | momentum | nesterov | rmsprop | adam | adamw | adagrad',
  loss: 'string: mse | crossEntropy',
  regularization: 'string: none | l1 | l2',
  regularizationRate: 'number',
  features: 'number: how many 2-D input features are on',
  hiddenLayers: 'number: hidden Dense layers (2-D playground)',
  neurons: 'number: hidden units in all',
  activation: 'string: the hidden layers\' activation when they share one, else "mixed"',
  dropout: 'number: the largest dropout rate in the network',
  params: 'number: trainable parameters',
  layers: 'number: nodes in the network',
  augmented: 'boolean: any image augmentation on',
  seqLength: 'number: the sequence task\'s length',
  language: 'string: en | zh (number words)',
  // Views
  drawn: 'boolean: the learner has drawn a digit (image lab)',
  generated: 'boolean: text has been generated (language model)',
  antiDiagonal: 'number, 0–1: the mean attention weight on the anti-diagonal, head-averaged, in the encoder self-attention layer that shows it most (reverse)',
  diagonal: 'number, 0–1: the same on the diagonal (copy)',
  heads: 'number: attention heads in the first attention layer',
  // Runs side by side
  pinnedRuns: 'number: runs pinned on the loss chart (0–3)',
  pinnedBestTestLoss: 'number: the lowest final test loss among the pinned runs',
  backpropOpen: 'boolean: the 2-D playground\'s backprop step-through is open',
  backpropPhase: 'string: its step\'s phase: example | forward | loss | backward | update (none while closed)',
  // The optimizer race (none until its tab was opened)
  raceSurface: 'string: ravine | rosenbrock | saddle | minima | noisy | network (a slice of the learner\'s own network)',
  raceStep: 'number: steps the race has taken',
  raceLeader: 'string: the optimizer with the lowest loss now (none before the first step)',
  // Training dynamics (the latest probe; null with the dynamics switched off or before one)
  gradNormRatio: 'number: gradient norm of the first weighted layer ÷ the last (≪ 1 vanishing, ≫ 1 exploding)',
  minGradNorm: 'number: the smallest gradient norm over the weighted layers',
  deadReluShare: 'number, 0–1: the largest share of dead units over the ReLU layers',
  maxUpdateRatio: 'number: the largest ‖Δw‖/‖w‖ of a step over the layers',
  ...COMPRESS_FACTS,
  ...RECOMMENDER_FACTS,
  ...ADVERSARIAL_FACTS,
  // Explanations (the tools panel's latest maps)
  ...EXPLAIN_FACTS,
  // Knowledge distillation (lessons/distillFacts.ts)
  distillTeacher: 'boolean: a teacher network is kept on this page (the distillation tab)',
  distilling: 'boolean: distillation is on and a teacher is kept',
  distillTemperature: 'number: the distillation temperature T',
  ...TRANSFER_FACTS,
  ...LATENT_FACTS,
} as const;
export type FactName = keyof typeof FACTS;
/** Fact families: `layer.Dense`, `feature.x1Sq`, `race.adam` (that optimizer's loss in the race; none once diverged). */
export const FACT_FAMILIES = ['layer', 'feature', 'race'] as const;
