import type { DynamicsProbe } from '../training/dynamicsTypes';

/**
 * Probes of training dynamics kept per run. Past this many the history is thinned by half (every
 * other probe, the newest kept), so the over-time views cover the whole run at a bounded size: the
 * recent steps dense, the early ones sparser.
 */
export const MAX_DYNAMICS = 240;

/**
 * The run's dynamics history with `probe` added. A restarted run (reset, rebuild) or a probe of
 * other layers (a different network) starts afresh; no probe leaves it as it is.
 */
export function appendDynamics(history: DynamicsProbe[], probe: DynamicsProbe | null | undefined, restarted: boolean): DynamicsProbe[] {
  const base = restarted ? [] : history;
  if (!probe) return base;
  const last = base[base.length - 1];
  const sameLayers = !last || (last.layers.length === probe.layers.length && last.layers.every((l, i) => l.layerId === probe.layers[i].layerId));
  if (!sameLayers) return [probe];
  if (last && probe.step <= last.step) return [...base.filter((p) => p.step < probe.step), probe];
  const next = [...base, probe];
  return next.length > MAX_DYNAMICS ? next.filter((_, i) => i % 2 === 1 || i === next.length - 1) : next;
}
