import { useCallback, useRef } from 'react';
import type { Connection, Edge, OnConnectEnd } from '@xyflow/react';
import { canConnect, consumersOf, replacedBy } from '../models/graphEdits';
import { translateDynamic, useLocale, useT } from '../i18n';
import { useAppStore, useAppStoreApi } from '../store/context';

/** The input slot a target handle id names (`in-2` → 2). */
export const handleIndex = (handle: string | null | undefined) => {
  const m = handle ? /^in-(\d+)$/.exec(handle) : null;
  return m ? Number(m[1]) : undefined;
};

/**
 * Wiring layers on the canvas: React Flow's connection callbacks, which ask the graph's own rule
 * (`canConnect`) and `say` in the status line why a connection is refused.
 */
export function useConnections(say: (text: string) => void) {
  const t = useT();
  const locale = useLocale();
  const storeApi = useAppStoreApi();
  const apply = useAppStore((s) => s.apply);
  // React Flow asks while a connection is dragged over a handle: say why a refused one is refused
  // right then, not only after the drop.
  const lastRefusal = useRef('');
  const isValidConnection = useCallback(
    (c: Connection | Edge) => {
      const reason = canConnect(storeApi.getState().experiment.network, c.source, c.target, handleIndex(c.targetHandle));
      if (reason) {
        const text = t('editor.refused', { reason: translateDynamic(locale, reason.key, reason.vars) });
        if (text !== lastRefusal.current) {
          lastRefusal.current = text;
          say(text);
        }
      } else {
        lastRefusal.current = '';
      }
      return reason === null;
    },
    [storeApi, say, t, locale],
  );
  // A connection into a taken input slot replaces the one there: say so, and whether the old
  // source is left feeding nothing, so no connection is ever dropped silently.
  const onConnect = useCallback(
    (c: Connection) => {
      const before = storeApi.getState().experiment.network;
      const slot = handleIndex(c.targetHandle);
      const old = replacedBy(before, c.target, slot);
      apply({ type: 'graph', change: { type: 'connect', source: c.source, target: c.target, targetHandleIndex: slot } });
      const after = storeApi.getState().experiment.network;
      if (after === before) return;
      lastRefusal.current = '';
      const vars = { source: c.source, target: c.target, old: old ?? '' };
      if (!old || old === c.source) say(t('editor.connected', vars));
      else say(t(consumersOf(after, old).length ? 'editor.connectedReplacing' : 'editor.connectedDangling', vars));
    },
    [apply, storeApi, say, t],
  );
  const onConnectEnd: OnConnectEnd = useCallback(
    (_event, state) => {
      if (state.isValid || !state.toNode || !state.fromNode) return;
      // The drag may start at either end; the output handle is always the source.
      const fromSource = state.fromHandle?.type === 'source';
      const source = fromSource ? state.fromNode.id : state.toNode.id;
      const target = fromSource ? state.toNode.id : state.fromNode.id;
      const targetHandle = fromSource ? state.toHandle?.id : state.fromHandle?.id;
      const reason = canConnect(storeApi.getState().experiment.network, source, target, handleIndex(targetHandle));
      if (reason) say(t('editor.refused', { reason: translateDynamic(locale, reason.key, reason.vars) }));
    },
    [storeApi, say, t, locale],
  );

  return { isValidConnection, onConnect, onConnectEnd };
}
