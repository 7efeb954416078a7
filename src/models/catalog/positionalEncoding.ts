/**
 * The PositionalEncoding layer: adds a sinusoidal (fixed) or learned `[maxLength, D]` table to a
 * `[batch, T, D]` sequence. `sinusoidalTable` is also what the sequence views and tests compare to.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { LayerArgs, LayerKit, Tensor, TF } from './sequenceLayerKit';

export interface PositionalEncodingConfig extends LayerArgs {
  encoding: 'sinusoidal' | 'learned';
  maxLength: number;
}

/** The sinusoidal table `PE[pos, 2i] = sin(pos / 10000^(2i/D))`, `PE[pos, 2i+1] = cos(…)`, row-major [T, D]. */
export function sinusoidalTable(length: number, depth: number): Float32Array {
  const out = new Float32Array(length * depth);
  for (let pos = 0; pos < length; pos++) {
    for (let j = 0; j < depth; j++) {
      const even = j - (j % 2);
      const angle = pos / Math.pow(10000, even / depth);
      out[pos * depth + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return out;
}

/** The PositionalEncoding class for this TF.js namespace (customLayers.ts makes and caches it). */
export function positionalEncodingClass(tf: TF, kit: LayerKit) {
  const { lastDim, firstShape, asList } = kit;

  class PositionalEncoding extends kit.WithWeights {
    static className = 'PositionalEncoding';
    readonly encoding: 'sinusoidal' | 'learned';
    readonly maxLength: number;
    private table: tfjs.LayerVariable | null = null;

    constructor(config: PositionalEncodingConfig) {
      super(config);
      this.encoding = config.encoding;
      this.maxLength = config.maxLength;
    }

    build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
      if (this.encoding === 'learned') this.table = this.adder()('table', [this.maxLength, lastDim(inputShape)], 'glorot');
      this.built = true;
    }

    computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape {
      return firstShape(inputShape);
    }

    call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const x = asList(inputs)[0];
        const shape = x.shape as number[];
        const [t, d] = [shape[shape.length - 2], shape[shape.length - 1]];
        if (t > this.maxLength) throw new Error(`PositionalEncoding: sequence length ${t} > maxLength ${this.maxLength}`);
        const pe = this.table ? tf.slice(this.table.read(), [0, 0], [t, d]) : tf.tensor2d(sinusoidalTable(t, d), [t, d]);
        return tf.add(x, pe);
      });
    }

    getConfig() {
      return { ...super.getConfig(), encoding: this.encoding, maxLength: this.maxLength };
    }
  }

  return PositionalEncoding;
}
