import { describe, expect, it } from 'vitest';
import { curriculumNow, loadCurriculum } from '../../src/lessons/curriculum';
import { LESSONS } from '../../src/lessons';

describe('the curriculum loads on first need', () => {
  it('is absent until loaded, then every lesson of index.ts, loaded once', async () => {
    expect(curriculumNow()).toBeNull();
    const first = loadCurriculum();
    expect(loadCurriculum()).toBe(first);
    expect(await first).toBe(LESSONS);
    expect(curriculumNow()).toBe(LESSONS);
    expect(LESSONS.length).toBeGreaterThan(30);
  });
});
