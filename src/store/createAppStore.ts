import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_VIEW, type ControlId, type ViewOptions } from '../models/codec';
import type { Experiment } from '../models/spec';
import { DEFAULT_EDITOR_POLICY, type EditorPolicy } from '../models/editorPolicy';
import type { Locale } from '../i18n';
import type { BackendPreference } from '../training/protocol';
import { createExperimentSlice } from './experimentSlice';
import { createRunSlice } from './runSlice';
import { createPinnedSlice } from './pinnedSlice';
import type { PinnedRun } from '../models/pinnedRuns';
import { createLandscapeSlice } from './landscapeSlice';
import { createToolsSlice } from './toolsSlice';
import { createDistillSlice } from './distillSlice';
import type { AppState } from './types';
import { INITIAL_LAB_STATUS } from './labStatus';
import { createTableSlice } from './tableSlice';
import { createOwnMediaSlice } from './ownMediaSlice';
import type { OwnImages } from '../data/ownImages';
import type { OwnText } from '../data/ownText';
import type { OwnSentences } from '../data/ownSentences';
import type { Table } from '../data/table';
import { createChallengeSlice } from './challengeSlice';
import type { Challenge } from '../models/challengeSpec';
import type { HandIn } from '../models/handIn';

export interface InitialState {
  experiment?: Experiment;
  view?: ViewOptions;
  hide?: ControlId[];
  editorPolicy?: EditorPolicy;
  locale?: Locale;
  /** The language this browser's learner chose (stored preference), when it is not the link's `?lang=`. */
  chosenLocale?: Locale;
  backendPref?: BackendPreference;
  presenter?: boolean;
  teacherStart?: Experiment;
  pinned?: PinnedRun[];
  /** The learner's table kept from an earlier visit, and where to keep the next one. */
  table?: { table: Table; name: string; text: string } | null;
  /** The learner's images and text kept from an earlier visit (ownMediaSlice.ts). */
  ownMedia?: { images: OwnImages | null; text: OwnText | null; sentences?: OwnSentences | null } | null;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** A teacher's challenge (from the link or the saved work) and a hand-in opened from a link. */
  challenge?: Challenge | null;
  handIn?: HandIn | null;
}

export type AppStore = StoreApi<AppState>;

/** A fresh store; every test and every embedded playground gets its own. */
export function createAppStore(initial: InitialState = {}): AppStore {
  return createStore<AppState>()((...a) => {
    const [set, get] = a;
    return {
      ...createExperimentSlice(initial.experiment)(...a),
      ...createRunSlice(...a),
      ...createPinnedSlice(initial.pinned)(...a),
      ...createLandscapeSlice(...a),
      ...createToolsSlice(...a),
      ...createDistillSlice(...a),
      ...createTableSlice(initial.table ?? null, initial.storage ?? null)(...a),
      ...createOwnMediaSlice(initial.ownMedia ?? null, initial.storage ?? null)(...a),
      ...createChallengeSlice(initial.challenge ?? null, initial.handIn ?? null)(...a),
      view: initial.view ?? DEFAULT_VIEW,
      hide: initial.hide ?? [],
      setView: (patch) => {
        set((s) => ({ view: { ...s.view, ...patch } }));
        if (patch.probeIndex !== undefined) get().sendProbeSource();
      },
      setHide: (hide) => set({ hide }),
      editorPolicy: initial.editorPolicy ?? DEFAULT_EDITOR_POLICY,
      setEditorPolicy: (editorPolicy) => set({ editorPolicy }),
      locale: initial.locale ?? 'en',
      chosenLocale: initial.chosenLocale ?? null,
      backendPref: initial.backendPref ?? 'auto',
      notice: null,
      hoveredNeuron: null,
      editorTab: 'playground',
      presenter: initial.presenter ?? false,
      teacherStart: initial.teacherStart ?? null,
      setPresenter: (presenter) => set({ presenter }),
      overlay: null,
      setOverlay: (overlay) => set({ overlay }),
      setEditorTab: (editorTab) => set({ editorTab }),
      setHovered: (hoveredNeuron) => set({ hoveredNeuron }),
      setLocale: (locale) => set({ locale, chosenLocale: locale }),
      setBackendPref: (backendPref) => set({ backendPref }),
      dynamicsOn: true,
      setDynamicsOn: (dynamicsOn) => set({ dynamicsOn }),
      notify: (notice) => set({ notice }),
      labStatus: INITIAL_LAB_STATUS,
      labRequests: {},
      reportLab: (patch) => set((s) => ({ labStatus: { ...s.labStatus, ...patch } })),
      requestLab: (request) => set((s) => ({ labRequests: { ...s.labRequests, ...request } })),
      clearLabRequest: (to) => set((s) => ({ labRequests: { ...s.labRequests, [to]: undefined } })),
    };
  });
}
