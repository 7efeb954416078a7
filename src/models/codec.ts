import { SCHEDULE_KINDS, SCHEDULE_LIMITS } from './schedules';
import { RATINGS_LIMITS } from '../data/ratings';
import { EARLY_STOPPING_LIMITS } from './earlyStopping';
import { ADVERSARIAL_LIMITS, ATTACK_METHODS, withinAdversarialLimits } from './adversarialTraining';
import { STOP_RULE_LIMITS } from './stopRule';
import { distillationSchema } from './distillation';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { decodeChallenge, type Challenge } from './challengeSpec';
import { z } from 'zod';
import { checkParam } from './analysis';
import { layerDef } from './catalog';
import { defaultExperiment } from './defaults';
import { idStem } from './graphEdits';
import { idRecord, withSafeIds, type LayerRename } from './layerId';
import { TABLE_LIMITS } from '../data/tableLimits';
import { MAX_TABLE_CLASSES } from '../data/tableEncode';
import { ownImagesRefSchema, ownSentencesRefSchema, ownTextRefSchema } from '../data/ownRefs';
import { decodePolicy, encodePolicy, isDefaultPolicy, type EditorPolicy } from './editorPolicy';
import {
  HAND_POINTS_MAX,
  isImageDataset,
  ACTIVATIONS,
  AUGMENTATION_LIMITS,
  DATASET_KINDS,
  EXPERIMENT_VERSION,
  FEATURE_IDS,
  LANGUAGES,
  LOSSES,
  MAX_EXAMPLES,
  PER_CLASS_MAX,
  OPTIMIZERS,
  REGULARIZERS,
  SEQUENCE_LENGTHS,
  sequenceLengthRange,
  SINE_HORIZON,
  SINE_WINDOW,
  type Experiment,
  type ParamValue,
} from './spec';

/**
 * One codec for links, files and local storage: parse → migrate → validate → fill defaults.
 * It returns an error value and never throws, so a bad link or file can be reported while the
 * learner's current work stays on screen.
 */

/** View options that change what is on screen, so a link shows the same picture. */
export interface ViewOptions {
  showTestData: boolean;
  discretize: boolean;
  /** Image datasets: which test image the feature maps, kernels and probabilities are shown for. */
  probeIndex: number;
  /** Feature-map colours scaled per map, per layer or over all layers at once. */
  mapScale: MapScale;
  /** Training pace in steps per second, to watch it happen (one of SPEEDS); 0 = as fast as it goes. */
  speed: number;
  /** Class colours: the standard palette or the colour-blind-safe one (Okabe–Ito, with a shape per class). */
  palette: ClassPalette;
}

/** The class palettes (charts/colors.ts holds their colours). */
export const CLASS_PALETTES = ['standard', 'okabeIto'] as const;
export type ClassPalette = (typeof CLASS_PALETTES)[number];

/** The paces the speed control offers, steps per second; 0 = full speed. */
export const SPEEDS = [0, 30, 10, 3, 1] as const;

export const MAP_SCALES = ['map', 'layer', 'global'] as const;
export type MapScale = (typeof MAP_SCALES)[number];

/** Controls a teacher can hide through the link (as TensorFlow Playground's `*_hide`). */
export const CONTROL_IDS = [
  'dataset',
  'noise',
  'trainRatio',
  'numPoints',
  'batchSize',
  'regenerate',
  'features',
  'layers',
  'learningRate',
  'activation',
  'optimizer',
  'loss',
  'regularization',
  'regularizationRate',
  'dropout',
  'outputActivation',
  'showTestData',
  'discretize',
  'reset',
  'step',
  'speed',
  'stopRule',
  // The app's own chrome: what a student could use to leave the teacher's setup.
  'templates',
  'openFile',
  'saveFile',
  'code',
  'share',
  'backend',
  'lessons',
  'tabGraph',
  'tabRace',
  // Training settings beside the learning rate.
  'schedule',
  'earlyStopping',
  // The image lab.
  'augmentation',
  'drawing',
  'probePicker',
  // The sequence lab.
  'sequenceOptions',
  'generation',
  // The graph editor.
  'palette',
] as const;
export type ControlId = (typeof CONTROL_IDS)[number];

/**
 * How the Share dialog groups the controls a teacher may hide: the app's chrome and the training
 * settings apply everywhere; each lab and the editor has its own. Every id is in exactly one group.
 */
