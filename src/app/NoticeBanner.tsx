import { translateDynamic, useLocale, useT } from '../i18n';
import { useAppStore } from '../store/context';
import type { Notice } from '../store/types';

/** A notice in the learner's language; its cause (a codec reason) is translated too. */
export function noticeText(locale: ReturnType<typeof useLocale>, n: Notice): string {
  const cause = n.cause ? translateDynamic(locale, n.cause.key, n.cause.vars) : '';
  const named = Object.fromEntries(Object.entries(n.keyVars ?? {}).map(([name, key]) => [name, translateDynamic(locale, key)]));
  return translateDynamic(locale, n.key, { ...n.vars, ...named, cause });
}

/** App-level messages (a rejected link or file, a failed worker). Text only, never HTML. */
export function NoticeBanner() {
  const notice = useAppStore((s) => s.notice);
  const notify = useAppStore((s) => s.notify);
  const locale = useLocale();
  const t = useT();
  if (!notice) return null;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      <span>{noticeText(locale, notice)}</span>
      {notice.detail ? <code className="notice-detail">{notice.detail}</code> : null}
      <button type="button" className="notice-close" onClick={() => notify(null)} aria-label={t('notice.dismiss')}>
        ×
      </button>
    </div>
  );
}
