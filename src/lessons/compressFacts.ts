/**
 * Lesson facts about compression (issue 16), read from the compress tool's last answer
 * (store/toolsSlice.ts). Registered in format.ts's FACTS and computed in facts.ts.
 */
import type { AppState } from '../store/types';
import { toolStateOf } from '../store/toolsSlice';

/** A fact's value (conditions.ts's FactValue; not imported: format.ts imports this module). */
type FactValue = number | string | boolean | null;

export const COMPRESS_FACTS = {
  compressMethod: 'string: the compression in the network now: int8 | float16 | prune | none (none before one, or after restore)',
  compressSizeRatio: 'number: bytes of the compressed weights ÷ the original\'s (none while none is applied)',
  compressAccuracyDrop: 'number: test accuracy of the original − of the compressed network (whole test split)',
  compressSparsity: 'number, 0–1: share of the kernel weights that are exactly 0 now',
} as const;

export function compressFacts(state: Pick<AppState, 'tools'>): { [K in keyof typeof COMPRESS_FACTS]: FactValue } {
  const r = toolStateOf(state, 'compress').result;
  const applied = r?.applied ?? null;
  const original = r?.rows[0] ?? null;
  const size = r?.layers.reduce((a, l) => a + l.size, 0) ?? 0;
  return {
    compressMethod: r ? (applied?.method ?? 'none') : null,
    compressSizeRatio: applied && original ? applied.bytes / original.bytes : null,
    compressAccuracyDrop: applied?.accuracy != null && original?.accuracy != null ? original.accuracy - applied.accuracy : null,
    compressSparsity: r && size > 0 ? r.layers.reduce((a, l) => a + l.sparsity * l.size, 0) / size : null,
  };
}
