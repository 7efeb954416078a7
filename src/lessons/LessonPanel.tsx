/**
 * The lesson beside the live lab: the step's text, its task and check, hints one at a time,
 * Show me, back and next. The lab stays fully usable; the panel folds to a strip.
 */

import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useLocale, useT } from '../i18n';
import { useAppStoreApi } from '../store/context';
import { evaluate, parseCondition } from './conditions';
import { factsOf } from './facts';
import type { Lesson, LessonLoad } from './format';
import { useCurriculum } from './curriculum';
import type { LessonStore } from './lessonStore';
import { LESSON_KEY_EVENT } from './context';
import { buildLoad } from './load';
import { Markdown } from './Markdown';
import { showMe, startFresh } from './showMe';
import { useTourTarget } from './useTourTarget';
import { TeacherMark } from './teacher/TeacherMark';
import './lessons.css';

/** How often a check is evaluated while the store changes (training updates it ~30 times a second). */
const CHECK_EVERY_MS = 250;

/** The step's own load; opened from outside, the nearest earlier one, so the step has its setting. */
function loadFor(lesson: Lesson, index: number, fresh: boolean): LessonLoad | undefined {
  if (lesson.steps[index]?.load || !fresh) return lesson.steps[index]?.load;
  for (let i = index - 1; i >= 0; i--) if (lesson.steps[i].load) return lesson.steps[i].load;
  return undefined;
}

/**
 * Enter the step once: its Experiment as one undoable replace with the run paused and reset (the
 * step starts from the seed's weights, and nothing trains until the learner or Show me says so),
 * its tab. The last run's numbers are cleared at once, so no check can hold on them meanwhile.
 */
function useEnterStep(lesson: Lesson, index: number, fresh: boolean): boolean {
  const store = useAppStoreApi();
  const entered = useRef(false);
  // With a load, the step settles when the engine reports the new weights (showMe.ts `startFresh`):
  // snapshots of the last run can still be on their way, and no check may hold on them.
  const [settled, setSettled] = useState(() => !loadFor(lesson, index, fresh));
  useEffect(() => {
    // StrictMode runs effects twice; a step is entered once.
    if (entered.current) return;
    entered.current = true;
    const s = store.getState();
    const load = loadFor(lesson, index, fresh);
    if (load) {
      const loaded = buildLoad(load);
      if (loaded.ok) void startFresh(store, loaded.experiment).then(() => setSettled(true));
      else s.notify({ kind: 'error', key: 'lessons.loadFailed', vars: { reason: loaded.error } });
    }
    const tab = lesson.steps[index]?.tab;
    if (tab) store.getState().setEditorTab(tab);
    const challenge = lesson.steps[index]?.challenge;
    if (challenge) store.getState().setChallenge(challenge);
  }, [store, lesson, index, fresh]);
  return settled;
}

