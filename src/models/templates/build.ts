import type { LayerParamsByType, LayerType } from '../catalog';
import type { LayerNode, Modality, NetworkSpec, ParamValue, SequenceKind, SequenceOptions, TrainingConfig } from '../spec';

/** What a template looks like to the rest of the app. */
export interface TemplateDef {
  id: string;
  family: 'mlp' | 'cnn' | 'rnn' | 'transformer' | 'recommender';
  /** A fresh NetworkSpec every call, so a learner's edits never touch the template. */
  network(): NetworkSpec;
  /**
   * The data the template expects: 2-D playground features, 28×28×1 or 32×32×1 images, a row of
   * token ids (`tokens`: a classifier, a tagger or a language model), two rows of token ids with one
   * prediction per step (`sequence`: encoder–decoder) or a window of a series (`series`).
   */
  inputKind: 'features2d' | 'image28' | 'image32' | 'tokens' | 'sequence' | 'series' | 'ratings';
  /** Sequence templates: the dataset they open on (unless the learner's is one of the same layout). */
  dataset?: { kind: SequenceKind; sequence?: Partial<SequenceOptions> };
  /** Training settings the template trains best with, applied whenever its network is brought in. */
  training?: Partial<Pick<TrainingConfig, 'learningRate' | 'batchSize'>>;
  /** Image templates that learn to output their input (an autoencoder): the dataset's target becomes `input`. */
  reconstructs?: boolean;
  /** i18n key of a short note on what made it historic; its name is `template.<id>.name`. */
  noteKey: string;
}

/** The kind of data a template takes, from what its Input reads: the lab it trains in. */
export function templateModality(template: Pick<TemplateDef, 'inputKind'>): Modality {
  switch (template.inputKind) {
    case 'features2d':
      return 'points';
    case 'image28':
    case 'image32':
      return 'images';
    case 'ratings':
      return 'ratings';
    default:
      return 'sequences';
  }
}

/** A step of a template: parameters of its own layer type, checked by the compiler (missing ones take the catalog defaults). */
export type Step = { [K in LayerType]: readonly [string, K, Partial<LayerParamsByType[K]>?, string[]?] }[LayerType];

/** One node; `inputs` default to none (an Input). */
export function node<K extends LayerType>(id: string, type: K, params: Partial<LayerParamsByType[K]> = {}, inputs: string[] = []): LayerNode {
  // A copy without the keys left undefined, so the node's JSON holds only values.
  const values = Object.entries(params).filter((e): e is [string, ParamValue] => e[1] !== undefined);
  return { id, type, params: Object.fromEntries(values), inputs };
}

/**
 * A straight chain: every step after the first takes the previous one as its input, unless it
 * names its inputs itself (the fourth element).
 */
export function chain(steps: readonly Step[]): LayerNode[] {
  const out: LayerNode[] = [];
  steps.forEach(([id, type, params = {}, inputs], i) => {
    out.push(node(id, type, params, inputs ?? (i === 0 ? [] : [steps[i - 1][0]])));
  });
  return out;
}

const COLUMN = 260;
const ROW = 116;
const MARGIN = 20;

/**
 * A NetworkSpec with a drawn position for every node: left to right by depth (the longest path
 * from an Input), stacked top to bottom in node order where several share a depth. Deterministic,
 * so a template always opens looking the same.
 */
export function graph(nodes: LayerNode[]): NetworkSpec {
  const depth = new Map<string, number>();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depthOf = (id: string, seen: Set<string> = new Set()): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const n = byId.get(id);
    if (!n || seen.has(id)) return 0;
    seen.add(id);
    const d = n.inputs.length ? Math.max(...n.inputs.map((src) => depthOf(src, seen) + 1)) : 0;
    depth.set(id, d);
    return d;
  };
  const rows = new Map<number, number>();
  const layout: Record<string, { x: number; y: number }> = {};
  for (const n of nodes) {
    const d = depthOf(n.id);
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    layout[n.id] = { x: MARGIN + d * COLUMN, y: MARGIN + row * ROW };
  }
  return { nodes, layout };
}
