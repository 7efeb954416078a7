import { translateDynamic, type Locale } from '../../i18n';
import { conditionErrorText } from '../conditionText';
import type { TeacherProblem } from './teacherLesson';

/** A problem as one readable line: where (step and field), then what is wrong. */
export function problemText(locale: Locale, p: TeacherProblem): string {
  const field = p.field ? translateDynamic(locale, `teacher.field.${p.field}`) : '';
  const where = p.step ? translateDynamic(locale, p.field ? 'teacher.where.stepField' : 'teacher.where.step', { n: p.step, field }) : p.field ? field : '';
  const vars = p.cond ? { ...p.vars, error: conditionErrorText(locale, p.cond, false) } : p.vars;
  const what = translateDynamic(locale, p.key, vars);
  return where ? translateDynamic(locale, 'teacher.where.join', { where, what }) : what;
}
