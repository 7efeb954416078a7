import { describe, expect, it } from 'vitest';
import { CNN_LESSONS } from '../../src/lessons/content/cnn';
import { FACT_FAMILIES, FACTS, LESSON_FORMAT_VERSION, SECTIONS, TOUR_TARGETS, type Bilingual } from '../../src/lessons/format';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { openTemplate } from '../../src/models/openTemplate';
import { templateById } from '../../src/models/templates';
import { analyze } from '../../src/models/analysis';
import { layerDef } from '../../src/models/catalog';

const filled = (b: Bilingual | undefined) => !!b && b.en.trim().length > 0 && b['zh-CN'].trim().length > 0;

/** Names a condition uses that are not numbers, strings, operators or literals. */
function namesIn(check: string): string[] {
  const noStrings = check.replace(/'[^']*'/g, ' ');
  return (noStrings.match(/[A-Za-z_][\w.]*/g) ?? []).filter((w) => !['and', 'or', 'not', 'true', 'false'].includes(w) && !/^\d/.test(w));
}

describe('CNN and classic-network lessons', () => {
  it('have unique ids and the orders 15–21, in sections cnn and classic', () => {
    const ids = CNN_LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(CNN_LESSONS.map((l) => l.order)).toEqual([15, 16, 17, 18, 19, 20, 21]);
    expect(CNN_LESSONS.map((l) => l.section)).toEqual(['cnn', 'cnn', 'cnn', 'cnn', 'classic', 'classic', 'classic']);
    for (const l of CNN_LESSONS) {
      expect(SECTIONS).toContain(l.section);
      expect(l.format).toBe(LESSON_FORMAT_VERSION);
      expect(l.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('write every text in both languages, with 4–8 steps, and no HTML', () => {
    for (const l of CNN_LESSONS) {
      expect(filled(l.title) && filled(l.summary), l.id).toBe(true);
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(4);
      expect(l.steps.length, l.id).toBeLessThanOrEqual(8);
      expect(l.steps[0].load, `${l.id} starts from a known state`).toBeDefined();
      for (const s of l.steps) {
        expect(filled(s.text), l.id).toBe(true);
        if (s.task) expect(filled(s.task), l.id).toBe(true);
        for (const h of s.hints ?? []) expect(filled(h), l.id).toBe(true);
        for (const text of [s.text.en, s.text['zh-CN']]) expect(text, l.id).not.toMatch(/<\/?[a-z][^>]*>/i);
      }
    }
  });

  it('point at known targets, name known facts, and can show every check', () => {
    for (const l of CNN_LESSONS) {
      for (const s of l.steps) {
        if (s.target) expect(TOUR_TARGETS, l.id).toContain(s.target);
        if (!s.check) continue;
        expect(s.showMe?.length, `${l.id}: a check needs a Show me`).toBeGreaterThan(0);
        expect(s.task, `${l.id}: a check needs a task`).toBeDefined();
        for (const name of namesIn(s.check)) {
          const [family, member] = name.split('.');
          if (member !== undefined) {
            expect(FACT_FAMILIES as readonly string[], name).toContain(family);
            if (family === 'layer') expect(layerDef(member), name).toBeDefined();
          } else expect(Object.keys(FACTS), name).toContain(name);
        }
        for (const a of s.showMe!) if ('template' in a) expect(templateById(a.template), a.template).toBeDefined();
      }
    }
  });

  it('load networks that analyze without errors', () => {
    for (const l of CNN_LESSONS) {
      for (const s of l.steps) {
        if (!s.load) continue;
        const from = s.load.from;
        let exp = from === 'default' ? defaultExperiment() : openTemplate(defaultExperiment(), templateById(from.template)!);
        for (const c of s.load.changes ?? []) exp = applyChange(exp, c);
        const a = analyze(exp.network);
        for (const n of exp.network.nodes) expect(a.nodes[n.id]?.error, `${l.id}: ${n.id}`).toBeFalsy();
      }
    }
  });
});
