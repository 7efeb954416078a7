import { describe, expect, it } from 'vitest';
import { TRAINING_LESSONS } from '../../src/lessons/content/training';
import { factType } from '../../src/lessons/conditions';
import { LESSON_FORMAT_VERSION, SECTIONS, TOUR_TARGETS, type Bilingual, type Lesson } from '../../src/lessons/format';
import { validateLesson } from '../../src/lessons/validate';
import { perform } from '../../src/lessons/showMe';
import { createAppStore } from '../../src/store/createAppStore';

const filled = (b: Bilingual | undefined) => !!b && b.en.trim().length > 0 && b['zh-CN'].trim().length > 0;

/** Fact names a check mentions (strings, numbers, keywords and operators removed). */
const factsIn = (check: string) =>
  check
    .replace(/'[^']*'/g, ' ')
    .split(/[\s()<>=!]+/)
    .filter((t) => t && !/^[\d.]+(e-?\d+)?$/.test(t) && !['and', 'or', 'not', 'true', 'false'].includes(t));

describe('TRAINING_LESSONS (issue 15)', () => {
  it('has the given ids, orders and sections, right after the MLP lessons', () => {
    expect(TRAINING_LESSONS.map((l) => [l.id, l.section, l.order])).toEqual([
      ['backpropagation', 'mlp', 8],
      ['regularization-strength', 'mlp', 9],
      ['early-stopping', 'mlp', 10],
      ['optimizers', 'optimization', 11],
      ['lr-schedules', 'optimization', 12],
      ['vanishing-gradients', 'optimization', 13],
      ['batch-normalization', 'optimization', 14],
    ]);
    expect(SECTIONS.indexOf('optimization')).toBe(SECTIONS.indexOf('mlp') + 1);
  });

  for (const lesson of TRAINING_LESSONS) {
    describe(lesson.id, () => {
      it('validates, in both languages, starting from a fixed seed', () => {
        const result = validateLesson(lesson);
        expect(result.ok ? [] : result.errors).toEqual([]);
        expect(lesson.format).toBe(LESSON_FORMAT_VERSION);
        expect(filled(lesson.title) && filled(lesson.summary)).toBe(true);
        expect(lesson.steps[0].load?.seed).toBeTypeOf('number');
        for (const step of lesson.steps) {
          expect(filled(step.text)).toBe(true);
          for (const h of step.hints ?? []) expect(filled(h)).toBe(true);
          // The Chinese text is Chinese, not a copy of the English.
          expect(step.text['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
          expect(step.text['zh-CN']).not.toBe(step.text.en);
        }
      });

      it('every check names known facts and has a task, a target and a Show me', () => {
        const checked = lesson.steps.filter((s) => s.check);
        expect(checked.length).toBeGreaterThanOrEqual(3);
        for (const step of checked) {
          for (const name of factsIn(step.check!)) expect(factType(name), name).not.toBeNull();
          expect(filled(step.task)).toBe(true);
          expect(TOUR_TARGETS).toContain(step.target);
          expect(step.showMe?.length).toBeGreaterThan(0);
        }
      });
    });
  }

  it('uses d2l-zh’s terms in Chinese', () => {
    const zh = (l: Lesson) => l.steps.map((s) => s.text['zh-CN']).join('\n') + l.title['zh-CN'];
    const byId = Object.fromEntries(TRAINING_LESSONS.map((l) => [l.id, zh(l)]));
    expect(byId.backpropagation).toMatch(/反向传播/);
    expect(byId.backpropagation).toMatch(/前向传播/);
    expect(byId.optimizers).toMatch(/动量法/);
    expect(byId.optimizers).toMatch(/权重衰减/);
    expect(byId['lr-schedules']).toMatch(/学习率调度器/);
    expect(byId['lr-schedules']).toMatch(/余弦退火/);
    expect(byId['lr-schedules']).toMatch(/预热/);
    expect(byId['early-stopping']).toMatch(/早停/);
    expect(byId['early-stopping']).toMatch(/验证集/);
    expect(byId['regularization-strength']).toMatch(/暂退法/);
    expect(byId['regularization-strength']).toMatch(/欠拟合/);
    expect(byId['vanishing-gradients']).toMatch(/梯度消失/);
    expect(byId['vanishing-gradients']).toMatch(/梯度爆炸/);
    expect(byId['vanishing-gradients']).toMatch(/激活函数/);
    expect(byId['vanishing-gradients']).toMatch(/残差连接/);
    expect(byId['batch-normalization']).toMatch(/批量规范化/);
    expect(byId['batch-normalization']).toMatch(/相同起点/);
    expect(byId['batch-normalization']).toMatch(/固定本次运行/);
  });
});

describe('Show me for lab-local views', () => {
  const base = TRAINING_LESSONS[0];
  const withAction = (showMe: unknown): unknown => ({ ...base, steps: [{ ...base.steps[0], showMe }] });

  it('validates the backprop and race actions, and rejects bad ones with reasons', () => {
    expect(validateLesson(withAction([{ backprop: 'update' }])).ok).toBe(true);
    expect(validateLesson(withAction([{ race: { surface: 'rosenbrock', speed: 10, play: true } }])).ok).toBe(true);
    for (const bad of [[{ backprop: 'sideways' }], [{ race: { surface: 'moon' } }], [{ race: { speed: 500 } }], [{ race: { play: true, extra: 1 } }]]) {
      const r = validateLesson(withAction(bad));
      expect(r.ok, JSON.stringify(bad)).toBe(false);
    }
  });

  it('validates the pinned-run actions and rejects unknown ones', () => {
    expect(validateLesson(withAction([{ pinned: 'pin' }, { pinned: 'sameStart' }])).ok).toBe(true);
    for (const bad of [[{ pinned: 'unpin' }], [{ pinned: true }], [{ pinned: 'pin', extra: 1 }]]) expect(validateLesson(withAction(bad)).ok, JSON.stringify(bad)).toBe(false);
  });

  it('pin pauses a running run and pins what is on the chart; sameStart puts the pinned seed back and resets', async () => {
    const store = createAppStore();
    const run = store.getState().runs[store.getState().activeRunId];
    const point = { step: 25, epoch: 1, trainLoss: 1, testLoss: 0.9, trainAcc: 0.5, testAcc: 0.5 };
    store.setState({ runs: { [run.id]: { ...run, status: 'running', history: [point], step: 25, epoch: 1 } } });
    let paused = 0;
    store.setState({ pause: () => void paused++ });
    await perform(store, { pinned: 'pin' });
    expect(paused).toBe(1);
    expect(store.getState().pinned).toHaveLength(1);
    const seed = store.getState().experiment.seed;
    store.getState().apply({ type: 'seed', seed: seed + 7 });
    let resets = 0;
    store.setState({ reset: () => void resets++ });
    await perform(store, { pinned: 'sameStart' });
    expect(store.getState().experiment.seed).toBe(seed);
    expect(resets).toBe(1);
    // Nothing to pin: no history, no pinned run.
    const empty = createAppStore();
    await perform(empty, { pinned: 'pin' });
    expect(empty.getState().pinned).toHaveLength(0);
  });

  it('a backprop action pauses a running run and leaves a request; a race action leaves its request', async () => {
    const store = createAppStore();
    const run = store.getState().runs[store.getState().activeRunId];
    store.setState({ runs: { [run.id]: { ...run, status: 'running' } } });
    let paused = 0;
    store.setState({ pause: () => void paused++ });
    await perform(store, { backprop: 'backward' });
    expect(paused).toBe(1);
    expect(store.getState().labRequests.backprop).toBe('backward');
    await perform(store, { backprop: 'close' });
    expect(paused).toBe(1);
    expect(store.getState().labRequests.backprop).toBe('close');
    await perform(store, { race: { surface: 'ravine', play: true } });
    expect(store.getState().labRequests.race).toEqual({ surface: 'ravine', play: true });
  });
});
