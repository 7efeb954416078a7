import { useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { isMessageKey, useT, type TFunction } from '../../i18n';
import { Bias, Link, Neuron, NeuronZoom, ValueEditor, ZOOM, type OpenBias, type OpenWeight } from './diagramParts';
import { COL_W, NODE, SLOT_H, CAPTION_H, biasPosition, computeLayout, linkMidpoint } from './networkLayout';

/** One column of the diagram. */
export interface DiagramLayer {
  id: string;
  units: number;
  /** Activation id (see `ACTIVATIONS` in models/spec); unknown names are shown as-is. */
  activation: string;
  kind: 'input' | 'hidden' | 'output';
  /** Labels of input features, e.g. 'x₁', 'sin(x₁)', drawn left of the input neurons. */
  unitLabels?: string[];
}

/** Props of {@link NetworkDiagram}. */
export interface NetworkDiagramProps {
  /** Input first, output last. */
  layers: DiagramLayer[];
  /** kernels[i] connects layers[i] → layers[i+1], row-major [layers[i].units × layers[i+1].units]. */
  kernels: (Float32Array | null)[];
  /** biases[i] belongs to layers[i+1]. */
  biases: (Float32Array | null)[];
  /** Per layer (aligned with `layers`): units × g × g values in [−1, 1], unit-major. */
  neuronGrids: (Float32Array | null)[];
  /** g, the side of each neuron's grid. */
  gridSize: number;
  discretize?: boolean;
  /** Slot above each column, e.g. for +/− neuron controls. */
  renderLayerHeader?: (layerIndex: number) => ReactNode;
  /** A weight was edited; layerIndex is i of kernels[i]. */
  onEditWeight?: (layerIndex: number, from: number, to: number, value: number) => void;
  /** A bias was edited; layerIndex indexes `layers` (≥ 1). */
  onEditBias?: (layerIndex: number, unit: number, value: number) => void;
  onHoverNeuron?: (layerIndex: number, unit: number) => void;
  onLeaveNeuron?: () => void;
}

type Editing =
  | { kind: 'weight'; layer: number; from: number; to: number; value: number }
  | { kind: 'bias'; layer: number; unit: number; value: number };

function activationName(t: TFunction, activation: string): string {
  const key = `viz.act.${activation}`;
  return isMessageKey(key) ? t(key) : activation;
}

/** A typed array only counts when its length matches the current layer sizes (mid-rebuild it may not). */
function sized(arr: Float32Array | null | undefined, length: number): Float32Array | null {
  return arr && arr.length === length ? arr : null;
}

/**
 * TensorFlow Playground-style diagram: columns of neuron heatmaps, Bézier links coloured by sign and
 * thickened by |w|, bias squares, inline weight/bias editing and an enlarged heatmap on hover.
 * Links and biases are SVG; neurons, captions and overlays are absolutely positioned HTML on top
 * (plain canvases render the same in Chromium and jsdom, unlike canvases inside <foreignObject>).
 */
export function NetworkDiagram({
  layers,
  kernels,
  biases,
  neuronGrids,
  gridSize,
  discretize = false,
  renderLayerHeader,
  onEditWeight,
  onEditBias,
  onHoverNeuron,
  onLeaveNeuron,
}: NetworkDiagramProps) {
  const t = useT();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [hovered, setHovered] = useState<{ layer: number; unit: number } | null>(null);
  const returnFocus = useRef<Element | null>(null);

  // Callers often pass fresh arrow functions; read them through a ref so the memoised links,
  // biases and neurons keep stable handlers and skip re-rendering.
  const callbacks = useRef({ onEditWeight, onEditBias, onHoverNeuron, onLeaveNeuron });
  useLayoutEffect(() => {
    callbacks.current = { onEditWeight, onEditBias, onHoverNeuron, onLeaveNeuron };
  });

  // Geometry depends only on the sizes; the key keeps it (and every link path string) stable
  // while weights change every frame.
  const unitsKey = layers.map((l) => l.units).join(',');
  const withSlot = renderLayerHeader !== undefined;
  const layout = useMemo(
    () => computeLayout(unitsKey === '' ? [] : unitsKey.split(',').map(Number), withSlot),
    [unitsKey, withSlot],
  );

  const openWeight = useCallback<OpenWeight>((layer, from, to, value, el) => {
    returnFocus.current = el;
    setEditing({ kind: 'weight', layer, from, to, value });
  }, []);
  const openBias = useCallback<OpenBias>((layer, unit, value, el) => {
    returnFocus.current = el;
    setEditing({ kind: 'bias', layer, unit, value });
  }, []);
  const enterNeuron = useCallback((layer: number, unit: number) => {
    setHovered({ layer, unit });
    callbacks.current.onHoverNeuron?.(layer, unit);
  }, []);
  const leaveNeuron = useCallback(() => {
    setHovered(null);
    callbacks.current.onLeaveNeuron?.();
  }, []);

  const close = (byKey: boolean) => {
    setEditing(null);
    // Keyboard users land back on the link they opened; a click elsewhere keeps its own focus.
    const el = returnFocus.current as (Element & { focus?: () => void }) | null;
    if (byKey && el?.isConnected) el.focus?.();
    returnFocus.current = null;
  };
  const commit = (value: number, byKey: boolean) => {
    const e = editing;
    if (e?.kind === 'weight') callbacks.current.onEditWeight?.(e.layer, e.from, e.to, value);
    else if (e?.kind === 'bias') callbacks.current.onEditBias?.(e.layer, e.unit, value);
    close(byKey);
  };

  const hiddenNumber = (i: number) => layers.slice(0, i + 1).filter((l) => l.kind === 'hidden').length;
  const neuronLabel = (i: number, unit: number): string => {
    const layer = layers[i];
    const custom = layer.kind === 'input' ? layer.unitLabels?.[unit] : undefined;
    if (custom) return t('viz.net.inputNeuron', { label: custom });
    const name = layer.kind === 'output' ? t('viz.net.output') : layer.kind === 'input' ? t('viz.net.input') : t('viz.net.hidden', { n: i });
    return t('viz.net.neuron', { layer: name, unit: unit + 1, activation: activationName(t, layer.activation) });
  };

  const links = layout.links.map((perLayer, i) => {
    const nOut = layers[i + 1]?.units ?? 0;
    const kernel = sized(kernels[i], perLayer.length);
    const editable = onEditWeight !== undefined && kernel !== null;
    return perLayer.map((d, idx) => {
      const from = Math.floor(idx / nOut);
      const to = idx % nOut;
      return (
        <Link
          key={`${i}-${from}-${to}`}
          d={d}
          layer={i}
          from={from}
          to={to}
          weight={kernel ? kernel[idx] : null}
          editable={editable}
          onOpen={openWeight}
          t={t}
        />
      );
    });
  });

  const biasSquares = layers.map((layer, i) => {
    if (i === 0 || layer.kind === 'input') return null;
    const bias = sized(biases[i - 1], layer.units);
    const editable = onEditBias !== undefined && bias !== null;
    return Array.from({ length: layer.units }, (_, unit) => {
      const pos = biasPosition(layout, i, unit);
      if (!pos) return null;
      return (
        <Bias
          key={`b${i}-${unit}`}
          layer={i}
          unit={unit}
          x={pos[0]}
          y={pos[1]}
          value={bias ? bias[unit] : null}
          editable={editable}
          onOpen={openBias}
          t={t}
        />
      );
    });
  });

  let editor: ReactNode = null;
  if (editing) {
    const pos =
      editing.kind === 'weight'
        ? linkMidpoint(layout, editing.layer, editing.from, editing.to)
        : biasPosition(layout, editing.layer, editing.unit);
    if (pos) {
      const isWeight = editing.kind === 'weight';
      editor = (
        <ValueEditor
          key={isWeight ? `w${editing.layer}-${editing.from}-${editing.to}` : `b${editing.layer}-${editing.unit}`}
          left={isWeight ? pos[0] - 46 : pos[0] - 4}
          top={isWeight ? pos[1] - 13 : pos[1] + 12}
          label={t(isWeight ? 'viz.net.editWeight' : 'viz.net.editBias')}
          hint={t('viz.net.editHint')}
          initial={editing.value}
          onCommit={commit}
          onCancel={close}
        />
      );
    }
  }

  let zoom: ReactNode = null;
  const hoveredCol = hovered ? layout.columns[hovered.layer] : undefined;
  if (hovered && hoveredCol && hovered.unit < hoveredCol.tops.length) {
    const top = hoveredCol.tops[hovered.unit];
    const rightSide = hoveredCol.nodeLeft + NODE + 10;
    // Flip to the left of the neuron when the zoom would run past the diagram's right edge.
    const left = rightSide + ZOOM + 10 > layout.width ? hoveredCol.nodeLeft - ZOOM - 20 : rightSide;
    const g = gridSize * gridSize;
    zoom = (
      <NeuronZoom
        left={Math.max(0, left)}
        top={Math.max(0, Math.min(top - (ZOOM - NODE) / 2, layout.height - ZOOM - 24))}
        label={neuronLabel(hovered.layer, hovered.unit)}
        grid={sized(neuronGrids[hovered.layer], (layers[hovered.layer]?.units ?? 0) * g)}
        unit={hovered.unit}
        gridSize={gridSize}
        discretize={discretize}
      />
    );
  }

  const captionStyle = { fontSize: 11, lineHeight: '14px', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

  return (
    <div
      data-testid="network-diagram"
      data-tour="network"
      role="group"
      aria-label={t('viz.net.label')}
      style={{ position: 'relative', width: layout.width, height: layout.height }}
    >
      <svg
        width={layout.width}
        height={layout.height}
        style={{ position: 'absolute', left: 0, top: 0, overflow: 'visible' }}
      >
        <g>{links}</g>
        <g>{biasSquares}</g>
      </svg>

      {layers.map((layer, i) => {
        const col = layout.columns[i];
        if (!col) return null;
        const title =
          layer.kind === 'input'
            ? t('viz.net.input')
            : layer.kind === 'output'
              ? t('viz.net.output')
              : t('viz.net.hidden', { n: hiddenNumber(i) });
        const count = layer.units === 1 ? t('viz.net.unit') : t('viz.net.units', { n: layer.units });
        const detail = layer.kind === 'input' ? count : `${count} · ${activationName(t, layer.activation)}`;
        const g = gridSize * gridSize;
        const grid = sized(neuronGrids[i], layer.units * g);
        return (
          <div key={layer.id}>
            <div style={{ position: 'absolute', left: col.left, top: 0, width: COL_W, textAlign: 'center' }}>
              <div style={{ ...captionStyle, fontWeight: 600, color: '#333' }}>{title}</div>
              <div style={{ ...captionStyle, color: '#666', height: CAPTION_H - 14 }}>{detail}</div>
              {renderLayerHeader && (
                <div style={{ height: SLOT_H, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
                  {renderLayerHeader(i)}
                </div>
              )}
            </div>
            {col.tops.map((top, unit) => (
              <Neuron
                key={unit}
                layer={i}
                unit={unit}
                left={col.nodeLeft}
                top={top}
                label={neuronLabel(i, unit)}
                grid={grid}
                gridSize={gridSize}
                discretize={discretize}
                hovered={hovered?.layer === i && hovered.unit === unit}
                onEnter={enterNeuron}
                onLeave={leaveNeuron}
              />
            ))}
            {layer.kind === 'input' &&
              layer.unitLabels?.map((label, unit) =>
                unit < col.tops.length ? (
                  <div
                    key={`l${unit}`}
                    aria-hidden="true"
                    style={{
                      position: 'absolute',
                      left: 0,
                      width: col.nodeLeft - 6,
                      top: col.tops[unit],
                      height: NODE,
                      lineHeight: `${NODE}px`,
                      textAlign: 'right',
                      fontSize: 12,
                      color: '#333',
                      whiteSpace: 'nowrap',
                    }}
                  >
                    {label}
                  </div>
                ) : null,
              )}
          </div>
        );
      })}
      {zoom}
      {editor}
    </div>
  );
}
