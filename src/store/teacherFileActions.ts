/**
 * Knowledge distillation's teacher opened from a file (issue 16): the learner's own saved file, or
 * the shipped pre-trained digit CNN (fetched as the transfer tab does). Checked by
 * models/teacherFile.ts against the network trained now; a teacher that passes replaces the page's
 * teacher (the engine bridge sends it on), one that does not changes nothing and says why.
 */
import { PRETRAINED_PATH } from '../models/transfer';
import { startName } from '../models/runStart';
import type { DiffItem } from '../models/runDiff';
import { teacherFromFile } from '../models/teacherFile';
import type { AppStore } from './createAppStore';
import { fetchPretrained } from './transferActions';

/** Use a saved file's network and weights as the teacher; the reason it cannot be, or null when it is. */
export function loadTeacherText(store: AppStore, text: string, fileName: string, kind: 'pretrained' | 'file' = 'file'): DiffItem | null {
  const r = teacherFromFile(text, startName(fileName), kind, store.getState().experiment);
  if (!r.ok) return r.error;
  const { network, tensors, ...about } = r.teacher;
  store.setState({ distillTeacher: { payload: { network, tensors }, ...about } });
  return null;
}

/** Use the shipped pre-trained digit CNN as the teacher (it teaches networks on the digits). */
export async function loadPretrainedTeacher(store: AppStore, fetchText: () => Promise<string> = fetchPretrained): Promise<DiffItem | null> {
  let text: string;
  try {
    text = await fetchText();
  } catch (err) {
    return { key: 'teacherFile.err.fetch', vars: { cause: err instanceof Error ? err.message : String(err) } };
  }
  return loadTeacherText(store, text, PRETRAINED_PATH, 'pretrained');
}
