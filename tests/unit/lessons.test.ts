import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lessons';
import { TOUR_TARGETS, type Lesson } from '../../src/lessons/format';
import { buildLoad } from '../../src/lessons/load';
import { LESSON_LIMITS, validateLesson } from '../../src/lessons/validate';
import { decodeExperiment } from '../../src/models/codec';

// Runs over every lesson of every group: a new content file is covered the day it is imported.
describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  it('validates', () => {
    const result = validateLesson(lesson);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('has both languages everywhere', () => {
    const texts = [lesson.title, lesson.summary, ...lesson.steps.flatMap((s) => [s.text, s.task, ...(s.hints ?? [])])];
    for (const t of texts) {
      if (!t) continue;
      expect(t.en.trim()).not.toBe('');
      expect(t['zh-CN'].trim()).not.toBe('');
      // zh-CN is written in Chinese, not a copy of the English.
      expect(t['zh-CN']).not.toBe(t.en);
    }
  });

  it('loads Experiments the codec accepts as they are', () => {
    for (const step of lesson.steps) {
      if (!step.load) continue;
      const loaded = buildLoad(step.load);
      expect(loaded.ok).toBe(true);
      if (loaded.ok) expect(decodeExperiment(JSON.parse(JSON.stringify(loaded.experiment)))).toMatchObject({ ok: true, value: loaded.experiment });
    }
  });
});

describe('the curriculum', () => {
  it('has lessons with unique ids and orders, sorted by order', () => {
    expect(LESSONS.length).toBeGreaterThan(0);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    expect(new Set(LESSONS.map((l) => l.order)).size).toBe(LESSONS.length);
    expect(LESSONS.map((l) => l.order)).toEqual([...LESSONS.map((l) => l.order)].sort((a, b) => a - b));
    expect(LESSONS[0].id).toBe('playground-tour');
  });

  it('places every tour target in the app', () => {
    const root = resolve(__dirname, '../../src');
    const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
    const source = walk(root)
      .filter((f) => f.endsWith('.tsx'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const placed = new Set([...source.matchAll(/(?:data-tour|tour)="([a-z0-9-]+)"|'data-tour': '([a-z0-9-]+)'/g)].map((m) => m[1] ?? m[2]));
    expect(TOUR_TARGETS.filter((t) => !placed.has(t))).toEqual([]);
  });

  it('rejects broken lessons with readable reasons', () => {
    const good = LESSONS[0];
    const broken: Lesson = {
      ...good,
      id: 'Bad Id',
      title: { en: 'A <b>bold</b> title', 'zh-CN': '' },
      steps: [
        { text: { en: 'x', 'zh-CN': '叉' }, check: 'testAccuracy >= 0.9' },
        { text: { en: 'x', 'zh-CN': '叉' }, load: { from: { template: 'nope' } } },
        { text: { en: 'x', 'zh-CN': '叉' }, showMe: [{ template: 'nope' }], check: 'epoch > 1' },
      ],
    };
    const shape = validateLesson(broken);
    expect(shape.ok).toBe(false);
    const semantic = validateLesson({ ...broken, id: 'bad', title: { en: 'A <b>bold</b> title', 'zh-CN': '粗体' } });
    expect(semantic.ok).toBe(false);
    if (!semantic.ok) {
      const all = semantic.errors.join('\n');
      expect(all).toContain('raw HTML');
      expect(all).toContain('unknown fact "testAccuracy"');
      expect(all).toContain('needs a showMe');
      expect(all).toContain('unknown template "nope"');
    }
    expect(validateLesson(null).ok).toBe(false);
    expect(validateLesson({ ...good, target: 'nowhere' }).ok).toBe(false);
    expect(validateLesson({ ...good, steps: [{ ...good.steps[0], target: 'nowhere' }] }).ok).toBe(false);
  });

  it('refuses lessons past the size limits (a lesson from a file or link cannot stall the page)', () => {
    const good = LESSONS[0];
    const step = good.steps[0];
    expect(validateLesson({ ...good, steps: Array.from({ length: LESSON_LIMITS.steps + 1 }, () => step) }).ok).toBe(false);
    expect(validateLesson({ ...good, steps: [{ ...step, text: { ...step.text, en: 'x'.repeat(LESSON_LIMITS.text + 1) } }] }).ok).toBe(false);
    expect(validateLesson({ ...good, steps: [{ ...step, check: `epoch > 1${' and epoch > 1'.repeat(50)}`, showMe: [{ run: 'play' }] }] }).ok).toBe(false);
    // Inside them, the same lesson passes.
    expect(validateLesson({ ...good, steps: Array.from({ length: LESSON_LIMITS.steps }, () => step) }).ok).toBe(true);
  });

  it('allows < inside formulas and code', () => {
    const lesson: Lesson = { ...LESSONS[0], steps: [{ text: { en: 'If $a<b$ then `x<y` holds', 'zh-CN': '若 $a<b$ 则 `x<y`' } }] };
    expect(validateLesson(lesson)).toMatchObject({ ok: true });
  });
});