export const CONTROL_GROUPS = {
  app: ['templates', 'openFile', 'saveFile', 'code', 'share', 'backend', 'lessons', 'tabGraph', 'tabRace'],
  training: ['reset', 'step', 'speed', 'learningRate', 'schedule', 'earlyStopping', 'stopRule', 'optimizer', 'loss', 'regularization', 'regularizationRate', 'batchSize'],
  data: ['dataset', 'noise', 'trainRatio', 'numPoints', 'regenerate'],
  points: ['features', 'layers', 'activation', 'dropout', 'outputActivation', 'showTestData', 'discretize'],
  images: ['augmentation', 'drawing', 'probePicker'],
  sequences: ['sequenceOptions', 'generation'],
  editor: ['palette'],
} as const satisfies Record<string, readonly ControlId[]>;
export type ControlGroup = keyof typeof CONTROL_GROUPS;

/** What a link carries. The persistence table: experiment → link, file, local; view → link, local; hide → link only. */
export interface SharedState {
  experiment: Experiment;
  view: ViewOptions;
  hide: ControlId[];
  /** A teacher's challenge (challengeSpec.ts); absent or null: none. */
  challenge?: Challenge | null;
  /** The graph editor's palette and whether students may edit (models/editorPolicy.ts); absent: no restriction. */
  editor?: EditorPolicy;
}

export const DEFAULT_VIEW: ViewOptions = { showTestData: false, discretize: false, probeIndex: 0, mapScale: 'layer', speed: 0, palette: 'standard' };

export interface CodecError {
  key: string;
  vars?: Record<string, string | number>;
}
/**
 * A decoded value, or why there is none. `renamed` lists layer ids that broke the id rule
 * (models/layerId.ts) and were renamed on the way in, so the UI can say so.
 */
export type Decoded<T> = { ok: true; value: T; renamed?: LayerRename[] } | { ok: false; error: CodecError };

const MAX_NODES = 300;
const MAX_TEXT = 200_000;

const paramValue = z.union([z.string().max(100), z.number(), z.boolean(), z.array(z.number()).max(8)]);
const nodeSchema = z.object({
  id: z.string().min(1).max(64),
  type: z.string().min(1).max(64),
  params: z.record(z.string().max(64), paramValue),
  inputs: z.array(z.string().max(64)).max(32),
  trainable: z.boolean().optional(),
});
const layoutSchema = z
  .record(z.string().max(64), z.object({ x: z.number(), y: z.number() }))
  .refine((r) => Object.keys(r).length <= MAX_NODES, { message: 'too many layout entries' });
/** A learner's table as the Experiment names it (the rows travel in saved files, never in links). */
const tableRefSchema = z
  .object({
    name: z.string().max(100),
    hash: z.string().regex(/^[0-9a-f]{8}$/),
    rows: z.number().int().min(0).max(TABLE_LIMITS.rows),
    columns: z.number().int().min(2).max(TABLE_LIMITS.columns),
    label: z.number().int().min(0).max(TABLE_LIMITS.columns - 1),
    task: z.enum(['classify', 'regress']),
    classes: z.number().int().min(1).max(MAX_TABLE_CLASSES),
    width: z.number().int().min(1).max(TABLE_LIMITS.width),
    axes: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
  })
  .refine((t) => t.label < t.columns && t.axes[0] < t.width && t.axes[1] < t.width, { message: 'table reference out of range' });
/** Hand-placed points: (x₁, x₂, class) triples inside the plane, at most HAND_POINTS_MAX. */
const handSchema = z
  .array(z.number().finite())
  .max(HAND_POINTS_MAX * 3)
  .refine((a) => a.length % 3 === 0, { message: 'points are (x, y, class) triples' })
  .refine((a) => a.every((v, i) => (i % 3 === 2 ? v === 0 || v === 1 : Math.abs(v) <= 6)), { message: 'point outside the plane or class not 0/1' });
/** The ratings matrix's options, each within RATINGS_LIMITS (all four or none). */
const ratingsOptionsSchema = z
  .object({
    users: z.number().int().min(RATINGS_LIMITS.users[0]).max(RATINGS_LIMITS.users[1]),
    items: z.number().int().min(RATINGS_LIMITS.items[0]).max(RATINGS_LIMITS.items[1]),
    density: z.number().min(RATINGS_LIMITS.density[0]).max(RATINGS_LIMITS.density[1]),
    noise: z.number().min(RATINGS_LIMITS.noise[0]).max(RATINGS_LIMITS.noise[1]),
  })
  .strict();
