import { useStore } from 'zustand';
import { useLocale, useT } from '../i18n';
import { useModalDialog } from '../ui/useModalDialog';
import { SECTIONS, type Lesson } from './format';
import type { LessonStore } from './lessonStore';
import { isLessonDone } from './progress';
import { TeacherLessonButtons } from './teacher/TeacherLessonButtons';
import './lessons.css';

/** The curriculum by section (动手学深度学习's chapters), each lesson with its time and done mark. */
export function LessonMap({ lessons, list }: { lessons: LessonStore; list: readonly Lesson[] }) {
  const t = useT();
  const locale = useLocale();
  const dialog = useModalDialog();
  const progress = useStore(lessons, (s) => s.progress);
  const close = () => lessons.getState().closeMap();
  const sections = SECTIONS.map((section) => ({ section, items: list.filter((l) => l.section === section) })).filter((g) => g.items.length > 0);
  return (
    <dialog ref={dialog} className="lesson-map" aria-labelledby="lesson-map-title" onClose={close} onCancel={close} data-testid="lesson-map">
      <h2 id="lesson-map-title">{t('lessons.map.title')}</h2>
      <p className="hint">{t('lessons.map.intro')}</p>
      {sections.length === 0 ? <p>{t('lessons.map.soon')}</p> : null}
      {sections.map(({ section, items }) => (
        <section key={section} data-section={section}>
          <h3>{t(`lessons.section.${section}`)}</h3>
          <ol className="lesson-list">
            {items.map((lesson) => {
              const p = progress[lesson.id];
              const done = isLessonDone(lesson, p);
              const label = done ? t('lessons.again') : p ? t('lessons.continue') : t('lessons.start');
              return (
                <li key={lesson.id} className={`lesson-item${done ? ' done' : ''}`} data-lesson-id={lesson.id} data-done={done}>
                  <div className="lesson-item-text">
                    <h4>
                      <span className="lesson-order">{lesson.order}.</span> {lesson.title[locale]}
                      {done ? (
                        <span className="lesson-done-mark" data-testid="lesson-done-mark">
                          {' '}
                          ✓ {t('lessons.lessonDone')}
                        </span>
                      ) : null}
                    </h4>
                    <p>{lesson.summary[locale]}</p>
                    <p className="hint">
                      {t('lessons.minutes', { n: lesson.minutes })} · {t('lessons.steps', { n: lesson.steps.length })}
                    </p>
                  </div>
                  <button type="button" className={done ? '' : 'primary'} onClick={() => lessons.getState().start(lesson.id, done || !p ? 0 : Math.min(p.furthest, lesson.steps.length - 1))}>
                    {label}
                  </button>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
      <div className="dialog-actions">
        <TeacherLessonButtons lessons={lessons} />
        <button type="button" onClick={close} data-testid="lesson-map-close">
          {t('lessons.map.close')}
        </button>
      </div>
    </dialog>
  );
}
