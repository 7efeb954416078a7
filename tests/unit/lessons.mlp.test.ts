import { describe, expect, it } from 'vitest';
import { MLP_LESSONS } from '../../src/lessons/content/mlp';
import { FACTS, LESSON_FORMAT_VERSION, TOUR_TARGETS, type Bilingual, type LessonLoad } from '../../src/lessons/format';
import { defaultExperiment } from '../../src/models/defaults';
import { decodeExperiment } from '../../src/models/codec';
import { applyChange } from '../../src/models/edits';
import { openTemplate } from '../../src/models/openTemplate';
import { templateById } from '../../src/models/templates';
import { FEATURE_IDS } from '../../src/models/spec';

const filled = (b: Bilingual | undefined) => !!b && b.en.trim().length > 0 && b['zh-CN'].trim().length > 0;

/** Fact names and families a check mentions (strings, numbers, keywords and operators removed). */
function factsOf(check: string): string[] {
  return check
    .replace(/'[^']*'/g, ' ')
    .split(/[\s()<>=!]+/)
    .filter((t) => t && !/^[\d.]+(e-?\d+)?$/.test(t) && !['and', 'or', 'not', 'true', 'false'].includes(t));
}

function known(fact: string): boolean {
  if (fact in FACTS) return true;
  const [family, id] = fact.split('.');
  if (family === 'feature') return (FEATURE_IDS as readonly string[]).includes(id);
  return family === 'layer' && !!id;
}

function load(l: LessonLoad) {
  const template = l.from === 'default' ? null : templateById(l.from.template);
  let exp = template ? openTemplate(defaultExperiment(), template) : defaultExperiment();
  for (const c of l.changes ?? []) exp = applyChange(exp, c);
  if (l.seed !== undefined) exp = applyChange(exp, { type: 'seed', seed: l.seed });
  return { template, exp };
}

describe('MLP_LESSONS', () => {
  it('has the given ids in the given orders, all in the mlp section', () => {
    expect(MLP_LESSONS.map((l) => [l.id, l.order])).toEqual([
      ['perceptron', 2],
      ['hidden-layer-xor', 3],
      ['activation-functions', 4],
      ['learning-rate', 5],
      ['features-vs-depth', 6],
      ['overfitting', 7],
    ]);
    for (const l of MLP_LESSONS) {
      expect(l.section).toBe('mlp');
      expect(l.format).toBe(LESSON_FORMAT_VERSION);
      expect(l.id).toMatch(/^[a-z0-9-]+$/);
    }
  });

  for (const lesson of MLP_LESSONS) {
    describe(lesson.id, () => {
      it('is written in both languages, with 4–8 steps', () => {
        expect(filled(lesson.title) && filled(lesson.summary)).toBe(true);
        expect(lesson.minutes).toBeGreaterThan(0);
        expect(lesson.steps.length).toBeGreaterThanOrEqual(4);
        expect(lesson.steps.length).toBeLessThanOrEqual(8);
        for (const step of lesson.steps) {
          expect(filled(step.text)).toBe(true);
          if (step.task) expect(filled(step.task)).toBe(true);
          for (const h of step.hints ?? []) expect(filled(h)).toBe(true);
          // No HTML in the markdown subset.
          expect(step.text.en + step.text['zh-CN']).not.toMatch(/<\/?[a-z][^>]*>/i);
        }
      });

      it('starts from a fixed, valid state, and every check has a task, a target and a Show me', () => {
        expect(lesson.steps[0].load?.seed).toBeTypeOf('number');
        for (const step of lesson.steps) {
          if (step.target) expect(TOUR_TARGETS).toContain(step.target);
          if (step.load) {
            const { template, exp } = load(step.load);
            if (step.load.from !== 'default') expect(template).toBeTruthy();
            expect(decodeExperiment(JSON.parse(JSON.stringify(exp))).ok).toBe(true);
          }
          if (!step.check) continue;
          expect(filled(step.task)).toBe(true);
          expect(step.target).toBeTruthy();
          expect(step.showMe?.length).toBeGreaterThan(0);
          for (const f of factsOf(step.check)) expect(known(f), `${lesson.id}: fact ${f}`).toBe(true);
          // Show me ends by training, so the check can come true by itself.
          expect(step.showMe?.[step.showMe.length - 1]).toEqual({ run: 'play' });
        }
      });
    });
  }
});