const datasetSchema = z
  .object({
    kind: z.enum(DATASET_KINDS),
    numPoints: z.number().int().min(20).max(MAX_EXAMPLES),
    perClass: z.number().int().min(0).max(PER_CLASS_MAX),
    noise: z.number().min(0).max(50),
    trainRatio: z.number().min(0.1).max(0.9),
    classes: z.number().int().min(3).max(5),
    features: z.array(z.enum(FEATURE_IDS)).min(1).max(FEATURE_IDS.length),
    table: tableRefSchema.nullable(),
    hand: handSchema,
    images: ownImagesRefSchema.nullable(),
    text: ownTextRefSchema.nullable(),
    sentences: ownSentencesRefSchema.nullable(),
    target: z.enum(['label', 'input']),
    ratings: ratingsOptionsSchema.nullable(),
    sequence: z
      .object({
        length: z.number().int().min(SEQUENCE_LENGTHS.add[0]).max(SEQUENCE_LENGTHS.charLm[1]),
        language: z.enum(LANGUAGES),
        direction: z.enum(['toDigits', 'toWords']),
        window: z.number().int().min(SINE_WINDOW[0]).max(SINE_WINDOW[1]),
        horizon: z.number().int().min(SINE_HORIZON[0]).max(SINE_HORIZON[1]),
        sumOfSines: z.boolean(),
      })
      .partial(),
  })
  .partial();
const trainingSchema = z
  .object({
    optimizer: z.enum(OPTIMIZERS),
    learningRate: z.number().positive().max(10),
    momentum: z.number().min(0).max(0.999),
    batchSize: z.number().int().min(1).max(1000),
    loss: z.enum(LOSSES),
    regularization: z.enum(REGULARIZERS),
    regularizationRate: z.number().min(0).max(10),
    schedule: z
      .object({
        kind: z.enum(SCHEDULE_KINDS),
        period: z.number().min(SCHEDULE_LIMITS.period[0]).max(SCHEDULE_LIMITS.period[1]),
        factor: z.number().min(SCHEDULE_LIMITS.factor[0]).max(SCHEDULE_LIMITS.factor[1]),
        warmup: z.number().min(SCHEDULE_LIMITS.warmup[0]).max(SCHEDULE_LIMITS.warmup[1]),
        patience: z.number().int().min(SCHEDULE_LIMITS.patience[0]).max(SCHEDULE_LIMITS.patience[1]),
      })
      .partial(),
    earlyStopping: z
      .object({
        enabled: z.boolean(),
        patience: z.number().int().min(EARLY_STOPPING_LIMITS.patience[0]).max(EARLY_STOPPING_LIMITS.patience[1]),
        minDelta: z.number().min(EARLY_STOPPING_LIMITS.minDelta[0]).max(EARLY_STOPPING_LIMITS.minDelta[1]),
        restoreBest: z.boolean(),
      })
      .partial(),
    stop: z.object({ epochs: z.number().int().min(0).max(STOP_RULE_LIMITS.epochs), when: z.string().max(STOP_RULE_LIMITS.whenChars) }).partial(),
    adversarial: z
      .object({
        enabled: z.boolean(),
        method: z.enum(ATTACK_METHODS),
        eps: z.number().min(ADVERSARIAL_LIMITS.eps[0]).max(ADVERSARIAL_LIMITS.eps[1]),
        share: z.number().min(ADVERSARIAL_LIMITS.share[0]).max(ADVERSARIAL_LIMITS.share[1]),
      })
      .partial(),
    distillation: distillationSchema,
    augmentation: z
      .object({
        shift: z.number().min(0).max(AUGMENTATION_LIMITS.shift),
        rotate: z.number().min(0).max(AUGMENTATION_LIMITS.rotate),
        zoom: z.number().min(0).max(AUGMENTATION_LIMITS.zoom),
        flip: z.boolean(),
        noise: z.number().min(0).max(AUGMENTATION_LIMITS.noise),
      })
      .partial(),
  })
  .partial();
