/**
 * One gate for lessons, as the codec is for Experiments: shape (zod), then what zod cannot say —
 * conditions parse and name real facts, every check can be reached by Show me, every load and
 * every Show me change gives an Experiment the codec accepts, templates exist, text has no HTML.
 * It returns every problem found, as readable lines, and never throws.
 */

import { challengeSchema } from '../models/challengeSpec';
import { challengeProblems } from './challenge/check';
import { z } from 'zod';
import { TRANSFER_ACTIONS } from '../store/transferActions';
import { decodeExperimentFile, encodeExperimentFile, MAP_SCALES } from '../models/codec';
import { defaultExperiment } from '../models/defaults';
import { applyChange, type SpecChange } from '../models/edits';
import { openTemplate } from '../models/openTemplate';
import type { Experiment } from '../models/spec';
import { templateById } from '../models/templates';
import { SURFACE_IDS } from '../models/surfaces';
import { RACE_MAX_SPEED } from '../models/race';
import { parseCondition } from './conditions';
import { EDITOR_TABS, LESSON_FORMAT_VERSION, SECTIONS, TOUR_TARGETS, type Bilingual, type Lesson, type LessonAction } from './format';
import { buildLoad } from './load';
import type { ToolName } from '../training/tools/types';

const CHANGE_TYPES = [
  'dataset',
  'toggleFeature',
  'training',
  'augmentation',
  'schedule',
  'earlyStopping',
  'stopRule',
  'sequence',
  'seed',
  'addLayer',
  'removeLayer',
  'setUnits',
  'setActivation',
  'setDropout',
  'setOutputActivation',
  'replace',
  'graph',
] as const satisfies readonly SpecChange['type'][];

/**
 * Sizes a lesson may not exceed: generous for hand-written lessons (the longest step text today is
 * under 2,000 characters), small enough that one from a file or link cannot stall the page.
 */
export const LESSON_LIMITS = { text: 20_000, check: 500, steps: 60, hints: 10, actions: 200 } as const;

/** The tools a lesson's Show me may run: every tool of training/tools (checked below to be all of them). */
const TOOL_NAMES = ['testAccuracy', 'compress', 'adversarial', 'robustness', 'explain', 'tokenAttribution', 'distillProbe', 'latent', 'decode', 'priorSample', 'recommend'] as const satisfies readonly ToolName[];
// A tool added to training/tools without its name here fails to compile.
const EVERY_TOOL: Exclude<ToolName, (typeof TOOL_NAMES)[number]> extends never ? true : never = true;
void EVERY_TOOL;

const bilingual = z
  .object({ en: z.string().trim().min(1).max(LESSON_LIMITS.text), 'zh-CN': z.string().trim().min(1).max(LESSON_LIMITS.text) })
  .strict();
// The change's own fields are checked by applying it and passing the result through the codec.
const change = z.object({ type: z.enum(CHANGE_TYPES) }).loose();
const action = z.union([
  z.object({ change }).strict(),
  z.object({ template: z.string().min(1) }).strict(),
  z.object({ run: z.enum(['play', 'pause', 'step', 'reset']) }).strict(),
  z.object({ tab: z.enum(EDITOR_TABS) }).strict(),
  z.object({ backend: z.enum(['auto', 'webgl', 'cpu']) }).strict(),
  z.object({ view: z.object({ showTestData: z.boolean(), discretize: z.boolean(), probeIndex: z.number().int().min(0), mapScale: z.enum(MAP_SCALES) }).partial().strict() }).strict(),
  z.object({ draw: z.number().int().min(0).max(9) }).strict(),
  z.object({ generate: z.object({ prompt: z.string(), length: z.number().int().min(1).max(500), temperature: z.number().min(0).max(5), topK: z.number().int().min(0).max(1000) }).strict() }).strict(),
  z.object({ backprop: z.enum(['example', 'forward', 'loss', 'backward', 'update', 'close']) }).strict(),
  z.object({ race: z.object({ surface: z.enum(SURFACE_IDS), speed: z.number().int().min(1).max(RACE_MAX_SPEED), play: z.boolean() }).partial().strict() }).strict(),
  z.object({ pinned: z.enum(['pin', 'sameStart']) }).strict(),
  // The engine's handler checks and clamps the request's fields; here only its name.
  z.object({ tool: z.object({ tool: z.enum(TOOL_NAMES) }).loose(), afterEpoch: z.number().int().min(0).max(10_000).optional() }).strict(),
  z.object({ distill: z.enum(['teacher', 'student']) }).strict(),
  z.object({ transfer: z.enum(TRANSFER_ACTIONS) }).strict(),
]);
const load = z
  .object({
    from: z.union([z.literal('default'), z.object({ template: z.string().min(1) }).strict()]),
    changes: z.array(change).max(LESSON_LIMITS.actions).optional(),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
  })
  .strict();
