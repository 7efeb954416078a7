import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { formatShape } from '../models/catalog';
import type { NodeInfo } from '../models/analysis';
import type { LayerNode as SpecNode } from '../models/spec';
import { translateDynamic, useLocale, useT } from '../i18n';
import { formatInt, layerDesc, layerName } from './labels';
import './frozen.css';

export interface LayerNodeData extends Record<string, unknown> {
  node: SpecNode;
  info: NodeInfo | undefined;
  /** Input handles to draw (the type's maximum arity, at most 8). */
  slots: number;
}

export type LayerFlowNode = Node<LayerNodeData, 'layer'>;

/** Handle ids: `in-0` … for inputs in order, `out` for the output. */
export const inHandle = (i: number) => `in-${i}`;
export const OUT_HANDLE = 'out';

/** One layer on the canvas: name, id, output shape, parameter count and what is wrong, if anything. */
function LayerNodeView({ data, selected }: NodeProps<LayerFlowNode>) {
  const t = useT();
  const locale = useLocale();
  const { node, info, slots } = data;
  const error = info?.error;
  const errorId = `node-error-${node.id}`;
  const frozen = node.trainable === false;
  return (
    <div
      className={`layer-node${error ? ' has-error' : ''}${selected ? ' is-selected' : ''}${frozen ? ' is-frozen' : ''}`}
      data-testid={`layer-node-${node.id}`}
      title={layerDesc(locale, node.type)}
      aria-describedby={error ? errorId : undefined}
    >
      {Array.from({ length: slots }, (_, i) => (
        <Handle
          key={i}
          type="target"
          id={inHandle(i)}
          position={Position.Left}
          style={{ top: `${((i + 1) / (slots + 1)) * 100}%` }}
          // A tooltip, not aria-label: React Flow renders the handle as a plain <div> (no role), where
          // aria-label is prohibited (axe: aria-prohibited-attr). Connections by keyboard go through
          // the inputs editor (InputsEditor.tsx); the handle is a pointer target.
          title={t('editor.node.input', { n: i + 1 })}
        />
      ))}
      <div className="layer-node-head">
        <span className="layer-node-name">{layerName(locale, node.type)}</span>
        {frozen ? (
          <span className="layer-node-frozen" role="img" aria-label={t('editor.node.frozen')} title={t('editor.node.frozen')} data-testid={`node-frozen-${node.id}`}>
            ❄
          </span>
        ) : null}
        {error ? (
          <span className="layer-node-badge" aria-hidden="true" title={t('editor.node.error')}>
            !
          </span>
        ) : null}
      </div>
      <div className="layer-node-id">{node.id}</div>
      <div className="layer-node-stats">
        <span className="layer-node-shape" data-testid={`node-shape-${node.id}`} title={t('editor.node.shape')}>
          {info?.shape ? formatShape(info.shape) : '—'}
        </span>
        <span className="layer-node-params" data-testid={`node-params-${node.id}`}>
          {t('editor.node.params', { n: formatInt(locale, info?.params ?? 0) })}
        </span>
      </div>
      {error ? (
        <div className="layer-node-error" id={errorId} data-testid={`node-error-${node.id}`}>
          {translateDynamic(locale, error.key, error.vars)}
        </div>
      ) : null}
      <Handle type="source" id={OUT_HANDLE} position={Position.Right} />
    </div>
  );
}

export const LayerNodeComponent = memo(LayerNodeView);
