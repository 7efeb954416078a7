import type { StateCreator } from 'zustand';
import {
  addOwnClass,
  addOwnImages,
  decodeOwnImages,
  encodeOwnImages,
  ownImagesRef,
  removeOwnClass,
  removeOwnImage,
  renameOwnClass,
  type OwnImages,
} from '../data/ownImages';
import { decodeOwnText, makeOwnText, ownTextRef, type OwnText } from '../data/ownText';
import { decodeOwnSentences, encodeOwnSentences, makeOwnSentences, ownSentencesRef, type OwnSentences } from '../data/ownSentences';
import type { AppState, OwnMediaSlice } from './types';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The learner's own images, pasted text and labelled sentences (issue 17) live here, on the page, as the table does
 * (tableSlice.ts says why): the Experiment names them (`dataset.images`, `dataset.text`), the
 * engine bridge sends them to the engine, saved files carry them. Kept in local storage for the
 * next visit when they fit (images ≤ 200 × 784 bytes, text ≤ 100 k characters).
 */
export const OWN_IMAGES_KEY = 'gradient-garden:ownImages';
export const OWN_TEXT_KEY = 'gradient-garden:ownText';
export const OWN_SENTENCES_KEY = 'gradient-garden:ownSentences';

function keep(storage: KeyValueStorage | null, key: string, value: unknown): void {
  try {
    storage?.setItem(key, value === null ? '' : JSON.stringify(value));
  } catch {
    // Storage full or blocked: the data works for this visit.
  }
}

/** What an earlier visit kept, each part checked as a saved file's would be. */
export function restoreOwnMedia(storage: KeyValueStorage | null): { images: OwnImages | null; text: OwnText | null; sentences: OwnSentences | null } {
  const read = (key: string): unknown => {
    try {
      const raw = storage?.getItem(key);
      return raw ? (JSON.parse(raw) as unknown) : null;
    } catch {
      return null;
    }
  };
  const images = read(OWN_IMAGES_KEY);
  const text = read(OWN_TEXT_KEY);
  const im = images === null ? null : decodeOwnImages(images);
  const tx = text === null ? null : decodeOwnText(text);
  const sentences = read(OWN_SENTENCES_KEY);
  const se = sentences === null ? null : decodeOwnSentences(sentences);
  return { images: im && 'classes' in im ? im : null, text: tx && 'hash' in tx ? tx : null, sentences: se && 'rows' in se ? se : null };
}

export const createOwnMediaSlice =
  (initial: { images: OwnImages | null; text: OwnText | null; sentences?: OwnSentences | null } | null, storage: KeyValueStorage | null): StateCreator<AppState, [], [], OwnMediaSlice> =>
  (set, get) => {
    /** A changed set: kept, and when the image lab trains on it, the Experiment follows it. */
    const setImages = (images: OwnImages) => {
      set({ ownImages: images });
      keep(storage, OWN_IMAGES_KEY, encodeOwnImages(images));
      const { experiment } = get();
      const ref = ownImagesRef(images);
      if (experiment.dataset.kind === 'ownImages' && !('key' in ref) && ref.hash !== experiment.dataset.images?.hash) {
        get().apply({ type: 'dataset', patch: { kind: 'ownImages', images: ref } });
      }
    };
    const refuse = (name: string, cause: { key: string; vars?: Record<string, string | number> }) =>
      get().notify({ kind: 'error', key: 'ownImg.rejected', vars: { name }, cause });
    return {
      ownImages: initial?.images ?? null,
      ownText: initial?.text ?? null,
      ownSentences: initial?.sentences ?? null,
      startOwnImages: (names) => {
        if (!get().ownImages) setImages({ classes: names.map((name) => ({ name, images: [] })) });
      },
      addImages: (index, images) => {
        const current = get().ownImages;
        if (!current) return 0;
        const { set: next, added, refused } = addOwnImages(current, index, images);
        if (added) setImages(next);
        if (refused) refuse(current.classes[index]?.name ?? '', refused);
        return added;
      },
      removeImage: (index, image) => {
        const current = get().ownImages;
        if (current) setImages(removeOwnImage(current, index, image));
      },
      editClasses: (edit) => {
        const current = get().ownImages;
        if (!current) return false;
        const next = edit.type === 'add' ? addOwnClass(current, edit.name) : edit.type === 'remove' ? removeOwnClass(current, edit.index) : renameOwnClass(current, edit.index, edit.name);
        if ('key' in next) {
          refuse(edit.type === 'remove' ? (current.classes[edit.index]?.name ?? '') : edit.name, next);
          return false;
        }
        setImages(next);
        return true;
      },
      trainOnOwnImages: () => {
        const current = get().ownImages;
        if (!current) return false;
        const ref = ownImagesRef(current);
        if ('key' in ref) {
          get().notify({ kind: 'error', key: 'ownImg.rejected', vars: { name: current.classes.map((c) => c.name).join(', ') }, cause: ref });
          return false;
        }
        get().apply({ type: 'dataset', patch: { kind: 'ownImages', images: ref } });
        return true;
      },
      loadOwnImages: (images) => {
        set({ ownImages: images });
        keep(storage, OWN_IMAGES_KEY, encodeOwnImages(images));
      },
      trainOnOwnText: (raw, name) => {
        const made = makeOwnText(raw, name);
        if (!made.ok) {
          get().notify({ kind: 'error', key: 'ownText.rejected', cause: made.error });
          return false;
        }
        // The text first: the engine bridge sends it before the edit that names it.
        set({ ownText: made.text });
        keep(storage, OWN_TEXT_KEY, { name: made.text.name, text: made.text.text });
        get().apply({ type: 'dataset', patch: { kind: 'charLm', text: ownTextRef(made.text) } });
        return true;
      },
      loadOwnText: (text) => {
        set({ ownText: text });
        keep(storage, OWN_TEXT_KEY, { name: text.name, text: text.text });
      },
      dropOwnText: () => {
        if (get().experiment.dataset.text) get().apply({ type: 'dataset', patch: { text: null } });
      },
      trainOnOwnSentences: (positive, negative, name) => {
        const made = makeOwnSentences(positive, negative, name);
        if (!made.ok) {
          get().notify({ kind: 'error', key: 'ownSent.rejected', cause: made.error });
          return false;
        }
        // The sentences first: the engine bridge sends them before the edit that names them.
        set({ ownSentences: made.set });
        keep(storage, OWN_SENTENCES_KEY, encodeOwnSentences(made.set));
        get().apply({ type: 'dataset', patch: { kind: 'sentiment', sentences: ownSentencesRef(made.set) } });
        return true;
      },
      loadOwnSentences: (sentences) => {
        set({ ownSentences: sentences });
        keep(storage, OWN_SENTENCES_KEY, encodeOwnSentences(sentences));
      },
      dropOwnSentences: () => {
        if (get().experiment.dataset.sentences) get().apply({ type: 'dataset', patch: { sentences: null } });
      },
    };
  };
