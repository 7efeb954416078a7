import { useState } from 'react';
import { LAYER_ID_MAX } from '../models/layerId';
import { renameError } from '../models/graphEdits';
import type { LayerError } from '../models/catalog';
import type { NetworkSpec } from '../models/spec';
import { translateDynamic, useLocale, useT } from '../i18n';
import { useAppStore } from '../store/context';

/**
 * The selected layer's name (its id), editable: checked against the id rule and the other names
 * while typing, applied on Enter or leaving the field as one undoable edit that updates every
 * connection to the layer.
 */
export function NameField({ id, spec, onRenamed }: { id: string; spec: NetworkSpec; onRenamed(to: string): void }) {
  const t = useT();
  const locale = useLocale();
  const apply = useAppStore((s) => s.apply);
  const [draft, setDraft] = useState(id);
  const [shown, setShown] = useState(id);
  const [error, setError] = useState<LayerError | null>(null);
  // Another layer selected, or the name changed elsewhere (undo): show the current name.
  if (shown !== id) {
    setShown(id);
    setDraft(id);
    setError(null);
  }
  const commit = () => {
    const to = draft.trim();
    if (to === id) return setError(null);
    const err = renameError(spec, id, to);
    setError(err);
    if (err) return;
    apply({ type: 'graph', change: { type: 'rename', id, to } });
    onRenamed(to);
  };
  return (
    <div className={`inspector-field kind-name${error ? ' has-error' : ''}`}>
      <label htmlFor="layer-name">{t('editor.inspector.id')}</label>
      <input
        id="layer-name"
        type="text"
        value={draft}
        maxLength={LAYER_ID_MAX + 8}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'layer-name-error' : 'layer-name-help'}
        data-testid="layer-name"
        onChange={(e) => {
          setDraft(e.target.value);
          setError(e.target.value.trim() === id ? null : renameError(spec, id, e.target.value.trim()));
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(id);
            setError(null);
          }
        }}
        onBlur={commit}
      />
      {error ? (
        <p id="layer-name-error" className="inspector-error" role="alert" data-testid="layer-name-error">
          {translateDynamic(locale, error.key, error.vars)}
        </p>
      ) : (
        <p id="layer-name-help" className="hint inspector-help">
          {t('editor.inspector.nameHint')}
        </p>
      )}
    </div>
  );
}
