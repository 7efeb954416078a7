import type { EditorPolicy } from '../models/editorPolicy';
import { knownTypes } from '../models/editorPolicy';
import { CATALOG } from '../models/catalog';
import { groupCatalog } from '../editor/catalogGroups';
import { familyName, layerName } from '../editor/labels';
import { useLocale, useT } from '../i18n';
import './share-policy.css';

/**
 * The Share dialog's graph-editor rules: which layer types the student's palette offers
 * (grouped as the palette groups them; all by default) and whether students may edit the network.
 */
export function ShareEditorPolicy({ policy, onChange }: { policy: EditorPolicy; onChange(p: EditorPolicy): void }) {
  const t = useT();
  const locale = useLocale();
  const all = Object.keys(CATALOG);
  const offered = policy.palette ?? all;
  const setPalette = (types: string[]) => onChange({ ...policy, palette: types.length === all.length ? null : knownTypes(types) });
  const toggle = (type: string) => setPalette(offered.includes(type) ? offered.filter((x) => x !== type) : [...offered, type]);
  return (
    <div className="share-editor-policy" data-testid="share-editor-policy">
      <label className="share-edit-toggle">
        <input type="checkbox" checked={policy.edit} onChange={(e) => onChange({ ...policy, edit: e.target.checked })} data-testid="share-may-edit" /> {t('teacher.share.mayEdit')}
      </label>
      <p className="hint">{t('teacher.share.mayEditHint')}</p>
      <fieldset className="share-palette" disabled={!policy.edit}>
        <legend>
          {t('teacher.share.palette')}
          <span className="share-count"> · {policy.palette ? t('teacher.share.paletteCount', { n: offered.length, m: all.length }) : t('teacher.share.paletteAll')}</span>
        </legend>
        <label>
          <input type="checkbox" checked={policy.palette === null} onChange={(e) => setPalette(e.target.checked ? all : [])} data-testid="share-palette-all" /> {t('teacher.share.paletteAllBox')}
        </label>
        {groupCatalog().map(([family, defs]) => (
          <div key={family} className="share-palette-family" role="group" aria-label={familyName(locale, family)}>
            <span className="share-palette-family-name">{familyName(locale, family)}</span>
            {defs.map((d) => (
              <label key={d.type}>
                <input
                  type="checkbox"
                  checked={offered.includes(d.type)}
                  onChange={() => toggle(d.type)}
                  aria-label={t('teacher.share.offer', { name: layerName(locale, d.type) })}
                  data-testid={`share-palette-${d.type}`}
                />{' '}
                {layerName(locale, d.type)}
              </label>
            ))}
          </div>
        ))}
      </fieldset>
    </div>
  );
}