/** Whether the step's check has held since the step opened (or ever, as remembered): latched. */
function useCheck(lessons: LessonStore, lesson: Lesson, index: number, settled: boolean): boolean {
  const store = useAppStoreApi();
  const src = lesson.steps[index]?.check;
  const ast = useMemo(() => {
    const parsed = src ? parseCondition(src) : null;
    return parsed?.ok ? parsed.ast : null;
  }, [src]);
  const remembered = useStore(lessons, (s) => s.progress[lesson.id]?.checks.includes(index) ?? false);
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (!ast || held || remembered || !settled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const test = () => {
      timer = undefined;
      last = performance.now();
      if (evaluate(ast, factsOf(store.getState()))) {
        setHeld(true);
        lessons.getState().markCheck(lesson.id, index);
      }
    };
    test();
    const unsubscribe = store.subscribe(() => {
      if (timer !== undefined) return;
      timer = setTimeout(test, Math.max(0, last + CHECK_EVERY_MS - performance.now()));
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [ast, held, remembered, settled, store, lessons, lesson.id, index]);
  return held || remembered;
}

function StepView({ lessons, lesson, index, fresh }: { lessons: LessonStore; lesson: Lesson; index: number; fresh: boolean }) {
  const t = useT();
  const locale = useLocale();
  const store = useAppStoreApi();
  const step = lesson.steps[index];
  const total = lesson.steps.length;
  const [hints, setHints] = useState(0);
  const [showing, setShowing] = useState(false);
  const settled = useEnterStep(lesson, index, fresh);
  useTourTarget(step.target);
  const done = useCheck(lessons, lesson, index, settled);
  const last = index === total - 1;
  const runShowMe = () => {
    if (!step.showMe || showing) return;
    setShowing(true);
    void showMe(store, step.showMe).finally(() => setShowing(false));
  };
  const next = () => {
    if (!last) lessons.getState().goTo(index + 1);
    else {
      // Finished: the map shows the lesson's done mark and what comes next.
      lessons.getState().close();
      lessons.getState().openMap();
      store.getState().notify({ kind: 'info', key: 'lessons.finished' });
    }
  };
  // The keyboard's N / B and a clicker's Page Down / Page Up (app/Classroom.tsx) press Next / Back.
  // Registered anew each render, so it always calls this render's `next`.
  useEffect(() => {
    const onKey = (e: Event) => {
      const dir = (e as CustomEvent<'next' | 'back'>).detail;
      if (dir === 'next') next();
      else if (index > 0) lessons.getState().goTo(index - 1);
    };
    window.addEventListener(LESSON_KEY_EVENT, onKey);
    return () => window.removeEventListener(LESSON_KEY_EVENT, onKey);
  });
  const shownHints = step.hints?.slice(0, hints) ?? [];
  return (
    <>
      <div className="lesson-progress">
        <span data-testid="lesson-step">{t('lessons.stepOf', { n: index + 1, m: total })}</span>
        <progress value={index + 1} max={total} aria-label={t('lessons.stepOf', { n: index + 1, m: total })} />
      </div>
      <div className="lesson-body">
        <Markdown text={step.text[locale]} className="lesson-text" />
        {step.task || step.check ? (
          <section className={`lesson-task${done ? ' done' : ''}`} aria-live="polite">
            <h3>{t('lessons.task')}</h3>
            {step.task ? <Markdown text={step.task[locale]} /> : null}
            {step.check ? (
              <p className={`lesson-check${done ? ' done' : ''}`} data-testid="lesson-check" data-done={done}>
                {done ? t('lessons.checkDone') : t('lessons.checkWaiting')}
              </p>
            ) : null}
          </section>
        ) : null}
        {shownHints.length ? (
          <ol className="lesson-hints" data-testid="lesson-hints">
            {shownHints.map((h, i) => (
              <li key={i}>
                <span className="lesson-hint-label">{t('lessons.hint', { n: i + 1 })}</span> <Markdown text={h[locale]} />
              </li>
            ))}
          </ol>
        ) : null}
        <div className="lesson-helpers">
          {step.hints && hints < step.hints.length ? (
            <button type="button" onClick={() => setHints(hints + 1)} data-testid="lesson-hint">
              {t(hints === 0 ? 'lessons.moreHint' : 'lessons.nextHint')}
            </button>
          ) : null}
          {step.showMe ? (
            <button type="button" onClick={runShowMe} disabled={showing} data-testid="lesson-show-me">
              {showing ? t('lessons.showingMe') : t('lessons.showMe')}
            </button>
          ) : null}
        </div>
      </div>
      <div className="lesson-nav">
        <button type="button" onClick={() => lessons.getState().goTo(index - 1)} disabled={index === 0} data-testid="lesson-back">
          {t('lessons.back')}
        </button>
        <button type="button" className={step.check && !done ? '' : 'primary'} onClick={next} data-testid="lesson-next">
          {last ? t('lessons.finish') : t('lessons.next')}
        </button>
      </div>
    </>
  );
}

/** The open lesson, docked beside the lab; nothing when no lesson is open. */
export function LessonPanel({ lessons }: { lessons: LessonStore }) {
  const t = useT();
  const locale = useLocale();
  const active = useStore(lessons, (s) => s.active);
  const collapsed = useStore(lessons, (s) => s.collapsed);
  const custom = useStore(lessons, (s) => s.custom);
  const curriculum = useCurriculum(active !== null);
  const lesson = active ? (curriculum?.find((l) => l.id === active.id) ?? (custom?.lesson.id === active.id ? custom.lesson : undefined)) : undefined;
  if (!active || !lesson) return null;
  const index = Math.min(Math.max(0, active.step), lesson.steps.length - 1);
  const step = lesson.steps[index];
  // Folded, the step stays mounted (hidden): unfolding must not enter it again (and reload it).
  return (
    <aside
      className={`lesson-panel${collapsed ? ' collapsed' : ''}`}
      aria-label={t('lessons.panel')}
      data-testid="lesson-panel"
      data-collapsed={collapsed}
      data-lesson={lesson.id}
      data-step={index + 1}
      data-steps={lesson.steps.length}
      data-has-check={step.check ? 'true' : 'false'}
    >
      {collapsed ? (
        <button type="button" className="lesson-strip" onClick={() => lessons.getState().setCollapsed(false)} aria-label={t('lessons.expand')} title={t('lessons.expand')} data-testid="lesson-expand">
          <span aria-hidden="true">‹</span>
          <span className="lesson-strip-title">{lesson.title[locale]}</span>
          <span className="lesson-strip-step">
            {index + 1}/{lesson.steps.length}
          </span>
        </button>
      ) : null}
      <div className="lesson-main" hidden={collapsed}>
        <header className="lesson-header">
          <button type="button" className="icon" onClick={() => lessons.getState().setCollapsed(true)} aria-label={t('lessons.collapse')} title={t('lessons.collapse')} data-testid="lesson-collapse">
            ›
          </button>
          <h2>{lesson.title[locale]}</h2>
          {custom?.lesson === lesson ? <TeacherMark lang={custom.lang} /> : null}
          <button type="button" className="icon" onClick={() => lessons.getState().close()} aria-label={t('lessons.close')} title={t('lessons.close')} data-testid="lesson-close">
            ×
          </button>
        </header>
        <StepView key={`${lesson.id}:${index}`} lessons={lessons} lesson={lesson} index={index} fresh={active.fresh} />
        <button type="button" className="link lesson-all" onClick={() => lessons.getState().openMap()}>
          {t('lessons.allLessons')}
        </button>
      </div>
    </aside>
  );
}
