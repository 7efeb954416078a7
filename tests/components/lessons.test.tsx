// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/app/App';
import { LocaleContext } from '../../src/i18n';
import { createAppStore } from '../../src/store/createAppStore';
import { LESSONS } from '../../src/lessons';
import type { Lesson } from '../../src/lessons/format';
import { LessonMap } from '../../src/lessons/LessonMap';
import { createLessonStore } from '../../src/lessons/lessonStore';
import { PROGRESS_KEY } from '../../src/lessons/progress';
import { emptyRun } from '../../src/store/runSlice';
import type { AppStore } from '../../src/store/createAppStore';
import { attachFakeEngine, createFakeStorage, makeSnapshot, polyfillShowModal, renderApp, stubCanvas } from './renderApp';

let modal: ReturnType<typeof polyfillShowModal>;
beforeEach(() => {
  modal = polyfillShowModal();
});
afterEach(() => {
  modal.restore();
  vi.restoreAllMocks();
});

const tour = LESSONS.find((l) => l.id === 'playground-tour')!;

/** Open lesson 1 from the header's Lessons button and the map, as a learner does. */
async function openLesson(d: ReturnType<typeof renderApp>) {
  await d.user.click(screen.getByTestId('lessons-button'));
  const item = within(screen.getByTestId('lesson-map')).getByText(/A tour of the playground/).closest('[data-lesson-id]') as HTMLElement;
  await d.user.click(within(item).getByRole('button', { name: 'Start' }));
  return screen.getByTestId('lesson-panel');
}

const panel = () => within(screen.getByTestId('lesson-panel'));
const setEpoch = (store: AppStore, epoch: number) =>
  act(() => {
    const s = store.getState();
    store.setState({ runs: { [s.activeRunId]: { ...emptyRun(s.activeRunId), epoch, status: 'running' } } });
  });

