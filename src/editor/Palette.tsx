import type { DragEvent } from 'react';
import { CATALOG, type LayerDef } from '../models/catalog';
import { useLocale, useT } from '../i18n';
import { LAYER_MIME } from './GraphEditor';
import { familyName, layerDesc, layerName } from './labels';
import { usePaletteDrag } from './paletteDrag';

/** Families in the order learners meet them; any family not listed follows, as the catalog grows. */
const FAMILY_ORDER = ['core', 'reshape', 'convolution', 'pooling', 'normalization', 'recurrent', 'attention', 'merge'];

/** Every catalog type, grouped by family (read at render time, so new types just appear). */
export function groupCatalog(catalog: Readonly<Record<string, LayerDef>> = CATALOG): [string, LayerDef[]][] {
  const groups = new Map<string, LayerDef[]>();
  for (const def of Object.values(catalog)) {
    const list = groups.get(def.family) ?? [];
    list.push(def);
    groups.set(def.family, list);
  }
  const rank = (f: string) => (FAMILY_ORDER.includes(f) ? FAMILY_ORDER.indexOf(f) : FAMILY_ORDER.length);
  return [...groups.entries()].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
}

export interface PaletteProps {
  /** Click (or Enter/Space): add the type after the selected layer. */
  onAdd(type: string): void;
}

/**
 * The layer palette: drag an item onto the canvas (a mouse by HTML5 drag and drop, a finger or pen
 * by Pointer Events: paletteDrag.ts), or activate it to append after the selection.
 */
export function Palette({ onAdd }: PaletteProps) {
  const t = useT();
  const locale = useLocale();
  const touch = usePaletteDrag(onAdd);
  const onDragStart = (e: DragEvent<HTMLButtonElement>, type: string) => {
    e.dataTransfer.setData(LAYER_MIME, type);
    e.dataTransfer.setData('text/plain', type);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="palette" aria-labelledby="palette-title" data-testid="palette" data-tour="palette">
      <h2 id="palette-title">{t('editor.palette.title')}</h2>
      <p className="hint">{t('editor.palette.hint')}</p>
      {groupCatalog().map(([family, defs]) => (
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
                    onPointerDown={(e) => touch.onPointerDown(e, def.type)}
                    onPointerMove={touch.onPointerMove}
                    onPointerUp={touch.onPointerUp}
                    onPointerCancel={touch.onPointerCancel}
                    onClick={() => touch.clickEndsDrag() || onAdd(def.type)}
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
