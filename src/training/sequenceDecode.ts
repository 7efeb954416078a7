import type * as tfjs from '@tensorflow/tfjs';
import type { Rng } from '../data/rng';
import { BOS, EOS } from '../data/sequences';
import { sampleIndex, temperatureTopK } from '../models/sampling';

type TF = typeof tfjs;

/**
 * Token-by-token decoding for the sequence lab, one forward pass per token (batch 1, inference).
 * `forward` runs the model and returns its output `[1, steps, vocab]` (probabilities); it is called
 * inside `tf.tidy`, so whatever it creates is freed.
 */

/**
 * An encoder–decoder answering on its own: start from BOS, take the most probable token at each
 * step and feed it back as the next decoder input, until EOS. `forward(decoderRow)` closes over the
 * source. Returns the ids per step (0 = PAD after EOS).
 */
export async function decodeGreedy(tf: TF, forward: (decoder: tfjs.Tensor) => tfjs.Tensor, steps: number, vocab: number): Promise<Float32Array> {
  const row = new Float32Array(steps);
  row[0] = BOS;
  const out = new Float32Array(steps);
  for (let t = 0; t < steps; t++) {
    const best = tf.tidy(() => tf.argMax(tf.slice(forward(tf.tensor2d(row, [1, steps])), [0, t, 0], [1, 1, vocab]), -1));
    const id = (await best.data())[0];
    best.dispose();
    out[t] = id;
    if (id === EOS) break;
    if (t + 1 < steps) row[t + 1] = id;
  }
  return out;
}

/**
 * Language models (one Input of `context` token ids, one output step per input step): continue
 * `prompt` by `length` tokens. Each step reads the model's distribution after the last known token
 * (the last `context` tokens; a shorter text sits at the start and PAD fills the rest, which a
 * causal model never sees), drops the special tokens, applies temperature and top-k, and samples
 * with `rng`. Returns the new ids and the probability each was drawn with.
 */
export async function generateTokens(
  tf: TF,
  forward: (x: tfjs.Tensor) => tfjs.Tensor,
  shape: { context: number; vocab: number },
  prompt: readonly number[],
  opts: { length: number; temperature: number; topK: number; rng: Rng },
): Promise<{ ids: number[]; probs: number[] }> {
  const { context: len, vocab } = shape;
  const ids = [...prompt];
  const out: number[] = [];
  const probs: number[] = [];
  const row = new Float32Array(len);
  for (let k = 0; k < opts.length; k++) {
    const context = ids.slice(-len);
    row.fill(0);
    row.set(context);
    const at = Math.max(0, context.length - 1);
    const p = tf.tidy(() => tf.slice(forward(tf.tensor2d(row, [1, len])), [0, at, 0], [1, 1, vocab]));
    const dist = Float32Array.from((await p.data()) as Float32Array);
    p.dispose();
    // The special tokens (PAD, BOS, EOS, SEP) never occur in a corpus: never write them.
    dist.fill(0, 0, 4);
    const picked = temperatureTopK(dist, opts.temperature, opts.topK);
    const next = sampleIndex(picked, opts.rng.next());
    ids.push(next);
    out.push(next);
    probs.push(picked[next]);
  }
  return { ids: out, probs };
}