const step = z
  .object({
    text: bilingual,
    load: load.optional(),
    tab: z.enum(EDITOR_TABS).optional(),
    target: z.enum(TOUR_TARGETS).optional(),
    task: bilingual.optional(),
    check: z.string().min(1).max(LESSON_LIMITS.check).optional(),
    hints: z.array(bilingual).max(LESSON_LIMITS.hints).optional(),
    showMe: z.array(action).min(1).max(LESSON_LIMITS.actions).optional(),
    challenge: challengeSchema.optional(),
  })
  .strict();
const lessonSchema = z
  .object({
    format: z.literal(LESSON_FORMAT_VERSION),
    id: z.string().regex(/^[a-z0-9-]+$/).max(64),
    section: z.enum(SECTIONS),
    order: z.number().int().min(1),
    title: bilingual,
    summary: bilingual,
    minutes: z.number().positive().max(240),
    steps: z.array(step).min(1).max(LESSON_LIMITS.steps),
  })
  .strict();

export type Validated = { ok: true; lesson: Lesson } | { ok: false; errors: string[] };

/** Text with its formulas and code spans taken out, where `<` is mathematics, not markup. */
function proseOf(text: string): string {
  return text.replace(/\$\$[\s\S]*?\$\$/g, '').replace(/\$[^$\n]*\$/g, '').replace(/`[^`\n]*`/g, '');
}

const HTML = /<\/?[A-Za-z!?][^>]*>|&[A-Za-z#][A-Za-z0-9]*;/;

function textProblems(where: string, b: Bilingual | undefined): string[] {
  if (!b) return [];
  return (['en', 'zh-CN'] as const).filter((l) => HTML.test(proseOf(b[l]))).map((l) => `${where} (${l}): raw HTML is not allowed in lesson text`);
}

/** The codec's view of an Experiment; null when it refuses it. */
function throughCodec(exp: Experiment): Experiment | null {
  const decoded = decodeExperimentFile(encodeExperimentFile(exp));
  return decoded.ok ? decoded.value : null;
}

/** Apply Show me's edits to `exp` as the panel will; the errors they meet. */
function actionProblems(where: string, actions: readonly LessonAction[], exp: Experiment): { errors: string[]; exp: Experiment } {
  const errors: string[] = [];
  let current = exp;
  actions.forEach((a, i) => {
    try {
      let next: Experiment | null = null;
      if ('change' in a) next = applyChange(current, a.change);
      else if ('template' in a) {
        const template = templateById(a.template);
        if (!template) errors.push(`${where}, showMe[${i}]: unknown template "${a.template}"`);
        else next = openTemplate(current, template);
      }
      if (next) {
        const decoded = throughCodec(next);
        if (!decoded) errors.push(`${where}, showMe[${i}]: the Experiment it makes does not pass the codec`);
        else current = decoded;
      }
    } catch (e) {
      errors.push(`${where}, showMe[${i}]: ${String(e)}`);
    }
  });
  return { errors, exp: current };
}

/** Validate a lesson from anywhere (a content file today, a link or a file later). Never throws. */
export function validateLesson(raw: unknown): Validated {
  const parsed = lessonSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
  const lesson = parsed.data as Lesson;
  const errors: string[] = [...textProblems('title', lesson.title), ...textProblems('summary', lesson.summary)];
  // Each step starts from what the one before left on screen (its load, then its Show me).
  let exp = defaultExperiment();
  lesson.steps.forEach((s, n) => {
    const where = `steps[${n}]`;
    errors.push(...textProblems(`${where}.text`, s.text), ...textProblems(`${where}.task`, s.task));
    (s.hints ?? []).forEach((h, i) => errors.push(...textProblems(`${where}.hints[${i}]`, h)));
    if (s.load) {
      const loaded = buildLoad(s.load);
      if (!loaded.ok) errors.push(`${where}.load: ${loaded.error}`);
      else exp = loaded.experiment;
    }
    if (s.check !== undefined) {
      const cond = parseCondition(s.check);
      if (!cond.ok) errors.push(`${where}.check: ${cond.error} at ${cond.at} in "${s.check}"`);
      if (!s.showMe) errors.push(`${where}: a step with a check needs a showMe`);
    }
    const challenge = s.challenge ? challengeProblems(s.challenge) : null;
    const said = (p: { key: string; vars: Record<string, string> }) => `${p.key} (${Object.values(p.vars).join(', ')})`;
    if (challenge?.goal) errors.push(`${where}.challenge.goal: ${said(challenge.goal)}`);
    challenge?.constraints.forEach((p, i) => p && errors.push(`${where}.challenge.constraints[${i}]: ${said(p)}`));
    if (s.showMe) {
      const result = actionProblems(where, s.showMe, exp);
      errors.push(...result.errors);
      exp = result.exp;
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, lesson };
}
