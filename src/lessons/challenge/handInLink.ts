import { decodeHandInFile, decodeHandInLink, encodeHandInLink, hasHandInLink, looksLikeHandIn, type HandIn } from '../../models/handIn';
import type { Decoded, CodecError } from '../../models/codec';
import type { AppStore } from '../../store/createAppStore';
import type { Notice } from '../../store/types';

/** The hand-in a page's address carries (`#handin=…`), decoded; null when it carries none. */
export function readHandInLink(hash: string): Decoded<HandIn> | null {
  return hasHandInLink(hash) ? decodeHandInLink(hash) : null;
}

/** The notice for a hand-in that cannot be opened: what is wrong, and that the work is unchanged. */
export function handInErrorNotice(cause: CodecError): Notice {
  return { kind: 'error', key: 'challenge.badHandIn', cause };
}

/** The full hand-in link on this page's address (its query kept, the teacher's `?present` dropped). */
export function handInUrl(base: string, h: HandIn): string {
  const [page] = base.split('#');
  const url = new URL(page);
  url.searchParams.delete('present');
  return `${url.toString()}#${encodeHandInLink(h)}`;
}

/** Open a valid hand-in on this page: its Experiment (one undoable replace), its challenge, the panel. */
export function openHandIn(store: AppStore, h: HandIn): void {
  const s = store.getState();
  s.apply({ type: 'replace', experiment: h.experiment });
  s.setChallenge(h.challenge);
  s.setHandIn(h);
}

/**
 * A file's text that is a hand-in is opened (or its problem reported, the work untouched); true
 * when it was one, so the open-file flow leaves other files to the saved-file codec.
 */
export function openHandInFile(store: AppStore, text: string): boolean {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return false;
  }
  if (!looksLikeHandIn(raw)) return false;
  const decoded = decodeHandInFile(text);
  if (decoded.ok) openHandIn(store, decoded.value);
  else store.getState().notify(handInErrorNotice(decoded.error));
  return true;
}
