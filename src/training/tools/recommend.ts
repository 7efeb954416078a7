import type * as tfjs from '@tensorflow/tfjs';
import { genreAgreement, heldOutRmse, project2d } from '../../models/recommender';
import { ratingInputIds } from '../../models/ratingsFit';
import type { ModelRuntime } from '../runtime';
import { ToolUnsupported, type ToolContext } from './context';
import type { RatingsProbes, RecommendRequest, RecommendResult } from './recommendTypes';

type TF = typeof tfjs;

/**
 * The Embedding that reads the item id and is drawn on the map: the widest one (a size-1 bias
 * Embedding only when there is no other), or null.
 */
export function itemEmbeddingOf(rt: Pick<ModelRuntime, 'experiment'>): { id: string; dim: number } | null {
  const itemInput = ratingInputIds(rt.experiment.network)[1];
  let best: { id: string; dim: number } | null = null;
  for (const n of rt.experiment.network.nodes) {
    if (n.type !== 'Embedding' || !itemInput || !n.inputs.includes(itemInput)) continue;
    const dim = Number(n.params.outputDim ?? 0);
    if (!best || dim > best.dim) best = { id: n.id, dim };
  }
  return best;
}

/**
 * Everything the ratings lab draws for the current weights: one forward pass over every
 * (user, item) pair (inference mode), the item Embedding's weight matrix read back, and the
 * measurements of models/recommender.ts. Pure in (tf, runtime); every tensor is freed.
 */
export async function ratingsProbes(tf: TF, rt: ModelRuntime): Promise<RatingsProbes> {
  const m = rt.data.ratings;
  if (!m) throw new ToolUnsupported('rec.onlyRatings');
  const { users, items } = m;
  const pairs = new Float32Array(users * items * 2);
  for (let u = 0; u < users; u++) {
    for (let i = 0; i < items; i++) {
      pairs[2 * (u * items + i)] = u;
      pairs[2 * (u * items + i) + 1] = i;
    }
  }
  const emb = itemEmbeddingOf(rt);
  const layer = emb ? rt.built.layers.get(emb.id) : undefined;
  const out = tf.tidy(() => rt.predict(rt.columnsOf(tf.tensor2d(pairs, [users * items, 2]))).reshape([-1]));
  const w = layer?.getWeights()[0];
  const weights = w ? tf.tidy(() => w.slice([0, 0], [items, -1])) : null;
  const [predicted, table] = await Promise.all([out.data() as Promise<Float32Array>, weights ? (weights.data() as Promise<Float32Array>) : Promise.resolve(null)]);
  out.dispose();
  weights?.dispose();
  const dim = emb?.dim ?? 0;
  const { map, explained } = table ? project2d(table, items, dim) : { map: new Float32Array(items * 2), explained: 0 };
  const heldOut = new Uint8Array(m.cells.length / 3);
  m.test.forEach((c) => (heldOut[c] = 1));
  const { rmse, baselineRmse } = heldOutRmse(m, predicted);
  return {
    users,
    items,
    genreOf: m.genreOf.slice(),
    predicted: Float32Array.from(predicted),
    cells: m.cells.slice(),
    heldOut,
    rmse,
    baselineRmse,
    itemLayer: emb?.id ?? null,
    embeddingDim: dim,
    itemEmbeddings: table ? Float32Array.from(table) : new Float32Array(0),
    itemMap: map,
    explained,
    genreAgreement: table ? genreAgreement(map, m.genreOf) : 0,
    step: rt.step,
  };
}

/** The `recommend` tool: the same measurements on request. Refused outside the ratings dataset. */
export async function recommend(ctx: ToolContext, _req: RecommendRequest): Promise<RecommendResult> {
  const probes = await ratingsProbes(ctx.tf, ctx.rt);
  if (!ctx.alive()) throw ctx.changed();
  return { tool: 'recommend', ...probes };
}
