import { canConnect, type GraphChange } from '../models/graphEdits';
import { layerDef } from '../models/catalog';
import type { LayerNode, NetworkSpec } from '../models/spec';
import { useT } from '../i18n';
import { useAppStore } from '../store/context';

/**
 * The selected layer's inputs as form controls, so a network can be wired with the keyboard alone
 * (dragging between handles needs a pointer). Only sources that can be valid are offered.
 */
export function InputsEditor({ node, spec }: { node: LayerNode; spec: NetworkSpec }) {
  const t = useT();
  const apply = useAppStore((s) => s.apply);
  const def = layerDef(node.type);
  const max = def ? def.arity[1] : 0;
  if (max === 0) return null;
  const others = spec.nodes.filter((n) => n.id !== node.id);
  const choices = (slot?: number) => others.filter((n) => n.id === node.inputs[slot ?? -1] || !canConnect(spec, n.id, node.id, slot));
  const graph = (change: GraphChange) => apply({ type: 'graph', change });
  return (
    <fieldset className="inspector-inputs" data-testid="inspector-inputs">
      <legend>{t('editor.inputs.title')}</legend>
      {node.inputs.map((src, i) => (
        <div key={`${i}:${src}`} className="inspector-input-row">
          <select
            aria-label={t('editor.inputs.slot', { n: i + 1 })}
            value={src}
            onChange={(e) => graph({ type: 'connect', source: e.target.value, target: node.id, targetHandleIndex: i })}
          >
            {!others.some((n) => n.id === src) ? <option value={src}>{src}</option> : null}
            {choices(i).map((n) => (
              <option key={n.id} value={n.id}>
                {n.id}
              </option>
            ))}
          </select>
          <button type="button" aria-label={t('editor.inputs.remove', { id: src })} onClick={() => graph({ type: 'disconnect', source: src, target: node.id })}>
            ×
          </button>
        </div>
      ))}
      {node.inputs.length < max ? (
        <select
          aria-label={t('editor.inputs.add')}
          value=""
          onChange={(e) => e.target.value && graph({ type: 'connect', source: e.target.value, target: node.id })}
          data-testid="inspector-add-input"
        >
          <option value="">{t('editor.inputs.add')}</option>
          {choices().map((n) => (
            <option key={n.id} value={n.id}>
              {n.id}
            </option>
          ))}
        </select>
      ) : null}
    </fieldset>
  );
}