const experimentSchema = z.object({
  version: z.literal(EXPERIMENT_VERSION),
  network: z.object({ nodes: z.array(nodeSchema).min(1).max(MAX_NODES), layout: layoutSchema.optional() }),
  dataset: datasetSchema.optional(),
  training: trainingSchema.optional(),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
});
const viewSchema = z
  .object({
    showTestData: z.boolean(),
    discretize: z.boolean(),
    probeIndex: z.number().int().min(0).max(100_000),
    mapScale: z.enum(MAP_SCALES),
    speed: z.number().refine((v) => (SPEEDS as readonly number[]).includes(v)),
    palette: z.enum(CLASS_PALETTES),
  })
  .partial();

/** Editor positions of nodes that exist, as `{ layout }`, or nothing when none are left. */
function keptLayout(layout: Record<string, { x: number; y: number }> | undefined, ids: Set<string>) {
  const kept = idRecord(Object.entries(layout ?? {}).filter(([id]) => ids.has(id)).map(([id, p]) => [id, { x: p.x, y: p.y }] as const));
  return Object.keys(kept).length ? { layout: kept } : {};
}

/** Older versions are upgraded here, one step per version. Version 1 is the first. */
function migrate(raw: Record<string, unknown>): Decoded<Record<string, unknown>> {
  const version = raw.version;
  if (typeof version !== 'number') return { ok: false, error: { key: 'codec.noVersion' } };
  if (version > EXPERIMENT_VERSION) return { ok: false, error: { key: 'codec.newerVersion', vars: { version } } };
  if (version < 1) return { ok: false, error: { key: 'codec.unknownVersion', vars: { version } } };
  return { ok: true, value: raw };
}

function describeZodError(err: z.ZodError): CodecError {
  const issue = err.issues[0];
  const path = issue?.path.join('.') || '(root)';
  return { key: 'codec.invalidField', vars: { field: path } };
}

/** Validate an already-parsed value as an Experiment. */
export function decodeExperiment(raw: unknown): Decoded<Experiment> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: { key: 'codec.notObject' } };
  const migrated = migrate(raw as Record<string, unknown>);
  if (!migrated.ok) return migrated;
  const parsed = experimentSchema.safeParse(migrated.value);
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  // Ids that break the id rule (made before it, or by hand) are renamed with their references.
  const { network, renames } = withSafeIds(parsed.data.network, idStem);
  const value = { ...parsed.data, network };

  // Layers must be ones we know, with parameters of the right kind. Graph-level problems (a
  // missing input, a shape mismatch) are not rejected: a teacher may share a broken network as
  // an exercise, and the editor marks them.
  const ids = new Set<string>();
  for (const node of value.network.nodes) {
    if (ids.has(node.id)) return { ok: false, error: { key: 'codec.duplicateId', vars: { id: node.id } } };
    ids.add(node.id);
    const def = layerDef(node.type);
    if (!def) return { ok: false, error: { key: 'codec.unknownLayer', vars: { type: node.type } } };
    for (const p of def.params) {
      if (!(p.name in node.params)) continue;
      const err = checkParam(p, node.params[p.name]);
      if (err) return { ok: false, error: { key: 'codec.badParam', vars: { id: node.id, param: p.name } } };
    }
    if (node.type === 'Dense' && !ACTIVATIONS.includes(node.params.activation as never) && 'activation' in node.params) {
      return { ok: false, error: { key: 'codec.badParam', vars: { id: node.id, param: 'activation' } } };
    }
  }

  const d = defaultExperiment();
  const { adversarial, ...training } = value.training ?? {};
  const dataset = { ...d.dataset, ...value.dataset, sequence: { ...d.dataset.sequence, ...value.dataset?.sequence } };
  dataset.features = FEATURE_IDS.filter((f) => dataset.features.includes(f));
  // The target is kept only where it means something: an image set learnt as its own target.
  if (dataset.target !== 'input' || !isImageDataset(dataset.kind)) delete dataset.target;
  const [lo, hi] = sequenceLengthRange(dataset.kind);
  dataset.sequence.length = Math.min(hi, Math.max(lo, dataset.sequence.length));
  return {
    ok: true,
    value: {
      version: EXPERIMENT_VERSION,
      network: {
        // Only the parameters the layer type has: a key such as `__proto__` is dropped here.
        nodes: value.network.nodes.map(({ trainable, ...n }) => ({
          ...n,
          params: knownParams(n.type, n.params),
          inputs: [...n.inputs],
          ...(trainable === false ? { trainable } : {}),
        })),
        ...keptLayout(value.network.layout, ids),
      },
      dataset,
      training: {
        ...d.training,
        ...training,
        augmentation: { ...d.training.augmentation, ...value.training?.augmentation },
        schedule: { ...d.training.schedule, ...value.training?.schedule },
        earlyStopping: { ...d.training.earlyStopping, ...value.training?.earlyStopping },
        stop: { ...d.training.stop, ...value.training?.stop },
        // Absent (links made before adversarial training, or never turned on): off.
        ...(adversarial ? { adversarial: withinAdversarialLimits(adversarial) } : {}),
        distillation: { ...d.training.distillation, ...value.training?.distillation },
      },
      seed: value.seed ?? d.seed,
    },
    ...(renames.length ? { renamed: renames } : {}),
  };
}

