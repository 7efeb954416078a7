import type { ControlId } from '../models/codec';
import { useAppStore } from '../store/context';

/** The playground's controls that change the network: gone too when the teacher's link locks the network. */
const NETWORK_CONTROLS: readonly ControlId[] = ['layers', 'activation', 'dropout', 'outputActivation'];

/** True when a teacher's link hid this control (or locked the network it changes: models/editorPolicy.ts). */
export function useHidden(id: ControlId): boolean {
  return useAppStore((s) => s.hide.includes(id) || (!s.editorPolicy.edit && NETWORK_CONTROLS.includes(id)));
}

/** The data controls a teacher's link may hide, as the data panels of every lab read them. */
export function useDataControlsHidden() {
  return {
    dataset: useHidden('dataset'),
    ratio: useHidden('trainRatio'),
    noise: useHidden('noise'),
    points: useHidden('numPoints'),
    batch: useHidden('batchSize'),
    regenerate: useHidden('regenerate'),
  };
}

/** True when a teacher's link hid every data control: the panel then goes, heading and all. */
export function allDataHidden(hide: ReturnType<typeof useDataControlsHidden>): boolean {
  return Object.values(hide).every(Boolean);
}
