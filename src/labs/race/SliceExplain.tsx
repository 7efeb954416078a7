import { useT } from '../../i18n';

/** What the "your network" surface is: two filter-normalised random directions, why, and what it is not. */
export function SliceExplain() {
  const t = useT();
  return (
    <article className="race-slice-explain" data-testid="race-slice-explain">
      <h4>{t('slice.explain.title')}</h4>
      <p>{t('slice.explain.what')}</p>
      <p>{t('slice.explain.filter')}</p>
      <p>{t('slice.explain.caveat')}</p>
    </article>
  );
}
