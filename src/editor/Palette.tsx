import type { DragEvent, PointerEvent } from 'react';
import { useLocale, useT } from '../i18n';
import { groupCatalog, LAYER_MIME } from './catalogGroups';
import { familyName, layerDesc, layerName } from './labels';
import { usePaletteDrag } from './paletteDrag';
import { useEditorPolicy } from './useEditorPolicy';

export interface PaletteProps {
  /** Click (or Enter/Space): add the type after the selected layer. */
  onAdd(type: string): void;
  /** A read-only editor (a teacher's link): a drag is refused, and this says why. */
  onRefuse?(): void;
}

/**
 * The layer palette: drag an item onto the canvas (a mouse by HTML5 drag and drop, a finger or pen
 * by Pointer Events: paletteDrag.ts), or activate it to append after the selection.
 */
export function Palette({ onAdd, onRefuse }: PaletteProps) {
  const t = useT();
  const locale = useLocale();
  // A teacher's link may offer only some layer types, or none to add at all (read-only).
  const policy = useEditorPolicy();
  const groups = groupCatalog()
    .map(([family, defs]) => [family, policy.palette ? defs.filter((d) => policy.palette!.includes(d.type)) : defs] as const)
    .filter(([, defs]) => defs.length > 0);
  // Read-only: a finger's tap is refused like a click; no touch drag starts.
  const touch = usePaletteDrag(policy.edit ? onAdd : () => onRefuse?.());
  const onDragStart = (e: DragEvent<HTMLButtonElement>, type: string) => {
    if (!policy.edit) {
      e.preventDefault();
      onRefuse?.();
      return;
    }
    e.dataTransfer.setData(LAYER_MIME, type);
    e.dataTransfer.setData('text/plain', type);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className={`palette${policy.edit ? '' : ' read-only'}`} aria-labelledby="palette-title" data-testid="palette" data-tour="palette" data-read-only={!policy.edit}>
      <h2 id="palette-title">{t('editor.palette.title')}</h2>
      <p className="hint">{t(policy.edit ? 'editor.palette.hint' : 'teacher.readOnly.palette')}</p>
      {policy.palette ? <p className="hint" data-testid="palette-restricted">{t('teacher.palette.restricted')}</p> : null}
      {groups.map(([family, defs]) => (
        <div key={family} className="palette-group" role="group" aria-labelledby={`palette-family-${family}`}>
          <h3 id={`palette-family-${family}`} className="group-title">
            {familyName(locale, family)}
          </h3>
          <ul>
            {defs.map((def) => {
              const name = layerName(locale, def.type);
              return (
                <li key={def.type}>
                  <button
                    type="button"
                    className="palette-item"
                    draggable
                    onDragStart={(e) => onDragStart(e, def.type)}
                    {...(policy.edit
                      ? {
                          onPointerDown: (e: PointerEvent<HTMLButtonElement>) => touch.onPointerDown(e, def.type),
                          onPointerMove: touch.onPointerMove,
                          onPointerUp: touch.onPointerUp,
                          onPointerCancel: touch.onPointerCancel,
                        }
                      : {})}
                    onClick={() => touch.clickEndsDrag() || (policy.edit ? onAdd(def.type) : onRefuse?.())}
                    aria-disabled={policy.edit ? undefined : true}
                    title={layerDesc(locale, def.type)}
                    aria-label={t('editor.palette.add', { name })}
                    data-testid={`palette-${def.type}`}
                  >
                    {name}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
      {touch.drag ? (
        <div className="palette-ghost" style={{ left: touch.drag.x, top: touch.drag.y }} aria-hidden="true" data-testid="palette-ghost">
          {layerName(locale, touch.drag.type)}
        </div>
      ) : null}
    </nav>
  );
}
