import { CATALOG, type LayerDef } from '../models/catalog';

/**
 * The palette's data, light enough for the first screen (the Share dialog's palette choice reads
 * it): no React Flow, which only the editor itself loads.
 */

/** The drag-and-drop type of a palette item (its layer type is the payload). */
export const LAYER_MIME = 'application/x-gradient-garden-layer';

/** Families in the order learners meet them; any family not listed follows, as the catalog grows. */
const FAMILY_ORDER = ['core', 'reshape', 'convolution', 'pooling', 'normalization', 'recurrent', 'attention', 'merge', 'generative'];

/** Every catalog type, grouped by family (read at render time, so new types just appear). */
export function groupCatalog(catalog: Readonly<Record<string, LayerDef>> = CATALOG): [string, LayerDef[]][] {
  const groups = new Map<string, LayerDef[]>();
  for (const def of Object.values(catalog)) {
    const list = groups.get(def.family) ?? [];
    list.push(def);
    groups.set(def.family, list);
  }
  const rank = (f: string) => (FAMILY_ORDER.includes(f) ? FAMILY_ORDER.indexOf(f) : FAMILY_ORDER.length);
  return [...groups.entries()].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
}
