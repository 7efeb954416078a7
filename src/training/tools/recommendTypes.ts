/**
 * The recommender's view of a trained network (wire types, no TF.js): every (user, item) rating
 * predicted, the observed cells, held-out RMSE against the item-mean baseline, and the item
 * embeddings on a 2-D map. The ratings lab receives it in every probed snapshot; the `recommend`
 * tool returns the same on request (lessons, tests, the bench).
 */
export interface RatingsProbes {
  users: number;
  items: number;
  /** Hidden cuisine of each item (data/ratings.ts). */
  genreOf: Int8Array;
  /** Every (user, item) prediction, user-major: `users × items`. */
  predicted: Float32Array;
  /** Observed cells: (user, item, rating) triples. */
  cells: Float32Array;
  /** Per observed cell: 1 when held out (the test split). */
  heldOut: Uint8Array;
  /** RMSE on the held-out ratings, and that of predicting each item's mean training rating. */
  rmse: number;
  baselineRmse: number;
  /** The item Embedding drawn: its node id and dimension (null: no Embedding reads the item id). */
  itemLayer: string | null;
  embeddingDim: number;
  /** The item Embedding's weight matrix (items × embeddingDim, row-major); empty without one. */
  itemEmbeddings: Float32Array;
  /** Items on the map (items × 2): the vectors themselves (dimension ≤ 2) or their first two principal components. */
  itemMap: Float32Array;
  /** Share of the embeddings' variance the map keeps (1 for dimension ≤ 2). */
  explained: number;
  /** Share of items whose nearest item on the map is of the same cuisine. */
  genreAgreement: number;
  /** The training step of the weights measured. */
  step: number;
}

export interface RecommendRequest {
  tool: 'recommend';
}

export interface RecommendResult extends RatingsProbes {
  tool: 'recommend';
}
