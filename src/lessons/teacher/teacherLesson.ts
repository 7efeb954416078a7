/**
 * Teacher-made lessons: a title and steps written in one language (the lesson carries it; nothing is
 * machine-translated), each step text with formulas, optionally the teacher's Experiment as its
 * setup, a highlight and a check. They travel as a .json file or a link (`#l=`, lz-compressed as
 * the Experiment's links are), and every way in passes `decodeTeacherLesson`: JSON → zod → limits
 * and unsafe text (named by step and field) → each setup through the codec → the lesson as the
 * shipped lessons' format → `validateLesson`, the same gate as the curriculum. Never throws.
 */

import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { z } from 'zod';
import { decodeExperiment } from '../../models/codec';
import type { Experiment } from '../../models/spec';
import type { Locale } from '../../i18n';
import { parseCondition, type ConditionFailure } from '../conditions';
import { LESSON_FORMAT_VERSION, TOUR_TARGETS, type Lesson, type LessonStep, type TourTarget } from '../format';
import { validateLesson } from '../validate';
import { hashText } from '../../data/hashText';

export const TEACHER_LESSON_FORMAT = 1;

/**
 * Limits on what a teacher's lesson may hold, below the curriculum's (validate.ts LESSON_LIMITS):
 * a lesson from a stranger's link must stay small. `file` is the JSON text's length, `link` the
 * fragment's (past ~8,000 characters links break in chat apps, QR codes and some servers).
 */
export const TEACHER_LESSON_LIMITS = { steps: 20, title: 120, text: 5_000, check: 300, file: 300_000, link: 8_000 } as const;

export interface TeacherStep {
  /** Markdown subset with `$…$` formulas, as the shipped lessons' text. */
  text: string;
  /** The Experiment the step opens on (captured from the app through the codec). */
  setup?: Experiment;
  /** The control or view the step rings. */
  target?: TourTarget;
  /** A condition in the lessons' condition language; "✓ done" once it holds. */
  check?: string;
}

export interface TeacherLesson {
  /** The language the teacher wrote it in. */
  lang: Locale;
  title: string;
  steps: TeacherStep[];
}

export type TeacherField = 'title' | 'text' | 'setup' | 'target' | 'check';

/** One problem with a lesson: a message key (i18n), its variables and where (1-based step; none for the lesson). */
export interface TeacherProblem {
  key: string;
  vars?: Record<string, string | number>;
  step?: number;
  field?: TeacherField;
  /** A check that does not parse: the reason, rendered in the reader's language (problemText.ts). */
  cond?: ConditionFailure;
}

export type DecodedTeacherLesson = { ok: true; teacher: TeacherLesson; lesson: Lesson } | { ok: false; problems: TeacherProblem[] };

const fileSchema = z
  .object({
    app: z.literal('gradient-garden').optional(),
    kind: z.literal('lesson'),
    format: z.number().int(),
    lang: z.enum(['en', 'zh-CN']),
    title: z.string(),
    steps: z.array(
      z
        .object({
          text: z.string(),
          setup: z.unknown().optional(),
          target: z.string().optional(),
          check: z.string().optional(),
        })
        .strict(),
    ),
  })
  .strict();

