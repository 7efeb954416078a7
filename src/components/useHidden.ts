import type { ControlId } from '../models/codec';
import { useAppStore } from '../store/context';

/** True when a teacher's link hid this control. */
export function useHidden(id: ControlId): boolean {
  return useAppStore((s) => s.hide.includes(id));
}
