import type { Locale } from '../../i18n';
import { useT } from '../../i18n';

/** A teacher's lesson, not the curriculum's: said in the panel, with the language it was written in. */
export function TeacherMark({ lang }: { lang: Locale }) {
  const t = useT();
  return (
    <span className="teacher-mark" data-testid="teacher-mark" title={t('teacher.mark.title', { language: t(`teacher.lang.${lang}`) })}>
      {t('teacher.mark')}
    </span>
  );
}
