import type { StateCreator } from 'zustand';
import type { ToolName, ToolRequest } from '../training/tools/types';
import type { AppState, ToolState, ToolsSlice } from './types';

/**
 * Tools run on the learner's network on request (training/tools): the last request and answer of
 * each tool, by name. A newer request of the same tool replaces the older (its answer is dropped).
 */

/** An engine that says nothing about a request this long (stopped, replaced) leaves it failed. */
const TOOL_TIMEOUT_MS = 120_000;

export const IDLE_TOOL: ToolState = { status: 'idle', requestId: 0, progress: 0, result: null, error: null, detail: null };

export const createToolsSlice: StateCreator<AppState, [], [], ToolsSlice> = (set, get) => {
  let nextRequest = 1;
  const heard = new Map<ToolName, number>();
  const patch = (name: ToolName, p: Partial<ToolState>) =>
    set((s) => ({ tools: { ...s.tools, [name]: { ...(s.tools[name] ?? IDLE_TOOL), ...p } } }));
  const watch = (name: ToolName, requestId: number) => {
    heard.set(name, Date.now());
    setTimeout(() => {
      const s = get().tools[name];
      if (!s || s.requestId !== requestId || s.status !== 'computing') return;
      if (Date.now() - (heard.get(name) ?? 0) >= TOOL_TIMEOUT_MS) patch(name, { status: 'error', error: 'failed', detail: 'timeout' });
      else watch(name, requestId);
    }, TOOL_TIMEOUT_MS);
  };
  return {
    tools: {},
    runTool: (request: ToolRequest) => {
      const { engine, activeRunId } = get();
      const name = request.tool;
      const requestId = nextRequest++;
      if (!engine) {
        patch(name, { status: 'error', requestId, error: 'notBuilt', detail: null, progress: 0 });
        return requestId;
      }
      patch(name, { status: 'computing', requestId, progress: 0, error: null, detail: null });
      engine.post({ type: 'tool', runId: activeRunId, requestId, request });
      watch(name, requestId);
      return requestId;
    },
    receiveTool: (msg) => {
      // toolProgress carries no name: find the tool waiting on this request.
      const name = msg.type === 'tool' ? msg.tool : (Object.keys(get().tools) as ToolName[]).find((k) => get().tools[k]?.requestId === msg.requestId);
      if (!name || get().tools[name]?.requestId !== msg.requestId) return; // an older request's answer
      heard.set(name, Date.now());
      if (msg.type === 'toolProgress') return patch(name, { progress: msg.done / Math.max(1, msg.total) });
      if (msg.result) patch(name, { status: 'ready', result: msg.result, error: null, detail: null, progress: 1 });
      else patch(name, { status: 'error', error: msg.error ?? 'failed', detail: msg.detail ?? null, progress: 0 });
    },
  };
};

/** Tool `K`'s state with its result typed. */
export function toolStateOf<K extends ToolName>(state: Pick<AppState, 'tools'>, name: K): ToolState<K> {
  return (state.tools[name] ?? IDLE_TOOL) as unknown as ToolState<K>;
}

