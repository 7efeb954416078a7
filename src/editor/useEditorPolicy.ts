import type { EditorPolicy } from '../models/editorPolicy';
import { useAppStore } from '../store/context';

/** The teacher's link's rule for the editor: the palette's layer types and whether editing is allowed. */
export function useEditorPolicy(): EditorPolicy {
  return useAppStore((s) => s.editorPolicy);
}