describe('the lesson panel', () => {
  it('opens from the map on step 1 with its Experiment loaded as one undoable edit', async () => {
    const d = renderApp();
    d.apply({ type: 'training', patch: { learningRate: 0.3 } });
    await openLesson(d);
    expect(panel().getByTestId('lesson-step')).toHaveTextContent('Step 1 of 6');
    expect(screen.getByTestId('lesson-panel')).toHaveAttribute('data-step', '1');
    // The step loads the default Experiment over the learner's; undo takes it back.
    expect(d.training().learningRate).toBe(0.03);
    act(() => d.store.getState().undo());
    expect(d.training().learningRate).toBe(0.3);
  });

  it('Show me performs the step through the store', async () => {
    const d = renderApp();
    await openLesson(d);
    expect(d.store.getState().view.showTestData).toBe(false);
    await d.user.click(panel().getByTestId('lesson-show-me'));
    await waitFor(() => expect(d.store.getState().view.showTestData).toBe(true));
  });

  it('goes forward and back', async () => {
    const d = renderApp();
    await openLesson(d);
    expect(panel().getByTestId('lesson-back')).toBeDisabled();
    await d.user.click(panel().getByTestId('lesson-next'));
    expect(panel().getByTestId('lesson-step')).toHaveTextContent('Step 2 of 6');
    expect(panel().getByRole('heading', { level: 2 })).toHaveTextContent('A tour of the playground');
    await d.user.click(panel().getByTestId('lesson-back'));
    expect(panel().getByTestId('lesson-step')).toHaveTextContent('Step 1 of 6');
  });

  it('latches the check once it held, and remembers it', async () => {
    const storage = createFakeStorage();
    const d = renderApp({}, { storage });
    await openLesson(d);
    await d.user.click(panel().getByTestId('lesson-next'));
    await d.user.click(panel().getByTestId('lesson-next'));
    expect(tour.steps[2].check).toBe('epoch >= 20');
    expect(panel().getByTestId('lesson-check')).toHaveTextContent('Not yet');
    setEpoch(d.store, 25);
    await waitFor(() => expect(panel().getByTestId('lesson-check')).toHaveTextContent('✓ done'));
    // The run resets: the check stays done for this step.
    setEpoch(d.store, 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(panel().getByTestId('lesson-check')).toHaveAttribute('data-done', 'true');
    expect(JSON.parse(storage.getItem(PROGRESS_KEY)!)).toEqual({ 'playground-tour': { furthest: 2, checks: [2] } });
  });

  it('reveals hints one at a time', async () => {
    const d = renderApp();
    await openLesson(d);
    for (let i = 0; i < 3; i++) await d.user.click(panel().getByTestId('lesson-next'));
    expect(tour.steps[3].hints).toHaveLength(2);
    expect(panel().queryByTestId('lesson-hints')).toBeNull();
    await d.user.click(panel().getByRole('button', { name: 'A hint' }));
    expect(panel().getByTestId('lesson-hints').querySelectorAll('li')).toHaveLength(1);
    expect(panel().getByText(/press Play again/)).toBeInTheDocument();
    await d.user.click(panel().getByRole('button', { name: 'Another hint' }));
    expect(panel().getByTestId('lesson-hints').querySelectorAll('li')).toHaveLength(2);
    expect(panel().queryByTestId('lesson-hint')).toBeNull();
  });

  it('Show me applies the step\'s change', async () => {
    const d = renderApp();
    await openLesson(d);
    for (let i = 0; i < 3; i++) await d.user.click(panel().getByTestId('lesson-next'));
    await d.user.click(panel().getByTestId('lesson-show-me'));
    await waitFor(() => expect(d.training().learningRate).toBe(0.1));
  });

  it('folds to a strip and closes', async () => {
    const d = renderApp();
    await openLesson(d);
    d.apply({ type: 'training', patch: { learningRate: 0.3 } });
    await d.user.click(panel().getByTestId('lesson-collapse'));
    expect(screen.getByTestId('lesson-panel')).toHaveAttribute('data-collapsed', 'true');
    await d.user.click(screen.getByTestId('lesson-expand'));
    // Unfolding does not enter the step again: the learner's edit stays.
    expect(d.training().learningRate).toBe(0.3);
    await d.user.click(panel().getByTestId('lesson-close'));
    expect(screen.queryByTestId('lesson-panel')).toBeNull();
    // The lab is still there.
    expect(screen.getByTestId('play')).toBeInTheDocument();
  });

  it('renders formulas as their TeX until KaTeX arrives, never lesson text as HTML', async () => {
    const d = renderApp();
    await openLesson(d);
    await d.user.click(panel().getByTestId('lesson-next'));
    const tex = screen.getByTestId('lesson-panel').querySelectorAll('.tex');
    expect(tex.length).toBeGreaterThan(0);
    expect(screen.getByTestId('lesson-panel').querySelector('strong')).toHaveTextContent('neural network');
  });
});

describe('the lesson map', () => {
  const second: Lesson = { ...tour, id: 'second', order: 2, section: 'mlp', title: { en: 'The second', 'zh-CN': '第二课' } };

  function renderMap(progress: Record<string, unknown>, locale: 'en' | 'zh-CN' = 'en') {
    const storage = createFakeStorage();
    storage.setItem(PROGRESS_KEY, JSON.stringify(progress));
    const lessons = createLessonStore(storage, { mapOpen: true });
    render(
      <LocaleContext.Provider value={locale}>
        <LessonMap lessons={lessons} list={[tour, second]} />
      </LocaleContext.Provider>,
    );
    return lessons;
  }

  it('groups lessons by section, in order', () => {
    renderMap({});
    const sections = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(sections).toEqual(['Getting started', 'Multilayer perceptrons']);
    expect([...document.querySelectorAll('[data-lesson-id]')].map((e) => e.getAttribute('data-lesson-id'))).toEqual(['playground-tour', 'second']);
    expect(screen.getAllByText(/8 min/)).toHaveLength(2);
  });

  it('marks a lesson done when all its checks held', () => {
    const checks = tour.steps.flatMap((s, i) => (s.check ? [i] : []));
    renderMap({ 'playground-tour': { furthest: 5, checks }, second: { furthest: 3, checks: checks.slice(1) } });
    expect(document.querySelector('[data-lesson-id="playground-tour"]')).toHaveAttribute('data-done', 'true');
    expect(document.querySelector('[data-lesson-id="second"]')).toHaveAttribute('data-done', 'false');
    expect(screen.getAllByTestId('lesson-done-mark')).toHaveLength(1);
    expect(within(document.querySelector<HTMLElement>('[data-lesson-id="second"]')!).getByRole('button')).toHaveTextContent('Continue');
  });

  it('speaks Chinese with d2l-zh\'s chapter names', async () => {
    const lessons = renderMap({}, 'zh-CN');
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('课程');
    expect(screen.getByRole('heading', { name: '多层感知机' })).toBeInTheDocument();
    await userEvent.setup().click(within(document.querySelector<HTMLElement>('[data-lesson-id="second"]')!).getByRole('button', { name: '开始' }));
    expect(lessons.getState().active).toEqual({ id: 'second', step: 0, fresh: true });
    expect(lessons.getState().mapOpen).toBe(false);
  });

  it('survives storage that throws', () => {
    const broken = { getItem: () => { throw new Error('blocked'); }, setItem: () => { throw new Error('blocked'); } };
    const lessons = createLessonStore(broken);
    expect(lessons.getState().progress).toEqual({});
    expect(() => lessons.getState().markCheck('x', 1)).not.toThrow();
    expect(() => lessons.getState().answerWelcome('play')).not.toThrow();
  });
});

describe('lesson links', () => {
  function renderLinked(link: { map: boolean; lesson: string | null; step: number }) {
    stubCanvas();
    const store = createAppStore();
    store.getState().apply({ type: 'training', patch: { learningRate: 0.3 } });
    render(<App store={store} storage={createFakeStorage()} engineHost="none" openTabChannel={() => null} lessonLink={link} />);
    return store;
  }

  it('opens a lesson at a step, with the nearest earlier load', () => {
    const store = renderLinked({ map: false, lesson: 'playground-tour', step: 2 });
    expect(screen.getByTestId('lesson-panel')).toHaveAttribute('data-step', '3');
    expect(store.getState().experiment.training.learningRate).toBe(0.03);
  });

  it('clamps a step past the end', () => {
    renderLinked({ map: false, lesson: 'playground-tour', step: 99 });
    expect(screen.getByTestId('lesson-panel')).toHaveAttribute('data-step', String(tour.steps.length));
  });

  it('reports an unknown lesson and leaves the work alone', () => {
    const store = renderLinked({ map: false, lesson: 'nope', step: 0 });
    expect(screen.getByTestId('notice')).toHaveTextContent('There is no lesson called "nope"');
    expect(screen.queryByTestId('lesson-panel')).toBeNull();
    expect(store.getState().experiment.training.learningRate).toBe(0.3);
  });

  it('a step with a load settles on the reset weights even when Show me already pressed play', async () => {
    // lstm-gates step 2 loads the simple RNN and checks `epoch >= 2 and testAcc < 0.9`. The engine
    // answers the reset only after it measured it, by when Show me's play has made it "running".
    stubCanvas();
    const store = createAppStore();
    const engine = attachFakeEngine(store);
    render(<App store={store} storage={createFakeStorage()} engineHost="none" openTabChannel={() => null} lessonLink={{ map: false, lesson: 'lstm-gates', step: 1 }} />);
    expect(screen.getByTestId('lesson-panel')).toHaveAttribute('data-step', '2');
    expect(engine.last('reset')).toBeDefined();
    await userEvent.setup().click(panel().getByTestId('lesson-show-me'));
    await waitFor(() => expect(engine.last('play')).toBeDefined());
    const snap = (step: number, epoch: number, testAcc: number) =>
      act(() => store.getState().receive({ ...makeSnapshot(store, { step, epoch, status: 'running', probes: false, origin: 7, metrics: { testAcc } }) }));
    snap(0, 0, 0.5);
    snap(100, 2, 0.71);
    await waitFor(() => expect(panel().getByTestId('lesson-check')).toHaveAttribute('data-done', 'true'));
  });

  it('a snapshot of the weights before the step does not count for its check', async () => {
    stubCanvas();
    const store = createAppStore();
    const engine = attachFakeEngine(store);
    // The last lesson's run, at epoch 3 and below 90 %: it would pass the step's check.
    act(() => store.getState().receive(makeSnapshot(store, { step: 150, epoch: 3, status: 'running', probes: false, origin: 3, metrics: { testAcc: 0.8 } })));
    render(<App store={store} storage={createFakeStorage()} engineHost="none" openTabChannel={() => null} lessonLink={{ map: false, lesson: 'lstm-gates', step: 1 }} />);
    expect(engine.last('reset')).toBeDefined();
    act(() => store.getState().receive(makeSnapshot(store, { step: 160, epoch: 3, status: 'running', probes: false, origin: 3, metrics: { testAcc: 0.8 } })));
    await new Promise((r) => setTimeout(r, 400));
    expect(panel().getByTestId('lesson-check')).toHaveAttribute('data-done', 'false');
  });

  it('opens the map', () => {
    renderLinked({ map: true, lesson: null, step: 0 });
    expect(screen.getByTestId('lesson-map')).toBeInTheDocument();
    expect(document.querySelector('[data-lesson-id="playground-tour"]')).not.toBeNull();
  });
});
