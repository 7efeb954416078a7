import { useT } from '../i18n';
import type { Lesson } from './format';
import type { LessonStore } from './lessonStore';
import './lessons.css';

/** The first visit's offer: lesson 1, or just play. Answered once, never shown again. */
export function WelcomeCard({ lessons, first }: { lessons: LessonStore; first: Lesson | undefined }) {
  const t = useT();
  return (
    <section className="welcome-card" aria-labelledby="welcome-title" data-testid="welcome">
      <div>
        <h2 id="welcome-title">{t('lessons.welcome.title')}</h2>
        <p>{t('lessons.welcome.body')}</p>
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={() => lessons.getState().answerWelcome('play')} data-testid="welcome-play">
          {t('lessons.welcome.play')}
        </button>
        {first ? (
          <button
            type="button"
            className="primary"
            onClick={() => {
              lessons.getState().answerWelcome('lesson');
              lessons.getState().start(first.id, 0);
            }}
            data-testid="welcome-start"
          >
            {t('lessons.welcome.start')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
