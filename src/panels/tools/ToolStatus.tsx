import { isMessageKey, useT } from '../../i18n';
import type { ToolState } from '../../store/types';

/** A tool's progress while it runs, or why it gave no result (for every tool tab). */
export function ToolStatus({ state }: { state: Pick<ToolState, 'status' | 'progress' | 'error' | 'detail'> }) {
  const t = useT();
  if (state.status === 'computing') {
    return (
      <p className="hint" role="status">
        <progress max={1} value={state.progress} aria-label={t('tools.computing')} /> {t('tools.computing')}
      </p>
    );
  }
  if (state.status !== 'error' || !state.error) return null;
  const why = state.error === 'unsupported' && state.detail && isMessageKey(state.detail) ? t(state.detail) : null;
  return (
    <p className="tool-error" role="alert" data-testid="tool-error">
      {t(`tools.error.${state.error}`)}
      {why ? ` ${why}` : state.error === 'failed' && state.detail ? ` (${state.detail})` : ''}
    </p>
  );
}
