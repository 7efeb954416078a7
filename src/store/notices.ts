import type { LayerRename } from '../models/layerId';
import type { Notice } from './types';

/** The notice for layers renamed on the way in (a link or file made before the id rule), or null. */
export function renamedNotice(renamed: readonly LayerRename[] | undefined): Notice | null {
  if (!renamed?.length) return null;
  return { kind: 'warning', key: 'notice.renamed', vars: { list: renamed.map((r) => `“${r.from}” → “${r.to}”`).join(', ') } };
}
