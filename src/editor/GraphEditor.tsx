import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import {
  applyNodeChanges,
  Background,
  ReactFlow,
  useReactFlow,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './editor.css';
import { analyze } from '../models/analysis';
import { parameterCounts } from '../models/transfer';
import { estimateMacs, formatBytes, formatCount, weightBytes } from '../models/cost';
import { inputSlots, type Position } from '../models/graphEdits';
import type { LayerNode as SpecNode } from '../models/spec';
import { useLocale, useT } from '../i18n';
import { useAppStore, useAppStoreApi } from '../store/context';
import { formatInt } from './labels';
import { displayPositions, frameViewport, layoutIncomplete, tidyLayout, ZOOM_LIMITS } from './layout';
import { inHandle, LayerNodeComponent, OUT_HANDLE, type LayerFlowNode } from './LayerNode';
import { useConnections } from './useConnections';
import { LAYER_DROP_EVENT, type LayerDropDetail } from './paletteDrag';
import { useEditorPolicy } from './useEditorPolicy';
import { LAYER_MIME } from './catalogGroups';

/** The drag-and-drop payload type a palette item carries. */
export { LAYER_MIME };

const nodeTypes = { layer: LayerNodeComponent };

const edgeId = (source: string, target: string, i: number) => `${source}->${target}#${i}`;
const isTextField = (el: EventTarget | null) =>
  el instanceof HTMLElement && (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.isContentEditable);

export interface GraphEditorProps {
  selected: string[];
  onSelect(ids: string[]): void;
  /** Add a layer of `type`; at `position` (a drop) or after the selected layer (no position). */
  onAdd(type: string, position?: Position): void;
  /** The status line's text, and how to set it (shared with the palette's clicks). */
  status: string | null;
  say(text: string): void;
}

/** The React Flow canvas of the Experiment's network, with its toolbar, status line and totals. */
export function GraphEditor({ selected, onSelect, onAdd, status, say }: GraphEditorProps) {
  const t = useT();
  const locale = useLocale();
  const storeApi = useAppStoreApi();
  const network = useAppStore((s) => s.experiment.network);
  const apply = useAppStore((s) => s.apply);
  const active = useAppStore((s) => s.editorTab === 'graph');
  const { zoomIn, zoomOut, setViewport, screenToFlowPosition } = useReactFlow();
  const canvas = useRef<HTMLDivElement>(null);
  // A teacher's read-only link: look, select and train; no move, connect, delete or paste.
  const editable = useEditorPolicy().edit;

  const analysis = useMemo(() => analyze(network), [network]);
  const frozenCount = network.nodes.filter((n) => n.trainable === false).length;
  const positions = useMemo(() => displayPositions(network), [network]);
  const macs = useMemo(() => estimateMacs(network, analysis), [network, analysis]);

  // React Flow measures nodes and moves them while dragging; that lives here until a drop commits it.
  const [flow, setFlow] = useState<{ base: LayerFlowNode[] | null; nodes: LayerFlowNode[] }>({ base: null, nodes: [] });
  const [selectedEdges, setSelectedEdges] = useState<string[]>([]);
  const clipboard = useRef<{ nodes: SpecNode[]; layout: Record<string, Position> } | null>(null);

  const base = useMemo<LayerFlowNode[]>(
    () =>
      network.nodes.map((n) => ({
        id: n.id,
        type: 'layer',
        position: positions[n.id],
        data: { node: n, info: analysis.nodes[n.id], slots: inputSlots(n.type) },
        selected: selected.includes(n.id),
        ariaLabel: n.id,
      })),
    [network, positions, analysis, selected],
  );
  // The spec (or the selection) changed: rebuild the flow nodes, keeping sizes and any drag in
  // progress. Between such changes React Flow's own changes apply to `flow.nodes`, which keeps
  // untouched nodes the same objects, so dragging one node of 200 re-renders one node.
  let nodes = flow.nodes;
  if (flow.base !== base) {
    const prev = new Map(flow.nodes.map((n) => [n.id, n]));
    nodes = base.map((b) => {
      const p = prev.get(b.id);
      if (!p) return b;
      return p.dragging ? { ...b, measured: p.measured, position: p.position, dragging: true } : { ...b, measured: p.measured };
    });
    setFlow({ base, nodes });
  }

  const edges = useMemo<Edge[]>(() => {
    const ids = new Set(network.nodes.map((n) => n.id));
    return network.nodes.flatMap((n) => {
      const slots = inputSlots(n.type);
      if (slots === 0) return [];
      return n.inputs.flatMap((src, i) => {
        if (!ids.has(src)) return [];
        const id = edgeId(src, n.id, i);
        const bad = analysis.nodes[n.id]?.error !== undefined;
        return [{ id, source: src, target: n.id, sourceHandle: OUT_HANDLE, targetHandle: inHandle(Math.min(i, slots - 1)), selected: selectedEdges.includes(id), className: bad ? 'edge-bad' : undefined }];
      });
    });
  }, [network, analysis, selectedEdges]);

  /** Save where nodes are drawn; pins every node while the saved layout is incomplete. */
  const commitPositions = useCallback(
    (moved: Record<string, Position>) => {
      const spec = storeApi.getState().experiment.network;
      const all = layoutIncomplete(spec) ? { ...displayPositions(spec), ...moved } : moved;
      apply({ type: 'graph', change: { type: 'move', positions: all } });
    },
    [apply, storeApi],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<LayerFlowNode>[]) => {
      const sel = changes.filter((c) => c.type === 'select');
      if (sel.length) {
        const next = new Set(selected);
        for (const c of sel) {
          if (c.selected) next.add(c.id);
          else next.delete(c.id);
        }
        onSelect([...next]);
      }
      const rest = changes.filter((c) => c.type === 'position' || c.type === 'dimensions');
      if (rest.length) setFlow((f) => ({ base: f.base, nodes: applyNodeChanges(rest, f.nodes) }));
      // A drop (or a keyboard move) ends with `dragging: false`: one undo step for the whole move.
      const done: Record<string, Position> = {};
      for (const c of changes) if (c.type === 'position' && c.dragging === false && c.position) done[c.id] = c.position;
      if (Object.keys(done).length) commitPositions(done);
    },
    [selected, onSelect, commitPositions],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const sel = changes.filter((c) => c.type === 'select');
      if (!sel.length) return;
      setSelectedEdges((prev) => {
        const next = new Set(prev);
        for (const c of sel) {
          if (c.selected) next.add(c.id);
          else next.delete(c.id);
        }
        return [...next];
      });
    },
    [],
  );

  const { isValidConnection, onConnect, onConnectEnd } = useConnections(say);

  const removeSelected = useCallback(() => {
    if (selected.length) {
      apply({ type: 'graph', change: { type: 'removeNodes', ids: selected } });
      onSelect([]);
      return;
    }
    for (const id of selectedEdges) {
      const e = edges.find((x) => x.id === id);
      if (e) apply({ type: 'graph', change: { type: 'disconnect', source: e.source, target: e.target } });
    }
    setSelectedEdges([]);
  }, [selected, selectedEdges, edges, apply, onSelect]);

  /** Apply a change that adds nodes and select what it added. */
  const addAndSelect = useCallback(
    (run: () => void) => {
      const before = new Set(storeApi.getState().experiment.network.nodes.map((n) => n.id));
      run();
      const added = storeApi.getState().experiment.network.nodes.filter((n) => !before.has(n.id)).map((n) => n.id);
      if (added.length) onSelect(added);
    },
    [storeApi, onSelect],
  );

  const duplicate = useCallback(() => {
    if (!selected.length) return;
    addAndSelect(() => {
      const spec = storeApi.getState().experiment.network;
      apply({ type: 'graph', change: { type: 'duplicate', ids: selected, pin: layoutIncomplete(spec) ? displayPositions(spec) : undefined } });
    });
  }, [selected, addAndSelect, apply, storeApi]);

  const copy = useCallback(() => {
    const spec = storeApi.getState().experiment.network;
    const picked = spec.nodes.filter((n) => selected.includes(n.id));
    if (!picked.length) return false;
    const shown = displayPositions(spec);
    clipboard.current = { nodes: structuredClone(picked), layout: Object.fromEntries(picked.map((n) => [n.id, shown[n.id]])) };
    say(t('editor.copied', { n: picked.length }));
    return true;
  }, [selected, storeApi, say, t]);

  const paste = useCallback(() => {
    const clip = clipboard.current;
    if (!clip) return;
    addAndSelect(() => {
      const spec = storeApi.getState().experiment.network;
      const pin = layoutIncomplete(spec) ? displayPositions(spec) : undefined;
      apply({ type: 'graph', change: { type: 'paste', nodes: clip.nodes, layout: clip.layout, pin } });
    });
    // The next paste lands a step further, not on top of this one.
    clipboard.current = { ...clip, layout: Object.fromEntries(Object.entries(clip.layout).map(([id, p]) => [id, { x: p.x + 40, y: p.y + 40 }])) };
  }, [addAndSelect, apply, storeApi]);

  /** Frame the graph (see frameViewport); `duration` animates the move. */
  const frame = useCallback(
    (duration = 0) => {
      const el = canvas.current;
      const view = el && frameViewport(Object.values(displayPositions(storeApi.getState().experiment.network)), el.clientWidth, el.clientHeight);
      if (view) void setViewport(view, { duration });
    },
    [storeApi, setViewport],
  );

  const tidy = useCallback(() => {
    apply({ type: 'graph', change: { type: 'move', positions: tidyLayout(storeApi.getState().experiment.network), replace: true } });
    requestAnimationFrame(() => frame(200));
  }, [apply, storeApi, frame]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (isTextField(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (!editable) {
        const edits = ((e.key === 'Delete' || e.key === 'Backspace') && !mod) || (mod && (key === 'd' || key === 'v') && !e.shiftKey);
        if (edits) {
          e.preventDefault();
          say(t('teacher.readOnly.refused'));
        }
        return;
      }
      if ((e.key === 'Delete' || e.key === 'Backspace') && !mod) {
        if (!selected.length && !selectedEdges.length) return;
        e.preventDefault();
        removeSelected();
      } else if (mod && key === 'd' && !e.shiftKey) {
        e.preventDefault();
        duplicate();
      } else if (mod && key === 'c' && !e.shiftKey) {
        if (copy()) e.preventDefault();
      } else if (mod && key === 'v' && !e.shiftKey) {
        if (!clipboard.current) return;
        e.preventDefault();
        paste();
      }
      // Ctrl/Cmd+Z and Shift+Z reach the app's global undo/redo untouched.
    },
    [selected, selectedEdges, removeSelected, duplicate, copy, paste, editable, say, t],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(LAYER_MIME) || !editable) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, [editable]);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(LAYER_MIME);
      if (!type) return;
      e.preventDefault();
      onAdd(type, screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    },
    [onAdd, screenToFlowPosition],
  );

  // A palette item dragged by a finger or pen ends here (paletteDrag.ts): the same as a mouse's drop.
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const onLayerDrop = (e: Event) => {
      const { type, clientX, clientY } = (e as CustomEvent<LayerDropDetail>).detail;
      e.preventDefault();
      if (editable) onAdd(type, screenToFlowPosition({ x: clientX, y: clientY }));
    };
    el.addEventListener(LAYER_DROP_EVENT, onLayerDrop);
    return () => el.removeEventListener(LAYER_DROP_EVENT, onLayerDrop);
  }, [onAdd, screenToFlowPosition, editable]);

  // A view kept mounted but hidden has nothing to fit; fit again each time it is shown.
  useEffect(() => {
    if (!active) return;
    const raf = requestAnimationFrame(() => frame());
    return () => cancelAnimationFrame(raf);
  }, [active, frame]);

  const hasSelection = selected.length > 0 || selectedEdges.length > 0;
  return (
    <section className="graph-editor" aria-label={t('editor.canvas')} onKeyDown={onKeyDown}>
      <div className="graph-toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
        <button type="button" onClick={() => void zoomIn()} aria-label={t('editor.zoomIn')} title={t('editor.zoomIn')}>
          +
        </button>
        <button type="button" onClick={() => void zoomOut()} aria-label={t('editor.zoomOut')} title={t('editor.zoomOut')}>
          −
        </button>
        <button type="button" onClick={() => frame(200)} aria-label={t('editor.fitView')} title={t('editor.fitView')}>
          ⤢
        </button>
        <button type="button" onClick={tidy} disabled={!network.nodes.length || !editable} data-testid="editor-tidy">
          {t('editor.tidy')}
        </button>
        <button type="button" onClick={removeSelected} disabled={!hasSelection || !editable} data-testid="editor-delete">
          {t('editor.delete')}
        </button>
        <button type="button" onClick={duplicate} disabled={!selected.length || !editable} data-testid="editor-duplicate">
          {t('editor.duplicate')}
        </button>
        <span className="graph-status" role="status" data-testid="editor-status">
          {status}
        </span>
      </div>
      <div ref={canvas} className="graph-canvas" data-read-only={!editable} onDragOver={onDragOver} onDrop={onDrop} data-testid="graph-canvas" data-tour="canvas">
        <ReactFlow<LayerFlowNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          deleteKeyCode={null}
          nodesDraggable={editable}
          nodesConnectable={editable}
          edgesReconnectable={editable}
          minZoom={ZOOM_LIMITS.min}
          maxZoom={ZOOM_LIMITS.max}
          zoomOnPinch
          panOnDrag
        >
          <Background gap={20} size={1} />
        </ReactFlow>
        {network.nodes.length === 0 ? <p className="graph-empty hint">{t('editor.empty')}</p> : null}
      </div>
      <footer className="graph-totals" aria-label={t('editor.totals')} data-testid="editor-totals">
        <span>{t('editor.totals.layers', { n: network.nodes.length })}</span>
        <span data-testid="total-params">{t('editor.totals.params', { n: formatInt(locale, analysis.totalParams) })}</span>
        {frozenCount ? (
          <span className="totals-trainable" data-testid="total-trainable">
            {t('editor.totals.trainable', { n: formatInt(locale, parameterCounts(network).trainable) })}
          </span>
        ) : null}
        <span data-testid="total-macs" title={formatInt(locale, macs)}>
          {t('editor.totals.macs', { n: formatCount(macs) })}
        </span>
        <span data-testid="total-memory">{t('editor.totals.memory', { size: formatBytes(weightBytes(analysis.totalParams)) })}</span>
        {analysis.errors.length ? <span className="totals-errors">{t('editor.totals.errors', { n: analysis.errors.length })}</span> : null}
      </footer>
      <p className="hint graph-keys">{t('editor.keys')}</p>
    </section>
  );
}
