import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from '../../src/lessons/Markdown';
import { isFirstVisit, isLessonDone, PROGRESS_KEY, readLessonLink, readProgress, WELCOME_KEY } from '../../src/lessons/progress';
import { LESSONS } from '../../src/lessons';
import { loadStartup, PREFS_KEY, WORK_KEY } from '../../src/store/persistence';

function memory(entries: Record<string, string> = {}) {
  const data = new Map(Object.entries(entries));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe('lesson markdown', () => {
  it('parses paragraphs, lists and display formulas', () => {
    expect(parseMarkdown('One *a*.\n\n- x\n- **y**\n\n$$a^2$$\n\nTwo\nlines').map((b) => b.kind)).toEqual(['p', 'ul', 'math', 'p']);
    const [, list, math, two] = parseMarkdown('One.\n\n- x\n- **y**\n\n$$ a^2 $$\n\nTwo\nlines');
    expect(list).toEqual({ kind: 'ul', items: [[{ kind: 'text', text: 'x' }], [{ kind: 'strong', children: [{ kind: 'text', text: 'y' }] }]] });
    expect(math).toEqual({ kind: 'math', tex: 'a^2' });
    expect(two).toEqual({ kind: 'p', inline: [{ kind: 'text', text: 'Two lines' }] });
  });

  it('parses inline markup, formulas before emphasis', () => {
    expect(parseInline('a *b* **c** `d*e*` $x_1*y$ $$z$$')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'em', children: [{ kind: 'text', text: 'b' }] },
      { kind: 'text', text: ' ' },
      { kind: 'strong', children: [{ kind: 'text', text: 'c' }] },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'd*e*' },
      { kind: 'text', text: ' ' },
      { kind: 'math', tex: 'x_1*y', display: false },
      { kind: 'text', text: ' ' },
      { kind: 'math', tex: 'z', display: true },
    ]);
  });

  it('keeps HTML-looking text as text', () => {
    expect(parseInline('<b>x</b> & 2 * 3')).toEqual([{ kind: 'text', text: '<b>x</b> & 2 * 3' }]);
  });
});

describe('lesson progress and links', () => {
  it('reads stored progress, dropping bad entries', () => {
    const storage = memory({ [PROGRESS_KEY]: JSON.stringify({ good: { furthest: 2, checks: [3, 1, 1] }, 'Bad Id': { furthest: 1, checks: [] }, neg: { furthest: -1, checks: [] }, odd: { furthest: 1, checks: 'x' } }) });
    expect(readProgress(storage)).toEqual({ good: { furthest: 2, checks: [1, 3] } });
    expect(readProgress(memory({ [PROGRESS_KEY]: '{not json' }))).toEqual({});
    expect(readProgress(null)).toEqual({});
  });

  it('says when a lesson is done', () => {
    const tour = LESSONS[0];
    const checks = tour.steps.flatMap((s, i) => (s.check ? [i] : []));
    expect(isLessonDone(tour, undefined)).toBe(false);
    expect(isLessonDone(tour, { furthest: 5, checks: checks.slice(1) })).toBe(false);
    expect(isLessonDone(tour, { furthest: 5, checks })).toBe(true);
  });

  it('reads ?lessons and ?lesson=&step=', () => {
    expect(readLessonLink('?lessons')).toEqual({ map: true, lesson: null, step: 0 });
    expect(readLessonLink('?lesson=playground-tour&step=3')).toEqual({ map: false, lesson: 'playground-tour', step: 2 });
    expect(readLessonLink('?lesson=x&step=0')).toMatchObject({ step: 0 });
    expect(readLessonLink('?lesson=x&step=abc')).toMatchObject({ step: 0 });
  });

  it('calls a visit first only with nothing saved and no link', () => {
    const at = (search = '', hash = '') => ({ search, hash });
    expect(isFirstVisit(memory(), at())).toBe(true);
    expect(isFirstVisit(memory({ [WORK_KEY]: 'x' }), at())).toBe(false);
    expect(isFirstVisit(memory({ [PREFS_KEY]: '{}' }), at())).toBe(false);
    expect(isFirstVisit(memory({ [WELCOME_KEY]: 'play' }), at())).toBe(false);
    expect(isFirstVisit(memory(), at('?lesson=playground-tour'))).toBe(false);
    expect(isFirstVisit(memory(), at('?lessons'))).toBe(false);
    expect(isFirstVisit(null, at())).toBe(false);
  });

  it('lets ?lang= win over the stored language for the visit', () => {
    const storage = memory({ [PREFS_KEY]: JSON.stringify({ locale: 'en' }) });
    expect(loadStartup({ hash: '', search: '?lang=zh-CN', storage, languages: ['en'] }).initial.locale).toBe('zh-CN');
    expect(loadStartup({ hash: '', search: '?lang=klingon', storage, languages: ['zh'] }).initial.locale).toBe('en');
    expect(loadStartup({ hash: '', storage: memory(), languages: ['zh-TW'] }).initial.locale).toBe('zh-CN');
  });
});

describe('the lesson address', () => {
  it('follows the open lesson and leaves other parameters alone', async () => {
    const { lessonSearch } = await import('../../src/lessons/useLessonAddress');
    expect(lessonSearch('', { id: 'playground-tour', step: 2 }, false)).toBe('?lesson=playground-tour&step=3');
    expect(lessonSearch('?lesson=playground-tour&step=3&lang=zh-CN', null, false)).toBe('?lang=zh-CN');
    expect(lessonSearch('?lessons&engine=main', null, true)).toBe('?lessons&engine=main');
    expect(lessonSearch('?lessons&engine=main', null, false)).toBe('?engine=main');
    expect(lessonSearch('?lessons', { id: 'a', step: 0 }, false)).toBe('?lesson=a&step=1');
  });
});