/** Markup and script in prose: tags, entities, script URLs and inline handlers. Formulas and code spans are exempt. */
const UNSAFE: [RegExp, string][] = [
  [/<\/?[A-Za-z!?][^>]*>?/, 'teacher.err.html'],
  [/&[A-Za-z#][A-Za-z0-9]*;/, 'teacher.err.html'],
  [/\b(?:javascript|vbscript|data)\s*:/i, 'teacher.err.script'],
];

function proseOf(text: string): string {
  return text.replace(/\$\$[\s\S]*?\$\$/g, '').replace(/\$[^$\n]*\$/g, '').replace(/`[^`\n]*`/g, '');
}

/** What is unsafe in this text, as the first match (shown to the teacher), or null. */
function unsafe(text: string, where: Omit<TeacherProblem, 'key'>): TeacherProblem | null {
  // Script URLs are refused even inside code spans and formulas: nothing there needs them.
  for (const [re, key] of UNSAFE) {
    const m = (key === 'teacher.err.script' ? text : proseOf(text)).match(re);
    if (m) return { key, vars: { found: m[0].slice(0, 40) }, ...where };
  }
  return null;
}

/** A stable id for progress and `?lesson=`: `teacher-` + FNV-1a of the lesson's JSON. */
export function teacherLessonId(t: TeacherLesson): string {
  return `teacher-${hashText(JSON.stringify(t))}`;
}

/**
 * The lesson in the curriculum's format: the teacher's text in both language slots (it is shown
 * as written, whatever the learner's language), each setup a `replace` load, and Show me (which
 * the format requires of a check) trains the step's network.
 */
export function toLesson(t: TeacherLesson): Lesson {
  const both = (s: string) => ({ en: s, 'zh-CN': s });
  const steps = t.steps.map((s): LessonStep => ({
    text: both(s.text),
    ...(s.setup ? { load: { from: 'default' as const, changes: [{ type: 'replace' as const, experiment: s.setup }] } } : {}),
    ...(s.target ? { target: s.target } : {}),
    ...(s.check ? { check: s.check } : {}),
    ...(s.setup || s.check ? { showMe: [{ run: 'play' as const }] } : {}),
  }));
  return {
    format: LESSON_FORMAT_VERSION,
    id: teacherLessonId(t),
    section: 'intro',
    order: 1,
    title: both(t.title),
    summary: both(t.title),
    minutes: Math.min(240, Math.max(1, t.steps.length * 3)),
    steps,
  };
}

/** Check a lesson as the editor holds it (already typed): the editor shows these live. */
export function teacherProblems(t: TeacherLesson): TeacherProblem[] {
  const L = TEACHER_LESSON_LIMITS;
  const out: TeacherProblem[] = [];
  if (!t.title.trim()) out.push({ key: 'teacher.err.empty', field: 'title' });
  if (t.title.length > L.title) out.push({ key: 'teacher.err.tooLong', vars: { max: L.title }, field: 'title' });
  const titleUnsafe = unsafe(t.title, { field: 'title' });
  if (titleUnsafe) out.push(titleUnsafe);
  if (t.steps.length === 0) out.push({ key: 'teacher.err.noSteps' });
  if (t.steps.length > L.steps) out.push({ key: 'teacher.err.tooManySteps', vars: { max: L.steps } });
  t.steps.forEach((s, i) => {
    const step = i + 1;
    if (!s.text.trim()) out.push({ key: 'teacher.err.empty', step, field: 'text' });
    if (s.text.length > L.text) out.push({ key: 'teacher.err.tooLong', vars: { max: L.text }, step, field: 'text' });
    const textUnsafe = unsafe(s.text, { step, field: 'text' });
    if (textUnsafe) out.push(textUnsafe);
    if (s.target !== undefined && !(TOUR_TARGETS as readonly string[]).includes(s.target)) out.push({ key: 'teacher.err.target', vars: { target: String(s.target).slice(0, 40) }, step, field: 'target' });
    if (s.check !== undefined) {
      if (s.check.length > L.check) out.push({ key: 'teacher.err.tooLong', vars: { max: L.check }, step, field: 'check' });
      else {
        const parsed = parseCondition(s.check);
        if (!parsed.ok) out.push({ key: 'teacher.err.check', vars: { error: parsed.error, at: parsed.at + 1 }, step, field: 'check', cond: parsed });
      }
    }
  });
  return out;
}

/** Validate a typed lesson completely: its own limits, then the curriculum's validator. */
export function checkTeacherLesson(t: TeacherLesson): DecodedTeacherLesson {
  const problems = teacherProblems(t);
  if (problems.length) return { ok: false, problems };
  const lesson = toLesson(t);
  const validated = validateLesson(lesson);
  if (!validated.ok) return { ok: false, problems: validated.errors.slice(0, 5).map((e) => ({ key: 'teacher.err.lesson', vars: { detail: e.slice(0, 300) } })) };
  return { ok: true, teacher: t, lesson: validated.lesson };
}

/** The lesson as a file's text (what Save writes and Open reads). */
export function encodeTeacherFile(t: TeacherLesson): string {
  return JSON.stringify({ app: 'gradient-garden', kind: 'lesson', format: TEACHER_LESSON_FORMAT, lang: t.lang, title: t.title, steps: t.steps }, null, 2);
}

/** A parsed JSON value as a teacher's lesson: shape, limits, unsafe text, setups through the codec, the lesson validator. */
export function decodeTeacherValue(raw: unknown): DecodedTeacherLesson {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as Record<string, unknown>).kind !== 'lesson') return { ok: false, problems: [{ key: 'teacher.err.notLesson' }] };
  const format = (raw as Record<string, unknown>).format;
  if (typeof format === 'number' && format > TEACHER_LESSON_FORMAT) return { ok: false, problems: [{ key: 'teacher.err.newer' }] };
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    const step = path[0] === 'steps' && typeof path[1] === 'number' ? path[1] + 1 : undefined;
    return { ok: false, problems: [{ key: 'teacher.err.shape', vars: { path: path.join('.') || '(root)' }, ...(step ? { step } : {}) }] };
  }
  const d = parsed.data;
  if (d.steps.length > TEACHER_LESSON_LIMITS.steps) return { ok: false, problems: [{ key: 'teacher.err.tooManySteps', vars: { max: TEACHER_LESSON_LIMITS.steps } }] };
  const problems: TeacherProblem[] = [];
  const steps: TeacherStep[] = d.steps.map((s, i) => {
    const out: TeacherStep = { text: s.text };
    if (s.setup !== undefined) {
      const exp = decodeExperiment(s.setup);
      if (exp.ok) out.setup = exp.value;
      else problems.push({ key: 'teacher.err.setup', vars: { reason: exp.error.key }, step: i + 1, field: 'setup' });
    }
    if (s.target !== undefined) out.target = s.target as TourTarget;
    if (s.check !== undefined) out.check = s.check;
    return out;
  });
  const teacher: TeacherLesson = { lang: d.lang, title: d.title, steps };
  problems.push(...teacherProblems(teacher));
  if (problems.length) return { ok: false, problems };
  return checkTeacherLesson(teacher);
}

/** Whether a file's text is a lesson file (to route the app's Open button); the decoder checks it fully. */
export function looksLikeLessonFile(text: string): boolean {
  return /"kind"\s*:\s*"lesson"/.test(text.slice(0, 4000));
}

/** A lesson file's text. Size is checked before parsing. */
export function decodeTeacherFile(text: string): DecodedTeacherLesson {
  if (text.length > TEACHER_LESSON_LIMITS.file) return { ok: false, problems: [{ key: 'teacher.err.tooLarge', vars: { max: TEACHER_LESSON_LIMITS.file } }] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ key: 'teacher.err.notJson' }] };
  }
  return decodeTeacherValue(raw);
}

/** The link's fragment (`l=…`) for a lesson, or null when it would be too long for a link. */
export function encodeTeacherLink(t: TeacherLesson): string | null {
  const fragment = `l=${compressToEncodedURIComponent(encodeTeacherFile(t).replace(/\n\s*/g, ''))}`;
  return fragment.length > TEACHER_LESSON_LIMITS.link ? null : fragment;
}

/** True when the fragment carries a teacher's lesson. */
export function hasLessonLink(fragment: string): boolean {
  return new URLSearchParams(fragment.replace(/^#/, '')).has('l');
}

/** A link's fragment back into a lesson. */
export function decodeTeacherLink(fragment: string): DecodedTeacherLesson {
  const packed = new URLSearchParams(fragment.replace(/^#/, '')).get('l');
  if (!packed) return { ok: false, problems: [{ key: 'teacher.err.notLesson' }] };
  if (packed.length > TEACHER_LESSON_LIMITS.link * 2) return { ok: false, problems: [{ key: 'teacher.err.tooLarge', vars: { max: TEACHER_LESSON_LIMITS.link } }] };
  let text: string | null;
  try {
    text = decompressFromEncodedURIComponent(packed);
  } catch {
    text = null;
  }
  if (!text) return { ok: false, problems: [{ key: 'teacher.err.corruptLink' }] };
  return decodeTeacherFile(text);
}

/** The full address a student opens: this page, `?lesson=<id>`, the lesson in the fragment. */
export function teacherLessonUrl(base: string, t: TeacherLesson): string | null {
  const fragment = encodeTeacherLink(t);
  if (!fragment) return null;
  const page = base.split('#')[0].split('?')[0];
  return `${page}?lesson=${teacherLessonId(t)}#${fragment}`;
}
