import { translate, type Locale, type MessageKey } from '../i18n';
import type { ConditionFailure } from './conditions';

/** Vars that name a value type (number, string, boolean), shown in the reader's language. */
const TYPE_VARS = ['type', 'leftType', 'rightType'];

/**
 * Why a condition does not parse, in the reader's language (conditions.ts keeps the reason as a
 * code and vars; its `error` stays English for the validator). With `where`, the position is added
 * as the author counts it (the first character is 1).
 */
export function conditionErrorText(locale: Locale, failure: Pick<ConditionFailure, 'code' | 'vars' | 'at'>, where = true): string {
  const vars: Record<string, string | number> = { ...failure.vars };
  for (const name of TYPE_VARS) {
    if (typeof vars[name] === 'string') vars[name] = translate(locale, `cond.type.${vars[name]}` as MessageKey);
  }
  const error = translate(locale, `cond.err.${failure.code}` as MessageKey, vars);
  return where ? translate(locale, 'cond.at', { error, pos: failure.at + 1 }) : error;
}
