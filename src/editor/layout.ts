import dagre from '@dagrejs/dagre';
import type { Position } from '../models/graphEdits';
import { idRecord } from '../models/layerId';
import type { NetworkSpec } from '../models/spec';

/** The size the layout assumes for a node (the drawn node is about this big). */
export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 86;

/** Widest a row of the layout gets before it folds onto the next row (about six layers). */
export const ROW_WIDTH = 6 * (NODE_WIDTH + 70);

/**
 * Left-to-right layered layout of the whole graph (dagre); top-left corners by node id. Deep
 * networks (a ResNet is 20+ layers long) fold into rows like lines of text, so fitting the view
 * keeps the nodes readable instead of shrinking one long row to specks.
 */
export function tidyLayout(spec: NetworkSpec): Record<string, Position> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 30, ranksep: 70, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(spec.nodes.map((n) => n.id));
  for (const n of spec.nodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const n of spec.nodes) for (const src of n.inputs) if (ids.has(src) && src !== n.id) g.setEdge(src, n.id);
  dagre.layout(g);
  const height = g.graph().height ?? NODE_HEIGHT;
  const out = idRecord<Position>();
  for (const n of spec.nodes) {
    const p = g.node(n.id);
    // dagre gives centres; React Flow positions are top-left corners.
    const x = p.x - NODE_WIDTH / 2;
    const row = Math.floor(x / ROW_WIDTH);
    out[n.id] = { x: Math.round(x - row * ROW_WIDTH), y: Math.round(p.y - NODE_HEIGHT / 2 + row * (height + 40)) };
  }
  return out;
}

/**
 * Where each node is drawn: its saved `layout` position, or the automatic layout for nodes
 * without one (a network from the playground, a link or a template has none).
 */
export function displayPositions(spec: NetworkSpec): Record<string, Position> {
  const saved = savedPositions(spec);
  const complete = spec.nodes.every((n) => saved.has(n.id));
  const out = complete ? idRecord<Position>() : tidyLayout(spec);
  for (const n of spec.nodes) {
    const p = saved.get(n.id);
    if (p) out[n.id] = p;
  }
  return out;
}

/** The spec's saved positions by id, own entries only (an id never reads an inherited property). */
function savedPositions(spec: NetworkSpec): Map<string, Position> {
  return new Map(Object.entries(spec.layout ?? {}));
}

/** True when some node has no saved position (so edits should pin where things are drawn). */
export function layoutIncomplete(spec: NetworkSpec): boolean {
  const saved = savedPositions(spec);
  return spec.nodes.some((n) => !saved.has(n.id));
}

/** How far the canvas zooms, by the buttons, the wheel or two fingers' pinch (GraphEditor.tsx). */
export const ZOOM_LIMITS = { min: 0.1, max: 2 } as const;

/**
 * How "fit view" frames the graph: never so small that a node's text drops under ~9 px (a deep
 * network is panned instead), never blown up past 1.25× (two nodes filled the canvas at 2×).
 */
export const FIT_VIEW = { padding: 0.2, minZoom: 0.75, maxZoom: 1.25 } as const;
/** Where a graph too big for the canvas starts: its first layers in the top-left corner, this far in. */
const FRAME_MARGIN = 24;

/**
 * The viewport that frames nodes at `positions` (top-left corners, NODE_WIDTH × NODE_HEIGHT each)
 * in a canvas of `width` × `height`: centred when the graph fits at a readable zoom, else its start
 * (the Input, top left) shown, since the middle of a ResNet says little without its beginning.
 */
export function frameViewport(positions: Position[], width: number, height: number): { x: number; y: number; zoom: number } | null {
  if (!positions.length || width <= 0 || height <= 0) return null;
  const minX = Math.min(...positions.map((p) => p.x));
  const minY = Math.min(...positions.map((p) => p.y));
  const w = Math.max(...positions.map((p) => p.x)) + NODE_WIDTH - minX;
  const h = Math.max(...positions.map((p) => p.y)) + NODE_HEIGHT - minY;
  const fit = Math.min(width / (w * (1 + 2 * FIT_VIEW.padding)), height / (h * (1 + 2 * FIT_VIEW.padding)));
  const zoom = Math.min(FIT_VIEW.maxZoom, Math.max(FIT_VIEW.minZoom, fit));
  const x = w * zoom <= width ? (width - w * zoom) / 2 - minX * zoom : FRAME_MARGIN - minX * zoom;
  const y = h * zoom <= height ? (height - h * zoom) / 2 - minY * zoom : FRAME_MARGIN - minY * zoom;
  return { x, y, zoom };
}
