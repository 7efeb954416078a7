import { Suspense, useState } from 'react';
import { modalityOf } from '../../data/datasetSpec';
import { useT } from '../../i18n';
import { useAppStore } from '../../store/context';
import { TOOL_TABS } from './registry';
import './ToolsPanel.css';

/**
 * Tools on the trained network, under the lab (issue 16): one tab per tool that applies to this
 * lab's network (registry.ts). Folded by default; a tab's component loads when first shown.
 */
export function ToolsPanel() {
  const t = useT();
  const modality = useAppStore((s) => modalityOf(s.experiment.dataset.kind));
  const tabs = TOOL_TABS.filter((tab) => tab.labs.includes(modality));
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  if (tabs.length === 0) return null;
  const active = tabs.find((tab) => tab.id === chosen) ?? tabs[0];
  return (
    <section className="panel tools-panel" data-testid="tools-panel" data-tour="tools" aria-labelledby="tools-title">
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <h2 id="tools-title">{t('tools.title')}</h2>
          <span className="hint">{t('tools.subtitle')}</span>
        </summary>
        {open ? (
          <>
            <div className="tools-tabs" role="tablist" aria-label={t('tools.title')}>
              {tabs.map((tab) => (
                <button
                  key={tab.id}
                  type="button"
                  role="tab"
                  id={`tool-tab-${tab.id}`}
                  aria-selected={tab === active}
                  aria-controls={`tool-pane-${tab.id}`}
                  data-testid={`tool-tab-${tab.id}`}
                  className={tab === active ? 'active' : ''}
                  onClick={() => setChosen(tab.id)}
                >
                  {t(tab.label)}
                </button>
              ))}
            </div>
            <div className="tools-pane" role="tabpanel" id={`tool-pane-${active.id}`} aria-labelledby={`tool-tab-${active.id}`}>
              <Suspense fallback={<p className="hint">…</p>}>
                <active.Component />
              </Suspense>
            </div>
          </>
        ) : null}
      </details>
    </section>
  );
}
