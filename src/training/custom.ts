import type * as tfjs from '@tensorflow/tfjs';
import { registerSequenceLayers } from './layers/register';

type TF = typeof tfjs;

/** Leaky ReLU's slope for x < 0 (tf.nn.leaky_relu's and PyTorch-export-friendly 0.2). */
export const LEAKY_ALPHA = 0.2;

let registered = false;

/**
 * TF.js layers know no 'leakyRelu' activation string; register one so `Dense({activation:
 * 'leakyRelu'})` builds like every other activation. Idempotent.
 */
export function registerCustomObjects(tf: TF): void {
  registerSequenceLayers(tf); // attention & positional-encoding layers (idempotent per tf)
  if (registered) return;
  registered = true;
  class LeakyReluActivation extends tf.serialization.Serializable {
    static className = 'leakyRelu';
    apply(x: tfjs.Tensor): tfjs.Tensor {
      return tf.leakyRelu(x, LEAKY_ALPHA);
    }
    getConfig() {
      return {};
    }
  }
  tf.serialization.registerClass(LeakyReluActivation);
}
