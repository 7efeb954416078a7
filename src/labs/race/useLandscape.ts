import { useContext } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { useShallow } from 'zustand/react/shallow';
import { IDLE_SLICE } from '../../store/landscapeSlice';
import { StoreContext } from '../../store/context';
import type { AppStore } from '../../store/createAppStore';
import type { AppState, LossSliceState } from '../../store/types';

/** What the race needs of the learner's network: whether one is built, its last loss slice, and how to ask for a new one. */
export interface Landscape {
  hasNetwork: boolean;
  slice: LossSliceState;
  take: () => void;
}

const noop = () => {};
const NONE: Landscape = { hasNetwork: false, slice: IDLE_SLICE, take: noop };
/** Stands in where the race is shown without the app's store (its own component tests): no network to slice. */
const NO_STORE = createStore(() => ({})) as unknown as AppStore;

const select = (s: AppState): Landscape => {
  const run = s.runs[s.activeRunId];
  return { hasNetwork: !!run?.latest && run.status !== 'error', slice: s.lossSlice, take: s.takeLossSlice };
};

/** The race's link to the store: optional, so the race also works on its own. */
export function useLandscape(): Landscape {
  const store = useContext(StoreContext);
  return useStore(
    store ?? NO_STORE,
    useShallow((s: AppState) => (store ? select(s) : NONE)),
  );
}
