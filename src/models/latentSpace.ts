/**
 * Measures of a 2-D latent space (issue 16, generation), pure TS: no TF.js, so the engine, the
 * tests and the bench share them.
 */
import { analyze, type Analysis } from './analysis';
import type { NetworkSpec } from './spec';

/**
 * How well a 2-D code sorts the examples by class: the share of codes whose `k` nearest other
 * codes (Euclidean) hold more of their own class than of any other (ties count as wrong). 1/classes
 * or so for codes that ignore the class, near 1 for clusters that do not overlap.
 */
export function latentSeparation(codes: Float32Array, labels: Int32Array, k = 5): number {
  const n = labels.length;
  if (n < 2) return 0;
  const kk = Math.min(k, n - 1);
  const dist = new Float64Array(n);
  const near = new Int32Array(kk);
  let right = 0;
  for (let i = 0; i < n; i++) {
    const xi = codes[2 * i];
    const yi = codes[2 * i + 1];
    for (let j = 0; j < n; j++) {
      const dx = codes[2 * j] - xi;
      const dy = codes[2 * j + 1] - yi;
      dist[j] = j === i ? Infinity : dx * dx + dy * dy;
    }
    // The kk nearest by repeated selection (kk is small).
    for (let m = 0; m < kk; m++) {
      let best = -1;
      for (let j = 0; j < n; j++) if (dist[j] !== -1 && (best < 0 || dist[j] < dist[best])) best = j;
      near[m] = best;
      dist[best] = -1;
    }
    const votes = new Map<number, number>();
    for (const j of near) votes.set(labels[j], (votes.get(labels[j]) ?? 0) + 1);
    const own = votes.get(labels[i]) ?? 0;
    let other = 0;
    for (const [c, v] of votes) if (c !== labels[i]) other = Math.max(other, v);
    if (own > other) right++;
  }
  return right / n;
}

/** The codes' extent, [min z₁, max z₁, min z₂, max z₂], widened by `margin` of each side (a point: ±1). */
export function latentExtent(codes: Float32Array, margin = 0.05): [number, number, number, number] {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i + 1 < codes.length; i += 2) {
    const x = codes[i];
    const y = codes[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  if (x0 > x1) return [-1, 1, -1, 1];
  const pad = (lo: number, hi: number): [number, number] => {
    const w = hi - lo;
    return w > 1e-9 ? [lo - w * margin, hi + w * margin] : [lo - 1, hi + 1];
  };
  return [...pad(x0, x1), ...pad(y0, y1)];
}

/** The centres of a size × size grid over an extent, (z₁, z₂) interleaved, row by row from the top (z₂ high). */
export function latentGrid(extent: readonly [number, number, number, number], size: number): number[] {
  const [x0, x1, y0, y1] = extent;
  const out: number[] = [];
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) out.push(x0 + ((c + 0.5) / size) * (x1 - x0), y1 - ((r + 0.5) / size) * (y1 - y0));
  }
  return out;
}

/**
 * The layers that can serve as a 2-D latent space: a layer (not an Input, not the output) whose
 * output is two values, such that every path from an Input to the output passes through it (so
 * the part after it decodes from the two values alone). In the network's order.
 */
export function bottlenecks(network: NetworkSpec, analysis: Analysis = analyze(network)): string[] {
  const outId = analysis.outputs[0];
  if (!outId || analysis.outputs.length !== 1) return [];
  const byId = new Map(network.nodes.map((n) => [n.id, n]));
  // Does the output reach an Input without passing `cut`?
  const bypasses = (cut: string): boolean => {
    const seen = new Set<string>();
    const stack = [outId];
    while (stack.length) {
      const id = stack.pop()!;
      if (id === cut || seen.has(id)) continue;
      seen.add(id);
      const node = byId.get(id);
      if (!node) continue;
      if (node.type === 'Input') return true;
      stack.push(...node.inputs);
    }
    return false;
  };
  return analysis.order.filter((id) => {
    const node = byId.get(id);
    const shape = analysis.nodes[id]?.shape;
    return node && node.type !== 'Input' && id !== outId && shape?.length === 1 && shape[0] === 2 && !bypasses(id);
  });
}

/**
 * An autoencoder's raw output as pixels in [0, 1], the way its loss reads it (training/objective.ts
 * `reconstructionOf`): a sigmoid output as it is, a sigmoid put on any other output under
 * cross-entropy, clipped under squared error.
 */
export function outputPixels(values: Float32Array, activation: string, loss: string): Float32Array {
  if (activation === 'sigmoid') return values;
  if (loss === 'crossEntropy') return values.map((v) => 1 / (1 + Math.exp(-v)));
  return values.map((v) => Math.min(1, Math.max(0, v)));
}

/** The activation of a network's output layer (its Dense's or Activation's), 'linear' for other layers. */
export function outputActivation(network: NetworkSpec, analysis: Analysis = analyze(network)): string {
  const out = network.nodes.find((n) => n.id === analysis.outputs[0]);
  const a = out?.params.activation;
  return typeof a === 'string' ? a : 'linear';
}

/**
 * How evenly 2-D codes fill the prior's middle: the share of the `cells` × `cells` squares tiling
 * [−range, range]² that hold at least one code. A VAE's codes fill it (near 1); a plain
 * autoencoder's lie on thin arms with gaps between (or far outside it).
 */
export function priorCoverage(codes: Float32Array, range = 2, cells = 10): number {
  const hit = new Uint8Array(cells * cells);
  for (let i = 0; i + 1 < codes.length; i += 2) {
    const cx = Math.floor(((codes[i] + range) / (2 * range)) * cells);
    const cy = Math.floor(((codes[i + 1] + range) / (2 * range)) * cells);
    if (cx >= 0 && cx < cells && cy >= 0 && cy < cells) hit[cy * cells + cx] = 1;
  }
  return hit.reduce((s, v) => s + v, 0) / hit.length;
}
