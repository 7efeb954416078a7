import { describe, expect, it } from 'vitest';
import { SEQ_LESSONS } from '../../src/lessons/content/seq';
import { FACT_FAMILIES, FACTS, LESSON_FORMAT_VERSION, SECTIONS, TOUR_TARGETS, type Bilingual } from '../../src/lessons/format';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { datasetMismatch } from '../../src/models/fit';
import { analyze } from '../../src/models/analysis';
import { openTemplate } from '../../src/models/openTemplate';
import { templateById } from '../../src/models/templates';
import type { Experiment } from '../../src/models/spec';
import { decodeExperiment } from '../../src/models/codec';

const filled = (b: Bilingual | undefined) => Boolean(b && b.en.trim() && b['zh-CN'].trim());
const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false']);

/** Every name a condition mentions is a fact or a fact family member (the runtime's parser checks the grammar). */
function names(check: string): string[] {
  const stripped = check.replace(/'[^']*'/g, ' ');
  return (stripped.match(/[A-Za-z_][A-Za-z0-9_.]*/g) ?? []).filter((w) => !KEYWORDS.has(w));
}

describe('sequence lessons', () => {
  it('have unique ids, the given orders and sections, and full bilingual text', () => {
    expect(SEQ_LESSONS.map((l) => l.order)).toEqual([22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);
    expect(new Set(SEQ_LESSONS.map((l) => l.id)).size).toBe(SEQ_LESSONS.length);
    for (const l of SEQ_LESSONS) {
      expect(l.format).toBe(LESSON_FORMAT_VERSION);
      expect(l.id).toMatch(/^[a-z0-9-]+$/);
      expect(SECTIONS).toContain(l.section);
      expect(filled(l.title) && filled(l.summary)).toBe(true);
      expect(l.steps.length).toBeGreaterThanOrEqual(4);
      expect(l.steps.length).toBeLessThanOrEqual(8);
      expect(l.steps[0].load).toBeDefined();
    }
  });

  it('every step: text in both languages, a known target, a showMe (and task) with every check, checks naming known facts', () => {
    for (const l of SEQ_LESSONS) {
      for (const s of l.steps) {
        expect(filled(s.text), `${l.id}`).toBe(true);
        if (s.target) expect(TOUR_TARGETS).toContain(s.target);
        for (const h of s.hints ?? []) expect(filled(h)).toBe(true);
        if (s.check) {
          expect(s.showMe?.length, `${l.id}: ${s.check}`).toBeGreaterThan(0);
          expect(filled(s.task), `${l.id}: ${s.check}`).toBe(true);
          for (const n of names(s.check)) {
            const [family] = n.split('.');
            expect(n in FACTS || (n.includes('.') && (FACT_FAMILIES as readonly string[]).includes(family)), `${l.id}: ${n}`).toBe(true);
          }
        }
        for (const a of s.showMe ?? []) if ('template' in a) expect(templateById(a.template), a.template).toBeDefined();
        // The markdown subset: no HTML (outside `code`, where <bos> is text).
        expect(`${s.text.en}${s.text['zh-CN']}`.replace(/`[^`]*`/g, '')).not.toMatch(/<[a-z/][^>]*>/i);
      }
    }
  });

  it('every load and every showMe change builds an Experiment that fits its dataset and has no graph errors', () => {
    for (const l of SEQ_LESSONS) {
      let exp: Experiment = defaultExperiment();
      for (const s of l.steps) {
        if (s.load) {
          const from = s.load.from;
          exp = from === 'default' ? defaultExperiment() : openTemplate(defaultExperiment(), templateById(from.template)!);
          for (const c of s.load.changes ?? []) exp = applyChange(exp, c);
          if (s.load.seed !== undefined) exp = applyChange(exp, { type: 'seed', seed: s.load.seed });
        }
        for (const a of s.showMe ?? []) {
          if ('change' in a) exp = applyChange(exp, a.change);
          if ('template' in a) exp = openTemplate(exp, templateById(a.template)!);
        }
        const an = analyze(exp.network);
        expect(Object.entries(an.nodes).filter(([, n]) => (n as { error?: unknown }).error), `${l.id}`).toEqual([]);
        expect(datasetMismatch(exp), `${l.id}`).toBeNull();
        expect(decodeExperiment(JSON.parse(JSON.stringify(exp))).ok, `${l.id}: codec`).toBe(true);
      }
    }
  });
});