/** A node's parameters restricted to those its layer type declares (the type is known here). */
function knownParams(type: string, params: Record<string, ParamValue>): Record<string, ParamValue> {
  const names = new Set(layerDef(type)!.params.map((p) => p.name));
  return Object.fromEntries(Object.entries(params).filter(([k]) => names.has(k)));
}

function parseJson(text: string): Decoded<unknown> {
  if (text.length > MAX_TEXT) return { ok: false, error: { key: 'codec.tooLarge' } };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: { key: 'codec.notJson' } };
  }
}

/** An Experiment as a JSON file's text. */
export function encodeExperimentFile(exp: Experiment): string {
  return JSON.stringify({ app: 'gradient-garden', ...exp }, null, 2);
}

/** Read a JSON file's text back into an Experiment. */
export function decodeExperimentFile(text: string): Decoded<Experiment> {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  if (typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value)) {
    const { app: _app, ...rest } = parsed.value as Record<string, unknown>;
    return decodeExperiment(rest);
  }
  return decodeExperiment(parsed.value);
}

/** The URL fragment (without '#') that reproduces this state. */
export function encodeLink(state: SharedState): string {
  const payload: Record<string, unknown> = { e: state.experiment, v: state.view };
  if (state.hide.length) payload.h = state.hide;
  if (state.challenge) payload.c = state.challenge;
  const editor = encodePolicy(state.editor);
  if (editor) payload.ed = editor;
  return `s=${compressToEncodedURIComponent(JSON.stringify(payload))}`;
}

/** True when the fragment carries shared state at all (so a plain visit is not an error). */
export function hasLinkState(fragment: string): boolean {
  return new URLSearchParams(fragment.replace(/^#/, '')).has('s');
}

/** Read a URL fragment back. Returns an error value for anything malformed. */
export function decodeLink(fragment: string): Decoded<SharedState> {
  const packed = new URLSearchParams(fragment.replace(/^#/, '')).get('s');
  if (!packed) return { ok: false, error: { key: 'codec.noState' } };
  if (packed.length > MAX_TEXT) return { ok: false, error: { key: 'codec.tooLarge' } };
  let text: string | null;
  try {
    text = decompressFromEncodedURIComponent(packed);
  } catch {
    text = null;
  }
  if (!text) return { ok: false, error: { key: 'codec.corruptLink' } };
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed.error.key === 'codec.tooLarge' ? parsed : { ok: false, error: { key: 'codec.corruptLink' } };
  const raw = parsed.value as Record<string, unknown> | null;
  if (typeof raw !== 'object' || raw === null) return { ok: false, error: { key: 'codec.corruptLink' } };
  const experiment = decodeExperiment(raw.e);
  if (!experiment.ok) return experiment;
  const view = viewSchema.safeParse(raw.v ?? {});
  const hideRaw = Array.isArray(raw.h) ? raw.h : [];
  const hide = CONTROL_IDS.filter((c) => hideRaw.includes(c));
  // A challenge that fails its checks rejects the link: it was damaged or made by hand.
  const challenge = raw.c === undefined || raw.c === null ? null : decodeChallenge(raw.c);
  if (challenge && !challenge.ok) return challenge;
  const editor = decodePolicy(raw.ed);
  return {
    ok: true,
    value: {
      experiment: experiment.value,
      view: { ...DEFAULT_VIEW, ...(view.success ? view.data : {}) },
      hide,
      ...(challenge ? { challenge: challenge.value } : {}),
      ...(isDefaultPolicy(editor) ? {} : { editor }),
    },
    ...(experiment.renamed ? { renamed: experiment.renamed } : {}),
  };
}
