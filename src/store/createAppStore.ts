import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_VIEW, type ControlId, type ViewOptions } from '../models/codec';
import type { Experiment } from '../models/spec';
import type { Locale } from '../i18n';
import type { BackendPreference } from '../training/protocol';
import { createExperimentSlice } from './experimentSlice';
import { createRunSlice } from './runSlice';
import type { AppState } from './types';
import { createTableSlice } from './tableSlice';
import type { Table } from '../data/table';

export interface InitialState {
  experiment?: Experiment;
  view?: ViewOptions;
  hide?: ControlId[];
  locale?: Locale;
  backendPref?: BackendPreference;
  /** The learner's table kept from an earlier visit, and where to keep the next one. */
  table?: { table: Table; name: string; text: string } | null;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

export type AppStore = StoreApi<AppState>;

/** A fresh store; every test and every embedded playground gets its own. */
export function createAppStore(initial: InitialState = {}): AppStore {
  return createStore<AppState>()((...a) => {
    const [set, get] = a;
    return {
      ...createExperimentSlice(initial.experiment)(...a),
      ...createRunSlice(...a),
      ...createTableSlice(initial.table ?? null, initial.storage ?? null)(...a),
      view: initial.view ?? DEFAULT_VIEW,
      hide: initial.hide ?? [],
      setView: (patch) => {
        set((s) => ({ view: { ...s.view, ...patch } }));
        if (patch.probeIndex !== undefined) get().sendProbeSource();
      },
      setHide: (hide) => set({ hide }),
      locale: initial.locale ?? 'en',
      backendPref: initial.backendPref ?? 'auto',
      notice: null,
      hoveredNeuron: null,
      editorTab: 'playground',
      setEditorTab: (editorTab) => set({ editorTab }),
      setHovered: (hoveredNeuron) => set({ hoveredNeuron }),
      setLocale: (locale) => set({ locale }),
      setBackendPref: (backendPref) => set({ backendPref }),
      notify: (notice) => set({ notice }),
    };
  });
}
