import { useMemo } from 'react';
import { analyze } from '../models/analysis';
import { openTemplate } from '../models/openTemplate';
import { TEMPLATES, templateModality, type TemplateDef } from '../models/templates';
import { templateDataNotice } from '../store/notices';
import { translateDynamic, useLocale, useT } from '../i18n';
import { useAppStoreApi } from '../store/context';
import { useModalDialog } from '../ui/useModalDialog';

const FAMILIES: TemplateDef['family'][] = ['mlp', 'cnn', 'rnn', 'transformer', 'recommender'];

/** Classic architectures, each with what made it historic; opening one is one undoable edit. */
export function TemplateDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const locale = useLocale();
  const store = useAppStoreApi();
  const dialog = useModalDialog();
  const params = useMemo(() => new Map(TEMPLATES.map((tp) => [tp.id, analyze(tp.network()).totalParams])), []);
  const open = (template: TemplateDef) => {
    const s = store.getState();
    const before = s.experiment;
    s.apply({ type: 'replace', experiment: openTemplate(before, template) });
    // Say when the template brought its own data, so the dataset change is no surprise.
    s.notify(templateDataNotice(before, store.getState().experiment, template));
    onClose();
  };
  return (
    <dialog ref={dialog} className="template-dialog" aria-labelledby="templates-title" onClose={onClose} onCancel={onClose} data-testid="template-dialog">
      <h2 id="templates-title">{t('tpl.title')}</h2>
      {FAMILIES.map((family) => (
        <section key={family}>
          <h3>{t(`tpl.family.${family}`)}</h3>
          <div className="template-cards">
            {TEMPLATES.filter((tp) => tp.family === family).map((tp) => (
              <article key={tp.id} className="template-card">
                <h4>{translateDynamic(locale, `template.${tp.id}.name`)}</h4>
                <p className="hint">
                  {t('net.params', { n: (params.get(tp.id) ?? 0).toLocaleString(locale) })} · {t('tpl.dataLabel', { data: t(`tpl.data.${templateModality(tp)}`) })}
                </p>
                <p>{translateDynamic(locale, tp.noteKey)}</p>
                <button type="button" className="primary" onClick={() => open(tp)} data-testid={`template-${tp.id}`}>
                  {t('tpl.open')}
                </button>
              </article>
            ))}
          </div>
        </section>
      ))}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('share.close')}
        </button>
      </div>
    </dialog>
  );
}
