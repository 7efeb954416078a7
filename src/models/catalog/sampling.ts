/**
 * The Sampling layer (a variational autoencoder's reparameterisation trick, issue 16): two inputs of
 * the same shape, the mean μ and the log-variance log σ², and out z = μ + exp(½·log σ²)·ε with
 * ε ~ N(0, I) drawn per example while training; z = μ in inference, so the latent tools, the probes
 * and the test loss are deterministic.
 *
 * β (`beta`, the KL weight) is a parameter of the node rather than a training setting: it belongs to
 * this layer's part of the objective (a network with two Sampling nodes could weigh them apart), it
 * travels in links and files with the node through the codec's existing parameter checks, and the
 * inspector shows it with its slider like any other parameter.
 *
 * While training, the layer keeps the KL divergence of its last call (`lastKl`, a scalar made inside
 * the caller's tidy and gradient tape): KL(N(μ, σ²) ‖ N(0, I)) = −½·Σ(1 + log σ² − μ² − σ²), summed
 * over the latent and averaged over the batch. The runtime adds β·KL / (output values per example)
 * to the reconstruction loss (training/samplingLoss.ts), so β = 1 is the ELBO per pixel.
 *
 * The noise is seeded: the model's `forward` sets `seed` before each training pass (from the
 * Experiment's seed and the step), and each call moves it on, so a link reproduces the run.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { fail, formatShape, ok, type LayerDef, type TF } from './layerDef';

export type SamplingParams = { beta: number };

type Tensor = tfjs.Tensor;

/** What the runtime reads of a built Sampling layer. */
export interface SamplingLayer extends tfjs.layers.Layer {
  readonly isSampling: true;
  beta: number;
  /** The seed of the next training call's noise. */
  seed: number;
  /**
   * The KL term of the last training call (mean over the batch), or null (inference, or not called
   * yet). It outlives the call (the functional model runs its layers in a tidy of its own), so it is
   * one tensor held between steps: `setKl` frees the old one; the model's dispose frees the last.
   */
  readonly lastKl: Tensor | null;
  setKl(kl: Tensor | null): void;
}

export function isSamplingLayer(layer: tfjs.layers.Layer): layer is SamplingLayer {
  return (layer as Partial<SamplingLayer>).isSampling === true;
}

/**
 * KL(N(μ, exp(lv)) ‖ N(0, I)) per example, summed over every axis but the batch, then averaged over
 * the batch: a scalar. Pure TF.js maths (call inside a tidy).
 */
export function klDivergence(tf: TF, mu: Tensor, logVar: Tensor): tfjs.Scalar {
  const terms = tf.sub(tf.sub(tf.add(1, logVar), tf.square(mu)), tf.exp(logVar));
  const perExample = tf.mul(-0.5, tf.sum(tf.reshape(terms, [terms.shape[0] ?? -1, -1]), 1));
  return tf.mean(perExample) as tfjs.Scalar;
}

type SamplingClass = new (config: { name: string; beta: number }) => SamplingLayer;
const classes = new WeakMap<object, SamplingClass>();

/** The Sampling layer class for this TF.js namespace (made once, registered for serialization). */
export function samplingClass(tf: TF): SamplingClass {
  const hit = classes.get(tf);
  if (hit) return hit;
  class Sampling extends tf.layers.Layer implements SamplingLayer {
    static className = 'Sampling';
    readonly isSampling = true as const;
    beta: number;
    seed = 1;
    lastKl: Tensor | null = null;

    constructor(config: { name: string; beta: number }) {
      super({ name: config.name });
      this.beta = config.beta;
    }

    computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape {
      return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfjs.Shape;
    }

    call(inputs: Tensor | Tensor[], kwargs: Record<string, unknown>): Tensor {
      const [mu, logVar] = Array.isArray(inputs) ? inputs : [inputs, inputs];
      if (kwargs.training !== true) {
        this.setKl(null);
        return tf.clone(mu);
      }
      const seed = this.seed;
      // Move the stream on, so a second training call before the next forward draws new noise.
      this.seed = (Math.imul(this.seed, 1664525) + 1013904223) >>> 0;
      const eps = tf.randomNormal(mu.shape, 0, 1, 'float32', seed);
      // Kept past the functional model's own tidy (Container.call); freed by the next call or `setKl`.
      this.setKl(tf.keep(klDivergence(tf, mu, logVar)));
      return tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logVar)), eps));
    }

    setKl(kl: Tensor | null): void {
      if (this.lastKl && this.lastKl !== kl && !this.lastKl.isDisposed) this.lastKl.dispose();
      this.lastKl = kl;
    }

    getConfig() {
      return { ...super.getConfig(), beta: this.beta };
    }
  }
  tf.serialization.registerClass(Sampling as unknown as Parameters<TF['serialization']['registerClass']>[0]);
  classes.set(tf, Sampling);
  return Sampling;
}

export const Sampling: LayerDef<SamplingParams, 'Sampling'> = {
  type: 'Sampling',
  family: 'generative',
  params: [{ name: 'beta', kind: 'float', default: 1, min: 0, max: 50 }],
  arity: [2, 2],
  inferShape(inputs) {
    const [mu, logVar] = inputs;
    if (mu.length !== logVar.length || mu.some((d, k) => d !== logVar[k])) {
      return fail('err.sampling.shapes', { a: formatShape(mu), b: formatShape(logVar) });
    }
    return ok([...mu]);
  },
  paramCount: () => 0,
  build(tf, params, name) {
    return new (samplingClass(tf))({ name, beta: params.beta });
  },
};

/** Layer types of this family, registered in index.ts. */
export const LAYERS = [Sampling] as const;
