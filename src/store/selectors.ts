import type { AppState, RunState } from './types';

/** Named selectors, so components subscribe to exactly what they show. */
export const selectActiveRun = (s: AppState): RunState => s.runs[s.activeRunId];
export const selectStatus = (s: AppState) => s.runs[s.activeRunId]?.status ?? 'idle';
export const selectProbes = (s: AppState) => s.runs[s.activeRunId]?.probes ?? null;
export const selectHistory = (s: AppState) => s.runs[s.activeRunId]?.history ?? [];
