import { useCallback, useMemo, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { consumersOf, downstreamOf, freshNodeId, type Position } from '../models/graphEdits';
import { useAppStore, useAppStoreApi } from '../store/context';
import { GraphEditor } from './GraphEditor';
import { Inspector } from './Inspector';
import { displayPositions, layoutIncomplete, NODE_HEIGHT, NODE_WIDTH } from './layout';
import { Palette } from './Palette';
import { MetricChart, MetricNumbers } from '../panels/TrainingMetrics';
import { useLocale, useT } from '../i18n';
import { useStatusLine } from './useStatusLine';
import { useHidden } from '../panels/useHidden';
import { allowsLayer } from '../models/editorPolicy';
import { useEditorPolicy } from './useEditorPolicy';

const GAP_X = 70;
const GAP_Y = 30;

/** `want`, moved down until it overlaps no drawn node. */
function freeSpot(want: Position, taken: Position[]): Position {
  const at = { ...want };
  while (taken.some((p) => Math.abs(p.x - at.x) < NODE_WIDTH && Math.abs(p.y - at.y) < NODE_HEIGHT)) at.y += NODE_HEIGHT + GAP_Y;
  return at;
}

/** The graph editor tab: Palette | canvas | Inspector, sharing the selection. */
export function EditorView() {
  const t = useT();
  const locale = useLocale();
  const { status, say } = useStatusLine();
  const hidePalette = useHidden('palette');
  const policy = useEditorPolicy();
  const refuse = useCallback(() => say(t('teacher.readOnly.refused')), [say, t]);
  const storeApi = useAppStoreApi();
  const apply = useAppStore((s) => s.apply);
  const nodes = useAppStore((s) => s.experiment.network.nodes);
  const [selection, setSelection] = useState<string[]>([]);
  // Layers removed elsewhere (undo, the playground) drop out of the selection.
  const selected = useMemo(() => selection.filter((id) => nodes.some((n) => n.id === id)), [selection, nodes]);

  const onAdd = useCallback(
    (type: string, position?: Position) => {
      // A teacher's link: only the palette's types, and nothing at all when read-only.
      if (!allowsLayer(storeApi.getState().editorPolicy, type)) {
        say(t(storeApi.getState().editorPolicy.edit ? 'teacher.palette.refused' : 'teacher.readOnly.refused', { type }));
        return;
      }
      const spec = storeApi.getState().experiment.network;
      const shown = displayPositions(spec);
      const from = position ? undefined : selected[selected.length - 1];
      let at = position;
      if (!at) {
        const anchor = from ? shown[from] : undefined;
        const right = Math.max(-GAP_X - NODE_WIDTH, ...Object.values(shown).map((p) => p.x));
        at = freeSpot(anchor ? { x: anchor.x + NODE_WIDTH + GAP_X, y: anchor.y } : { x: right + NODE_WIDTH + GAP_X, y: 0 }, Object.values(shown));
      }
      const id = freshNodeId(new Set(spec.nodes.map((n) => n.id)), type);
      // After a selected layer the new one goes in between it and what it fed, and everything
      // downstream moves right to make room for it.
      const fed = from ? consumersOf(spec, from) : [];
      const moved: Record<string, Position> = {};
      if (from && fed.length) {
        for (const d of downstreamOf(spec, from)) {
          const p = shown[d];
          if (p) moved[d] = { x: p.x + NODE_WIDTH + GAP_X, y: p.y };
        }
        const anchor = shown[from];
        const after = Object.entries({ ...shown, ...moved }).map(([, p]) => p);
        if (anchor) at = freeSpot({ x: anchor.x + NODE_WIDTH + GAP_X, y: anchor.y }, after);
      }
      const pin = layoutIncomplete(spec) ? shown : undefined;
      apply({ type: 'graph', change: { type: 'addNode', nodeType: type, id, position: at, connectFrom: from, insert: fed.length > 0, moved, pin } });
      if (!storeApi.getState().experiment.network.nodes.some((n) => n.id === id)) return;
      setSelection([id]);
      const list = fed.map((f) => `“${f}”`).join(locale === 'zh-CN' ? '、' : ', ');
      if (from && fed.length) say(t('editor.inserted', { id, from, to: list }));
      else if (from) say(t('editor.appended', { id, from }));
    },
    [apply, storeApi, selected, say, t, locale],
  );

  return (
    <ReactFlowProvider>
      {policy.edit ? null : (
        <p className="editor-locked" role="note" data-testid="editor-locked">
          {t('teacher.readOnly.note')}
        </p>
      )}
      <div className="editor-view">
        {hidePalette ? null : <Palette onAdd={onAdd} onRefuse={refuse} />}
        <GraphEditor selected={selected} onSelect={setSelection} onAdd={onAdd} status={status} say={say} />
        <div className="editor-side">
          <Inspector selected={selected} onSelect={setSelection} />
          {/* Training goes on while the network is edited: keep its numbers in sight. */}
          <section className="editor-training" aria-label={t('out.title')}>
            <MetricNumbers />
            <MetricChart width={270} />
          </section>
        </div>
      </div>
    </ReactFlowProvider>
  );
}

export default EditorView;
